"""The seed article end to end: its main quotes, their speakers, and the show title that is not a quote."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def find(ex, words):
    hits = [q for q in ex.quotes if words in q.text and q.kind != "indirect"]
    assert hits, f"no quote containing {words!r}"
    return hits[0]


def test_offsets_are_exact(seed_extraction):
    for q in seed_extraction.quotes:
        assert seed_extraction.text[q.start : q.end] == q.text


def test_khawaja_asif_quotes(seed_extraction):
    ex = seed_extraction
    for words in (
        "This has to be finalized [and] It is in process.",
        "The government will make a decision after going through the process",
        "proud moment for the country",
        "This is an opportunity that Pakistan should take advantage of",
    ):
        assert find(ex, words).speaker == "Khawaja Asif"
    # the stray opening mark mid-quote splits the interview answer into two quotes
    assert find(ex, "This has to be finalized").text == "This has to be finalized [and] It is in process."
    assert find(ex, "This is an opportunity").inherited


def test_anonymous_officials(seed_extraction):
    ex = seed_extraction
    assert find(ex, "advanced stage").speaker == "Officials familiar with the deliberations"
    q = find(ex, "Ideally, this deployment would be carried out under a UN mandate")
    assert q.speaker == "one official" and q.speaker_kind == "unnamed_official"
    assert find(ex, "It is a difficult but decisive election").speaker == "another official"


def test_rana_sanaullah(seed_extraction):
    q = find(seed_extraction, "I don\u2019t think there can be anything better than this to save")
    assert q.speaker == "Rana Sanaullah"
    assert q.kind == "partial"


def test_show_titles_and_headline_are_not_quotes(seed_extraction):
    texts = [q.text for q in seed_extraction.quotes]
    assert not any("Aaj Shahzeb Khanzada Kay Sath" in t for t in texts)
    assert not any("11th Hour" in t for t in texts)
    assert not any("has to be finalised" in t for t in texts)  # the headline


def test_key_quotes_are_named_and_substantive(seed_extraction):
    key = seed_extraction.key_quotes
    assert 3 <= len(key) <= 6
    assert key[0].speaker == "Khawaja Asif"
    assert {q.speaker for q in key} >= {"Khawaja Asif", "Rana Sanaullah"}


def test_reported_speech_of_the_minister(seed_extraction):
    indirect = [q for q in seed_extraction.quotes if q.kind == "indirect"]
    assert any(
        q.speaker == "Khawaja Asif" and q.text.startswith("parliament would be involved") for q in indirect
    )
