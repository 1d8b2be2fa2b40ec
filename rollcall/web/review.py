"""The reviewer's pages: an article's text with the evidence of each proposed fact highlighted
beside it, and the decisions (accept, correct then accept, attach a name to another person,
reject with a reason).

They are plain forms posting to the server, so a reviewer on a locked-down browser can work with
JavaScript off. The decisions call the same functions as `rollcall review` (rollcall.ingest), so
the page and the command line cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from rollcall.collective.choices import Qualifier
from rollcall.events.choices import ReleaseKind
from rollcall.ingest.accept import EVENT_KINDS, ReviewError, accept, reject
from rollcall.ingest.editing import MEASURES, Attachment, Correction, correct
from rollcall.ingest.matching import list_of
from rollcall.ingest.models import Proposal, ProposalKind, ProposalStatus
from rollcall.people.matching import registry_index
from rollcall.sources.models import Source
from rollcall.web.templatetags.rollcall import country as country_name

REVIEW_PERMISSION = "ingest.change_proposal"
# A proposal names a handful of people; a form claiming thousands is not a reviewer's.
MAX_PERSONS = 200
# How many registry people the page offers for each name, besides "new person".
CANDIDATES = 3
# What a release was linked to, in the reviewer's words (the extraction's `linked[].type`).
LINKED = {
    "sanctions_relief": _("sanctions relief"),
    "agreement": _("agreement"),
    "exchange": _("exchange"),
    "mediation": _("mediation"),
}
# What accepting created, by model, as the page counts it ("4 people, 4 events").
CREATED = {
    "people.Person": _("new people"),
    "people.PersonName": _("names"),
    "people.Citizenship": _("citizenships"),
    "events.Event": _("events"),
    "collective.CollectiveEvent": _("collective events"),
    "collective.DestinationCount": _("destinations"),
    "collective.NationalsCount": _("counts of citizens"),
    "collective.Agreement": _("agreements"),
    "collective.AgreementParty": _("parties to agreements"),
    "collective.SanctionsMeasure": _("sanctions measures"),
    "collective.ReportedEstimate": _("reported estimates"),
}


View = Callable[..., HttpResponse]


def reviewer_only(view: View) -> View:
    """Logged in, and allowed to decide what an article's facts become."""
    allowed: View = permission_required(REVIEW_PERMISSION, raise_exception=True)(view)
    return login_required(allowed)


@require_safe
@reviewer_only
def articles(request: HttpRequest) -> HttpResponse:
    """Every article with facts queued, those with facts still pending first."""
    sources = (
        Source.objects.filter(proposals__isnull=False)
        .annotate(
            pending=Count("proposals", filter=Q(proposals__status=ProposalStatus.PENDING)),
            accepted=Count("proposals", filter=Q(proposals__status=ProposalStatus.ACCEPTED)),
            rejected=Count("proposals", filter=Q(proposals__status=ProposalStatus.REJECTED)),
            queued=Max("proposals__queued_at"),
        )
        .order_by("-pending", "-queued", "-id")
    )
    return render(request, "web/review/articles.html", {"sources": sources})


@require_safe
@reviewer_only
def article(request: HttpRequest, source_id: int) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.filter(proposals__isnull=False).distinct(), pk=source_id
    )
    proposals = list(
        Proposal.objects.filter(source=source).select_related("reviewed_by").order_by("position")
    )
    return render(
        request,
        "web/review/article.html",
        {
            "source": source,
            "segments": highlighted(source.text, proposals),
            "cards": [card(p) for p in proposals],
            "counts": Counter(p.status for p in proposals),
            "qualifiers": Qualifier.choices,
            "release_kinds": ReleaseKind.choices,
            "measures": MEASURES,
        },
    )


@require_POST
@reviewer_only
def decide(request: HttpRequest, uid: str) -> HttpResponse:
    """One decision on one proposal, then back to the article at that proposal."""
    proposal = get_object_or_404(Proposal.objects.select_related("source"), uid=uid)
    action = request.POST.get("action", "")
    user = request.user if isinstance(request.user, AbstractBaseUser) else None
    try:
        if action == "accept":
            accept(uid, user)
            messages.success(request, _("%(uid)s accepted.") % {"uid": uid})
        elif action == "reject":
            reason = " ".join(request.POST.get("reason", "").split())[:2000]
            if not reason:
                raise ReviewError(f"{uid}: reason: give the reason for rejecting")
            reject(uid, reason, user)
            messages.success(request, _("%(uid)s rejected.") % {"uid": uid})
        elif action in ("save", "save_accept"):
            correct(uid, correction_from(request.POST, proposal), user)
            if action == "save_accept":
                accept(uid, user)
                messages.success(request, _("%(uid)s corrected and accepted.") % {"uid": uid})
            else:
                messages.success(request, _("%(uid)s corrected.") % {"uid": uid})
        else:
            raise ReviewError(f"{uid}: action: unknown action {action[:40]!r}")
    except ReviewError as exc:
        messages.error(request, str(exc))
    target = reverse("web:review-article", args=[proposal.source_id])
    return HttpResponseRedirect(f"{target}#{uid}")


# Reading the correction form


class CorrectionForm(forms.Form):
    """The fields of a proposal a reviewer may correct, bounded like every form on the site."""

    date = forms.CharField(required=False, max_length=10)
    country = forms.CharField(required=False, max_length=2)
    release_kind = forms.ChoiceField(required=False, choices=[("", ""), *ReleaseKind.choices])
    count_value = forms.IntegerField(required=False, min_value=0, max_value=10_000_000)
    count_qualifier = forms.ChoiceField(required=False, choices=[("", ""), *Qualifier.choices])
    measure = forms.ChoiceField(required=False, choices=[("", ""), *((m, m) for m in MEASURES)])
    attributed_to = forms.CharField(required=False, max_length=300)


def correction_from(data: QueryDict, proposal: Proposal) -> Correction:
    """The correction a posted form asks for; ReviewError naming the first bad field."""
    form = CorrectionForm(data)
    if not form.is_valid():
        field_name, errors = next(iter(form.errors.items()))
        raise ReviewError(f"{proposal.uid}: {field_name}: {' '.join(map(str, errors))}")
    values = form.cleaned_data
    correction = Correction(
        date=values["date"],
        country=values["country"],
        release_kind=values["release_kind"] if proposal.kind == ProposalKind.RELEASE else None,
        count_value=values["count_value"],
        count_qualifier=values["count_qualifier"] or None,
        clear_count=values["count_value"] is None,
    )
    if proposal.kind == ProposalKind.ESTIMATE:
        correction.clear_count = False
        correction.measure = values["measure"] or None
        correction.attributed_to = values["attributed_to"]
    elif proposal.kind in EVENT_KINDS:
        correction.persons = attachments_from(data)
    return correction


def attachments_from(data: QueryDict) -> list[Attachment]:
    """Each proposed name with the person the reviewer chose: a typed id wins over the choice
    among the candidates; "new" or nothing is a new person; a ticked "drop" leaves the name out."""
    names = data.getlist("person_name")[:MAX_PERSONS]
    typed = data.getlist("person_id")[:MAX_PERSONS]
    dropped = set(data.getlist("person_drop")[:MAX_PERSONS])
    attachments: list[Attachment] = []
    for position, name in enumerate(names):
        if str(position) in dropped:
            continue
        person_id = (typed[position] if position < len(typed) else "").strip()[:40]
        chosen = data.get(f"person_choice_{position}", "new").strip()[:40]
        if not person_id and chosen != "new":
            person_id = chosen
        attachments.append(Attachment(name=name[:300], person_id=person_id or None))
    return attachments


# What the page shows


@dataclass
class Segment:
    """A run of the article's text, highlighted when it is evidence for some proposals.

    `anchors` are the proposals whose evidence begins here, so that each proposal's "show in
    the text" link has a place to land even when two proposals quote the same sentence.
    """

    text: str
    proposals: list[str]
    anchors: list[str]


def highlighted(text: str, proposals: list[Proposal]) -> list[Segment]:
    """The text cut where evidence spans begin and end, each piece knowing whose evidence it is.

    Spans whose offsets do not fit the text (a source edited since) are left unhighlighted rather
    than highlighted in the wrong place.
    """
    spans: list[tuple[int, int, str]] = []
    for proposal in proposals:
        for span in list_of(proposal.evidence):
            start, end = span.get("start"), span.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append((start, end, proposal.uid))
    cuts = sorted({0, len(text)} | {s for s, _, _ in spans} | {e for _, e, _ in spans})
    anchored: set[str] = set()
    segments: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = list(dict.fromkeys(uid for s, e, uid in spans if s <= start and end <= e))
        anchors = [uid for uid in covering if uid not in anchored]
        anchored.update(anchors)
        segments.append(Segment(text[start:end], covering, anchors))
    return segments


@dataclass
class PersonRow:
    position: int
    name: str
    match_id: str
    match_name: str
    score: object
    candidates: list[tuple[str, str, float]]
    person_url: str


def card(proposal: Proposal) -> dict[str, object]:
    """What the page shows of one proposal, worked out here rather than in the template."""
    fact = proposal.proposal if isinstance(proposal.proposal, dict) else {}
    count = fact.get("count") if isinstance(fact.get("count"), dict) else None
    return {
        "proposal": proposal,
        "fact": fact,
        "country_name": country_name(str(fact.get("country") or "")),
        "count": count,
        "destinations": [
            {**d, "name": country_name(str(d.get("country") or ""))}
            for d in list_of(fact.get("destinations"))
        ],
        "nationals": [
            {**n, "name": country_name(str(n.get("country") or ""))}
            for n in list_of(fact.get("nationals"))
        ],
        "linked": [
            {**link, "label": LINKED.get(str(link.get("type")), link.get("type"))}
            for link in list_of(fact.get("linked"))
        ],
        "persons": person_rows(proposal, fact),
        "is_event": proposal.kind in EVENT_KINDS,
        "is_release": proposal.kind == ProposalKind.RELEASE,
        "is_estimate": proposal.kind == ProposalKind.ESTIMATE,
        "pending": proposal.status == ProposalStatus.PENDING,
        "created": [
            (CREATED.get(label, label), len(ids))
            for label, ids in sorted((proposal.created or {}).items())
        ],
    }


def person_rows(proposal: Proposal, fact: dict[str, object]) -> list[PersonRow]:
    rows = []
    pending = proposal.status == ProposalStatus.PENDING
    attached = proposal.persons if isinstance(proposal.persons, dict) else {}
    for position, spec in enumerate(list_of(fact.get("persons"))):
        name = str(spec.get("name") or "")
        found_match = spec.get("match")
        match = found_match if isinstance(found_match, dict) else None
        match_id = str(match.get("person_id") or "") if match else ""
        candidates: list[tuple[str, str, float]] = []
        if pending and name:
            found = registry_index.match(name, limit=CANDIDATES, staff=True)
            candidates = [(c.person_id, c.name, round(c.score, 2)) for c in found]
        person_id = str(attached.get(name) or match_id)
        rows.append(
            PersonRow(
                position=position,
                name=name,
                match_id=match_id,
                match_name=str(match.get("name") or "") if match else "",
                score=match.get("score") if match else None,
                candidates=[c for c in candidates if c[0] != match_id],
                person_url=person_link(person_id),
            )
        )
    return rows


def person_link(person_id: str) -> str:
    """The public page of a person once one exists for them, else their JSON."""
    if not person_id:
        return ""
    try:
        return reverse("web:person", args=[person_id])
    except NoReverseMatch:
        return f"/api/v1/people/{person_id}"
