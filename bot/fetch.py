"""Fetching a pasted link and extracting its article. The only module that touches the network for articles."""

from __future__ import annotations

from bot.config import Settings
from bot.errors import FetchError
from bot.models import Article


def fetch_article(url: str, settings: Settings) -> Article:
    """Fetch ``url`` under the address policy and extract the article body and metadata."""
    raise FetchError("links are not supported yet: paste the article text instead")
