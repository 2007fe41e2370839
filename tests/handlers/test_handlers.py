"""Listeners called directly with doubles: the shortcut, the old Mark answered button, the mention's
sub-commands."""

from __future__ import annotations

from unittest.mock import Mock

import pytest
from slack_bolt import Ack
from slack_fakes import FakeClient, FakeRespond

from bot import render
from bot.jobs.runner import JobRunner
from bot.models import Extraction, Question
from bot.render.messages import ALREADY
from handlers.actions.questions import handle_mark_answered
from handlers.context import Services
from handlers.events.app_mention import handle_app_mention
from handlers.jobs import WORK, run
from handlers.shortcuts.digest import handle_digest_shortcut


class Queue(JobRunner):
    def __init__(self) -> None:
        super().__init__(1, 1)
        self.jobs: list[tuple] = []

    def try_submit(self, fn, *args, **kwargs) -> bool:
        self.jobs.append((fn, args))
        return True


@pytest.fixture
def services(settings, store):
    s = Services(settings=settings, store=store, nlp=None, jobs=Queue())
    yield s
    s.jobs.shutdown()


def shortcut(ts: str = "100.1") -> dict:
    return {
        "type": "message_action",
        "callback_id": "legwork_digest",
        "team": {"id": "T1"},
        "channel": {"id": "C1"},
        "user": {"id": "U1"},
        "message_ts": ts,
        "message": {"ts": ts, "thread_ts": "99.0", "text": "<https://news.example.com/a|story>"},
    }


def test_handlers_shortcut_replies_in_the_messages_thread_and_only_once(services):
    respond = FakeRespond()
    for _ in range(2):
        handle_digest_shortcut(Mock(Ack), shortcut(), {"legwork": services}, FakeClient(), respond)
    ((_fn, (_s, _c, req)),) = services.jobs.jobs
    assert req.thread_ts == "99.0" and req.links == ["https://news.example.com/a"]
    assert respond.calls == [{"text": ALREADY, "response_type": "ephemeral"}]


@pytest.mark.parametrize(
    ("text", "job"), [("help", "run_text"), ("recall Jane Roe", "run_text"), ("", "run_text")]
)
def test_handlers_mention_sub_commands_answer_in_the_thread(services, text, job):
    event = {"type": "app_mention", "text": f"<@U0BOT> {text}", "ts": "5.1", "channel": "C1", "user": "U1"}
    handle_app_mention(event, {"team_id": "T1", "event_id": "Ev9"}, {"legwork": services}, FakeClient(), None)
    ((fn, (_s, _c, req)),) = services.jobs.jobs
    assert fn is run and WORK[req.kind].run.__name__ == job and req.thread_ts == "5.1"


def test_handlers_bare_mention_in_a_thread_digests_the_parent(services):
    event = {"type": "app_mention", "text": "<@U0BOT>", "ts": "5.2", "thread_ts": "5.0", "channel": "C1"}
    handle_app_mention(event, {"team_id": "T1", "event_id": "Ev8"}, {"legwork": services}, FakeClient(), None)
    ((fn, (_s, _c, req)),) = services.jobs.jobs
    assert fn is run and WORK[req.kind].run.__name__ == "run_digest"
    assert req.parent_ts == "5.0" and req.react_ts == "5.2"


def test_handlers_old_mark_answered_button_answers_in_this_channel_and_shows_undo(store):
    from bot.models import Sighting
    from bot.store import questions

    ex = Extraction(
        "The decision is pending.", questions=[Question("Who decides?", "pending decision", "pending", 0, 7)]
    )
    saved = store.save_digest(ex, Sighting(team="T1", channel="C1", message_ts="300.0"))
    blocks = render.digest_message(ex, saved)["blocks"]
    qid = saved.question_ids[0]
    client = FakeClient()
    body = {
        "user": {"id": "U7"},
        "team": {"id": "T1"},
        "channel": {"id": "C1"},
        "container": {},
        "trigger_id": "1.2.3",
        "message": {"ts": "300.1", "text": "digest", "blocks": blocks},
    }
    services = Services(settings=None, store=store, nlp=None, jobs=Queue())  # type: ignore[arg-type]
    handle_mark_answered(
        Mock(spec=Ack), body, {"value": str(qid)}, {"legwork": services}, client, FakeRespond()
    )
    ((fn, args),) = services.jobs.jobs
    fn(*args)
    (update,) = client.made("chat.update")
    assert update["ts"] == "300.1"
    shown = {b.get("block_id"): b for b in update["blocks"]}
    assert shown[f"qs:{qid}"]["accessory"]["action_id"] == f"legwork_undo:{qid}"
    assert shown[f"q:{qid}"]["accessory"]["action_id"] == f"legwork_question:{qid}"
    assert questions.state_of(store, qid, "T1", "C1").state == "answered"
    assert [q["id"] for q in questions.channel_questions(store, "T1", "C1")] == []
    services.jobs.shutdown()


def stored(store, channel: str, private: bool) -> None:
    from bot.models import Quote, Sighting

    ex = Extraction(
        'Jane Roe said: "We will not rush this decision."',
        quotes=[Quote("We will not rush this decision.", 15, 46, speaker="Jane Roe", speaker_kind="person")],
        title="Budget row",
    )
    store.save_digest(ex, Sighting(team="T1", channel=channel, channel_private=private, message_ts="1.1"))


@pytest.mark.parametrize(("where", "private", "found"), [("C1", False, True), ("G1", True, False)])
def test_handlers_recall_sees_its_channel_and_public_ones_only(services, where, private, found):
    from handlers.recall_reply import recall_text

    stored(services.store, where, private)
    answer = recall_text(services, FakeClient(private=False), "T1", "C2", "Jane Roe")
    assert ("not rush this decision" in answer) is found


def test_handlers_channel_privacy_is_looked_up_once(services):
    client = FakeClient()
    services.is_private(client, "C5", "T1")
    services.is_private(client, "C5", "T1")
    assert len(client.made("conversations.info")) == 1


@pytest.mark.parametrize(
    ("extra", "queued"),
    [
        ({"channel_type": "im"}, True),
        ({"channel_type": "channel"}, False),
        ({"channel_type": "im", "subtype": "message_changed"}, False),
        ({"channel_type": "im", "bot_id": "B1"}, False),
    ],
)
def test_handlers_direct_messages_are_digested_and_nothing_else(services, extra, queued):
    from handlers.events.direct_message import handle_direct_message

    event = {
        "type": "message",
        "text": "Budget delayed, minister says",
        "ts": "7.1",
        "channel": "D1",
        **extra,
    }
    handle_direct_message(
        event, {"team_id": "T1", "event_id": "Ev7"}, {"legwork": services}, FakeClient(), None
    )
    assert bool(services.jobs.jobs) is queued
