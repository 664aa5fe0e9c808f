"""One error shape for newsweave: a base class and narrow subclasses."""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose.

    ``str(error)`` is a one-line reason fit to show a user.
    """


class InputError(NewsweaveError):
    """An input could not be read or is not an article we can use.

    ``code`` is a short machine-readable kind (``empty``, ``binary``, ...).
    """

    def __init__(self, reason: str, *, code: str = "invalid") -> None:
        super().__init__(reason)
        self.code = code


class UsageError(NewsweaveError):
    """The caller asked for something malformed (a bad date, an unknown id)."""


class NotFoundError(UsageError):
    """A requested record is not in the store."""


class StoreError(NewsweaveError):
    """The store could not be opened, migrated or written."""


class AmbiguousError(NotFoundError):
    """A name that fits several records: ``candidates`` lists them (``id``, ``name``, ``kind``)."""

    def __init__(self, reason: str, *, candidates: list[dict[str, str]]) -> None:
        super().__init__(reason)
        self.candidates = candidates
