"""End to end over real HTTP: questions you can work (overflow menu, Undo, the answer modal), the digest's
"more" modals and the Home tab. ``python -m bot serve`` runs in a subprocess on a real SQLite file, Slack is
the local stand-in, and every payload the bot sends is checked against Slack's limits (tests/slack_limits).

The digest is produced by the real pipeline; the message the buttons sit in is built here from the render
layer's contract (a section ``q:<id>`` with the overflow ``legwork_question:<id>``, an actions block
``legwork_more``), so these tests do not depend on how the first message is laid out.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid

import pytest
from e2e_fixtures import (
    JOB_TIMEOUT,
    SECRET,
    BotProcess,
    bot_env,
    new_channel,
    serving,
    show_bot_output_on_failure,
    skip_unless_app,
    wait_done,
)
from slack_driver import ACK_BUDGET, REPORTER, SlackDriver
from slack_limits import payload_errors, view_errors
from slack_standin import SlackStandin

pytestmark = pytest.mark.slow

OTHER = "U0COLLEAGUE"

# Written for these tests: a quote, two officials, two unnamed sources and three open questions.
ARTICLE = "\n\n".join(
    [
        "Harbour bridge repairs to close main road for months",
        (
            "Transport Minister Elena Brandt said on Monday that the harbour bridge would close to cars "
            "from March while engineers replace its deck."
        ),
        '"We cannot keep patching a bridge that is sixty years old," Brandt told reporters in Portsmouth.',
        (
            "Two officials familiar with the plan, who asked not to be named because the contract has not "
            "been signed, said the work could cost more than 400 million pounds."
        ),
        (
            "The city council is expected to decide next week whether to run extra ferries during the "
            "closure. Thousands of commuters cross the bridge every day, according to local business groups."
        ),
        (
            "Council leader Tom Okafor declined to comment on the ferry plan. A spokesperson for the "
            "contractor said the timetable was still being discussed."
        ),
    ]
)


@pytest.fixture(scope="module")
def slack():
    with SlackStandin() as s:
        yield s


@pytest.fixture(scope="module")
def bot(slack, tmp_path_factory):
    skip_unless_app()
    folder = tmp_path_factory.mktemp("e2e-questions")
    with serving(BotProcess(bot_env(slack, folder / "legwork.db"), folder / "bot.log")) as proc:
        proc.db_path = folder / "legwork.db"
        yield proc


@pytest.fixture(scope="module")
def driver(bot, slack):
    return SlackDriver(bot.url, SECRET, standin=slack)


@pytest.fixture(scope="module", autouse=True)
def _every_payload_within_slacks_limits(slack):
    """After the module: every message update, list and view the bot sent kept Slack's limits."""
    yield
    checked = 0
    for call in slack.calls():
        if call.method in {"views.open", "views.publish", "views.update"}:
            assert view_errors(call.get("view")) == [], (call.method, view_errors(call.get("view")))
        elif call.method in {"chat.update", "response_url"} and call.get("blocks"):
            assert payload_errors(call.get("blocks")) == [], (call.method, payload_errors(call.get("blocks")))
        else:
            continue
        checked += 1
    assert checked or not slack.calls("chat.postMessage"), "nothing was checked"


@pytest.fixture(autouse=True)
def _bot_output(request):
    if "bot" in request.fixturenames:
        yield from show_bot_output_on_failure(request.getfixturevalue("bot"))
    else:
        yield


# -- helpers ------------------------------------------------------------------------------------------


def article(name: str) -> str:
    """The article with another minister: new text, so its questions are new rows."""
    return ARTICLE.replace("Brandt", name)


def read_db(bot, sql: str, params: list) -> list[tuple]:
    con = sqlite3.connect(bot.db_path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def digested(
    driver, slack, bot, channel: str, name: str, *, user: str = REPORTER
) -> tuple[str, int, list[int]]:
    """Digest an article in ``channel`` through the real path: (thread ts, article id, question ids)."""
    payload, d = driver.mention(channel, article(name), user=user)
    assert d.status == 200
    ts = payload["event"]["ts"]
    wait_done(slack, channel, ts)
    rows = read_db(
        bot,
        "SELECT s.article_id, q.id FROM sightings s JOIN questions q ON q.article_id = s.article_id WHERE "
        "s.channel = ? ORDER BY q.position",
        [channel],
    )
    if len(rows) < 2:
        pytest.skip("this digest raised fewer than two questions")
    return ts, rows[0][0], [r[1] for r in rows]


def menu(qid: int) -> dict:
    """The overflow menu of the render layer's contract."""
    options = [("Answered", "answered"), ("Not needed", "not_needed"), ("I'll take it", "take")]
    return {
        "type": "overflow",
        "action_id": f"legwork_question:{qid}",
        "options": [{"text": {"type": "plain_text", "text": t}, "value": f"{v}:{qid}"} for t, v in options],
    }


def contract_message(slack, channel: str, thread_ts: str, article_id: int, qids: list[int]) -> dict:
    """A digest message as the render layer draws it, posted by the bot in the thread."""
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Digest*"}}]
    blocks += [
        {
            "type": "section",
            "block_id": f"q:{qid}",
            "text": {"type": "mrkdwn", "text": f"Question {qid}"},
            "accessory": menu(qid),
        }
        for qid in qids[:3]
    ]
    blocks.append(
        {
            "type": "actions",
            "block_id": "legwork_more",
            "elements": [
                {
                    "type": "button",
                    "action_id": f"legwork_open_{kind}",
                    "value": str(article_id),
                    "text": {"type": "plain_text", "text": kind.title()},
                }
                for kind in ("quotes", "questions", "sources", "officials")
            ],
        }
    )
    assert payload_errors(blocks) == []
    return slack.add_message(
        channel, "digest", user=slack.bot_user, bot_id=slack.bot_id, thread_ts=thread_ts, blocks=blocks
    )


def as_clicked(message: dict) -> dict:
    return {k: message[k] for k in ("type", "ts", "thread_ts", "text", "blocks", "bot_id") if k in message}


def choose(driver, channel: str, message: dict, qid: int, verb: str, *, user: str = REPORTER):
    """Pick ``verb`` in a question's overflow menu; returns the payload and the delivery."""
    payload = driver.block_actions_payload(
        action_id=f"legwork_question:{qid}", channel=channel, message=as_clicked(message), user_id=user
    )
    payload["actions"] = [
        {
            "type": "overflow",
            "action_id": f"legwork_question:{qid}",
            "block_id": f"q:{qid}",
            "selected_option": {"text": {"type": "plain_text", "text": verb}, "value": f"{verb}:{qid}"},
            "action_ts": f"{time.time():.6f}",
        }
    ]
    return payload, driver.interactive(payload)


def click(driver, channel: str, message: dict, action_id: str, value: str, *, user: str = REPORTER):
    payload = driver.block_actions_payload(
        action_id=action_id, value=value, channel=channel, message=as_clicked(message), user_id=user
    )
    return payload, driver.interactive(payload)


def next_update(slack, channel: str, ts: str, since: int) -> dict:
    """The next chat.update of the message, checked against Slack's limits; returns its blocks by block id."""
    (update,) = slack.wait_for_calls("chat.update", channel=channel, ts=ts, since=since, timeout=JOB_TIMEOUT)
    assert update.ok, update.answer
    blocks = update.get("blocks") or []
    assert payload_errors(blocks) == [], payload_errors(blocks)
    return {b.get("block_id"): b for b in blocks}


def submit_answer(driver, view: dict, answer: str, source: str, *, user: str = REPORTER):
    payload = {
        "type": "view_submission",
        "team": {"id": driver.team_id, "domain": "legwork-test"},
        "user": {"id": user, "username": user.lower(), "team_id": driver.team_id},
        "api_app_id": driver.api_app_id,
        "token": "legacy-verification-token",
        "trigger_id": f"1.{int(time.time())}.{uuid.uuid4().hex[:16]}",
        "view": {
            **view,
            "state": {
                "values": {
                    "answer": {"answer": {"type": "plain_text_input", "value": answer}},
                    "source": {"source": {"type": "plain_text_input", "value": source}},
                }
            },
        },
        "response_urls": [],
    }
    return driver.interactive(payload)


def state_of(bot, qid: int, channel: str) -> tuple | None:
    rows = read_db(
        bot,
        "SELECT state, user, answer, answer_source FROM question_states WHERE question_id = ? AND "
        "channel = ?",
        [qid, channel],
    )
    return rows[0] if rows else None


# -- the overflow menu, Undo and the answer modal -------------------------------------------------------


def test_overflow_take_not_needed_and_undo_update_the_message(driver, slack, bot):
    channel = new_channel()
    ts, article_id, qids = digested(driver, slack, bot, channel, "Haider")
    msg = contract_message(slack, channel, ts, article_id, qids)

    mark = slack.mark()
    _, d = choose(driver, channel, msg, qids[0], "take")
    assert d.status == 200 and d.latency < ACK_BUDGET
    shown = next_update(slack, channel, msg["ts"], mark)
    line = shown[f"qs:{qids[0]}"]
    assert f"<@{REPORTER}> is on it" in line["text"]["text"] and "<!date^" in line["text"]["text"]
    assert line["accessory"]["action_id"] == f"legwork_undo:{qids[0]}"
    assert list(shown).index(f"qs:{qids[0]}") == list(shown).index(f"q:{qids[0]}") + 1  # under its question
    assert state_of(bot, qids[0], channel)[:2] == ("taken", REPORTER)

    mark = slack.mark()
    choose(driver, channel, slack._find(channel, msg["ts"]), qids[1], "not_needed", user=OTHER)
    shown = next_update(slack, channel, msg["ts"], mark)
    assert f"Not needed, said <@{OTHER}>" in shown[f"qs:{qids[1]}"]["text"]["text"]
    assert f"qs:{qids[0]}" in shown, "the first question's line stays"

    mark = slack.mark()
    click(driver, channel, slack._find(channel, msg["ts"]), f"legwork_undo:{qids[0]}", str(qids[0]))
    shown = next_update(slack, channel, msg["ts"], mark)
    assert f"qs:{qids[0]}" not in shown and f"q:{qids[0]}" in shown, "back to open: no line, menu kept"
    assert state_of(bot, qids[0], channel) is None
    assert state_of(bot, qids[1], channel)[0] == "not_needed"


def test_answered_opens_a_modal_and_its_answer_is_kept_in_this_channel_only(driver, slack, bot):
    channel, elsewhere = new_channel(), new_channel()
    ts, article_id, qids = digested(driver, slack, bot, channel, "Qamar")
    payload, d = driver.mention(elsewhere, article("Qamar"))  # the same article in a second channel
    wait_done(slack, elsewhere, payload["event"]["ts"])
    msg = contract_message(slack, channel, ts, article_id, qids)

    mark = slack.mark()
    clicked, d = choose(driver, channel, msg, qids[0], "answered")
    assert d.status == 200 and d.latency < ACK_BUDGET
    (opened,) = slack.wait_for_calls("views.open", since=mark, timeout=JOB_TIMEOUT)
    assert opened.ok and opened.get("trigger_id") == clicked["trigger_id"]
    view = opened.get("view")
    assert view_errors(view) == [] and view["callback_id"] == "legwork_answer"
    shown = next_update(slack, channel, msg["ts"], mark)
    assert f"Answered by <@{REPORTER}>" in shown[f"qs:{qids[0]}"]["text"]["text"]

    empty = submit_answer(driver, view, "   ", "")
    assert empty.status == 200 and (empty.json or {}).get("response_action") == "errors"

    mark = slack.mark()
    done = submit_answer(
        driver, view, "The treasury confirmed the figure on Monday.", "Treasury spokesperson"
    )
    assert done.status == 200 and done.latency < ACK_BUDGET and not (done.json or {}).get("errors")
    shown = next_update(slack, channel, msg["ts"], mark)
    text = shown[f"qs:{qids[0]}"]["text"]["text"]
    assert "The treasury confirmed the figure on Monday." in text and "Treasury spokesperson" in text
    assert state_of(bot, qids[0], channel) == (
        "answered",
        REPORTER,
        "The treasury confirmed the figure on Monday.",
        "Treasury spokesperson",
    )
    assert state_of(bot, qids[0], elsewhere) is None, "answered in one channel is answered only there"

    _, listed = driver.command("/legwork", "open", channel_id=elsewhere)
    assert listed.status == 200
    blocks = (listed.json or {}).get("blocks") or []
    assert payload_errors(blocks) == []
    assert f"q:{qids[0]}" in {b.get("block_id") for b in blocks}
    assert f"qs:{qids[0]}" not in {b.get("block_id") for b in blocks}


def test_open_list_and_recall_show_who_took_what_and_the_answers(driver, slack, bot):
    channel = new_channel()
    ts, article_id, qids = digested(driver, slack, bot, channel, "Siddiqui")
    msg = contract_message(slack, channel, ts, article_id, qids)
    mark = slack.mark()
    choose(driver, channel, msg, qids[1], "take")
    next_update(slack, channel, msg["ts"], mark)

    _, listed = driver.command("/legwork", "open", channel_id=channel)
    blocks = {b.get("block_id"): b for b in (listed.json or {}).get("blocks") or []}
    assert payload_errors(list(blocks.values())) == []
    assert f"<@{REPORTER}> is on it" in blocks[f"qs:{qids[1]}"]["text"]["text"]
    assert blocks[f"q:{qids[0]}"]["accessory"]["action_id"] == f"legwork_question:{qids[0]}"

    fields, d = driver.command("/recall", "is:mine", channel_id=channel)
    assert d.status == 200
    rid = fields["response_url"].rsplit("/", 1)[-1]
    (answer,) = slack.wait_for_calls(
        "response_url", timeout=JOB_TIMEOUT, where=lambda c: c.response_id == rid
    )
    assert f"taken by <@{REPORTER}>" in answer.all_text


def test_a_forged_or_foreign_question_changes_nothing(driver, slack, bot):
    channel, other = new_channel(), new_channel()
    ts, article_id, qids = digested(driver, slack, bot, channel, "Forged")
    msg = contract_message(slack, other, ts, article_id, qids)  # clicked in a channel that never saw it
    mark = slack.mark()
    payload, d = choose(driver, other, msg, qids[0], "take")
    assert d.status == 200
    rid = payload["response_url"].rsplit("/", 1)[-1]
    (resp,) = slack.wait_for_calls("response_url", timeout=JOB_TIMEOUT, where=lambda c: c.response_id == rid)
    assert resp.all_text.startswith(":warning:")
    assert slack.calls("chat.update", channel=other, since=mark) == []
    assert state_of(bot, qids[0], other) is None and state_of(bot, qids[0], channel) is None


# -- the "more" modals -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["quotes", "questions", "sources", "officials"])
def test_more_buttons_open_the_full_list_in_a_modal(driver, slack, bot, kind):
    channel = new_channel()
    ts, article_id, qids = digested(driver, slack, bot, channel, f"More{kind.title()}")
    msg = contract_message(slack, channel, ts, article_id, qids)
    mark = slack.mark()
    clicked, d = click(driver, channel, msg, f"legwork_open_{kind}", str(article_id))
    assert d.status == 200 and d.latency < ACK_BUDGET
    (opened,) = slack.wait_for_calls("views.open", since=mark, timeout=JOB_TIMEOUT)
    assert opened.ok, opened.answer
    view = opened.get("view")
    assert view_errors(view) == [] and opened.get("trigger_id") == clicked["trigger_id"]
    text = json.dumps(view["blocks"], ensure_ascii=False)
    table = {
        "quotes": "quotes",
        "questions": "questions",
        "sources": "anonymous_sources",
        "officials": "officials",
    }
    stored = read_db(bot, f"SELECT count(*) FROM {table[kind]} WHERE article_id = ?", [article_id])[0][0]
    # a context line first; the other lists are the terminal digest's, under a heading of their own
    items = len(view["blocks"]) - (1 if kind == "questions" else 2)
    assert items == max(stored, 1 if kind == "questions" else 0), (kind, stored, items)
    if kind == "questions":
        evidence = read_db(bot, "SELECT evidence FROM questions WHERE id = ?", [qids[0]])[0][0]
        assert "from:" in text and evidence.split()[0] in text
    if kind == "officials":
        assert "Elena MoreOfficials" in text and "Tom Okafor" in text


def test_more_button_for_an_article_from_another_channel_opens_nothing(driver, slack, bot):
    channel, other = new_channel(), new_channel("G")
    ts, article_id, qids = digested(driver, slack, bot, other, "Private")
    msg = contract_message(slack, channel, ts, article_id, qids)
    mark = slack.mark()
    payload, _ = click(driver, channel, msg, "legwork_open_quotes", str(article_id))
    rid = payload["response_url"].rsplit("/", 1)[-1]
    (resp,) = slack.wait_for_calls("response_url", timeout=JOB_TIMEOUT, where=lambda c: c.response_id == rid)
    assert resp.all_text.startswith(":warning:")
    assert slack.calls("views.open", since=mark) == []


# -- the Home tab ------------------------------------------------------------------------------------


def test_home_tab_shows_my_channels_questions_mine_first_and_hides_private_channels_i_am_not_in(
    driver, slack, bot
):
    public, mine_private, not_mine = new_channel(), new_channel("G"), new_channel("G")
    user = "U" + uuid.uuid4().hex[:8].upper()
    slack.add_member(public, user, OTHER)
    slack.add_member(mine_private, user)
    slack.add_member(not_mine, OTHER)
    ts1, a1, q1 = digested(driver, slack, bot, public, "Homeone", user=OTHER)
    ts2, a2, q2 = digested(driver, slack, bot, mine_private, "Hometwo", user=user)
    ts3, a3, q3 = digested(driver, slack, bot, not_mine, "Hidden", user=OTHER)
    msg = contract_message(slack, public, ts1, a1, q1)
    mark = slack.mark()
    choose(driver, public, msg, q1[1], "take", user=user)
    choose(driver, public, msg, q1[0], "answered", user=OTHER)
    slack.wait_for(lambda: len(slack.calls("chat.update", channel=public, since=mark)) >= 2, JOB_TIMEOUT)
    last = {b.get("block_id"): b for b in slack._find(public, msg["ts"])["blocks"]}
    assert f"qs:{q1[0]}" in last and f"qs:{q1[1]}" in last, "two clicks at once: both lines shown"

    mark = slack.mark()
    event = {
        "type": "app_home_opened",
        "user": user,
        "channel": "D" + user[1:],
        "tab": "home",
        "event_ts": f"{time.time():.6f}",
    }
    d = driver.send_event(driver.event_callback(event))
    assert d.status == 200
    (published,) = slack.wait_for_calls("views.publish", since=mark, timeout=JOB_TIMEOUT)
    assert published.ok, published.answer
    view = published.get("view")
    assert published.get("user_id") == user and view_errors(view) == []
    text = json.dumps(view["blocks"], ensure_ascii=False)
    assert "Hidden" not in text and not_mine not in text, "a private channel I am not in stays hidden"
    assert mine_private in text and public in text
    assert f"/archives/{public}/p" in text and f"/archives/{mine_private}/p" in text  # rows link to threads
    first_question = next(b for b in view["blocks"] if "is on it" in json.dumps(b))
    assert f"<@{user}> is on it" in first_question["text"]["text"]
    sections = [b for b in view["blocks"] if b["type"] == "section"]
    assert sections.index(first_question) == 1, "the question I took comes first"
    assert f"Answered by <@{OTHER}>" in text
    mine = text.split("Your last digests")[1]
    assert f"/archives/{mine_private}/p" in mine and public not in mine, "only the digests I asked for"
