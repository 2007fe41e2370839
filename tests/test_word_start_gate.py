"""A regex alternation behind a first-letter gate finds exactly what the plain alternation finds."""

from __future__ import annotations

import re

from bot.extract.text import word_start_gate


def test_the_gate_finds_the_same_matches_as_the_plain_alternation():
    alternatives = [
        r"\b(?:asked|requested) not to be (?:named|identified)",
        r"\bspok(?:e|en) anonymously",
        r"\b[Oo]ff the record\b",
        r"\b(?P<who>officials?) familiar with\b",
    ]
    plain = re.compile("|".join(f"(?:{p})" for p in alternatives), re.IGNORECASE)
    gated = re.compile(word_start_gate(alternatives), re.IGNORECASE)
    assert gated.pattern.startswith(r"\b(?=[")  # the gate is in place
    text = (
        "The aide, who asked not to be named, spoke anonymously; an OFFICIAL FAMILIAR WITH the talks said it "
        "was off the record. Reasked not to be named (no word boundary). Officials familiar with it, and "
        "unspoken anonymously, Off the Record."
    )
    found = [(m.span(), m.groupdict()) for m in gated.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert len(found) == 6


def test_an_alternative_whose_first_letter_cannot_be_read_leaves_the_alternation_as_it_is():
    alternatives = [r"\bnot (?:named|quoted)", r"\b\w+ly anonymous"]
    assert word_start_gate(alternatives) == "|".join(f"(?:{p})" for p in alternatives)
    assert word_start_gate([r"not\b"]) == "(?:not\\b)"  # no word boundary in front: no gate
