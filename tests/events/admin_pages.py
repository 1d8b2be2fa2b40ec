"""Driving the admin site as a browser does: log in, read a page's form, post it back.

A form is posted with every field the page holds, as the browser would submit it (hidden inputs,
the CSRF token, checked boxes, selected options, inline management forms), changed only where a
test says. Tests therefore break when the admin's forms change, not when their internals do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "a-long-admin-password-1"

Fields = dict[str, list[str]]


@dataclass
class Form:
    attrs: dict[str, str]
    fields: list[tuple[str, str]] = field(default_factory=list)

    def data(self) -> Fields:
        values: Fields = {}
        for name, value in self.fields:
            values.setdefault(name, []).append(value)
        return values


class _Forms(HTMLParser):
    """Every form of a page with what a browser would submit from it, buttons left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: tuple[str, bool, list[tuple[str, bool]]] | None = None
        # An option's value attribute, or (without one) its text, and whether it is selected.
        self._option: tuple[str | None, list[str], bool] | None = None
        self._textarea: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(attrs=a)
            self.forms.append(self._form)
        if self._form is None or (not a.get("name") and tag != "option"):
            return
        name = a.get("name", "")
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = (name, "multiple" in a, [])
        elif tag == "option" and self._select is not None:
            self.handle_endtag("option")  # an option closes the one before it
            self._option = (a.get("value"), [], "selected" in a)
        elif tag == "textarea":
            self._textarea = (name, [])

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)
        if self._option is not None:
            self._option[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"option", "select"} and self._select is not None and self._option is not None:
            value, text, selected = self._option
            self._select[2].append(
                (value if value is not None else "".join(text).strip(), selected)
            )
            self._option = None
        if tag == "option":
            return
        if tag == "select" and self._select is not None and self._form is not None:
            name, multiple, options = self._select
            chosen = [value for value, selected in options if selected]
            if not chosen and not multiple and options:
                chosen = [options[0][0]]  # a single select submits its first option by default
            self._form.fields += [(name, value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            text = "".join(self._textarea[1])
            # HTML drops one newline right after <textarea>; Django writes one there.
            self._form.fields.append((self._textarea[0], text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form":
            self._form = None


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def admin_client() -> Client:
    """A browser-like client logged in to the admin as a superuser, CSRF checks on: the password,
    then setting up the two-factor device every admin must have, with a code from its key."""
    User.objects.create_superuser("admin", password=PASSWORD)
    client = Client(enforce_csrf_checks=True)
    response = client.get("/admin/", follow=True)
    login = _form_with(response, "password")
    data = login.data()
    data.update(username=["admin"], password=[PASSWORD])
    response = client.post(login.attrs["action"], data, follow=True)
    enrol = _form_with(response, "code")
    data = enrol.data()
    device = TOTPDevice.objects.get(user__username="admin", confirmed=False)
    data.update(code=[f"{totp(device.bin_key):06d}"])
    response = client.post(enrol.attrs["action"], data)
    assert response.status_code == 302, "the admin login was refused"
    assert client.get("/admin/").status_code == 200
    return client


def _form_with(response: HttpResponse, has: str) -> Form:
    return next(f for f in forms(response.content.decode()) if has in f.data())


def page_form(client: Client, url: str, has: str) -> Fields:
    """The fields of the form on `url` that holds a field named `has`, as a browser sends them.

    The blank rows inline formsets keep for "Add another" (`events-__prefix__-…`) are included;
    `add_inline_row` turns them into a filled-in row, and `post` leaves the rest out.
    """
    response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    for form in forms(response.content.decode()):
        data = form.data()
        if has in data:
            return data
    raise AssertionError(f"no form with a {has!r} field on {url}")


def add_inline_row(data: Fields, prefix: str, **values: str) -> None:
    """Fill in a new row of the inline formset `prefix`, as "Add another" and typing would."""
    row = int(data[f"{prefix}-TOTAL_FORMS"][0])
    blank = f"{prefix}-__prefix__-"
    for name, value in list(data.items()):
        if name.startswith(blank):
            data[f"{prefix}-{row}-{name.removeprefix(blank)}"] = list(value)
    for key, value in values.items():
        data[f"{prefix}-{row}-{key}"] = [value]
    data[f"{prefix}-TOTAL_FORMS"] = [str(row + 1)]


def inline_row(data: Fields, prefix: str, pk: int) -> str:
    """The name prefix (`events-2-`) of the inline row showing the record `pk`."""
    for name, value in data.items():
        if name.startswith(f"{prefix}-") and name.endswith("-id") and value == [str(pk)]:
            return name.removesuffix("id")
    raise AssertionError(f"no {prefix} row for record {pk}")


def post(client: Client, url: str, data: Fields) -> HttpResponse:
    """Post a form; a page answered with 200 is the same form showing errors."""
    sent = {name: value for name, value in data.items() if "__prefix__" not in name}
    response: HttpResponse = client.post(url, sent)
    return response


def form_errors(response: HttpResponse) -> str:
    """The admin's error notes on a re-shown form, for assertion messages."""
    html = response.content.decode()
    start = html.find("errornote")
    return html[start : start + 1500] if start >= 0 else html[:1500]
