"""Web pages: the main text and metadata as trafilatura finds them.

Saved ``.html`` files, pages in web archives and pages fetched for feed items all go through
``html_article``, so a story reads the same wherever its page came from. trafilatura is
imported on first use: it takes a moment to load and many runs read no HTML.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from kb.errors import ReadError, Skipped
from kb.model import Article
from kb.readers.cleanup import clean_text, has_sentence
from kb.readers.common import check_binary, check_size, decode, make_article

HTML_TYPES = ("text/html", "application/xhtml+xml")  # media types of web pages

# A charset declared in the page's head, for pages saved in a legacy encoding.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def read_html_file(path: Path, published: date | None = None) -> Iterator[Article]:
    """One article per page; precision is favoured so menus and teasers stay out."""
    check_size(path)
    yield html_article(path, path.read_bytes(), id=path.stem, default_published=published)


def html_article(where: Path | str, data: bytes, *, id: str, url: str | None = None,
                 charset: str | None = None, default_published: date | None = None,
                 line: int | None = None) -> Article:
    """The article in one page's bytes. ``url`` is where the page was found (the page's own
    canonical URL otherwise); ``charset`` the encoding its HTTP headers declared."""
    import trafilatura

    check_binary(where, data, line)
    html = decode_html(where, data, charset, line)
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            # Only dates the markup states: a date guessed from the body text may be another event's.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a parser failure on odd markup is bad input, not a crash
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ReadError(str(where), f"cannot parse HTML: {reason}", line, reason="invalid HTML") from None
    text = _field(doc, "text")
    if not text or not has_sentence(clean_text(text)):
        raise Skipped(str(where), "no main text found in HTML", line, reason="empty")
    return make_article(
        where,
        id=id,
        # trafilatura ends each paragraph with one newline; the articles use blank lines.
        text=re.sub(r"\n+", "\n\n", text),
        title=_field(doc, "title"),
        url=url or _field(doc, "url"),
        published=_field(doc, "date"),
        source=_field(doc, "sitename"),
        default_published=default_published,
        line=line,
    )


def _field(doc: Any, name: str) -> Any:
    return getattr(doc, name, None) if doc is not None else None


def decode_html(where: Path | str, data: bytes, charset: str | None = None, line: int | None = None) -> str:
    """UTF-8 text, or the encoding the server or the page itself declares when it declares one."""
    try:
        return decode(where, data, line)
    except ReadError:
        for name in (charset, _declared(data)):
            if not name:
                continue
            try:
                if codecs.lookup(name).name != "utf-8":
                    return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
        raise


def _declared(data: bytes) -> str | None:
    declared = _META_CHARSET.search(data[:4096])
    return declared.group(1).decode("ascii") if declared else None
