"""Doubles for driving the Bolt app in-process with no network: a job runner that records submissions and
an ``authorize`` that answers for workspace T1."""

from __future__ import annotations

from slack_bolt.authorization import AuthorizeResult

from bot.jobs.runner import JobRunner
from handlers.jobs import WORK, run

NOWHERE = "http://127.0.0.1:9/api/"  # nothing listens there: any Web API call would fail


class RecordingJobs(JobRunner):
    """A job runner that records submissions (the work's name and the arguments) instead of running them (or
    refuses, when ``full``)."""

    def __init__(self, full: bool = False) -> None:
        super().__init__(workers=1, queue_size=1)
        self.full = full
        self.submitted: list[tuple] = []

    def try_submit(self, fn, *args, **kwargs) -> bool:
        if self.full:
            return False
        self.submitted.append((work_name(fn, args), args))
        return True


def work_name(fn, args: tuple) -> str:
    """The name of the function doing a submitted job's work: ``handlers.jobs.run`` runs its kind's
    ``WORK`` entry (``run_digest``, ``run_text``)."""
    return WORK[args[2].kind].run.__name__ if fn is run else fn.__name__


def authorize(**_kwargs) -> AuthorizeResult:
    return AuthorizeResult(
        enterprise_id=None, team_id="T1", bot_user_id="U0BOT", bot_id="B0BOT", bot_token="xoxb-t"
    )
