"""Two-factor login: optional for editors and reviewers, required for admins (docs/security.md).

The tests log in through the pages as a person does, and give the codes an authenticator app
would show, computed from the device's key (RFC 6238, django_otp.oath.totp).
"""

from __future__ import annotations

import io
import re
from base64 import b32decode

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpResponse
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.cast import Cast
from tests.security.conftest import PASSWORD, with_password

pytestmark = pytest.mark.django_db


def code(device: TOTPDevice, later: int = 0) -> str:
    """The code the device's app shows now (`later`: that many 30-second steps on, for a
    second login within one step, since a code is accepted once)."""
    return f"{totp(device.bin_key, drift=later):06d}"


def password_step(client: Client, username: str, next_url: str = "") -> HttpResponse:
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/login/", data)


def enrol(client: Client, username: str) -> TOTPDevice:
    """Set up a device on the enrolment page, as a staff member with an app does."""
    page = client.get("/login/two-factor/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user__username=username, confirmed=False)
    assert client.post("/login/two-factor/", {"code": code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    return device


# --- Admins ---------------------------------------------------------------------------------------


def test_an_admin_without_a_device_is_sent_to_set_one_up_before_any_staff_page() -> None:
    with_password("ada", "admin")
    client = Client()

    response = password_step(client, "ada", next_url="/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/login/two-factor/?next=%2Fadmin%2F"
    # Until then no staff page opens: each sends them back to log in, which sends them on.
    for page in ("/admin/", "/review/", "/admin/auth/user/"):
        answer = client.get(page, follow=True)
        assert answer.redirect_chain[-1][0].startswith("/login/two-factor/"), page
    assert client.get("/login/", follow=True).redirect_chain[-1][0].startswith("/login/two-factor/")


def test_a_half_logged_in_admin_is_a_visitor_to_the_site_and_the_api(cast: Cast) -> None:
    with_password("ada", "admin")
    client = Client()
    password_step(client, "ada")

    hidden = cast.people["hidden"]
    assert client.get(f"/people/{hidden.uid}/").status_code == 404
    assert client.get(f"/api/v1/people/{hidden.uid}").status_code == 404
    assert "Log out" not in client.get("/").content.decode()


def test_the_enrolment_page_shows_the_secret_and_a_qr_code_without_script() -> None:
    with_password("ada", "admin")
    client = Client()
    password_step(client, "ada")

    page = client.get("/login/two-factor/").content.decode()

    device = TOTPDevice.objects.get(user__username="ada", confirmed=False)
    shown = re.search(r"<code>([A-Z2-7 ]+)</code>", page)
    assert shown is not None
    assert b32decode(shown.group(1).replace(" ", "")) == device.bin_key
    assert re.search(r'<svg[^>]*class="qr"', page)
    assert "<script" not in page
    # Opening the page again keeps the secret the app may have scanned already.
    client.get("/login/two-factor/")
    assert TOTPDevice.objects.get(user__username="ada", confirmed=False).key == device.key


def test_an_admin_who_confirms_a_code_reaches_the_admin() -> None:
    with_password("ada", "admin")
    client = Client()
    password_step(client, "ada", next_url="/admin/")
    client.get("/login/two-factor/?next=/admin/")
    device = TOTPDevice.objects.get(user__username="ada", confirmed=False)

    response = client.post("/login/two-factor/", {"code": code(device), "next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200


def test_a_wrong_code_does_not_confirm_a_device() -> None:
    with_password("ada", "admin")
    client = Client()
    password_step(client, "ada")
    client.get("/login/two-factor/")
    device = TOTPDevice.objects.get(user__username="ada", confirmed=False)
    wrong = f"{(int(code(device)) + 1) % 1_000_000:06d}"

    response = client.post("/login/two-factor/", {"code": wrong})

    assert response.status_code == 200
    assert "not the one your app shows" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get("/admin/").status_code == 302


def test_an_enrolled_admin_logs_in_with_password_then_code() -> None:
    with_password("ada", "admin")
    first = Client()
    password_step(first, "ada")
    device = enrol(first, "ada")

    client = Client()
    response = password_step(client, "ada", next_url="/admin/")
    assert response["Location"] == "/login/code/?next=%2Fadmin%2F"
    assert client.get("/admin/").status_code == 302

    response = client.post("/login/code/", {"code": code(device, later=1), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_code_is_accepted_once() -> None:
    with_password("ada", "admin")
    first = Client()
    password_step(first, "ada")
    device = enrol(first, "ada")

    again = Client()
    password_step(again, "ada")
    # The very code that confirmed the device, replayed.
    response = again.post("/login/code/", {"code": code(device)})
    assert response.status_code == 200
    assert again.get("/admin/").status_code == 302


def test_a_password_alone_cannot_set_up_a_second_device_beside_the_first() -> None:
    with_password("ada", "admin")
    first = Client()
    password_step(first, "ada")
    enrol(first, "ada")

    thief = Client()
    password_step(thief, "ada")
    response = thief.get("/login/two-factor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/code/")
    assert TOTPDevice.objects.filter(user__username="ada").count() == 1


def test_wrong_codes_slow_down_further_tries() -> None:
    with_password("ada", "admin")
    first = Client()
    password_step(first, "ada")
    device = enrol(first, "ada")
    client = Client()
    password_step(client, "ada")

    for _ in range(3):
        client.post("/login/code/", {"code": "000000"})
    response = client.post("/login/code/", {"code": code(device, later=1)})

    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/admin/").status_code == 302


# --- Editors and reviewers ------------------------------------------------------------------------


def test_an_editor_without_a_device_logs_in_with_the_password_alone() -> None:
    with_password("eddie", "editor")
    client = Client()

    response = password_step(client, "eddie")

    assert response["Location"] == "/review/"
    assert client.get("/admin/").status_code == 200


def test_a_reviewer_may_turn_on_two_factor_login_and_is_then_asked_for_a_code() -> None:
    with_password("rita", "reviewer")
    client = Client()
    password_step(client, "rita")
    device = enrol(client, "rita")
    assert "is on" in client.get("/login/two-factor/").content.decode()

    later = Client()
    assert password_step(later, "rita")["Location"].startswith("/login/code/")
    assert later.get("/review/").status_code == 302
    later.post("/login/code/", {"code": code(device, later=1)})
    assert later.get("/review/").status_code == 200


def test_the_code_page_sends_a_visitor_to_the_password_first() -> None:
    response = Client().get("/login/code/?next=/review/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=%2Freview%2F"


def test_next_never_leads_off_the_site() -> None:
    with_password("eddie", "editor")
    client = Client()
    response = password_step(client, "eddie", next_url="https://evil.example.net/")
    assert response["Location"] == "/review/"


# --- rollcall resetotp ----------------------------------------------------------------------------


def test_resetotp_removes_a_lost_device_and_its_sessions_must_log_in_again() -> None:
    with_password("ada", "admin")
    client = Client()
    password_step(client, "ada")
    enrol(client, "ada")
    assert client.get("/admin/").status_code == 200

    out = io.StringIO()
    call_command("resetotp", "ada", stdout=out)

    assert "Removed 1 two-factor device(s) of 'ada'" in out.getvalue()
    assert not TOTPDevice.objects.filter(user__username="ada").exists()
    # The session verified with the lost device is verified no more: an admin sets up anew.
    assert client.get("/admin/", follow=True).redirect_chain[-1][0].startswith("/login/two-factor/")


def test_resetotp_lets_a_reviewer_log_in_with_the_password_alone() -> None:
    with_password("rita", "reviewer")
    client = Client()
    password_step(client, "rita")
    enrol(client, "rita")

    call_command("resetotp", "rita", stdout=io.StringIO())

    again = Client()
    assert password_step(again, "rita")["Location"] == "/review/"


def test_resetotp_of_an_unknown_user_fails_saying_so() -> None:
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("resetotp", "nobody")
