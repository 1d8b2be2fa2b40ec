"""Request parameters, response shapes and error bodies of the API; they are its OpenAPI document.

Every parameter carries its bounds and its set of values here, so that a request the document
calls valid is one the routes answer, and anything else is refused with a 422 before a query
reaches the database.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import (
    AfterValidator,
    BeforeValidator,
    StringConstraints,
    WithJsonSchema,
)

from rollcall.events.choices import CustodyKind, EventType
from rollcall.events.status import Status as PersonStatus
from rollcall.lib.countries import ISO_CODES, clean_country
from rollcall.lib.dates import latest_past_day, parse_day
from rollcall.people.context import FIRST_BIRTH_YEAR, birth_year

# Far beyond any registry's size, and far below the 64-bit integers SQLite and PostgreSQL's
# OFFSET take: an unbounded offset (10**20) reached the database and failed there with a 500.
MAX_OFFSET = 1_000_000_000
# A name or query longer than this is no name; the bound also keeps every URL well under the
# server's 4,094-byte request line, even with each character percent-encoded from four bytes.
MAX_TEXT = 200
# The checks below in the OpenAPI document's terms. Blanks are spelled out: `\s` means other
# characters to JSON Schema's regexes than to Python's `str.strip`.
BLANKS = " \t\n\v\f\r"
NO_NUL = r"^[^\x00]*$"
SOME_TEXT = r"^[^\x00]*[^\x00\t\n\v\f\r ][^\x00]*$"
# The days a figure can be asked for: a series runs from `from` to `as_of`, one period per month,
# so a span of thousands of years took seconds and megabytes to answer (9999-12-31 failed).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2099, 12, 31)
FIGURES_DAY = r"^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _absent_if_empty(value: object) -> object:
    """`?status=` means no status filter: forms and scripts send empty fields for "any"."""
    return None if value == "" else value


def _no_nul(value: str) -> str:
    # PostgreSQL refuses NUL in text (SQLite does not): refused here, it is a 422 on both.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _some_text(value: str) -> str:
    if not _no_nul(value).strip(BLANKS):
        raise ValueError("must not be empty")
    return value


def _day(value: object) -> object:
    return parse_day(value) if isinstance(value, str) else value


def _figures_day(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"must be between {FIRST_DAY} and {LAST_DAY}")
    return value


def _left_out_not_null(schema: dict[str, Any]) -> None:
    """Document an optional parameter by its type alone: it is left out of a URL, never null."""
    options = schema.pop("anyOf", [])
    schema.update(*(option for option in options if option.get("type") != "null"))


def optional(description: str, *, alias: str | None = None) -> Any:
    """A parameter that may be left out (or sent empty); `None` when it is."""
    return Field(None, alias=alias, description=description, json_schema_extra=_left_out_not_null)


Blank = BeforeValidator(_absent_if_empty)
# Upper-case ISO codes in the document; lower case and stray spaces are accepted as well.
CountryCode = Annotated[
    str,
    AfterValidator(clean_country),
    WithJsonSchema({"type": "string", "enum": sorted(code.upper() for code in ISO_CODES)}),
]
# A year of birth as `rollcall match --birth-year` reads it.
BirthYear = Annotated[
    int,
    AfterValidator(birth_year),
    WithJsonSchema(
        {"type": "integer", "minimum": FIRST_BIRTH_YEAR, "maximum": latest_past_day().year}
    ),
]
# Read as `rollcall stats --as-of` reads a day; pydantic alone would take "86400" for 1970-01-02.
Day = Annotated[date, BeforeValidator(_day)]
FiguresDay = Annotated[
    Day,
    AfterValidator(_figures_day),
    WithJsonSchema({"type": "string", "format": "date", "pattern": FIGURES_DAY}),
]
SeriesUnit = Literal["month", "year"]
SearchText = Annotated[
    str,
    StringConstraints(max_length=MAX_TEXT),
    AfterValidator(_no_nul),
    WithJsonSchema({"type": "string", "maxLength": MAX_TEXT, "pattern": NO_NUL}),
]
NameText = Annotated[
    str,
    StringConstraints(max_length=MAX_TEXT),
    AfterValidator(_some_text),
    WithJsonSchema({"type": "string", "maxLength": MAX_TEXT, "pattern": SOME_TEXT}),
]


class PeopleFilters(Schema):
    q: Annotated[SearchText | None, Blank] = optional("a name in any script or spelling")
    status: Annotated[PersonStatus | None, Blank] = optional("a person's status as of today")
    country: Annotated[CountryCode | None, Blank] = optional(
        "ISO 3166-1 alpha-2 code of the holding state"
    )
    custody: Annotated[CustodyKind | None, Blank] = optional(
        "the kind of custody a person is in as of today"
    )
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class EventFilters(Schema):
    type: Annotated[EventType | None, Blank] = optional("event type")
    from_: Annotated[Day | None, Blank] = optional("YYYY-MM-DD, inclusive", alias="from")
    to: Annotated[Day | None, Blank] = optional("YYYY-MM-DD, inclusive")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class StatsFilters(Schema):
    as_of: Annotated[FiguresDay | None, Blank] = optional("YYYY-MM-DD (default: today)")
    country: Annotated[CountryCode | None, Blank] = optional(
        "ISO 3166-1 alpha-2 code of the holding state"
    )
    series: Annotated[SeriesUnit | None, Blank] = optional(
        "figures at the end of each month or year"
    )
    from_: Annotated[FiguresDay | None, Blank] = optional("first day of the series", alias="from")


class MatchFilters(Schema):
    name: NameText = Field(..., description="a name in any script or spelling")
    limit: int = Field(5, ge=1, le=50, description="at most this many candidates")
    birth_year: Annotated[BirthYear | None, Blank] = optional(
        "the person's year of birth: the same year raises a score, another lowers it"
    )
    country: Annotated[CountryCode | None, Blank] = optional(
        "ISO 3166-1 alpha-2 code of a state holding the person: raises a score, another lowers it"
    )


# A person's id as a URL can carry it (a slash would end the path segment), no longer than the
# longest id the registry stores.
PersonId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^/\x00]+$")]


class Problem(Schema):
    """One refused parameter: where (`["query", "limit"]`), what kind of problem, and why."""

    type: str
    loc: list[str | int]
    msg: str
    ctx: dict[str, object] | None = Field(None, json_schema_extra=_left_out_not_null)


class ValidationErrors(Schema):
    """The 422 answer: every refused parameter of the request."""

    detail: list[Problem]


class NotFound(Schema):
    """The 404 answer, e.g. `{"detail": "no person 'x'"}`."""

    detail: str


class Name(Schema):
    value: str
    script: str
    kind: str


class Status(Schema):
    as_of: str
    value: str


class SourceRef(Schema):
    title: str
    url: str
    publisher: str
    published_on: str | None
    quote: str
    start: int | None
    end: int | None


class Person(Schema):
    id: str
    name: str
    names: list[Name]
    gender: str | None
    birth: str | None
    place: str | None = Field(
        ...,
        description="a place the source list associates with the person (a city: where they "
        "were born, are held or lived), as the list gives it",
    )
    visibility: str
    status: Status
    countries: list[str]
    citizenships: list[str]
    external_ids: list[dict[str, str]]
    accepts_letters: bool = Field(
        ..., description="the person or their family agreed that letters be sent to them"
    )
    postal_address: str | None = Field(
        ...,
        description="where letters reach them (their last facility's postal address): only "
        "while they are held and accept letters",
    )


class PersonDetail(Person):
    events: list[dict[str, object]]
    sources: list[SourceRef]


class PersonList(Schema):
    count: int
    items: list[Person]


class EventList(Schema):
    count: int
    items: list[dict[str, object]]


class Totals(Schema):
    held: int
    released: int
    deported: int
    died_in_custody: int
    held_start_unknown: int
    term_ended_unconfirmed: int = Field(
        ...,
        description="people whose last known sentence ended on or before as_of with no release, "
        "death or later event recorded; never counted as held",
    )
    died: int = Field(
        ..., description="people whose custody ended in their death, in custody or not"
    )


class Period(Schema):
    period: str
    held: int
    released: int
    deported: int
    died_in_custody: int
    term_ended_unconfirmed: int
    died: int


class Flow(Schema):
    period: str
    arrests: int
    releases: int
    deaths_in_custody: int
    terms_ended: int


class HeldByCustodyKind(Schema):
    custody_kind: str | None = Field(..., description="null: no source gave the kind")
    held: int


class ReleasesByKind(Schema):
    release_kind: str | None
    releases: int


class ReleasesByDestination(Schema):
    destination: str | None
    releases: int


class CountryTotals(Schema):
    country: str | None
    held: int
    released: int
    deported: int
    died_in_custody: int
    held_start_unknown: int
    term_ended_unconfirmed: int
    died: int


class ReportedNumber(Schema):
    value: int
    qualifier: str


class BeyondNamed(Schema):
    """What collective events dated on or before `as_of` report beyond the people on record:
    each event's reported count less the registry people the figures count whose events point
    to it, summed (docs/stats.md). Added to the totals, nobody is counted twice."""

    released: ReportedNumber = Field(..., description="in collective releases and deportations")
    died_in_custody: ReportedNumber = Field(..., description="in collective deaths in custody")
    detained: ReportedNumber = Field(
        ..., description="in collective arrests (how many are still held is not reported)"
    )


class EstimateBeside(Schema):
    as_of: str
    country: str
    measure: str
    count: ReportedNumber
    attributed_to: str
    registry: int | None


class StatsOut(Schema):
    schema_: str = Field(..., alias="schema")
    as_of: str
    country: str | None
    totals: Totals
    reported_beyond_named: BeyondNamed
    series: list[Period]
    estimates: list[dict[str, object]]
    # With `series` only (the figures over time); empty lists otherwise.
    flows: list[Flow]
    releases_by_kind: list[ReleasesByKind]
    releases_by_destination: list[ReleasesByDestination]
    by_country: list[CountryTotals]
    registry_beside_estimates: list[EstimateBeside]
    held_by_custody_kind: list[HeldByCustodyKind]


class MatchCandidate(Schema):
    person_id: str
    name: str
    variant: str
    score: float
    # Only when the query gave a birth year or country: the score before them, and what moved it.
    name_score: float | None = Field(None, json_schema_extra=_left_out_not_null)
    context: list[str] | None = Field(None, json_schema_extra=_left_out_not_null)


class MatchOut(Schema):
    query: str
    candidates: list[MatchCandidate]
