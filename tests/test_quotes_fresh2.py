"""Speaker families found on a third batch of fresh pages (#12), read blind before Legwork ran on them: each
test is a made-up passage with the pattern, and what a reporter should see."""

from __future__ import annotations

import pytest
from test_quotes_speakers import direct

pytestmark = pytest.mark.model

_TWO_RANGERS = (
    "Beetle hunters return to the burnt valley\n\n"
    "Tom Reyes, a ranger with the parks service, has walked the valley for a decade. "
    '"The slopes were bare after the blaze," says Reyes.\n\n'
    "Mark {name}, a curator at the city museum, has seen only two of the beetles. "
    '"Nobody has ever found a female," he says.\n\n'
)


def test_he_goes_on_with_a_surname_subject_the_ner_missed(extract_text):
    # "… sent the pictures to Fenn … — Fenn was sure at once. '…,' he says": the NER tags no person on the
    # second "Fenn", but it is the surname of someone named, and the subject the "he" goes on with
    qs = direct(
        extract_text,
        _TWO_RANGERS.format(name="Fenn")
        + "Reyes photographed two beetles and sent the pictures to Fenn, who checked their markings. "
        "From the pale stripes on their backs to the curve of their horns — Fenn was sure at once. "
        '"Anything you find again after so long is good news," he says.',
    )
    assert [q.speaker for q in qs] == ["Tom Reyes", "Mark Fenn", "Mark Fenn"]


def test_he_goes_on_with_the_one_who_was_thrilled_to_find(extract_text):
    # a passive main verb with a clause of its own ("was thrilled to find that …") is a state of mind: its
    # subject is the topic, not the man who opened the paragraph
    qs = direct(
        extract_text,
        _TWO_RANGERS.format(name="Okoro")
        + "Reyes, still unsure of what he had caught, photographed two beetles and sent the pictures "
        "to Okoro, who then checked their markings. From the stripes on their backs to the shape of their "
        "horns, Okoro was thrilled to find that the insects matched the lost species. "
        '"Anything you find again after so long is good news," he says.',
    )
    assert [q.speaker for q in qs] == ["Tom Reyes", "Mark Okoro", "Mark Okoro"]


def test_a_company_written_by_its_first_word_is_the_company_not_a_person(extract_text):
    # "Brightwave wrote": no one in the article is called Brightwave; the article names the company in full
    # first ("Brightwave Games", a capitalised plural after the word)
    qs = direct(
        extract_text,
        "Brightwave Games has delayed its harbour-racing game for a second time.\n\n"
        "Players had waited three years, and a petition asked Brightwave to ship what it had by March.\n\n"
        '"We would rather be late than broken," Brightwave wrote on Tuesday. '
        '"The crew is proud of what we have made."',
    )
    assert [(q.speaker, q.speaker_kind) for q in qs] == [("Brightwave Games", "organisation")] * 2


def test_a_surname_shared_with_a_relative_is_the_subjects(extract_text):
    # the brother is introduced as "his brother, Daniel Okafor"; the bare "Okafor" is the man the story is
    # about, though the brother was named last before the quote
    qs = direct(
        extract_text,
        "Samuel Okafor, the club's longtime goalkeeper, died on Friday at 52. Okafor joined the club in 1994 "
        "and played 300 games.\n\n"
        '"He was the kindest man I knew," his brother, Daniel Okafor, wrote on Facebook.\n\n'
        '"I never thought I would play that long," Okafor said at the time.',
    )
    assert [q.speaker for q in qs] == ["Daniel Okafor", "Samuel Okafor"]


def test_a_surname_two_strangers_share_is_the_one_named_last(extract_text):
    # two unrelated women with one surname: "Marsh" after the second is introduced is the second
    qs = direct(
        extract_text,
        "Helen Marsh arrived in the city two years ago. "
        '"I want to cry just thinking about it," said Marsh, 40.\n\n'
        "In the square, Clara Marsh pulled a cart of toys she was selling.\n\n"
        '"It is our choice to make," said Marsh, 41.',
    )
    assert [q.speaker for q in qs] == ["Helen Marsh", "Clara Marsh"]


def test_he_goes_on_with_a_full_name_subject_the_ner_missed(extract_text):
    # the NER misses "Kwabena Ofori" as he is introduced (it tags only the later "Mr Ofori"): the "he" and
    # the quote after it are still his, not the man quoted before him
    qs = direct(
        extract_text,
        "Car owners want their money back\n\n"
        "Ed Hale, 40, said he was told the feature would arrive within a year. "
        '"It was just a fight from start to finish," he said.\n\n'
        "Kwabena Ofori, a sales consultant from Kent, also bought the car in 2019 and paid for the "
        "feature.\n\n"
        "But four years on he said he is still waiting for it.\n\n"
        '"When I bought my car I was told it would drive itself."\n\n'
        "Mr Ofori has now filed a claim.",
    )
    assert [q.speaker for q in qs][0] == "Ed Hale"
    assert (qs[1].speaker or "").endswith("Ofori")
