"""The page reader's date and byline rules on small hand-written pages (bot.reader.article,
bot.reader.pagedate): each test names the markup convention it covers. No network."""

from __future__ import annotations

import json
from datetime import date

import lxml.html
import pytest

from bot.reader.article import _PRUNE, _Page, html_to_article
from bot.reader.pagedate import choose, date_position, labeled_date, parse_date, url_date, url_month

URL = "https://www.harbourgazette.example/news/ferry-timetable-cut/"
STORY = (
    "<p>The island ferry will run four times a day instead of six from next month, the operator said on "
    "Thursday, after a winter in which two of its three boats spent weeks in dry dock for repairs.</p>"
    "<p>\u201cWe cannot promise a service we cannot crew,\u201d said Tomas Berg, the operator's manager, who "
    "added that the summer timetable would be reviewed once new deckhands had finished their training.</p>"
    "<p>Shopkeepers on the island said the early boat mattered most, because deliveries and school pupils "
    "both depend on it, and asked the council to press the operator to keep that crossing.</p>"
)


def gazette(header: str, *, sidebar: str = "", head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Ferry timetable cut | Harbour Gazette</title>{head}</head><body>"
        f"<nav><ul>{sidebar}</ul></nav><main><article><h1>Ferry timetable cut to four crossings</h1>"
        f"{header}<div class='story'>{STORY}</div></article></main></body></html>"
    )


# -- <time>: the dateline under the headline, not the first stamp in the page ------------------------------


def test_the_time_element_under_the_headline_beats_a_sidebar_stamp_before_it():
    # a "latest stories" list before the article, each item with its own <time>
    sidebar = "".join(
        f"<li><time datetime='2024-03-{day}T09:00:00-05:00'>Mar {day}</time> "
        f"<a href='/x{day}'>Other story</a></li>"
        for day in (14, 13, 12)
    )
    header = "<p class='dateline'><time datetime='2024-03-07T18:10:00-05:00'>7 March</time></p>"
    html = gazette(header, sidebar=sidebar)
    assert _Page(lxml.html.fromstring(html), URL)._dateline_time() == "2024-03-07T18:10:00-05:00"
    assert html_to_article(html, URL).published == "2024-03-07"


def test_a_time_element_marked_as_the_publication_wins_over_the_first_under_the_headline():
    # an "updated" stamp right under the headline, the publication stamp marked with itemprop after it
    header = (
        "<p><time datetime='2024-03-09T08:00:00-05:00'>Updated 9 March</time> "
        "<time itemprop='datePublished' datetime='2024-03-07T18:10:00-05:00'>7 March</time></p>"
    )
    html = gazette(header)
    assert _Page(lxml.html.fromstring(html), URL)._dateline_time() == "2024-03-07T18:10:00-05:00"
    for marked in (
        "<time pubdate datetime='2024-03-07'>",
        "<time class='Entry-Published' datetime='2024-03-07'>",
    ):
        html = gazette(f"<p><time datetime='2024-03-09'>9 March</time> {marked}7 March</time></p>")
        assert _Page(lxml.html.fromstring(html), URL)._dateline_time() == "2024-03-07"


def test_a_marked_time_under_the_headline_beats_marked_teaser_stamps_before_it():
    # a blog theme marks every post card's stamp "published", the sidebar's cards before the article too
    cards = "".join(
        f"<li><time class='entry-date published' datetime='2024-03-{d}'>Mar {d}</time> Other</li>"
        for d in (14, 13)
    )
    header = "<p><time class='entry-date published' datetime='2024-03-07T18:10:00-05:00'>7 March</time></p>"
    html = gazette(header, sidebar=cards)
    assert _Page(lxml.html.fromstring(html), URL)._dateline_time() == "2024-03-07T18:10:00-05:00"


def test_without_a_headline_the_first_time_element_still_counts():
    html = gazette("<p><time datetime='2024-03-07T18:10:00-05:00'>7 March</time></p>").replace(
        "<h1>Ferry timetable cut to four crossings</h1>", ""
    )
    assert html_to_article(html, URL).published == "2024-03-07"


def test_microdata_marking_the_publication_on_a_span_beats_a_later_lists_time_element():
    # schema.org microdata on a <span> under the headline; a "more stories" list after the story has <time>s
    stamp = "<span itemprop='datePublished' content='2024-03-07T18:10:00-05:00'>March 7, 2024</span>"
    header = f"<p>By the desk, {stamp}</p>"
    more = "".join(f"<li><time datetime='2024-03-{d}'>Mar {d}</time> Other story</li>" for d in (14, 13))
    html = gazette(header).replace("</article>", f"</article><aside><ul>{more}</ul></aside>")
    assert _Page(lxml.html.fromstring(html), URL)._dateline_time() == "2024-03-07T18:10:00-05:00"
    assert html_to_article(html, URL).published == "2024-03-07"
    # teasers before the headline carry their own microdata: the one under the headline is the page's
    teasers = "".join(
        f"<li itemscope><span itemprop='datePublished' content='2024-03-{d}'>Mar {d}</span> Other</li>"
        for d in (12, 11)
    )
    html = gazette(header, sidebar=teasers)
    assert _Page(lxml.html.fromstring(html), URL)._dateline_time() == "2024-03-07T18:10:00-05:00"


def test_json_ld_dates_come_from_the_article_object_that_has_them():
    # two article objects: the first names the story but carries no date, the second has the stamps
    ld = [
        {"@type": "NewsArticle", "headline": "Ferry timetable cut to four crossings"},
        {"@type": "NewsArticle", "datePublished": "2024-03-07T18:10:00-05:00", "dateModified": "2024-03-09"},
    ]
    html = gazette("", head=f"<script type='application/ld+json'>{json.dumps(ld)}</script>")
    sources = _Page(lxml.html.fromstring(html), URL).date_sources(None)
    assert sources["ld-published"] == "2024-03-07T18:10:00-05:00"
    assert sources["ld-modified"] == "2024-03-09"


# -- a local time stamp is published on its own day, not the UTC day ---------------------------------------


def test_a_local_evening_stamp_keeps_its_local_day():
    assert str(parse_date("2024-03-04T22:30:00-05:00")) == "2024-03-04"  # 03:30 UTC on 03-05
    assert str(parse_date("2024/03/04")) == "2024-03-04"
    assert parse_date("2024-03/04") is None
    head = '<meta property="article:published_time" content="2024-03-04T22:30:00-05:00">'
    html = gazette("<p class='dateline'>March 4, 2024</p>", head=head)
    assert html_to_article(html, URL).published == "2024-03-04"


# -- a machine-written (ISO) day after a publication label, and in the visible text ------------------------


def test_ordinal_days_are_read_where_they_are_written():
    # "December 5th, 2023", "5th December 2023", "the 5th of December, 2023": blogs and British pages
    assert str(parse_date("December 5th, 2023")) == "2023-12-05"
    assert str(parse_date("5th of December, 2023")) == "2023-12-05"
    assert date_position("Posted on the 5th of December, 2023", parse_date("2023-12-05")) == 14
    assert labeled_date("Published on December 1st, 2023 by Ana Ruiz") == "2023-12-01"
    assert parse_date("December, 2023") is None  # a month is no day


def test_a_labeled_day_after_a_clock_time_and_weekday_is_read():
    assert labeled_date("Published 5:00 AM EST, Tue December 5, 2023") == "2023-12-05"
    assert labeled_date("Published: 12:01 a.m. ET Dec. 5, 2023") == "2023-12-05"
    assert labeled_date("Posted 9:15 PM, Dec 5, 2023") == "2023-12-05"
    assert labeled_date("Updated 10:37 AM EST, Tue December 5, 2023") == ""  # a modification
    # the label set in capitals, as some British sites write their dateline
    assert labeled_date("PUBLISHED: 18:10 GMT, 5 December 2023 | UPDATED: 09:02 GMT, 6 December 2023") == (
        "2023-12-05"
    )
    assert labeled_date("POSTED ON Dec. 5, 2023") == "2023-12-05"
    assert labeled_date("Release DATE: December 5, 2023") == ""  # still a named date, not the page's
    assert labeled_date("The study was published December 5, 2023 in a journal.") == ""  # prose, not a label


def test_a_labeled_iso_day_is_the_publication_day():
    assert labeled_date("News posted on 2023-12-19 23:30 EST by Ana Ruiz") == "2023-12-19"
    assert labeled_date("Published: 2023-12-19") == "2023-12-19"
    assert labeled_date("Release date: 2024-03-15") == ""  # a product's date, not the page's
    assert labeled_date("Updated 2023-12-19") == ""  # a modification, not the publication
    assert date_position("posted on 2023-12-19 23:30", parse_date("2023-12-19")) == 10
    assert date_position("ref 12023-12-19x", parse_date("2023-12-19")) is None  # part of a longer token


def test_a_dateline_in_local_time_beats_a_link_dated_in_another_zone():
    # the link carries the server's (next) day; the page's dateline and its <time> say the local day
    sources = {"url": "2023-12-20", "htmldate": "2023-12-20", "time": "2023-12-19T23:30:00-05:00"}
    text = "Ferry timetable cut\nposted on 2023-12-19 23:30 EST by Ana Ruiz\nThe island ferry will run"
    assert choose(sources, text, url_path="/news/2023-12-20/ferry-timetable-cut") == "2023-12-19"
    # without the dateline the link's day stands (two sources against one)
    assert choose(sources, "The island ferry will run", url_path="/news/2023-12-20/x") == "2023-12-20"


# -- the visible text in reading order: "Posted on <date> by <name>" ---------------------------------------


def test_a_posted_on_date_by_name_dateline_gives_the_byline_and_the_day():
    header = (
        "<div class='meta'><small>posted on <time datetime='2024-03-07T18:10:00-05:00'><strong>2024-03-07"
        "</strong> 18:10 EST</time></small> by Nadia Okonjo</div>"
        "<div class='intro'>Crossings Cut From May</div>"
    )
    article = html_to_article(gazette(header), URL)
    assert article.byline == "Nadia Okonjo"  # the name stops where its block ends, not at "Crossings"
    assert article.published == "2024-03-07"


def test_a_wordpress_style_posted_on_long_date_by_name():
    header = "<p class='entry-meta'>Posted on <span>Thursday, March 7, 2024</span> by Nadia Okonjo</p>"
    assert html_to_article(gazette(header), URL).byline == "Nadia Okonjo"


def test_a_role_after_a_linked_byline_is_read_across_inline_markup():
    # a photo credit set as a byline first, then the writer's byline with a role after the linked name
    header = (
        "<figure><figcaption><span class='byline'>By <a href='/writer/lena-park/'>Lena Park</a></span>"
        "</figcaption></figure><span class='byline'>By <a href='/writer/nadia-okonjo/'>Nadia Okonjo</a>, "
        "Staff Writer</span><div>Nadia Okonjo covers transport.</div>"
    )
    assert html_to_article(gazette(header), URL).byline == "Nadia Okonjo"


# -- less common <meta> spellings of the publication and modification stamps ---------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("og:article:published_time", "2024-02-12T19:00:00-05:00"),  # Open Graph with its namespace prefix
        ("article_date_original", "Monday, February 12, 2024, 07:00 PM"),  # Advance Local's papers
        ("publisheddate", "2024-02-12"),
        ("cxenseparse:publishtime", "2024-02-12T19:00:00-05:00"),  # Cxense-tagged pages
        ("citation_publication_date", "2024/02/12"),  # Highwire tags on journals and reports
    ],
)
def test_a_publication_stamp_under_a_less_common_meta_name_is_read(key, value):
    # a modified stamp two days later that the page does not show is outvoted by the publication stamp
    head = (
        f'<meta property="{key}" name="{key}" content="{value}">'
        '<meta property="og:article:modified_time" content="2024-02-14T08:00:00-05:00">'
        '<meta itemprop="dateModified" content="2024-02-14T08:00:00-05:00">'
    )
    assert html_to_article(gazette("", head=head), URL).published == "2024-02-12"


# -- the day in the link: more URL conventions ---------------------------------------------------------------


def test_a_links_day_is_read_in_its_common_spellings():
    assert url_date("/us-news/2024/mar/07/ferry-timetable-cut") == "2024-03-07"  # month as a word
    assert url_date("/world/europe/ferry-timetable-cut-operator-says-2024-03-07/") == "2024-03-07"  # slug end
    assert url_date("/news/ferry-timetable-cut-2024-03-07.html") == "2024-03-07"
    assert url_date("/news/2024-03-07/ferry-timetable-cut") == "2024-03-07"
    assert url_date("/news/top-10-2024-13-40/") == ""  # no such day
    assert url_date("/news/ferry-2024-03-07-review-of-the-year/") == ""  # a date mid-slug: not the link's day
    assert url_month("/us-news/2024/mar/07/ferry") == (date(2024, 2, 29), date(2024, 4, 1))
    # the link's month drops a modification stamp from another month
    html = gazette("", head='<meta property="article:modified_time" content="2024-06-02T10:00:00Z">')
    assert (
        html_to_article(html, "https://www.harbourgazette.example/2024/mar/07/ferry/").published
        == "2024-03-07"
    )


# -- JSON-LD: an author given as a reference into the @graph ---------------------------------------------


def test_an_author_given_by_its_graph_id_is_read_from_the_person_node():
    # the shape WordPress SEO plugins write: the article's author is {"@id": …}, the Person node has the name
    person = "https://www.harbourgazette.example/#/schema/person/4f2a"
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": "Ferry timetable cut to four crossings",
                "author": {"@id": person},
            },
            {"@type": "Person", "@id": person, "name": "Nadia Okonjo", "url": "https://x.example/nadia"},
            {
                "@type": "Organization",
                "@id": "https://www.harbourgazette.example/#org",
                "name": "Harbour Gazette",
            },
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    html = gazette("", head=head)
    assert html_to_article(html, URL).byline == "Nadia Okonjo"
    # the page's own layer reads it, whatever trafilatura finds
    assert _Page(lxml.html.fromstring(html), URL).byline(None, None) == "Nadia Okonjo"


def test_a_bare_article_reference_before_the_article_object_is_passed_over():
    # a WebPage whose mainEntity is only a reference, then the NewsArticle node with the story's fields
    article = "https://www.harbourgazette.example/news/ferry-timetable-cut/#article"
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": URL, "mainEntity": {"@type": "NewsArticle", "@id": article}},
            {
                "@type": "NewsArticle",
                "@id": article,
                "headline": "Ferry timetable cut to four crossings",
                "datePublished": "2024-03-07T18:10:00-05:00",
                "author": {"@type": "Person", "name": "Nadia Okonjo"},
            },
        ],
    }
    html = gazette("", head=f'<script type="application/ld+json">{json.dumps(graph)}</script>')
    page = _Page(lxml.html.fromstring(html), URL)
    assert page.published(None) == "2024-03-07"
    assert page.byline(None, None) == "Nadia Okonjo"


# -- a line break (<br>) inside a headline or a byline separates words -----------------------------------


def test_a_headline_broken_over_two_lines_keeps_a_space_at_the_break():
    h1 = "<h1>Ferry timetable cut<br>to four crossings</h1>"
    html = gazette("").replace("<h1>Ferry timetable cut to four crossings</h1>", h1)
    assert html_to_article(html, URL).title == "Ferry timetable cut to four crossings"


@pytest.mark.parametrize(
    "byline",
    [
        "<div class='byline'>By Nadia Okonjo<br>Harbour reporter</div>",  # name, then role on its own line
        "<p class='article-author'>Nadia Okonjo<br/>March 7, 2024</p>",  # name, then the day
        "<div class='byline'><br>By Nadia Okonjo<br></div>",
    ],
)
def test_a_byline_broken_over_lines_ends_the_name_at_the_break(byline):
    assert html_to_article(gazette(byline), URL).byline == "Nadia Okonjo"


# -- titles: a site name after a bullet or a single guillemet ------------------------------------------------


@pytest.mark.parametrize("sep", [" \u2022 ", " \u203a ", " \u2039 "])
def test_a_site_name_after_a_bullet_or_guillemet_is_stripped_from_a_declared_title(sep):
    head = f'<meta property="og:title" content="Ferry timetable cut to four crossings{sep}Harbour Gazette">'
    html = gazette("", head=head).replace("<h1>Ferry timetable cut to four crossings</h1>", "")
    html = html.replace("<title>Ferry timetable cut | Harbour Gazette</title>", "")
    assert html_to_article(html, URL).title == "Ferry timetable cut to four crossings"


def test_an_as_told_to_byline_credits_the_writer():
    # a first-person piece: the byline names the speaker, then the writer after "as told to"
    header = "<p class='byline'>Tomas Berg as told to Nadia Okonjo</p>"
    html = gazette(header)
    assert _Page(lxml.html.fromstring(html), URL).byline(None, None) == "Nadia Okonjo"
    assert html_to_article(html, URL).byline == "Nadia Okonjo"


# -- body: a comment thread named by its commenting system, a newsletter sign-up box ------------------------

COMMENTS = [
    "I have taken that early boat for twenty years and it was never once on time, so losing it is hardly a "
    "loss for anyone who actually rides it in the dark months.",
    "The operator should publish its crewing numbers before anyone believes a word of this plan, because "
    "the same promise was made two winters ago and nothing came of it.",
    "Four crossings is fine in winter, but the summer crowds will need the old timetable back long before "
    "the new deckhands finish their training.",
]
# the shape a forum-backed comment widget takes: no class starting with "comment", text in divs
THREAD = (
    "<div class='forumware-comment-widget forumware-comments-3'><div class='forumware-comments-header'>"
    "<span class='comments-total'>3 Comments</span></div><ul class='forumware-comments-list'>"
    + "".join(
        f"<li class='forumware-comment'><div class='forumware-comment-content'><header>"
        f"<span class='author-name'>reader{n}</span></header><div class='read-more'>{text}<br><br>Thanks all."
        f"</div><span class='reply'><a href='/forum/thread/{n}'><span>Reply</span></a></span></div></li>"
        for n, text in enumerate(COMMENTS)
    )
    + "</ul></div>"
)
SIGNUP = (
    "<div class='newsletter-form__wrapper'><div><section><h2>Get the Harbour Briefing</h2></section><section>"
    "<p>Island news in your inbox every weekday morning, from ferry times to council votes and school "
    "closures.</p><form method='POST' action='/subscribe'><input type='email' name='mail'><label><input "
    "type='checkbox' name='partners'>Contact me with offers from our partners</label><input type='submit' "
    "value='Sign me up'></form><footer>By submitting your information you agree to the Terms and the Privacy "
    "Policy and are aged 16 or over.</footer></section></div></div>"
)


def pruned(html: str) -> list[str]:
    """The classes of the elements the reader takes out of ``html`` before trafilatura reads it."""
    tree = lxml.html.fromstring(html)
    return [el.get("class") for xpath in _PRUNE for el in tree.xpath(xpath)]


def test_a_comment_thread_named_by_its_commenting_system_is_left_out_of_the_body():
    # trafilatura's own filter takes out classes that start with "comment"; a forum widget's do not
    html = gazette("").replace("</div></article>", f"</div>{THREAD}</article>")
    assert pruned(html) == ["forumware-comment-widget forumware-comments-3", "forumware-comments-list"]
    article = html_to_article(html, URL)
    assert "early boat for twenty" not in article.text
    assert "Tomas Berg" in article.text


def test_a_newsletter_sign_up_box_inside_the_story_is_left_out_of_the_body():
    html = gazette("").replace("</p><p>Shopkeepers", f"</p>{SIGNUP}<p>Shopkeepers")
    assert pruned(html) == ["newsletter-form__wrapper"]
    article = html_to_article(html, URL)
    assert "Harbour Briefing" not in article.text and "inbox" not in article.text
    assert "Shopkeepers on the island" in article.text


def test_a_story_wrapper_whose_class_mentions_comments_or_newsletters_is_kept():
    # a theme marking the story's wrapper "post-has-comments", or a newsletter issue's body with a form
    # in it: either holds the page's paragraphs, so it stays
    html = gazette("").replace("<div class='story'>", "<div class='story post-has-comments'>")
    assert pruned(html) == []
    assert "Shopkeepers on the island" in html_to_article(html, URL).text
    html = gazette("<form><input type='email'></form>").replace("<article>", "<article class='newsletter'>")
    assert pruned(html) == []


# -- body: a line pointing to other stories, set inside the story -----------------------------------------


def test_read_more_and_related_lines_inside_the_story_are_left_out():
    promos = [
        "Read More: Island bakery closes after sixty years",
        "RELATED: How the council pays for the ferry",
        "Also read - Ten walks on the north shore",
        "Related content",
    ]
    paragraphs = STORY.split("</p><p>")
    story = "</p><p>".join(paragraphs[:1] + promos[:2] + paragraphs[1:2] + promos[2:] + paragraphs[2:])
    text = html_to_article(gazette("").replace(STORY, story), URL).text
    assert not any(promo in text for promo in promos)
    assert len(text.split("\n\n")) == 3
    # a reporter's sentence that starts with the same words is kept
    said = "Read more carefully, the contract lets the operator cut crossings again, a resident noted."
    story = "</p><p>".join(paragraphs + [said])
    assert said in html_to_article(gazette("").replace(STORY, story), URL).text


def test_picture_credits_and_share_or_sign_up_lines_inside_the_story_are_left_out():
    lines = [
        "(Photo: Harbour Gazette / Tomas Berg)",
        "Image credit: Island Ferries Ltd",
        "Source: county transport survey",
        "Share this article",
        "Sign up for our Island Morning newsletter to get the ferry times first",
    ]
    paragraphs = STORY.split("</p><p>")
    story = "</p><p>".join(paragraphs[:1] + lines[:3] + paragraphs[1:2] + lines[3:] + paragraphs[2:])
    text = html_to_article(gazette("").replace(STORY, story), URL).text
    assert not any(line in text for line in lines)
    assert len(text.split("\n\n")) == 3
    # a reporter's sentences that open with the same words are kept: no colon, or longer than a credit line
    said = [
        "Photos taken by passengers showed the early boat leaving half empty, the operator's figures said.",
        "Source: the operator's own crew rota, which the Gazette has seen, shows two boats short of "
        "deckhands on every winter weekend since November, when the third boat went into dry dock.",
    ]
    text = html_to_article(gazette("").replace(STORY, "</p><p>".join(paragraphs + said)), URL).text
    assert all(line in text for line in said)


# -- bylines: a role after the name, a wire credit in brackets ----------------------------------------------


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("Nadia Okonjo, Senior Correspondent", "Nadia Okonjo"),  # the role is no second person
        ("Nadia Okonjo Contributor", "Nadia Okonjo"),
        ("Nadia Okonjo, Contributing Writers", "Nadia Okonjo"),
        ("Nadia Okonjo (Reuters)", "Nadia Okonjo"),  # the wire credit in brackets is no part of the name
        ("Nadia Okonjo and Tomas Berg", "Nadia Okonjo, Tomas Berg"),
    ],
)
def test_a_declared_author_is_the_person_without_a_role_or_bracketed_credit(declared, expected):
    html = gazette("", head=f'<meta name="author" content="{declared}">')
    assert _Page(lxml.html.fromstring(html), URL).byline(None, None) == expected


# -- titles: a site name before a colon, a section name between headline and site --------------------------


def declared_only(head: str, title: str = "") -> str | None:
    """The title of a page with no <h1>: only what it declares in <head>."""
    html = gazette("", head=head).replace("<h1>Ferry timetable cut to four crossings</h1>", "")
    html = html.replace("<title>Ferry timetable cut | Harbour Gazette</title>", f"<title>{title}</title>")
    return html_to_article(html, URL).title


def test_a_site_name_before_a_colon_is_stripped_but_a_headlines_own_colon_stays():
    site = '<meta property="og:site_name" content="Harbour Gazette">'
    assert declared_only(site, "Harbour Gazette: Ferry timetable cut") == "Ferry timetable cut"
    assert declared_only(site, "Ferry cuts: what they mean for you") == "Ferry cuts: what they mean for you"


def test_a_section_name_between_the_headline_and_the_site_is_dropped():
    title = "Ferry timetable cut to four crossings | Transport | Harbour Gazette"
    head = f'<meta property="og:title" content="{title}">'
    assert declared_only(head) == "Ferry timetable cut to four crossings"
    # a short headline after a label is not taken for a section
    head = '<meta property="og:title" content="Storm warning | Exclusive interview | Harbour Gazette">'
    assert declared_only(head) == "Storm warning | Exclusive interview"


# -- body: a data table is left out, a page laid out in a table is still read --------------------------------

TABLE = (
    "<table><tr><th>Crossing</th><th>Winter</th><th>Summer</th></tr>"
    "<tr><td>Early boat</td><td>06:10</td><td>05:40</td></tr>"
    "<tr><td>Last boat</td><td>21:30</td><td>23:15</td></tr></table>"
)


def test_a_data_table_in_the_story_is_left_out_of_the_body():
    html = gazette("").replace("</p><p>Shopkeepers", f"</p>{TABLE}<p>Shopkeepers")
    text = html_to_article(html, URL).text
    assert "06:10" not in text and "Early boat" not in text
    assert "Tomas Berg" in text and "Shopkeepers on the island" in text


def test_a_story_laid_out_in_a_table_is_still_read():
    html = gazette("").replace(
        f"<div class='story'>{STORY}</div>", f"<table><tr><td width='600'>{STORY}</td></tr></table>"
    )
    page = _Page(lxml.html.fromstring(html), URL)
    assert page.laid_out_in_tables()
    text = html_to_article(html, URL).text
    assert "Tomas Berg" in text and "Shopkeepers on the island" in text
