"""Secrets never reach the log: the filter bot.cli puts on the root handlers redacts tokens and the secret."""

from __future__ import annotations

import io
import logging

import pytest

from bot.redact import REDACTED, RedactSecrets, install, redact

SECRET = "8f14e45fceea167a5a36dedd4bea2543"


@pytest.mark.parametrize(
    "text",
    [
        "Authorization: Bearer xoxb-1234-5678-AbCdEf",
        "user token xoxp-1-2-3-abc, app token xapp-1-A0-123-deadbeef",
        "refresh xoxe.xoxp-1-Mi0yLTM and rotating xoxe-1-abc",
        f"signing secret {SECRET} in a message",
        "body_params: {'token': 'legacy-verification-token', 'channel': 'C1'}",
        '{"token": "legacy-verification-token", "type": "event_callback"}',
        "payload=x&token=legacy-verification-token&team_id=T1",
    ],
)
def test_redact_hides_tokens_and_secrets(text):
    out = redact(text, [SECRET])
    assert REDACTED in out
    for secret in ("AbCdEf", "deadbeef", "Mi0yLTM", "abc,", SECRET, "legacy-verification-token"):
        assert secret not in out


def test_redact_leaves_ordinary_text_alone():
    text = "posted to C1 in thread 1.0002 (next_token=abc) for user U1: 'We will win,' he said"
    assert redact(text, [SECRET]) == text


def test_the_filter_redacts_messages_arguments_and_tracebacks():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("legwork.test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    install([SECRET], logger)
    install([SECRET], logger)  # idempotent: one filter
    assert len([f for f in handler.filters if isinstance(f, RedactSecrets)]) == 1
    try:
        logger.warning("calling with %s and %r", "xoxb-9-9-SeCrEt", {"secret": SECRET})
        try:
            raise ValueError(f"bad header Bearer xoxb-9-9-SeCrEt ({SECRET})")
        except ValueError:
            logger.exception("failed")
        logger.warning("stack", stack_info=True)
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert "SeCrEt" not in out and SECRET not in out
    assert out.count(REDACTED) >= 4 and "ValueError" in out
