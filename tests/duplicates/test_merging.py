"""Merge, undo and keep apart: nothing of either person is lost, and the audit trail keeps all."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from rollcall.duplicates.merging import NotDecidable, keep_apart, merge, undo
from rollcall.duplicates.models import DuplicateFlag
from rollcall.events.custody import drifted_people
from rollcall.events.models import CustodyInterval, Event
from rollcall.people.models import Person
from tests.cast import Cast
from tests.duplicates.pairs import citations_of, flagged_pair, history_rows, run

pytestmark = pytest.mark.django_db


def facts(person: Person) -> dict[str, object]:
    """Everything a person is in the registry, ids included."""
    return {
        "person": (person.pk, person.uid, person.publication, person.place, person.created_at),
        "names": sorted(person.names.values_list("id", "value", "script", "kind")),
        "ids": sorted(person.external_ids.values_list("id", "scheme", "value")),
        "citizenships": sorted(person.citizenships.values_list("id", "country")),
        "events": sorted(person.events.values_list("id", "type", "date")),
        "citations": citations_of(person),
    }


def reasons(model: type[Person], **match: object) -> list[str]:
    history = model.history.filter(**match).order_by("history_id")  # type: ignore[attr-defined]
    return [row.history_change_reason or "" for row in history]


LIST = """id,name,birth_year,country,detained_on
{prefix}-held,Maria Kolesnikova,1982,BY,2020-09-07
"""


def imported_and_held(prefix: str, tmp_path: Path) -> Path:
    """The pair, the held one created by importing a list (which raises the flag)."""
    flag = flagged_pair(prefix)
    Person.objects.filter(uid=f"{prefix}-held").delete()
    DuplicateFlag.objects.filter(pk=flag.pk).delete()
    path = tmp_path / "list.csv"
    path.write_text(LIST.format(prefix=prefix), encoding="utf-8")
    first = run("import_list", str(path))
    assert "1 held for review" in first.out, first.err
    assert DuplicateFlag.objects.get().candidate_uid == f"{prefix}-kept"
    return path


def test_a_merge_gives_the_person_kept_every_name_id_citizenship_event_and_citation(
    shared_cast: Cast,
):
    flag = flagged_pair("m")
    held, kept = flag.held, flag.candidate
    assert held is not None
    assert kept is not None
    cited = citations_of(kept) | citations_of(held)
    trail = history_rows()

    done = merge(flag, shared_cast.users["reviewer"], "one woman, two lists")

    assert not Person.objects.filter(uid="m-held").exists()
    kept.refresh_from_db()
    assert citations_of(kept) == cited
    assert sorted(kept.names.values_list("value", "kind")) == [
        ("Maria Kolesnikova", "alias"),
        ("Maryia Kalesnikava", "primary"),
        ("Марыя Калеснікава", "alias"),
    ]
    assert list(kept.external_ids.values_list("value", flat=True)) == ["m-1"]
    assert list(kept.citizenships.values_list("country", flat=True)) == ["BY"]
    assert sorted(kept.events.values_list("type", flat=True)) == ["arrest", "sentence"]
    assert kept.place == "", "a merge moves facts; the person kept keeps their own fields"
    assert trail <= history_rows(), "every audit entry of both is kept"
    assert reasons(Person, id=done.held_pk)[-1] == "merged into m-kept"
    deleted = Person.history.filter(id=done.held_pk).order_by("history_id").last()
    assert deleted is not None
    assert deleted.history_user == shared_cast.users["reviewer"]
    assert not CustodyInterval.objects.filter(person_id=done.held_pk).exists()
    assert drifted_people() == []
    flag.refresh_from_db()
    assert (flag.state, flag.reason, flag.held) == ("merged", "one woman, two lists", None)


def test_undoing_a_merge_restores_the_held_person_exactly_and_keeps_every_audit_entry(
    shared_cast: Cast,
):
    flag = flagged_pair("u")
    held, kept = flag.held, flag.candidate
    assert held is not None
    assert kept is not None
    before_held, before_kept = facts(held), facts(kept)
    reviewer = shared_cast.users["reviewer"]
    done = merge(flag, reviewer, "same person")
    merged_trail = history_rows()

    restored = undo(done, reviewer, "two people after all")

    assert facts(Person.objects.get(uid="u-held")) == before_held
    kept.refresh_from_db()
    assert facts(kept) == before_kept
    assert merged_trail <= history_rows(), "the merge's entries stay beside the undo's"
    assert reasons(Person, id=restored.pk)[-2:] == [
        "merged into u-kept",
        "merge into u-kept undone",
    ]
    assert drifted_people() == []
    assert set(CustodyInterval.objects.values_list("person_id", flat=True)) >= {
        kept.pk,
        restored.pk,
    }
    flag.refresh_from_db()
    assert (flag.state, flag.held) == ("pending", restored)
    done.refresh_from_db()
    assert done.undone_by == reviewer
    with pytest.raises(NotDecidable):
        undo(done, reviewer)


def test_keeping_apart_publishes_the_held_person_and_the_pair_is_never_flagged_again(
    shared_cast: Cast, tmp_path: Path
):
    path = imported_and_held("k", tmp_path)
    flag = DuplicateFlag.objects.get()

    assert keep_apart(flag, shared_cast.users["admin"], "sisters")

    held = Person.objects.get(uid="k-held")
    assert held.publication == "published"
    assert reasons(Person, id=held.pk)[-1] == "published"
    path.write_text(LIST.format(prefix="k").replace("2020-09-07", "2020-09-08"), encoding="utf-8")
    again = run("import_list", str(path))
    assert "0 new, 1 updated, 0 unchanged" in again.out
    assert (again.err, DuplicateFlag.objects.count()) == ("", 1)
    with pytest.raises(NotDecidable):
        merge(flag, shared_cast.users["admin"])


def test_keeping_apart_after_a_draft_import_leaves_the_held_person_a_draft(shared_cast: Cast):
    flag = flagged_pair("d")
    DuplicateFlag.objects.filter(pk=flag.pk).update(publish_on_keep=False)
    flag.refresh_from_db()

    assert not keep_apart(flag, shared_cast.users["reviewer"])

    assert Person.objects.get(uid="d-held").publication == "draft"
    flag.refresh_from_db()
    assert flag.state == "kept_apart"


def test_a_held_person_cannot_be_published_around_the_decision(shared_cast: Cast):
    from rollcall.people.publishing import NotPublishable, set_publication

    flag = flagged_pair("p")
    assert flag.held is not None
    with pytest.raises(NotPublishable, match="duplicate"):
        set_publication(flag.held, "published", shared_cast.users["reviewer"])


def test_an_editor_may_not_merge_nor_keep_apart(shared_cast: Cast):
    flag = flagged_pair("e")
    for decide in (merge, keep_apart):
        with pytest.raises(PermissionDenied):
            decide(flag, shared_cast.users["editor"])
    flag.refresh_from_db()
    assert flag.state == "pending"


def test_importing_the_list_again_after_a_merge_creates_nobody(shared_cast: Cast, tmp_path: Path):
    path = imported_and_held("ed", tmp_path)
    done = merge(DuplicateFlag.objects.get(), shared_cast.users["reviewer"])
    people = Person.objects.count()

    again = run("import_list", str(path))

    assert "0 new, 0 updated, 1 unchanged" in again.out
    assert "held for review" not in again.out
    assert (
        again.err == f"{path}:2: id: ed-held was merged into ed-kept; the row applies to nobody\n"
    )
    assert Person.objects.count() == people
    assert Event.objects.filter(person__uid="ed-kept").count() == 2, "arrest, and the list's one"

    path.write_text(LIST.format(prefix="ed").replace("2020-09-07", "2020-09-08"), encoding="utf-8")
    changed = run("import_list", str(path))
    assert "1 held for review as possible duplicates" in changed.out
    assert changed.err.endswith("it changed since the merge: held for review\n")
    assert Person.objects.count() == people
    undo(done, shared_cast.users["reviewer"])
    assert Person.objects.filter(uid="ed-held", names__value="Maria Kolesnikova").exists()


def test_a_record_that_would_replace_what_a_merge_moved_is_held_not_written(
    shared_cast: Cast, tmp_path: Path
):
    flag = flagged_pair("j")
    merge(flag, shared_cast.users["reviewer"])
    kept = Person.objects.get(uid="j-kept")
    before = facts(kept)
    path = tmp_path / "people.jsonl"
    path.write_text(
        '{"schema": "rollcall.person/1", "id": "j-kept", '
        '"names": [{"value": "Maryia Kalesnikava", "kind": "primary"}]}\n',
        encoding="utf-8",
    )

    done = run("import_list", str(path))

    assert "0 new, 0 updated, 1 unchanged, 1 held for review" in done.out
    assert done.err == (
        f"{path}:1: id: j-kept holds what merging j-held into them moved, which the record "
        "would replace; not written: held for review\n"
    )
    assert facts(kept) == before
