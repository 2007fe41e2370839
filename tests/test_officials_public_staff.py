"""Staff of a named public body speak for it (#12): "a National Weather Service meteorologist"; the staff of
a company or a university, and reporters, do not. Passages written for these tests."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _officials(extract_text, text: str) -> dict[str, str]:
    return {o.name: o.title for o in extract_text(text).officials}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Jane Iqbal, a National Weather Service meteorologist, said snow was coming.",
            "National Weather Service meteorologist",
        ),
        (
            "Jane Iqbal, a forecaster with the Bureau of Meteorology, said snow was coming.",
            "forecaster with the Bureau of Meteorology",
        ),
        (
            "Jane Iqbal, an engineer at the Texas Department of Transportation, said the bridge was safe.",
            "engineer at the Texas Department of Transportation",
        ),
    ],
)
def test_officials_staff_of_a_public_body(extract_text, text, title):
    assert _officials(extract_text, text) == {"Jane Iqbal": title}


@pytest.mark.parametrize(
    "text",
    [
        "Jane Iqbal, a researcher at the University of Texas, said the bridge was safe.",
        "Jane Iqbal, an economist at Kestrel Bank, said rates would fall.",
        "Jane Iqbal, a reporter for the Austin Police Department newsletter, said the bridge was safe.",
    ],
)
def test_officials_staff_of_a_company_or_university_or_a_reporter(extract_text, text):
    assert _officials(extract_text, text) == {}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("John Smith of the National Weather Service said snow was coming.", "National Weather Service"),
        (
            "John Smith, with the Texas Department of Transportation, said the bridge was safe.",
            "Texas Department of Transportation",
        ),
    ],
)
def test_officials_person_speaking_for_a_public_body_named_after_them(extract_text, text, org):
    """ "<Name> of <a public body> said": the person speaks for it, with no title given."""
    assert [(o.name, o.title, o.organization) for o in extract_text(text).officials] == [
        ("John Smith", "", org)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "John Smith of Kestrel Bank said rates would fall.",
        "John Smith of Houston said the storm was bad.",
    ],
)
def test_officials_person_of_a_company_or_place_is_not_listed_without_a_title(extract_text, text):
    assert extract_text(text).officials == []
