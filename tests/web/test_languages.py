"""The site in English, Belarusian and Russian: every string translated, the catalogs shipped
compiled, the language in the address, dates and counts as each language writes them.

The catalog checks read the site's own strings with Django's `makemessages` (GNU gettext's
xgettext underneath), so a string added to a template or a view without its Belarusian and
Russian fails here, before a reader meets it in English.
"""

from __future__ import annotations

import html
import io
import os
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from rollcall.demo.load import load_demo
from rollcall.people.matching import registry_index
from rollcall.people.models import Person
from rollcall.sources.models import Source
from tests.cast import staff_user
from tests.ingest.test_extract_command import EXAMPLE

PACKAGE = Path(__file__).resolve().parents[2] / "rollcall"
LOCALE = PACKAGE / "locale"
TRANSLATED = ("be", "ru")


def catalog(language: str, kind: str = "po") -> Catalog:
    path = LOCALE / language / "LC_MESSAGES" / f"django.{kind}"
    with path.open("rb") as file:
        return read_po(file, locale=language) if kind == "po" else read_mo(file)


def translations(found: Catalog) -> dict[tuple[str | None, str], tuple[str, ...]]:
    """Each message's translation, keyed by (context, msgid), plural forms as a tuple."""
    out = {}
    for message in found:
        if not message.id:
            continue  # the header
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        out[(message.context, key)] = tuple(strings)
    return out


# --- The catalogs -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Catalog]:
    """The catalogs as `makemessages` makes them from the code as it is now, merged with the
    committed translations, in a copy of the package (the committed files stay as they are)."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.fail("the catalog checks need GNU gettext: apt-get install gettext")
    copy = tmp_path_factory.mktemp("messages") / "rollcall"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=lambda folder, names: (
            [
                n
                for n in names
                if not Path(folder, n).is_dir() and not n.endswith((".py", ".html", ".txt", ".po"))
            ]
            + [n for n in names if n in ("__pycache__", "migrations", "resources", "fixtures")]
        ),
    )
    here = Path.cwd()
    try:
        os.chdir(copy)
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages",
                locale=list(TRANSLATED),
                no_obsolete=True,
                add_location="file",
                verbosity=0,
                stdout=io.StringIO(),
            )
    finally:
        os.chdir(here)
    found = {}
    for language in TRANSLATED:
        with (copy / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as file:
            found[language] = read_po(file, locale=language)
    return found


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_string_the_site_uses_is_translated(
    extracted: dict[str, Catalog], language: str
) -> None:
    untranslated = [
        message.id
        for message in extracted[language]
        if message.id
        and (
            message.fuzzy
            or not all(
                message.string if isinstance(message.string, (list, tuple)) else [message.string]
            )
        )
    ]
    assert untranslated == [], (
        f"untranslated or fuzzy in {language}: translate them in "
        f"rollcall/locale/{language}/LC_MESSAGES/django.po (docs/site.md, 'Languages')"
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_committed_catalog_is_the_one_the_code_makes(
    extracted: dict[str, Catalog], language: str
) -> None:
    """No string is missing from the committed catalog, and none is left there unused."""
    assert translations(catalog(language)) == translations(extracted[language])


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalog_is_up_to_date_with_its_po_file(language: str) -> None:
    """The .mo shipped beside each .po holds exactly its translations: an install needs no
    gettext tools, so nothing compiles them at run time."""
    compiled = translations(catalog(language, "mo"))
    source = {
        key: strings
        for key, strings in translations(catalog(language)).items()
        if all(strings)  # msgfmt leaves out what is untranslated
    }
    assert compiled == source, "run compilemessages (docs/site.md, 'Languages')"


# --- The pages, in each language ----------------------------------------------------------------


@pytest.fixture
def demo(db: None) -> Iterator[Person]:
    registry_index.reset()
    load_demo()
    yield Person.objects.public().order_by("pk").first()  # type: ignore[misc]
    registry_index.reset()


@pytest.fixture
def reviewer(db: None) -> User:
    return staff_user("rev", "reviewer")


def public_pages(person: Person) -> list[str]:
    collective = person.events.exclude(collective=None).values_list("collective", flat=True)[0]
    return [
        "/",
        "/people/",
        "/people/?q=Kolesnikova",
        f"/people/{person.uid}/",
        "/collective/",
        f"/collective/{collective}/",
        "/stats/",
        "/letters/",
        "/login/",
    ]


def english_ui_strings() -> list[str]:
    """The site's own English sentences and labels, as the catalogs list them: every msgid
    without placeholders long enough not to occur by chance in a record's data."""
    be, ru = translations(catalog("be")), translations(catalog("ru"))
    return sorted(
        msgid
        for (context, msgid), strings in be.items()
        if "%" not in msgid
        and len(msgid) >= 12
        and strings[0] != msgid
        and ru[(context, msgid)][0] != msgid
    )


# What a page quotes is in its source's language, not the reader's: a source's title and quote
# (`<cite>`, `<q>`), an article's text.
def visible_text(page: str) -> str:
    page = re.sub(r"<ul class=\"sources\">.*?</ul>", " ", page, flags=re.DOTALL)
    page = re.sub(r"<(q|cite|article)\b.*?</\1>", " ", page, flags=re.DOTALL)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_public_page_reads_in_the_language_of_its_address(
    client: Client, demo: Person, language: str
) -> None:
    english = english_ui_strings()
    assert len(english) > 100  # the catalog check above is what says which these are
    for path in public_pages(demo):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        page = response.content.decode()
        assert f'<html lang="{language}">' in page, path
        text = visible_text(page)
        left = [s for s in english if s in text]
        assert left == [], f"/{language}{path} still reads {left}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_review_pages_read_in_the_language_of_their_address(
    client: Client, reviewer: User, language: str
) -> None:
    registry_index.reset()
    call_command("ingest", str(EXAMPLE), stdout=io.StringIO())
    source = Source.objects.get()
    client.force_login(reviewer)
    english = english_ui_strings()
    for path in ("/review/", f"/review/{source.pk}/"):
        page = client.get(f"/{language}{path}").content.decode()
        assert f'<html lang="{language}">' in page
        text = visible_text(page)
        assert [s for s in english if s in text] == [], path
    registry_index.reset()


def test_english_pages_have_no_prefix_and_the_api_none_in_any_language(
    client: Client, demo: Person
) -> None:
    assert '<html lang="en">' in client.get("/").content.decode()
    with translation.override("be"):
        assert reverse("web:people") == "/be/people/"
        assert reverse("api:people") == "/api/v1/people"
    assert client.get("/api/v1/people").status_code == 200
    assert client.get("/be/api/v1/people").status_code == 404


def test_the_switch_links_to_the_same_page_and_query_in_each_language(
    client: Client, demo: Person
) -> None:
    page = client.get("/be/people/?q=Kolesnikova&sort=-name").content.decode()
    switch = re.search(r'<nav class="languages".*?</nav>', page, re.DOTALL)
    assert switch is not None
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switch.group(0)))
    query = "?q=Kolesnikova&amp;sort=-name"
    assert links == {f"/people/{query}": "en", f"/ru/people/{query}": "ru"}
    assert '<strong lang="be" aria-current="page">Беларуская</strong>' in switch.group(0)


def test_dates_and_counts_are_written_as_the_language_writes_them(
    client: Client, demo: Person
) -> None:
    today = date.today()
    for language in ("en", *TRANSLATED):
        prefix = "" if language == "en" else f"/{language}"
        page = client.get(f"{prefix}/letters/").content.decode()
        with translation.override(language):
            assert f"({date_format(today, 'DATE_FORMAT')})" in page, language
    # An estimate of "more than 1,000" in the demo: grouped with a comma in English, a no-break
    # space in Belarusian and Russian.
    assert "more than 1,000" in client.get("/").content.decode()
    assert "больш як 1\xa0000" in client.get("/be/").content.decode()
    assert "более 1\xa0000" in client.get("/ru/").content.decode()


def test_a_person_is_named_first_in_the_readers_script_beside_their_primary_name(
    client: Client, demo: Person
) -> None:
    names = {n.script: n.value for n in demo.names.all()}
    primary = demo.primary_name
    for language in TRANSLATED:
        own = names[f"{language}-Cyrl"]
        person_page = client.get(f"/{language}/people/{demo.uid}/").content.decode()
        assert f"<h1>{own}</h1>" in person_page
        assert f'<p class="primary-name">{primary}</p>' in person_page
        listed = client.get(f"/{language}/people/").content.decode()
        assert f'<a href="/{language}/people/{demo.uid}/">{own}</a>' in listed
    assert f"<h1>{primary}</h1>" in client.get(f"/people/{demo.uid}/").content.decode()


def test_the_charts_are_titled_and_described_in_the_readers_language(
    client: Client, demo: Person
) -> None:
    page = client.get("/ru/stats/").content.decode()
    titles = re.findall(r'<title id="chart-[\w-]+-title">([^<]*)</title>', page)
    assert "В заключении: динамика" in titles
    held = re.search(r'<desc id="chart-held-desc">([^<]*)</desc>', page)
    assert held is not None
    assert held.group(1).startswith("Число людей в заключении на конец каждого периода")


def test_the_sitemap_gives_each_page_in_every_language(client: Client, demo: Person) -> None:
    sitemap = client.get("/sitemap.xml").content.decode()
    for prefix in ("", "/be", "/ru"):
        assert f"://testserver{prefix}/people/{demo.uid}/</loc>" in sitemap
    assert f'hreflang="be" href="http://testserver/be/people/{demo.uid}/"' in sitemap
    assert settings.LANGUAGE_CODE == "en"
