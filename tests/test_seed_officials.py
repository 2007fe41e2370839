"""The seed article end to end: named officials, people who are not officials, and the anonymous sources."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_seed_officials_defense_minister(seed_extraction):
    """Khawaja Asif is listed as the Defense Minister, with his later "Asif" mentions counted."""
    found = {o.name: o for o in seed_extraction.officials}
    asif = found["Khawaja Asif"]
    assert asif.title == "Defense Minister"
    assert asif.mentions >= 2
    assert seed_extraction.text[asif.start : asif.end] == asif.evidence


def test_seed_officials_advisor(seed_extraction):
    """Rana Sanaullah keeps his full title, taken out of the entity the tagger swallowed it into."""
    found = {o.name: o for o in seed_extraction.officials}
    assert found["Rana Sanaullah"].title == "Prime Minister’s Advisor on Political Affairs"


def test_seed_officials_only_the_two_officials(seed_extraction):
    """Trump (mentioned in passing) and the show host in the programme name are not officials."""
    names = [o.name for o in seed_extraction.officials]
    assert names == ["Khawaja Asif", "Rana Sanaullah"]
    assert not any("Trump" in n or "Shahzeb" in n or "Khanzada" in n for n in names)


def test_seed_officials_anonymous_with_reason(seed_extraction):
    """The officials familiar with the deliberations come with their stated reason for anonymity."""
    found = {s.description: s for s in seed_extraction.anonymous_sources}
    src = found["Officials familiar with the deliberations"]
    assert src.kind == "anonymous"
    assert src.reason == "requested anonymity due to the sensitivity of the matter"
    assert src.reason_given is True


def test_seed_officials_anonymous_sources_listed(seed_extraction):
    """Every unnamed source the article describes is listed once; none has a reason except the one above."""
    found = {s.description: s for s in seed_extraction.anonymous_sources}
    assert set(found) == {
        "officials close to the discussions",
        "Officials familiar with the deliberations",
        "Officials in Islamabad",
        "government circles",
        "one official",
        "another official",
    }
    assert [d for d, s in found.items() if s.reason_given] == ["Officials familiar with the deliberations"]
