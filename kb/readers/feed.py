"""RSS and Atom feeds: one article per item.

An item's text is the feed's own (its full content, else its summary); with ``--fetch``, the
page it links to instead, read by the same path as a saved ``.html`` page. feedparser is handed
the feed's bytes, never a name: given a string it would open files and URLs itself. Nothing in
a feed opens a connection unless ``fetch`` is set, and then only through ``kb.readers.fetch``.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from kb.errors import ReadError, Skipped
from kb.model import Article
from kb.readers.common import MAX_FILE_BYTES, ReadOptions, check_binary, check_size, media_type
from kb.readers.fetch import fetch, is_url
from kb.readers.html import HTML_TYPES, html_article

_ITEM_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")


def read_feed_file(path: Path, options: ReadOptions) -> Iterator[Article | ReadError]:
    check_size(path)
    yield from read_feed(str(path), path.read_bytes(), options, name=path.stem)


def read_feed_url(url: str, options: ReadOptions) -> Iterator[Article | ReadError]:
    """A feed at a URL the operator gave: fetched whether or not its items' pages will be."""
    from kb.rdf.iris import digest

    got = fetch(url, where=url)
    yield from read_feed(url, got.data, options, name=f"feed-{digest(url, length=8)}", base=got.url)


def count_items(path: Path) -> int:
    """Items in a feed file, counted by their tags without parsing it (for a progress bar)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return 1  # refused unread
        return max(1, len(_ITEM_TAG.findall(path.read_bytes())))
    except OSError:
        return 1


def read_feed(where: str, data: bytes, options: ReadOptions, *, name: str,
              base: str | None = None) -> Iterator[Article | ReadError]:
    import feedparser

    check_binary(where, data)
    headers = {"content-location": base} if base else {}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version"):
        problem = _problem(parsed.get("bozo_exception"))
        raise ReadError(where, f"not an RSS or Atom feed{problem}", reason="invalid feed")
    _check_complete(where, parsed.get("bozo_exception"))
    entries = parsed.entries
    if not entries:
        raise Skipped(where, "feed has no items", reason="empty")
    source = parsed.feed.get("title")
    for number, entry in enumerate(entries, start=1):
        try:
            yield _item(where, entry, number, options, name=name, source=source)
        except ReadError as exc:
            yield exc


# expat's errors for XML that ends inside an element or a token: a feed cut off, whose last item
# the lenient parser would still return, cut short
_CUT_OFF = ("no element found", "unclosed token")


def _check_complete(where: str, exc: BaseException | None) -> None:
    from xml.sax import SAXParseException

    if isinstance(exc, SAXParseException) and exc.getMessage() in _CUT_OFF:
        raise ReadError(where, f"truncated feed: the XML ends early ({exc.getMessage()} at line "
                               f"{exc.getLineNumber()})", reason="invalid feed")


def _problem(exc: BaseException | None) -> str:
    text = " ".join(str(exc or "").split())
    return f" ({text[:120]})" if text else ""


def _item(where: str, entry: Any, number: int, options: ReadOptions, *, name: str,
          source: str | None) -> Article:
    link = entry.get("link")
    link = link if link and is_url(link) else None
    default_id = link or entry.get("id") or f"{name}-{number}"
    published = _date(entry) or options.published
    title = entry.get("title")
    if options.fetch:
        if not link:
            raise ReadError(where, "item has no http(s) link to fetch", number, reason="fetch refused")
        got = fetch(link, where=where, line=number)
        media, charset = media_type(got.content_type)
        if media and media not in HTML_TYPES:
            raise Skipped(where, f"linked page is {media}, not a web page", number, reason="not a web page")
        article = html_article(where, got.data, id=default_id, url=link, charset=charset,
                               default_published=published, line=number)
        return dataclasses.replace(article, title=article.title or title, source=article.source or source)
    body = _text(entry)
    if body is None:
        raise Skipped(where, "item has no text (--fetch reads its linked page)", number, reason="empty")
    page = f"<html><body><article>{body}</article></body></html>".encode()
    article = html_article(where, page, id=default_id, url=link, default_published=published, line=number)
    return dataclasses.replace(article, title=title or None, source=source or None)


def _text(entry: Any) -> str | None:
    """The item's HTML: its full content when the feed has it, else its summary."""
    for part in [*entry.get("content", []), entry.get("summary_detail")]:
        if part and part.get("value", "").strip():
            value = part["value"]
            return value if "html" in part.get("type", "") else f"<p>{escape(value)}</p>"
    return None


def _date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        when = entry.get(key)
        if when:
            return date(when.tm_year, when.tm_mon, when.tm_mday)
    return None
