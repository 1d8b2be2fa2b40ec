"""Who must log in with a second factor, and their authenticator devices.

Two-factor login is a time-based code (TOTP, RFC 6238) from an authenticator app. It is optional
for editors and reviewers and required for admins: an admin manages users and tokens, so a
guessed or leaked admin password alone must open nothing. Once a staff member has confirmed a
device, every login of theirs asks for a code from it.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django_otp.plugins.otp_totp.models import TOTPDevice

# The name a device gets in the admin's list of devices.
DEVICE_NAME = "Authenticator app"


def is_admin(user: User) -> bool:
    """An admin as `rollcall createuser --role admin` makes one, or any superuser."""
    return user.is_superuser or user.groups.filter(name="admin").exists()


def confirmed_devices(user: User) -> list[TOTPDevice]:
    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


def needs_second_step(user: User | AnonymousUser | AbstractBaseUser) -> bool:
    """Whether a password alone leaves this user short of logged in."""
    if not isinstance(user, User):
        return False
    return is_admin(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def enrolment_device(user: User) -> TOTPDevice:
    """The device being set up: the same secret until it is confirmed, however often the page is
    opened, so that a reload does not invalidate what the app has already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm(device: TOTPDevice, code: str) -> bool:
    """Confirm a device being set up with a code its app shows; other unconfirmed ones go."""
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    return True


def reset(user: User) -> int:
    """Remove every device of the user (a lost phone); sessions verified with one end at once,
    since a session is verified only while its device exists. Returns how many were removed."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    return int(removed)
