"""The character-level quote-mark scan: apostrophes, mixed marks, multi-paragraph quotes, broken marks.

The property tests (never raises, spans verbatim and inside the text) are in tests/test_properties.py."""

from __future__ import annotations

from bot.extract.marks import looks_like_title, scan


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in scan(text)]


def test_plural_possessive_is_not_a_quote_mark():
    assert quoted("The voters\u2019 choice was clear, she said.") == []


def test_elision_then_a_real_quote():
    assert quoted('\u2019Tis the season, he said. "We are ready," he added.') == ["We are ready,"]


def test_apostrophes_inside_words_are_not_marks():
    text = 'Matiang\u2019i said he "shouldn\u2018t have to" explain himself, and didn\'t.'
    assert quoted(text) == ["shouldn\u2018t have to"]


def test_curly_and_straight_marks_pair_with_each_other():
    assert quoted('\u201cMixed marks work," he said. "And this too,\u201d she said.') == [
        "Mixed marks work,",
        "And this too,",
    ]


def test_single_quotes_as_primary_marks_with_apostrophe_inside():
    text = "'It's been a long week,' Ms Carr said. 'We're all tired.'"
    assert quoted(text) == ["It's been a long week,", "We're all tired."]


def test_single_curly_partial_quote_ending_in_s_before_a_comma():
    text = (
        "She thanked staff, \u2018above all the nurses on night shifts\u2019, and said the move "
        "\u2018changed everything.\u2019"
    )
    assert quoted(text) == ["above all the nurses on night shifts", "changed everything."]


def test_plural_possessive_inside_an_open_single_quote():
    assert quoted("He said \u2018the voters\u2019 choice is clear\u2019 today.") == [
        "the voters\u2019 choice is clear"
    ]


def test_quote_over_several_paragraphs_is_one_group_with_a_segment_per_paragraph():
    text = '"First paragraph of the quote.\n\n"Second paragraph.\n\u201cThird paragraph,\u201d she said.'
    segs = scan(text)
    assert [text[s.start : s.end] for s in segs] == [
        "First paragraph of the quote.",
        "Second paragraph.",
        "Third paragraph,",
    ]
    assert len({s.group for s in segs}) == 1


def test_blank_paragraph_inside_a_continued_quote():
    text = "\u201cOne.\n \n\u201cTwo.\u201d"
    segs = scan(text)
    assert [text[s.start : s.end] for s in segs] == ["One.", "Two."]
    assert segs[0].group == segs[1].group


def test_missing_closing_mark_at_paragraph_start_is_flagged_unclosed():
    text = '"An opening mark that never closes.\nNext paragraph without marks.'
    segs = scan(text)
    assert [text[s.start : s.end] for s in segs] == ["An opening mark that never closes."]
    assert segs[0].unclosed


def test_stray_opening_mark_mid_paragraph_does_not_cost_the_rest():
    text = 'He said "this is stray and later \u201cThe real quote,\u201d she said.'
    assert quoted(text) == ["The real quote,"]


def test_a_quote_that_lost_its_closing_mark_before_a_new_one():
    text = "Asif said, \u201cThis has to be finalized. \u201cThe government will decide.\u201d"
    assert quoted(text) == ["This has to be finalized.", "The government will decide."]


def test_unmatched_closing_mark_is_skipped():
    assert quoted("It rained.\u201d Then \u201cWe are fine,\u201d he said.") == ["We are fine,"]


def test_bullets_are_not_quotes():
    assert quoted("\u00bb Item one\n\u00bb Item two") == []


def test_digit_after_apostrophe_is_not_an_opening_mark():
    assert quoted("on the programme \u201911th Hour\u2019 he said \u201cno.\u201d") == ["no."]


def test_never_raises_on_garbage():
    for text in ['"', "'", "\u201c\u201c\u201d\u201d\"'\u2018", '"\n"\n"', "a\u2019b\u2019c\u2019", ""]:
        scan(text)


def test_titles_look_like_titles():
    assert looks_like_title("Aaj Shahzeb Khanzada Kay Sath")
    assert looks_like_title("The Morning Brief")
    assert not looks_like_title("We will not back down,")
    assert not looks_like_title("in the clear")
    assert not looks_like_title("of the")


def test_title_with_the_us_comma_inside_the_marks():
    assert looks_like_title("Ten Days in the Valley,")
    assert not looks_like_title("We Are Ready,")


def test_lost_closing_mark_ends_before_the_attribution():
    text = '"We will fight on, he said. Then he left.'
    assert quoted(text) == ["We will fight on,"]


def test_a_stray_single_mark_before_a_quote_that_lost_its_close_gives_each_quote_once():
    text = "Critics call it \u2018a scandal \u201cWe were misled. \u201cIt must end,\u201d Ali said."
    assert quoted(text) == ["We were misled.", "It must end,"]


def test_lost_opening_mark_at_paragraph_start_before_an_attribution():
    text = 'He spoke briefly.\nWe will rebuild every house," the mayor said.\nIt rained all day." Then more.'
    segs = scan(text)
    assert [text[s.start : s.end] for s in segs] == ["We will rebuild every house,"]
    assert segs[0].unopened
