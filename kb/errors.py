"""The project's exceptions. The CLI turns each into a one-line ``Error: ...`` message."""

from __future__ import annotations


class KBError(Exception):
    """Base class of every error DipKB raises on purpose."""


class ReadError(KBError):
    """An input file (or one line of it) cannot be turned into an article."""

    def __init__(self, path: str, problem: str, line: int | None = None):
        self.path, self.problem, self.line = str(path), problem, line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


class StoreError(KBError):
    """The store cannot be opened, read or written."""


class QueryError(KBError):
    """A SPARQL query is malformed, unknown, or its parameters are wrong."""


class ConfigError(KBError):
    """A setting (model name, store location, endpoint layout) is unusable."""
