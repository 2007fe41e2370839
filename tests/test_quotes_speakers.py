"""Speakers written as descriptions, acronyms, documents and interviews (quotes/descriptions.py), and the
cases where Legwork must abstain rather than guess. Every passage here is made up."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def direct(extract_text, text):
    ex = extract_text(text)
    return [q for q in ex.quotes if q.kind != "indirect"]


def who(q):
    return (q.speaker, q.speaker_kind)


# -- roles: a description with a title resolves to the one person the article titles so


def test_role_description_resolves_to_the_titled_person(extract_text):
    qs = direct(
        extract_text,
        "Chief Minister Ravi Kumar opened the new river bridge on Tuesday, two years late.\n\n"
        '"We built this for the farmers who lost a season to the floods," the chief minister said.',
    )
    assert who(qs[0]) == ("Ravi Kumar", "person")
    assert qs[0].speaker_text == "the chief minister"


def test_title_acronym_resolves_to_the_holder_of_the_spelled_title(extract_text):
    qs = direct(
        extract_text,
        "Chief Minister Ravi Kumar opened the new river bridge on Tuesday, two years late.\n\n"
        '"We built this for the farmers who lost a season to the floods," the CM told reporters.',
    )
    assert who(qs[0]) == ("Ravi Kumar", "person")


def test_role_with_an_of_phrase_matches_the_same_words_in_another_order(extract_text):
    qs = direct(
        extract_text,
        "Maya Rao, governor of the central bank, kept interest rates on hold on Thursday.\n\n"
        '"Prices are still rising faster than wages in most of the country," the central bank governor said.',
    )
    assert who(qs[0]) == ("Maya Rao", "person")


def test_role_modifiers_pick_the_right_one_of_two_ministers(extract_text):
    qs = direct(
        extract_text,
        "Minister of Finance Joao Pires and Minister of Health Rita Sousa visited the hospital on Friday.\n\n"
        '"We will find the money for a new wing before winter," the finance minister said.',
    )
    assert who(qs[0]) == ("Joao Pires", "person")


def test_two_people_fit_the_description_so_it_stays_unresolved(extract_text):
    qs = direct(
        extract_text,
        "President Ana Lima met President Tomas Berg in Oslo on Monday to talk about fishing rights.\n\n"
        '"Nobody leaves this room until we have a deal on the northern waters," the president said.',
    )
    assert who(qs[0]) == (None, "unresolved_description")
    assert qs[0].speaker_text == "the president"


def test_a_description_tied_to_nobody_is_kept_as_written_not_as_a_name(extract_text):
    qs = direct(
        extract_text,
        "The town council voted on Monday to close the old library on Hill Street.\n\n"
        '"This building has served us for ninety years and deserves better," the mayor said.',
    )
    assert who(qs[0]) == (None, "unresolved_description")
    assert qs[0].speaker_text == "the mayor"


def test_a_title_across_a_closing_quote_mark_is_not_the_quoted_persons(extract_text):
    # "Lena," then "the coach" after the closing mark: the coach is the speaker, not Lena's title
    qs = direct(
        extract_text,
        "Coach Dario Brandt named his squad for the final on Friday.\n\n"
        '"The hardest call of my career was leaving out Lena," the coach explains.',
    )
    assert who(qs[0]) == ("Dario Brandt", "person")


def test_a_generic_source_word_still_refers_back_to_the_unnamed_source(extract_text):
    qs = direct(
        extract_text,
        'A spokeswoman for the water company said: "Supplies will be back by the evening."\n\n'
        '"We are sorry for the trouble this has caused," the spokeswoman added.',
    )
    assert [q.speaker_kind for q in qs] == ["unnamed_official", "unnamed_official"]


# -- acronyms


def test_bracketed_acronym_speaks_as_the_organisation_it_stands_for(extract_text):
    qs = direct(
        extract_text,
        "The Department of Public Safety (DPS) closed the highway after the storm.\n\n"
        '"Drivers should stay home until the snow ploughs have cleared the roads," the DPS said.',
    )
    assert who(qs[0]) == ("Department of Public Safety", "organisation")


def test_acronym_of_an_organisation_named_in_full_without_brackets(extract_text):
    qs = direct(
        extract_text,
        "The Black Farmers Caucus met in Jackson on Saturday to discuss the new loan rules.\n\n"
        '"These rules were written without asking a single farmer in this state," the BFC said.',
    )
    assert who(qs[0]) == ("Black Farmers Caucus", "organisation")


# -- documents


def test_the_statement_speaks_for_whoever_issued_it(extract_text):
    qs = direct(
        extract_text,
        "The health ministry said in a statement on Friday that the clinics would reopen next week.\n\n"
        '"All patients with appointments will be contacted by phone before the end of the month," the '
        "statement said.",
    )
    assert qs[0].speaker_kind == "organisation"
    assert "ministry" in qs[0].speaker.lower()


def test_the_lawsuit_speaks_for_who_sued(extract_text):
    qs = direct(
        extract_text,
        "Harbor Freight Ltd sued the city of Brandon on Monday over the new port fees.\n\n"
        '"The fees were raised without notice and without any public hearing," the lawsuit says.',
    )
    assert who(qs[0]) == ("Harbor Freight Ltd", "organisation")


def test_a_document_with_no_issuer_in_the_article_stays_a_document(extract_text):
    qs = direct(
        extract_text,
        "Two boats collided near the harbour mouth on Sunday evening.\n\n"
        '"The smaller vessel had no working lights when it entered the channel," the statement said.',
    )
    assert who(qs[0]) == ("the statement", "document")


def test_police_reports_are_the_police(extract_text):
    qs = direct(
        extract_text,
        "Two boats collided near the harbour mouth on Sunday evening.\n\n"
        '"The smaller vessel had no working lights when it entered the channel," preliminary police reports '
        "said.",
    )
    assert who(qs[0]) == ("police", "organisation")


# -- interviews and junk


def test_an_interviewers_question_is_not_given_to_the_guest(extract_text):
    qs = direct(
        extract_text,
        "Maria Okafor spoke to the radio station on Monday about the election.\n\n"
        'When asked "Will you stand for a third term next year?", Okafor said: "Not this time, and probably '
        'never again."',
    )
    by = {q.text: q.speaker for q in qs}
    assert by["Will you stand for a third term next year?"] is None
    assert by["Not this time, and probably never again."] == "Maria Okafor"


def test_a_question_asked_by_a_named_host_is_the_hosts(extract_text):
    qs = direct(
        extract_text,
        "Maria Okafor spoke to the radio station on Monday about the election.\n\n"
        '"Will you stand for a third term next year?" she was asked by the host, Paul Deane. '
        '"Not this time," Okafor replied.',
    )
    assert [q.speaker for q in qs] == ["Paul Deane", "Maria Okafor"]


def test_the_people_told_are_not_the_speaker(extract_text):
    qs = direct(
        extract_text,
        "Floods cut off three villages in the valley on Sunday.\n\n"
        '"We have lost everything we owned in one night," told volunteers and members of the army who '
        "arrived by boat.",
    )
    assert all(q.speaker is None for q in qs)


def test_a_capitalised_plain_word_is_no_name(extract_text):
    qs = direct(
        extract_text,
        "The new rent law came into force on Monday.\n\n"
        '"Landlords can no longer raise the rent twice in one year," Law said.',
    )
    assert all(q.speaker is None for q in qs)


# -- officials and titles share the resolution


def test_a_title_in_a_relative_clause_lets_the_description_find_its_holder(extract_text):
    ex = extract_text(
        "Maya Rao, who became governor of the central bank in March, cut interest rates on Thursday.\n\n"
        "The finance minister, Joao Pires, welcomed the cut.\n\n"
        '"Prices are falling at last, and wages are catching up," the central bank governor said.'
    )
    q = next(q for q in ex.quotes if q.kind == "direct")
    assert who(q) == ("Maya Rao", "person")
    titles = {o.name: o.title for o in ex.officials}
    assert titles["Maya Rao"] == "governor of the central bank"


def test_an_office_written_only_as_a_description_belongs_to_the_one_person_named(extract_text):
    ex = extract_text(
        "Maya Rao met reporters in the capital on Thursday after the rate decision.\n\n"
        '"Prices are still rising faster than wages in most of the country," the governor of the central '
        "bank said."
    )
    assert who(ex.quotes[0]) == ("Maya Rao", "person")
    official = next(o for o in ex.officials if o.name == "Maya Rao")
    assert (official.title, official.organization) == ("governor of the central bank", "central bank")


def test_an_office_mentioned_before_as_someone_else_is_not_given_to_the_person_named(extract_text):
    ex = extract_text(
        "Maya Rao met the governor of the central bank on Thursday after the rate decision.\n\n"
        '"Prices are still rising faster than wages in most of the country," the governor of the central '
        "bank said."
    )
    assert who(ex.quotes[0]) == (None, "unresolved_description")
    assert ex.quotes[0].speaker_text == "the governor of the central bank"
    assert "Maya Rao" not in {o.name for o in ex.officials}


def test_a_former_holder_answers_only_the_former_description(extract_text):
    qs = direct(
        extract_text,
        "Prime Minister Ravi Kumar shared the stage with former prime minister Lena Ortiz at the port "
        'opening.\n\n"This harbour will feed the whole coast for a generation," the prime minister said.\n\n'
        '"I started this project twenty years ago and I am glad to see it finished," the former prime '
        "minister said.",
    )
    assert [q.speaker for q in qs] == ["Ravi Kumar", "Lena Ortiz"]


def test_a_description_spelled_out_finds_a_title_written_as_initials(extract_text):
    qs = direct(
        extract_text,
        "PM Ravi Kumar opened the new harbour on Sunday morning.\n\n"
        '"This harbour will feed the whole coast for a generation," the prime minister said.',
    )
    assert who(qs[0]) == ("Ravi Kumar", "person")


def test_a_pronoun_after_an_unresolved_description_stays_unresolved(extract_text):
    qs = direct(
        extract_text,
        "President Ana Lima met President Tomas Berg in Oslo on Monday to talk about fishing rights.\n\n"
        '"Nobody leaves this room until we have a deal on the northern waters," the president said. '
        '"We have waited ten years for this," she added.',
    )
    assert [(q.speaker, q.speaker_kind, q.speaker_text) for q in qs] == [
        (None, "unresolved_description", "the president")
    ] * 2


def test_a_letter_from_an_office_speaks_for_the_office(extract_text):
    qs = direct(
        extract_text,
        "A letter from the governor's office to the company was blunt.\n\n"
        '"The mine will not reopen this year," the letter said.',
    )
    assert qs[0].speaker_kind == "organisation" and "office" in qs[0].speaker


def test_a_statement_that_reads_a_quote_speaks_for_its_issuer(extract_text):
    qs = direct(
        extract_text,
        "The strike entered its third week on Friday.\n\n"
        '"Our members are tired of waiting," read a statement from the Miners Union.',
    )
    assert who(qs[0]) == ("Miners Union", "organisation")


def test_a_resolution_speaks_for_the_body_that_adopted_it(extract_text):
    qs = direct(
        extract_text,
        "The Regional Assembly adopted a resolution on the river dispute on Friday.\n\n"
        'The resolution demands "an immediate halt to all dredging upstream of the dam."',
    )
    assert [(q.kind, q.speaker) for q in qs] == [("partial", "Regional Assembly")]


def test_a_headline_gives_no_speaker_to_the_quote_below_it(extract_text):
    qs = direct(
        extract_text,
        "Harbor Group Sues Rival Publisher, Says Photos Were Taken Without Permission\n\n"
        '"We never agreed to share those pictures with anyone at all."\n\n'
        "The case was filed on Monday in a Boston court.",
    )
    assert [q.speaker for q in qs] == [None]


def test_an_abbreviated_title_before_a_name_holds_the_office(extract_text):
    qs = direct(
        extract_text,
        "Sen. Mark Ellison and Rep. Dana Whitfield met the farmers' union in Columbus on Tuesday.\n\n"
        '"This bill takes food off the tables of working families," the senator said.',
    )
    assert who(qs[0]) == ("Mark Ellison", "person")


def test_an_epithet_continues_the_subject_of_the_sentence_before(extract_text):
    qs = direct(
        extract_text,
        "Harlow United manager Steve Brennan defended his team after the defeat.\n\n"
        'Captain Joe Mensah was less forgiving. "That was not good enough for a club like this," the '
        'midfielder told the club\'s website. "The fans deserve an apology."',
    )
    assert [(q.text, q.speaker) for q in qs] == [
        ("That was not good enough for a club like this,", "Joe Mensah"),
        ("The fans deserve an apology.", "Joe Mensah"),
    ]


def test_an_epithet_after_a_sentence_naming_two_people_stays_unresolved(extract_text):
    qs = direct(
        extract_text,
        "Harlow United manager Steve Brennan defended his team after the defeat.\n\n"
        'Joe Mensah argued with Leon Grant in the tunnel. "That was not good enough for a club like this," '
        "the midfielder said.",
    )
    assert [(q.speaker, q.speaker_kind, q.speaker_text) for q in qs] == [
        (None, "unresolved_description", "the midfielder")
    ]


def test_the_same_office_under_another_name(extract_text):
    qs = direct(
        extract_text,
        "Brightwell Foods said it would close two bakeries, chief executive Nora Halvorsen told staff.\n\n"
        '"We have to be honest about where the business is," the CEO told investors last month.',
    )
    assert who(qs[0]) == ("Nora Halvorsen", "person")


def test_the_company_is_the_organisation_that_spoke_just_before(extract_text):
    qs = direct(
        extract_text,
        "Brightwell Foods said on Thursday it would cut 400 jobs after a third quarter of falling sales.\n\n"
        '"These are painful decisions," the company said.',
    )
    assert who(qs[0]) == ("Brightwell Foods", "organisation")


def test_the_company_with_no_organisation_named_is_unresolved(extract_text):
    qs = direct(
        extract_text,
        "Sales fell for a third quarter, and 400 jobs will go.\n\n"
        '"These are painful decisions," the company said.',
    )
    assert (qs[0].speaker, qs[0].speaker_kind, qs[0].speaker_text) == (
        None,
        "unresolved_description",
        "the company",
    )


def test_inverted_attribution_prefers_the_subject_after_the_verb(extract_text):
    qs = direct(
        extract_text,
        "Smugglers in the north \u201cdirectly fund\u201d the rebel army and its arms purchases, said "
        "Interior Ministry spokesperson Aldo Ferri.",
    )
    assert who(qs[0]) == ("Aldo Ferri", "person")


def test_a_pronoun_after_an_unnamed_subject_is_that_unnamed_person(extract_text):
    qs = direct(
        extract_text,
        "Principal Ruth Dane said the book would stay on the shelves. "
        '"We do not ban books here," she said.\n\n'
        "The school received a complaint from a parent last week. The parent has asked not to be named, "
        'but she wrote to the board twice. "Nobody asked us before the book was bought," she wrote.',
    )
    assert [(q.speaker, q.speaker_kind) for q in qs] == [
        ("Ruth Dane", "person"),
        ("The parent", "anonymous"),
    ]


def test_a_pronoun_after_a_description_of_a_named_person_is_that_person(extract_text):
    qs = direct(
        extract_text,
        "Maria Okafor, a teacher at Hill School, wrote to the board on Monday.\n\n"
        'The teacher said she had waited a month for an answer. "Nobody has replied to me," she said.',
    )
    assert [q.speaker for q in qs] == ["Maria Okafor"]


def test_an_epithet_the_article_ties_to_a_name_in_apposition(extract_text):
    qs = direct(
        extract_text,
        "Lena Ortiz, a billionaire who made her money in shipping, bought the club in May.\n\n"
        "Mayor Tom Hale and coach Ben Aldo met the fans on Sunday. Hale spoke first.\n\n"
        '"I will not sell this club to anyone," the billionaire told the crowd.',
    )
    assert who(qs[0]) == ("Lena Ortiz", "person")


def test_a_statement_from_a_described_office_holder_is_theirs(extract_text):
    qs = direct(
        extract_text,
        "Prime Minister Ravi Kumar cancelled his trip to the summit on Friday.\n\n"
        '"The situation at home needs my full attention," a statement from the prime minister said.',
    )
    assert who(qs[0]) == ("Ravi Kumar", "person")


def test_an_age_epithet_continues_the_person_just_named(extract_text):
    qs = direct(
        extract_text,
        "Anna Berg opened her bakery in 2015.\n\n"
        'Her nephew Luis Berg joined the business last year. "I wanted to learn from the best," the '
        "23-year-old said.",
    )
    assert who(qs[0]) == ("Luis Berg", "person")


def test_a_party_epithet_is_the_member_just_named_and_a_nation_stays_a_nation(extract_text):
    qs = direct(
        extract_text,
        "Rep. Lisa Cole voted against the bill on Tuesday.\n\n"
        '"This is a tax on working people," said the Georgia Republican.\n\n'
        'Sen. Mark Hale disagreed. "It is overdue," the Democrat said.\n\n'
        'Paris and Berlin were split. "We will not sign it," the French said.',
    )
    assert [who(q) for q in qs] == [
        ("Lisa Cole", "person"),
        ("Mark Hale", "person"),
        ("French", "organisation"),
    ]


def test_the_government_is_not_the_company_that_spoke_before(extract_text):
    qs = direct(
        extract_text,
        "Kenya Airways said it would add three routes.\n\n"
        '"Passengers will feel the difference," the government said.',
    )
    assert who(qs[0]) == ("the government", "organisation")


def test_a_partial_quote_that_is_a_sentence_of_its_own_continues_the_speaker(extract_text):
    qs = direct(
        extract_text,
        "Ed Marsh, who promotes both fighters, said they had agreed to "
        '"all the money terms." However, "the venue is still open."',
    )
    assert [(q.text, q.speaker) for q in qs] == [
        ("all the money terms.", "Ed Marsh"),
        ("the venue is still open.", "Ed Marsh"),
    ]


def test_a_scare_quote_inside_a_writers_sentence_does_not_inherit_a_speaker(extract_text):
    qs = direct(
        extract_text,
        "Ed Marsh, who promotes both fighters, said they had agreed terms. "
        'Critics called the deal "a stitch-up" within hours.',
    )
    assert all(q.speaker != "Ed Marsh" for q in qs)


def test_a_report_published_by_a_body_is_that_bodys(extract_text):
    qs = direct(
        extract_text,
        "Poverty rose in the region for a second year.\n\n"
        '"Growth has not reached the poorest households," the report, published by the World Bank on '
        "Monday, said.",
    )
    assert who(qs[0]) == ("World Bank", "organisation")


def test_the_question_put_to_a_guest_is_not_the_guests(extract_text):
    qs = direct(
        extract_text,
        "Maria Okafor faced the press on Monday.\n\n"
        'Okafor was asked: "Will you resign over the report?" She replied: "Never, not while I have work '
        'to do."',
    )
    assert [q.speaker for q in qs] == [None, "Maria Okafor"]


def test_a_platform_before_a_colon_is_not_the_speaker(extract_text):
    qs = direct(
        extract_text,
        'Former governor Hilda Marsh weighed in on Twitter: "Enough is enough, and everyone knows it."',
    )
    assert who(qs[0]) == ("Hilda Marsh", "person")


def test_the_campaign_is_the_one_a_name_qualified_before(extract_text):
    qs = direct(
        extract_text,
        'The Harlan campaign fired back on Sunday. "This is desperation," the campaign said.',
    )
    assert who(qs[0]) == ("Harlan campaign", "organisation")
