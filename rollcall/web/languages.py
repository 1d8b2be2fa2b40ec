"""The site's languages: the same page's address in each, for the switch every page carries.

A page's language is the first part of its path (/be/…, /ru/…; English has none), so the switch
is a plain link per language: it works with JavaScript off, needs no cookie, and a link a reader
shares opens in the language they read it in.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override


@dataclass(frozen=True)
class Language:
    code: str  # as in the page's <html lang>
    name: str  # in the language itself: a reader finds theirs whatever page they are on
    url: str  # this page in that language, with the same query
    current: bool


def languages(request: HttpRequest) -> list[Language]:
    """This page in each of the site's languages, in the order of `settings.LANGUAGES`."""
    here = request.get_full_path()
    current = get_language()
    found = []
    for code, name in settings.LANGUAGES:
        url = translate_url(here, code)
        if url == here and code != current:
            # A path no page answers (a 404): that language's home page instead.
            with override(code):
                url = reverse("web:home")
        found.append(Language(code, name, url, code == current))
    return found
