"""Serving Slack: HTTP mode or Socket Mode, chosen from the settings."""

from __future__ import annotations

from bot.config import Settings
from bot.errors import ConfigError


def serve(settings: Settings) -> None:
    """Start Legwork for Slack and block until stopped."""
    if not settings.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set")
    raise ConfigError("serving Slack is not built yet")
