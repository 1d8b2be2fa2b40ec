"""Request filters and response shapes of the API (they document the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class PeopleFilters(Schema):
    q: str | None = Field(None, description="a name in any script or spelling")
    status: str | None = Field(None, description="held, released, deported or died_in_custody")
    country: str | None = Field(None, description="ISO alpha-2 code of the holding state")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class EventFilters(Schema):
    type: str | None = None
    from_: str | None = Field(None, alias="from", description="YYYY-MM-DD, inclusive")
    to: str | None = Field(None, description="YYYY-MM-DD, inclusive")
    limit: int = Field(100, ge=1, le=1000)
    offset: int = Field(0, ge=0)


class StatsFilters(Schema):
    as_of: str | None = Field(None, description="YYYY-MM-DD (default: today)")
    country: str | None = None
    series: str | None = Field(None, description="month or year")
    from_: str | None = Field(None, alias="from", description="first day of the series")


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
    visibility: str
    status: Status
    countries: list[str]
    external_ids: list[dict[str, str]]


class PersonDetail(Person):
    events: list[dict[str, Any]]
    sources: list[SourceRef]


class PersonList(Schema):
    count: int
    items: list[Person]


class EventList(Schema):
    count: int
    items: list[dict[str, Any]]


class Totals(Schema):
    held: int
    released: int
    deported: int
    died_in_custody: int
    held_start_unknown: int


class Period(Schema):
    period: str
    held: int
    released: int
    deported: int
    died_in_custody: int


class StatsOut(Schema):
    schema_: str = Field(..., alias="schema")
    as_of: str
    country: str | None
    totals: Totals
    series: list[Period]
    estimates: list[dict[str, Any]]


class MatchCandidate(Schema):
    person_id: str
    name: str
    variant: str
    score: float


class MatchOut(Schema):
    query: str
    candidates: list[MatchCandidate]
