"""Legwork's errors. Every error a user can cause is a ``BotError`` with a one-line message.

BotError                 anything Legwork can explain to a user in one line
├── ConfigError          a missing or malformed setting (names the variable)
├── InputError           input that cannot be digested: empty, binary, not UTF-8, too large
├── FetchError           a link that could not be fetched or held no article
│   └── RefusedAddress   the link points somewhere Legwork will not go (SSRF policy)
└── StorageError         the database could not be read or written
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


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


def storage_errors(fn: F) -> F:
    """Turn a database failure (locked past the busy timeout, disk full, corrupt file) into a ``StorageError``
    naming the operation: the one mapping of SQLite errors, for the store and the job queue."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except sqlite3.Error as exc:
            raise StorageError(f"the database failed ({fn.__name__}): {exc}") from None

    return cast(F, wrapper)
