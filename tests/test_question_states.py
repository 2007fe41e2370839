"""Question states per channel (bot.store.questions): open / answered / not needed / taken, Undo, the answer
and its source, the lists behind /legwork open and the Home tab, and the old answered flag carried over."""

from __future__ import annotations

import pytest

from bot.errors import InputError
from bot.models import Extraction, Question, Sighting
from bot.store import questions as qs
from bot.store.storage import Store


def digest(text: str, n: int = 2) -> Extraction:
    """A hand-written digest of ``text`` with ``n`` questions."""
    return Extraction(
        text=text,
        title=f"Story: {text[:20]}",
        url=None,
        questions=[
            Question(
                question=f"Who decided {i}?", category="pending decision", evidence="decided", start=0, end=7
            )
            for i in range(n)
        ],
    )


def seen(channel: str, ts: str, *, user: str = "U1", at: float = 100.0, private: bool = False) -> Sighting:
    return Sighting(
        team="T1",
        channel=channel,
        channel_private=private,
        message_ts=ts,
        thread_ts=ts,
        user=user,
        permalink=f"https://x.slack.com/archives/{channel}/p{ts.replace('.', '')}",
        seen_at=at,
    )


@pytest.fixture
def two_channels(store):
    """One article digested in C1 and in C2: the same question ids in both."""
    first = store.save_digest(digest("The council decided to close the pool."), seen("C1", "1.0"))
    store.save_digest(digest("The council decided to close the pool."), seen("C2", "2.0", at=200.0))
    return first.question_ids


def test_a_question_answered_in_one_channel_is_answered_only_there(store, two_channels):
    qid = two_channels[0]
    done = qs.set_state(store, qid, team="T1", channel="C1", state="answered", user="U7")
    assert (done.state, done.user, done.is_open) == ("answered", "U7", False) and done.at
    assert qs.state_of(store, qid, "T1", "C1").state == "answered"
    assert qs.state_of(store, qid, "T1", "C2").state == "open"
    assert [r["id"] for r in qs.channel_questions(store, "T1", "C1")] == two_channels[1:]
    assert [r["id"] for r in qs.channel_questions(store, "T1", "C2")] == two_channels


def test_undo_steps_back_through_every_change(store, two_channels):
    qid = two_channels[0]
    qs.set_state(store, qid, team="T1", channel="C1", state="taken", user="U1")
    qs.set_state(store, qid, team="T1", channel="C1", state="answered", user="U2")
    back = qs.undo(store, qid, team="T1", channel="C1")
    assert (back.state, back.user) == ("taken", "U1")
    assert qs.state_of(store, qid, "T1", "C1").state == "taken"
    assert qs.undo(store, qid, team="T1", channel="C1").state == "open"
    assert qs.state_of(store, qid, "T1", "C1") == qs.QuestionState(qid, "T1", "C1")
    assert qs.undo(store, qid, team="T1", channel="C1").state == "open"  # nothing left: still open


def test_the_answer_and_its_source_amend_the_answered_change(store, two_channels):
    qid = two_channels[1]
    qs.set_state(store, qid, team="T1", channel="C1", state="taken", user="U1")
    qs.set_state(store, qid, team="T1", channel="C1", state="answered", user="U1")
    kept = qs.record_answer(
        store, qid, team="T1", channel="C1", user="U1", answer="  The mayor,  on Monday ", source="Town hall"
    )
    assert (kept.answer, kept.answer_source) == ("The mayor, on Monday", "Town hall")
    assert qs.state_of(store, qid, "T1", "C1").answer == "The mayor, on Monday"
    assert qs.undo(store, qid, team="T1", channel="C1").state == "taken"  # one step back: before Answered


def test_recording_an_answer_on_an_open_question_answers_it(store, two_channels):
    qid = two_channels[0]
    kept = qs.record_answer(store, qid, team="T1", channel="C2", user="U3", answer="Yes", source="")
    assert (kept.state, kept.user, kept.answer, kept.answer_source) == ("answered", "U3", "Yes", None)


@pytest.mark.parametrize("state", ["closed", "", "ANSWERED"])
def test_an_unknown_state_is_a_clear_error(store, two_channels, state):
    with pytest.raises(InputError):
        qs.set_state(store, two_channels[0], team="T1", channel="C1", state=state, user="U1")


@pytest.mark.parametrize("channel, qid_offset", [("C9", 0), ("C1", 10_000)])
def test_a_question_never_digested_in_the_channel_cannot_be_marked(store, two_channels, channel, qid_offset):
    with pytest.raises(InputError, match="not digested in this channel"):
        qs.set_state(
            store, two_channels[0] + qid_offset, team="T1", channel=channel, state="taken", user="U1"
        )
    assert qs.question_in_channel(store, two_channels[0] + qid_offset, "T1", channel) is None


def test_home_lists_my_taken_questions_first_then_answered_and_my_digests(store):
    old = store.save_digest(digest("The board decided to sell the field.", 1), seen("C1", "1.0", at=100.0))
    new = store.save_digest(digest("The club decided to move.", 2), seen("C2", "2.0", user="U2", at=300.0))
    store.save_digest(digest("Secret plans were decided.", 1), seen("G1", "3.0", at=400.0, private=True))
    qs.set_state(store, old.question_ids[0], team="T1", channel="C1", state="taken", user="U1")
    qs.set_state(store, new.question_ids[0], team="T1", channel="C2", state="answered", user="U2")
    home = qs.home(store, "T1", "U1", ["C1", "C2"])
    assert [r["id"] for r in home.open] == [old.question_ids[0], new.question_ids[1]]
    assert home.open[0]["state"] == "taken" and home.open[0]["permalink"].endswith("/C1/p10")
    assert [r["id"] for r in home.answered] == [new.question_ids[0]]
    assert [d["article_id"] for d in home.digests] == [old.article_id]  # U1 asked only for this one here
    assert qs.home(store, "T1", "U1", []).open == []  # no channels: nothing, not everything


@pytest.mark.parametrize("status, expected", [("answered", [0]), ("open", [1]), ("mine", [0]), ("taken", [])])
def test_recall_status_conditions(store, two_channels, status, expected):
    qs.set_state(store, two_channels[0], team="T1", channel="C1", state="answered", user="U5")
    cond, params = qs.status_sql("qn", status, "T1", "C1", "U5")
    found = [
        r[0]
        for r in store.db.execute(f"SELECT id FROM questions qn WHERE {cond} ORDER BY id", params).fetchall()
    ]
    assert found == [two_channels[i] for i in expected]


def test_questions_answered_before_the_migration_stay_answered_in_their_channels(tmp_path):
    path = tmp_path / "old.db"
    old = Store(path)
    ids = old.save_digest(digest("The council decided to close the pool."), seen("C1", "1.0")).question_ids
    old.db.execute(
        "UPDATE questions SET status = 'answered', status_by = 'U9', status_at = 5 WHERE id = ?", [ids[0]]
    )
    # replay the step as an old database would meet it: its rows gone, the step not yet applied
    old.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_question_states'")
    old.db.execute("DROP TABLE question_states")
    old.db.execute("DROP TABLE question_events")
    old.close()
    again = Store(path)
    kept = qs.state_of(again, ids[0], "T1", "C1")
    assert (kept.state, kept.user, kept.at) == ("answered", "U9", 5.0)
    assert qs.state_of(again, ids[1], "T1", "C1").state == "open"
    assert qs.undo(again, ids[0], team="T1", channel="C1").state == "open"
