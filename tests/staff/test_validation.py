"""The data-entry rules (events/validation.py, collective/validation.py), each on a real
database: what is refused, at which field, and what is let through because it may be true."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rollcall.collective.models import (
    Agreement,
    CollectiveEvent,
    DestinationCount,
    NationalsCount,
    ReportedEstimate,
    SanctionsMeasure,
)
from rollcall.collective.validation import (
    agreement_problems,
    collective_problems,
    destination_problems,
    estimate_problems,
    sanctions_problems,
)
from rollcall.events.models import CriminalArticle, Event
from rollcall.events.validation import (
    Problem,
    citation_problems,
    event_problems,
    name_problems,
    person_problems,
    source_problems,
)
from rollcall.people.models import Person, PersonName
from rollcall.sources.models import Citation, Source
from tests.cast import person

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 1)


def fields(problems: list[Problem]) -> list[str]:
    return [problem.field for problem in problems]


@pytest.fixture
def losik() -> Person:
    return person("Ihar Losik", events=[("arrest", "2020-06-25", "BY")])


def event(of: Person | None = None, **values: object) -> Event:
    values.setdefault("country", "BY")
    return Event(person=of, **values)  # type: ignore[misc]


# Dates against the rest of the timeline


def test_a_release_before_the_persons_arrest_is_refused_at_its_date(losik: Person) -> None:
    release = event(losik, type="release", date=date(2019, 12, 31))
    (problem,) = event_problems(release, today=TODAY)
    assert problem.field == "date"
    assert "2019-12-31" in problem.message
    assert "2020-06-25" in problem.message


@pytest.mark.parametrize("kind", ["deportation", "death_in_custody"])
def test_a_deportation_or_death_in_custody_before_the_arrest_is_refused(
    losik: Person, kind: str
) -> None:
    assert fields(event_problems(event(losik, type=kind, date=date(2020, 1, 5)))) == ["date"]


def test_a_release_on_the_day_of_the_arrest_or_after_it_is_accepted(losik: Person) -> None:
    for day in (date(2020, 6, 25), date(2021, 6, 25)):
        assert event_problems(event(losik, type="release", date=day), today=TODAY) == []


def test_a_release_known_only_by_the_year_of_the_arrest_is_not_refused(losik: Person) -> None:
    release = event(losik, type="release", date=date(2020, 1, 1), date_precision="year")
    assert event_problems(release, today=TODAY) == []


def test_a_release_of_a_person_with_no_arrest_on_record_is_accepted() -> None:
    listed = person("Maria Kalesnikava")
    assert event_problems(event(listed, type="release", date=date(2025, 9, 11))) == []


def test_an_undated_earlier_arrest_lets_a_release_come_before_a_later_arrest(
    losik: Person,
) -> None:
    Event.objects.create(person=losik, type="arrest", date=None, country="BY")
    assert event_problems(event(losik, type="release", date=date(2019, 5, 1)), today=TODAY) == []


def test_moving_the_only_arrest_after_the_release_is_refused_at_the_arrest(
    losik: Person,
) -> None:
    Event.objects.create(person=losik, type="release", date=date(2021, 3, 1), country="BY")
    arrest = losik.events.get(type="arrest")
    arrest.date = date(2022, 1, 1)
    (problem,) = event_problems(arrest, today=TODAY)
    assert problem.field == "date"
    assert "2021-03-01" in problem.message


def test_a_form_editing_several_events_is_judged_on_the_events_it_holds() -> None:
    new = Person.objects.create()
    arrest = event(new, type="arrest", date=date(2021, 5, 1))
    release = event(new, type="release", date=date(2021, 4, 1))
    assert fields(event_problems(release, others=[arrest], today=TODAY)) == ["date"]
    assert fields(event_problems(arrest, others=[release], today=TODAY)) == ["date"]


def test_an_arrest_after_the_persons_death_is_refused_and_a_posthumous_recognition_is_not(
    losik: Person,
) -> None:
    Event.objects.create(person=losik, type="death", date=date(2023, 1, 10), country="BY")
    later = event(losik, type="arrest", date=date(2023, 2, 1))
    assert fields(event_problems(later, today=TODAY)) == ["date"]
    recognition = event(losik, type="recognition", date=date(2023, 2, 1), country="")
    assert event_problems(recognition, today=TODAY) == []


def test_a_death_dated_before_a_later_transfer_is_refused_at_the_death(losik: Person) -> None:
    Event.objects.create(person=losik, type="transfer", date=date(2022, 1, 1), country="BY")
    death = event(losik, type="death_in_custody", date=date(2021, 6, 1))
    assert fields(event_problems(death, today=TODAY)) == ["date"]


def test_an_event_before_the_persons_birth_is_refused() -> None:
    young = person("Young Person", birth_date=date(2005, 5, 1), birth_precision="day")
    assert fields(event_problems(event(young, type="arrest", date=date(2004, 1, 1)))) == ["date"]


def test_a_birth_date_after_an_event_is_refused_at_the_birth_date(losik: Person) -> None:
    losik.birth_date = date(2021, 1, 1)
    losik.birth_precision = "day"
    (problem,) = person_problems(losik, today=TODAY)
    assert problem.field == "birth_date"
    assert "2020-06-25" in problem.message


def test_a_birth_date_in_the_future_is_refused(losik: Person) -> None:
    losik.birth_date = TODAY + timedelta(days=30)
    assert fields(person_problems(losik, today=TODAY)) == ["birth_date"]


# Dates in the future


def test_an_event_dated_in_the_future_is_refused_and_tomorrow_is_allowed(losik: Person) -> None:
    later = event(losik, type="transfer", date=TODAY + timedelta(days=2))
    (problem,) = event_problems(later, today=TODAY)
    assert problem.field == "date"
    assert "is in the future" in problem.message
    tomorrow = event(losik, type="transfer", date=TODAY + timedelta(days=1))
    assert event_problems(tomorrow, today=TODAY) == []


def test_a_month_still_to_come_is_in_the_future_and_this_year_is_not(losik: Person) -> None:
    month = event(losik, type="transfer", date=date(2026, 4, 1), date_precision="month")
    assert fields(event_problems(month, today=TODAY)) == ["date"]
    year = event(losik, type="transfer", date=date(2026, 1, 1), date_precision="year")
    assert event_problems(year, today=TODAY) == []


# Sentences


def test_a_sentence_ending_before_it_was_passed_is_refused_at_its_end(losik: Person) -> None:
    sentence = event(
        losik,
        type="sentence",
        date=date(2021, 12, 14),
        sentence_kind="term",
        term_months=180,
        term_ends_on=date(2021, 6, 1),
    )
    (problem,) = event_problems(sentence, today=TODAY)
    assert problem.field == "term_ends_on"
    assert "2021-12-14" in problem.message


def test_a_term_ending_years_ahead_is_accepted(losik: Person) -> None:
    sentence = event(
        losik,
        type="sentence",
        date=date(2021, 12, 14),
        sentence_kind="term",
        term_months=180,
        term_ends_on=date(2035, 6, 25),
    )
    assert event_problems(sentence, today=TODAY) == []


def test_a_sentence_with_a_term_but_no_kind_is_refused_at_the_kind(losik: Person) -> None:
    sentence = event(losik, type="sentence", date=date(2021, 12, 14), term_months=180)
    assert fields(event_problems(sentence, today=TODAY)) == ["sentence_kind"]


def test_a_life_sentence_with_a_term_and_a_term_of_no_months_are_refused(losik: Person) -> None:
    life = event(
        losik, type="sentence", date=date(2021, 12, 14), sentence_kind="life", term_months=12
    )
    assert fields(event_problems(life, today=TODAY)) == ["term_months"]
    empty = event(
        losik, type="sentence", date=date(2021, 12, 14), sentence_kind="term", term_months=0
    )
    assert fields(event_problems(empty, today=TODAY)) == ["term_months"]


def test_sentence_fields_on_an_event_that_is_no_sentence_are_refused(losik: Person) -> None:
    arrest = event(losik, type="transfer", date=date(2021, 1, 1), term_months=12)
    assert fields(event_problems(arrest, today=TODAY)) == ["term_months"]


# Places


def test_a_destination_equal_to_the_holding_state_is_refused(losik: Person) -> None:
    release = event(losik, type="release", date=date(2025, 9, 11), destination="BY")
    (problem,) = event_problems(release, today=TODAY)
    assert problem.field == "destination"
    assert "BY" in problem.message


def test_a_release_abroad_is_accepted(losik: Person) -> None:
    release = event(losik, type="release", date=date(2025, 9, 11), destination="LT")
    assert event_problems(release, today=TODAY) == []


def test_a_destination_on_an_arrest_and_a_release_kind_on_a_transfer_are_refused(
    losik: Person,
) -> None:
    arrest = event(losik, type="transfer", date=date(2021, 1, 1), destination="LT")
    assert fields(event_problems(arrest, today=TODAY)) == ["destination"]
    transfer = event(losik, type="transfer", date=date(2021, 1, 1), release_kind="pardon")
    assert fields(event_problems(transfer, today=TODAY)) == ["release_kind"]


def test_a_country_that_is_not_an_iso_code_is_refused_with_the_spelling_to_use(
    losik: Person,
) -> None:
    wrong = event(losik, type="transfer", date=date(2021, 1, 1), country="XX")
    assert fields(event_problems(wrong, today=TODAY)) == ["country"]
    lower = event(losik, type="transfer", date=date(2021, 1, 1), country="by")
    (problem,) = event_problems(lower, today=TODAY)
    assert problem.field == "country"
    assert "BY" in problem.message


# Charges


def test_an_article_of_another_states_code_is_refused(losik: Person) -> None:
    russian = CriminalArticle.objects.create(country="RU", number="280")
    charge = event(losik, type="charge", date=date(2020, 7, 1))
    (problem,) = event_problems(charge, [russian], today=TODAY)
    assert problem.field == "articles"
    assert "280" in problem.message
    assert "RU" in problem.message


def test_an_article_typed_as_text_must_be_known_for_the_holding_state(losik: Person) -> None:
    CriminalArticle.objects.create(country="BY", number="342")
    charge = event(losik, type="charge", date=date(2020, 7, 1))
    known = CriminalArticle(country="BY", number="342")
    assert event_problems(charge, [known], today=TODAY) == []
    unknown = CriminalArticle(country="BY", number="9999")
    (problem,) = event_problems(charge, [unknown], today=TODAY)
    assert problem.field == "articles"
    assert "9999" in problem.message


def test_articles_without_a_holding_state_are_refused_at_the_country(losik: Person) -> None:
    article = CriminalArticle.objects.create(country="BY", number="342")
    charge = event(losik, type="charge", date=date(2020, 7, 1), country="")
    assert fields(event_problems(charge, [article], today=TODAY)) == ["country"]


# Names and citations


def test_a_blank_name_a_name_with_extra_spaces_and_a_made_up_script_are_refused() -> None:
    assert fields(name_problems(PersonName(value="  "))) == ["value"]
    assert fields(name_problems(PersonName(value="Ihar  Losik"))) == ["value"]
    assert fields(name_problems(PersonName(value="Ihar Losik", script="be Cyrl"))) == ["script"]
    assert name_problems(PersonName(value="Ігар Лосік", script="be-Cyrl")) == []


def test_a_quote_not_in_the_sources_text_is_refused(losik: Person) -> None:
    source = Source.objects.create(title="Losik sentenced", text="Ihar Losik was sentenced.")
    found = Citation(source=source, fact=losik, quote="Ihar Losik was sentenced")
    assert citation_problems(found) == []
    invented = Citation(source=source, fact=losik, quote="Ihar Losik was pardoned")
    assert fields(citation_problems(invented)) == ["quote"]
    misplaced = Citation(source=source, fact=losik, quote="Ihar Losik", start=3, end=13)
    assert fields(citation_problems(misplaced)) == ["start"]


def test_a_source_nobody_can_find_again_is_refused() -> None:
    assert fields(source_problems(Source(kind="article"), today=TODAY)) == ["url"]
    assert source_problems(Source(title="Court record 1-234/2021"), today=TODAY) == []


def test_a_sources_text_that_loses_a_quoted_passage_is_refused(losik: Person) -> None:
    source = Source.objects.create(title="Losik sentenced", text="Ihar Losik was sentenced.")
    Citation.objects.create(source=source, fact=losik, quote="Ihar Losik was sentenced")
    source.text = "Ihar Losik was released."
    (problem,) = source_problems(source, today=TODAY)
    assert problem.field == "text"
    assert "Ihar Losik was sentenced" in problem.message


# Collective events


def release(**values: object) -> CollectiveEvent:
    fields_: dict[str, object] = {
        "type": "release",
        "title": "Release of 52 political prisoners",
        "date": date(2025, 9, 11),
        "country": "BY",
        "count_value": 52,
        "count_qualifier": "exact",
    }
    return CollectiveEvent(**(fields_ | values))  # type: ignore[arg-type]


def test_a_collective_destination_equal_to_the_holding_state_is_refused() -> None:
    freed = release()
    home = DestinationCount(collective=freed, country="BY", count_value=3, count_qualifier="exact")
    abroad = DestinationCount(
        collective=freed, country="LT", count_value=49, count_qualifier="exact"
    )
    (problem,) = collective_problems(freed, [home, abroad], today=TODAY)
    assert problem.field == "destinations"
    assert problem.message.startswith("BY: ")
    assert fields(destination_problems(freed, home)) == ["country"]


def test_a_count_needs_its_qualifier_and_a_qualifier_its_count() -> None:
    assert fields(collective_problems(release(count_qualifier=""), today=TODAY)) == [
        "count_qualifier"
    ]
    assert fields(collective_problems(release(count_value=None), today=TODAY)) == ["count_value"]
    assert collective_problems(release(count_value=None, count_qualifier=""), today=TODAY) == []


def test_destinations_counted_beyond_the_events_exact_count_are_refused() -> None:
    freed = release(count_value=10)
    rows = [
        DestinationCount(collective=freed, country="LT", count_value=8, count_qualifier="exact"),
        DestinationCount(collective=freed, country="PL", count_value=5, count_qualifier="at_least"),
    ]
    (problem,) = collective_problems(freed, rows, today=TODAY)
    assert problem.field == "destinations"
    assert "13" in problem.message
    about = [
        DestinationCount(collective=freed, country="LT", count_value=12, count_qualifier="about")
    ]
    assert collective_problems(freed, about, today=TODAY) == []


def test_citizenships_counted_beyond_the_exact_count_are_refused() -> None:
    freed = release(count_value=1)
    nationals = [
        NationalsCount(collective=freed, country="LT", count_value=6, count_qualifier="exact")
    ]
    assert fields(collective_problems(freed, nationals=nationals, today=TODAY)) == ["nationals"]


def test_a_collective_event_in_the_future_or_with_a_release_kind_but_no_release_is_refused() -> (
    None
):
    later = release(date=TODAY + timedelta(days=10))
    assert fields(collective_problems(later, today=TODAY)) == ["date"]
    arrests = release(type="arrest", release_kind="pardon")
    assert fields(collective_problems(arrests, today=TODAY)) == ["release_kind"]


def test_destinations_of_a_mass_arrest_are_refused() -> None:
    arrests = release(type="arrest")
    taken = DestinationCount(collective=arrests, country="LT")
    assert fields(destination_problems(arrests, taken)) == ["country"]


# Agreements, sanctions, estimates


def test_an_agreement_dated_in_the_future_is_refused() -> None:
    deal = Agreement(title="Deal", date=TODAY + timedelta(days=40))
    assert fields(agreement_problems(deal, today=TODAY)) == ["date"]


def test_a_state_sanctioning_itself_and_an_unknown_issuer_are_refused() -> None:
    own = SanctionsMeasure(issuer="BY", target_country="BY", target="potash", action="lifted")
    assert fields(sanctions_problems(own)) == ["target_country"]
    unknown = SanctionsMeasure(issuer="XX", target_country="BY", target="potash", action="eased")
    assert fields(sanctions_problems(unknown)) == ["issuer"]
    eu = SanctionsMeasure(issuer="EU", target_country="BY", target="potash", action="eased")
    assert sanctions_problems(eu) == []


def test_an_estimate_needs_a_qualifier_and_a_past_date() -> None:
    estimate = ReportedEstimate(
        measure="held",
        country="BY",
        count_value=1100,
        count_qualifier="",
        as_of=TODAY + timedelta(days=5),
        attributed_to="Viasna",
    )
    assert fields(estimate_problems(estimate, today=TODAY)) == ["as_of", "count_qualifier"]
