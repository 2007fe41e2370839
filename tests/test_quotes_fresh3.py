"""Speaker families found on a fourth batch of fresh pages (#12), read blind before Legwork ran on them: each
test is a made-up passage with the pattern, and what a reporter should see."""

from __future__ import annotations

import pytest
from test_quotes_speakers import direct

pytestmark = pytest.mark.model


def test_a_description_continuing_an_unnamed_introduction_is_that_source(extract_text):
    # "an RSU councillor … the councillor explained": the one the writer introduced without a name, even
    # though the article titles other people with initials and names a councillor later on
    qs = direct(
        extract_text,
        "Student union budget stalls\n\n"
        "On Monday the paper sat down with an RSU councillor to check the claims of Dana Whitlock, the RSU "
        "Treasurer.\n\n"
        '"No club can be paid back until the minutes are approved," the councillor explained. '
        '"Students are out of pocket."\n\n'
        "The RSU councillor, who asked not to be named, said the treasurer had missed every meeting.\n\n"
        '"Without a budget, nothing moves," the RSU councillor said.\n\n'
        "Councillor Ravi Mehta has since taken on the treasurer's duties.",
    )
    assert [(q.speaker, q.speaker_kind) for q in qs] == [
        ("the councillor", "unnamed_official"),
        ("the councillor", "unnamed_official"),
        ("the RSU councillor", "unnamed_official"),
    ]


def test_a_description_after_the_named_holder_is_the_holder_not_the_unnamed_one(extract_text):
    # the unnamed councillor came first; the article then names a councillor, who is the one quoted next
    qs = direct(
        extract_text,
        "Student union budget stalls\n\n"
        "On Monday the paper sat down with a councillor who would not give a name.\n\n"
        "Later, Councillor Ravi Mehta took on the treasurer's duties for the summer.\n\n"
        '"Somebody had to sign the cheques," the councillor said.',
    )
    assert [q.speaker for q in qs] == ["Ravi Mehta"]


_PATCH = (
    "Harbour Games pulls patch\n\n"
    "Harbour Games withdrew its latest patch on Friday after players complained of lost saves.\n\n"
)


@pytest.mark.parametrize(
    "said",
    [
        "\"Once again Harbour ruined things with this 'fix,'\" one angry user posted on Reddit.",
        '"Nice work breaking things again," one annoyed user posted on the forum.',
    ],
)
def test_a_poster_read_as_a_participle_after_the_quote_is_the_source(extract_text, said):
    # the parser reads '<quote> one angry user posted' as a user who was posted, and hangs the user on a
    # verb inside the quote (or makes it the root): the noun right after the closing mark is who posted it
    qs = direct(extract_text, _PATCH + said + ' "Maybe test it first next time."')
    assert [q.speaker_kind for q in qs] == ["anonymous", "anonymous"]
    assert all(q.speaker and q.speaker.endswith(" user") for q in qs)


def test_the_studio_is_the_company_the_sentence_before_names_as_its_subject(extract_text):
    # "Lantern Works has broken its silence … The studio posted that it was 'shaken'": the company the
    # sentence before is about, read from its subject written as a company name where the NER tagged nothing
    qs = extract_text(
        "'Like a lighthouse, we stay lit'\n\n"
        "Lantern Works has broken its silence for the first time since thieves copied the developer’s source "
        "code. The studio posted online that it was “shaken and furious” about the theft, calling the week "
        "“deeply upsetting.”"
    ).quotes
    partial = [q for q in qs if q.kind == "partial"]
    assert [(q.speaker, q.speaker_kind) for q in partial] == [("Lantern Works", "organisation")] * 2


def test_the_studio_after_a_sentence_about_a_person_stays_unresolved(extract_text):
    # the sentence before is about a named person, not a company: "the studio" is tied to nothing there
    qs = extract_text(
        "Lantern Works founder Maya Brandt spoke publicly for the first time since thieves copied the source "
        "code. The studio posted online that it was “shaken and furious” about the theft."
    ).quotes
    partial = [q for q in qs if q.kind == "partial"]
    assert [q.speaker_kind for q in partial] == ["unresolved_description"]


def test_a_group_named_by_the_post_its_members_hold_is_an_unnamed_source(extract_text):
    # "chemistry department stewards wrote", "the coaches wrote": plural people nouns the suffix test misses
    qs = direct(
        extract_text,
        "Pay talks stall\n\n"
        "The union and the university have argued over pay for months.\n\n"
        '"We will not be silenced," chemistry department stewards wrote in an email to members.\n\n'
        '"We were never consulted," the coaches wrote in a letter.',
    )
    assert [(q.speaker, q.speaker_kind) for q in qs] == [
        ("chemistry department stewards", "unnamed_official"),
        ("the coaches", "anonymous"),
    ]


_NOVELIST = (
    "A novelist's bakery years\n\n"
    "Her new book is set in a bakery. Critics have called it her warmest yet, and the first print run sold "
    "out in a week.\n\n"
)


def test_an_epithet_after_a_sentence_about_one_named_person_is_that_person(extract_text):
    # the sentence before the quote is about Okafor alone, named as its subject (a quote the parser splits
    # into sentences is stepped over): "the novelist" continues her
    qs = direct(
        extract_text,
        _NOVELIST + "Dana Okafor grew up above her parents' bakery in Leeds. "
        '"I learned to write at the counter. Every chapter starts with a smell," the novelist said.',
    )
    assert [q.speaker for q in qs] == ["Dana Okafor"]


def test_an_epithet_opening_a_paragraph_continues_the_subject_that_ended_the_one_before(extract_text):
    qs = direct(
        extract_text,
        _NOVELIST + "Dana Okafor grew up above her parents' bakery in Leeds.\n\n"
        '"Every chapter starts with a smell," the novelist said.',
    )
    assert [q.speaker for q in qs] == ["Dana Okafor"]


def test_an_epithet_after_a_sentence_naming_two_people_stays_unresolved(extract_text):
    qs = direct(
        extract_text,
        _NOVELIST + "Dana Okafor grew up above the bakery that Tom Reyes ran in Leeds. "
        '"Every chapter starts with a smell," the novelist said.',
    )
    assert [(q.speaker, q.speaker_kind) for q in qs] == [(None, "unresolved_description")]


_SUIT = (
    "Riverton schools sued over closures\n\n"
    "The Riverton Parents Alliance filed a lawsuit against the school board on Monday, saying the closures "
    "broke state law.\n\n"
)


def test_a_court_filing_under_another_name_is_its_filer_not_the_headlines_subject(extract_text):
    # "filed a lawsuit" … "the complaint states", "according to the filing": one document under three names;
    # the headline's "schools sued" (the defendant) is no issuer
    qs = extract_text(
        _SUIT + '"The board ignored every public comment it received," the complaint states.\n\n'
        'According to the filing, the board "never published the study it relied on."\n\n'
        'The first paragraph of the complaint reads: "This case is about children who lost their schools."'
    ).quotes
    said = [(q.speaker, q.speaker_kind) for q in qs if q.kind != "indirect"]
    assert said == [("Riverton Parents Alliance", "organisation")] * 3


def test_her_suit_is_the_suit_of_the_woman_just_named(extract_text):
    qs = extract_text(
        _SUIT + "Jane Roe, a mother of two, sued the district separately in March. "
        'Her suit says the district "misled families about the budget."'
    ).quotes
    assert [q.speaker for q in qs if q.kind == "partial"] == ["Jane Roe"]


def test_a_partial_quote_inside_someones_claim_is_theirs(extract_text):
    # the councillor reports on Whitlock's claim; the quoted words inside the claim are Whitlock's
    qs = extract_text(
        "Union row deepens\n\n"
        "Dana Whitlock, the treasurer, emailed every club on Tuesday.\n\n"
        "Councillor Ravi Mehta said he cannot confirm Whitlock's claim that the president skipped meetings "
        "to \u201cdodge any questions about the missing money.\u201d"
    ).quotes
    assert [q.speaker for q in qs if q.kind == "partial"] == ["Dana Whitlock"]


_DRIVE = (
    "Food drive breaks record\n\n"
    "Pupils at Hill Street School collected more than four tonnes of food this month for the town pantry.\n\n"
)


def test_a_bare_quote_after_a_sentence_about_one_person_is_theirs(extract_text):
    # "His wife, Ana Okafor, remembers …. '…'": nobody spoke just before; the sentence before is about one
    # person, named as its subject (here in apposition to it)
    qs = direct(
        extract_text,
        _DRIVE + "Volunteer Tom Reyes lost his job in March. His wife, Ana Okafor, remembers the first visit "
        'to the pantry well. "I cried in the car park. Then we went in and nobody asked us a thing."',
    )
    assert [q.speaker for q in qs] == ["Ana Okafor"]


def test_a_quote_paragraph_after_a_paragraph_about_one_person_is_theirs(extract_text):
    # the paragraph before ends on a sentence about one person, with no reporting verb of its own
    qs = direct(
        extract_text,
        _DRIVE + "Deputy head Nora Pimble, leader of the appeal, stood at the gate every morning to count "
        "the boxes.\n\n"
        '"The kids turned a lesson on hunger into four tonnes of tins."',
    )
    assert [q.speaker for q in qs] == ["Nora Pimble"]


def test_a_bare_quote_after_a_sentence_naming_two_people_has_no_speaker(extract_text):
    qs = direct(
        extract_text,
        _DRIVE + "Ana Roe drove the boxes to the pantry with Tom Reyes every Friday. "
        '"We filled the van twice, and the shelves were still bare by Monday."',
    )
    assert [q.speaker for q in qs] == [None]


def test_as_one_insider_noted_read_as_a_preposition_is_still_the_insider(extract_text):
    # the parser reads "As one insider noted" as the preposition "as", a noun and a participle
    qs = direct(
        extract_text,
        "Couple plan a family\n\n"
        "The pair have spoken often about wanting children.\n\n"
        '"They would love a baby," a source told the magazine.\n\n'
        'As another insider noted last spring, "Now that she is with Tom, she wants it even more."',
    )
    assert [(q.speaker, q.speaker_kind) for q in qs][-1] == ("another insider", "unnamed_official")


def test_a_description_in_an_article_that_names_nobody_is_an_unnamed_source(extract_text):
    qs = direct(
        extract_text,
        "Picture of the week\n\n"
        "This week's shot comes from a reader who camped above the tree line. The photographer told us the "
        "sky was so dark that a single exposure was enough.\n\n"
        '"It is still my favourite night on the mountain," the photographer said.',
    )
    assert [((q.speaker or "").lower(), q.speaker_kind) for q in qs] == [("the photographer", "anonymous")]


def test_a_description_in_an_article_that_names_someone_stays_unresolved(extract_text):
    qs = direct(
        extract_text,
        "Picture of the week\n\n"
        "The valley was named the darkest in the county by park ranger Tom Reyes last year.\n\n"
        "This week's shot comes from a reader who camped above the tree line.\n\n"
        '"It is still my favourite night on the mountain," the photographer said.',
    )
    assert [q.speaker for q in qs] == [None]


def test_an_epithet_opening_a_paragraph_continues_the_last_speaker_of_the_one_before(extract_text):
    # two people are named nearby, but only Okafor spoke, and nobody is named between her words and the
    # epithet that opens the next paragraph
    qs = direct(
        extract_text,
        "Harbour pier to reopen\n\n"
        "Mayor Tom Reyes opened the meeting with a minute's silence for the storm's victims.\n\n"
        '"We will rebuild the pier before summer," Ana Okafor, who chairs the harbour trust, told the room. '
        "The crowd cheered.\n\n"
        '"Every plank will be oak this time," the engineer added.',
    )
    assert [q.speaker for q in qs] == ["Ana Okafor", "Ana Okafor"]


def test_a_bare_question_after_a_sentence_about_one_person_may_be_the_interviewers(extract_text):
    qs = direct(
        extract_text,
        _DRIVE + "Volunteer Ana Okafor has run the pantry van for six years. "
        '"What keeps you going after all this time?"',
    )
    assert [q.speaker for q in qs] == [None]


def test_a_bare_quote_after_a_titled_name_is_that_persons(extract_text):
    # "Volunteer" is tagged as part of the name: it is the title, not a second person
    qs = direct(
        extract_text,
        _DRIVE + "Volunteer Ana Okafor has run the pantry van for six years. "
        '"I cried in the car park the first time. Then we went in."',
    )
    assert [q.speaker for q in qs] == ["Ana Okafor"]
