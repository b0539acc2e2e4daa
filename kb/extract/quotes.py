"""Direct quotations: where they are in the text, and who said them to whom.

Quotes may span sentences, be split by their attribution ("...," he said, "..."), use straight
or curly marks, or stand in a paragraph of their own after the sentence naming the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.lexicon import SPEECH_VERBS

_OPENING = "“«„"
_CLOSING = "”»"
_MARK_CHARS = '"“”«»„'
_MARKS = re.compile(f"[{_MARK_CHARS}]")
_OPEN_BEFORE = "([{—–-:"  # characters after which a mark opens a quote
_CLOSE_AFTER = ".,;:!?)]}—–-"  # characters before which a mark closes one
_MAX_QUOTE_CHARS = 3000
_MIN_STRAY_WORDS = 3
_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
# Where an unclosed quote ends: a line break after the end of a sentence, else the sentence's end.
_LINE_END = re.compile(r'[.!?]["”’]?[ \t]*\n')
_SENTENCE_END = re.compile(r'[.!?](?=\s+["“]?[A-Z])')
_SENTENCE_START = re.compile(r'(?:^|[.!?]["”’]?\s+)(?=["“]?[A-Z])')


@dataclass
class QuoteSpan:
    start: int  # offset of the first character inside the marks
    end: int  # offset of the closing mark (exclusive end of the inside)
    text: str


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quoted stretches, paragraph by paragraph.

    Scraped and web text mixes curly and straight marks, writes them the wrong way round, drops
    the opening mark of a quote's paragraph, or never closes a quote that runs on. So a mark is
    read as opening or closing from the characters beside it (a mark after a space and before a
    word opens), and only when those do not tell, from its shape. A quote left open ends where
    its line or its sentence does, so one bad mark does not swallow the rest of the article; a
    closing mark with no opening one closes a quote that began with its sentence.
    """
    spans: list[QuoteSpan] = []
    for para in _PARAGRAPH.finditer(text):
        spans.extend(_quotes_in(text, para.start(), para.end()))
    return spans


def _quotes_in(text: str, start: int, end: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    opened: int | None = None  # offset of the mark that opened the quote being read
    floor = start  # a stray closing mark's quote begins after this
    for match in _MARKS.finditer(text, start, end):
        i = match.start()
        if _opens(text, i, start, end, opened is not None):
            if opened is not None:  # a new quote opens: the last one was never closed
                close = _open_end(text, opened + 1, i)
                if close < i:  # it ended with a sentence before the new one; else it runs into it
                    _emit(out, text, opened + 1, close)
                    floor = close
            opened = i
        elif opened is not None:
            _emit(out, text, opened + 1, i)
            opened, floor = None, i + 1
        else:  # a closing mark after a sentence's words, with nothing open: the opening mark was lost
            begin = _sentence_start(text, floor, i)
            if text[i - 1] in ".,!?" and len(_WORD.findall(text[begin:i])) >= _MIN_STRAY_WORDS:
                _emit(out, text, begin, i)
            floor = i + 1
    if opened is not None:
        _emit(out, text, opened + 1, _open_end(text, opened + 1, end, paragraph_end=True))
    return out


def _opens(text: str, i: int, start: int, end: int, inside: bool) -> bool:
    """Whether the mark at ``i`` opens a quote: by its neighbours, else by its shape."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    opening_side = before.isspace() or before in _OPEN_BEFORE
    closing_side = after.isspace() or after in _CLOSE_AFTER or after in _MARK_CHARS
    if opening_side and not closing_side:
        return True
    if closing_side and not opening_side:
        return False
    mark = text[i]
    if mark in _OPENING:
        return True
    if mark in _CLOSING:
        return False
    return not inside


def _open_end(text: str, begin: int, limit: int, paragraph_end: bool = False) -> int:
    """Where a quote that is never closed ends: at the first line that ends a sentence, or, in a
    paragraph of one line, at the end of its first sentence (or of the paragraph)."""
    line = _LINE_END.search(text, begin, limit)
    if line is not None:
        return line.start() + 1
    if paragraph_end:
        return limit
    sentence = _SENTENCE_END.search(text, begin, limit)
    return sentence.start() + 1 if sentence is not None else limit  # the limit: no end found


def _sentence_start(text: str, floor: int, i: int) -> int:
    """The start of the sentence (or line) a stray closing mark ends."""
    begin = floor
    for m in _SENTENCE_START.finditer(text, floor, i):
        begin = m.end()
    line = text.rfind("\n", floor, i)
    return max(begin, line + 1)


def _emit(out: list[QuoteSpan], text: str, begin: int, end: int) -> None:
    inner = text[begin:end]
    stripped = inner.strip()
    if stripped and _WORD.search(stripped) and len(inner) <= _MAX_QUOTE_CHARS:
        lead = len(inner) - len(inner.lstrip())
        out.append(QuoteSpan(begin + lead, begin + lead + len(stripped), stripped))


def normalise_quote(text: str) -> str:
    """The words of a quote without the comma or full stop the attribution forces on them."""
    text = " ".join(text.split())
    return text[:-1] if len(text) > 1 and text[-1] == "," else text


def speech_verb(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS


def subject_of(verb):
    """The grammatical subject of a verb (looking through conjuncts, participles and clauses)."""
    candidates = subject_candidates(verb)
    return candidates[0] if candidates else None


def subject_candidates(verb) -> list:
    """Subjects from the verb outwards: its own, then those of the clauses it hangs from.
    "Ryzhkov said work lay ahead but added, '...'": "added" hangs from "lay" (subject "work"),
    which hangs from "said" (subject Ryzhkov); the caller keeps the first that is a person."""
    out = []
    node = verb
    for _ in range(4):
        out.extend(c for c in node.children if c.dep_ in ("nsubj", "nsubjpass"))
        head = node.head
        if head == node or node.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "acl", "pcomp", "prep"):
            break
        if node.dep_ == "acl" and head.dep_ in ("dobj", "pobj", "attr"):
            head = head.head  # "set out the position, saying": the one who set it out
        if head.pos_ not in ("VERB", "AUX", "ADP"):
            break
        node = head
    return out


def addressee_of(verb):
    if verb.lemma_.lower() == "tell":
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj"):
                return child
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None
