"""Whole pages for visitors, made once per registry version instead of once per visit.

A visitor's page depends on nothing but its address, its language, the day (figures are "as of
today") and the registry; so a page rendered for one visitor is the page every visitor gets
until the registry changes. Pages are cached under the registry's version token
(`rollcall.stats.freshness`, docs/stats.md "Cached figures"), which every write changes in its
own transaction: the first request after a committed write renders afresh, in every worker.

Only what any visitor would be given is cached, and only for visitors:
- requests without a session cookie and without an `Authorization` header (staff see drafts,
  hidden and anonymous people; their pages are never stored, nor served from the store);
- GET and HEAD, answered 200 with no cookie set and no `private` or `no-store` in
  `Cache-Control` (the login page, the admin and anything marked `never_cache` stay out).

The store (the `shared` cache: files the server's workers share, bounded in entries; docs/site.md
"Page cache") holds a page once per version, whichever worker made it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation

from rollcall.stats.freshness import current_token

CACHE_ALIAS = "shared"
# Says whether a visitor's page came from the store ("hit") or was rendered ("miss").
HIT_HEADER = "X-Rollcall-Page-Cache"


def is_visitor(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "authorization" not in request.headers
    )


def cacheable(response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return "private" not in control and "no-store" not in control


def page_key(request: HttpRequest, token: str) -> str:
    # The path and query as sent, hashed: a long query must not make an over-long cache key.
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"rollcall.page:{token}:{date.today().isoformat()}:{language}:{address}"


class PageCacheMiddleware:
    """Serve a visitor's page from the store when the registry has not changed since it was made.

    Placed after `LocaleMiddleware` (the page's language is part of its key) and before the
    middleware that would read the session for every request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_visitor(request):
            return self.get_response(request)
        store = caches[CACHE_ALIAS]
        key = page_key(request, current_token())  # the token first: what follows is as fresh
        found = store.get(key)
        if isinstance(found, HttpResponse):
            found[HIT_HEADER] = "hit"
            return found
        response = self.get_response(request)
        if request.method == "GET" and isinstance(response, HttpResponse) and cacheable(response):
            # No Cache-Control for browsers: a member of staff who logs in must not be shown the
            # visitor's copy of a page from their browser's cache.
            store.set(key, response)
            response[HIT_HEADER] = "miss"
        return response
