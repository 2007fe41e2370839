"""html_to_article on small hand-written pages: JSON-LD and Open Graph metadata, title clean-up, bylines
(publishers and wire services are not people), dates, paywall notes, comments left out. No network."""

from __future__ import annotations

import json

import pytest

from bot.errors import FetchError
from bot.reader.article import PAYWALL_NOTE, html_to_article

URL = "https://www.riversidecourier.example/2024/03/05/council-delays-bridge-vote/"
BODY = [
    "The city council put off its vote on the Elm Street bridge on Tuesday after residents asked for more "
    "time to study the contract, which runs to nine hundred pages.",
    "\u201cWe are not against the bridge, we are against signing something nobody has read,\u201d said Maria "
    "Okafor, who lives two doors from the site and spoke for the residents\u2019 group.",
    "The council will meet again next month. The engineering firm said the delay would not change the price, "
    "though a spokesman declined to say whether the schedule for the work would slip.",
]


def page(
    *,
    head: str = "",
    before: str = "",
    after: str = "",
    h1: str | None = "Council delays the bridge vote",
    title: str = "Council delays the bridge vote | The Riverside Courier",
    ld: object = None,
    paragraphs: list[str] | None = None,
) -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld is not None else ""
    heading = f"<h1>{h1}</h1>" if h1 else ""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or BODY))
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}{script}</head><body>"
        f"<header><a href='/'>The Riverside Courier</a></header><main><article>{heading}{before}"
        f"<div class='story-body'>{body}</div>{after}</article></main></body></html>"
    )


def test_body_text_is_paragraphs_and_leaves_out_comments():
    comments = (
        "<section id='comments' class='comments'><h3>Comments</h3><div class='comment'><p>First! This "
        "council never reads anything, I have said so for years and years and years.</p></div></section>"
    )
    article = html_to_article(page(after=comments), URL)
    assert article.text.split("\n\n")[0] == BODY[0]
    assert "nobody has read" in article.text
    assert "First!" not in article.text
    assert article.url == URL


def test_json_ld_news_article_gives_the_metadata():
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "datePublished": "2024-03-05T16:20:00-05:00",
        "dateModified": "2024-03-07T09:00:00-05:00",
        "author": [{"@type": "Person", "name": "Dana Whitfield"}, {"@type": "Person", "name": "Luis Ortega"}],
        "publisher": {"@type": "Organization", "name": "The Riverside Courier"},
    }
    article = html_to_article(page(ld=ld), URL)
    assert article.title == "Council delays the bridge vote"
    assert article.byline == "Dana Whitfield, Luis Ortega"
    assert article.published == "2024-03-05"  # published, not modified
    assert article.site == "The Riverside Courier"


def test_json_ld_inside_a_graph_is_read():
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "The Riverside Courier"},
            {
                "@type": ["NewsArticle"],
                "headline": "Council delays the bridge vote",
                "datePublished": "2024-03-05",
                "author": {"@type": "Person", "name": "Dana Whitfield"},
            },
        ],
    }
    article = html_to_article(page(ld=ld), URL)
    assert article.byline == "Dana Whitfield" and article.published == "2024-03-05"


def test_open_graph_fields_when_there_is_no_json_ld():
    head = (
        '<meta property="og:site_name" content="The Riverside Courier">'
        '<meta property="og:title" content="Council delays the bridge vote">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00-05:00">'
        '<meta name="author" content="Dana Whitfield">'
    )
    article = html_to_article(page(head=head, h1=None), URL)
    assert article.title == "Council delays the bridge vote"
    assert article.site == "The Riverside Courier"
    assert article.published == "2024-03-05"
    assert article.byline == "Dana Whitfield"


@pytest.mark.parametrize(
    "title",
    [
        "Council delays the bridge vote | The Riverside Courier",
        "Council delays the bridge vote - The Riverside Courier",
        "Council delays the bridge vote \u2014 Riverside Courier",
        "The Riverside Courier | Council delays the bridge vote",
        "RiversideCourier - Council delays the bridge vote",
    ],
)
def test_the_site_name_is_stripped_from_the_title(title):
    head = '<meta property="og:site_name" content="The Riverside Courier">'
    article = html_to_article(page(head=head, h1=None, title=title), URL)
    assert article.title == "Council delays the bridge vote"


def test_the_visible_headline_wins_over_a_social_title():
    head = (
        '<meta property="og:title" content="You will not believe what the council did about the bridge">'
        '<meta property="og:site_name" content="The Riverside Courier">'
    )
    article = html_to_article(
        page(head=head, title="Council delays the bridge vote - The Riverside Courier"), URL
    )
    assert article.title == "Council delays the bridge vote"


def test_a_section_kicker_before_the_headline_is_dropped():
    head = '<meta property="og:title" content="Council delays the bridge vote">'
    article = html_to_article(page(head=head, h1="Politics | Council delays the bridge vote"), URL)
    assert article.title == "Council delays the bridge vote"


def test_a_wire_service_or_publisher_in_the_author_field_is_not_taken_for_a_person():
    head = '<meta name="author" content="The Associated Press">'
    byline = '<div class="byline">By <a href="/author/dana-whitfield">Dana Whitfield</a></div>'
    article = html_to_article(page(head=head, before=byline), URL)
    assert article.byline == "Dana Whitfield"


def test_the_site_itself_is_not_an_author():
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "author": {"@type": "Organization", "name": "The Riverside Courier"},
    }
    head = '<meta name="author" content="The Riverside Courier">'
    byline = '<span class="article-author">Dana Whitfield</span>'
    article = html_to_article(page(ld=ld, head=head, before=byline), URL)
    assert article.byline == "Dana Whitfield"
    assert html_to_article(page(ld=ld, head=head), URL).byline is None


def test_a_wire_credit_in_the_visible_byline_is_kept_as_the_credit():
    byline = '<div class="byline">By Dana Whitfield, Associated Press</div>'
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "author": [{"@type": "Person", "name": "Dana Whitfield"}],
    }
    assert html_to_article(page(ld=ld, before=byline), URL).byline == "Dana Whitfield, Associated Press"
    wire_only = '<div class="byline">By \u2014 Associated Press</div>'
    assert html_to_article(page(before=wire_only), URL).byline == "Associated Press"


def test_a_malformed_json_ld_author_falls_back_to_the_visible_byline():
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "author": {"@type": "Person", "name": ", The Riverside Courier"},
    }
    byline = '<div class="byline"><span class="author">Dana Whitfield</span> The Riverside Courier</div>'
    assert html_to_article(page(ld=ld, before=byline), URL).byline == "Dana Whitfield"


def test_a_utc_stamp_is_read_as_the_day_the_page_shows():
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "datePublished": "2024-03-06T02:30:00Z",
    }
    shown = "<div class='dateline'>March 5, 2024 9:30 PM EST</div>"
    assert html_to_article(page(ld=ld, before=shown), URL).published == "2024-03-05"
    undated = "https://www.riversidecourier.example/local/council-delays-bridge-vote/"
    assert html_to_article(page(ld=ld), undated).published == "2024-03-06"


@pytest.mark.parametrize(
    "ld",
    [
        {
            "@type": "NewsArticle",
            "headline": "Council delays the bridge vote",
            "isAccessibleForFree": False,
            "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"},
        },
        {
            "@graph": [
                {
                    "@type": "NewsArticle",
                    "headline": "Council delays the bridge vote",
                    "isAccessibleForFree": "False",
                }
            ]
        },
        {"@type": "NewsArticle", "headline": "Council delays the bridge vote", "wordCount": 1800},
    ],
)
def test_a_paywalled_page_is_digested_with_a_note(ld):
    article = html_to_article(page(ld=ld), URL)
    assert article.notes == [PAYWALL_NOTE]
    assert "nobody has read" in article.text


def test_a_free_page_has_no_paywall_note():
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "isAccessibleForFree": True,
        "wordCount": 90,
    }
    assert html_to_article(page(ld=ld), URL).notes == []


def test_a_page_without_article_text_raises_one_line():
    with pytest.raises(FetchError, match="No article text"):
        html_to_article("<html><body><p>Subscribe now.</p></body></html>", URL)


def test_html_entities_in_json_ld_are_decoded():
    ld = {"@type": "NewsArticle", "headline": "Mayor&#39;s bridge plan: &quot;not yet&quot;"}
    article = html_to_article(page(ld=ld, h1='Mayor\'s bridge plan: "not yet"'), URL)
    assert article.title == 'Mayor\'s bridge plan: "not yet"'


def test_a_home_page_is_not_an_article_even_with_plenty_of_text():
    teasers = "".join(f"<p>{p}</p>" for p in BODY * 3)
    head = "<head><meta property='og:type' content='website'></head>"
    home = f"<html>{head}<body><main>{teasers}</main></body></html>"
    with pytest.raises(FetchError, match="home page"):
        html_to_article(home, "https://www.riversidecourier.example/")


TEASERS = "".join(
    f"<li><a href='/story/{i}'>Other story number {i} about the county fair and the parade</a>"
    f" By Mar {i}, 2024</li>"
    for i in range(1, 25)
)


def test_the_declared_article_body_is_used_when_the_extractor_picks_a_teaser_list():
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "articleBody": "\n".join(BODY * 2),
    }
    html = (
        f"<html><head><script type='application/ld+json'>{json.dumps(ld)}</script></head><body>"
        f"<main><h1>Council delays the bridge vote</h1><ul class='content'>{TEASERS}</ul></main>"
        "</body></html>"
    )
    article = html_to_article(html, URL)
    assert "nobody has read" in article.text and "county fair" not in article.text
    assert article.notes == []


def test_a_paywalled_article_body_is_not_used_to_get_round_the_paywall():
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "isAccessibleForFree": False,
        "articleBody": "\n".join(BODY * 2) + " The rest of the story only subscribers can see.",
    }
    article = html_to_article(
        page(ld=ld, paragraphs=BODY[:2] + ["Subscribe to read the rest of this story."]), URL
    )
    assert "only subscribers can see" not in article.text
    assert article.notes == [PAYWALL_NOTE]


@pytest.mark.parametrize(
    "name", ["J.R.R. Tolkien", "Solcyr\u00e9 Burga", "Daisy-Mae Schmitt", "Cam E. Kettles"]
)
def test_unusual_but_real_names_are_kept(name):
    article = html_to_article(page(head=f'<meta name="author" content="{name}">'), URL)
    assert article.byline == name


# -- dates: a weighted vote of the page's sources (bot.reader.pagedate) --------------------------------------

UNDATED = "https://www.riversidecourier.example/local/council-delays-bridge-vote/"


def dated_ld(published: str, modified: str) -> dict:
    return {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "datePublished": published,
        "dateModified": modified,
    }


def test_the_published_day_wins_when_the_page_shows_both_days():
    shown = "<p class='dates'>Published March 5, 2024. Updated March 9, 2024</p>"
    ld = dated_ld("2024-03-05T15:00:00-05:00", "2024-03-09T11:00:00-05:00")
    assert html_to_article(page(ld=ld, before=shown), UNDATED).published == "2024-03-05"


def test_a_published_day_the_page_contradicts_gives_way_to_the_day_it_shows():
    # the story was first posted long ago and rewritten; the page shows only the rewrite's day
    shown = "<p class='dates'>Updated March 9, 2024</p>"
    ld = dated_ld("2022-11-02T15:00:00-05:00", "2024-03-09T11:00:00-05:00")
    assert html_to_article(page(ld=ld, before=shown), UNDATED).published == "2024-03-09"


def test_without_a_date_on_the_page_the_published_stamp_stands():
    ld = dated_ld("2024-03-05T15:00:00-05:00", "2024-03-09T11:00:00-05:00")
    assert html_to_article(page(ld=ld), UNDATED).published == "2024-03-05"


def test_pagedate_votes_with_the_measured_weights():
    from bot.reader.pagedate import choose

    text = "Some story text without any date in it."
    # two published sources outweigh one modified source
    assert choose(
        {"ld-published": "2024-03-05", "htmldate": "2024-03-05", "ld-modified": "2024-03-09"}, text
    ) == ("2024-03-05")
    # a modification stamp the page does not show counts for nothing, however many sources repeat it
    assert choose(
        {"ld-published": "2024-03-05", "ld-modified": "2024-03-09", "htmldate": "2024-03-09"}, text
    ) == ("2024-03-05")
    # a date in the link's path outweighs a lone <meta> stamp
    assert choose({"url": "2024-03-04", "meta-published": "2024-03-05"}, text) == "2024-03-04"
    # a day in the future or a nonsense year is never a candidate
    assert choose({"ld-published": "2999-01-01"}, text) is None
    assert choose({"ld-published": "1970-01-01", "htmldate": "2024-03-05"}, text) == "2024-03-05"
    assert choose({}, text) is None


def test_a_date_shown_only_by_a_stray_time_element_does_not_beat_the_declared_ones():
    from bot.reader.pagedate import choose

    text = "Related: another story, March 8, 2024. The council met on Tuesday."
    sources = {
        "ld-published": "2024-03-05",
        "meta-published": "2024-03-05",
        "htmldate": "2024-03-05",
        "time": "2024-03-08",
    }
    assert choose(sources, text) == "2024-03-05"


def test_a_labeled_day_in_the_text_wins_and_the_links_month_drops_a_later_stamp():
    # a press-release page: no published stamp, a "Date:" line, and a modification stamp months later that
    # the page shows only in its citation footer; the link's /2024/03/ says the later day is not the story's
    url = "https://www.riversidecourier.example/releases/2024/03/bridge-contract-review.html"
    shown = "<p class='meta'>Date: March 12, 2024 Source: City of Riverside</p>"
    footer = "<p class='cite'>Retrieved June 2, 2024 from the Riverside Courier.</p>"
    ld = {"@type": "NewsArticle", "headline": "Council delays the bridge vote", "dateModified": "2024-06-02"}
    head = '<meta property="article:modified_time" content="2024-06-02T10:00:00Z">'
    html = page(head=head, ld=ld, before=shown, after=footer)
    assert html_to_article(html, url).published == "2024-03-12"


def test_pagedate_reads_publication_labels_but_not_other_dates():
    from bot.reader.pagedate import choose, labeled_date

    assert labeled_date("By Ana Ruiz Published: Dec. 5, 2023 The council met") == "2023-12-05"
    assert labeled_date("First published on Tuesday, 5 December 2023") == "2023-12-05"
    assert labeled_date("Posted on: Dec 5, 2023") == "2023-12-05"
    assert labeled_date("Updated Dec. 5, 2023") == ""  # a modification, not the publication
    assert labeled_date("Release Date: March 15, 2024") == ""  # a product's date, not the page's
    assert labeled_date("The study, published Nov. 3, 2023, found") == ""  # a report's date in the story
    # the labeled day outweighs htmldate's pick of another day the page shows
    text = "Date: March 12, 2024 The council met. Retrieved June 2, 2024"
    assert choose({"htmldate": "2024-06-02"}, text) == "2024-03-12"


def test_pagedate_reads_a_day_first_date_only_where_month_first_cannot_be():
    from bot.reader.pagedate import parse_date

    assert str(parse_date("13/12/2023")) == "2023-12-13"  # a British page's 13 December
    assert str(parse_date("12/05/2023")) == "2023-12-05"  # ambiguous: read month-first, as US pages write
    assert parse_date("13/13/2023") is None


def test_pagedate_drops_days_outside_the_links_month():
    from bot.reader.pagedate import choose

    text = "Some story text without any date in it."
    assert choose({"htmldate": "2024-06-02"}, text, url_path="/news/2024/03/bridge-vote.html") is None
    assert choose({"htmldate": "2024-06-02"}, text, url_path="/news/bridge-vote.html") == "2024-06-02"
    # a day's margin: a story filed late on the last evening of February in the Americas
    assert choose({"ld-published": "2024-02-29"}, text, url_path="/2024/03/01/bridge-vote/") == "2024-02-29"
    assert choose({"ld-published": "2024-03-05"}, text, url_path="/2024-03-05-bridge-vote") == "2024-03-05"


def test_html_inside_a_declared_article_body_is_not_kept_as_words():
    promo = [
        "Subscribe to our morning newsletter for the day's top stories from the valley, delivered before "
        "breakfast every weekday, with weekend editions on sport, food and the arts across the region.",
        "Our reporters cover eleven towns and the county government. Tips are welcome by email or phone, and "
        "every message is read by an editor on the same day it arrives in the newsroom.",
    ]
    story = BODY + [p.replace("council", "board") for p in BODY]
    ld = {
        "@type": "NewsArticle",
        "headline": "Council delays the bridge vote",
        "articleBody": "".join(f"<p>{p}</p>" for p in story),
    }
    article = html_to_article(page(ld=ld, paragraphs=promo), UNDATED)
    assert article.text.split("\n\n") == story


def test_a_section_label_inside_the_headline_element_is_not_part_of_the_title():
    h1 = "<span class='section'>Transport</span> Council delays the bridge vote"
    head = '<meta property="og:title" content="Council delays the bridge vote">'
    article = html_to_article(page(h1=h1, head=head, title="Council delays the bridge vote - Courier"), URL)
    assert article.title == "Council delays the bridge vote"


def test_a_headline_word_outside_any_label_element_is_kept():
    # "Mayor" belongs to the headline (no element of its own): the longer <h1> stands
    h1 = "Mayor Okafor delays the bridge vote"
    head = '<meta property="og:title" content="Okafor delays the bridge vote">'
    assert html_to_article(page(h1=h1, head=head), URL).title == "Mayor Okafor delays the bridge vote"


def test_a_credit_the_page_declares_and_shows_after_by_is_the_byline():
    ld = {"@type": "NewsArticle", "headline": "Council delays the bridge vote", "author": "CourierLabs"}
    shown = "<div class='meta'>By CourierLabs | March 5, 2024</div>"
    assert html_to_article(page(ld=ld, before=shown), URL).byline == "CourierLabs"
    # declared but never shown as the byline: no credit is made up
    assert html_to_article(page(ld=ld), URL).byline is None


def test_a_declared_article_body_much_shorter_than_the_story_does_not_replace_it():
    summary = (
        "Residents of the Elm Street area asked for a pause in the bridge contract vote. "
        + "Neighbours want an independent engineer to read the plans first and report back. " * 7
    )
    ld = {"@type": "NewsArticle", "headline": "Council delays the bridge vote", "articleBody": summary}
    story = BODY * 3
    article = html_to_article(page(ld=ld, paragraphs=story), UNDATED)
    assert article.text.split("\n\n") == story


def test_the_byline_with_a_writers_role_wins_over_a_photo_credit_set_as_a_byline():
    shown = (
        "<figure><img src='/a.jpg'><div class='byline'>By Tomas Greer</div></figure>"
        "<div class='byline'>By Ines Calloway, Courier Staff Writer</div>"
    )
    assert html_to_article(page(before=shown), UNDATED).byline == "Ines Calloway"


@pytest.mark.parametrize(
    ("written", "byline"),
    [
        ("<p class='meta'>posted on by Ines Calloway 2024-03-05 10:00</p>", "Ines Calloway"),
        ("<p class='meta'>Photos and Story By Ines Calloway Special Correspondent</p>", "Ines Calloway"),
        ("<p class='meta'>Written by Ines Calloway. Riverside Health Office</p>", "Ines Calloway"),
        ("<p class='meta'>Photo by Tomas Greer</p>", None),  # a photographer is not the writer
    ],
)
def test_a_byline_written_in_the_text_is_read_when_no_byline_element_exists(written, byline):
    assert html_to_article(page(before=written), UNDATED).byline == byline


def test_a_byline_giving_the_sites_own_name_is_its_staff_credit():
    head = '<meta property="og:site_name" content="The Riverside Courier">'
    shown = "<div class='byline'>By The Riverside Courier - March 5, 2024</div>"
    assert html_to_article(page(head=head, before=shown), UNDATED).byline == "The Riverside Courier"
    # the site's name alone, not given as a byline, is never taken for one
    assert html_to_article(page(head=head), UNDATED).byline is None
