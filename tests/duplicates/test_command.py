"""`rollcall duplicates`: the queue and the decisions from the command line."""

from __future__ import annotations

import json

import pytest

from rollcall.duplicates.models import DuplicateFlag
from rollcall.people.models import Person
from tests.cast import Cast
from tests.duplicates.pairs import flagged_pair, run

pytestmark = pytest.mark.django_db


def test_a_reviewer_lists_merges_and_undoes_from_the_command_line(shared_cast: Cast):
    flag = flagged_pair("c")

    listed = run("duplicates", "list")
    merged = run("duplicates", "merge", str(flag.pk), "--as", "reviewer", "--reason", "one")

    assert [json.loads(line)["held"] for line in listed.out.splitlines()] == ["c-held"]
    assert merged.code == 0, merged.err
    assert merged.out.startswith(f"flag {flag.pk}: c-held merged into c-kept (merge ")
    assert run("duplicates", "list").out == ""
    merge_id = json.loads(run("duplicates", "list", "--all").out)["merges"][0]["id"]

    undone = run("duplicates", "undo", str(merge_id), "--as", "admin")

    assert undone.out.strip() == f"merge {merge_id} undone: c-held is back"
    assert Person.objects.filter(uid="c-held").exists()


def test_an_editor_cannot_decide_from_the_command_line_either(shared_cast: Cast):
    flag = flagged_pair("x")

    refused = run("duplicates", "keep-apart", str(flag.pk), "--as", "editor")

    assert refused.code == 1
    assert "Only reviewers and admins" in refused.err
    assert DuplicateFlag.objects.get().state == "pending"
