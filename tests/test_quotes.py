"""Quotes and who said them, on short passages: layouts, pronouns, floating quotes, filters, ranking."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def quotes(extract_text, text, *, indirect=False):
    ex = extract_text(text)
    for q in ex.quotes:
        assert ex.text[q.start : q.end] == q.text
    return [q for q in ex.quotes if indirect or q.kind != "indirect"]


def by_text(qs):
    return {q.text: q for q in qs}


def test_speaker_after_the_quote(extract_text):
    qs = quotes(
        extract_text,
        "Finance Minister Enoch Godongwana spoke on Monday.\n\n"
        '"The budget is under serious strain," Godongwana said.',
    )
    assert [(q.text, q.speaker, q.kind) for q in qs] == [
        ("The budget is under serious strain,", "Enoch Godongwana", "direct")
    ]
    assert qs[0].cue == "said" and qs[0].rule == "C1"


def test_speaker_before_the_quote_with_a_colon(extract_text):
    qs = quotes(
        extract_text, 'Nora Halvorsen, chief executive of Brightwell, said: "We have made a hard call today."'
    )
    assert qs[0].speaker == "Nora Halvorsen"
    assert qs[0].kind == "direct"


def test_inverted_cue_said_name(extract_text):
    qs = quotes(
        extract_text,
        '"A season is long, and one bad night does not define us," said Peter Okafor, the club chairman.',
    )
    assert qs[0].speaker == "Peter Okafor"


def test_split_quote_with_the_cue_inside(extract_text):
    qs = quotes(
        extract_text,
        "Councilwoman Rosa Delgado was blunt.\n\n"
        '"The library stays open," she said, "and nobody on this council will vote to close it."',
    )
    assert [q.speaker for q in qs] == ["Rosa Delgado", "Rosa Delgado"]
    assert qs[0].speaker_text == "she"


def test_according_to(extract_text):
    qs = quotes(
        extract_text, '"The talks are at an advanced stage and will end soon," according to Ishaq Dar.'
    )
    assert qs[0].speaker == "Ishaq Dar"
    assert qs[0].rule == "C2"


def test_pronoun_resolves_to_the_previous_speaker_not_a_later_name(extract_text):
    text = (
        "Fire Chief Ben Arlott said the blaze started in a storeroom.\n\n"
        "Arlott said the owner, John Smith, was questioned overnight.\n\n"
        '"My crews did everything they could to save that building," he told reporters.'
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Ben Arlott"
    assert qs[0].speaker_text == "he"


def test_pronoun_gender_chooses_between_two_people(extract_text):
    text = (
        "Councilwoman Rosa Delgado and Councilman Tomas Reyes spoke after the vote.\n\n"
        '"Nobody wanted these cuts, least of all me," he said.'
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Tomas Reyes"


def test_surname_and_honorific_resolve_to_the_fullest_name(extract_text):
    text = (
        "The weather service's Gareth Will warned of gales on the coast.\n"
        "'Stay away from the sea wall until Tuesday,' Mr Will said."
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Gareth Will"


def test_definite_title_resolves_to_the_named_official(extract_text):
    text = (
        "Defense Minister Khawaja Asif said on Tuesday that the decision was close.\n\n"
        'The Defense Minister said it would be a "proud moment for the country" if troops went.'
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Khawaja Asif"
    assert qs[0].kind == "partial"


def test_bracketed_alias_names_the_speaker(extract_text):
    text = (
        "Gwede Mantashe and Cyril Ramaphosa met on Monday.\n\n"
        'He [Mantashe] said: "It is done and we move on."'
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Gwede Mantashe"
    assert qs[0].speaker_text == "He [Mantashe]"


def test_floating_quote_paragraph_inherits_the_previous_speaker(extract_text):
    text = (
        "Fire Chief Ben Arlott spoke on Thursday.\n\n"
        '"My crews did everything they could," he told reporters.\n\n'
        '"We will know more about the cause once the site has cooled down."'
    )
    qs = quotes(extract_text, text)
    assert [q.speaker for q in qs] == ["Ben Arlott", "Ben Arlott"]
    assert qs[1].inherited and qs[1].rule == "C5"


def test_floating_quote_does_not_reach_past_an_unrelated_paragraph(extract_text):
    text = (
        '"We are ready for the storm," Mayor Jane Doe said.\n\n'
        "The storm is expected to arrive on Sunday night.\n\n"
        '"Nobody should travel unless they must."'
    )
    qs = quotes(extract_text, text)
    assert qs[-1].text == "Nobody should travel unless they must."
    assert qs[-1].speaker is None and qs[-1].rule == "C6"


def test_multi_paragraph_quote_gets_one_speaker(extract_text):
    text = (
        "Nora Halvorsen, chief executive of Brightwell, said:\n\n"
        '"Orders for our glassware have fallen for three years in a row.\n\n'
        "\u201cClosing the plant is painful, but it keeps the rest of the company healthy.\u201d"
    )
    qs = quotes(extract_text, text)
    assert [q.text for q in qs] == [
        "Orders for our glassware have fallen for three years in a row.",
        "Closing the plant is painful, but it keeps the rest of the company healthy.",
    ]
    assert {q.speaker for q in qs} == {"Nora Halvorsen"}


def test_colon_paragraph_introduces_a_quote_paragraph(extract_text):
    text = (
        "The water regulator is looking into the spill. A spokesperson said:\n\n"
        "\u201cSamples from the canal will be tested in our laboratory this week.\u201d"
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "A spokesperson"
    assert qs[0].speaker_kind == "unnamed_official"


def test_unnamed_officials_are_described_as_the_article_does(extract_text):
    text = (
        "Officials familiar with the deliberations, who requested anonymity, said talks were at an "
        "\u201cadvanced stage.\u201d\n\n"
        "\u201cIdeally, this deployment would be carried out under a UN mandate,\u201d one official said."
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Officials familiar with the deliberations"
    assert qs[1].speaker == "one official"
    assert qs[1].speaker_kind == "unnamed_official"


def test_addressee_of_told_is_not_the_speaker(extract_text):
    qs = quotes(extract_text, '"This is in process and will be finalised," Khawaja Asif told Geo News.')
    assert qs[0].speaker == "Khawaja Asif"


def test_aside_between_speaker_and_verb(extract_text):
    text = (
        'Vince Cable, who replaced Tim Farron as leader in July, said "we will fight for every seat '
        'in the country."'
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Vince Cable"


def test_dash_attribution(extract_text):
    qs = quotes(extract_text, '"Competition brings lower prices for every family." - Geoffrey Starks')
    assert qs[0].speaker == "Geoffrey Starks"


def test_scare_quote_without_a_speaker_is_dropped(extract_text):
    assert (
        quotes(extract_text, "Critics call it a \"woke\" agenda. The 'historic' downpour hit on Sunday.")
        == []
    )


def test_partial_quote_in_a_clause_before_the_verb_is_not_the_speakers(extract_text):
    text = (
        "While nine schools were \u201cin the clear\u201d for staffing, Ms Adeyemi urged parents to stay "
        "calm."
    )
    assert quotes(extract_text, text) == []


def test_partial_quote_of_a_named_speaker(extract_text):
    text = 'Dr Hannah Mills said the new timetable was "baffling" for commuters.'
    qs = quotes(extract_text, text)
    assert [(q.text, q.speaker, q.kind) for q in qs] == [("baffling", "Hannah Mills", "partial")]


def test_show_titles_and_labels_are_not_quotes(extract_text):
    text = (
        "Speaking on the show \u2018Aaj Shahzeb Khanzada Kay Sath\u2019, Asif said the so-called "
        "\"peace dividend\" was real. Read 'The Morning Brief' every week."
    )
    assert quotes(extract_text, text) == []


def test_headline_and_subhead_quotes_are_skipped(extract_text):
    text = (
        "Troop decision \u2018in process, has to be finalised\u2019: Asif\n\n"
        "\u2018Talks continue\u2019\n\n"
        "\u201cParliament will have its say first,\u201d Khawaja Asif said."
    )
    qs = quotes(extract_text, text)
    assert [q.text for q in qs] == ["Parliament will have its say first,"]


def test_quote_after_a_truncated_attribution(extract_text):
    text = (
        "DGP K.L. Raman spoke to the media.\n\n"
        "\u201cThe inquiry will take at least another month to finish,\u201d he "
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "K.L. Raman"


def test_organisation_speaker(extract_text):
    text = (
        "The Rural Water Board (RWB) published new figures.\n\n"
        'The RWB said reservoir levels were "lower than anyone can remember" for June.'
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Rural Water Board"
    assert qs[0].speaker_kind == "organisation"


def test_unattributed_quote_keeps_no_speaker_rather_than_a_guess(extract_text):
    qs = quotes(extract_text, 'The report was released on Monday.\n\n"Nobody saw this coming at all."')
    assert [(q.text, q.speaker, q.speaker_kind) for q in qs] == [
        ("Nobody saw this coming at all.", None, "none")
    ]


def test_unclosed_quote_paragraph_without_a_speaker_is_not_kept(extract_text):
    assert quotes(extract_text, '"An opening mark that never closes.\nNext paragraph without marks.') == []


def test_indirect_speech_of_a_named_person(extract_text):
    qs = quotes(
        extract_text, "Nyesom Wike said that the story is entirely false and malicious.", indirect=True
    )
    assert [(q.text, q.speaker, q.kind) for q in qs] == [
        ("the story is entirely false and malicious", "Nyesom Wike", "indirect")
    ]


def test_key_quotes_prefer_named_substantive_quotes(extract_text):
    text = (
        "Finance Minister Enoch Godongwana presented the budget on Wednesday.\n\n"
        '"We will not raise taxes on working families this year, and we will protect grants," '
        "Godongwana said.\n\n"
        'One official said it was "fine".\n\n'
        '"The numbers are tight but the plan is credible," an analyst said.\n\n'
        '"Spending will be cut in every department that missed its targets," Godongwana added.\n\n'
        '"It could have been worse for everyone," a trader said.'
    )
    ex = extract_text(text)
    key = ex.key_quotes
    assert 3 <= len(key) <= 6
    assert key[0].speaker == "Enoch Godongwana"
    assert all(q.score >= o.score for q in key for o in ex.quotes if not o.key)
    assert not any(q.text == "fine" and q.key for q in ex.quotes)


def test_no_quotes_is_an_empty_list(extract_text):
    assert quotes(extract_text, "The council met on Monday and approved the plan.") == []


def test_pronoun_prefers_the_person_just_introduced_as_subject(extract_text):
    text = (
        "Maria Lopez, a nurse, said staff were exhausted.\n\n"
        'Her colleague, James Carter, disagreed. "We are coping well, all things considered," he said.'
    )
    assert quotes(extract_text, text)[0].speaker == "James Carter"


def test_headline_quote_with_a_verb_is_still_a_headline(extract_text):
    text = (
        "'We're not going anywhere' - protesters vow to stay\n"
        "Protesters in the capital said on Sunday they would remain. "
        '"We have nowhere else to go," one man said.'
    )
    qs = quotes(extract_text, text)
    assert [q.text for q in qs] == ["We have nowhere else to go,"]


def test_said_then_adding_gives_both_quotes_one_speaker(extract_text):
    text = (
        '"This is the beginning of the end," Ramaphosa said, adding: "We will not stop until every '
        'corrupt official is in jail."'
    )
    assert [q.speaker for q in quotes(extract_text, text)] == ["Ramaphosa", "Ramaphosa"]


def test_the_spokesperson_takes_the_fuller_earlier_description(extract_text):
    text = (
        'A police spokesperson said officers were called at 10pm. "A man was arrested at the scene and '
        'remains in custody," the spokesperson said.'
    )
    q = quotes(extract_text, text)[0]
    assert q.speaker == "A police spokesperson"
    assert q.speaker_text == "the spokesperson"


@pytest.mark.parametrize(
    "text,speaker",
    [
        ('Finance Minister Enoch Godongwana was blunt: "We cannot afford this at all."', "Enoch Godongwana"),
        (
            'And from Chairwoman Jessica Rosenworcel:\n\n"Today we take a step toward closing the divide."',
            "Jessica Rosenworcel",
        ),
        (
            "The Interior Ministry issued a short statement on Friday:\n\n"
            '"All checkpoints will reopen on Monday."',
            "Interior Ministry",
        ),
    ],
)
def test_colon_layouts_without_a_reporting_verb(extract_text, text, speaker):
    q = quotes(extract_text, text)[0]
    assert (q.speaker, q.cue, q.rule) == (speaker, ":", "C3")


def test_colon_after_a_clause_with_no_speaker_gives_no_speaker(extract_text):
    q = quotes(extract_text, 'The weather was bad: "It rained for six days straight."')[0]
    assert q.speaker is None


def test_name_mistagged_by_the_parser_after_a_quote(extract_text):
    text = (
        "Cosatu general secretary Solly Phetoe rejected the plan outright.\n\n"
        '"This budget punishes workers for the failures of the state," Phetoe said. '
        '"We will be on the streets within a month."'
    )
    qs = quotes(extract_text, text)
    assert [q.speaker for q in qs] == ["Solly Phetoe", "Solly Phetoe"]


def test_several_quoted_words_before_a_noun_keep_their_speaker(extract_text):
    text = 'Finance Minister Enoch Godongwana defended what he called a "tough but fair" budget on Wednesday.'
    qs = quotes(extract_text, text)
    assert [(q.text, q.speaker) for q in qs] == [("tough but fair", "Enoch Godongwana")]


def test_she_after_an_unnamed_spokeswoman(extract_text):
    text = (
        'Judge Peter Lowe said the firm had shown "a cavalier disregard" for the river.\n\n'
        "A spokeswoman for Southern Water said the firm accepted the ruling.\n\n"
        '"We know we have more to do," she said.'
    )
    qs = quotes(extract_text, text)
    assert qs[0].speaker == "Peter Lowe"  # "shown" is not the label noun "show"
    assert qs[-1].speaker == "A spokeswoman for Southern Water"


def test_the_officer_stands_for_the_named_officer_just_quoted(extract_text):
    text = (
        '"Every lead is being followed," Deputy Inspector General of Police K.L. Raman said.\n\n'
        'The officer said he had not seen the footage. "Nobody leaves custody without an escort," '
        "he said."
    )
    qs = quotes(extract_text, text)
    assert [q.speaker for q in qs] == ["K.L. Raman", "K.L. Raman"]


def test_all_stop_word_quote_is_not_taken_for_a_title(extract_text):
    qs = quotes(extract_text, '"We will not back down," the minister said.')
    got = [(q.text, q.kind, q.speaker_text) for q in qs]
    assert got == [("We will not back down,", "direct", "the minister")]
    # the article names no minister: the description stays as written, never a name
    assert (qs[0].speaker, qs[0].speaker_kind) == (None, "unresolved_description")


def test_wrong_glyph_apostrophe_inside_a_partial_quote(extract_text):
    qs = quotes(extract_text, 'Mayor Tom Lee said he "shouldn\u2018t have to" explain himself.')
    assert [(q.text, q.kind, q.speaker) for q in qs] == [("shouldn\u2018t have to", "partial", "Tom Lee")]


def test_pronoun_does_not_pick_a_name_out_of_a_list(extract_text):
    text = (
        "The singer posed with her band, including Mark Ellery, Jon Petrakis and Dee.\n\n"
        'She seemed to say "Oh no, that really stung" before leaving the stage.'
    )
    q = quotes(extract_text, text)[0]
    assert q.speaker not in ("Mark Ellery", "Jon Petrakis")


def test_name_in_apposition_to_any_noun_subject(extract_text):
    text = 'The boy\'s uncle, Dennis Obi, told reporters:\n\n"We only want to know what happened that night."'
    q = quotes(extract_text, text)[0]
    assert q.speaker == "Dennis Obi"


def test_a_law_is_not_a_person_and_cannot_be_he(extract_text):
    text = (
        'The Sale of Goods Act says goods must be "fit for purpose" when sold.\n\n'
        '"The dealer promised me the heater worked in winter," he said.'
    )
    qs = quotes(extract_text, text)
    assert all(q.speaker != "Sale of Goods Act" for q in qs)


def test_person_reported_on_is_not_the_next_he(extract_text):
    text = (
        "Police chief Arun Kumar on Friday said Rahul Verma, who was arrested on Monday, admitted to the "
        "crime.\n\n"
        '"The investigation is at an early stage and I cannot say more," he said.'
    )
    assert quotes(extract_text, text)[0].speaker == "Arun Kumar"


def test_cue_tagged_as_a_noun_after_the_quote(extract_text):
    text = (
        "Ingrid Solheim spoke at the summit.\n\n"
        "\u201cEveryone assumes chess is about calculation,\u201d Solheim stresses, "
        "\u201cbut most games are lost to nerves.\u201d"
    )
    qs = quotes(extract_text, text)
    assert [q.speaker for q in qs] == ["Ingrid Solheim", "Ingrid Solheim"]


def test_epithet_after_the_verb_is_the_person_just_quoted(extract_text):
    text = (
        "Harold Brandt has long distrusted consultants, he said at a dinner in 2019. \u201cI never hired one "
        "who knew my business better than I did,\u201d said the billionaire."
    )
    assert quotes(extract_text, text)[0].speaker == "Harold Brandt"


def test_the_officer_is_not_an_untitled_person_just_quoted(extract_text):
    text = (
        'Colin Marsh argued with the police. "I have done nothing wrong," Marsh said.\n\n'
        'The officer tells Marsh to calm down. "Step back from the car, sir," the officer said.'
    )
    qs = quotes(extract_text, text)
    assert qs[-1].speaker != "Colin Marsh"


def test_lost_closing_mark_before_the_attribution(extract_text):
    qs = quotes(
        extract_text,
        'Mayor Jane Doe spoke briefly.\n\n"We will rebuild every house on this street, she said.',
    )
    assert [(q.text, q.speaker) for q in qs] == [("We will rebuild every house on this street,", "Jane Doe")]


def test_people_described_by_their_work(extract_text):
    text = '"The shell is the oldest of its kind we have found," the palaeontologists said.'
    q = quotes(extract_text, text)[0]
    assert q.speaker == "the palaeontologists" and q.speaker_kind == "anonymous"


def test_reporting_verb_misread_as_a_participle(extract_text):
    text = '"He fought to the very last day," his twin brother, Dorian Vale, posted on X.'
    assert quotes(extract_text, text)[0].speaker == "Dorian Vale"


def test_statement_from_an_organisation_is_the_organisation_speaking(extract_text):
    text = 'A statement from the Ministry of Health said: "Vaccination remains the best protection we have."'
    q = quotes(extract_text, text)[0]
    assert (q.speaker, q.speaker_kind) == ("Ministry of Health", "organisation")


def test_the_official_reuses_a_longer_description(extract_text):
    text = (
        'A senior government official, who asked not to be named, said the deal was "dead". '
        '"There is no appetite for it at all," the official said.'
    )
    assert [q.speaker for q in quotes(extract_text, text)] == ["A senior government official"] * 2


def test_headline_in_present_tense_after_page_junk_is_skipped(extract_text):
    text = (
        "Close X\n\nNational\n\n"
        "\u2018There will be no retreat,\u2019 says union leader\n\n"
        "Union leader Sipho Ndlovu said on Monday the strike would go on. "
        "\u201cWe will not back down,\u201d Ndlovu said."
    )
    qs = quotes(extract_text, text)
    assert [(q.text, q.speaker) for q in qs] == [("We will not back down,", "Sipho Ndlovu")]


def test_a_condition_is_not_reported_speech(extract_text):
    text = "Nyesom Wike said that if the court ruled against him, he would appeal at once."
    assert quotes(extract_text, text, indirect=True) == []


@pytest.mark.parametrize(
    "text",
    [
        '"' * 40 + " he said.",
        "\u201c\u201c\u201d\u201d\u2018\u2019 ' ' \" \n\n\u201c\n\n\u201d said the man.",
        "'a' 'b' 'c' 'd' 'e' 'f' he said 'g'.",
        '"Unclosed at the end of the text and the article was cut off mid-word by the sit',
        "\n\n\n\u201cOnly a quote paragraph, nothing else at all.\u201d\n\n\n",
    ],
)
def test_odd_marks_never_fail_the_article(extract_text, text):
    quotes(extract_text, text)


def test_quote_that_lost_its_opening_mark(extract_text):
    text = 'Mayor Jane Doe toured the street.\n\nWe will rebuild every house on this street," Doe said.'
    qs = quotes(extract_text, text)
    assert [(q.text, q.speaker, q.kind) for q in qs] == [
        ("We will rebuild every house on this street,", "Jane Doe", "direct")
    ]
