"""What the API's write routes take and answer, as their OpenAPI document shows it.

The request bodies are a person record and an event of the JSON Lines import format
(`rollcall.person/1`, docs/import-export.md), read by the importer's own reader
(`interchange.importing.read_record` / `read_event`), never by a second parser here. Their JSON
Schema is made from the record's one definition (the `PersonRecord` and `EventRecord` types of
`interchange.records` and `events.records`), with what the reader adds to it: the fields it
requires (the others default, as in a file) and the values of the coded fields.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Union

from ninja import Field, Schema

from rollcall.api.schemas import PersonDetail
from rollcall.events.choices import CustodyKind, EventType, ReleaseKind, SentenceKind
from rollcall.events.records import EventRecord
from rollcall.interchange.importing.jsonl_records import MAX_NUMBER
from rollcall.interchange.records import JSONL_SCHEMA, PersonRecord
from rollcall.lib.countries import ISO_CODES
from rollcall.lib.dates import DatePrecision
from rollcall.people.choices import Gender, NameKind, Publication, Visibility
from rollcall.sources.models import SourceKind
from rollcall.sources.records import SourceRecord

JsonSchema = dict[str, Any]


class PersonWritten(PersonDetail):
    """A person as a write leaves them, as the API shows them to staff."""

    publication: str = Field(..., description="`draft` (awaiting review) or `published`")


class Refused(Schema):
    """A write refused as a whole (401, 403, 404, 409): `{"detail": "why"}`."""

    detail: str


# What the reader refuses a record without (each key of a record or of one of its lists, by
# its place in the record); every other field may be left out and takes its default.
REQUIRED: dict[str, list[str]] = {
    "": ["schema", "id", "names"],
    "names": ["value"],
    "external_ids": ["scheme", "value"],
    "citizenships": ["country"],
    "events": ["type"],
    "articles": ["number"],
}
COUNTRIES = sorted(code.upper() for code in ISO_CODES)
# The values the reader takes for the coded fields, by field name: "" (or no field) is the
# default, but for an event's type and a citizenship's country, which are required.
CODED: dict[str, list[str]] = {
    "gender": Gender.values,
    "visibility": Visibility.values,
    "publication": Publication.values,
    "kind": NameKind.values,
    "date_precision": DatePrecision.values,
    "release_kind": ReleaseKind.values,
    "sentence_kind": SentenceKind.values,
    "custody_kind": CustodyKind.values,
    "country": COUNTRIES,
    "destination": COUNTRIES,
}
# Fields told apart by where they are: a source's `kind` and a name's share their name.
CODED_IN = {
    ("sources", "kind"): ["", *SourceKind.values],
    ("events", "type"): EventType.values,
    ("citizenships", "country"): COUNTRIES,
}
# A year from 1000, a month 01-12, a day 01-31 (a date that is no day of the calendar, or one
# still to come, is the reader's to refuse).
PARTIAL_DATE = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
# Text that must say something: not empty, not only spaces.
SOME_TEXT = {"minLength": 1, "pattern": r"\S"}
DATES = {"birth", "date", "published_on"}


def _json_schema(hint: object, where: str, key: str, given: dict[object, object]) -> JsonSchema:
    """The JSON Schema of one type of the record, `key` being the field it is the type of and
    `given` the arguments of the generic record it is in (`EventRecord[SourceRecord]`)."""
    hint = given.get(hint, hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (Union, types.UnionType):
        (only,) = [_json_schema(arg, where, key, given) for arg in args if arg is not type(None)]
        return {"anyOf": [only, {"type": "null"}]}
    if origin is list:
        return {"type": "array", "items": _json_schema(args[0], key, key, given)}
    if typing.is_typeddict(origin or hint):
        return _object_schema(hint, where)
    if hint is int:
        return {"type": "integer", "minimum": 0, "maximum": MAX_NUMBER}
    schema: JsonSchema = {"type": "string"}
    if (where, key) in CODED_IN:
        schema["enum"] = CODED_IN[where, key]
    elif key in CODED:
        schema["enum"] = ["", *CODED[key]]
    elif key in DATES:
        schema.update(pattern=PARTIAL_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")
    elif key == "term_ends_on":
        schema["format"] = "date"
    return schema


def _object_schema(typed: object, where: str) -> JsonSchema:
    """A record's object: a TypedDict, or a generic one with its arguments (`typed`)."""
    origin = typing.get_origin(typed) or typed
    parameters = getattr(origin, "__parameters__", ())
    given = dict(zip(parameters, typing.get_args(typed), strict=False))
    properties = {
        key: _json_schema(hint, where, key, given)
        for key, hint in typing.get_type_hints(origin).items()
    }
    schema: JsonSchema = {"type": "object", "properties": properties}
    if where in REQUIRED:
        schema["required"] = REQUIRED[where]
    schema["additionalProperties"] = False
    return schema


def person_record_schema() -> JsonSchema:
    schema = _object_schema(PersonRecord, "")
    properties = schema["properties"]
    properties["schema"] = {"type": "string", "enum": [JSONL_SCHEMA]}
    properties["id"].update(SOME_TEXT, maxLength=200)
    properties["names"]["minItems"] = 1
    properties["names"]["items"]["properties"]["value"].update(SOME_TEXT, maxLength=300)
    schema["description"] = (
        "A person record of the JSON Lines import format (`rollcall.person/1`): what "
        "`rollcall export --format jsonl` writes for one person, one line of a file "
        "`rollcall import` reads. Only `schema`, `id` and `names` are required."
    )
    return schema


def event_record_schema() -> JsonSchema:
    schema = _object_schema(EventRecord[SourceRecord], "events")
    schema["description"] = "One event of a `rollcall.person/1` record (its `events[n]`)."
    return schema


def json_body(schema: JsonSchema) -> dict[str, Any]:
    """`openapi_extra` declaring a route's JSON request body, which the route reads itself."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}
