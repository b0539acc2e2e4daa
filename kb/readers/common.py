"""Checks and conversions shared by the format readers.

Every reader turns bad input into a ``ReadError`` raised from here, so the messages are
the same whatever the format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kb.errors import ReadError, Skipped
from kb.model import Article
from kb.readers.cleanup import clean_text
from kb.readers.prose import check_prose

MB = 1024 * 1024
# Limits keep one odd input from exhausting memory; .jsonl files may be any size, their lines may not.
MAX_FILE_BYTES = 20 * MB
MAX_ARTICLE_CHARS = 2_000_000

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv", ".tsv", ".warc", ".warc.gz",
                      ".rss", ".atom", ".xml")
FIELDS = ("text", "id", "title", "url", "published", "source")  # an article's fields, as inputs name them

# File signatures of formats people drop into article folders by mistake.
_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"PK\x05\x06", b"GIF87a", b"GIF89a")
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")

@dataclass(frozen=True)
class ReadOptions:
    """How to read: the date of articles that state none, the column of each field in a table
    (field -> column, the field's own name when absent), and whether feed items' linked pages
    are fetched (nothing in an input opens a connection otherwise)."""

    published: date | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    fetch: bool = False


def media_type(content_type: str) -> tuple[str, str | None]:
    """'text/html; charset=windows-1251' -> ('text/html', 'windows-1251')."""
    media, *params = (part.strip() for part in content_type.split(";"))
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in params if p.lower().startswith("charset=")),
                   None)
    return media.lower(), charset or None


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".removesuffix(".0")


def check_size(path: Path) -> None:
    """Refuse a file over the limit from its size alone, before any of it is read."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ReadError(str(path), f"file too large ({_mb(size)} MB, limit {_mb(MAX_FILE_BYTES)} MB)",
                        reason="too large")


def check_binary(path: Path | str, data: bytes, line: int | None = None) -> None:
    if data.startswith(_MAGIC) or b"\x00" in data:
        raise ReadError(str(path), "binary file, not an article", line, reason="binary")


def decode(path: Path | str, data: bytes, line: int | None = None) -> str:
    """UTF-8 text without a byte-order mark; the error names the first bad byte's offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(str(path), f"not valid UTF-8 text (byte {exc.start})", line,
                        reason="not UTF-8") from None


def read_text(path: Path) -> str:
    """The whole file as text, after the size, binary and encoding checks."""
    check_size(path)
    data = path.read_bytes()
    check_binary(path, data)
    return decode(path, data)


def parse_published(value: Any, path: Path | str, line: int | None = None) -> date | None:
    """A publication date from ISO text, a datetime, or an English form like 'Dec 28, 2023'."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().strip("\"'").strip()
    if not text:
        return None
    if _ISO_LIKE.match(text):
        try:
            return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()
        except ValueError:
            pass  # ISO-looking but impossible, like 2023-02-30: dateparser must not guess either
    else:
        parsed = _dateparser_parse(text)
        if parsed is not None:
            return parsed.date()
    raise ReadError(str(path), f"invalid published date '{_one_line(text, 60)}'", line, reason="invalid date")


def _dateparser_parse(text: str) -> datetime | None:
    import dateparser  # imported late: it is slow to load and most inputs carry ISO dates

    try:
        return dateparser.parse(text, languages=["en"], settings={"STRICT_PARSING": True})
    except (ValueError, OverflowError, TypeError):
        return None


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def optional_str(value: Any) -> str | None:
    """A metadata value as stripped text; None when missing or blank."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def make_article(
    path: Path | str,
    *,
    id: str,
    text: str,
    title: Any = None,
    url: Any = None,
    published: Any = None,
    source: Any = None,
    default_published: date | None = None,
    line: int | None = None,
) -> Article:
    """Clean the text and parse the date; skip an article with no English prose (empty, a table...)."""
    when = parse_published(published, path, line)
    cleaned = clean_text(text)
    if not cleaned:
        raise Skipped(str(path), "empty article", line, reason="empty")
    check_prose(path, cleaned, line)
    return Article(
        id=id,
        text=cleaned,
        title=optional_str(title),
        url=optional_str(url),
        published=when or default_published,
        source=optional_str(source),
        path=str(path),
    )
