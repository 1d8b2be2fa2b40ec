"""The Atom feed of newly recorded events, the sitemap of every public page, and robots.txt.

Journalists and campaigns follow a registry through a feed reader; search engines and archives
find its pages through the sitemap. Both list only what a visitor may read: events of people who
are public and published, and their pages. A person who asked not to be named is counted in the
figures but never appears here, not even without a name, since an entry's date and place could
name them to someone who knows the case.

An event's time in the feed is when it was recorded (its first history row): the feed is news of
the registry, and an arrest recorded today from a 2020 report is new to its readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from rollcall.collective.models import CollectiveEvent
from rollcall.events.models import Event
from rollcall.people.models import Person
from rollcall.web.templatetags.rollcall import country as country_name

FEED_LENGTH = 50
# Creation rows are read newest first in batches until enough public events are found; a
# batch of hidden or deleted ones only costs another batch.
BATCH = 200


@dataclass(frozen=True)
class Entry:
    event: Event
    recorded: datetime


def recorded_events(limit: int = FEED_LENGTH) -> list[Entry]:
    """The most recently recorded events of public people, newest first."""
    created = Event.history.filter(history_type="+").order_by("-history_date", "-history_id")
    entries: list[Entry] = []
    offset = 0
    while len(entries) < limit:
        rows = list(created.values_list("id", "history_date")[offset : offset + BATCH])
        if not rows:
            break
        offset += BATCH
        events = (
            Event.objects.filter(pk__in=[pk for pk, _ in rows], person__in=Person.objects.public())
            .select_related("person", "collective")
            .prefetch_related("person__names")
        )
        found = {event.pk: event for event in events}
        entries += [Entry(found[pk], when) for pk, when in rows if pk in found]
    return entries[:limit]


class EventsFeed(Feed):  # type: ignore[type-arg]  # generic only in the stubs
    feed_type = Atom1Feed
    # In the language of the address it is read at (/feed.atom, /be/feed.atom, /ru/feed.atom).
    title = gettext_lazy("Rollcall: newly recorded events")
    subtitle = gettext_lazy(
        "Arrests, sentences, transfers, releases, deportations and deaths in custody, as they "
        "are recorded in the registry, each linked to the person's sourced record."
    )

    def link(self) -> str:
        return reverse("web:home")

    def items(self) -> list[Entry]:
        return recorded_events()

    def item_title(self, item: Entry) -> str:
        event = item.event
        title = f"{event.get_type_display().capitalize()}: {event.person.primary_name}"
        if event.country:
            title += f" ({country_name(event.country)})"
        return title

    def item_description(self, item: Entry) -> str:
        event = item.event
        parts = [event.when or _("date not reported")]
        if event.release_kind:
            parts.append(event.get_release_kind_display())
        if event.destination:
            parts.append(_("taken to %(place)s") % {"place": country_name(event.destination)})
        if event.collective is not None:
            parts.append(_("part of %(event)s") % {"event": event.collective.title})
        return "; ".join(str(part) for part in parts)

    def item_link(self, item: Entry) -> str:
        person = reverse("web:person", args=[item.event.person.uid])
        return f"{person}#event-{item.event.pk}"

    def item_guid(self, item: Entry) -> str:
        return f"rollcall-event-{item.event.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Entry) -> datetime:
        return item.recorded

    def item_updateddate(self, item: Entry) -> datetime:
        return item.recorded


class Translated(Sitemap):  # type: ignore[type-arg]
    """A page in each of the site's languages, each address listing the others as alternates
    (`hreflang`), so a search engine offers readers the page in their language."""

    i18n = True
    alternates = True
    x_default = True


class StaticPages(Translated):
    """The pages every registry has, whatever it holds."""

    def items(self) -> list[str]:
        return ["web:home", "web:people", "web:collective-list", "web:stats", "web:letters"]

    def location(self, item: str) -> str:
        return reverse(item)


class PeoplePages(Translated):
    limit = 10_000

    def items(self) -> QuerySet[Person]:
        return Person.objects.public().order_by("pk").only("uid", "updated_at")

    def location(self, item: Person) -> str:
        return reverse("web:person", args=[item.uid])

    def lastmod(self, item: Person) -> datetime:
        return item.updated_at


class CollectivePages(Translated):
    def items(self) -> QuerySet[CollectiveEvent]:
        return CollectiveEvent.objects.order_by("pk").only("pk")

    def location(self, item: CollectiveEvent) -> str:
        return reverse("web:collective", args=[item.pk])


SITEMAPS = {"pages": StaticPages, "people": PeoplePages, "collective": CollectivePages}


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the public pages, find them all in the sitemap, and leave the staff
    pages and the API (which serves programs, and whose searches are costly) alone."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /review/",
        "Disallow: /login/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('web:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
