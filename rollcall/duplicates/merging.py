"""A reviewer's decision on a flag: merge the two people (undoably), or keep them apart.

Who may: reviewers and admins, the people who may publish (`people.publishing.may_publish`):
both decisions put a record before the public or take one out of it.

Every move is a model save with the deciding user and a reason ("merged into UID", "merge into
UID undone"), so the audit trail shows it; the held person's deletion leaves their history rows,
and an undo recreates them with the same id and uid. Custody of both people is re-derived in the
same transaction (`events.custody.writing_events`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rollcall.duplicates.models import DuplicateFlag, FlagState, Merge
from rollcall.events.custody import writing_events
from rollcall.events.models import Event
from rollcall.people.choices import NameKind, Publication
from rollcall.people.models import Citizenship, ExternalId, Person, PersonName
from rollcall.people.publishing import NotPublishable, may_publish, set_publication
from rollcall.sources.models import Citation

User = AbstractBaseUser | AnonymousUser
_Model = TypeVar("_Model", bound=models.Model)
# Stamped by Django, not part of what the person is: an undo restores `created_at` by hand.
_STAMPS = {"id", "created_at", "updated_at"}


class NotDecidable(ValueError):
    """The flag or merge cannot be acted on as asked (already decided, a person gone, …)."""


def _user(user: User) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _save(obj: _Model, user: User, reason: str, **kwargs: Any) -> _Model:
    obj._history_user = _user(user)  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save(**kwargs)
    return obj


def _delete(obj: models.Model, user: User, reason: str) -> None:
    obj._history_user = _user(user)  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.delete()


def _check(user: User) -> None:
    if not may_publish(user):
        raise PermissionDenied(_("Only reviewers and admins merge people or keep them apart."))


def _pending(flag_id: int) -> DuplicateFlag:
    flag = DuplicateFlag.objects.select_for_update().get(pk=flag_id)
    if flag.state != FlagState.PENDING:
        raise NotDecidable(_("This flag has been decided already."))
    return flag


def _decide(flag: DuplicateFlag, state: str, user: User, reason: str) -> None:
    flag.state = state
    flag.decided_by = _user(user)
    flag.decided_at = timezone.now()
    flag.reason = reason
    flag.save()


def keep_apart(flag: DuplicateFlag, user: User, reason: str = "") -> bool:
    """Record that the two are different people; whether the held person was published.

    The held person is published unless the import made drafts (`--draft`, or a record that was
    a draft itself) or something else keeps them from going public (another pending flag, no
    name): they stay a draft for a reviewer, as any draft does.
    """
    _check(user)
    with transaction.atomic():
        flag = _pending(flag.pk)
        _decide(flag, FlagState.KEPT_APART, user, reason)
        held = flag.held
        if held is None or not flag.publish_on_keep or held.publication != Publication.DRAFT:
            return False
        try:
            return set_publication(held, Publication.PUBLISHED, user)
        except NotPublishable:
            return False


def merge(flag: DuplicateFlag, user: User, reason: str = "") -> Merge:
    """Move everything of the held person to the person kept, delete the held person, keep a
    record to undo it. A name or citizenship the person kept has already is not moved but
    absorbed: its citations go to the twin, and it is deleted (an undo recreates it)."""
    _check(user)
    with transaction.atomic():
        flag = _pending(flag.pk)
        held, kept = flag.held, flag.candidate
        if held is None or kept is None:
            raise NotDecidable(_("One of the two people is no longer in the registry."))
        why = f"merged into {kept.uid}"
        moved: dict[str, list[Any]] = {}
        absorbed: list[dict[str, Any]] = []
        with writing_events(people=[held.pk, kept.pk]):
            _move_names(held, kept, user, why, moved, absorbed)
            for external in held.external_ids.all():
                external.person = kept
                _save(external, user, why)
                moved.setdefault("external_ids", []).append(external.pk)
            twins = {c.country: c for c in kept.citizenships.all()}
            for citizenship in held.citizenships.all():
                twin = twins.get(citizenship.country)
                if twin is not None:
                    absorbed.append(
                        _absorb(citizenship, twin, {"country": twin.country}, user, why)
                    )
                    continue
                citizenship.person = kept
                _save(citizenship, user, why)
                moved.setdefault("citizenships", []).append(citizenship.pk)
            for event in held.events.all():
                event.person = kept
                _save(event, user, why)
                moved.setdefault("events", []).append(event.pk)
            for citation in _citations(Person, held.pk):
                citation.object_id = kept.pk
                _save(citation, user, why)
                moved.setdefault("citations", []).append(citation.pk)
            moved["flags"] = _repoint_flags(flag, held, kept)
            filled = _fill(kept, held)
            if filled:
                _save(kept, user, why)
            moved["filled"] = [filled]
            person = {
                field.attname: _plain(getattr(held, field.attname))
                for field in Person._meta.concrete_fields
                if field.attname not in _STAMPS
            }
            person["created_at"] = held.created_at.isoformat()
            held_pk, held_uid = held.pk, held.uid
            _delete(held, user, why)
        flag.held = None  # deleted; `held_uid` still names them, and an undo links them back
        _decide(flag, FlagState.MERGED, user, reason)
        return Merge.objects.create(
            flag=flag,
            kept=kept,
            kept_uid=kept.uid,
            held_pk=held_pk,
            held_uid=held_uid,
            person=person,
            moved=moved,
            absorbed=absorbed,
            merged_by=_user(user),
            reason=reason,
        )


def undo(merge_record: Merge, user: User, reason: str = "") -> Person:
    """Recreate the held person as they were (same id and uid) with what was moved or absorbed,
    and put the flag back to pending. What the person kept gained since the merge stays theirs."""
    _check(user)
    with transaction.atomic():
        done = Merge.objects.select_for_update().get(pk=merge_record.pk)
        if done.undone_at is not None:
            raise NotDecidable(_("This merge has been undone already."))
        kept = done.kept
        if kept is None:
            raise NotDecidable(_("The person kept is no longer in the registry."))
        if (
            Person.objects.filter(pk=done.held_pk).exists()
            or Person.objects.filter(uid=done.held_uid).exists()
        ):
            raise NotDecidable(_("The merged person's id is in use again."))
        why = f"merge into {kept.uid} undone"
        with writing_events(people=[kept.pk, done.held_pk]):
            held = _restore_person(done, user, why)
            for item in done.absorbed:
                _unabsorb(item, held, user, why)
            for pk, kind in done.moved.get("names", []):
                for name in PersonName.objects.filter(pk=pk, person=kept):
                    name.person, name.kind = held, kind
                    _save(name, user, why)
            for key, model in (
                ("external_ids", ExternalId),
                ("citizenships", Citizenship),
                ("events", Event),
            ):
                for obj in model.objects.filter(pk__in=done.moved.get(key, []), person=kept):
                    obj.person = held
                    _save(obj, user, why)
            person_type = ContentType.objects.get_for_model(Person)
            for citation in Citation.objects.filter(
                pk__in=done.moved.get("citations", []),
                content_type=person_type,
                object_id=kept.pk,
            ):
                citation.object_id = held.pk
                _save(citation, user, why)
            for pk, field in done.moved.get("flags", []):
                DuplicateFlag.objects.filter(pk=pk).update(**{field: held})
            filled = (done.moved.get("filled") or [{}])[0]
            if filled and all(
                _plain(getattr(kept, f)) == after for f, (_before, after) in filled.items()
            ):
                for field, (old, _after) in filled.items():
                    value = date.fromisoformat(old) if field == "birth_date" and old else old
                    setattr(kept, field, value)
                _save(kept, user, why)
        done.undone_at = timezone.now()
        done.undone_by = _user(user)
        done.save()
        flag = done.flag
        flag.held = held
        flag.state = FlagState.PENDING
        flag.decided_by, flag.decided_at = None, None
        flag.save()
        return held


def _move_names(
    held: Person,
    kept: Person,
    user: User,
    why: str,
    moved: dict[str, list[Any]],
    absorbed: list[dict[str, Any]],
) -> None:
    twins = {n.value: n for n in kept.names.all()}
    has_primary = any(n.kind == NameKind.PRIMARY for n in twins.values())
    for name in held.names.all():
        twin = twins.get(name.value)
        if twin is not None:
            fields = {"value": name.value, "script": name.script, "kind": name.kind}
            absorbed.append(_absorb(name, twin, fields, user, why))
            continue
        kind = name.kind
        name.person = kept
        if kind == NameKind.PRIMARY and has_primary:
            # One primary name per person: the one kept stays the name they are shown by.
            name.kind = NameKind.ALIAS
        _save(name, user, why)
        moved.setdefault("names", []).append([name.pk, kind])


def _absorb(
    obj: PersonName | Citizenship,
    twin: PersonName | Citizenship,
    fields: dict[str, Any],
    user: User,
    why: str,
) -> dict[str, Any]:
    citations = list(_citations(type(obj), obj.pk))
    for citation in citations:
        citation.object_id = twin.pk
        _save(citation, user, why)
    item = {
        "model": "name" if isinstance(obj, PersonName) else "citizenship",
        "id": obj.pk,
        "fields": fields,
        "into": twin.pk,
        "citations": [c.pk for c in citations],
    }
    _delete(obj, user, why)
    return item


def _unabsorb(item: dict[str, Any], held: Person, user: User, why: str) -> None:
    model: type[PersonName] | type[Citizenship] = (
        PersonName if item["model"] == "name" else Citizenship
    )
    restored = model(pk=item["id"], person=held, **item["fields"])
    _save(restored, user, why, force_insert=True)
    kind = ContentType.objects.get_for_model(model)
    for citation in Citation.objects.filter(
        pk__in=item["citations"], content_type=kind, object_id=item["into"]
    ):
        citation.object_id = restored.pk
        _save(citation, user, why)


def _restore_person(done: Merge, user: User, why: str) -> Person:
    data = dict(done.person)
    created = data.pop("created_at", None)
    if data.get("birth_date"):
        data["birth_date"] = date.fromisoformat(data["birth_date"])
    held = _save(Person(pk=done.held_pk, **data), user, why, force_insert=True)
    if created:
        # `auto_now_add` stamps the recreation; the person was created when they first were.
        Person.objects.filter(pk=held.pk).update(created_at=datetime.fromisoformat(created))
    return held


def _fill(kept: Person, held: Person) -> dict[str, list[Any]]:
    """Give the person kept the gender and birth date only the held person gives: field →
    [before, after], for an undo."""
    filled: dict[str, list[Any]] = {}
    fields: list[tuple[str, ...]] = [] if kept.gender or not held.gender else [("gender",)]
    if kept.birth_date is None and held.birth_date is not None:
        fields.append(("birth_date", "birth_precision"))
    for group in fields:
        for field in group:
            filled[field] = [_plain(getattr(kept, field)), _plain(getattr(held, field))]
            setattr(kept, field, getattr(held, field))
    return filled


def _repoint_flags(flag: DuplicateFlag, held: Person, kept: Person) -> list[list[Any]]:
    """Other flags naming the held person now name the person kept (they are one person)."""
    repointed: list[list[Any]] = []
    others = DuplicateFlag.objects.exclude(pk=flag.pk)
    for field in ("held", "candidate"):
        for pk in others.filter(**{field: held}).values_list("pk", flat=True):
            repointed.append([pk, field])
        others.filter(**{field: held}).update(**{field: kept})
    return repointed


def _citations(model: type[models.Model], pk: int) -> models.QuerySet[Citation]:
    kind = ContentType.objects.get_for_model(model)
    return Citation.objects.filter(content_type=kind, object_id=pk).order_by("id")


def _plain(value: object) -> Any:
    return value.isoformat() if isinstance(value, date) else value
