"""JSON articles: one object or a list of objects per .json file, one object per .jsonl line
(or line of standard input).

Fields: ``text`` (required), ``id``, ``title``, ``url``, ``published``, ``source``; any
other key (annotations, scraper metadata) is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from kb.errors import ReadError, Skipped
from kb.model import Article
from kb.readers import common
from kb.readers.common import check_binary, decode, make_article, optional_str, read_text

_SNIFF_BYTES = 8192


def read_json_file(path: Path, published: date | None = None) -> Iterator[Article | ReadError]:
    """A whole .json file; in a list, a bad item is reported and the others still read."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise ReadError(str(path), f"invalid JSON: {exc}", reason="invalid JSON") from None
    except RecursionError:
        raise ReadError(str(path), "invalid JSON: nested too deeply", reason="invalid JSON") from None
    if isinstance(data, dict):
        yield _article(path, data, path.stem, published)
    elif isinstance(data, list):
        if not data:
            raise Skipped(str(path), "no articles found (empty JSON list)", reason="empty")
        for n, item in enumerate(data, start=1):
            try:
                if not isinstance(item, dict):
                    raise ReadError(str(path), "not a JSON object", reason="malformed record")
                yield _article(path, item, f"{path.stem}-{n}", published)
            except ReadError as exc:
                yield exc.again(f"item {n}: {exc.problem}")
    else:
        raise ReadError(str(path), "expected a JSON object or a list of objects", reason="malformed record")


def read_jsonl_file(path: Path, published: date | None = None) -> Iterator[Article | ReadError]:
    """A .jsonl file line by line, so its size is unbounded; a bad line does not stop the rest."""
    with path.open("rb") as f:
        check_binary(path, f.read(_SNIFF_BYTES))
        f.seek(0)
        yield from read_jsonl_stream(f, path, published, default_id=lambda line, data: f"{path.stem}-{line}")


STDIN = "<stdin>"


def read_jsonl_stdin(published: date | None = None) -> Iterator[Article | ReadError]:
    """JSON Lines piped in (``kb ingest -``). A line without an ``id`` takes its ``url``, else a
    hash of its text: a line number would name a different article in every run."""
    import sys

    from kb.rdf.iris import digest

    def default_id(line: int, data: dict[str, Any]) -> str:
        url = optional_str(data.get("url"))
        text = data.get("text")
        return url or f"stdin-{digest(text if isinstance(text, str) else '', length=16)}"

    yield from read_jsonl_stream(sys.stdin.buffer, STDIN, published, default_id=default_id)


def read_jsonl_stream(f: IO[bytes], where: Path | str, published: date | None,
                      default_id: Callable[[int, dict[str, Any]], str]) -> Iterator[Article | ReadError]:
    # JSON may escape one character as up to 12 bytes; past this a line cannot hold a legal article.
    cap = 8 * common.MAX_ARTICLE_CHARS + 65536
    lineno = 0
    while raw := f.readline(cap):
        lineno += 1
        if len(raw) >= cap and not raw.endswith(b"\n"):
            while (rest := f.readline(cap)) and not rest.endswith(b"\n"):
                pass
            limit = common.MAX_ARTICLE_CHARS
            yield ReadError(str(where), f"line too large (over {cap:,} bytes, limit {limit:,} characters)",
                            lineno, reason="too large")
            continue
        if not raw.strip():
            continue
        try:
            yield _jsonl_line(where, raw, lineno, published, default_id)
        except ReadError as exc:
            yield exc


def _jsonl_line(path: Path | str, raw: bytes, lineno: int, published: date | None,
                default_id: Callable[[int, dict[str, Any]], str]) -> Article:
    check_binary(path, raw, lineno)
    try:
        data = json.loads(decode(path, raw.rstrip(b"\r\n"), lineno))  # columns within the line itself
    except json.JSONDecodeError as exc:
        raise ReadError(str(path), f"invalid JSON: {exc.msg} (column {exc.colno})", lineno,
                        reason="invalid JSON") from None
    except RecursionError:
        raise ReadError(str(path), "invalid JSON: nested too deeply", lineno, reason="invalid JSON") from None
    if not isinstance(data, dict):
        raise ReadError(str(path), "expected a JSON object", lineno, reason="malformed record")
    text = data.get("text")
    if isinstance(text, str) and len(text) > common.MAX_ARTICLE_CHARS:
        limit = f"{common.MAX_ARTICLE_CHARS:,}"
        raise ReadError(str(path), f"article too large ({len(text):,} characters, limit {limit})", lineno,
                        reason="too large")
    return _article(path, data, default_id(lineno, data), published, lineno)


def _article(
    path: Path | str, data: dict[str, Any], default_id: str, published: date | None, line: int | None = None
) -> Article:
    text = data.get("text")
    if not isinstance(text, str):
        raise ReadError(str(path), "no 'text' field", line, reason="malformed record")
    return make_article(
        path,
        id=optional_str(data.get("id")) or default_id,
        text=text,
        title=data.get("title"),
        url=data.get("url"),
        published=data.get("published"),
        source=data.get("source"),
        default_published=published,
        line=line,
    )
