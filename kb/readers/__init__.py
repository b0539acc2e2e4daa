"""Reading articles into ``Article`` records: files (.txt .md .html .htm .json .jsonl .csv .tsv
.warc .warc.gz .rss .atom .xml), folders of them, feed URLs and JSON Lines on standard input (``-``).

``read_paths`` reports unreadable input as ``ReadError`` values in its stream instead of
raising, so one bad file in a folder of thousands costs one message, not the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path

from kb.errors import ReadError
from kb.model import Article
from kb.readers.cleanup import clean_text
from kb.readers.common import FIELDS, MAX_ARTICLE_CHARS, MAX_FILE_BYTES, SUPPORTED_SUFFIXES, ReadOptions
from kb.readers.feed import count_items, read_feed_file, read_feed_url
from kb.readers.fetch import is_url
from kb.readers.html import read_html_file
from kb.readers.jsonfile import read_json_file, read_jsonl_file, read_jsonl_stdin
from kb.readers.table import count_rows, read_table_file
from kb.readers.text import read_text_file
from kb.readers.warc import read_warc_file

__all__ = ["FIELDS", "MAX_ARTICLE_CHARS", "MAX_FILE_BYTES", "SUPPORTED_SUFFIXES", "ReadOptions", "clean_text",
           "count_articles", "read_paths"]

STDIN = "-"

Reader = Callable[[Path, ReadOptions], Iterator[Article | ReadError]]


def _dated(reader: Callable[[Path, date | None], Iterator[Article | ReadError]]) -> Reader:
    """A reader that needs only the default date."""
    return lambda path, options: reader(path, options.published)


_READERS: dict[str, Reader] = {
    ".txt": _dated(read_text_file),
    ".md": _dated(read_text_file),
    ".html": _dated(read_html_file),
    ".htm": _dated(read_html_file),
    ".json": _dated(read_json_file),
    ".jsonl": _dated(read_jsonl_file),
    ".csv": read_table_file,
    ".tsv": read_table_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".xml": read_feed_file,
}
assert set(_READERS) == set(SUPPORTED_SUFFIXES)

# How many items a file holds, when that is cheap to find; None: not known before reading it.
_COUNTS: dict[str, Callable[[Path], int | None]] = {
    ".jsonl": lambda path: _count_lines(path),
    ".csv": count_rows,
    ".tsv": count_rows,
    ".rss": count_items,
    ".atom": count_items,
    ".xml": count_items,
    ".warc": lambda path: None,  # records are counted only by reading them all
    ".warc.gz": lambda path: None,
}


def read_paths(paths: Iterable[str | Path], published: date | None = None, *,
               columns: Mapping[str, str] | None = None,
               fetch: bool = False) -> Iterator[Article | ReadError]:
    """Every article in the given files, folders and feed URLs, in order, one file at a time.

    ``published`` is the date of articles that state none; ``columns`` maps article fields to a
    table's column names; ``fetch`` reads the page each feed item links to. ``-`` is JSON Lines
    on standard input. Folders are searched recursively, in sorted order, skipping hidden files
    and folders and files of other types.
    """
    options = ReadOptions(published, dict(columns or {}), fetch)
    for given in paths:
        if given == STDIN:
            yield from _guarded("<stdin>", lambda: read_jsonl_stdin(options.published))
            continue
        if isinstance(given, str) and is_url(given):
            yield from _guarded(given, lambda url=given: read_feed_url(url, options))
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for file in _files_in(path):
                found = True
                yield from _read_file(file, options)
            if not found:
                supported = " ".join(SUPPORTED_SUFFIXES)
                yield ReadError(str(path), f"no articles found (supported: {supported})",
                                reason="no articles found")
        elif path.exists():
            yield from _read_file(path, options)
        else:
            yield ReadError(str(path), "no such file or directory", reason="missing")


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """About how many items ``read_paths`` will yield, found cheaply, for a progress bar's total:
    one per file, one per line of a .jsonl file (counted, not parsed), one per row of a table,
    one per item of a feed file, one per .json file (a list counts as one) and one per problem
    such as a missing path. None when that is not known before reading: standard input, a feed
    URL or a web archive is among the paths."""
    total = 0
    for given in paths:
        if given == STDIN or (isinstance(given, str) and is_url(given)):
            return None
        path = Path(given)
        files = _files_in(path) if path.is_dir() else [path]
        for file in files:
            count = _COUNTS.get(_suffix(file), lambda _: 1)(file) if file.is_file() else 1
            if count is None:
                return None
            total += count
        total += not files
    return total


def _count_lines(path: Path, block: int = 1 << 20) -> int:
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as f:
            while data := f.read(block):
                lines += data.count(b"\n")
                last = data[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")


def _suffix(path: Path) -> str:
    """The file's type: its last suffix, or both of '.warc.gz'."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def _files_in(folder: Path) -> list[Path]:
    """Supported, visible files under a folder, sorted by their path inside it."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, name)
            for name in files
            if not name.startswith(".") and _suffix(Path(name)) in _READERS
        )
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | ReadError]:
    reader = _READERS.get(_suffix(path))
    if reader is None:
        kind = path.suffix or path.name
        supported = " ".join(SUPPORTED_SUFFIXES)
        yield ReadError(str(path), f"unsupported file type '{kind}' (supported: {supported})",
                        reason="unsupported type")
        return
    yield from _guarded(str(path), lambda: reader(path, options))


def _guarded(where: str, read: Callable[[], Iterator[Article | ReadError]]) -> Iterator[Article | ReadError]:
    """The items of one source; the error that stops it becomes its last item."""
    try:
        yield from read()
    except ReadError as exc:
        yield exc
    except OSError as exc:
        yield ReadError(where, (exc.strerror or str(exc) or type(exc).__name__).lower())
