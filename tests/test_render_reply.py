"""The verdict-first reply (issue #15): what the story stands on first, the top questions with their menus,
the top quotes, one line each for officials and sources, the buttons that open the full lists, all within
Slack's limits. The seed article is the product's own sample; every other passage is made up."""

from __future__ import annotations

import copy
import json

import pytest
from slack_limits import block_errors

from bot import render
from bot.models import AnonymousSource, Extraction, Official, Question, Quote, SaveResult, Sighting

pytestmark = pytest.mark.model


@pytest.fixture
def seed_reply(seed_extraction, store):
    ex = copy.deepcopy(seed_extraction)
    saved = store.save_digest(ex, Sighting(team="T1", channel="C1", message_ts="1.0", thread_ts="1.0"))
    return ex, saved, render.digest_message(ex, saved)


def action_ids(message):
    ids = []
    for b in message["blocks"]:
        if "accessory" in b:
            ids.append(b["accessory"]["action_id"])
        ids += [e["action_id"] for e in b.get("elements", []) if "action_id" in e]
    return ids


def limit_errors(blocks, most=50):
    """Slack's documented limits on what Legwork puts in a message or a view, beyond ``block_errors``:
    overflow menus (2-5 options, labels up to 75 and values up to 150 characters), button labels and
    values, ids up to 255 characters, and block and action ids unique in the payload."""
    errors = block_errors(blocks[:50]) + ([f"{len(blocks)} blocks > {most}"] if len(blocks) > most else [])
    block_ids = [b["block_id"] for b in blocks if "block_id" in b]
    elements = [b["accessory"] for b in blocks if "accessory" in b]
    elements += [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    if len(block_ids) != len(set(block_ids)) or len({e["action_id"] for e in elements}) != len(elements):
        errors.append("block or action ids repeat")
    for e in elements:
        if len(e["action_id"]) > 255:
            errors.append(f"action_id too long: {e['action_id'][:40]}")
        if e["type"] == "overflow":
            options = e["options"]
            if not 2 <= len(options) <= 5 or any(
                len(o["text"]["text"]) > 75 or len(o["value"]) > 150 for o in options
            ):
                errors.append(f"bad overflow {e['action_id']}")
        elif e["type"] == "button" and (len(e["text"]["text"]) > 75 or len(e.get("value", "")) > 2000):
            errors.append(f"bad button {e['action_id']}")
    return errors


def test_seed_reply_opens_with_the_verdict_and_stays_short(seed_reply):
    ex, saved, msg = seed_reply
    blocks = msg["blocks"]
    assert len(blocks) <= 10
    verdict = blocks[0]["text"]["text"]
    assert verdict.startswith("*On record:* 2 named speakers, both officials")
    assert "*Unnamed:* 6 sources, 5 giving no reason" in verdict
    assert "*Rests on unnamed sources:*" in verdict and "“advanced stage”" in verdict
    assert verdict.endswith(" · and 3 more") and verdict.count("\n") == 1
    # then the article, the questions, the quotes, the people, the buttons and the counts, in that order
    kinds = [b["type"] for b in blocks]
    assert kinds == ["section", "context", "section", "section", "section", "section", "section", "section",
                     "actions", "context"]  # fmt: skip
    text = json.dumps(msg, ensure_ascii=False)
    assert text.index("Open questions") < text.index("Key quotes") < text.index("*Officials:*")
    assert text.index("*Officials:*") < text.index("*Unnamed sources:*") < text.index("legwork_more")
    assert limit_errors(blocks) == []
    assert len(action_ids(msg)) == len(set(action_ids(msg)))


def test_question_rows_keep_the_contract_with_the_slack_side(seed_reply):
    ex, saved, msg = seed_reply
    rows = [b for b in msg["blocks"] if str(b.get("block_id", "")).startswith("q:")]
    assert [b["block_id"] for b in rows] == [f"q:{i}" for i in saved.question_ids[:3]]
    for row, qid in zip(rows, saved.question_ids, strict=False):
        menu = row["accessory"]
        assert menu == render.question_menu(qid)
        assert menu["type"] == "overflow" and menu["action_id"] == f"legwork_question:{qid}"
        assert [(o["text"]["text"], o["value"]) for o in menu["options"]] == [
            ("Answered", f"answered:{qid}"),
            ("Not needed", f"not_needed:{qid}"),
            ("I'll take it", f"take:{qid}"),
        ]
    assert render.QUESTION_MENU == "legwork_question"
    assert "legwork_mark_answered" not in action_ids(msg)


def test_the_more_row_opens_every_list_with_the_article_id(seed_reply):
    ex, saved, msg = seed_reply
    (more,) = [b for b in msg["blocks"] if b["type"] == "actions"]
    assert more["block_id"] == "legwork_more"
    assert [(e["action_id"], e["text"]["text"], e["value"]) for e in more["elements"]] == [
        ("legwork_open_quotes", "All 9 quotes, 3 paraphrases", str(saved.article_id)),
        ("legwork_open_questions", "All 8 questions", str(saved.article_id)),
        ("legwork_open_sources", "Sources (6)", str(saved.article_id)),
        ("legwork_open_officials", "Officials (2)", str(saved.article_id)),
    ]


def test_the_full_lists_fit_a_modal_and_show_evidence_and_reasons(seed_reply):
    ex, saved, _ = seed_reply
    for which in render.LISTS:
        view = render.detail_blocks(ex, which, saved)
        assert limit_errors(view, most=100) == []
    questions = json.dumps(render.detail_blocks(ex, "questions", saved), ensure_ascii=False)
    assert questions.count("_From the article:_") == len(ex.questions)
    sources = json.dumps(render.detail_blocks(ex, "sources"), ensure_ascii=False)
    assert "reason given: requested anonymity" in sources and sources.count("no reason for anonymity") == 5
    with pytest.raises(ValueError):
        render.detail_blocks(ex, "everything")


def made_up(**kw) -> Extraction:
    ex = Extraction(
        "x",
        quotes=[
            Quote("We will reopen the bridge", 0, 5, speaker="Mara Holt", speaker_kind="person", key=True),
            Quote("It is not safe yet", 10, 15, speaker="Ivo Lund", speaker_kind="person", key=True),
        ],
        officials=[Official("Mara Holt", title="transport minister")],
        anonymous_sources=[
            AnonymousSource("an engineer", reason="not authorised to speak", reason_given=True)
        ],
        questions=[Question("When will the bridge reopen?", "pending decision", "the bridge", 0, 3)],
    )
    for k, v in kw.items():
        setattr(ex, k, v)
    return ex


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "*On record:* 2 named speakers, 1 official · *Unnamed:* 1 source, giving a reason"),
        ({"quotes": []}, "*On record:* nobody named is quoted · *Unnamed:* 1 source, giving a reason"),
        ({"anonymous_sources": []}, "*On record:* 2 named speakers, 1 official"),
        (
            {"anonymous_sources": [AnonymousSource("a driver"), AnonymousSource("a guard", reason="fear")]},
            "*On record:* 2 named speakers, 1 official · *Unnamed:* 2 sources, 1 giving no reason",
        ),
    ],
)
def test_verdict_is_computed_from_the_extraction(changes, expected):
    assert render.verdict(made_up(**changes)) == expected


def test_verdict_names_what_rests_on_unnamed_sources():
    ex = made_up(
        quotes=[
            Quote("a matter of weeks,", 0, 5, kind="partial", speaker="an engineer", speaker_kind="anonymous")
        ],
        anonymous_sources=[
            AnonymousSource("an engineer"),
            AnonymousSource(
                "people briefed on the repairs",
                evidence="The steel beams were ordered last month, according to people briefed on the "
                "repairs.",
                start=40,
            ),
        ],
    )
    line = render.verdict(ex).split("\n")[1]
    assert line == (
        "*Rests on unnamed sources:* “a matter of weeks” · the steel beams were ordered last month"
    )


def test_without_a_store_the_reply_has_no_menus_or_buttons():
    msg = render.digest_message(made_up())
    assert not [b for b in msg["blocks"] if "accessory" in b or b["type"] == "actions" or "block_id" in b]


def test_top_quotes_prefer_marked_words_and_more_than_one_voice():
    quotes = [
        Quote(f"Holt quote {i}", i, i + 1, speaker="Mara Holt", speaker_kind="person", key=True, score=10 - i)
        for i in range(4)
    ]
    quotes.append(Quote("the bridge was fine", 9, 10, kind="indirect", speaker="Ivo Lund", score=50))
    quotes.append(Quote("Lund quote", 20, 21, speaker="Ivo Lund", speaker_kind="person", score=1))
    shown = render.top_quotes(made_up(quotes=quotes))
    assert [q.text for q in shown] == ["Holt quote 0", "Holt quote 1", "Lund quote"]



def test_save_result_carries_the_article_id(store):
    saved = store.save_digest(made_up(), Sighting(team="T1", channel="C1"))
    assert isinstance(saved, SaveResult) and saved.article_id > 0


@pytest.mark.parametrize(
    ("evidence", "claim"),
    [
        (
            "The ferry will stop running in May, according to two dock workers.",
            "the ferry will stop running in May",
        ),
        (
            "The ferry will stop running in May, two dock workers said on Sunday.",
            "the ferry will stop running in May",
        ),
        ("Two dock workers said the ferry will stop running in May.", "the ferry will stop running in May"),
        ("Two dock workers told reporters that the ferry would stop.", "the ferry would stop"),
        ("Two dock workers told reporters about the ferry in May.", None),
        ("Two dock workers, who asked not to be named, said the ferry would stop.", None),
        ("Two dock workers said so.", None),
        ("", None),
        ("Two dock workers said (the [ferry) would stop*.", "(the [ferry) would stop*"),
    ],
)
def test_the_claim_an_unnamed_source_carries_follows_the_attribution(evidence, claim):
    from bot.render.verdict import _claim_of

    assert _claim_of(evidence, "two dock workers") == claim


@pytest.mark.parametrize(
    ("title", "organization", "shown"),
    [
        ("chief executive of Acme Mills", "Acme Mills", "chief executive of Acme Mills"),
        ("harbour master", "Port Authority", "harbour master, Port Authority"),
        ("", "Port Authority", "Port Authority"),
    ],
)
def test_an_officials_role_names_the_organisation_once(title, organization, shown):
    from bot.render.quotes import official_role

    assert official_role(title, organization) == shown


def test_a_huge_extraction_keeps_every_limit():
    from test_render import huge

    saved = SaveResult(10**12, True, question_ids=[10**15 + i for i in range(60)])
    assert limit_errors(render.digest_message(huge(), saved)["blocks"]) == []
    for which in render.LISTS:
        assert limit_errors(render.detail_blocks(huge(), which, saved), most=100) == []
