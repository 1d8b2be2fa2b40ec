from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_it_creates_a_staff_user_in_the_role_group(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLCALL_PASSWORD", "a-long-password-1")
    call_command("createuser", "rita", "--role", "reviewer")
    user = User.objects.get(username="rita")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["reviewer"]
    assert user.check_password("a-long-password-1")
    assert user.has_perm("people.view_person")
    assert not user.has_perm("people.change_person")


def test_an_admin_is_a_superuser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLCALL_PASSWORD", "a-long-password-1")
    call_command("createuser", "ada", "--role", "admin")
    assert User.objects.get(username="ada").is_superuser


def test_it_refuses_a_weak_password_or_a_taken_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLCALL_PASSWORD", "123")
    with pytest.raises(CommandError, match="password:"):
        call_command("createuser", "eve", "--role", "editor")
    assert not User.objects.filter(username="eve").exists()
    monkeypatch.setenv("ROLLCALL_PASSWORD", "a-long-password-1")
    call_command("createuser", "eve", "--role", "editor")
    with pytest.raises(CommandError, match="already exists"):
        call_command("createuser", "eve", "--role", "editor")
