"""Removal of page furniture (menus, share prompts, teasers, comment forms) from scraped text.

Scraped articles carry the site around them. Left in, teaser headlines and share buttons
become false sentences for the extractor. The rules below are general signals, never
rules for one site, and they lean towards keeping text: a line is only dropped when it
matches a furniture pattern, or when it is a short non-sentence sitting between such lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Horizontal whitespace of any kind collapses to one space; zero-width characters go.
_SPACES = re.compile(r"[^\S\n]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")

# Lines of a breadcrumb trail or a menu: "• Home", "» World", "Home > World". A bulleted line
# that reads as a full sentence is kept: articles use bullets for key points too.
_BULLET = re.compile(r"^[•»›·▸►▶◦‣∙■□▪]\s*")
_HOME_CRUMB = re.compile(r"^Home\s*(?:[>»›/|].*)?$")
_RULE = re.compile(r"^[-–—*_=~#•·.\s]{3,}$")  # a drawn separator line

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s*\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})"
# A byline or date line of a teaser or page header: "ByBySantosh KumarMay 22, 2025", "Jan 16, 2025".
_BYLINE = re.compile(
    rf"^(?:(?:By\s*)+[^.!?]{{0,80}}?\s*[|,·•–-]?\s*{_DATE}(?:\s*[|,·•–-]?\s*\d{{1,2}}:\d{{2}}\s*(?:[AaPp][Mm])?)?"
    rf"|{_DATE}|\d+\s+(?:min(?:ute)?s?|hours?)\s+(?:read|ago))$"
)
_TRUNCATED = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])$")

# Headings after which, near the end of a page, only links and forms follow.
_ZONE_HEADING = re.compile(
    r"^(?:re(?:la|lea)ted(?:\s+(?:posts?|stories|articles|news|content|reading|coverage))?"
    r"|read\s+(?:more|next|also)|also\s+read|more\s+(?:stories|news|articles|from\s+.{1,60})"
    r"|you\s+(?:may|might)\s+(?:also\s+)?like|recommended(?:\s+for\s+you)?|popular\s+(?:posts|stories)"
    r"|latest\s+(?:posts|news|stories)|trending(?:\s+now)?|most\s+(?:read|popular)|leave\s+a\s+(?:reply|comment)"
    r"|\d*\s*comments?|post\s+navigation|tags?|share\s+this(?:\s+(?:article|story|post))?|like\s+this)"
    r"\s*(?:[:!»›→…]|\.\.\.)*$",
    re.IGNORECASE,
)

# Whole lines that are controls or labels, never prose.
_FURNITURE_LINE = re.compile(
    r"^(?:scroll\s+to\s+top|back\s+to\s+top|continue\s+reading|read\s+more|subscribe(?:\s+now)?"
    r"|click\s+here|share|tweet|print|email|e-mail|facebook|twitter|x|whatsapp|telegram|linkedin"
    r"|pinterest|reddit|copy\s+link|advertisement|sponsored|menu|search|skip\s+to\s+(?:main\s+)?content"
    r"|cancel\s+reply|previous\s+(?:post|article)|next\s+(?:post|article)|loading\.*|sign\s+in|log\s*in"
    r"|discover\s+more\s+from\s+.{1,60}|follow\s+us(?:\s+on\s+.{1,40})?)"
    r"\s*(?:[:!»›→…]|\.\.\.)*$",  # no final "." allowed: "share." may end a wrapped sentence
    re.IGNORECASE,
)

# Phrases that mark a whole paragraph as a prompt of the site rather than reporting.
_PROMO = re.compile(
    r"your\s+email\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked"
    r"|save\s+my\s+name,\s+email|\bsubscribe\s+(?:now|today|to\s+(?:our|the)\s+newsletter)"
    r"|sign\s+up\s+(?:for|to)\s+(?:our|the)\s+(?:\w+\s+)?newsletter|\bclick\s+here\b"
    r"|whatsapp\s+channels?|telegram\s+channel|follow\s+us\s+on\b|join\s+our\s+(?:whatsapp|telegram|newsletter)"
    r"|keep\s+reading\s+and\s+get\s+access|get\s+access\s+to\s+the\s+full\s+archive|all\s+rights\s+reserved"
    r"|^(?:©|copyright\s+©)|^share\s+(?:this|on|via)\b|^(?:read\s+more|also\s+read|see\s+also|related)\s*[:|»]"
    r"|download\s+(?:our|the)\s+app|stay\s+updated\s+with\s+the\s+latest|turn\s+on\s+notifications",
    re.IGNORECASE,
)
_PROMO_MAX_CHARS = 400  # a long paragraph mentioning "click here" is reporting, not a prompt

_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*$")
_STATEMENT_END = re.compile(r"\.[”’\"')\]]*$")  # headlines end with "!" or "?" at most, not "."
# Words of running prose; headlines, menus and labels have few of them.
_STOPWORDS = frozenset(
    "a an the of in on at to for from with by and or but as that this these those is are was were be been "
    "has have had he she it they we i you his her its their our said says will would could should not "
    "who which after before about over than also".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass
class _Unit:
    """A line (or a hard-wrapped paragraph) with its verdict."""

    text: str
    block: int
    kind: str = "neutral"  # "good", "neutral", "bad"
    zone_start: bool = False


def clean_text(text: str) -> str:
    """The article text without page furniture; paragraphs separated by one blank line."""
    units = _units(text)
    if not units:
        return ""
    for unit in units:
        _classify(unit)
    _mark_teasers(units)
    _resolve_neutral(units)
    units = _cut_trailing_zone(units)
    return _join([u for u in units if u.kind != "bad"])


def has_sentence(text: str) -> bool:
    """Whether any line or paragraph reads as a sentence (three words or more, closed by punctuation).

    Extractors fall back to menu text on pages without an article; this tells the two apart.
    """
    pieces = [*text.split("\n"), *(" ".join(p.split()) for p in re.split(r"\n\s*\n", text))]
    return any(len(_WORD.findall(piece)) >= 3 and _SENTENCE_END.search(piece.rstrip()) for piece in pieces)


def _units(text: str) -> list[_Unit]:
    text = _ZERO_WIDTH.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    units: list[_Unit] = []
    for block_no, block in enumerate(_blocks(text)):
        lines = [_SPACES.sub(" ", line).strip() for line in block]
        lines = [line for line in lines if line and not _is_crumb(line)]
        if not lines:
            continue
        if _is_wrapped(lines):
            units.append(_Unit("\n".join(lines), block_no))
        else:
            units.extend(_Unit(line, block_no) for line in lines)
    return units


def _blocks(text: str) -> Iterator[list[str]]:
    """Paragraphs as lists of lines: split at blank lines, and at an indented first line
    as newswire text marks its paragraphs."""
    for block in re.split(r"\n[^\S\n]*\n", text):
        lines: list[str] = []
        previous_indent = 0
        for line in block.split("\n"):
            indent = len(line) - len(line.lstrip())
            if lines and line.strip() and indent > previous_indent:
                yield lines
                lines = []
            lines.append(line)
            if line.strip():
                previous_indent = indent
        yield lines


def _is_crumb(line: str) -> bool:
    if _HOME_CRUMB.match(line) or _RULE.match(line):
        return True
    bullet = _BULLET.match(line)
    return bool(bullet) and _score(line[bullet.end() :]) < 2


def _is_wrapped(lines: list[str]) -> bool:
    """Whether a block is one paragraph broken at a fixed width (newswire style), not a list of lines."""
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    if any(len(line) > 100 for line in inner) or sum(map(len, inner)) / len(inner) < 40:
        return False
    open_ended = sum(1 for line in inner if not _SENTENCE_END.search(line))
    return open_ended * 2 >= len(inner)


def _score(text: str) -> float:
    """Evidence that a unit is prose (positive) or furniture (negative)."""
    if _FURNITURE_LINE.match(text) or _BYLINE.match(text):
        return -10
    if len(text) <= _PROMO_MAX_CHARS and _PROMO.search(text):
        return -10
    words = _WORD.findall(text)
    prose = len(words) >= 3 and sum(1 for w in words if w.lower() in _STOPWORDS) >= 0.25 * len(words)
    score = 0.0
    if _SENTENCE_END.search(text):
        score += 1
    elif not _TRUNCATED.search(text):
        score -= 1  # a line cut off with "…" may still be prose; teasers are caught by their byline
    if prose:
        score += 1
        if _STATEMENT_END.search(text) and (text[0].isupper() or text[0] in "“\"‘'"):
            score += 1  # a short full sentence ("He declined to comment.") is content
    if len(text) < 40:
        score -= 1
    if len(text) >= 80:
        score += 1
    if len(text) >= 150:
        score += 1
    if len(words) >= 3 and sum(1 for w in words if w[0].isupper()) > 0.7 * len(words):
        score -= 0.5  # Title Case is for headlines and menus
    return score


def _classify(unit: _Unit) -> None:
    if _ZONE_HEADING.match(unit.text):
        unit.kind, unit.zone_start = "bad", True
        return
    score = _score(unit.text)
    unit.kind = "bad" if score <= -10 else "good" if score >= 2 else "neutral"


def _mark_teasers(units: list[_Unit]) -> None:
    """A link teaser: headline, truncated summary ending in '…', then a byline or date line."""
    for i in range(len(units) - 1):
        summary, byline = units[i], units[i + 1]
        if not (_TRUNCATED.search(summary.text) and _BYLINE.match(byline.text)):
            continue
        summary.kind = byline.kind = "bad"
        if i > 0:
            headline = units[i - 1]
            if (
                len(headline.text) <= 200
                and "\n" not in headline.text
                and not _STATEMENT_END.search(headline.text)
            ):
                headline.kind = "bad"


def _resolve_neutral(units: list[_Unit]) -> None:
    """Short non-sentences between furniture are furniture; next to prose they stay (headlines)."""
    i = 0
    while i < len(units):
        if units[i].kind != "neutral":
            i += 1
            continue
        j = i
        while j < len(units) and units[j].kind == "neutral":
            j += 1
        before_bad = i > 0 and units[i - 1].kind == "bad"
        after_bad = j == len(units) or units[j].kind == "bad"
        if before_bad and after_bad:
            for unit in units[i:j]:
                unit.kind = "bad"
        i = j


def _cut_trailing_zone(units: list[_Unit]) -> list[_Unit]:
    """Drop everything from a 'Related posts'-like heading on, once most of the prose lies before it."""
    sizes = [len(u.text) if u.kind == "good" and not _TRUNCATED.search(u.text) else 0 for u in units]
    total, seen = sum(sizes), 0
    for i, unit in enumerate(units):
        if unit.zone_start and seen > 0 and total - seen <= 0.25 * total:
            return units[:i]
        seen += sizes[i]
    return units


def _join(units: list[_Unit]) -> str:
    parts: list[str] = []
    for k, unit in enumerate(units):
        if k:
            parts.append("\n" if unit.block == units[k - 1].block else "\n\n")
        parts.append(unit.text)
    return "".join(parts)
