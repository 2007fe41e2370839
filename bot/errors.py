"""Legwork's errors. Every error a user can cause is a ``BotError`` with a one-line message.

    BotError                 anything Legwork can explain to a user in one line
    ├── ConfigError          a missing or malformed setting (names the variable)
    ├── InputError           input that cannot be digested: empty, binary, not UTF-8, too large
    ├── FetchError           a link that could not be fetched or held no article
    │   └── RefusedAddress   the link points somewhere Legwork will not go (SSRF policy)
    └── StorageError         the database could not be read or written
"""

from __future__ import annotations


class BotError(Exception):
    """An error with a message fit to show a user as it is."""


class ConfigError(BotError):
    """Raised at start-up when a setting is missing or malformed."""


class InputError(BotError):
    """Raised when the input is not text Legwork can read as an article."""


class FetchError(BotError):
    """Raised when a link cannot be fetched or yields no article text."""


class RefusedAddress(FetchError):
    """Raised when a link resolves to an address the fetch policy refuses."""


class StorageError(BotError):
    """Raised when the database cannot be opened, read or written."""
