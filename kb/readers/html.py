"""Saved web pages: the main text and metadata as trafilatura finds them.

trafilatura is imported on first use: it takes a moment to load and many runs read no HTML.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kb.errors import ReadError, Skipped
from kb.model import Article
from kb.readers.cleanup import clean_text, has_sentence
from kb.readers.common import check_binary, check_size, decode, make_article

# A charset declared in the page's head, for pages saved in a legacy encoding.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)


def read_html_file(path: Path, published: date | None = None) -> Iterator[Article]:
    """One article per page; precision is favoured so menus and teasers stay out."""
    import trafilatura

    html = _read_html(path)
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
        raise ReadError(str(path), f"cannot parse HTML: {reason}", reason="invalid HTML") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not has_sentence(clean_text(text)):
        raise Skipped(str(path), "no main text found in HTML", reason="empty")
    yield make_article(
        path,
        id=path.stem,
        # trafilatura ends each paragraph with one newline; the articles use blank lines.
        text=re.sub(r"\n+", "\n\n", text),
        title=doc.title,
        url=doc.url,
        published=doc.date,
        source=doc.sitename,
        default_published=published,
    )


def _read_html(path: Path) -> str:
    """UTF-8 text, or the page's own declared encoding when it declares one."""
    check_size(path)
    data = path.read_bytes()
    check_binary(path, data)
    try:
        return decode(path, data)
    except ReadError:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii")
            try:
                if codecs.lookup(name).name != "utf-8":
                    return data.decode(name)
            except (LookupError, UnicodeDecodeError):
                pass
        raise
