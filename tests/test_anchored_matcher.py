"""The question rules' anchored matcher skips work (a window no pattern can fit) but never a match."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_windows_the_fixed_words_rule_out_still_match_as_a_plain_matcher(nlp):
    from spacy.matcher import Matcher

    from bot.extract.questions.lexicon import AnchoredMatcher

    # Every pattern starts with stop words, so "in" and "a" anchor them; the words after them decide.
    patterns = [
        ("IN_TALKS", [[{"LOWER": "in"}, {"LOWER": {"IN": ["talks", "negotiations"]}}]]),
        ("IN_A_BID", [[{"LOWER": "in"}, {"LOWER": "a"}, {"LEMMA": {"IN": ["bid", "attempt"]}}]]),
        ("A_FEW", [[{"LOWER": "a"}, {"LOWER": "few"}, {"POS": "NOUN"}]]),
        ("A_NUMBER", [[{"LOWER": "a"}, {"LIKE_NUM": True}, {"LOWER": "per", "OP": "?"}, {"LOWER": "cent"}]]),
        ("A_MAYBE", [[{"LOWER": "a", "OP": "?"}, {"LOWER": "lot"}]]),
    ]
    plain = Matcher(nlp.vocab)
    for key, pats in patterns:
        plain.add(key, pats)
    anchored = AnchoredMatcher(nlp.vocab, patterns)
    assert anchored.gates  # the shortcut is in play for the groups anchored on "in" and "a"
    doc = nlp(
        "In a bid to end the strike, the union was in talks in the capital, in a hall, in negotiations "
        "in a way a few workers liked. A few weeks later a 5 per cent rise, a lot of it in arrears, was "
        "agreed in an attempt, in a attempt, a few in all; a cent."
    )
    assert sorted(anchored(doc)) == sorted(plain(doc))
    assert {nlp.vocab.strings[k] for k, _, _ in anchored(doc)} == {
        "IN_TALKS",
        "IN_A_BID",
        "A_FEW",
        "A_NUMBER",
        "A_MAYBE",
    }


def test_patterns_that_start_with_a_tag_match_as_a_plain_matcher(nlp):
    from spacy.matcher import Matcher

    from bot.extract.questions.lexicon import AnchoredMatcher

    # No word to anchor on: the tag (or part of speech) of the first token is the anchor.
    patterns = [
        ("COMPARED", [[{"TAG": {"IN": ["JJR", "RBR"]}}, {"LOWER": "than", "OP": "?"}]]),
        ("NUMBERED", [[{"POS": "NUM"}, {"LOWER": {"IN": ["people", "homes"]}}]]),
    ]
    plain = Matcher(nlp.vocab)
    for key, pats in patterns:
        plain.add(key, pats)
    anchored = AnchoredMatcher(nlp.vocab, patterns)
    assert len(anchored.rest) == 0  # nothing left for a Matcher over the whole Doc
    doc = nlp(
        "The new bridge is longer than the old one and opened sooner, but costlier. It moved 40 homes "
        "faster than planned; more than 300 people and 12 shops were rehoused, fewer than hoped."
    )
    found = anchored(doc)
    assert sorted(found) == sorted(plain(doc))
    assert {nlp.vocab.strings[k] for k, _, _ in found} == {"COMPARED", "NUMBERED"}


def test_patterns_the_gates_match_whole_give_every_end_a_plain_matcher_gives(nlp):
    from spacy.matcher import Matcher

    from bot.extract.questions.lexicon import AnchoredMatcher

    # Words, lemmas, tags, parts of speech, numbers and optional tokens are matched by the gates themselves;
    # a "+" operator or a NOT_IN list sends its group to the Matcher.
    patterns = [
        ("TRAILING", [[{"LOWER": "not"}, {"LOWER": "yet", "OP": "?"}, {"LOWER": "clear", "OP": "?"}]]),
        ("MIDDLE", [[{"LEMMA": "be"}, {"LOWER": "not", "OP": "?"}, {"TAG": "VBN"}]]),
        ("COUNT", [[{"LOWER": "about"}, {"LIKE_NUM": True}, {"POS": "NOUN"}]]),
        ("NOT_NUM", [[{"LOWER": "about"}, {"LIKE_NUM": False}]]),
        ("PLUS", [[{"LOWER": "very"}, {"LOWER": "very", "OP": "+"}, {"POS": "ADJ"}]]),
        ("NOT_IN", [[{"LOWER": "very"}, {"LOWER": {"NOT_IN": ["very"]}}]]),
    ]
    plain = Matcher(nlp.vocab)
    for key, pats in patterns:
        plain.add(key, pats)
    anchored = AnchoredMatcher(nlp.vocab, patterns)
    assert anchored.exact and set(anchored.groups) - anchored.exact  # both ways are in play
    doc = nlp(
        "It is not yet clear whether the plan was not approved or was approved. About 40 homes and about "
        "a dozen shops were hit; it is not clear why. The storm was very very strong and very cold, not yet."
    )
    found = anchored(doc)
    assert sorted(found) == sorted(plain(doc))
    assert {nlp.vocab.strings[k] for k, _, _ in found} == {k for k, _ in patterns}
