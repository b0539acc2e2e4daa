"""The project's exceptions. The CLI turns each into a one-line ``Error: ...`` message."""

from __future__ import annotations


class KBError(Exception):
    """Base class of every error DipKB raises on purpose."""


class ReadError(KBError):
    """An input file (or one line of it) cannot be turned into an article: it failed.

    ``reason`` is a short name for the kind of problem ("invalid JSON", "not UTF-8"), by which
    an ingest summary counts its problems.
    """

    skipped = False

    def __init__(self, path: str, problem: str, line: int | None = None, *, reason: str = "unreadable"):
        self.path, self.problem, self.line, self.reason = str(path), problem, line, reason
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")

    @property
    def status(self) -> str:
        return "skipped" if self.skipped else "failed"

    def record(self) -> dict[str, object]:
        """The problem as a JSON-ready record (one line of ``kb ingest --errors FILE``)."""
        return {"status": self.status, "reason": self.reason, "path": self.path, "line": self.line,
                "problem": self.problem}

    def again(self, problem: str) -> ReadError:
        """The same kind of problem, told differently (an item of a list, say)."""
        return type(self)(self.path, problem, self.line, reason=self.reason)


class Skipped(ReadError):
    """An input with no prose to read: an empty body, a table or list, text in another language.

    Not a fault of the input, so not a failure: a news corpus holds many such items (price
    tables, results lists), and an ingest counts them apart.
    """

    skipped = True


def cannot_write(path: object, exc: OSError) -> KBError:
    """The one-line error for an output file that cannot be written."""
    return KBError(f"{path}: cannot write ({(exc.strerror or str(exc)).lower()})")


class StoreError(KBError):
    """The store cannot be opened, read or written."""


class StoreLocked(StoreError):
    """Another process is writing to the store (an embedded store has one writer at a time)."""


class QueryError(KBError):
    """A SPARQL query is malformed, unknown, or its parameters are wrong."""


class ConfigError(KBError):
    """A setting (model name, store location, endpoint layout) is unusable."""
