"""The question state line, the list modals, the answer form and the Home tab stay within Slack's limits
(tests/slack_limits) however long or numerous the stored material is, and say what they left out."""

from __future__ import annotations

import json

import pytest
from slack_limits import payload_errors, view_errors

from bot.models import AnonymousSource, Extraction, Official, Quote
from bot.render import home, question_state, views
from bot.store.questions import HomeData, QuestionState

LONG = "The council & the mayor <disagree> about the pool " * 120  # about 6,000 characters


def extraction(n: int, text: str = "Short words") -> Extraction:
    return Extraction(
        text="x",
        title="Pool closes",
        quotes=[
            Quote(text=f"{text} {i}", start=0, end=1, speaker=f"Ann Lee {i}", speaker_kind="person")
            for i in range(n)
        ],
        officials=[Official(name=f"Ann Lee {i}", title="Mayor", organization="Council") for i in range(n)],
        anonymous_sources=[
            AnonymousSource(description=f"an aide {i}", reason=None, evidence=f"{text} {i}") for i in range(n)
        ],
    )


@pytest.mark.parametrize("kind", ["quotes", "questions", "sources", "officials"])
@pytest.mark.parametrize("n", [0, 3, 150])
def test_list_modals_keep_slacks_limits_and_say_how_many_more(kind, n):
    rows = [{"id": i, "question": f"Who pays {i}?", "evidence": f"pays {i}"} for i in range(n)]
    view = views.list_modal(kind, extraction(n), question_rows=rows, states={})
    assert view_errors(view) == []
    text = json.dumps(view["blocks"], ensure_ascii=False)
    heading = 0 if kind == "questions" else 1  # the other lists are the terminal digest's, under a heading
    if n > 99:
        assert len(view["blocks"]) <= 100 and "more" in view["blocks"][-1]["elements"][0]["text"]
    elif n == 0:
        assert "No " in text or ": none" in text or "(none" in text
    else:
        assert len(view["blocks"]) == n + 1 + heading


def test_list_modal_items_are_cut_then_escaped_within_3000_characters():
    view = views.list_modal("sources", extraction(2, LONG))
    assert view_errors(view) == []
    body = view["blocks"][2]["text"]["text"]
    assert "&lt;disagree&gt;" in body and "<disagree>" not in body
    assert not body.rstrip("…").endswith(("&", "&a", "&am", "&amp", "&l", "&lt", "&g", "&gt"))
    assert "Cited in:" in body and "no reason for anonymity given" in body


def test_a_source_shows_its_claim_and_stated_reason():
    ex = extraction(0)
    ex.anonymous_sources = [
        AnonymousSource(description="two officials", reason="not authorised to speak", evidence="Costs rose.")
    ]
    body = views.list_modal("sources", ex)["blocks"][2]["text"]["text"]
    assert "two officials" in body and "Costs rose." in body and "not authorised to speak" in body


def test_the_answer_form_is_a_valid_modal_that_carries_its_question():
    row = {"question": LONG, "article_title": "A" * 400, "permalink": "https://x.slack.com/archives/C1/p1"}
    view = views.answer_modal(row, '{"question_id":1}')
    assert view_errors(view) == [] and view["private_metadata"] == '{"question_id":1}'
    state = {"values": {"answer": {"answer": {"value": "Yes"}}, "source": {"source": {"value": None}}}}
    assert views.answer_values({"state": state}) == {"answer": "Yes", "source": ""}


def test_the_state_line_says_who_did_what_and_when_in_the_readers_time():
    state = QuestionState(7, "T1", "C1", "answered", "U123", 1_700_000_000.0, "It was <b> & yes", "Clerk")
    line = question_state.state_line(state)
    assert line.startswith(":white_check_mark: Answered by <@U123>")
    assert "<!date^1700000000^{date_short_pretty} at {time}|2023-11-14 22:13 UTC>" in line
    assert "It was &lt;b&gt; &amp; yes" in line and "Clerk" in line
    assert question_state.state_line(QuestionState(7, "T1", "C1")) == ""


def _message(n: int) -> list[dict]:
    return [
        {
            "type": "section",
            "block_id": f"q:{i}",
            "text": {"type": "mrkdwn", "text": f"Q{i}"},
            "accessory": question_state.question_menu(i),
        }
        for i in range(n)
    ]


def test_apply_places_the_line_under_its_question_and_undo_removes_it():
    taken = QuestionState(1, "T1", "C1", "taken", "U1", 1_700_000_000.0)
    blocks = question_state.apply(_message(3), taken)
    assert [b["block_id"] for b in blocks] == ["q:0", "q:1", "qs:1", "q:2"]
    assert blocks[2]["accessory"]["action_id"] == "legwork_undo:1" and payload_errors(blocks) == []
    again = question_state.apply(blocks, QuestionState(1, "T1", "C1", "answered", "U2", 1_700_000_100.0))
    assert [b["block_id"] for b in again].count("qs:1") == 1 and "Answered by <@U2>" in json.dumps(
        again, ensure_ascii=False
    )
    assert [b["block_id"] for b in question_state.apply(again, QuestionState(1, "T1", "C1"))] == [
        "q:0",
        "q:1",
        "q:2",
    ]


def test_apply_on_a_full_message_folds_the_line_into_the_question():
    full = _message(50)
    blocks = question_state.apply(full, QuestionState(3, "T1", "C1", "not_needed", "U1", 1_700_000_000.0))
    assert len(blocks) == 50 and payload_errors(blocks) == []
    assert "Not needed, said <@U1>" in blocks[3]["text"]["text"]
    reopened = question_state.apply(blocks, QuestionState(3, "T1", "C1"))
    assert reopened[3]["text"]["text"] == "Q3", "Undo takes the folded line out again"


def test_an_old_mark_answered_button_becomes_the_menu():
    old = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "*1.* Who pays?"},
            "accessory": {"type": "button", "action_id": "legwork_mark_answered", "value": "9", "text": {}},
        }
    ]
    blocks = question_state.apply(old, QuestionState(9, "T1", "C1", "answered", "U1", 1_700_000_000.0))
    assert blocks[0]["block_id"] == "q:9" and blocks[0]["accessory"]["action_id"] == "legwork_question:9"
    assert blocks[1]["block_id"] == "qs:9"


def _row(i: int, **extra) -> dict:
    return {
        "id": i,
        "question": LONG,
        "article_title": "Pool",
        "permalink": f"https://x.slack.com/archives/C1/p{i}",
        "channel": "C1",
        "seen_at": 1_700_000_000.0,
        "open_questions": 2,
        **extra,
    }


@pytest.mark.parametrize("n", [0, 5, 200])
def test_the_home_tab_keeps_100_blocks_and_links_every_row(n):
    data = HomeData(
        open=[_row(i, state="taken", state_user="U1", state_at=1.7e9) for i in range(n)],
        answered=[_row(i, state="answered", state_user="U2", state_at=1.7e9, answer=LONG) for i in range(n)],
        digests=[_row(i) for i in range(n)],
    )
    view = home.home_view(data)
    assert view_errors(view) == []
    rows = [b for b in view["blocks"] if "/archives/C1/p" in json.dumps(b, ensure_ascii=False)]
    assert len(rows) == min(n, home.row_budget()) * 3
    if n == 200:
        assert "more" in json.dumps(view["blocks"][-1], ensure_ascii=False)


def test_the_open_list_keeps_50_blocks():
    rows = [_row(i, state="taken", state_user="U1", state_at=1.7e9) for i in range(60)]
    message = question_state.open_list_message(rows)
    assert payload_errors(message["blocks"]) == []
    assert "more not shown" in json.dumps(message["blocks"][-1], ensure_ascii=False)
