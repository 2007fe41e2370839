"""Text preparation: clear refusals for non-articles, offsets kept, paragraphs start sentences."""

from __future__ import annotations

import re

import pytest

from bot.errors import InputError
from bot.extract.text import (
    ENGLISH_ONLY,
    alternation,
    is_english,
    looks_binary,
    prepare,
    quotes_by_marks,
    word_share,
)


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "empty"),
        ("   \n\n  ", "empty"),
        ("abc\x00def", "binary"),
        ("1234 5678 !!! ??? 42", "no words"),
        (
            "Решение об отправке войск ещё не принято, заявил министр обороны в интервью телеканалу.",
            "English",
        ),
        (
            "El ministro de Defensa dijo el martes que la decisión sobre el envío de tropas todavía se "
            "estaba ultimando y que el gobierno tomará una decisión después de pasar por el proceso. Los "
            "funcionarios familiarizados con las deliberaciones pidieron el anonimato debido a la "
            "sensibilidad del asunto y dijeron que las discusiones dentro del gobierno estaban en una etapa "
            "avanzada.",
            "English",
        ),
    ],
)
def test_text_prepare_refuses_non_articles_with_a_clear_message(text, message):
    with pytest.raises(InputError, match=message):
        prepare(text, 100_000)


def test_text_prepare_keeps_offsets_when_cleaning():
    text = "The\u00a0minister said\r\nit was\tdone."
    cleaned, notes = prepare(text, 100_000)
    assert len(cleaned) == len(text)
    assert cleaned == "The minister said\n\nit was done."
    assert notes == []


def test_text_prepare_cuts_huge_text_at_a_paragraph_and_says_so():
    paragraph = "The council approved the plan on Monday after a long debate in the chamber.\n"
    cleaned, notes = prepare(paragraph * 100, 1_000)
    assert len(cleaned) <= 1_000
    assert cleaned.endswith("chamber.")
    assert notes and "first" in notes[0]


@pytest.mark.model
def test_text_every_paragraph_starts_a_sentence(nlp):
    doc = nlp("He said it was over\nThe minister disagreed with him")
    starts = [sent.text for sent in doc.sents]
    assert starts[-1].startswith("The minister")


# -- bad input (issue #8) -------------------------------------------------------------------------------

SPANISH = (
    "La alcaldesa anunció el lunes que la votación sobre el mercado se celebrará dentro de dos semanas.\n"
    "«No vamos a decidir nada sin escuchar a los vendedores», dijo ante los periodistas en la plaza.\n"
    "Un concejal de la oposición aseguró que el presupuesto todavía no ha sido aprobado por la comisión.\n"
)


def test_text_control_characters_become_spaces_and_offsets_are_kept():
    text = "The mayor\x07 said\x1b[0m the bridge\x7f would\x85open in May, and the council agreed."
    cleaned, _ = prepare(text, 100_000)
    assert len(cleaned) == len(text)
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) < 0xA0 for c in cleaned)
    assert cleaned.startswith("The mayor  said [0m the bridge  would open")


@pytest.mark.parametrize(
    "text,binary",
    [
        ("\ufffd\ufffd\x01\x02PK\x03\x04" * 50 + "the mayor said", True),
        ("The council met on Monday.\x07 It agreed on the budget.\x0c" * 20, False),
        ("The council met on Monday and agreed on the budget. " * 20 + "\ufffd", False),
    ],
)
def test_text_binary_is_told_from_text_with_a_few_odd_characters(text, binary):
    assert looks_binary(text) is binary


@pytest.mark.parametrize(
    "junk",
    [
        "q#8{Zr!1]pL&x^@k(0*Wz;b7~`,Hd?e" * 300,  # keyboard junk with symbols
        "aGVsbG8gY291bmNpbCBtZWV0aW5nIG9uIE1vbmRheQ==" * 200,  # encoded data, no spaces
    ],
)
def test_text_junk_without_words_is_refused_in_one_line(junk):
    with pytest.raises(InputError, match="hardly any words"):
        prepare(junk, 100_000)


@pytest.mark.parametrize(
    "text",
    [
        "Results on Saturday: Rovers 2-1 United, City 3-3 Athletic, 45,000 fans, kick-off 12:30. " * 10,
        "The minister said the council would vote on the plan next week, and the mayor agreed. " * 10,
        SPANISH,
        "市长周一表示，新桥将于五月开放。“我们按计划进行，”她告诉记者。",
    ],
)
def test_text_prose_with_numbers_or_in_any_script_is_not_junk(text):
    assert word_share(text) >= 0.5


def test_text_is_english_tells_english_from_other_languages():
    assert is_english("The minister said on Tuesday that the budget would be presented next week. " * 4)
    assert not is_english(SPANISH)
    assert not is_english("Министр обороны заявил во вторник, что решение ещё не принято.")


def test_text_another_language_lists_the_quotes_found_by_their_marks():
    ex = quotes_by_marks(SPANISH, 100_000)
    assert ex.notes[0] == ENGLISH_ONLY and "English" in ex.notes[0]
    (quote,) = ex.quotes
    assert quote.text == "No vamos a decidir nada sin escuchar a los vendedores"
    assert ex.text[quote.start : quote.end] == quote.text
    assert quote.speaker is None and quote.sentence.startswith("«No vamos")
    assert ex.officials == [] and ex.questions == []


def test_text_another_script_lists_its_quotes_too():
    ex = quotes_by_marks("市长周一表示，新桥将于五月开放。“我们按计划进行，”她告诉记者。", 100_000)
    assert [q.text for q in ex.quotes] == ["我们按计划进行，"]


def test_text_another_language_without_quotes_is_one_line_saying_english_only():
    with pytest.raises(InputError, match="English"):
        quotes_by_marks(SPANISH.replace("«", "").replace("»", ""), 100_000)


def test_text_the_cut_note_says_how_much_was_read_and_the_limit():
    cleaned, notes = prepare("The council approved the plan on Monday after a long debate.\n" * 100, 1_000)
    assert notes == [f"Only the first {len(cleaned)} characters were digested (Legwork's limit is 1,000)."]


@pytest.mark.model
def test_text_extract_gives_another_language_its_quotes_not_a_parse(extract_text):
    ex = extract_text(SPANISH)
    assert [q.text for q in ex.quotes] == ["No vamos a decidir nada sin escuchar a los vendedores"]
    assert ex.notes == [ENGLISH_ONLY]


@pytest.mark.model
def test_text_a_giant_paragraph_gets_sentences_of_bounded_length(nlp):
    sentence = "The council said on Monday that the plan for the river district would be reviewed. "
    doc = nlp(sentence * 40 + "\nShort line. Another one.")
    assert [len(s) for s in doc.sents][:3] == [16, 16, 16]  # each sentence of the paragraph stands alone
    run_on = nlp('"the mayor" ' * 600)  # no full stop anywhere
    assert max(len(s) for s in run_on.sents) <= 180


@pytest.mark.model
def test_text_ordinary_paragraphs_are_left_to_the_parser(nlp):
    from bot.extract.text import paragraphs

    doc = paragraphs(nlp.make_doc("He said it was over. The minister disagreed. She left.\nA new paragraph."))
    preset = [t.text for t in doc if t.is_sent_start]
    assert preset == ["He", "A"], "only paragraph starts are preset in a paragraph of ordinary length"


# -- runs of punctuation (issue #17) ----------------------------------------------------------------------

SAID = "The minister said we will act on Monday"
# Shapes that made spaCy's tokenizer take seconds (its affix search is quadratic in a run's length).
RUNS = {
    "closing brackets": SAID + ")" * 10_000,
    "closing quotes": SAID + "\u201d" * 10_000,
    "opening brackets": "(" * 10_000 + SAID,
    "opening quotes": "\u201c" * 10_000 + SAID,
    "dashes": SAID + "\u2014" * 10_000,
    "ellipses": SAID + "\u2026" * 10_000,
    "mixed brackets": SAID + ")]}" * 3_000,
    "quote marks": SAID + "\"'" * 5_000,
    "emoji": SAID + "\U0001f600" * 10_000,
    "both ends": "(" * 3_000 + SAID + ")" * 3_000,
    "underscores": SAID + "_" * 10_000,
    "possessives": SAID + "'s" * 5_000,
    "contractions": SAID + "n't" * 3_000,
}


@pytest.mark.model
@pytest.mark.parametrize("shape", list(RUNS))
def test_text_long_runs_of_punctuation_are_parsed_in_milliseconds(shape, extract_text):
    import time

    start = time.perf_counter()
    ex = extract_text(RUNS[shape])
    assert time.perf_counter() - start < 1.0  # 12-20 s each before runs were cut
    assert SAID in ex.text and len(ex.text) < 200


def test_text_prepare_cuts_long_runs_and_keeps_short_ones():
    cleaned, _ = prepare("Prices rose!!! Then " + "?" * 500 + " fell\u2026 (again).", 100_000)
    assert cleaned == "Prices rose!!! Then " + "?" * 20 + " fell\u2026 (again)."
    cleaned, _ = prepare("The vote was " + "_" * 300 + " and " + "'s" * 300 + " passed" + " ." * 900, 100_000)
    assert cleaned == "The vote was " + "_" * 20 + " and " + "'s" * 20 + " passed" + " ." * 20


def test_text_prepare_leaves_repeated_letters_and_digits_alone():
    from bot.extract.text import collapse_runs

    text = "The fund holds 1" + "0" * 30 + " dollars, the crowd chanted " + "ha " * 40 + "and left."
    text += " " * 90
    assert collapse_runs(text) == text


@pytest.mark.model
def test_text_offsets_point_into_the_text_with_runs_cut(extract_text):
    text = (
        "The council met on Monday." + "!" * 5_000 + " Mayor Ana Lopez spoke to reporters after the vote.\n"
        '"We will open the bridge in May, whatever it costs," Lopez told reporters at city hall.' + ")" * 300
    )
    ex = extract_text(text)
    assert ex.quotes
    for q in ex.quotes:
        assert ex.text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "dense",
    [
        "(((((((((( the minister said we will act )))))))))) " * 800,
        "(" * 19 + " a " + ")" * 19 + " ",
        "\"'\"'\"' the mayor said \"'\"'\"' " * 1500,
    ],
)
def test_text_marks_around_a_few_words_are_junk_not_an_article(dense):
    """Runs under the cut (19 marks), repeated: one token per mark, 8-14 s of parsing before (#17)."""
    article = "The council approved the plan on Monday after a long debate in the chamber.\n" * 150
    for text in (dense * (40_000 // len(dense) + 1), article + dense * (20_000 // len(dense) + 1)):
        with pytest.raises(InputError, match="hardly any words"):
            prepare(text, 100_000)


def test_text_prose_with_quotes_dashes_and_figures_is_not_too_many_marks():
    prose = (
        '"We can\'t - and won\'t - cut the budget," said the mayor (who took office in 2021). '
        "Spending rose 4.5% to $1.2bn; the deficit: \u00a3300m, or 2.1% of output... \"Enough!\" "
        "she added \u2014 \u201cfor now\u201d.\n"
    )
    assert prepare(prose * 50, 100_000)[0]


@pytest.mark.parametrize("flags", [re.IGNORECASE, 0])
def test_text_alternation_matches_what_the_plain_alternation_matches(flags):
    # Longest first, as the callers sort them; words sharing a first letter in either case, one not a letter.
    words = ["Morning Star", "morning show", "Metro", "Mail", "mail online", "ABC", "abc news", "AP", "a"]
    words.append("(UK)")
    ignorecase = bool(flags)

    def piece(w: str) -> str:
        return re.escape(w).replace(r"\ ", r"\s+")

    plain = re.compile(rf"(?<!\w)(?:{'|'.join(piece(w) for w in words)})(?!\w)", flags)
    grouped = re.compile(rf"(?<!\w)(?:{alternation(words, piece, ignorecase=ignorecase)})(?!\w)", flags)
    text = (
        "The MORNING  SHOW said, and Morning Star; metro and Metro. the mail online and Mail Online, "
        "abc News, ABC, Ap and AP, a (UK) paper; Mailbox, Metropolis and ABCD are none of them."
    )
    found = [(m.span(), m.group(0)) for m in grouped.finditer(text)]
    assert found == [(m.span(), m.group(0)) for m in plain.finditer(text)]
    assert ("Morning Star" in [g for _, g in found]) and not any(g.startswith("Mailbox") for _, g in found)
    assert len(found) == (12 if ignorecase else 8)


def test_text_alternation_tries_the_words_in_the_order_given():
    # The first word that fits wins, as in a plain alternation: "news" before "newsroom" stops at "news".
    def first(words: list[str]) -> str:
        return re.match(alternation(words, ignorecase=False), "newsroom").group(0)

    assert first(["news", "newsroom", "nation"]) == "news"
    assert first(["newsroom", "news", "nation"]) == "newsroom"
