"""Short articles in phrasings unlike the benchmark's, to keep the rules general.

Every article here is SYNTHETIC: the people, their arrests, releases and deaths are invented; only
the countries and places are real. Each test states the facts a careful reader would take from it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rollcall.extraction import Document, extract, read_document


def events_of(text: str, published: date) -> list[dict[str, object]]:
    result = extract(Document(text=text, title=text.split("\n")[0], published=published))
    events = result["events"]
    assert isinstance(events, list)
    return events


def one(events: list[dict[str, object]], kind: str) -> dict[str, object]:
    found = [e for e in events if e["type"] == kind]
    assert len(found) == 1, found
    return found[0]


def names(event: dict[str, object]) -> list[str]:
    persons = event["persons"]
    assert isinstance(persons, list)
    return [p["name"] for p in persons]


def test_a_person_named_before_an_age_apposition_is_the_one_who_died_and_was_arrested() -> None:
    events = events_of(
        "Protester dies in custody\n\n"
        "Hamid Rezaei, a 27-year-old protester, died in pre-trial detention in Tehran on Sunday, "
        "his family said. He was detained by security forces in January.",
        date(2025, 4, 13),
    )
    death = one(events, "death_in_custody")
    assert (death["date"], death["country"], names(death)) == ("2025-04-13", "IR", ["Hamid Rezaei"])
    arrest = one(events, "arrest")
    assert (arrest["date"], names(arrest)) == ("2025-01", ["Hamid Rezaei"])


def test_a_blogger_freed_at_the_end_of_his_term_in_the_passive_voice() -> None:
    events = events_of(
        "Blogger freed after two years\n\n"
        "Vasil Kerimov, a 34-year-old blogger, was freed on Tuesday by a court in Baku after "
        "serving his full sentence, his lawyer said. Kerimov had been arrested in March 2023.",
        date(2025, 6, 12),
    )
    release = one(events, "release")
    assert release["release_kind"] == "end_of_term"
    assert (release["date"], release["country"], names(release)) == (
        "2025-06-10",
        "AZ",
        ["Vasil Kerimov"],
    )
    assert one(events, "arrest")["date"] == "2023-03"


def test_citizenships_in_the_sentence_after_a_pardon_are_those_of_the_pardoned() -> None:
    events = events_of(
        "Belarus pardons 14 prisoners\n\n"
        'The head of state pardoned 14 people convicted of "extremism" on Friday, Belarusian '
        "state media reported. The pardoned included Ivan Dorokh, a retired teacher, and Alena "
        "Sitnik, a nurse.\n\nFour of them were foreigners: three Poles and a Japanese citizen.",
        date(2025, 7, 4),
    )
    assert [e["type"] for e in events] == ["release"]  # "convicted of" describes the people
    release = events[0]
    assert release["release_kind"] == "pardon"
    assert release["count"] == {"value": 14, "qualifier": "exact"}
    assert names(release) == ["Ivan Dorokh", "Alena Sitnik"]
    assert release["nationals"] == [
        {"country": "PL", "count": {"value": 3, "qualifier": "exact"}},
        {"country": "JP", "count": None},
    ]


def test_both_halves_of_a_swap_are_exchanges_linked_to_each_other_and_to_the_mediator() -> None:
    events = events_of(
        "Journalist swapped in Istanbul\n\n"
        "Russia on Thursday freed the American reporter Daniel Horne, who was swapped for a "
        "Russian businessman held in Germany, in an exchange brokered by Turkey. Germany released "
        "the businessman, Oleg Trushin, in return for Horne.",
        date(2025, 3, 20),
    )
    releases = {e["country"]: e for e in events if e["type"] == "release"}
    assert set(releases) == {"RU", "DE"}
    for holder, other in (("RU", "DE"), ("DE", "RU")):
        release = releases[holder]
        assert release["release_kind"] == "exchange"
        links = release["linked"]
        assert isinstance(links, list)
        assert {"type": "exchange", "by": other} in links
        assert {"type": "mediation", "by": "TR"} in links
    assert names(releases["RU"]) == ["Daniel Horne"]
    assert names(releases["DE"]) == ["Oleg Trushin"]  # the man he was swapped for is not freed here


def test_prisoners_handed_over_at_the_border_in_a_deal_for_sanctions_relief() -> None:
    events = events_of(
        "Activists handed over at the border\n\n"
        "Belarusian authorities released five political prisoners on Saturday and handed them "
        "over to Lithuanian officials at the border, in a deal negotiated with the United States, "
        "which in return eased sanctions on the state airline Belavia.",
        date(2025, 9, 13),
    )
    release = one(events, "release")
    assert release["release_kind"] == "deal"
    assert release["count"] == {"value": 5, "qualifier": "exact"}
    assert release["destinations"] == [{"country": "LT", "count": None}]
    links = release["linked"]
    assert isinstance(links, list)
    assert {"type": "agreement", "by": "US"} in links
    assert {"type": "sanctions_relief", "by": "US", "target": "Belavia"} in links


def test_critics_stripped_of_citizenship_and_flown_abroad_are_deported() -> None:
    events = events_of(
        "Nicaragua sends critics abroad\n\n"
        "Nicaragua stripped 12 opposition figures of citizenship and flew them to Guatemala on "
        "Monday, according to relatives. Among them was the poet Rosa Guerrero.",
        date(2025, 2, 10),
    )
    deportation = one(events, "deportation")
    assert deportation["country"] == "NI"
    assert deportation["date"] == "2025-02-10"
    assert deportation["count"] == {"value": 12, "qualifier": "exact"}
    assert deportation["destinations"] == [{"country": "GT", "count": None}]
    assert names(deportation) == ["Rosa Guerrero"]


def test_a_counted_group_named_by_its_country_adjective_gives_their_citizenship() -> None:
    events = events_of(
        "Two activists expelled\n\n"
        "Thailand expelled two Cambodian activists to Cambodia on Wednesday, police said.",
        date(2025, 6, 18),
    )
    deportation = one(events, "deportation")
    assert deportation["country"] == "TH"
    assert deportation["destinations"] == [{"country": "KH", "count": None}]
    assert deportation["nationals"] == [
        {"country": "KH", "count": {"value": 2, "qualifier": "exact"}}
    ]


def test_people_amnestied_on_a_named_day_and_the_day_is_no_person() -> None:
    events = events_of(
        "Myanmar amnesty\n\n"
        "More than two dozen political prisoners were amnestied on Independence Day, the "
        "military government said, among them the student leader Ko Aung Min Htet.",
        date(2025, 1, 4),
    )
    release = one(events, "release")
    assert release["release_kind"] == "amnesty"
    assert release["country"] == "MM"
    assert release["count"] == {"value": 24, "qualifier": "more_than"}
    assert names(release) == ["Aung Min Htet"]


def test_names_after_the_verb_are_the_people_sentenced() -> None:
    events = events_of(
        "Court jails three journalists\n\n"
        "A court in Moscow on Wednesday sentenced three journalists, Pavel Lebedev, Irina "
        'Sokolova and Gleb Marin, to five and a half years in prison each for "participating in '
        'an extremist organisation".',
        date(2025, 4, 16),
    )
    sentence = one(events, "sentence")
    assert (sentence["date"], sentence["country"]) == ("2025-04-16", "RU")
    assert sentence["count"] == {"value": 3, "qualifier": "exact"}
    assert names(sentence) == ["Pavel Lebedev", "Irina Sokolova", "Gleb Marin"]


def test_an_arrest_with_at_least_a_count_and_names_among_them() -> None:
    events = events_of(
        "Police detain activists\n\n"
        "Georgian police detained at least seven activists overnight in Tbilisi, among them Nino "
        "Beridze and Levan Gelashvili, rights groups said.",
        date(2025, 5, 2),
    )
    arrest = one(events, "arrest")
    assert (arrest["country"], arrest["date"]) == ("GE", "2025-05-02")
    assert arrest["count"] == {"value": 7, "qualifier": "at_least"}
    assert names(arrest) == ["Nino Beridze", "Levan Gelashvili"]


def test_clemency_granted_to_people_listed_at_the_head_of_the_next_sentence() -> None:
    events = events_of(
        "Clemency for three\n\n"
        "The president granted clemency to three jailed journalists on Monday. Aziz Karimov, "
        "Leyla Huseynova and Rauf Aliyev walked out of Bayil prison in Baku hours later.",
        date(2025, 5, 26),
    )
    release = one(events, "release")
    assert release["release_kind"] == "pardon"
    assert (release["country"], release["count"]) == ("AZ", {"value": 3, "qualifier": "exact"})
    assert names(release) == ["Aziz Karimov", "Leyla Huseynova", "Rauf Aliyev"]


def test_jailed_with_the_term_after_the_object_is_a_sentence() -> None:
    events = events_of(
        "Activist jailed\n\n"
        "An Iranian court has jailed the labour activist Reza Shokri for six years on charges of "
        '"propaganda against the state", his wife said on Wednesday. Shokri was taken into '
        "custody in Tehran last October.",
        date(2025, 3, 5),
    )
    sentence = one(events, "sentence")
    assert (sentence["country"], names(sentence)) == ("IR", ["Reza Shokri"])
    arrest = one(events, "arrest")
    assert (arrest["date"], names(arrest)) == ("2024-10", ["Reza Shokri"])


def test_handing_someone_over_to_another_state_with_no_release_is_a_deportation() -> None:
    events = events_of(
        "Blogger handed over\n\n"
        "Police in Bangkok handed over the Vietnamese blogger Tran Minh Duc to Vietnamese "
        "authorities at the border on Friday. He was arrested in Thailand last month.",
        date(2025, 4, 11),
    )
    deportation = one(events, "deportation")
    assert (deportation["country"], deportation["date"]) == ("TH", "2025-04-11")
    assert deportation["destinations"] == [{"country": "VN", "count": None}]
    assert names(deportation) == ["Tran Minh Duc"]


def test_freed_in_return_for_the_release_of_another_states_prisoner_is_an_exchange() -> None:
    events = events_of(
        "Prisoner swap\n\n"
        "Belarus freed two Polish citizens on Tuesday in return for the release of a Belarusian "
        "journalist held in Poland, the foreign ministry in Warsaw said. The exchange was "
        "mediated by the Vatican.",
        date(2025, 6, 3),
    )
    release = next(e for e in events if e["type"] == "release" and e["country"] == "BY")
    assert release["release_kind"] == "exchange"
    links = release["linked"]
    assert isinstance(links, list)
    assert {"type": "exchange", "by": "PL"} in links
    assert {"type": "mediation", "by": "VA"} in links
    assert release["nationals"] == [{"country": "PL", "count": {"value": 2, "qualifier": "exact"}}]


def test_groups_sent_to_several_countries_keep_their_own_counts_and_give_no_total() -> None:
    events = events_of(
        "Dissidents sent abroad\n\n"
        "Cuba on Saturday deported 15 dissidents to Spain and six others to the United States, "
        "according to the Cuban Observatory of Human Rights.",
        date(2025, 10, 4),
    )
    deportation = one(events, "deportation")
    assert deportation["country"] == "CU"
    assert "count" not in deportation
    assert deportation["destinations"] == [
        {"country": "ES", "count": {"value": 15, "qualifier": "exact"}},
        {"country": "US", "count": {"value": 6, "qualifier": "exact"}},
    ]


def test_a_full_name_opening_a_sentence_is_vouched_for_by_its_surname_used_alone() -> None:
    events = events_of(
        "Verdict\n\n"
        "Nguyen Van Thanh was given an eight-year prison sentence by a court in Hanoi on Thursday "
        "for Facebook posts. Thanh, 41, was arrested in May 2024.",
        date(2025, 9, 18),
    )
    assert names(one(events, "sentence")) == ["Nguyen Van Thanh"]
    assert names(one(events, "arrest")) == ["Nguyen Van Thanh"]


def test_a_pronoun_after_an_opening_time_phrase_stands_for_the_person_named_before() -> None:
    events = events_of(
        "Historian dies in prison\n\n"
        "Oleg Voronin, the historian who spent his last four years behind bars, has died in a "
        "penal colony in Russia. Voronin was detained in 2021. In 2023 he was moved to a "
        "maximum-security colony.",
        date(2025, 8, 2),
    )
    transfer = one(events, "transfer")
    assert (transfer["date"], names(transfer)) == ("2023", ["Oleg Voronin"])
    assert names(one(events, "death_in_custody")) == ["Oleg Voronin"]


def test_halves_of_a_swap_told_on_different_days_pair_and_the_broker_frees_no_one() -> None:
    events = events_of(
        "Swap completed\n\n"
        "France on Monday released Yusuf Demir, who was swapped for the French aid worker Claire "
        "Martel in a deal brokered by Qatar. Iran freed Martel the next day; the exchange took "
        "place in Qatar.",
        date(2025, 5, 13),
    )
    releases = {e["country"]: e for e in events if e["type"] == "release"}
    assert set(releases) == {"FR", "IR"}
    for holder, other in (("FR", "IR"), ("IR", "FR")):
        links = releases[holder]["linked"]
        assert isinstance(links, list)
        assert {"type": "exchange", "by": other} in links
        assert {"type": "mediation", "by": "QA"} in links
        assert {"type": "exchange", "by": "QA"} not in links


def test_found_hanged_in_a_cell_is_a_death_in_custody() -> None:
    events = events_of(
        "Inmate found dead\n\n"
        "Journalist Ahmed Saber was found hanged in his cell at Tora prison on Monday, rights "
        "groups said. Egyptian authorities arrested Saber in 2022.",
        date(2025, 2, 17),
    )
    death = one(events, "death_in_custody")
    assert (death["country"], death["date"], names(death)) == ("EG", "2025-02-17", ["Ahmed Saber"])
    assert one(events, "arrest")["date"] == "2022"


def test_freed_after_completing_a_hyphenated_term_is_the_end_of_a_term() -> None:
    events = events_of(
        "Released after ten years\n\n"
        "The scholar Abdulla Rahman was released from a prison in China on Friday after "
        "completing a ten-year sentence, his daughter said.",
        date(2025, 3, 14),
    )
    release = one(events, "release")
    assert release["release_kind"] == "end_of_term"
    assert names(release) == ["Abdulla Rahman"]


def test_a_dual_citizen_written_with_joined_adjectives_gives_both_citizenships() -> None:
    events = events_of(
        "Dual citizen freed\n\n"
        "Iran has freed Sara Mahdavi, a dual Iranian-Swedish citizen, after three years in Evin "
        "prison, Sweden's foreign ministry said on Sunday.",
        date(2025, 2, 23),
    )
    release = one(events, "release")
    assert names(release) == ["Sara Mahdavi"]
    assert release["nationals"] == [
        {"country": "IR", "count": None},
        {"country": "SE", "count": None},
    ]


def test_citizens_of_several_countries_share_a_count_that_counts_none_of_them() -> None:
    events = events_of(
        "Deported\n\n"
        "Russia deported five citizens of Ukraine and Moldova on Tuesday, officials said.",
        date(2025, 5, 20),
    )
    deportation = one(events, "deportation")
    assert deportation["count"] == {"value": 5, "qualifier": "exact"}
    assert deportation["nationals"] == [
        {"country": "UA", "count": None},
        {"country": "MD", "count": None},
    ]
    single = one(
        events_of(
            "Two freed\n\nBelarus released two citizens of Lithuania, Jonas Petraitis and Ona "
            "Kazlauskiene, on Friday.",
            date(2025, 1, 3),
        ),
        "release",
    )
    assert single["nationals"] == [{"country": "LT", "count": {"value": 2, "qualifier": "exact"}}]


def test_a_count_of_a_plural_demonym_counts_the_people_and_their_citizenship() -> None:
    events = events_of(
        "Pardons after talks\n\n"
        "Venezuela pardoned ten jailed Americans on Friday under an arrangement reached with "
        "Washington, officials said.",
        date(2025, 7, 18),
    )
    release = one(events, "release")
    assert (release["country"], release["release_kind"]) == ("VE", "deal")
    assert release["count"] == {"value": 10, "qualifier": "exact"}
    assert release["nationals"] == [{"country": "US", "count": {"value": 10, "qualifier": "exact"}}]
    assert release["linked"] == [{"type": "agreement", "by": "US"}]


def test_freed_after_prosecutors_dropped_the_charges_is_an_acquittal() -> None:
    events = events_of(
        "Charges dropped\n\n"
        "Prosecutors in Ankara dropped all charges against the student Elif Yilmaz, who was freed "
        "on Monday.",
        date(2025, 4, 28),
    )
    release = one(events, "release")
    assert release["release_kind"] == "acquittal"
    assert names(release) == ["Elif Yilmaz"]


def test_an_expulsion_told_as_a_noun_is_a_deportation_with_its_destination() -> None:
    events = events_of(
        "Expulsion confirmed\n\n"
        "The expulsion of 135 political prisoners to Guatemala on Thursday was confirmed by the "
        "State Department.",
        date(2024, 9, 6),
    )
    deportation = one(events, "deportation")
    assert deportation["count"] == {"value": 135, "qualifier": "exact"}
    assert deportation["destinations"] == [{"country": "GT", "count": None}]


def test_a_court_in_a_city_that_is_not_the_capital_names_the_holding_state() -> None:
    events = events_of(
        "Pensioner jailed\n\n"
        "A court in Gomel on Tuesday sentenced the pensioner Nina Marchuk, 68, to three years in a "
        "penal colony for comments she left online.",
        date(2025, 9, 4),
    )
    sentence = one(events, "sentence")
    assert (sentence["country"], sentence["date"], names(sentence)) == (
        "BY",
        "2025-09-02",
        ["Nina Marchuk"],
    )


def test_a_prison_in_a_region_named_before_its_noun_names_the_holding_state() -> None:
    events = events_of(
        "Activist moved\n\n"
        "The activist Oleg Varenko was transferred last month to a Mordovia penal colony, his "
        "lawyer said.",
        date(2025, 3, 20),
    )
    transfer = one(events, "transfer")
    assert (transfer["country"], transfer["date"]) == ("RU", "2025-02")


def test_landing_in_a_foreign_city_is_where_the_freed_were_taken_not_who_held_them() -> None:
    events = events_of(
        "Freed prisoners abroad\n\n"
        "Azerbaijan freed the journalists Kamran Aliyev and Leyla Guliyeva on Monday. Hours later "
        "they landed in Berlin, where they were met by relatives.",
        date(2025, 5, 14),
    )
    release = one(events, "release")
    assert release["country"] == "AZ"
    assert release["destinations"] == [{"country": "DE", "count": None}]


def test_a_time_told_from_the_event_before_is_dated_from_that_event() -> None:
    events = events_of(
        "Blogger's ordeal\n\n"
        "The blogger Tran Minh Khoa was arrested on 9 March 2023 in Da Nang. A year later a court "
        "sentenced him to eight years. He was moved to a prison in Thanh Hoa two weeks later, and "
        "his wife was told the following day.",
        date(2025, 2, 1),
    )
    assert one(events, "arrest")["date"] == "2023-03-09"
    sentence = one(events, "sentence")
    assert (sentence["date"], sentence["date_precision"], sentence["country"]) == (
        "2024",
        "year",
        "VN",
    )
    transfer = one(events, "transfer")
    assert (transfer["date"], transfer["date_precision"]) == ("2024", "year")


def test_a_second_person_moved_on_the_same_day_is_another_transfer_on_that_day() -> None:
    events = events_of(
        "Two prisoners moved\n\n"
        "The poet Sayeh Karimi was transferred to Qarchak prison on 4 June, her husband said. "
        "Her son was allowed no visit.\n\n"
        "On the same day, the teacher Reza Nouri was moved to Evin prison.",
        date(2025, 6, 9),
    )
    transfers = [e for e in events if e["type"] == "transfer"]
    assert [(names(t), t["date"], t["country"]) for t in transfers] == [
        (["Sayeh Karimi"], "2025-06-04", "IR"),
        (["Reza Nouri"], "2025-06-04", "IR"),
    ]


def test_a_court_sentencing_him_sentences_the_person_named_before() -> None:
    events = events_of(
        "Rapper jailed\n\n"
        "The rapper Dilshod Karimov was detained in Khujand in May 2024. In March 2025 a regional "
        "court sentenced him to seven years for 'extremism'.",
        date(2025, 4, 2),
    )
    sentence = one(events, "sentence")
    assert (names(sentence), sentence["date"], sentence["country"]) == (
        ["Dilshod Karimov"],
        "2025-03",
        "TJ",
    )


def test_a_detention_centre_and_arrest_warrants_are_no_arrests() -> None:
    events = events_of(
        "Warrants issued\n\n"
        "Prosecutors in Istanbul on Monday issued arrest warrants for 40 people. Relatives waited "
        "outside the Silivri detention centre for news.",
        date(2025, 2, 11),
    )
    assert [e for e in events if e["type"] == "arrest"] == []


def test_a_general_remark_far_from_the_news_is_not_dated_by_publication() -> None:
    events = events_of(
        "Journalist moved to distant jail\n\n"
        "The journalist Hoang Van Minh was moved last month to a prison in Nghe An, his wife said."
        "\n\nHe was arrested in 2021.\n\n"
        "Rights groups say transfers far from home are used to punish families.",
        date(2025, 8, 20),
    )
    transfer = one(events, "transfer")
    assert (transfer["date"], names(transfer), transfer["country"]) == (
        "2025-07",
        ["Hoang Van Minh"],
        "VN",
    )


def test_a_deportation_from_a_state_was_carried_out_by_that_state() -> None:
    events = events_of(
        "Dissident sent home\n\n"
        "The opposition blogger Aziz Nazarov, who had lived in Poland since 2019, was deported to "
        "Uzbekistan from Kazakhstan on 3 June, his wife said.",
        date(2025, 6, 6),
    )
    deportation = one(events, "deportation")
    assert (deportation["country"], deportation["date"]) == ("KZ", "2025-06-03")
    assert deportation["destinations"] == [{"country": "UZ", "count": None}]


def test_a_relative_clause_recounting_a_jailing_is_the_earlier_sentence_not_news() -> None:
    events = events_of(
        "Prisoner dies\n\n"
        "Pyotr Belkin, a pensioner who was jailed for his posts, died on 2 May in a penal colony "
        "in Karelia. In June 2023 a court in Petrozavodsk sentenced him to six years.",
        date(2025, 5, 6),
    )
    sentence = one(events, "sentence")
    assert (sentence["date"], names(sentence), sentence["country"]) == (
        "2023-06",
        ["Pyotr Belkin"],
        "RU",
    )
    assert one(events, "death_in_custody")["date"] == "2025-05-02"


def test_the_half_of_a_swap_told_in_return_shares_the_day_of_the_other() -> None:
    events = events_of(
        "Prisoner swap\n\n"
        "Iran on Tuesday released the French teacher Claire Morel in exchange for an Iranian "
        "engineer held in France.\n\n"
        "Her lawyer said she had been held for two years.\n\n"
        "In return, France freed the engineer Hossein Tavakoli, officials said.",
        date(2025, 3, 13),
    )
    releases = sorted((e["country"], e["date"]) for e in events if e["type"] == "release")
    assert releases == [("FR", "2025-03-11"), ("IR", "2025-03-11")]


def test_a_participle_between_the_and_prisoners_describes_them_it_is_no_event() -> None:
    events = events_of(
        "Freed prisoners speak\n\n"
        "One of the released prisoners, speaking from Vilnius on Sunday, said the cells were cold.",
        date(2025, 9, 14),
    )
    assert events == []


def test_walking_out_of_a_named_prison_after_completing_a_term_ends_the_term() -> None:
    events = events_of(
        "Activist freed\n\n"
        "Activist Li Wenqing walked out of Shenyang's Dabei prison on Monday after completing a "
        "four-year sentence, his sister said.",
        date(2025, 9, 4),
    )
    release = one(events, "release")
    assert (release["release_kind"], release["date"], release["country"]) == (
        "end_of_term",
        "2025-09-01",
        "CN",
    )
    assert names(release) == ["Li Wenqing"]


def test_a_death_at_a_named_prison_held_since_a_protest_is_dated_by_its_own_day() -> None:
    events = events_of(
        "Prisoner dies\n\n"
        "Yoandri Perez Castillo, 39, a political prisoner held since the July 2021 protests, died "
        "at the Kilo 8 prison in Camaguey on Sunday, his mother said.",
        date(2025, 10, 8),
    )
    death = one(events, "death_in_custody")
    assert (death["date"], death["country"], names(death)) == (
        "2025-10-05",
        "CU",
        ["Yoandri Perez Castillo"],
    )


def test_people_handed_over_at_a_border_go_to_the_state_named_after_the_list() -> None:
    events = events_of(
        "Handover at the border\n\n"
        "Thai police on Friday handed over 40 Myanmar nationals, including the activist Min Ko "
        "Htet, to Myanmar military authorities at the Myawaddy crossing, a rights group said. "
        "Two days later, Min Ko Htet was sentenced by a military court in Myawaddy to 20 years.",
        date(2025, 4, 14),
    )
    deportation = one(events, "deportation")
    assert (deportation["country"], deportation["date"]) == ("TH", "2025-04-11")
    assert deportation["destinations"] == [{"country": "MM", "count": None}]
    sentence = one(events, "sentence")
    assert (sentence["country"], sentence["date"], names(sentence)) == (
        "MM",
        "2025-04-13",
        ["Min Ko Htet"],
    )


def test_a_state_thanked_for_its_mediation_brokered_the_swap_it_is_no_party() -> None:
    events = events_of(
        "Swap\n\n"
        "Iran on Tuesday freed the French teacher Camille Roux in exchange for an Iranian held in "
        "France, the French presidency said, thanking Oman for its mediation.",
        date(2025, 3, 12),
    )
    release = next(e for e in events if e["type"] == "release" and e["country"] == "IR")
    assert {"type": "mediation", "by": "OM"} in release["linked"]
    assert {"type": "exchange", "by": "OM"} not in release["linked"]


def test_a_licence_renewed_is_sanctions_relief_and_arriving_at_an_airport_a_destination() -> None:
    events = events_of(
        "Americans freed\n\n"
        "Venezuela released six detained Americans on Friday, hours after the U.S. Treasury "
        "renewed a licence allowing Chevron to keep pumping oil in the country. The six arrived "
        "at an airport in Texas late on Friday.",
        date(2025, 2, 1),
    )
    assert [e["type"] for e in events] == ["release"]
    release = events[0]
    assert (release["country"], release["release_kind"], release["date"]) == (
        "VE",
        "deal",
        "2025-01-31",
    )
    assert [(link["type"], link["by"]) for link in release["linked"]] == [
        ("sanctions_relief", "US")
    ]
    assert release["destinations"] == [{"country": "US", "count": None}]


def test_they_after_two_names_stands_for_both_people() -> None:
    events = events_of(
        "Couple freed\n\n"
        "The teacher Camille Roux and her partner Julien Baptiste were freed by Iran on Tuesday. "
        "They had been arrested in May 2022 while on holiday.",
        date(2025, 3, 12),
    )
    arrest = one(events, "arrest")
    assert (arrest["date"], names(arrest)) == ("2022-05", ["Camille Roux", "Julien Baptiste"])


def test_a_name_given_after_among_them_belongs_to_the_group_told_before() -> None:
    events = events_of(
        "Americans freed\n\n"
        "Venezuela released six Americans on Friday. The six men boarded a plane to Texas.\n\n"
        "Among them was Daniel Greer, an oil worker detained in 2023.",
        date(2025, 2, 1),
    )
    assert names(one(events, "release")) == ["Daniel Greer"]
    arrest = one(events, "arrest")
    assert (arrest["date"], names(arrest)) == ("2023", ["Daniel Greer"])


def test_the_three_named_after_a_counted_sentence_are_its_people_and_their_own_events() -> None:
    events = events_of(
        "Three jailed\n\n"
        "A court in Mandalay on 3 June sentenced three students to ten years. The three, Aung "
        "Min Thu, Hla Hla Win and Zaw Zaw Naing, were detained in a raid in January.",
        date(2025, 6, 5),
    )
    sentence = one(events, "sentence")
    expected = ["Aung Min Thu", "Hla Hla Win", "Zaw Zaw Naing"]
    assert (sentence["date"], names(sentence), sentence["country"]) == (
        "2025-06-03",
        expected,
        "MM",
    )
    arrest = one(events, "arrest")
    assert (arrest["date"], names(arrest)) == ("2025-01", expected)
    assert arrest["count"] == {"value": 3, "qualifier": "exact"}


def test_freed_and_put_on_a_plane_in_the_next_sentence_is_one_release_with_its_destination() -> (
    None
):
    events = events_of(
        "Engineer freed\n\n"
        "In return, a French court on Tuesday ordered the release of the engineer Mehdi Sadeghi. "
        "He was put on a flight to Tehran the same evening.",
        date(2025, 3, 12),
    )
    assert [e["type"] for e in events] == ["release"]
    assert events[0]["destinations"] == [{"country": "IR", "count": None}]


def test_a_former_officer_of_a_banned_party_is_a_prisoner_not_an_official() -> None:
    events = events_of(
        "Opposition figure dies in prison\n\n"
        "Khurshed Nazarzoda, a former deputy chairman of the banned Islamic Renaissance Party, "
        "died on Wednesday in the prison hospital in Dushanbe, his family said. He was arrested "
        "in September 2015.",
        date(2025, 5, 3),
    )
    death = one(events, "death_in_custody")
    assert (names(death), death["date"], death["country"]) == (
        ["Khurshed Nazarzoda"],
        "2025-04-30",
        "TJ",
    )
    assert names(one(events, "arrest")) == ["Khurshed Nazarzoda"]


def test_prison_terms_handed_to_a_counted_group_are_their_sentence() -> None:
    events = events_of(
        "Journalists jailed\n\n"
        "A Baku court on Friday handed prison terms of up to nine years to three journalists from "
        "an independent outlet.",
        date(2025, 6, 21),
    )
    sentence = one(events, "sentence")
    assert (sentence["date"], sentence["country"], sentence["count"]) == (
        "2025-06-20",
        "AZ",
        {"value": 3, "qualifier": "exact"},
    )


def test_the_convicts_a_pardon_covers_are_people_and_those_it_includes_a_part_of_them() -> None:
    events = events_of(
        "Pardon\n\n"
        "The head of state pardoned 2,100 convicts on Thursday, state media reported. Those "
        "pardoned include 150 prisoners convicted by revolutionary courts.",
        date(2025, 3, 20),
    )
    assert [e["type"] for e in events] == ["release"]
    assert events[0]["count"] == {"value": 2100, "qualifier": "exact"}


def estimates_of(text: str, published: date) -> list[tuple[object, ...]]:
    result = extract(Document(text=text, title=text.split("\n")[0], published=published))
    estimates = result["estimates"]
    assert isinstance(estimates, list)
    return [
        (
            e["measure"],
            e["country"],
            e["count"]["value"],
            e["count"]["qualifier"],
            e["attributed_to"],
        )
        for e in estimates
    ]


def test_standing_and_period_figures_in_other_words_are_estimates_with_their_sources() -> None:
    published = date(2025, 6, 1)
    assert estimates_of(
        "Figures\n\nRights monitors put the number of political prisoners in Azerbaijan at more "
        "than 350.",
        published,
    ) == [("held", "AZ", 350, "more_than", "rights monitors")]
    assert estimates_of(
        "Figures\n\nAn estimated 1,200 people are behind bars for their views in Venezuela, Foro "
        "Penal said.",
        published,
    ) == [("held", "VE", 1200, "about", "Foro Penal")]
    assert estimates_of(
        "Figures\n\nForo Penal has documented 1,900 arrests in Venezuela since the July election.",
        published,
    ) == [("detained", "VE", 1900, "exact", "Foro Penal")]
    assert estimates_of(
        "Figures\n\nAt least seven detainees have died in Cuban prisons since 2021, the group "
        "said.",
        published,
    ) == [("died_in_custody", "CU", 7, "at_least", "group")]
    assert estimates_of(
        "Figures\n\nAuthorities in Belarus have freed more than 300 political prisoners since "
        "July 2024, Viasna says.",
        published,
    ) == [("released", "BY", 300, "more_than", "Viasna")]


def test_a_counted_citizenship_in_the_body_gives_its_count_to_one_named_in_the_headline() -> None:
    events = events_of(
        "Belarus frees 52 prisoners including Poles and Lithuanians\n\n"
        "Belarus freed 52 prisoners on Thursday. Those released included six Lithuanians, two "
        "Poles and a French citizen, officials said. Among the freed was the former candidate "
        "Mikalai Statkevich, who was jailed in 2020.",
        date(2025, 9, 11),
    )
    release = one(events, "release")
    assert release["date"] == "2025-09-11"
    assert names(release) == ["Mikalai Statkevich"]
    assert {"country": "LT", "count": {"value": 6, "qualifier": "exact"}} in release["nationals"]
    assert {"country": "PL", "count": {"value": 2, "qualifier": "exact"}} in release["nationals"]


def test_a_name_after_the_word_group_is_the_group_not_a_person() -> None:
    events = events_of(
        "Prisoners flown out\n\n"
        "Nicaragua released 135 political prisoners on Thursday, among them 13 members of the "
        "evangelical group Mountain Gateway.",
        date(2024, 9, 6),
    )
    assert names(one(events, "release")) == []


def test_an_event_told_with_no_date_person_or_number_is_left_out() -> None:
    events = events_of(
        "Pardons\n\n"
        "The head of state pardoned 16 people on Thursday. Five of them had been sentenced to "
        "restricted freedom.",
        date(2025, 7, 4),
    )
    assert [e["type"] for e in events] == ["release"]


def test_a_relative_she_is_reunited_with_is_no_prisoner_and_joined_verbs_share_her() -> None:
    events = events_of(
        "Aid worker home\n\n"
        "The aid worker Roya Kazemi was freed by Iran on Friday and was reunited with her husband, "
        "Tom Hale, in London. She had been detained in Tehran in March 2022 and later sentenced to "
        "ten years.",
        date(2025, 3, 17),
    )
    assert names(one(events, "release")) == ["Roya Kazemi"]
    assert names(one(events, "arrest")) == ["Roya Kazemi"]
    sentence = one(events, "sentence")
    assert (names(sentence), sentence["country"]) == (["Roya Kazemi"], "IR")


def test_a_theatre_director_is_a_prisoner_not_an_official() -> None:
    events = events_of(
        "Director jailed\n\n"
        "A Moscow military court on Monday sentenced theatre director Yevgenia Berkovich and "
        "playwright Svetlana Petriychuk to six years in prison each.",
        date(2024, 7, 8),
    )
    sentence = one(events, "sentence")
    assert (sentence["date"], names(sentence)) == (
        "2024-07-08",
        ["Yevgenia Berkovich", "Svetlana Petriychuk"],
    )


def test_other_words_for_freeing_sentencing_arresting_and_dying_are_read() -> None:
    published = date(2025, 6, 4)
    cases = [
        ("The blogger Ali Karimov regained his freedom on Monday.", "release"),
        ("The reporter Anna Kovacs received a five-year sentence on Monday.", "sentence"),
        ("The activist Hamid Noori got eight years in prison on Monday.", "sentence"),
        ("Police on Monday took the activist Aisha Bello into custody.", "arrest"),
        ("The activist Tran Van Hoa was seized by police on Monday in Hanoi.", "arrest"),
        (
            "The poet Ma Thida Win passed away in custody on Monday, her family said.",
            "death_in_custody",
        ),
    ]
    for text, kind in cases:
        events = events_of("Report\n\n" + text, published)
        assert [e["type"] for e in events] == [kind], text
        assert events[0]["date"] == "2025-06-02", text
        assert len(names(events[0])) == 1, text


def test_forced_into_exile_in_a_state_is_a_deportation_to_that_state() -> None:
    events = events_of(
        "Journalist exiled\n\n"
        "Nicaraguan authorities on Monday forced the journalist Pedro Ruiz into exile in Costa "
        "Rica.",
        date(2025, 6, 4),
    )
    deportation = one(events, "deportation")
    assert (deportation["country"], names(deportation)) == ("NI", ["Pedro Ruiz"])
    assert deportation["destinations"] == [{"country": "CR", "count": None}]


def test_names_in_another_clause_or_after_of_are_not_the_people_an_event_happened_to() -> None:
    published = date(2025, 6, 4)
    cases = [
        "Ali Rezaei was arrested on Monday after criticising Ayatollah Ali Khamenei online.",
        "Ali Rezaei was arrested on Monday, two days after Donald Trump visited the region.",
        "Ali Rezaei was arrested on Monday in connection with the case of Narges Mohammadi.",
        "Ali Rezaei was arrested on Monday, Hadi Ghaemi of the Center for Human Rights in Iran "
        "told reporters.",
        "Ali Rezaei was arrested on Monday, according to his lawyer Mohammad Moghimi.",
    ]
    for text in cases:
        arrest = one(events_of("Report\n\n" + text, published), "arrest")
        assert names(arrest) == ["Ali Rezaei"], text


def test_the_person_whose_death_in_custody_is_named_after_of_is_its_person() -> None:
    events = events_of(
        "Death in custody\n\n"
        "Amnesty International is alarmed by the death in custody of Farhad Rostami on 3 "
        "November.",
        date(2025, 11, 6),
    )
    assert names(one(events, "death_in_custody")) == ["Farhad Rostami"]


def test_defendants_and_suspects_are_counted_and_a_term_range_still_jails_them() -> None:
    published = date(2025, 6, 4)
    jailed = one(
        events_of(
            "Report\n\nA court on Monday jailed 14 members of the group for between five and ten "
            "years.",
            published,
        ),
        "sentence",
    )
    assert jailed["count"] == {"value": 14, "qualifier": "exact"}
    sentenced = one(
        events_of("Report\n\nThe court on Monday sentenced the 11 defendants.", published),
        "sentence",
    )
    assert sentenced["count"] == {"value": 11, "qualifier": "exact"}


def test_the_largest_swap_since_a_war_is_one_swap_not_a_tally_and_the_war_no_person() -> None:
    events = events_of(
        "Swap\n\nRussia and the US on Monday swapped 26 prisoners in the largest exchange since "
        "the Cold War.",
        date(2025, 6, 4),
    )
    release = one(events, "release")
    assert (release["count"], names(release)) == ({"value": 26, "qualifier": "exact"}, [])


def release_of(text: str) -> dict[str, object]:
    return one(events_of("Report\n\n" + text, date(2025, 6, 4)), "release")


def test_mediators_named_in_other_ways_broker_a_deal() -> None:
    cases = {
        "Belarus freed 14 prisoners on Monday. Qatar, which mediated the talks, welcomed the "
        "release.": "QA",
        "Belarus freed 14 prisoners on Monday thanks to Turkish mediation.": "TR",
        "Nicaragua freed 14 prisoners on Monday with the help of the Holy See.": "VA",
    }
    for text, mediator in cases.items():
        release = release_of(text)
        assert release["release_kind"] == "deal", text
        assert {"type": "mediation", "by": mediator} in release["linked"], text
        assert release["country"] != mediator, text


def test_a_party_after_between_and_a_relief_in_return_are_links() -> None:
    release = release_of(
        "Belarus freed 14 prisoners on Monday after negotiations between Minsk and Washington."
    )
    assert release["linked"] == [{"type": "agreement", "by": "US"}]
    release = release_of(
        "Belarus freed 14 prisoners on Monday, and Washington in return lifted sanctions on the "
        "potash producer Belaruskali."
    )
    assert release["linked"] == [{"type": "sanctions_relief", "by": "US", "target": "potash"}]


def test_the_state_after_by_freed_them_and_a_gesture_to_a_president_is_no_destination() -> None:
    release = release_of("The release of 14 prisoners by Nicaragua on Monday was welcomed.")
    assert release["country"] == "NI"
    release = release_of(
        "Belarus freed 14 prisoners on Monday in what officials called a gesture to US President "
        "Donald Trump."
    )
    assert (release["country"], release["destinations"]) == ("BY", [])


def test_a_foreigner_described_by_a_country_adjective_gives_a_citizenship_a_local_none() -> None:
    events = events_of(
        "Teacher freed\n\n"
        "Iran on Monday freed the French schoolteacher Claire Morel and the Iranian blogger Reza "
        "Tavakoli.",
        date(2025, 6, 4),
    )
    assert one(events, "release")["nationals"] == [{"country": "FR", "count": None}]


def test_a_statement_with_a_place_dateline_dates_its_news_and_its_demand_is_no_release(
    tmp_path: Path,
) -> None:
    path = tmp_path / "statement.txt"
    path.write_text(
        "Egypt: Release those rounded up after Cairo protest\n\n"
        "Cairo, 28 May 2025\n\n"
        "Rights groups condemn the arrest of at least 45 people in Cairo on 23 May. On 25 May, "
        "prosecutors ordered 33 of them held for 15 days. The other 12 were released without "
        "charge the same day.",
        encoding="utf-8",
    )
    document = read_document(str(path))
    assert document.published == date(2025, 5, 28)
    events = extract(document)["events"]
    assert isinstance(events, list)
    assert one(events, "arrest")["date"] == "2025-05-23"
    assert one(events, "release")["date"] == "2025-05-25"


def test_months_joined_before_a_year_share_it_and_the_counted_six_are_the_named_six() -> None:
    events = events_of(
        "Journalists convicted\n\n"
        "A Baku court on Friday convicted six journalists from an independent outlet. The Baku "
        "Grave Crimes Court found Sevinj Vagifgizi, Hafiz Babali, Nargiz Absalamova, Elnara "
        "Gasimova, Aziz Orujov and Ulvi Tagiyev guilty of smuggling.\n\n"
        "The six were detained in November and December 2023.",
        date(2025, 6, 21),
    )
    sentence = one(events, "sentence")
    assert len(names(sentence)) == 6
    assert "Grave Crimes" not in names(sentence)
    arrest = one(events, "arrest")
    assert (arrest["date"], names(arrest)) == ("2023-11", names(sentence))


def test_a_prisoner_named_once_after_officials_said_is_still_the_prisoner() -> None:
    events = events_of(
        "Dissident dies\n\n"
        "Davlat Rahmonov, a mathematics teacher turned opposition politician, died in a prison "
        "hospital in Khujand on 9 February. Prison officials said Rahmonov had suffered a heart "
        "attack. Rahmonov was arrested in September 2015.",
        date(2025, 2, 12),
    )
    death = one(events, "death_in_custody")
    assert (names(death), death["date"], death["country"]) == (
        ["Davlat Rahmonov"],
        "2025-02-09",
        "TJ",
    )
    assert names(one(events, "arrest")) == ["Davlat Rahmonov"]


def test_the_end_of_a_state_name_is_no_person() -> None:
    release = release_of(
        "Russia freed Daniel Korsak on Monday in a swap brokered by the United Arab Emirates."
    )
    assert names(release) == ["Daniel Korsak"]


def test_the_dateline_city_is_where_it_was_filed_and_the_state_after_it_acted() -> None:
    events = events_of(
        "Three Ukrainians freed by Belarus\n\n"
        "KYIV, 2 March 2025 - Belarus released three Ukrainian nationals, Oleh Marchenko, Ivan "
        "Kovalenko and Petro Shevchuk, on Sunday.",
        date(2025, 3, 2),
    )
    release = one(events, "release")
    assert (release["country"], release["count"]) == ("BY", {"value": 3, "qualifier": "exact"})
    assert len(names(release)) == 3


def test_two_states_freeing_people_in_one_sentence_are_two_releases_each_with_its_own() -> None:
    events = events_of(
        "Swap\n\n"
        "Iran freed the French national Olivier Brune on Thursday, while France released the "
        "Iranian citizen Mahdi Jafari, in a swap mediated by Oman.\n\n"
        "Brune was detained in Tehran in October 2022 and sentenced the following year to eight "
        "years.",
        date(2025, 5, 9),
    )
    releases = {e["country"]: e for e in events if e["type"] == "release"}
    assert sorted(releases) == ["FR", "IR"]
    assert names(releases["IR"]) == ["Olivier Brune"]
    assert names(releases["FR"]) == ["Mahdi Jafari"]
    assert releases["FR"]["date"] == releases["IR"]["date"] == "2025-05-08"
    assert one(events, "arrest")["date"] == "2022-10"
    assert one(events, "sentence")["date"] == "2023"


def test_the_body_figure_beats_the_headline_round_one_and_those_among_them_are_no_new_release() -> (
    None
):
    events = events_of(
        "Leader grants amnesty to over 3,000 prisoners\n\n"
        "The Supreme Leader on Wednesday pardoned 3,140 prisoners, state media reported. At least "
        "18 Kurdish political prisoners were among those released on Thursday and Friday, a "
        "rights group said.",
        date(2025, 3, 20),
    )
    release = one(events, "release")
    assert (release["count"], release["date"]) == (
        {"value": 3140, "qualifier": "exact"},
        "2025-03-19",
    )


def test_jailed_in_the_passive_is_a_sentence_and_a_jailed_activist_is_not() -> None:
    events = events_of(
        "Activist moved\n\n"
        "Jailed activist Pavel Zorin has been transferred to a prison in Omsk, his lawyer said. "
        "Zorin was jailed in April 2023.",
        date(2025, 10, 14),
    )
    sentence = one(events, "sentence")
    assert (sentence["date"], names(sentence)) == ("2023-04", ["Pavel Zorin"])
    assert one(events, "transfer")["country"] == "RU"


def test_a_possessive_name_is_the_event_s_person_only_before_the_event_s_own_noun() -> None:
    published = date(2025, 6, 1)
    assert names(release_of("Ali Rezaei's release on Monday was welcomed.")) == ["Ali Rezaei"]
    release = release_of(
        "Another blogger from Thuan's circle, Tran Duc Hoa, was released on Monday. Pham Van "
        "Thuan is still held."
    )
    assert names(release) == ["Tran Duc Hoa"]
    arrest = one(
        events_of("Report\n\nAli Rezaei's lawyer Sara Nouri was arrested on Monday.", published),
        "arrest",
    )
    assert names(arrest) == ["Sara Nouri"]


def test_a_dual_citizen_s_second_state_is_no_party_to_the_swap() -> None:
    release = release_of(
        "Russia on Monday released Daniel Korsak, a dual US-Russian citizen, in exchange for a "
        "Russian national held in Germany."
    )
    assert {"type": "exchange", "by": "US"} not in release["linked"]
    assert {"type": "exchange", "by": "DE"} in release["linked"]


def test_a_move_to_a_named_prison_or_town_is_a_transfer_and_one_abroad_is_not() -> None:
    events = events_of(
        "Teacher moved\n\nThe teacher Farhad Rostami was transferred to Ghezel Hesar in June 2025.",
        date(2025, 11, 6),
    )
    transfer = one(events, "transfer")
    assert (transfer["date"], transfer["country"], names(transfer)) == (
        "2025-06",
        "IR",
        ["Farhad Rostami"],
    )
    freed = events_of(
        "Freed\n\nBelarus freed 14 prisoners on Monday, who were transferred to Lithuania.",
        date(2025, 6, 4),
    )
    assert [e["type"] for e in freed] == ["release"]


def test_a_clause_describing_one_name_tells_of_that_name_only() -> None:
    events = events_of(
        "Eleven jailed\n\n"
        "A court on Wednesday sentenced eleven opposition members. Among them were Sulaymon "
        "Davlatov, 38, who was deported to Tajikistan from Turkey in October 2024, and Firuz "
        "Rahimzoda, a former labour migrant detained on his return from Russia in May 2024.",
        date(2025, 1, 24),
    )
    assert names(one(events, "deportation")) == ["Sulaymon Davlatov"]
    assert names(one(events, "arrest")) == ["Firuz Rahimzoda"]
    assert names(one(events, "sentence")) == ["Sulaymon Davlatov", "Firuz Rahimzoda"]


def test_an_office_holder_among_those_detained_is_one_of_them() -> None:
    arrest = one(
        events_of(
            "Mayor detained\n\n"
            "Police detained 52 suspects on Tuesday. Among those detained was Serkan Aydemir, the "
            "mayor of an Istanbul district.",
            date(2025, 3, 19),
        ),
        "arrest",
    )
    assert names(arrest) == ["Serkan Aydemir"]


def test_tallies_descriptions_and_times_to_come_report_no_event() -> None:
    published = date(2025, 6, 4)
    tally = "The group, which tracks arrests since the coup in February 2021, gave no figure."
    assert events_of("Report\n\n" + tally, published) == []
    future = (
        "The court barred the lawyer Zhou Minghui from practising for three years after his "
        "release."
    )
    assert events_of("Report\n\n" + future, published) == []
    described = events_of(
        "Report\n\nForty prisoners were freed on Monday, most of them detained after the "
        "election of July 2024.",
        published,
    )
    assert [e["type"] for e in described] == ["release"]


def test_a_counted_part_of_one_event_is_the_whole_of_the_one_its_relative_clause_tells() -> None:
    events = events_of(
        "Amnesty\n\n"
        "The council on Wednesday pardoned 5,864 prisoners. Among those pardoned are 114 "
        "foreigners, who were deported through the Myawaddy border crossing.",
        date(2025, 2, 12),
    )
    assert one(events, "release")["count"] == {"value": 5864, "qualifier": "exact"}
    assert one(events, "deportation")["count"] == {"value": 114, "qualifier": "exact"}
