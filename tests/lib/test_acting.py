"""`--as USER`: one rule for who a command acts as."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User

from rollcall.lib.acting import NoSuchActor, acting_user, acting_user_or_exit
from tests.cast import staff_user

pytestmark = pytest.mark.django_db


def test_no_name_is_nobody_and_a_staff_name_is_that_user() -> None:
    alice = staff_user("alice", "reviewer")
    assert acting_user(None) is None
    assert acting_user("") is None
    assert acting_user("alice", staff=True) == alice


def test_a_name_that_is_nobodys_is_refused_naming_the_option() -> None:
    with pytest.raises(NoSuchActor, match=r"^--as mallory: no such user$"):
        acting_user("mallory")


def test_an_act_that_needs_staff_refuses_a_visitors_account() -> None:
    User.objects.create(username="visitor")
    assert acting_user("visitor") is not None
    with pytest.raises(NoSuchActor, match=r"^--as visitor: not a staff user$"):
        acting_user("visitor", staff=True)


def test_a_command_refused_says_why_on_its_stderr_and_exits_1() -> None:
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        acting_user_or_exit("mallory", stderr)
    assert exited.value.code == 1
    assert stderr.getvalue() == "--as mallory: no such user"
