"""The staff pages of likely duplicates: the queue, the pair side by side, the decision forms."""

from __future__ import annotations

import pytest

from rollcall.duplicates.models import DuplicateFlag, Merge
from rollcall.people.models import Person
from tests.cast import Cast
from tests.duplicates.pairs import flagged_pair

pytestmark = pytest.mark.django_db


def test_the_pair_is_shown_side_by_side_with_names_events_and_quoted_sources(shared_cast: Cast):
    flag = flagged_pair("s")

    page = shared_cast.client("editor").get(f"/staff/duplicates/{flag.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    held, candidate = html.split('data-side="held"')[1].split('data-side="candidate"')
    for side, own in (
        (held, ["Maria Kolesnikova", "s-held", "was sentenced to 11 years on 6 September 2021"]),
        (candidate, ["Maryia Kalesnikava", "s-kept", "was detained in Minsk on 7 September 2020"]),
    ):
        for text in [*own, "Марыя Калеснікава", "be-Cyrl"]:
            assert text in side, text
    assert "1982" in candidate
    assert 'name="action" value="merge"' not in html, "an editor looks, never decides"


def test_the_queue_lists_each_flag_and_links_the_pair(shared_cast: Cast):
    flag = flagged_pair("q")

    page = shared_cast.client("editor").get("/staff/duplicates/")

    html = page.content.decode()
    assert f'href="/staff/duplicates/{flag.pk}/"' in html
    assert "Maria Kolesnikova" in html
    assert "Maryia Kalesnikava" in html
    assert "list.csv:2" in html
    staff = shared_cast.client("editor").get("/staff/people/").content.decode()
    assert 'href="/staff/duplicates/"' in staff


def test_a_reviewer_merges_from_the_page_and_undoes_it_there(shared_cast: Cast):
    flag = flagged_pair("r")
    client = shared_cast.client("reviewer")
    page = client.get(f"/staff/duplicates/{flag.pk}/").content.decode()
    assert 'name="action" value="merge"' in page
    assert "csrfmiddlewaretoken" in page

    merged = client.post(
        f"/staff/duplicates/{flag.pk}/decision/", {"action": "merge", "reason": "one woman"}
    )

    assert merged.status_code == 302
    assert not Person.objects.filter(uid="r-held").exists()
    done = Merge.objects.get()
    after = client.get(f"/staff/duplicates/{flag.pk}/").content.decode()
    assert f'action="/staff/duplicates/merges/{done.pk}/undo/"' in after
    assert "no longer in the registry" in after

    client.post(f"/staff/duplicates/merges/{done.pk}/undo/", {"reason": "two women"})

    assert Person.objects.filter(uid="r-held").exists()
    flag.refresh_from_db()
    assert flag.state == "pending"


def test_an_editor_and_a_visitor_cannot_decide(shared_cast: Cast):
    flag = flagged_pair("v")
    url = f"/staff/duplicates/{flag.pk}/decision/"

    refused = shared_cast.client("editor").post(url, {"action": "merge"})
    sent_away = shared_cast.client("visitor").post(url, {"action": "merge"})

    assert refused.status_code == 403
    assert sent_away.status_code == 302
    assert sent_away["Location"].startswith("/login/")
    flag.refresh_from_db()
    assert flag.state == "pending"
    assert Person.objects.filter(uid="v-held").exists()


def test_the_held_persons_staff_page_links_to_the_comparison(shared_cast: Cast):
    flag = flagged_pair("h")

    page = shared_cast.client("reviewer").get("/staff/people/h-held/").content.decode()

    assert f'href="/staff/duplicates/{flag.pk}/"' in page
    assert DuplicateFlag.objects.get().state == "pending"
