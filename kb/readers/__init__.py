"""Reading article files (.txt .md .html .htm .json .jsonl) into ``Article`` records.

``read_paths`` reports unreadable input as ``ReadError`` values in its stream instead of
raising, so one bad file in a folder of thousands costs one message, not the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from kb.errors import ReadError
from kb.model import Article
from kb.readers.cleanup import clean_text
from kb.readers.common import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, SUPPORTED_SUFFIXES
from kb.readers.html import read_html_file
from kb.readers.jsonfile import read_json_file, read_jsonl_file
from kb.readers.text import read_text_file

__all__ = ["MAX_ARTICLE_CHARS", "MAX_FILE_BYTES", "SUPPORTED_SUFFIXES", "clean_text", "count_articles",
           "read_paths"]

Reader = Callable[[Path, date | None], Iterator[Article | ReadError]]

_READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".json": read_json_file,
    ".jsonl": read_jsonl_file,
}


def read_paths(paths: Iterable[str | Path], published: date | None = None) -> Iterator[Article | ReadError]:
    """Every article in the given files and folders, in order, one file at a time.

    ``published`` is the date of articles that state none. Folders are searched recursively,
    in sorted order, skipping hidden files and folders and files of other types.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for file in _files_in(path):
                found = True
                yield from _read_file(file, published)
            if not found:
                supported = " ".join(SUPPORTED_SUFFIXES)
                yield ReadError(str(path), f"no articles found (supported: {supported})",
                                reason="no articles found")
        elif path.exists():
            yield from _read_file(path, published)
        else:
            yield ReadError(str(path), "no such file or directory", reason="missing")


def count_articles(paths: Iterable[str | Path]) -> int:
    """About how many items ``read_paths`` will yield, found cheaply, for a progress bar's total:
    one per file, one per line of a .jsonl file (counted, not parsed), one per .json file (a list
    counts as one) and one per problem such as a missing path."""
    total = 0
    for given in paths:
        path = Path(given)
        files = _files_in(path) if path.is_dir() else [path]
        total += sum(_count_lines(f) if f.suffix.lower() == ".jsonl" and f.is_file() else 1 for f in files)
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


def _files_in(folder: Path) -> list[Path]:
    """Supported, visible files under a folder, sorted by their path inside it."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, name)
            for name in files
            if not name.startswith(".") and Path(name).suffix.lower() in _READERS
        )
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read_file(path: Path, published: date | None) -> Iterator[Article | ReadError]:
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        kind = path.suffix or path.name
        supported = " ".join(SUPPORTED_SUFFIXES)
        yield ReadError(str(path), f"unsupported file type '{kind}' (supported: {supported})",
                        reason="unsupported type")
        return
    try:
        yield from reader(path, published)
    except ReadError as exc:
        yield exc
    except OSError as exc:
        yield ReadError(str(path), (exc.strerror or str(exc) or type(exc).__name__).lower())
