"""A recurring cast of registry records for tests, built from plain descriptions.

`person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])` reads like the timeline it makes.
The names are real people's only where the facts are public record; dates in stats fixtures are
chosen for the arithmetic and say so where they differ from life.

`build_cast()` makes the fixed cast every access test starts from (the `cast` fixture of
tests/conftest.py), as healthchecks' Alice, Bob and Charlie:

- four people, one per kind of record a reader may or may not be shown: `public`, `anonymous`
  (counted, never named), `hidden` (staff only, not counted) and `draft` (awaiting review, not
  counted). Each was arrested in Belarus and freed in one collective release, and every fact cites
  a source that names them, so each shows up wherever the registry can name or count people: a
  leak through any list, event, citation or figure shows as their name on the page.
- four roles: `visitor` (logged out) and the staff roles `editor`, `reviewer` and `admin`, made
  as `rollcall createuser` makes them.

The people's names are invented: a test must never call a real person anonymous or hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from rollcall.accounts.roles import ensure_group
from rollcall.collective.models import CollectiveEvent
from rollcall.events.custody import rebuild_custody
from rollcall.events.models import Event
from rollcall.lib.dates import PartialDate
from rollcall.people.models import Person, PersonName
from rollcall.sources.models import Source
from rollcall.sources.services import cite


def person(
    name: str,
    events: list[tuple[Any, ...]] = (),  # type: ignore[assignment]
    aliases: tuple[str, ...] = (),
    **fields: Any,
) -> Person:
    """Create a person with a primary name, aliases and events `(type, date, country, **extra)`."""
    p = Person.objects.create(**fields)
    PersonName.objects.create(person=p, value=name, kind="primary")
    for alias in aliases:
        PersonName.objects.create(person=p, value=alias, kind="alias")
    for spec in events:
        kind, when, country, *rest = spec
        extra: dict[str, Any] = rest[0] if rest else {}
        parsed = PartialDate.parse(when) if when else None
        Event.objects.create(
            person=p,
            type=kind,
            date=parsed.value if parsed else None,
            date_precision=parsed.precision if parsed else "day",
            country=country,
            **extra,
        )
    rebuild_custody([p.pk])  # as every writer of events does (events.custody)
    return p


def staff_user(username: str, role: str) -> User:
    """A staff user in a role's group, as `rollcall createuser NAME --role ROLE` makes one.

    No usable password: tests log in with `log_in` (`Client.force_login`), and hashing a
    password per test would cost more than the rest of the cast together.

    An admin also has a confirmed two-factor device, as every admin must before reaching a staff
    page (docs/security.md); `log_in` passes its second step.
    """
    user = User.objects.create_user(username=username, is_staff=True)
    user.is_superuser = role == "admin"
    user.set_unusable_password()
    user.save()
    user.groups.add(ensure_group(role))
    if role == "admin":
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def log_in(client: Client, user: User) -> None:
    """Log the client in as the user, past the second step for a user with a two-factor device,
    as if they had given its code (tests of the login pages give real codes)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


# The kinds of people record, and the roles, in the order tests report them.
PEOPLE = ("public", "anonymous", "hidden", "draft")
ROLES = ("visitor", "editor", "reviewer", "admin")
STAFF = ("editor", "reviewer", "admin")

RELEASED_ON = date(2025, 6, 21)
HELD_ON = date(2025, 1, 1)  # every cast person is held on this day, and none is released yet

# kind: (primary name, Cyrillic spelling, arrest date, Person fields)
_PEOPLE: dict[str, tuple[str, str, date, dict[str, str]]] = {
    "public": ("Ales Lutskevich", "Алесь Луцкевіч", date(2020, 8, 10), {}),
    "anonymous": (
        "Nadzeya Siamionava",
        "Надзея Сямёнава",
        date(2021, 3, 14),
        {"visibility": "anonymous"},
    ),
    "hidden": (
        "Tsimafei Zhukouski",
        "Цімафей Жукоўскі",
        date(2021, 11, 2),
        {"visibility": "hidden"},
    ),
    "draft": (
        "Kryscina Labanava",
        "Крысціна Лабанава",
        date(2022, 5, 30),
        {"publication": "draft"},
    ),
}


@dataclass(frozen=True)
class Member:
    """One cast person, with every string that would name them on a page."""

    kind: str
    person: Person

    @property
    def uid(self) -> str:
        return self.person.uid

    @property
    def name(self) -> str:
        return self.person.primary_name

    @property
    def spellings(self) -> tuple[str, ...]:
        return tuple(self.person.names.values_list("value", flat=True))


@dataclass(frozen=True)
class Cast:
    people: dict[str, Member]  # by kind: public, anonymous, hidden, draft
    users: dict[str, User | None]  # by role; the visitor has no user
    release: CollectiveEvent

    def client(self, role: str) -> Client:
        """A new client, logged in as the role's user (the visitor stays logged out)."""
        client = Client()
        user = self.users[role]
        if user is not None:
            log_in(client, user)
        return client


def build_cast() -> Cast:
    """Create the cast described in this module's docstring in the test database."""
    release = CollectiveEvent.objects.create(
        type="release",
        title="Release of 16 political prisoners by Belarus",
        date=RELEASED_ON,
        country="BY",
        release_kind="deal",
        count_value=16,
        count_qualifier="exact",
    )
    statement = Source.objects.create(
        kind="ngo_list",
        title="Sixteen political prisoners freed",
        publisher="Rights group",
        published_on=RELEASED_ON,
        text="Sixteen political prisoners were freed on 21 June 2025.",
    )
    cite(release, statement, "Sixteen political prisoners were freed")
    people: dict[str, Member] = {}
    for kind in PEOPLE:
        name, cyrillic, arrested, fields = _PEOPLE[kind]
        p = person(
            name,
            aliases=(cyrillic,),
            uid=f"cast-{kind}",
            **fields,
            events=[
                ("arrest", arrested.isoformat(), "BY"),
                (
                    "release",
                    RELEASED_ON.isoformat(),
                    "BY",
                    {"release_kind": "deal", "collective": release},
                ),
            ],
        )
        article = Source.objects.create(
            title=f"{name} detained",
            publisher="Example News",
            url=f"https://news.example.org/{p.uid}",
            published_on=arrested,
            text=(
                f"{name} ({cyrillic}) was detained in Minsk on {arrested:%d %B %Y} and freed "
                f"on {RELEASED_ON:%d %B %Y}."
            ),
        )
        cite(p, article, name)
        for event in p.events.all():
            cite(event, article, article.text)
        people[kind] = Member(kind, p)
    users: dict[str, User | None] = {"visitor": None}
    users.update({role: staff_user(role, role) for role in STAFF})
    return Cast(people=people, users=users, release=release)
