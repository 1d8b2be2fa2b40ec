"""What data entry refuses in a person's events, and why: the one home of these rules.

The admin's forms and the API's writes both ask `event_problems` (and `person_problems`,
`citation_problems`) and show each `Problem` at the field it names, so a staff member reads what
is wrong and where, whichever way the record came in. The rules catch typing errors that the
figures would otherwise count as facts:

- a date of something that happened that is still to come;
- a release, deportation or death in custody dated before the person's first arrest (a freed
  person who was held before and arrested again later has that earlier arrest recorded, undated
  when no source dates it); an arrest, transfer, release or death after the person's death;
  anything that happened before the person was born;
- a sentence's end (`term_ends_on`) before the sentence; a term with no kind of sentence, a
  prison term of no months, a term given with a life or death sentence;
- a charge under an article of another state's code than the holding state's, or under an
  article the registry does not know for that state;
- a kind of custody on an event that begins or changes no custody (only an arrest, a sentence or
  a transfer has one); "on trial while free" on a sentence (the trial is over); a non-custodial
  sentence served in a prison, a colony, pre-trial detention or a psychiatric hospital;
- a destination that is the holding state itself (that is no release abroad), or a destination
  on an event that takes nobody anywhere; a country that is not an ISO code.

Partial dates are compared generously: "released in 2021" is only before an arrest on
2021-03-14 when the whole of 2021 is, so a date given to the month or year is never refused for
what it does not say.

Interface shared with the API's writes (keep it; extend with keyword arguments that default):
`Problem(field, message)`, `event_problems(event, articles=(), today=None)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from rollcall.events.choices import HAS_CUSTODY_KIND, CustodyKind, EventType, SentenceKind
from rollcall.events.models import CriminalArticle, Event
from rollcall.lib.countries import clean_country
from rollcall.lib.dates import (
    DatePrecision,
    PartialDate,
    format_partial,
    latest_past_day,
    period_end,
)
from rollcall.people.models import Person, PersonName
from rollcall.sources.models import Citation, Source


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record being entered.

    `field` is the form or API field it is about ("date", "term_ends_on", "articles",
    "destination", …); `message` says what is wrong and what to change, in the words of a
    staff member, in the active language.
    """

    field: str
    message: str


# Events that end a stretch of custody, and so need one to have begun.
ENDS_CUSTODY = (EventType.RELEASE, EventType.DEPORTATION, EventType.DEATH_IN_CUSTODY)
DEATHS = (EventType.DEATH, EventType.DEATH_IN_CUSTODY)
# What cannot happen to someone who has died. A charge, a sentence or a recognition can: states
# try the dead in absentia, and rights groups recognise prisoners after their death.
NOT_AFTER_DEATH = (
    EventType.ARREST,
    EventType.TRANSFER,
    EventType.RELEASE,
    EventType.DEPORTATION,
    *DEATHS,
)
# Events that take a person somewhere else: only they have a destination.
HAS_DESTINATION = (EventType.RELEASE, EventType.DEPORTATION)
CHARGED_WITH = (EventType.ARREST, EventType.CHARGE, EventType.SENTENCE)


def _last_day(value: date, precision: str) -> date:
    return period_end(PartialDate(value, precision))


def _when(event: Event) -> str:
    return format_partial(event.date, event.date_precision)


def _before(earlier: Event, later: Event) -> bool:
    """Whether `earlier` certainly happened before `later`, whatever their precisions hide."""
    if earlier.date is None or later.date is None:
        return False
    return _last_day(earlier.date, earlier.date_precision) < later.date


def future_date_problem(
    field: str, value: date | None, precision: str = DatePrecision.DAY, today: date | None = None
) -> list[Problem]:
    """A date of something that happened, refused when it is still to come (a day's slack for
    readers ahead of the server's time zone, as `lib.dates.future_problem` allows)."""
    if value is None or value <= latest_past_day(today):
        return []
    return [
        Problem(
            field,
            _(
                "%(date)s is in the future: give the date it happened, or leave the date empty "
                "when no source gives one."
            )
            % {"date": format_partial(value, precision)},
        )
    ]


def country_problem(field: str, code: str) -> list[Problem]:
    """A country field's value, when given, must be an upper-case ISO 3166-1 alpha-2 code."""
    if not code:
        return []
    try:
        cleaned = clean_country(code)
    except ValueError:
        return [
            Problem(
                field,
                _("%(code)s is not a country code: write the two-letter ISO code, e.g. BY.")
                % {"code": repr(code)},
            )
        ]
    if cleaned != code:
        return [
            Problem(
                field,
                _("Write the country code in capitals: %(code)s.") % {"code": cleaned},
            )
        ]
    return []


def _person_of(event: Event) -> Person | None:
    """The event's person, saved or being entered with it; None when none is set yet."""
    if event.person_id is None and not Event.person.is_cached(event):
        return None
    try:
        return event.person
    except Person.DoesNotExist:
        return None


def _timeline(event: Event, others: Iterable[Event] | None) -> list[Event]:
    """The person's other events: as given (a form editing several at once), else as stored."""
    if others is not None:
        return [other for other in others if other is not event]
    if event.person_id is None:
        return []
    stored = Event.objects.filter(person_id=event.person_id)
    if event.pk is not None:
        stored = stored.exclude(pk=event.pk)
    return list(stored)


def _timeline_problems(event: Event, others: list[Event]) -> list[Problem]:
    """The event's date against the person's other events: custody ends after it began, and
    nothing is done to a person after their death."""
    problems: list[Problem] = []
    if event.date is None:
        return problems
    everyone = [*others, event]
    dated_arrests = [e for e in everyone if e.type == EventType.ARREST and e.date is not None]
    # An undated arrest says the person was held at some time nobody dates: a release before
    # their first dated arrest may end it.
    undated_arrest = any(e.type == EventType.ARREST and e.date is None for e in everyone)
    if dated_arrests and not undated_arrest:
        first = min(dated_arrests, key=lambda e: (e.date, e is not event))
        if event.type in ENDS_CUSTODY and _before(event, first):
            problems.append(
                Problem(
                    "date",
                    _(
                        "This %(event)s (%(date)s) is before the person's first arrest "
                        "(%(arrest)s): correct either date. If the person was also held before "
                        "and arrested again later, record that earlier arrest too (undated if no "
                        "source dates it)."
                    )
                    % {
                        "event": event.get_type_display(),
                        "date": _when(event),
                        "arrest": _when(first),
                    },
                )
            )
        elif event is first:
            ended = [e for e in others if e.type in ENDS_CUSTODY and _before(e, event)]
            if ended:
                earliest = min(ended, key=lambda e: e.date or date.max)
                problems.append(
                    Problem(
                        "date",
                        _(
                            "This arrest (%(date)s) is after the person's %(event)s "
                            "(%(ended)s), which would then end a detention that never began: "
                            "correct either date, or record the earlier arrest too."
                        )
                        % {
                            "date": _when(event),
                            "event": earliest.get_type_display(),
                            "ended": _when(earliest),
                        },
                    )
                )
    deaths = [e for e in others if e.type in DEATHS and e.date is not None]
    if event.type in NOT_AFTER_DEATH and deaths:
        death = min(deaths, key=lambda e: e.date or date.max)
        if _before(death, event):
            problems.append(
                Problem(
                    "date",
                    _(
                        "This %(event)s (%(date)s) is after the person's death (%(death)s): "
                        "correct either date."
                    )
                    % {
                        "event": event.get_type_display(),
                        "date": _when(event),
                        "death": _when(death),
                    },
                )
            )
    if event.type in DEATHS and not problems:  # a death before the first arrest is said once
        after = [e for e in others if e.type in NOT_AFTER_DEATH and _before(event, e)]
        if after:
            latest = max(after, key=lambda e: e.date or date.min)
            problems.append(
                Problem(
                    "date",
                    _(
                        "The person's %(event)s (%(later)s) is recorded after this death "
                        "(%(date)s): correct either date."
                    )
                    % {
                        "event": latest.get_type_display(),
                        "later": _when(latest),
                        "date": _when(event),
                    },
                )
            )
    return problems


def _birth_problems(event: Event, person: Person | None) -> list[Problem]:
    if person is None or person.birth_date is None or event.date is None:
        return []
    if _last_day(event.date, event.date_precision) >= person.birth_date:
        return []
    return [
        Problem(
            "date",
            _("%(date)s is before the person was born (%(birth)s): correct either date.")
            % {"date": _when(event), "birth": person.birth},
        )
    ]


def _sentence_problems(event: Event) -> list[Problem]:
    problems: list[Problem] = []
    if event.type != EventType.SENTENCE:
        given = [
            name
            for name in ("sentence_kind", "term_months", "term_ends_on")
            if getattr(event, name) not in (None, "")
        ]
        problems += [
            Problem(
                name, _("Only a sentence has this: leave it empty, or make the event a sentence.")
            )
            for name in given
        ]
        return problems
    if event.term_ends_on is not None and event.date and event.term_ends_on < event.date:
        problems.append(
            Problem(
                "term_ends_on",
                _(
                    "The sentence ends (%(ends)s) before it was passed (%(date)s): correct "
                    "either date."
                )
                % {"ends": event.term_ends_on.isoformat(), "date": _when(event)},
            )
        )
    if not event.sentence_kind and (event.term_months is not None or event.term_ends_on):
        problems.append(
            Problem(
                "sentence_kind",
                _("Say what kind of sentence this is: a term has been given."),
            )
        )
    if event.sentence_kind == SentenceKind.TERM and event.term_months == 0:
        problems.append(
            Problem(
                "term_months",
                _("A prison term of 0 months: give the term's length, or leave it empty."),
            )
        )
    if event.sentence_kind in (SentenceKind.LIFE, SentenceKind.DEATH_PENALTY):
        if event.term_months is not None:
            problems.append(
                Problem(
                    "term_months",
                    _("A %(kind)s has no term in months: leave it empty.")
                    % {"kind": event.get_sentence_kind_display()},
                )
            )
        if event.term_ends_on is not None:
            problems.append(
                Problem(
                    "term_ends_on",
                    _("A %(kind)s has no end date: leave it empty.")
                    % {"kind": event.get_sentence_kind_display()},
                )
            )
    return problems


# Kinds of custody a non-custodial sentence may still carry: restricted freedom with referral
# (khimiya) and house arrest are passed as sentences of restricted freedom, not imprisonment.
NON_CUSTODIAL_KINDS = (CustodyKind.RESTRICTED_FREEDOM, CustodyKind.HOUSE_ARREST)


def _custody_kind_problems(event: Event) -> list[Problem]:
    kind = event.custody_kind
    if not kind:
        return []
    if event.type not in HAS_CUSTODY_KIND:
        return [
            Problem(
                "custody_kind",
                _(
                    "Only an arrest, a sentence or a transfer has a kind of custody: leave it "
                    "empty, or change the event's type."
                ),
            )
        ]
    if event.type != EventType.SENTENCE:
        return []
    if kind == CustodyKind.TRIAL_WHILE_FREE:
        return [
            Problem(
                "custody_kind",
                _(
                    "A sentence ends the trial: choose the kind of custody it is served in, or "
                    "leave it empty."
                ),
            )
        ]
    if event.sentence_kind == SentenceKind.NON_CUSTODIAL and kind not in NON_CUSTODIAL_KINDS:
        return [
            Problem(
                "custody_kind",
                _(
                    "A non-custodial sentence is not served in %(kind)s: correct the kind of "
                    "sentence or the kind of custody."
                )
                % {"kind": event.get_custody_kind_display()},
            )
        ]
    return []


def _place_problems(event: Event) -> list[Problem]:
    problems = country_problem("country", event.country) + country_problem(
        "destination", event.destination
    )
    if not event.destination:
        return problems
    if event.type not in HAS_DESTINATION:
        problems.append(
            Problem(
                "destination",
                _(
                    "Only a release or a deportation takes a person to another country: leave "
                    "the destination empty."
                ),
            )
        )
    elif event.destination == event.country:
        problems.append(
            Problem(
                "destination",
                _(
                    "The destination is the holding state itself (%(country)s): give the "
                    "country the person was taken to, or leave it empty if they stayed."
                )
                % {"country": event.country},
            )
        )
    return problems


def _release_problems(event: Event) -> list[Problem]:
    if event.release_kind and event.type not in HAS_DESTINATION:
        return [
            Problem(
                "release_kind",
                _("Only a release or a deportation says how the person was freed: leave it empty."),
            )
        ]
    return []


def article_problems(event: Event, articles: Sequence[CriminalArticle]) -> list[Problem]:
    """The charges: articles of the holding state's own code, each known to the registry.

    An article given as text (unsaved, no id) must be one the registry lists for that state:
    a number nobody has recorded is more often a slip than a new article.
    """
    if not articles:
        return []
    if not event.country:
        return [
            Problem(
                "country",
                _("Give the holding state: the articles charged are of its criminal code."),
            )
        ]
    problems: list[Problem] = []
    for article in articles:
        label = f"{article.code} art. {article.number}"
        if article.country != event.country:
            problems.append(
                Problem(
                    "articles",
                    _(
                        "%(article)s is an article of %(other)s's code, not of the holding "
                        "state %(country)s: choose the article of %(country)s's code."
                    )
                    % {"article": label, "other": article.country, "country": event.country},
                )
            )
        elif (
            article.pk is None
            and not CriminalArticle.objects.filter(
                country=article.country, code=article.code, number=article.number
            ).exists()
        ):
            problems.append(
                Problem(
                    "articles",
                    _(
                        "%(article)s is not an article the registry knows for %(country)s: "
                        "check the number, or add the article first."
                    )
                    % {"article": label, "country": event.country},
                )
            )
    if event.type not in CHARGED_WITH:
        problems.append(
            Problem(
                "articles",
                _("Only an arrest, a charge or a sentence names articles: leave them empty."),
            )
        )
    return problems


def event_problems(
    event: Event,
    articles: Sequence[CriminalArticle] = (),
    today: date | None = None,
    *,
    others: Iterable[Event] | None = None,
) -> list[Problem]:
    """Problems with an unsaved (or edited) event in the context of its person's other events.

    `articles`: the charges as entered (saved articles, or unsaved ones typed as text).
    `others`: the person's other events, when a form is editing several of them at once; read
    from the database otherwise. An empty list means the event is fine.
    """
    person = _person_of(event)
    return [
        *future_date_problem("date", event.date, event.date_precision, today),
        *_place_problems(event),
        *_release_problems(event),
        *_sentence_problems(event),
        *_custody_kind_problems(event),
        *article_problems(event, articles),
        *_timeline_problems(event, _timeline(event, others)),
        *_birth_problems(event, person),
    ]


def person_problems(person: Person, today: date | None = None) -> list[Problem]:
    """A person's own fields: a birth still to come, or after something that happened to them."""
    problems = future_date_problem("birth_date", person.birth_date, person.birth_precision, today)
    if problems or person.birth_date is None or person.pk is None:
        return problems
    born = person.birth_date
    earlier = [
        event
        for event in Event.objects.filter(person=person, date__lt=born).order_by("date")
        if event.date is not None and _last_day(event.date, event.date_precision) < born
    ]
    if earlier:
        problems.append(
            Problem(
                "birth_date",
                _(
                    "The person's %(event)s (%(date)s) is before this birth date: correct "
                    "either date."
                )
                % {"event": earlier[0].get_type_display(), "date": _when(earlier[0])},
            )
        )
    return problems


def name_problems(name: PersonName) -> list[Problem]:
    """A name is words, not blank space; its script, when given, is a BCP 47 tag."""
    problems: list[Problem] = []
    if not name.value.strip():
        problems.append(Problem("value", _("Write the name.")))
    elif name.value != " ".join(name.value.split()):
        problems.append(
            Problem(
                "value",
                _("Remove the extra spaces: %(name)s.") % {"name": " ".join(name.value.split())},
            )
        )
    if name.script and not all(part.isalnum() for part in name.script.split("-")):
        problems.append(
            Problem(
                "script",
                _("Write the script as a BCP 47 tag, e.g. be-Cyrl, ru-Cyrl, be-Latn or zh-Hans."),
            )
        )
    return problems


def citation_problems(citation: Citation) -> list[Problem]:
    """The quoted evidence must be in the source's stored text, where the offsets say it is:
    a quote that cannot be found in the document it claims to come from is not evidence."""
    source = citation.source if citation.source_id is not None else None
    if source is None or not citation.quote or not source.text:
        return []
    text = source.text
    located = citation.start is not None and citation.end is not None
    if located and text[citation.start : citation.end] == citation.quote:
        return []
    if not located and citation.quote in text:
        return []
    if citation.quote in text:
        return [
            Problem(
                "start",
                _(
                    "The quote is in the source's text, but not at these offsets: clear the "
                    "start and end to have them found."
                ),
            )
        ]
    return [
        Problem(
            "quote",
            _(
                "The quote is not in the source's stored text: copy it exactly as the source "
                "writes it."
            ),
        )
    ]


def source_problems(source: Source, today: date | None = None) -> list[Problem]:
    """A source someone can find again, and a stored text that still holds what is quoted
    from it: a text edited after facts cited it must not leave their evidence behind."""
    problems = future_date_problem(
        "published_on", source.published_on, source.published_precision, today
    )
    if source.retrieved_at is not None:
        problems += future_date_problem("retrieved_at", source.retrieved_at.date(), today=today)
    if not (source.url or source.title or source.text):
        problems.append(Problem("url", _("Give the source's address, its title, or its text.")))
    if source.pk is not None and source.text:
        lost = [
            quote
            for quote in Citation.objects.filter(source_id=source.pk)
            .exclude(quote="")
            .values_list("quote", flat=True)
            if quote not in source.text
        ]
        if lost:
            problems.append(
                Problem(
                    "text",
                    _(
                        "%(count)s citation(s) quote words this text no longer holds, e.g. "
                        "%(quote)s: keep them in the text, or change those citations first."
                    )
                    % {"count": len(lost), "quote": repr(lost[0][:80])},
                )
            )
    return problems


__all__ = [
    "Problem",
    "article_problems",
    "citation_problems",
    "country_problem",
    "event_problems",
    "future_date_problem",
    "name_problems",
    "person_problems",
    "source_problems",
]
