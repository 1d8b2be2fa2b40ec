"""Staff with real passwords, for tests that log in through the login page as a person does."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from tests.cast import staff_user

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fast_hashing(settings: Settings) -> None:
    """Every login test checks a dozen passwords; the real hasher's cost is not under test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def with_password(username: str, role: str) -> User:
    """A staff user in a role, as `rollcall createuser` makes one: with PASSWORD, and no
    two-factor device yet (an admin sets one up at the first login)."""
    user = staff_user(username, role)
    TOTPDevice.objects.filter(user=user).delete()
    user.set_password(PASSWORD)
    user.save()
    return user
