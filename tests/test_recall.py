"""Recall: a name finds the person's quotes across articles, words and phrases search, filters narrow, and a
private channel's material never shows anywhere else."""

from __future__ import annotations

import json

import pytest

from bot.models import Extraction, Official, Question, Quote, Sighting
from bot.render import format_recall
from bot.store import questions
from bot.store.recall import RecallScope, recall
from bot.store.recall_query import parse_query
from bot.store.storage import Store

T = "T1"
PUBLIC = RecallScope(T, "C-news", False)
OTHER_PUBLIC = RecallScope(T, "C-sport", False)
SECRET = RecallScope(T, "G-investigations", True)
DM = RecallScope(T, "D-someone", True)


def digest(
    url: str,
    title: str,
    published: str,
    quotes: list[tuple[str, str, str]],
    officials: list[tuple[str, str]] = (),
    questions: list[str] = (),
) -> Extraction:
    """A hand-written digest: quotes as (speaker, title, text), officials as (name, title), question texts."""
    text = " ".join(q[2] for q in quotes) + " " + " ".join(questions)
    return Extraction(
        text=text,
        url=url,
        title=title,
        published=published,
        quotes=[
            Quote(text=t, start=0, end=len(t), speaker=s, speaker_title=st or None, speaker_kind="person")
            for s, st, t in quotes
        ],
        officials=[Official(name=n, title=t) for n, t in officials],
        questions=[
            Question(question=q, category="pending decision", evidence=q[:10], start=0, end=10)
            for q in questions
        ],
    )


def sighting(channel: str, ts: str, private: bool = False, team: str = T) -> Sighting:
    return Sighting(
        team=team,
        channel=channel,
        channel_private=private,
        message_ts=ts,
        permalink=f"https://news.slack.com/archives/{channel}/p{ts.replace('.', '')}",
    )


@pytest.fixture
def newsroom(tmp_path):
    """Four articles: two public (#news, #sport), one in a private channel, one in another workspace."""
    store = Store(tmp_path / "recall.db")
    store.save_digest(
        digest(
            "https://a.example/1",
            "Decision on troops for Gaza",
            "2025-10-28",
            [
                ("Khawaja Asif", "Defence Minister", "This has to be finalized and it is in process."),
                (
                    "Rana Sanaullah",
                    "Advisor on Political Affairs",
                    "I don't think there can be anything better.",
                ),
            ],
            [
                ("Khawaja Asif", "Defence Minister"),
                ("Rana Sanaullah", "Prime Minister's Advisor on Political Affairs"),
            ],
            [
                "When will the cabinet decide on the deployment?",
                "Under what legal framework would troops serve?",
            ],
        ),
        sighting("C-news", "100.1"),
    )
    store.save_digest(
        digest(
            "https://a.example/2",
            "Asif on the budget",
            "2025-11-05",
            [("Khawaja Muhammad Asif", "", "The defence budget will not be cut.")],
            [("Khawaja Muhammad Asif", "Minister of Defence")],
            ["Which programmes lose money in the budget?"],
        ),
        sighting("C-sport", "200.1"),
    )
    store.save_digest(
        digest(
            "https://a.example/3",
            "Leaked memo on deployment",
            "2025-11-10",
            [
                ("Asif", "", "The secret memo was never approved."),
                ("Nadia Whistle", "Ministry clerk", "I saw the memo myself."),
            ],
            [("Nadia Whistle", "Ministry clerk")],
            ["Who else has seen the secret memo?"],
        ),
        sighting("G-investigations", "300.1", private=True),
    )
    store.save_digest(
        digest(
            "https://b.example/9",
            "Other newsroom story",
            "2025-11-12",
            [("Khawaja Asif", "", "A quote from another workspace entirely.")],
        ),
        sighting("C-news", "400.1", team="T2"),
    )
    store.remember_channel(T, "C-news", "news")
    yield store
    store.close()


def quote_texts(result) -> list[str]:
    return [q.text for q in result.quotes]


@pytest.mark.parametrize(
    "query", ["Asif", "Khawaja Asif", "khawaja muhammad asif", "ASIF", "Mr Asif", "K. Asif", "Asif's"]
)
def test_recall_name_finds_the_persons_quotes_newest_first(newsroom, query):
    """Surname, full name or fuller name: the same person, quotes from every visible article, newest first."""
    result = recall(newsroom, query, scope=PUBLIC)
    assert result.person_mode
    assert quote_texts(result) == [
        "The defence budget will not be cut.",
        "This has to be finalized and it is in process.",
    ]
    assert result.quotes[0].date == "2025-11-05" and result.quotes[0].article_title == "Asif on the budget"
    assert result.quotes[1].speaker_title == "Defence Minister"
    assert result.quotes[1].permalink == "https://news.slack.com/archives/C-news/p1001"
    assert [p.name for p in result.people] == ["Khawaja Muhammad Asif"]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("finalized", ["This has to be finalized and it is in process."]),
        ('"not be cut"', ["The defence budget will not be cut."]),
        ("budget defence", ["The defence budget will not be cut."]),
        ('"cut not be"', []),
    ],
)
def test_recall_words_and_phrases_search_quotes(newsroom, query, expected):
    """Words must all appear; a quoted phrase must appear in that order (with stemming: 'finalized')."""
    assert quote_texts(recall(newsroom, query, scope=PUBLIC)) == expected


@pytest.mark.parametrize("query", ["legal framework", "cabinet"])
def test_recall_words_search_questions(newsroom, query):
    """Open questions are searched too."""
    result = recall(newsroom, query, scope=PUBLIC)
    assert [q.question for q in result.questions][:1] and result.questions[0].status == "open"


@pytest.mark.parametrize(
    "query,names",
    [
        ("political affairs", ["Rana Sanaullah"]),
        ("minister of defence", ["Khawaja Muhammad Asif"]),
        ("ministry clerk", []),  # only in the private channel
    ],
)
def test_recall_titles_find_officials(newsroom, query, names):
    """An official's title as an article gave it finds the person."""
    assert [p.name for p in recall(newsroom, query, scope=PUBLIC).people] == names


@pytest.mark.parametrize("query", ["gaza troops"])
def test_recall_words_search_article_titles(newsroom, query):
    """Article titles are searched, with a link to the thread."""
    result = recall(newsroom, query, scope=PUBLIC)
    assert [a.title for a in result.articles] == ["Decision on troops for Gaza"]
    assert result.articles[0].permalink.endswith("/C-news/p1001")


@pytest.mark.parametrize(
    "query,expected",
    [
        ("Asif in:#news", ["This has to be finalized and it is in process."]),
        ("Asif in:news", ["This has to be finalized and it is in process."]),
        ("Asif in:C-sport", ["The defence budget will not be cut."]),
        ("Asif in:<#C-sport|sport>", ["The defence budget will not be cut."]),
        ("Asif since:2025-11-01", ["The defence budget will not be cut."]),
        ("Asif until:2025-10-31", ["This has to be finalized and it is in process."]),
        ("Asif since:2025-10 until:2025-10", ["This has to be finalized and it is in process."]),
        ("Asif type:questions", []),
        ("Asif in:#G-investigations", []),  # another private channel: nothing, not even a hint of it
    ],
)
def test_recall_filters_narrow_the_results(newsroom, query, expected):
    """in:#channel (name or id), since:, until: and type: narrow what is found."""
    assert quote_texts(recall(newsroom, query, scope=PUBLIC)) == expected


@pytest.mark.parametrize(
    "query,scope,expected",
    [
        ("is:open", PUBLIC, 2),
        ("is:open budget", PUBLIC, 1),
        ("is:open in:#news", PUBLIC, 1),
        ("is:answered", PUBLIC, 1),
        ("is:mine", RecallScope(T, "C-sport", False, "U1"), 1),
        ("is:mine", RecallScope(T, "C-news", False, "U2"), 0),
        ("is:answered", OTHER_PUBLIC, 0),  # answered in #news only: still open seen from #sport
        ("is:open", OTHER_PUBLIC, 3),
    ],
)
def test_recall_is_open_lists_open_questions(newsroom, query, scope, expected):
    """is:open lists the questions still open in this channel; one answered here moves to is:answered, and
    is:mine lists what the asker took or answered."""
    first = questions.channel_questions(newsroom, T, "C-news")[0]
    questions.set_state(newsroom, first["id"], team=T, channel="C-news", state="answered", user="U1")
    questions.record_answer(
        newsroom, first["id"], team=T, channel="C-news", user="U1", answer="Yes, on <Monday>", source="Clerk"
    )
    result = recall(newsroom, query, scope=scope)
    assert len(result.questions) == expected
    assert result.quotes == [] and result.people == []
    if query == "is:answered" and expected:
        assert (result.questions[0].status, result.questions[0].state_user) == ("answered", "U1")
        assert "[answered by <@U1>: Yes, on &lt;Monday&gt; (Clerk)]" in format_recall(result)


@pytest.mark.parametrize("scope", [PUBLIC, OTHER_PUBLIC, DM, RecallScope(T, "G-other", True)])
def test_recall_private_channel_material_never_leaves_it(newsroom, scope):
    """From any other channel, public or private, nothing digested in a private channel shows: no quote, no
    question, no person, no title, no count."""
    for query in [
        "memo",
        "secret memo",
        "Nadia Whistle",
        "Whistle",
        "ministry clerk",
        "Asif",
        "is:open",
        "Leaked memo",
        "approved",
        "in:#G-investigations memo",
    ]:
        result = recall(newsroom, query, scope=scope)
        dumped = json.dumps(result.to_dict())
        assert "memo" not in dumped.replace(query, "") and "Whistle" not in dumped.replace(query, ""), query
        assert "G-investigations/p3001" not in dumped


@pytest.mark.parametrize("query", ["memo", "Nadia Whistle", "Asif"])
def test_recall_private_channel_sees_its_own_material(newsroom, query):
    """Asked in the private channel itself, its material is there, next to public material."""
    result = recall(newsroom, query, scope=SECRET)
    texts = quote_texts(result)
    assert any("memo" in t for t in texts)
    if query == "Asif":
        assert "The defence budget will not be cut." in texts


@pytest.mark.parametrize("query", ["Asif"])
def test_recall_other_workspace_is_invisible_and_operator_sees_all(newsroom, query):
    """Another workspace's public channel is not in sight; the command line (scope=None) sees everything."""
    assert "A quote from another workspace entirely." not in quote_texts(
        recall(newsroom, query, scope=PUBLIC)
    )
    everything = quote_texts(recall(newsroom, query, scope=None))
    assert len(everything) == 4 and "The secret memo was never approved." in everything


@pytest.mark.parametrize("query", ["Asif"])
def test_recall_people_counts_only_what_is_visible(newsroom, query):
    """A person's quote and article counts leave out private material from elsewhere."""
    person = recall(newsroom, query, scope=PUBLIC).people[0]
    assert (person.quotes, person.articles) == (2, 2)
    assert recall(newsroom, query, scope=SECRET).people[0].quotes == 3


@pytest.mark.parametrize("n", [14])
def test_recall_top_ten_with_more(tmp_path, n):
    """Results stop at ten with a total, and the Slack text says how many more there are."""
    store = Store(tmp_path / "many.db")
    for i in range(n):
        store.save_digest(
            digest(
                f"https://m.example/{i}",
                f"Story {i}",
                f"2025-01-{i + 1:02d}",
                [("Ada Lovelace", "", f"Quote number {i} about engines.")],
            ),
            sighting("C1", f"{i}.0"),
        )
    result = recall(store, "Lovelace", scope=RecallScope(T, "C1"))
    assert len(result.quotes) == 10 and result.totals["quotes"] == n and result.more("quotes") == n - 10
    assert result.quotes[0].text == f"Quote number {n - 1} about engines."
    text = format_recall(result)
    assert f"and {n - 10} more" in text
    assert all(len(line) < 400 for line in text.splitlines())
    store.close()


@pytest.mark.parametrize("payload", ["<!channel> & <@U123> <script>"])
def test_recall_format_escapes_stored_text(tmp_path, payload):
    """Stored text cannot ping a channel or break the reply's formatting."""
    store = Store(tmp_path / "esc.db")
    store.save_digest(
        digest("https://e.example/1", payload, "2025-01-01", [("Ada Lovelace", "", payload)]),
        sighting("C1", "1.0"),
    )
    text = format_recall(recall(store, "Lovelace", scope=RecallScope(T, "C1")))
    assert "<!channel>" not in text and "<@U123>" not in text and "&lt;script&gt;" in text
    store.close()


def test_recall_defuses_plain_mass_mentions_in_quotes_titles_and_queries(tmp_path):
    """A recalled quote, title or query that says @channel, @here or @everyone notifies nobody (as in the
    digest): the word stays readable but is broken by an invisible joiner."""
    store = Store(tmp_path / "pings.db")
    said = "Tell @channel and @here that the vote is off, and @everyone else too."
    store.save_digest(
        digest("https://e.example/2", "Told @channel", "2025-01-01", [("Ada Lovelace", "@here", said)]),
        sighting("C1", "1.0"),
    )
    text = format_recall(recall(store, "Lovelace @channel", scope=RecallScope(T, "C1")))
    assert "Lovelace" in text and "vote is off" in text
    for ping in ("@channel", "@here", "@everyone"):
        assert ping not in text
    assert "@\u2060channel" in text and "@\u2060here" in text
    store.close()


@pytest.mark.parametrize(
    "query,hint",
    [
        ("", "Try a name"),
        ("nothing-matches-this", "No matches"),
        ("Asif since:yesterday", "since: needs a date"),
    ],
)
def test_recall_empty_or_bad_queries_answer_with_a_hint(newsroom, query, hint):
    """An empty, fruitless or malformed query gets a helpful line, not an error."""
    result = recall(newsroom, query, scope=PUBLIC)
    assert result.empty and hint in result.hint
    assert hint.split()[0] in format_recall(result)


@pytest.mark.parametrize("text", ['Asif "in process" in:#news since:2025-01-01 is:open type:quotes,people'])
def test_recall_parse_query_reads_terms_and_filters(text):
    """Words, phrases and each filter are read from one line."""
    q = parse_query(text)
    assert q.terms == [["in", "process"], ["asif"]]
    assert (q.channels, q.since, q.status, q.types) == (["news"], "2025-01-01", "open", ["quotes", "people"])


@pytest.mark.parametrize("query", ["Asif"])
def test_recall_to_dict_is_json(newsroom, query):
    """--json output is plain JSON with the sections and totals."""
    data = json.loads(json.dumps(recall(newsroom, query).to_dict()))
    assert {"people", "quotes", "questions", "articles", "totals"} <= set(data)


@pytest.mark.model
@pytest.mark.parametrize(
    "query,speaker",
    [
        ("Asif", "Khawaja Asif"),
        ("Khawaja Asif", "Khawaja Asif"),
        ("Sanaullah", "Rana Sanaullah"),
        ("Rana Sanaullah", "Rana Sanaullah"),
    ],
)
def test_recall_finds_the_seed_articles_speakers(tmp_path, seed_extraction, query, speaker):
    """The stored seed article: a surname or a full name finds that person's quotes, and only theirs."""
    store = Store(tmp_path / "seed.db")
    store.save_digest(seed_extraction, sighting("C-news", "1.0"))
    expected = [q.text for q in seed_extraction.quotes if q.speaker == speaker]
    result = recall(store, query, scope=PUBLIC)
    assert expected and sorted(quote_texts(result)) == sorted(expected[:10])
    assert {q.speaker for q in result.quotes} == {speaker}
    assert result.totals["quotes"] == len(expected)
    store.close()


@pytest.mark.parametrize("window,total,capped", [(3, 14, False), (12, 12, True), (1000, 14, False)])
def test_recall_searches_the_newest_rows_first(tmp_path, monkeypatch, window, total, capped):
    """Words are looked up among the newest rows first; when that fills a page the total is a lower bound,
    otherwise everything is searched."""
    import bot.store.recall

    monkeypatch.setattr(bot.store.recall, "PASSES", ((500, window), (500, None), (20_000, None)))
    store = Store(tmp_path / "window.db")
    for i in range(14):
        store.save_digest(
            digest(
                f"https://w.example/{i}",
                f"Story {i}",
                f"2025-02-{i + 1:02d}",
                [(f"Person{i} Surname{i}", "", f"Engines number {i}.")],
            ),
            sighting("C1", f"{i}.0"),
        )
    result = recall(store, "engines", scope=RecallScope(T, "C1"))
    assert len(result.quotes) == 10 and result.quotes[0].text == "Engines number 13."
    assert (result.totals["quotes"], result.capped["quotes"]) == (total, capped)
    store.close()
