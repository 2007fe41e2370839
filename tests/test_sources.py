"""Anonymous sources and unnamed officials: one hand-written passage per phrase family."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _sources(extract_text, text: str) -> dict[str, tuple[str, str | None, bool]]:
    return {s.description: (s.kind, s.reason, s.reason_given) for s in extract_text(text).anonymous_sources}


@pytest.mark.parametrize(
    "text, description, reason",
    [
        # family 1: anonymity granted or requested, with the reason given
        (
            "Officials familiar with the deliberations, who requested anonymity due to the sensitivity of "
            "the matter, said the talks were at an advanced stage.",
            "Officials familiar with the deliberations",
            "requested anonymity due to the sensitivity of the matter",
        ),
        (
            "A senior government official, who spoke on condition of anonymity because he was not authorised "
            "to speak to the media, said the decision had been made.",
            "A senior government official",
            "spoke on condition of anonymity because he was not authorised to speak to the media",
        ),
        # family 3: the reason phrase alone
        (
            "An aide who was not authorized to comment publicly said the speech was being rewritten.",
            "An aide",
            "was not authorized to comment publicly",
        ),
    ],
)
def test_sources_reason_for_anonymity_verbatim(extract_text, text, description, reason):
    """The stated reason for anonymity is kept verbatim and flagged as given."""
    found = _sources(extract_text, text)
    assert found[description] == ("anonymous", reason, True)


@pytest.mark.parametrize(
    "text, description",
    [
        # family 2: not to be named, no reason
        (
            "An aide to the president, who asked not to be identified, said the speech was being rewritten.",
            "An aide to the president",
        ),
        # family 4: vague knowledge descriptors
        (
            "People familiar with the matter said the deal could be announced on Friday.",
            "People familiar with the matter",
        ),
        (
            "An announcement is expected soon, according to officials close to the discussions.",
            "officials close to the discussions",
        ),
        ("A source close to the minister said he had not decided.", "A source close to the minister"),
        # family 4b: source circles
        (
            "Another argument given by government circles is Pakistan's record in peacekeeping.",
            "government circles",
        ),
        # family 6: unnamed subject of a reporting verb
        (
            "“Ideally, this deployment would be carried out under a UN mandate,” one official said.",
            "one official",
        ),
        ("“It is a difficult but decisive election,” said another official.", "another official"),
        ("Officials in Islamabad maintain that the mission is a moral duty.", "Officials in Islamabad"),
        ("Two diplomats, speaking on condition of anonymity, said the embassy would close.", "Two diplomats"),
    ],
)
def test_sources_phrase_families(extract_text, text, description):
    """Each family yields the article's own description; with no reason, reason_given is False."""
    found = _sources(extract_text, text)
    assert description in found, found
    kind, reason, given = found[description]
    assert kind == "anonymous"
    assert reason is None and given is False


@pytest.mark.parametrize(
    "text, description",
    [
        ("The minister said the project would be completed by June.", "The minister"),
        ("A police spokesperson said three people were arrested.", "A police spokesperson"),
        (
            "A spokesperson from the Rivers Authority said the water was brown.",
            "A spokesperson from the Rivers Authority",
        ),
    ],
)
def test_sources_unnamed_officials(extract_text, text, description):
    """A title-holder who speaks without a name anywhere in the article is an unnamed official."""
    assert _sources(extract_text, text)[description][0] == "unnamed_official"


@pytest.mark.parametrize(
    "text",
    [
        "Interior Minister Mohsin Naqvi visited the site. The minister said security would be tightened.",
        "The ministry said it would investigate. Police said the road was closed.",
        "Engineers are trying to locate the cause of the leak.",
        "Khawaja Asif, the defence minister, said the troops were ready.",
        "The envoy was recalled on Monday.",
    ],
)
def test_sources_not_anonymous(extract_text, text):
    """Named officials referred back to, institutions and non-speaking nouns are not anonymous sources."""
    assert _sources(extract_text, text) == {}


def test_sources_bare_plural_folded_into_fuller_description(extract_text):
    """A later bare "officials said" adds nothing when the article already described those officials."""
    found = _sources(
        extract_text,
        "Officials in Islamabad maintain that the mission is a duty. "
        "Since the force is key, officials said, joining would show consistency.",
    )
    assert list(found) == ["Officials in Islamabad"]


def test_sources_evidence_is_the_sentence(extract_text):
    """Evidence is the sentence that names the source, with offsets into the text."""
    ex = extract_text("The talks went on. People familiar with the matter said a deal was near.")
    (src,) = ex.anonymous_sources
    assert (
        ex.text[src.start : src.end]
        == src.evidence
        == "People familiar with the matter said a deal was near."
    )


# --- generalisation: British, wire and other house styles ------------------------------------------


def test_sources_headline_title_is_not_an_unnamed_official(extract_text):
    """A title in a headline names the story's subject; the body names the person."""
    text = (
        "Transport minister concedes rail fares will rise again\n\n"
        "The transport secretary, Colin Marwood, said on Monday that fares would go up by 4% in March. "
        "Mr Marwood said the increase was the smallest in five years."
    )
    assert not [s for s in extract_text(text).anonymous_sources if s.kind == "unnamed_official"]


def test_sources_title_of_a_named_portfolio_is_not_an_unnamed_official(extract_text):
    """'The education minister said' in a story naming the education secretary is the same office."""
    text = (
        "The education secretary, Priya Lall, announced the review on Tuesday.\n"
        "The education minister said schools would be consulted before any change."
    )
    assert not [s for s in extract_text(text).anonymous_sources if s.kind == "unnamed_official"]


def test_sources_spokesman_for_a_named_office_is_still_unnamed(extract_text):
    """A spokesman speaks for the office without being its named holder."""
    text = (
        "The home secretary, Gareth Pole, visited the port on Friday.\n"
        "A home office spokesman said the new checks would begin next month."
    )
    found = _sources(extract_text, text)
    assert found.get("A home office spokesman", ("",))[0] == "unnamed_official"


@pytest.mark.parametrize(
    "text, description",
    [
        (
            "A senior civil servant, speaking privately, said the minister had been warned twice.",
            "A senior civil servant",
        ),
        (
            "One Treasury official, speaking on background, said the figures would be revised.",
            "One Treasury official",
        ),
        ("A western diplomat said the talks had stalled over the wording of the text.", "A western diplomat"),
    ],
)
def test_sources_speaking_privately_and_unnamed_descriptors(extract_text, text, description):
    found = _sources(extract_text, text)
    assert found.get(description, ("",))[0] == "anonymous"


def test_sources_security_reasons_are_the_reason(extract_text):
    text = (
        "A doctor in the city, who spoke on condition of anonymity for security reasons, said the clinic "
        "had run out of insulin."
    )
    found = _sources(extract_text, text)
    assert found["A doctor in the city"][1] == "spoke on condition of anonymity for security reasons"


def test_sources_did_not_wish_to_be_named_grants_anonymity(extract_text):
    text = (
        "A police officer, who did not wish to be named because of an internal inquiry, said the files "
        "were lost."
    )
    found = _sources(extract_text, text)
    assert found["A police officer"][0] == "anonymous"
    assert found["A police officer"][1] == "did not wish to be named because of an internal inquiry"


@pytest.mark.parametrize(
    "text",
    [
        "Some residents say the bins have not been emptied since June.",
        "Commuters said the trains were late again on Monday.",
        "Critics say the plan will cost far more than advertised.",
    ],
)
def test_sources_members_of_the_public_are_not_sources(extract_text, text):
    assert extract_text(text).anonymous_sources == []


def test_sources_residents_who_spoke_to_the_paper_are_sources(extract_text):
    text = "Residents who spoke to this newspaper said the water had been brown for a week."
    assert [s.description for s in extract_text(text).anonymous_sources] == ["Residents"]


def test_sources_spokesman_for_a_named_minister_is_unnamed(extract_text):
    text = "A spokeswoman for Housing Minister Colm Reidy said the figures were being checked."
    found = _sources(extract_text, text)
    assert found["A spokeswoman for Housing Minister Colm Reidy"][0] == "unnamed_official"


def test_sources_the_people_again_takes_its_reason_to_the_first_description(extract_text):
    text = (
        "The bank is close to a deal, people familiar with the matter said. An announcement could come on "
        "Friday, said the people, who asked not to be identified because the talks are private."
    )
    found = extract_text(text).anonymous_sources
    assert [s.description for s in found] == ["people familiar with the matter"]
    assert found[0].reason == "asked not to be identified because the talks are private"


def test_sources_description_finishes_its_phrase(extract_text):
    text = "Sources privy to the negotiations said a draft would be ready by Monday."
    assert [s.description for s in extract_text(text).anonymous_sources] == [
        "Sources privy to the negotiations"
    ]


def test_sources_a_body_of_office_holders_acting_is_no_unnamed_official(extract_text):
    text = "Finance ministers agreed a new fiscal rule on Tuesday, diplomats said."
    assert not [s for s in extract_text(text).anonymous_sources if s.kind == "unnamed_official"]


def test_sources_would_not_give_a_name_is_anonymity(extract_text):
    text = "One shopkeeper, who would not give his name, said the market had been raided twice this year."
    assert _sources(extract_text, text)["One shopkeeper"][0] == "anonymous"


def test_sources_the_judge_after_a_named_justice_is_named(extract_text):
    text = (
        "Justice Kamala Rao adjourned the hearing on Tuesday.\n"
        "The judge said the parties should try to settle before the next date."
    )
    assert not [s for s in extract_text(text).anonymous_sources if s.kind == "unnamed_official"]


def test_sources_counted_members_of_the_public_are_sources(extract_text):
    """ "Two workers at the plant said": people the reporter spoke to, not a vague group."""
    text = "Two workers at the plant said they had not been paid since October."
    assert [s.description for s in extract_text(text).anonymous_sources] == ["Two workers at the plant"]


def test_sources_spokesman_of_a_named_person_is_unnamed(extract_text):
    text = "Mr Varga's spokeswoman said the governor would not comment on the audit."
    found = extract_text(text).anonymous_sources
    assert [(s.description, s.kind) for s in found] == [("Mr Varga's spokeswoman", "unnamed_official")]


def test_sources_reason_to_discuss_the_closed_door_meeting(extract_text):
    text = (
        "An envoy who requested anonymity to discuss the closed-door talks said the draft had been dropped."
    )
    assert (
        _sources(extract_text, text)["An envoy"][1] == "requested anonymity to discuss the closed-door talks"
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A senior Green figure said the leader would stand down.", ["A senior Green figure"]),
        ("Official figures suggest that unemployment rose in March.", []),
    ],
)
def test_sources_party_figures_are_people_official_figures_are_numbers(extract_text, text, expected):
    assert [s.description for s in extract_text(text).anonymous_sources] == expected


def test_sources_the_minister_after_a_named_secretary_is_named(extract_text):
    text = (
        "The environment secretary, Rhys Tanner, opened the flood barrier on Friday.\n"
        "The minister said the barrier would protect 40,000 homes."
    )
    assert not [s for s in extract_text(text).anonymous_sources if s.kind == "unnamed_official"]
