"""Plain-text and Markdown articles, with optional front matter for their metadata.

Front matter is the block between two ``---`` lines at the very start::

    ---
    title: "Putin invites Modi"
    published: 2023-12-28
    ---
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from kb.model import Article
from kb.readers.common import make_article, read_text

FIELDS = ("id", "title", "url", "published", "source")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_EMPTY = ("", "~", "null", "none")  # YAML's spellings of "no value", kept as text by its base loader
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")

# Markdown markup that would otherwise reach the extractor as stray symbols.
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def read_text_file(path: Path, published: date | None = None) -> Iterator[Article]:
    """One article per file; its id is the front matter's or the file name's stem."""
    content = read_text(path)
    meta, body = split_front_matter(content)
    if path.suffix.lower() == ".md":
        body = strip_markdown(body)
    yield make_article(
        path,
        id=meta.get("id") or path.stem,
        text=body,
        title=meta.get("title"),
        url=meta.get("url"),
        published=meta.get("published"),
        source=meta.get("source"),
        default_published=published,
    )


def split_front_matter(content: str) -> tuple[dict[str, str], str]:
    """The front matter fields (as text) and the body; no fields when there is no block."""
    match = _FRONT_MATTER.match(content.replace("\r\n", "\n"))
    if not match:
        return {}, content
    fields = _parse_fields(match.group(1))
    if fields is None:
        return {}, content  # two rules around ordinary text, not metadata
    return fields, content.replace("\r\n", "\n")[match.end() :]


def _parse_fields(block: str) -> dict[str, str] | None:
    """The block as YAML, or as simple ``key: value`` lines when it is not valid YAML.

    YAML's base loader keeps every value as text, so 'title: yes' stays 'yes' and dates
    go through the same parser as every other input.
    """
    data = _yaml_fields(block)
    if data is None:
        data = {}
        for line in block.split("\n"):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            match = _KEY_VALUE.match(line)
            if not match:
                return None
            data[match.group(1)] = _unquote(match.group(2))
    return {
        k.lower(): v
        for k, v in data.items()
        if k.lower() in FIELDS and isinstance(v, str) and v.strip().lower() not in _EMPTY
    }


def _yaml_fields(block: str) -> dict[str, object] | None:
    import yaml  # imported late: most inputs have no front matter

    try:
        data = yaml.load(block, Loader=yaml.BaseLoader)  # BaseLoader builds no objects
    except yaml.YAMLError:
        return None
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def strip_markdown(text: str) -> str:
    """Markdown reduced to its words: headings, links, images, emphasis and rules unwrapped."""
    text = _HTML_COMMENT.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_QUOTE.sub("", text)
    return _MD_STRONG.sub(r"\2", text)
