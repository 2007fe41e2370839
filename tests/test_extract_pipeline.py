"""The extraction contract across layers: offsets are verbatim, titles flow from officials to quotes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

PASSAGE = (
    "The health secretary, Angela Brooks, spoke to hospital managers on Thursday.\n\n"
    'Ms Brooks told them: "We are putting in the money, but it will take time."\n'
)


def test_extract_quote_gets_the_title_its_speaker_holds(extract_text):
    ex = extract_text(PASSAGE)
    quote = next(q for q in ex.quotes if q.text.startswith("We are putting"))
    assert quote.speaker == "Angela Brooks"
    assert quote.speaker_title and "health secretary" in quote.speaker_title.lower()


def test_extract_every_offset_points_at_its_own_text(seed_extraction):
    ex = seed_extraction
    for q in ex.quotes:
        assert ex.text[q.start : q.end] == q.text
    for qn in ex.questions:
        assert ex.text[qn.start : qn.end] == qn.evidence


def test_extract_many_matches_one_at_a_time(nlp, seed_text):
    from bot.extract import extract, extract_many

    texts = [PASSAGE, seed_text]
    batch = list(extract_many(texts, nlp))
    single = [extract(t, nlp) for t in texts]
    assert [b.to_dict() for b in batch] == [s.to_dict() for s in single]


def test_doc_text_is_the_docs_own_text_read_once(nlp):
    from bot.extract.extensions import doc_text

    passage = "Ravi Kumar told NDTV News on Monday that the bridge would reopen.\n\nIt did not."
    doc = nlp(passage)  # the entity repairs (an outlet's name) have already read the text once
    assert doc_text(doc) == doc.text == passage
    assert doc_text(doc) is doc_text(doc)  # built once per Doc, not again on each read
