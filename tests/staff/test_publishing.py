"""Publishing: reviewers and admins put drafts before the public and take them back; editors
and visitors cannot; each decision is in the person's history with who made it and when."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from rollcall.accounts.roles import ensure_group, refresh_groups
from rollcall.audit.changes import changes
from rollcall.people.models import Person
from tests.cast import Cast
from tests.events.admin_pages import page_form, post

pytestmark = pytest.mark.django_db


def publish(cast: Cast, role: str, uid: str, publication: str = "published") -> int:
    response = cast.client(role).post(
        f"/staff/people/{uid}/publication/", {"publication": publication}
    )
    return response.status_code


def test_an_editor_cannot_publish_a_draft(cast: Cast) -> None:
    draft = cast.people["draft"]
    assert publish(cast, "editor", draft.uid) == 403
    draft.person.refresh_from_db()
    assert draft.person.publication == "draft"


def test_a_visitor_is_sent_to_log_in_and_publishes_nothing(cast: Cast) -> None:
    draft = cast.people["draft"]
    response = cast.client("visitor").post(
        f"/staff/people/{draft.uid}/publication/", {"publication": "published"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    draft.person.refresh_from_db()
    assert draft.person.publication == "draft"


def test_a_reviewer_publishes_and_the_history_says_who_and_when(cast: Cast) -> None:
    draft = cast.people["draft"]
    visitor = cast.client("visitor")
    assert visitor.get(f"/api/v1/people/{draft.uid}").status_code == 404
    before = timezone.now()

    assert publish(cast, "reviewer", draft.uid) == 302

    draft.person.refresh_from_db()
    assert draft.person.publication == "published"
    last = changes("person", draft.uid)[-1]
    assert last["who"] == "reviewer"
    assert last["reason"] == "published"
    assert last["changes"]["publication"] == ("draft", "published")
    assert last["when"] >= before.isoformat(timespec="seconds")
    assert visitor.get(f"/api/v1/people/{draft.uid}").status_code == 200
    assert draft.name in visitor.get(f"/people/{draft.uid}/").content.decode()


def test_an_admin_unpublishes_and_the_record_leaves_the_public_site(cast: Cast) -> None:
    public = cast.people["public"]
    assert publish(cast, "admin", public.uid, "draft") == 302
    last = changes("person", public.uid)[-1]
    assert (last["who"], last["reason"]) == ("admin", "unpublished")
    assert cast.client("visitor").get(f"/people/{public.uid}/").status_code == 404


def test_a_draft_flagged_as_a_possible_duplicate_is_not_published(cast: Cast) -> None:
    draft = cast.people["draft"].person
    draft.note = (
        "possible duplicate of cast-public (Ales Lutskevich), score 0.97, flagged by import"
    )
    draft.save()
    response = cast.client("reviewer").post(
        f"/staff/people/{draft.uid}/publication/", {"publication": "published"}, follow=True
    )
    assert "possible duplicate" in response.content.decode()
    draft.refresh_from_db()
    assert draft.publication == "draft"


def test_a_reviewer_publishes_from_the_admins_list_and_an_editor_is_not_offered_it(
    cast: Cast,
) -> None:
    draft = cast.people["draft"].person
    editor_page = cast.client("editor").get("/admin/people/person/").content.decode()
    assert 'value="publish"' not in editor_page
    reviewer = cast.client("reviewer")
    data = page_form(reviewer, "/admin/people/person/", has="action")
    data.update(action=["publish"], _selected_action=[str(draft.pk)])

    response = post(reviewer, "/admin/people/person/", data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.publication == "published"
    last = changes("person", draft.uid)[-1]
    assert (last["who"], last["reason"]) == ("reviewer", "published")


def test_an_editor_posting_the_publish_action_changes_nothing(cast: Cast) -> None:
    draft = cast.people["draft"].person
    editor = cast.client("editor")
    editor.post(
        "/admin/people/person/",
        {"action": "publish", "_selected_action": [str(draft.pk)], "index": "0"},
    )
    assert Person.objects.get(pk=draft.pk).publication == "draft"
    assert changes("person", draft.uid)[-1]["reason"] == ""


def test_reviewers_and_admins_may_publish_and_editors_may_not() -> None:
    publish_person = Permission.objects.get(codename="publish_person")
    assert publish_person in ensure_group("reviewer").permissions.all()
    assert publish_person in ensure_group("admin").permissions.all()
    assert publish_person not in ensure_group("editor").permissions.all()


def test_groups_made_before_publishing_existed_gain_it_after_migrating() -> None:
    reviewer = ensure_group("reviewer")
    reviewer.permissions.remove(Permission.objects.get(codename="publish_person"))
    editor_before = set(ensure_group("editor").permissions.all())

    refresh_groups()
    refresh_groups()  # idempotent

    assert reviewer.permissions.filter(codename="publish_person").exists()
    assert set(Group.objects.get(name="editor").permissions.all()) == editor_before
