"""Keep secrets out of the log: a logging filter that redacts Slack tokens and the signing secret.

Nothing in Legwork logs a secret on purpose, but libraries log a lot at DEBUG (slack_sdk the parameters of
every call, Bolt the payloads it receives, which carry Slack's legacy verification ``token``), and an
exception can quote a URL or a header. The filter sits on the root logger's handlers, so it sees every record
from every logger, and rewrites the message, the traceback and the stack text before they are written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

REDACTED = "[redacted]"
# xoxb- (bot), xoxp- (user), xoxa-/xoxr- (rotating), xoxe- (refresh), xoxs-, xapp- (app-level) tokens
_SLACK_TOKEN = re.compile(r"\b(xox[abeoprs](?:\.xox[abeoprs])?|xapp)-[A-Za-z0-9.\-]+")
# the legacy verification token in payloads: "token": "…", 'token': '…', token=… (JSON, repr, form body)
_TOKEN_FIELD = re.compile(r"""(["']token["']\s*:\s*["']|\btoken=)[^"'&\s,}]+""")


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` with every Slack token, token field and given secret replaced by ``[redacted]``."""
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    text = _SLACK_TOKEN.sub(lambda m: m.group(1) + "-" + REDACTED, text)
    return _TOKEN_FIELD.sub(lambda m: m.group(1) + REDACTED, text)


class RedactSecrets(logging.Filter):
    """A handler filter: every record leaves with tokens and ``secrets`` redacted."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # longest first, so a secret that contains another is replaced whole; short values are not secrets
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a bad format string is logging's to report, not ours
            return True
        clean = redact(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def install(secrets: Iterable[str] = (), logger: logging.Logger | None = None) -> RedactSecrets:
    """Put one ``RedactSecrets`` on every handler of ``logger`` (default: the root logger); idempotent."""
    logger = logger or logging.getLogger()
    filt = RedactSecrets(secrets)
    for handler in logger.handlers:
        for old in [f for f in handler.filters if isinstance(f, RedactSecrets)]:
            handler.removeFilter(old)
        handler.addFilter(filt)
    return filt
