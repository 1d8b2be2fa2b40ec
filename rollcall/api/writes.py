"""The API's writes (docs/api.md, "Writing"): drafts, events and publishing, for staff.

- `POST /api/v1/people`: a person record of the JSON Lines import format, created as a draft
  whatever its `publication` says (a reviewer publishes it);
- `POST /api/v1/people/{id}/events`: one event, in the shape of a record's `events[n]`;
- `POST /api/v1/people/{id}/publish` and `…/unpublish`: reviewers and admins only.

Input is read by the importer's own reader and checked by the data-entry rules the admin's forms
use (`events.validation`), so a record refused there is refused here, with the same words, as a
422 naming the field; it is checked whole before anything is written. Events are written inside
`writing_events` (custody is derived from them), and the acting user is `request.user`
(rollcall/api/auth.py), which the audit trail records with every change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import partial
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from ninja import NinjaAPI, Path, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError

from rollcall.api import serialize
from rollcall.api.auth import WRITERS, acting_user, require, unauthorized
from rollcall.api.schemas import PersonId, ValidationErrors
from rollcall.api.write_schemas import (
    PersonWritten,
    Refused,
    event_record_schema,
    json_body,
    person_record_schema,
)
from rollcall.events.custody import writing_events
from rollcall.events.models import CriminalArticle
from rollcall.events.records import ArticleRecord
from rollcall.events.validation import Problem, event_problems, name_problems, person_problems
from rollcall.interchange.importing import (
    BadInput,
    import_records,
    read_event,
    read_record,
    record_event,
    record_person,
    write_event,
)
from rollcall.people.choices import Publication
from rollcall.people.models import Person, PersonName
from rollcall.people.publishing import NotPublishable, set_publication

# Each change the API makes is recorded with this reason beside the acting user.
REASON = "through the API"
# How a problem's place in a record is written by the importer ("events[0].articles[1].number").
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
# Where the record's reader and the data-entry rules name one field differently.
_RECORD_FIELD = {"birth_date": "birth"}
T = TypeVar("T")


def mount(api: NinjaAPI) -> None:
    """Add the write routes to `api`, beside the reads of the same paths."""
    api.add_exception_handler(AuthenticationError, partial(unauthorized, api=api))
    refusals = {401: Refused, 403: Refused, 404: Refused, 422: ValidationErrors}
    api.post(
        "/people",
        auth=WRITERS,
        response={201: PersonWritten, 409: Refused, **refusals},
        tags=["writes"],
        openapi_extra=json_body(person_record_schema()),
    )(create_person)
    api.post(
        "/people/{person_id}/events",
        auth=WRITERS,
        response={201: PersonWritten, **refusals},
        tags=["writes"],
        openapi_extra=json_body(event_record_schema()),
    )(add_event)
    api.post(
        "/people/{person_id}/publish",
        auth=WRITERS,
        response={200: PersonWritten, **refusals},
        tags=["writes"],
    )(publish)
    api.post(
        "/people/{person_id}/unpublish",
        auth=WRITERS,
        response={200: PersonWritten, **refusals},
        tags=["writes"],
    )(unpublish)


def create_person(request: HttpRequest) -> Status[dict[str, object]]:
    """Create a draft person from a person record of the JSON Lines import format.

    The record is the person whole (names, events, citizenships, sources); its `publication` is
    ignored: what is created is a draft, for a reviewer to publish. An `id` the registry already
    holds is a 409: this route never changes a stored person.
    """
    require(request, "people.add_person", "create people")
    body = _body(request)
    record = _checked(read_record, body)
    person = record_person(record)
    problems = [_at(["birth"], p) for p in person_problems(person)]
    for n, name in enumerate(record["names"]):
        unsaved = PersonName(person=person, value=name["value"], script=name["script"])
        problems += [_at(["names", n], p) for p in name_problems(unsaved)]
    # The record comes back with its events in date order; each is read again alone so that a
    # problem is placed at the event's index in the body as sent.
    assert isinstance(body, dict)
    given = [_checked(read_event, event) for event in body.get("events") or []]
    events = [record_event(person, event) for event in given]
    for n, (event, data) in enumerate(zip(events, given, strict=True)):
        found = event_problems(event, _articles(data["articles"]), others=events)
        problems += [_at(["events", n], p) for p in found]
    _refuse(problems)
    if Person.objects.filter(uid=record["id"]).exists():
        raise HttpError(409, f"id: a person {record['id']!r} is in the registry already")
    try:
        import_records([record], label=REASON, draft=True, dry_run=False, check_duplicates=False)
    except IntegrityError:
        # The same id sent twice at once: the second insert meets the first one's row.
        raise HttpError(409, f"id: a person {record['id']!r} is in the registry already") from None
    return Status(201, _shown(record["id"]))


def add_event(request: HttpRequest, person_id: Path[PersonId]) -> Status[dict[str, object]]:
    """Add one event to a person's timeline; their custody and status follow from it.

    The event is checked against the person's other events as the admin's form checks it (a
    release before the first arrest, a sentence ending before it began, a destination equal to
    the holding state, an article the registry does not know for that state, …).
    """
    require(request, "events.add_event", "add events")
    person = _person(person_id)
    record = _checked(read_event, _body(request))
    with writing_events(people=[person.pk]):
        # The person's row locked first: two events written at once are each judged against
        # the other, not both against the timeline before either (PostgreSQL; SQLite writes
        # one transaction at a time anyway).
        person = Person.objects.select_for_update().get(pk=person.pk)
        event = record_event(person, record)
        _refuse([_at([], p) for p in event_problems(event, _articles(record["articles"]))])
        write_event(person, record, reason=REASON)
    return Status(201, _shown(person.uid))


def publish(request: HttpRequest, person_id: Path[PersonId]) -> dict[str, object]:
    """Publish a draft (reviewers and admins): the person reaches the public and the figures."""
    return _set_publication(request, person_id, Publication.PUBLISHED)


def unpublish(request: HttpRequest, person_id: Path[PersonId]) -> dict[str, object]:
    """Take a person back to draft (reviewers and admins): out of public view and the figures."""
    return _set_publication(request, person_id, Publication.DRAFT)


def _set_publication(request: HttpRequest, person_id: str, state: str) -> dict[str, object]:
    person = _person(person_id)
    try:
        with transaction.atomic():
            set_publication(person, state, acting_user(request))
    except PermissionDenied as refusal:
        raise HttpError(403, str(refusal)) from None
    except NotPublishable as refusal:
        raise ValidationError(
            [
                {"type": "value_error", "loc": [field], "msg": message}
                for field, message in refusal.problems
            ]
        ) from None
    return _shown(person.uid)


def _person(person_id: str) -> Person:
    person = Person.objects.filter(uid=person_id).first()
    if person is None:
        raise HttpError(404, f"no person {person_id!r}")
    return person


def _shown(uid: str) -> dict[str, object]:
    """The person as the API shows them to staff, with their publication state."""
    today = date.today()
    found = serialize.person_queryset(Person.objects.filter(uid=uid), today).get()
    return {**serialize.person(found, today), "publication": found.publication}


def _body(request: HttpRequest) -> object:
    try:
        body = json.loads(request.body)
    except ValueError as error:
        raise ValidationError([_problem([], f"not JSON: {error}")]) from None
    # PostgreSQL refuses NUL in text (SQLite does not): refused here, it is a 422 on both.
    _refuse([_problem(place, "must not contain NUL characters") for place in _nul_at(body, [])])
    return body


def _nul_at(value: object, place: list[str | int]) -> Iterator[list[str | int]]:
    """Where in a JSON document a text (or a key) holds a NUL character."""
    if isinstance(value, str) and "\x00" in value:
        yield place
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _nul_at(item, [*place, n])
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nul_at(key, place)
            yield from _nul_at(item, [*place, key])


def _checked(read: Callable[[object], T], body: object) -> T:
    """`body` read by the importer's `read`, its problems (if any) as a 422."""
    try:
        return read(body)
    except BadInput as bad:
        raise ValidationError(
            [_problem(_place(p.column), p.message) for p in bad.problems]
        ) from None


def _articles(given: Sequence[ArticleRecord]) -> list[CriminalArticle]:
    """The articles an event charges, as typed (unsaved): the rules check the registry has them."""
    return [
        CriminalArticle(country=a["country"], code=a["code"], number=a["number"]) for a in given
    ]


def _place(column: str) -> list[str | int]:
    """ "events[0].date" as a place in the body: ["events", 0, "date"] ("json": the body)."""
    if column == "json":
        return []
    return [int(index) if index else name for name, index in _STEP.findall(column)]


def _at(place: list[str | int], problem: Problem) -> dict[str, object]:
    return _problem([*place, _RECORD_FIELD.get(problem.field, problem.field)], problem.message)


def _problem(place: Iterable[str | int], message: str) -> dict[str, object]:
    """One refused field, in the shape of every 422 of the API (`schemas.Problem`)."""
    return {"type": "value_error", "loc": ["body", *place], "msg": message}


def _refuse(problems: list[dict[str, object]]) -> None:
    if problems:
        raise ValidationError(problems)
