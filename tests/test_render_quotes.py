"""What is shown as a quote was in quote marks: direct, partial and reported speech as a reader sees them in
the Slack reply, the terminal digest and recall, and speakers the article never names shown plainly. The
passage is made up."""

from __future__ import annotations

import pytest

from bot.models import Sighting
from bot.render import detail_blocks, digest_message, digest_text, format_recall, quote_shown, speaker_shown
from bot.store.recall import RecallScope, recall

pytestmark = pytest.mark.model

PASSAGE = (
    'Council leader Ana Berg told reporters the plan was "costly but overdue." Berg said the council would '
    "vote on the budget in May.\n\n"
    '"We have waited long enough for this road," Berg said.\n\n'
    "President Ana Lima met President Tomas Berg in Oslo to talk about the border road.\n\n"
    '"Nobody leaves this room until we have a deal on the road," the president said.\n'
)


@pytest.fixture(scope="module")
def mixed(nlp):
    from bot.extract import extract

    ex = extract(PASSAGE, nlp)
    for q in ex.quotes:
        q.key = True  # show every quote, whatever the ranking picks
    return ex


def test_the_passage_holds_direct_partial_and_indirect_speech(mixed):
    kinds = {q.kind for q in mixed.quotes}
    assert kinds == {"direct", "partial", "indirect"}


def _quote_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("> ")]


def test_digest_puts_only_marked_words_inside_marks(mixed):
    lines = _quote_lines(digest_text(mixed))
    # the direct quote in marks, without the comma it ended on
    assert "> “We have waited long enough for this road”" in lines
    # the partial quote inside its own sentence, with the article's marks around the quoted words only
    assert '> Council leader Ana Berg told reporters the plan was "costly but overdue."' in lines
    # reported speech as the sentence that reports it, marked as a paraphrase: never in quote marks
    assert "_Paraphrase:_ Berg said the council would vote on the budget in May." in digest_text(mixed)
    assert not any("the council would vote" in line for line in lines)
    assert not any(line.startswith("> “the plan was") or line.startswith("> “the council") for line in lines)


def test_reported_speech_is_labelled_in_the_slack_reply(mixed):
    blocks = [b["text"]["text"] for b in detail_blocks(mixed, "quotes") if b["type"] == "section"]
    reported = [t for t in blocks if t.startswith("_Paraphrase:_ Berg said the council")]
    assert reported and "reported speech, not a quote" in reported[0]
    # the first message shows words in quote marks before any paraphrase
    first = " ".join(b["text"]["text"] for b in digest_message(mixed)["blocks"] if b["type"] == "section")
    assert "Berg said the council" not in first


def test_an_unresolved_description_is_shown_plainly_never_as_a_name(mixed):
    text = digest_text(mixed)
    line = next(i for i, line in enumerate(text.splitlines()) if "Nobody leaves this room" in line)
    who = text.splitlines()[line + 1]
    assert who == "— _the president (not identified)_"
    assert "*Ana Lima*" not in who and "*Tomas Berg*" not in who


def test_recall_shows_quotes_the_same_way(mixed, tmp_path):
    from bot.store.storage import Store

    store = Store(tmp_path / "recall.db")
    try:
        store.save_digest(
            mixed,
            Sighting(team="T1", channel="C-news", channel_private=False, message_ts="1.0", permalink=None),
        )
        out = format_recall(recall(store, "Berg", scope=RecallScope("T1", "C-news", False)))
    finally:
        store.close()
    lines = [line for line in out.splitlines() if line.startswith("• ")]
    assert any(line.startswith("• “We have waited long enough for this road”") for line in lines)
    assert any(
        line.startswith('• Council leader Ana Berg told reporters the plan was "costly but') for line in lines
    )
    assert any(
        line.startswith("• Berg said the council would vote") and "(reported)" in line for line in lines
    )
    assert not any(line.startswith("• “the plan was") for line in lines)


def test_a_long_sentence_is_cut_around_the_quoted_words():
    sentence = "At the end of a very long meeting about the harbour, " * 4 + 'she called it "a disgrace."'
    shown = quote_shown("a disgrace.", "partial", sentence, limit=80)
    assert len(shown) <= 80 and '"a disgrace."' in shown and shown.startswith("…")


@pytest.mark.parametrize(
    ("speaker", "kind", "written", "expected"),
    [
        ("Ana Berg", "person", "Berg", ("Ana Berg", True)),
        (
            None,
            "unresolved_description",
            "the prime minister",
            ("the prime minister (not identified)", False),
        ),
        (None, "unresolved_pronoun", "he", ("speaker unclear", False)),
        ("the statement", "document", "the statement", ("the statement", False)),
        ("a senior official", "unnamed_official", "a senior official", ("a senior official", False)),
    ],
)
def test_speaker_labels(speaker, kind, written, expected):
    assert speaker_shown(speaker, kind, written) == expected
