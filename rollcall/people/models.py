"""People in the registry and the many ways their names are written."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from rollcall.lib.countries import validate_country
from rollcall.lib.dates import DatePrecision, format_partial
from rollcall.lib.scripts import guess_script
from rollcall.people.choices import Gender, NameKind, Publication, Visibility


def new_uid() -> str:
    return f"rc-{uuid.uuid4().hex[:12]}"


def counted_q(through: str = "") -> Q:
    """People the public figures count: published, and public or anonymous (never hidden).

    Anonymous people asked not to be named, not to be left out of the count; hidden records are
    still being verified and drafts await review. `through` reaches people from another model
    ("person__" from custody intervals), so the figures filter with a join, not a subquery.
    """
    return Q(**{f"{through}publication": Publication.PUBLISHED}) & ~Q(
        **{f"{through}visibility": Visibility.HIDDEN}
    )


def shown_name(names: Iterable[tuple[str, str]]) -> str:
    """The name a person is shown by: the primary name, else the first listed, else "".

    `names` are (kind, value) pairs in the order the caller lists a person's names: the API in
    the order they were recorded, the exports in their content order (so an export does not
    depend on database ids).
    """
    first: str | None = None
    for kind, value in names:
        if kind == NameKind.PRIMARY:
            return value
        if first is None:
            first = value
    return first or ""


# The script each of the site's languages is read in; a reader of one of them is shown a name
# written in it first, when the registry has one (English readers read the primary name).
READER_SCRIPTS: dict[str, str] = {"be": "Cyrl", "ru": "Cyrl"}


def name_for_reader(names: Iterable[tuple[str, str, str]], language: str) -> str:
    """The name a reader of `language` is shown first: the primary name (`shown_name`) unless
    the registry has the name in the reader's language, or the primary name is in another
    script than the reader's and the registry has one in theirs.

    `names` are (kind, value, script) triples, `script` a BCP 47 tag ("be-Cyrl"; guessed from
    the letters when none was recorded). A name in the reader's own language wins over another
    in the same script (a Belarusian reader reads "Марыя Калеснікава" before "Мария
    Колесникова"); a misspelling seen in a source is never shown first. Pages that show this
    name show the primary name beside it, so a reader can still match it to other lists.
    """
    listed = list(names)
    primary = shown_name((kind, value) for kind, value, _ in listed)
    script = READER_SCRIPTS.get(language)
    if script is None:
        return primary

    def tag(value: str, recorded: str) -> str:
        return recorded or guess_script(value)

    in_script = [
        (tag(value, recorded), value)
        for kind, value, recorded in listed
        if kind != NameKind.MISSPELLING and tag(value, recorded).endswith(f"-{script}")
    ]
    own = [value for found, value in in_script if found.split("-")[0] == language]
    if own:
        return primary if primary in own else own[0]
    if not in_script or primary in {value for _, value in in_script}:
        return primary
    return in_script[0][1]


class PersonQuerySet(models.QuerySet["Person"]):
    def public(self) -> PersonQuerySet:
        """People whose names anyone may read."""
        return self.filter(visibility=Visibility.PUBLIC, publication=Publication.PUBLISHED)

    def counted(self) -> PersonQuerySet:
        """People the public figures count (see `counted_q`)."""
        return self.filter(counted_q())

    def visible_to(self, staff: bool) -> PersonQuerySet:
        return self.all() if staff else self.public()


class Person(models.Model):
    """Someone held, or once held, for political reasons.

    `uid` is the stable public id (the `person_id` of the API and the `id` column of imports):
    an external list's own id when one was given, else a generated `rc-…`. There is no status
    field: whether someone is held on a date is derived from their events (see events.custody).
    """

    uid = models.CharField(max_length=200, unique=True, default=new_uid)
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    birth_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC, db_index=True
    )
    publication = models.CharField(
        max_length=10, choices=Publication.choices, default=Publication.PUBLISHED, db_index=True
    )
    note = models.TextField(blank=True)
    # Lists name a city without saying what it is to the person (a birthplace, else the prison
    # or the residence, in the Chinese list): kept as the list gives it, never read as an address.
    place = models.CharField(
        max_length=300,
        blank=True,
        help_text="a place the list associates with the person, as it gives it",
    )
    # Groups that run letter campaigns publish where to write only on this basis: a letter can
    # cost a prisoner privileges or a family its safety, so the default is never to list anyone.
    accepts_letters = models.BooleanField(
        default=False,
        help_text="set only when the person or their family agreed that letters be sent to them "
        "(shown on the letters page while they are held and their record is public)",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "people"
        # Publishing puts a draft before the public and into the figures: a reviewer's decision,
        # never an editor's (rollcall/people/publishing.py, rollcall/accounts/roles.py).
        permissions = [("publish_person", "Can publish and unpublish people")]

    def __str__(self) -> str:
        return self.primary_name or self.uid

    @property
    def primary_name(self) -> str:
        # Iterating `names.all()` uses a prefetch when the caller made one.
        return shown_name((name.kind, name.value) for name in self.names.all())

    def name_for(self, language: str) -> str:
        """The name a reader of `language` is shown first (`name_for_reader`)."""
        return name_for_reader(((n.kind, n.value, n.script) for n in self.names.all()), language)

    @property
    def birth(self) -> str:
        return format_partial(self.birth_date, self.birth_precision)

    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC and self.publication == Publication.PUBLISHED


class PersonName(models.Model):
    """One spelling of a person's name: a script, a transliteration or a source's misspelling."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    value = models.CharField(max_length=300)
    script = models.CharField(max_length=20, blank=True, help_text="BCP 47, e.g. be-Cyrl, zh-Hans")
    kind = models.CharField(max_length=12, choices=NameKind.choices, default=NameKind.ALIAS)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "value"], name="unique_name_per_person"),
            models.UniqueConstraint(
                fields=["person"], condition=Q(kind="primary"), name="one_primary_name"
            ),
        ]

    def __str__(self) -> str:
        return self.value


class ExternalId(models.Model):
    """An id the person has in another register (Viasna, Memorial, Wikidata, …)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="external_ids")
    scheme = models.CharField(max_length=50)
    value = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="unique_external_id")
        ]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


class Citizenship(models.Model):
    """A state the person is a citizen of, as a source reports it; a dual citizen has two.

    Kept because states negotiate for their own citizens: who is a citizen of where is what a
    deal freeing "six Lithuanians and two Latvians" turns on. Like every fact, it cites the
    source that reports it.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="citizenships")
    country = models.CharField(
        max_length=2, validators=[validate_country], help_text="ISO 3166-1 alpha-2, e.g. UA"
    )
    citations = GenericRelation("sources.Citation")
    history = HistoricalRecords()

    class Meta:
        ordering = ["person_id", "country"]
        constraints = [
            models.UniqueConstraint(fields=["person", "country"], name="unique_citizenship")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.country}"
