"""Security headers beyond Django's own, and the client address login throttling counts by.

The rest of the headers come from settings (docs/security.md): Django's SecurityMiddleware
(HSTS, nosniff, Referrer-Policy, Cross-Origin-Opener-Policy), its clickjacking middleware
(X-Frame-Options) and django-csp (Content-Security-Policy).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

# Nothing on the site asks for a device or sensor; a page injected into it must not either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    """Add the Permissions-Policy header to every answer, static files and cached pages too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def client_address(request: HttpRequest) -> str | None:
    """The address a request came from, as the nearest of our own proxies saw it.

    Each proxy appends the address it was reached from to X-Forwarded-For; what stands to the
    left of our proxies' entries was written by the client and may be anything, so only the
    entry of the outermost of ROLLCALL_PROXY_COUNT proxies is read. Without proxies (or with a
    header shorter than they would write), it is the connection's own address.
    """
    remote: str | None = request.META.get("REMOTE_ADDR")
    count: int = settings.PROXY_COUNT
    if count == 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [entry.strip() for entry in header.split(",") if entry.strip()]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
