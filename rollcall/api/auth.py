"""Who may write through the API, and what each role may write.

A write is made by a staff member, in one of two ways (docs/api.md, "Writing"):

- `Authorization: Bearer TOKEN`, a token from `rollcall createtoken` (rollcall/accounts/models.py),
  for scripts. An unknown or revoked token, or one whose user is no longer active staff, is a
  401, even beside a logged-in session: a script must learn that its token stopped working, not
  write as whoever else is logged in.
- a staff session of the site, with Django's CSRF token (the `X-CSRFToken` header), for pages.

Anyone else is answered 401; staff whose role does not allow the write, 403 (`require`). The
acting user becomes `request.user` either way, which is where the audit trail
(simple_history's request middleware) reads who made each change.

Reads do not use this: they are open, and staff see more through their session alone.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from rollcall.accounts.models import ApiToken


class BearerToken(HttpBearer):
    """`Authorization: Bearer TOKEN`, a token `rollcall createtoken` printed."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        found = ApiToken.find(token)
        if found is None or not (found.user.is_active and found.user.is_staff):
            raise AuthenticationError(401, "the API token is unknown or revoked")
        found.record_use()
        request.user = found.user
        return found.user


class StaffSession(APIKeyCookie):
    """A logged-in staff member's session cookie, with the CSRF token a page sends beside it.

    Ninja's own session auth checks CSRF before it knows who is asking, which answers a
    visitor's write 403; here a visitor is a 401 and only staff are held to CSRF.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = request.user
        if isinstance(user, AnonymousUser) or not (user.is_active and user.is_staff):
            return None
        if check_csrf(request) is not None:
            raise HttpError(
                403,
                "CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header",
            )
        return user


WRITERS = [BearerToken(), StaffSession()]


def acting_user(request: HttpRequest) -> User:
    """The staff member a write route was authenticated as."""
    user = request.user
    assert isinstance(user, User), "a write route without `auth=WRITERS`"
    return user


def require(request: HttpRequest, permission: str, doing: str) -> None:
    """Refuse with 403 unless the acting user's role has `permission` (e.g. `people.add_person`)."""
    if not acting_user(request).has_perm(permission):
        raise HttpError(403, f"your role may not {doing}")


def unauthorized(request: HttpRequest, error: AuthenticationError, api: NinjaAPI) -> HttpResponse:
    """The 401, with the `WWW-Authenticate` header HTTP asks of one, naming the scheme to use."""
    message = str(error)
    if message == "Unauthorized":  # ninja's own, when no way of writing was tried at all
        message = "log in as staff, or send `Authorization: Bearer TOKEN` (rollcall createtoken)"
    response = api.create_response(request, {"detail": message}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="rollcall"'
    return response
