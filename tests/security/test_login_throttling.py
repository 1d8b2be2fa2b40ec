"""Ten wrong passwords lock a login for a while (django-axes, docs/security.md).

The lock holds one user name at one address: the same name from another address, and other
names from the same address, still log in, so a guesser cannot lock the staff out.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django import Settings

from rollcall.web.security import client_address
from tests.security.conftest import PASSWORD, with_password

pytestmark = pytest.mark.django_db

LOGIN = "/login/"
ATTACKER = "203.0.113.9"
STAFF_DESK = "198.51.100.20"


def log_in(client: Client, username: str, password: str) -> HttpResponse:
    return client.post(LOGIN, {"username": username, "password": password})


def guess_ten_times(client: Client, username: str) -> None:
    for attempt in range(10):
        response = log_in(client, username, f"wrong guess {attempt}")
        assert response.status_code in (200, 429)  # the form again, then the lock


def test_ten_wrong_passwords_then_the_right_one_is_refused_with_a_page_saying_so() -> None:
    with_password("rita", "reviewer")
    client = Client(REMOTE_ADDR=ATTACKER)
    guess_ten_times(client, "rita")

    response = log_in(client, "rita", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Login locked" in page
    assert "lasts 30 min" in page
    assert response["Retry-After"] == "1800"
    assert "_auth_user_id" not in client.session


def test_nine_wrong_passwords_do_not_lock_the_login() -> None:
    with_password("rita", "reviewer")
    client = Client(REMOTE_ADDR=ATTACKER)
    for attempt in range(9):
        log_in(client, "rita", f"wrong guess {attempt}")

    response = log_in(client, "rita", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("web:review")


def test_after_the_cool_off_the_right_password_logs_in_again() -> None:
    with_password("rita", "reviewer")
    client = Client(REMOTE_ADDR=ATTACKER)
    guess_ten_times(client, "rita")
    assert log_in(client, "rita", PASSWORD).status_code == 429

    # Half an hour and a minute pass.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=31))

    response = log_in(client, "rita", PASSWORD)
    assert response.status_code == 302
    assert client.get("/review/").status_code == 200


def test_the_cool_off_is_set_by_the_environment(settings: Settings) -> None:
    settings.AXES_COOLOFF_TIME = timedelta(minutes=5)
    with_password("rita", "reviewer")
    client = Client(REMOTE_ADDR=ATTACKER)
    guess_ten_times(client, "rita")
    assert "lasts 5 min" in log_in(client, "rita", PASSWORD).content.decode()

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=6))
    assert log_in(client, "rita", PASSWORD).status_code == 302


def test_a_guesser_cannot_lock_a_staff_member_out_from_another_address() -> None:
    with_password("rita", "reviewer")
    guess_ten_times(Client(REMOTE_ADDR=ATTACKER), "rita")

    desk = Client(REMOTE_ADDR=STAFF_DESK)
    assert log_in(desk, "rita", PASSWORD).status_code == 302


def test_a_locked_name_leaves_the_other_names_at_that_address_free() -> None:
    with_password("rita", "reviewer")
    with_password("eddie", "editor")
    office = Client(REMOTE_ADDR=STAFF_DESK)
    guess_ten_times(office, "rita")

    assert log_in(office, "eddie", PASSWORD).status_code == 302


def test_the_admin_login_is_the_throttled_login_page() -> None:
    with_password("rita", "reviewer")
    client = Client(REMOTE_ADDR=ATTACKER)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/admin/"

    # A form posted straight at the admin's address logs no one in either.
    posted = client.post("/admin/login/", {"username": "rita", "password": PASSWORD})
    assert posted.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_locked_login_is_locked_in_every_language() -> None:
    with_password("rita", "reviewer")
    client = Client(REMOTE_ADDR=ATTACKER)
    guess_ten_times(client, "rita")

    response = client.post("/be/login/", {"username": "rita", "password": PASSWORD})
    assert response.status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(
    settings: Settings, rf: RequestFactory
) -> None:
    settings.PROXY_COUNT = 1
    # The client wrote the first entry itself; nginx appended the address it was reached from.
    request = rf.post(LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.9, {ATTACKER}")
    assert client_address(request) == ATTACKER


def test_without_a_proxy_a_forwarded_header_is_not_believed(rf: RequestFactory) -> None:
    request = rf.post(LOGIN, REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=STAFF_DESK)
    assert client_address(request) == ATTACKER


def test_two_guessers_behind_one_proxy_are_counted_apart(settings: Settings) -> None:
    settings.PROXY_COUNT = 1
    with_password("rita", "reviewer")
    proxied = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER)
    guess_ten_times(proxied, "rita")
    assert log_in(proxied, "rita", PASSWORD).status_code == 429

    desk = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=STAFF_DESK)
    assert log_in(desk, "rita", PASSWORD).status_code == 302
