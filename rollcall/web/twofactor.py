"""A password alone logs in only as far as the second step.

A staff member who must give a code (one with a confirmed device, and every admin: see
`rollcall.accounts.twofactor`) has a session after their password, but until they give the code
(or, an admin without a device, set one up) they are a visitor on every page but the login
pages: the admin, the review pages and the API see no staff member, and send them to log in,
which sends them to the step they are missing. One rule at the request, instead of a check in
each staff view that a new view could forget.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve
from django.utils.functional import SimpleLazyObject

from rollcall.accounts.twofactor import needs_second_step

View = TypeVar("View", bound=Callable[..., Any])
User = AbstractBaseUser | AnonymousUser


def before_second_step(view: View) -> View:
    """Mark a view that sees the user whose password was right but who has not given a code."""
    view.before_second_step = True  # type: ignore[attr-defined]
    return view


def is_verified(user: User) -> bool:
    """Whether the session has passed the second step (django-otp's OTPMiddleware says)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def is_half_logged_in(user: User) -> bool:
    return user.is_authenticated and not is_verified(user) and needs_second_step(user)


def _reaches_login_pages(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(getattr(match.func, "before_second_step", False))


def _as_far_as_logged_in(request: HttpRequest, user: User) -> User:
    if is_half_logged_in(user) and not _reaches_login_pages(request):
        return AnonymousUser()
    return user


class SecondStepMiddleware:
    """Show a half-logged-in user as a visitor outside the login pages (after OTPMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        request.user = SimpleLazyObject(lambda: _as_far_as_logged_in(request, user))  # type: ignore[assignment]
        whole = getattr(request, "auser", None)
        if whole is not None:
            request.auser = _async_user(request, whole)  # type: ignore[assignment]
        return self.get_response(request)


def _async_user(
    request: HttpRequest, whole: Callable[[], Awaitable[User]]
) -> Callable[[], Awaitable[User]]:
    async def auser() -> User:
        return await sync_to_async(_as_far_as_logged_in)(request, await whole())

    return auser
