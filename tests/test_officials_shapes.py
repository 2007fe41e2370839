"""Named officials: title shapes found on fresh articles (#12), each on a passage written for the test."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _officials(extract_text, text: str) -> dict[str, str]:
    return {o.name: o.title for o in extract_text(text).officials}


@pytest.mark.parametrize(
    "text, name, title",
    [
        # letters after the name, between commas, before the appositive title
        (
            '"We expect the deal to close in spring," says Hanna Moritz, Ph.D., Head of Research for '
            "Lindqvist Optics.",
            "Hanna Moritz",
            "Head of Research for Lindqvist Optics",
        ),
        (
            "Tomas Reyes, Jr., chairman of the Harbor Authority, said the pier would reopen.",
            "Tomas Reyes",
            "chairman of the Harbor Authority",
        ),
        # a body's name the tagger reads as a person, hanging from the title's preposition
        (
            "Dana Whitcombe, the executive director of the nonprofit Parents for Safer Roads Policy, said "
            "the limit was too high.",
            "Dana Whitcombe",
            "executive director of the nonprofit Parents for Safer Roads Policy",
        ),
        # "named X as <title>"
        (
            "The university named Priya Raman, a chemist, as the institute's first director.",
            "Priya Raman",
            "institute's first director",
        ),
        # an office in a qualified form: "special counsel", "general counsel", "medical examiner"
        (
            "The case was brought by special counsel Ruth Abernathy last spring.",
            "Ruth Abernathy",
            "special counsel",
        ),
        (
            "Leon Brandt, the company's general counsel, declined to comment.",
            "Leon Brandt",
            "company's general counsel",
        ),
        # founders speak for what they founded
        (
            "Mira Okafor, founder of the Riverside Food Bank, said demand had doubled.",
            "Mira Okafor",
            "founder of the Riverside Food Bank",
        ),
        # union officers
        (
            '"This is a win for every worker," said union steward Kofi Mensah.',
            "Kofi Mensah",
            "union steward",
        ),
    ],
)
def test_officials_fresh_title_shapes(extract_text, text, name, title):
    found = _officials(extract_text, text)
    assert found.get(name) == title, found


@pytest.mark.parametrize(
    "text, names, title",
    [
        (
            "County election officials Greta Lindholm and Omar Haddad refused to certify the count.",
            ["Greta Lindholm", "Omar Haddad"],
            "County election officials",
        ),
        (
            "Sens. Alma Ridley and Victor Pruitt wrote to the agency on Monday.",
            ["Alma Ridley", "Victor Pruitt"],
            "Sens.",
        ),
    ],
)
def test_officials_plural_title_belongs_to_each_name_of_a_list(extract_text, text, names, title):
    found = _officials(extract_text, text)
    for name in names:
        assert found.get(name) == title, found


def test_officials_singular_title_stays_with_the_first_name(extract_text):
    found = _officials(extract_text, "Mayor Ingrid Solberg and her husband Pavel Novak attended the parade.")
    assert found.get("Ingrid Solberg") == "Mayor"
    assert "Pavel Novak" not in found


def test_officials_two_offices_too_long_for_one_title_keep_the_first(extract_text):
    text = (
        "Rosa Delgado, Head of the Retail Banking Strategic Business Unit and Head of the Digital Payments "
        "Business Unit for Corvane Financial Group, said the merger would close in March."
    )
    assert _officials(extract_text, text).get("Rosa Delgado") == (
        "Head of the Retail Banking Strategic Business Unit"
    )


@pytest.mark.parametrize(
    "text, name",
    [
        ("The family's counsel, Martin Greaves, said they would appeal.", "Martin Greaves"),
        ("Andrea Lutz, a lawyer for the tenants, said the eviction was unlawful.", "Andrea Lutz"),
    ],
)
def test_officials_a_lawyer_for_a_party_holds_no_office(extract_text, text, name):
    assert name not in _officials(extract_text, text)


@pytest.mark.parametrize(
    "text, name, title",
    [
        # "one of the <plural office>": in an appositive and as a copula's complement
        (
            "Nadia Ferreira, one of the co-chairs of the housing committee, said the vote was close.",
            "Nadia Ferreira",
            "co-chairs of the housing committee",
        ),
        (
            "Greta Olsen is one of the party's regional directors.",
            "Greta Olsen",
            "party's regional directors",
        ),
        # the head of a title comes before any preposition, not only "of"/"for"
        (
            "Brennan, now deputy director alongside Kowalski, is a veteran organiser in Ohio.",
            "Brennan",
            "deputy director alongside Kowalski",
        ),
        # a second appositive joined by "and" holds the office
        (
            "The waste is plentiful, says Lena Hoyt, a geologist at the University of Nevada, Reno and the "
            "startup's chief science officer.",
            "Lena Hoyt",
            "startup's chief science officer",
        ),
        # a religious style before the name
        ("In his new letter, Pope Clement warns that the talks have stalled.", "Clement", "Pope"),
    ],
)
def test_officials_fresh_title_shapes_second_round(extract_text, text, name, title):
    found = _officials(extract_text, text)
    assert found.get(name) == title, found


def test_officials_person_the_tagger_read_as_an_organisation(extract_text):
    # en_core_web_sm labels this invented name ORG
    text = (
        "Moreover, Morgan Vale, head of the cardiology department at the Al-Noor Hospital, said it closed. "
        "Vale added that the staff had left."
    )
    found = _officials(extract_text, text)
    assert found.get("Morgan Vale") == "head of the cardiology department at the Al-Noor Hospital", found


@pytest.mark.parametrize(
    "text, name",
    [
        ("Brightwater Tools, a maker of garden shears, said profits fell.", "Brightwater Tools"),
        # a first name and an office, but nothing after it speaks of a person
        ("Morgan Stanley, the lead adviser on the deal, said profits fell.", "Morgan Stanley"),
    ],
)
def test_officials_a_company_with_an_appositive_is_not_a_person(extract_text, text, name):
    assert name not in _officials(extract_text, text)


def test_officials_former_governs_both_halves_of_a_title(extract_text):
    text = "The club mourned former goalkeeper and longtime youth team manager Piet Vandermolen on Friday."
    assert "Piet Vandermolen" not in _officials(extract_text, text)


def test_officials_an_office_joined_to_another_office_is_not_the_appositive(extract_text):
    text = "Ana Ruiz, a friend of the mayor and the governor, said the fair would go ahead."
    assert "Ana Ruiz" not in _officials(extract_text, text)


@pytest.mark.parametrize(
    "text, name, title",
    [
        # a relative clause with a verb of office and a body as its object
        ("Lars Brenner, who heads Acme Corp, said sales rose.", "Lars Brenner", "head of Acme Corp"),
        (
            "Nora Diaz, who chairs the Senate finance committee, said taxes would fall.",
            "Nora Diaz",
            "chair of the Senate finance committee",
        ),
        (
            "Nora Diaz, who runs the city's housing agency, said rents would rise.",
            "Nora Diaz",
            "head of the city's housing agency",
        ),
        # appointed to an office, in a relative clause
        (
            "Omar Patel, who was appointed health secretary in May, announced the plan.",
            "Omar Patel",
            "health secretary",
        ),
        # an office to be held
        ("Mayor-elect Tina Brooks said she would cut taxes.", "Tina Brooks", "Mayor-elect"),
        # a jurisdiction earlier in the title makes a lower-case office
        (
            "Dale Burns, the county fire marshal, said crews contained the blaze.",
            "Dale Burns",
            "county fire marshal",
        ),
        # a seat on an elected body
        (
            "Raj Patel, a member of the city council, voted against the plan.",
            "Raj Patel",
            "member of the city council",
        ),
    ],
)
def test_officials_fresh_title_shapes_third_round(extract_text, text, name, title):
    found = _officials(extract_text, text)
    assert found.get(name) == title, found


@pytest.mark.parametrize(
    "text",
    [
        "Lena Park, who runs a bakery in Leeds, said prices rose.",
        "Lena Park, who leads the investigation, said the team found nothing.",
        "Lena Park, who leads the Eastern Conference with nine double-doubles, said she felt fine.",
        "Lena Park, who heads to Paris next week, said the talks would go on.",
        "Lena Park, who was named player of the year, said she was thrilled.",
        "Lena Park, a member of the public, said she saw the car.",
    ],
)
def test_officials_verbs_of_office_need_a_body(extract_text, text):
    assert "Lena Park" not in _officials(extract_text, text)


def test_officials_a_verb_is_not_a_title_before_a_name(extract_text):
    found = _officials(extract_text, "Lars Brenner, who heads Acme Corp, said sales rose.")
    assert "Acme Corp" not in found


def test_officials_two_roles_of_a_named_body_office_first(extract_text):
    text = "NeuroGrid co-founder and chief scientist Ilse Varga left the company."
    assert _officials(extract_text, text).get("Ilse Varga") == "NeuroGrid co-founder and chief scientist"


def test_officials_two_roles_without_a_body_are_a_job(extract_text):
    text = "Director and writer Pavel Orlov said the film took six years."
    assert "Pavel Orlov" not in _officials(extract_text, text)


def test_officials_a_lawyer_of_an_organisation_speaks_for_it(extract_text):
    text = "Ruth Bell, senior and managing attorney for the ACLU of Ohio, said the law was void."
    title = _officials(extract_text, text).get("Ruth Bell")
    assert title == "senior and managing attorney for the ACLU of Ohio"


@pytest.mark.parametrize(
    "text",
    [
        "Ruth Bell, a lawyer for the family, said they would sue.",
        "Ruth Bell, an attorney for Smith, said he was innocent.",
    ],
)
def test_officials_a_lawyer_for_a_person_is_not_an_official(extract_text, text):
    assert "Ruth Bell" not in _officials(extract_text, text)


def test_officials_a_qualified_ranger_is_an_official(extract_text):
    text = (
        '"The burnt slopes will take decades to recover," says Dean Harlow, a senior ranger of wildlife at '
        "the Department of Conservation who manages the park."
    )
    assert _officials(extract_text, text) == {
        "Dean Harlow": "senior ranger of wildlife at the Department of Conservation"
    }


@pytest.mark.parametrize(
    "text",
    [
        "The Rangers' Callum Breck scored twice. Breck said the crowd had lifted the team.",
        "Callum Breck is one of the Rangers. Breck said the crowd had lifted the team.",
    ],
)
def test_officials_a_team_called_rangers_is_not_a_title(extract_text, text):
    # the plural of a qualified head needs its qualifier too
    assert "Callum Breck" not in _officials(extract_text, text)


def test_officials_a_managing_owner_speaks_for_the_club(extract_text):
    text = (
        '"We are glad to sign him," said Harbor City managing owner Victor Lanz. "He is a fierce competitor."'
    )
    assert _officials(extract_text, text) == {"Victor Lanz": "Harbor City managing owner"}


def test_officials_a_shop_owner_is_not_an_official(extract_text):
    text = "Restaurant owner Tom Bell said the rent was too high. Bell closed early."
    assert "Tom Bell" not in _officials(extract_text, text)


def test_officials_title_before_the_name_with_an_ampersand_and_a_plural_possessive(extract_text):
    text = (
        "Director of Organizing & Mobilization at Stage Workers\u2019 Union Dana Pell, asked about the vote, "
        'responded: "Right now the focus is pay."'
    )
    assert _officials(extract_text, text) == {
        "Dana Pell": "Director of Organizing & Mobilization at Stage Workers\u2019 Union"
    }


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("District 4 Supervisor Ana Ruiz said the vote was close.", "District 4 Supervisor"),
        ("Local 32BJ president Ana Ruiz said the strike would go on.", "Local 32BJ president"),
        ("Precinct 5 Commander Ana Ruiz said the road was closed.", "Precinct 5 Commander"),
        # a date or a count before the title is no part of it
        ("In 2019 Mayor Ana Ruiz said the vote was close.", "Mayor"),
        ("On March 3 Mayor Ana Ruiz said the vote was close.", "Mayor"),
    ],
)
def test_officials_number_inside_a_body_name_before_the_title(extract_text, text, title):
    """A number inside a body's name ("District 4", "Local 32BJ") stays in a title before the name."""
    assert [(o.name, o.title) for o in extract_text(text).officials] == [("Ana Ruiz", title)]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Harold Iqbal, the top Democrat on the House Judiciary Committee, filed the bill.",
            "top Democrat on the House Judiciary Committee",
        ),
        (
            "Rep. Ana Ruiz, the ranking Republican on the panel, said the bill would fail.",
            "ranking Republican on the panel",
        ),
    ],
)
def test_officials_party_seat_on_a_committee(extract_text, text, title):
    """ "the top Democrat on the ... Committee": a legislator's seat, written as the article gives it."""
    assert [o.title for o in extract_text(text).officials] == [title]


def test_officials_party_member_alone_is_no_office(extract_text):
    assert extract_text("Harold Iqbal, a Democrat from Austin, voted for the bill.").officials == []


def test_officials_the_appointer_does_not_take_the_office(extract_text):
    """ "Kestrel hired Dana Whitby as chief financial officer": Whitby holds the office, not the company."""
    text = "Kestrel hired Dana Whitby as chief financial officer last year. Whitby said costs would fall."
    assert _officials(extract_text, text) == {"Dana Whitby": "chief financial officer"}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Dana Whitby, who took over as chief executive in January, said costs would fall.",
            "chief executive",
        ),
        (
            "Dana Whitby stepped in as interim chief executive in May. Whitby said costs would fall.",
            "interim chief executive",
        ),
        (
            "Dana Whitby stepped down as chief executive in May. Whitby said costs would fall.",
            "former chief executive",
        ),
    ],
)
def test_officials_taking_over_stepping_in_and_down(extract_text, text, title):
    assert _officials(extract_text, text) == {"Dana Whitby": title}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Dana Whitby, secretary-general of NATO, said the alliance was united.",
            "secretary-general of NATO",
        ),
        (
            "Dana Whitby, Kestrel's newly appointed chief executive, said costs would fall.",
            "Kestrel's newly appointed chief executive",
        ),
    ],
)
def test_officials_lower_case_secretary_general_and_a_participle_in_the_title(extract_text, text, title):
    assert _officials(extract_text, text) == {"Dana Whitby": title}


def test_officials_participle_clause_after_a_name_is_no_title(extract_text):
    assert _officials(extract_text, "Dana Whitby, surrounded by aides, said costs would fall.") == {}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Dana Whitby, Kestrel's senior vice president and general counsel, said the suit had no merit.",
            "Kestrel's senior vice president and general counsel",
        ),
        (
            "Dana Whitby, presiding judge of the county court, set bail.",
            "presiding judge of the county court",
        ),
    ],
)
def test_officials_two_roles_and_a_present_participle_in_the_title(extract_text, text, title):
    assert _officials(extract_text, text) == {"Dana Whitby": title}


def test_officials_present_participle_clause_is_no_title(extract_text):
    assert _officials(extract_text, "Dana Whitby, standing outside the court, said bail was set.") == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Whitby, a police captain, said roads were closed.", {"Dana Whitby": "police captain"}),
        ("Fire Captain Dana Whitby said the blaze was out.", {"Dana Whitby": "Fire Captain"}),
        ("Dana Whitby, the team captain, said the team was ready.", {}),
    ],
)
def test_officials_police_or_fire_captain_but_not_a_team_captain(extract_text, text, expected):
    assert _officials(extract_text, text) == expected


def test_officials_title_beside_a_surname_the_tagger_missed(extract_text):
    """ "Whitby, the county's emergency management director, said": the surname alone, untagged, is still
    Dana Whitby's mention, and the title beside it is hers."""
    text = (
        "Dana Whitby spoke to reporters on Monday. Whitby, the county's emergency management director, said "
        "roads were closed."
    )
    assert _officials(extract_text, text) == {"Dana Whitby": "county's emergency management director"}


def test_officials_body_read_as_a_person_before_the_office(extract_text):
    """ "Kestrel co-founder and CEO": the tagger reads "Kestrel" as a person; it is the body of the office."""
    text = "Dana Whitby, Kestrel co-founder and CEO, said costs would fall."
    assert _officials(extract_text, text) == {"Dana Whitby": "Kestrel co-founder and CEO"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dana Whitby and Omar Bell, both senators from Kenya, spoke in Nairobi.",
            {"Dana Whitby": "senators from Kenya", "Omar Bell": "senators from Kenya"},
        ),
        # without "both", the appositive is the last name's alone
        (
            "Dana Whitby and Omar Bell, a senator from Kenya, spoke in Nairobi.",
            {"Omar Bell": "senator from Kenya"},
        ),
    ],
)
def test_officials_appositive_shared_by_a_list_of_names(extract_text, text, expected):
    assert _officials(extract_text, text) == expected


def test_officials_place_after_a_title_in_an_appositive_is_not_a_second_holder(extract_text):
    """ "Ravi Menon, Superintendent of Police, Kozhikode, said": the place is not a person with that title."""
    text = "Ravi Menon, Superintendent of Police, Kozhikode, said the suspect was held."
    assert _officials(extract_text, text) == {"Ravi Menon": "Superintendent of Police"}
