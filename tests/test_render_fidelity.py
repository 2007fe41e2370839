"""No paraphrase inside quote marks, in any surface (issue #15, item 3): the thread reply, the full quote
list, the terminal digest and recall, on a made-up passage that mixes direct, partial and indirect speech.

Whatever a surface shows between double quote marks must be words the article itself put between quote
marks; a direct quote loses the comma it ended on; a partial quote is shown inside its own sentence;
reported speech is shown as the sentence that reports it and marked as a paraphrase; counts name what they
count."""

from __future__ import annotations

import re

import pytest

from bot.models import Sighting
from bot.render import detail_blocks, digest_message, digest_text, format_recall, message_text
from bot.store.recall import RecallScope, recall

pytestmark = pytest.mark.model

PASSAGE = (
    'Harbour master Lena Ortiz said the new pier was "long overdue, and badly built," and that repairs would '
    "start in June.\n\n"
    '"We warned the council twice, and nobody listened," Ortiz said.\n\n'
    "Deputy mayor Paul Grant told reporters the budget had been approved weeks ago.\n\n"
    '"The money is there, and the contract is signed," Grant said, adding that the council would publish the '
    "figures on Friday.\n\n"
    'A port engineer, who asked not to be named, said the pier was at "serious risk."\n'
)
ARTICLE_QUOTES = re.findall(r'"([^"]+)"', PASSAGE)
IN_MARKS = re.compile(r'[“"]([^“”"\n]+)[”"]')


@pytest.fixture(scope="module")
def mixed(nlp):
    from bot.extract import extract

    return extract(PASSAGE, nlp)


def surfaces(ex, tmp_path) -> dict[str, str]:
    from bot.store.storage import Store

    store = Store(tmp_path / "fidelity.db")
    try:
        saved = store.save_digest(ex, Sighting(team="T1", channel="C1", message_ts="1.0"))
        recalled = format_recall(recall(store, "Ortiz", scope=RecallScope("T1", "C1", False)))
        recalled += format_recall(recall(store, "Grant", scope=RecallScope("T1", "C1", False)))
    finally:
        store.close()
    return {
        "reply": message_text(digest_message(ex, saved)),
        "quote list": message_text({"blocks": detail_blocks(ex, "quotes", saved)}),
        "terminal": digest_text(ex),
        "recall": recalled,
    }


def quote_lines(text: str) -> list[str]:
    """The lines of a surface that show speech: quotes (``> ``), paraphrases and recall's quote hits."""
    return [
        line
        for line in text.splitlines()
        if line.startswith(("> ", "_Paraphrase:_", "*Rests on unnamed sources:*"))
        or (line.startswith("• ") and " — " in line)
    ]


def test_the_passage_mixes_every_kind_of_speech(mixed):
    assert {q.kind for q in mixed.quotes} == {"direct", "partial", "indirect"}


def test_only_words_that_stood_in_quote_marks_appear_in_quote_marks(mixed, tmp_path):
    for name, text in surfaces(mixed, tmp_path).items():
        lines = quote_lines(text)
        assert lines, name
        for line in lines:
            for shown in IN_MARKS.findall(line):
                words = shown.strip(" .,…")
                assert any(words in q for q in ARTICLE_QUOTES), (name, line)


def test_reported_speech_is_shown_as_reported_speech(mixed, tmp_path):
    out = surfaces(mixed, tmp_path)
    assert (
        "_Paraphrase:_ Deputy mayor Paul Grant told reporters the budget had been approved weeks ago."
        in (out["quote list"])
    )
    for text in out.values():
        assert "“the budget had been approved" not in text and '"the budget had been approved' not in text
    assert any(
        "Paul Grant told reporters" in line and "(reported)" in line for line in out["recall"].splitlines()
    )


def test_a_partial_quote_is_shown_inside_its_sentence(mixed, tmp_path):
    sentence = 'Harbour master Lena Ortiz said the new pier was "long overdue, and badly built,"'
    for name, text in surfaces(mixed, tmp_path).items():
        if name != "recall":
            assert f"> {sentence}" in text, name
        assert "“long overdue" not in text, name


def test_a_direct_quote_loses_its_trailing_comma(mixed, tmp_path):
    for name, text in surfaces(mixed, tmp_path).items():
        assert "“We warned the council twice, and nobody listened”" in text, name
        assert "listened,”" not in text and "signed,”" not in text, name


def test_counts_name_what_they_count(mixed, tmp_path):
    reply = surfaces(mixed, tmp_path)["reply"]
    assert "4 quotes, 3 paraphrases" in reply
    assert "[All 4 quotes, 3 paraphrases]" in reply
