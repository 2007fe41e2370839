"""Name clusters: surnames, honorifics and titles map to the fullest name; pronoun hints give a gender."""

from __future__ import annotations

import pytest

from bot.extract.people import PeopleIndex

pytestmark = pytest.mark.model


def index(nlp, text):
    return PeopleIndex.build(nlp(text))


def test_surname_and_honorific_join_the_full_name(nlp):
    people = index(
        nlp, "Defense Minister Khawaja Asif spoke on Tuesday. Later, Mr Asif said more. Asif left."
    )
    names = [p.name for p in people.people]
    assert names.count("Khawaja Asif") == 1
    asif = people.resolve("Mr Asif", at=40)
    assert asif is not None and asif.name == "Khawaja Asif"
    assert asif.gender == "m"
    assert len(asif.mentions) >= 2
    assert "minister" in asif.title_words


def test_every_form_of_address_of_the_one_list_stays_out_of_the_name(nlp):
    """One honorific list (patterns/titles_honorifics.txt): "Alhaji" is a form of address, not a name."""
    people = index(nlp, "Alhaji Musa Bello opened the market on Monday. Bello said traders would pay less.")
    assert [p.name for p in people.people] == ["Musa Bello"]


def test_two_people_with_one_surname_stay_apart(nlp):
    text = (
        "Former prime minister Nawaz Sharif spoke in Lahore on Sunday. Sharif said little. His brother "
        "Shehbaz Sharif arrived on Monday. Sharif said the talks were over."
    )
    people = index(nlp, text)
    assert {p.name for p in people.people} >= {"Nawaz Sharif", "Shehbaz Sharif"}
    assert people.resolve("Sharif", at=text.index("Sharif said little")).name == "Nawaz Sharif"
    assert people.resolve("Sharif", at=text.rindex("Sharif said")).name == "Shehbaz Sharif"


def test_title_description_resolves(nlp):
    text = "The Commissioner Maria Da Costa spoke today. Ms Da Costa said the Commissioner was busy."
    people = index(nlp, text)
    assert [p.name for p in people.role_holders("commissioner", set(), set())] == ["Maria Da Costa"]
    assert people.resolve("Ms Da Costa").name == "Maria Da Costa"


def test_show_title_in_quote_marks_is_not_a_person(nlp):
    people = index(nlp, "On the show \u2018Aaj Shahzeb Khanzada Kay Sath\u2019, Khawaja Asif spoke.")
    assert [p.name for p in people.people] == ["Khawaja Asif"]


def test_unknown_names_and_pronouns_resolve_to_nothing(nlp):
    people = index(nlp, "Khawaja Asif spoke.")
    assert people.resolve("he") is None
    assert people.resolve("Godongwana") is None


def test_gender_from_a_pronoun_in_a_sentence_naming_one_person(nlp):
    people = index(nlp, "Taro Wendt was shocked when the ball hit her in the face. Kiri Osei laughed.")
    wendt = people.resolve("Wendt")
    assert wendt is not None and wendt.gender == "f"
    assert people.resolve("Osei").gender is None


def test_gender_from_a_common_first_name(nlp):
    people = index(nlp, "Margaret Oduya and Thomas Klein arrived together.")
    assert people.resolve("Oduya").gender == "f"
    assert people.resolve("Klein").gender == "m"


def test_title_heads_are_the_office_words_not_every_word(nlp):
    text = (
        "The Prime Minister's Advisor on Trade Affairs Omar Nadir met Prime Minister Lena Ortiz on Friday. "
        "Former mayor Ben Aldo joined them."
    )
    people = index(nlp, text)
    assert [p.name for p in people.role_holders("minister", set(), set())] == ["Lena Ortiz"]
    assert [p.name for p in people.role_holders("advisor", set(), set())] == ["Omar Nadir"]
    # an office held before answers only "the former mayor"
    assert people.role_holders("mayor", set(), set()) == []
    assert [p.name for p in people.role_holders("mayor", set(), set(), past=True)] == ["Ben Aldo"]


def test_a_job_word_the_ner_kept_in_front_of_a_name_is_not_part_of_it(nlp):
    people = index(nlp, "Promoter Ed Marsh said the deal was done. Marsh said a date would follow.")
    assert [p.name for p in people.people] == ["Ed Marsh"]


def test_a_verb_of_office_gives_the_office_to_the_person(nlp):
    """ "who heads the Harbor Authority" holds the office "head": "the head of the authority" finds them."""
    people = index(nlp, "Lars Brenner, who heads the Harbor Authority, met reporters on Monday.")
    holders = people.role_holders("head", {"authority"}, set())
    assert [p.name for p in holders] == ["Lars Brenner"]


def test_surname_alone_finds_a_name_with_a_generational_suffix(nlp):
    """ "Okafor" is Daniel Okafor Jr. when he is the only Okafor: the suffix is not his surname."""
    text = "Daniel Okafor Jr. opened the clinic in March. Okafor said the town had waited years for it."
    people = index(nlp, text)
    okafor = people.resolve("Okafor", at=text.index("Okafor said"))
    assert okafor is not None and okafor.name == "Daniel Okafor Jr."


def test_father_and_son_of_one_name_stay_apart_and_the_surname_alone_is_neither(nlp):
    """Daniel Okafor Jr. and his father Daniel Okafor are two people; "Okafor" alone may be either."""
    text = (
        "Daniel Okafor Jr. is running for the council. His father, Daniel Okafor, ran the port for years. "
        "Okafor said the race would be close."
    )
    people = index(nlp, text)
    junior = people.resolve("Daniel Okafor Jr.")
    father = people.resolve("Daniel Okafor")
    assert junior is not None and father is not None and junior is not father
    alone = people.resolve("Okafor", at=text.index("Okafor said"))
    assert alone is None or alone not in (junior, father)
