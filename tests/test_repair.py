"""NER repair R1-R12 on short hand-written news sentences."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from bot.extract.repair import repair_entities
from bot.extract.repair.media import media_spans

pytestmark = pytest.mark.model


def _ents(nlp, text: str) -> dict[str, str]:
    """The entities of the pipeline, whose ``legwork_repair_entities`` component repairs them after
    ``ner``."""
    doc = nlp(text)
    return {e.text: e.label_ for e in doc.ents}


def test_repair_is_a_pipeline_component_right_after_ner(nlp):
    """The repair runs inside the pipeline, right after ``ner``, and records its repairs on the ``Doc``."""
    assert nlp.pipe_names.index("legwork_repair_entities") == nlp.pipe_names.index("ner") + 1
    doc = nlp("President Donald Trump arrived in Doha on Monday. Later, Trump said the war was over.")
    assert isinstance(doc._.legwork_repairs, list)


@pytest.mark.parametrize(
    "text, name",
    [("President Donald Trump arrived in Doha on Monday. Later, Trump said the war was over.", "Trump")],
)
def test_repair_surname_after_full_name_is_person(nlp, text, name):
    """R6: a surname tagged ORG after the full name was a PERSON becomes a PERSON."""
    assert _ents(nlp, text).get(name) == "PERSON"


@pytest.mark.parametrize(
    "text, person",
    [
        ("PM's Advisor Rana Sanaullah said the party would not boycott the session.", "Rana Sanaullah"),
        ("The Weather Service's Marta Quillen said the swell would ease by Friday.", "Marta Quillen"),
    ],
)
def test_repair_title_or_organisation_cut_off_the_name(nlp, text, person):
    """R2 / R3: a title or an organisation glued to a name is cut off, the name stays a PERSON."""
    ents = _ents(nlp, text)
    assert ents.get(person) == "PERSON"
    assert not any(person in e and e != person for e in ents)


@pytest.mark.parametrize(
    "text, programme",
    [
        ("He spoke on the show ‘Aaj Shahzeb Khanzada Kay Sath’, Asif said.", "Aaj Shahzeb Khanzada Kay Sath"),
        (
            "Sanaullah said in an interview on ARY news program ’11th Hour’ a day ago that he agreed.",
            "11th Hour",
        ),
    ],
)
def test_repair_programme_names_are_not_people(nlp, text, programme):
    """R4: the name after "show" or "program" is a programme, never a PERSON."""
    ents = _ents(nlp, text)
    assert ents.get(programme) == "WORK_OF_ART"
    assert not any(label == "PERSON" and e in programme for e, label in ents.items())


def test_repair_titles_and_honorifics_stay_out_of_names(nlp):
    """R9: ranks and honorifics are not part of a name; a lone "'s Advisor" is not a person."""
    ents = _ents(
        nlp,
        "Ms Lee Bee Wah met Lt Gen Ahmed Sharif Chaudhry. The Prime Minister’s Advisor on Political "
        "Affairs Rana Sanaullah said so.",
    )
    people = {e for e, label in ents.items() if label == "PERSON"}
    assert "Lee Bee Wah" in people
    assert "Ahmed Sharif Chaudhry" in people
    assert not any("Advisor" in p or p.startswith("Ms") or p.startswith("Lt") for p in people)


def test_repair_name_particles_join_one_name(nlp):
    """R8: "Ursula von der" and "Leyen" are one person."""
    ents = _ents(nlp, "Ursula von der Leyen, President of the European Commission, said the deal was done.")
    assert ents.get("Ursula von der Leyen") == "PERSON"


def test_repair_name_after_honorific_is_person(nlp):
    """R10: an honorific makes the capitalised word after it a name ("Mr How")."""
    ents = _ents(nlp, "The warnings stay in place, Mr How said.")
    assert ents.get("How") == "PERSON"


def test_repair_place_before_title_is_not_a_person(nlp):
    """R7: one word before a title ("Gauteng premier") is the jurisdiction, not a person."""
    ents = _ents(nlp, "Limpopo premier Thandi Mokoena opened the clinic on Monday.")
    assert ents.get("Limpopo") != "PERSON"
    assert ents.get("Thandi Mokoena") == "PERSON"


def test_repair_news_outlets_are_organisations(nlp):
    """R5: outlets from the media list are organisations, and "The news that ..." is not an outlet."""
    doc = nlp("Foreign Minister Ishaq Dar told Dawn that the news was good.")
    assert [s.text for s in media_spans(doc)] == ["Dawn"]
    assert {e.text: e.label_ for e in doc.ents}.get("Dawn") == "ORG"


def test_repair_speech_verb_dropped_from_entity(nlp):
    """R1: "Khawaja Asif told" read as a WORK_OF_ART becomes PERSON "Khawaja Asif"."""
    doc = nlp("“We will not allow it,” Khawaja Asif told reporters on Monday.")
    start = next(t.i for t in doc if t.text == "Khawaja")
    doc.ents = [Span(doc, start, start + 3, label="WORK_OF_ART")]
    repair_entities(doc)
    assert {e.text: e.label_ for e in doc.ents}.get("Khawaja Asif") == "PERSON"
    assert ("R1", "Khawaja Asif told") in doc._.legwork_repairs


@pytest.mark.parametrize(
    "text, name",
    [
        # R10: a name split in two by the tagger, or cut short after an honorific
        ("Finance Minister Shri Mohan Lal Arora said the scheme would be extended.", "Mohan Lal Arora"),
        # R11: a name read as an organisation, set off by commas after a title that ends in a body
        ("Britain's ambassador to the United Nations, Clare Hood, said the vote was delayed.", "Clare Hood"),
    ],
)
def test_repair_names_joined_and_relabelled(nlp, text, name):
    assert _ents(nlp, text).get(name) == "PERSON"


@pytest.mark.parametrize(
    "text, name, body",
    [
        # R12: the holder's name read as part of the portfolio, as one organisation
        (
            "Secretary of Defense Lloyd Harmon said the aid would arrive soon. Harmon spoke in Brussels.",
            "Lloyd Harmon",
            "Defense",
        ),
        # ... or as one name with the last word of the body
        (
            "Director of National Intelligence Carla Benning testified on Tuesday. Benning said the threat "
            "was rising.",
            "Carla Benning",
            "Intelligence",
        ),
        # ... or as the end of a body with small words in it
        (
            "Head of Research & Policy at the Carers\u2019 Trust Mina Doyle said the report was overdue. "
            "Doyle wants a review.",
            "Mina Doyle",
            "the Carers\u2019 Trust",
        ),
    ],
)
def test_repair_name_swallowed_into_an_office_body_is_split_off(nlp, extract_text, text, name, body):
    ents = _ents(nlp, text)
    assert ents.get(name) == "PERSON" and ents.get(body) == "ORG"
    assert name in {o.name for o in extract_text(text).officials}


def test_repair_company_named_after_a_person_is_not_split(nlp):
    text = "The deal was signed by the President and CEO of Walter Brandt Optik AG. Shares in the AG rose."
    assert _ents(nlp, text).get("Walter Brandt Optik AG") == "ORG"
