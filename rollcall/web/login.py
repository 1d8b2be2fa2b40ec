"""Staff login: the password, then the second step (a code, or setting up a device).

Every step works without JavaScript, as the rest of the site does. The password step is
throttled by django-axes (settings, docs/security.md); a device's codes are throttled by the
device itself (django-otp waits longer after each wrong code).
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from rollcall.accounts.twofactor import confirm, confirmed_devices, enrolment_device
from rollcall.web.twofactor import before_second_step, is_half_logged_in

NEXT = "next"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not code.isdigit():
            raise forms.ValidationError(_("A code is six digits."))
        return code


def onward(request: HttpRequest) -> str:
    """Where the staff member was going (`next`, if it is on this site), else the review queue."""
    wanted = request.POST.get(NEXT) or request.GET.get(NEXT) or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _to(name: str, request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(name)}?{urlencode({NEXT: onward(request)})}")


def second_step(request: HttpRequest, user: User) -> HttpResponseRedirect:
    """The step a half-logged-in user is missing: their code, or (an admin) a device."""
    if confirmed_devices(user):
        return _to("web:login-code", request)
    return _to("web:enrol", request)


@method_decorator(before_second_step, name="dispatch")
class StaffLoginView(LoginView):
    """The password step. A user who needs a second step goes on to it instead of onward."""

    template_name = "web/login.html"
    form_class = AuthenticationForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if is_half_logged_in(request.user):
            return second_step(request, request.user)  # type: ignore[arg-type]
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        auth_login(self.request, user)
        if is_half_logged_in(user):
            return second_step(self.request, user)
        return HttpResponseRedirect(self.get_success_url())


login = before_second_step(StaffLoginView.as_view())


@before_second_step
@never_cache
@require_http_methods(["GET", "POST"])
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the staff member's authenticator app."""
    user = request.user
    if not user.is_authenticated:
        return _to("web:login", request)
    if not is_half_logged_in(user):
        return HttpResponseRedirect(onward(request))
    assert isinstance(user, User)
    devices = confirmed_devices(user)
    if not devices:
        return _to("web:enrol", request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _refusal(devices)
        device = _accepting(devices, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return HttpResponseRedirect(onward(request))
        form.add_error("code", refusal)
    return render(request, "web/login_code.html", {"form": form, NEXT: onward(request)})


def _accepting(devices: list[TOTPDevice], code: str) -> TOTPDevice | None:
    for device in devices:
        if device.verify_token(code):
            return device
    return None


def _refusal(devices: list[TOTPDevice]) -> str:
    """Why a code would be refused, asked before it is tried: each wrong code makes its device
    wait longer (1 s, 2 s, 4 s, …) before it tries another."""
    if not any(device.verify_is_allowed()[0] for device in devices):
        return _("Too many wrong codes: wait a minute, then give the newest code.")
    return _("That code is not the one your app shows now. Try the newest code.")


@before_second_step
@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up two-factor login: scan the secret into an app, then confirm with a code from it."""
    user = request.user
    if not user.is_authenticated:
        return _to("web:login", request)
    assert isinstance(user, User)
    if confirmed_devices(user):
        if is_half_logged_in(user):
            # A password alone never sets up a second device beside the one it would bypass.
            return _to("web:login-code", request)
        return render(request, "web/enrol.html", {"enrolled": True})
    device = enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = _refusal([device])
        if confirm(device, form.cleaned_data["code"]):
            otp_login(request, device)
            return HttpResponseRedirect(onward(request))
        form.add_error("code", refusal)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "enrolled": False,
        "required": is_half_logged_in(user),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr": _qr(device.config_url),
        NEXT: onward(request),
    }
    return render(request, "web/enrol.html", context)


def _qr(url: str) -> str:
    """The device's otpauth:// address as an inline SVG QR code: no script, no image request."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="qr",
        title=_("QR code of the secret"),
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup of our own address


def locked_out(
    request: HttpRequest,
    original_response: HttpResponseBase | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes' answer to a locked-out login: a page saying so and for how long (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
    response = render(request, "web/locked.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
