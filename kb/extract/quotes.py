"""Direct quotations: where they are in the text, and who said them to whom.

Quotes may span sentences, be split by their attribution ("...," he said, "..."), use straight
or curly marks, or stand in a paragraph of their own after the sentence naming the speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.lexicon import SPEECH_VERBS

OPENERS = {"“": "”", '"': '"', "«": "»", "„": "“"}
_MAX_QUOTE_CHARS = 3000
_WORD = re.compile(r"\w+")


@dataclass
class QuoteSpan:
    start: int  # offset of the first character inside the marks
    end: int  # offset of the closing mark (exclusive end of the inside)
    text: str


def find_quotes(text: str) -> list[QuoteSpan]:
    """Quoted stretches, paragraph by paragraph; an unclosed quote ends with its paragraph."""
    spans: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        spans.extend(_quotes_in(text, para.start(), para.end()))
    return spans


def _quotes_in(text: str, start: int, end: int) -> list[QuoteSpan]:
    out = []
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENERS and _opens(text, i, start):
            closer = OPENERS[ch]
            j = _find_closer(text, i + 1, end, ch, closer)
            inner_end = j if j is not None else end
            inner = text[i + 1 : inner_end]
            stripped = inner.strip()
            if stripped and _WORD.search(stripped) and len(inner) <= _MAX_QUOTE_CHARS:
                lead = len(inner) - len(inner.lstrip())
                out.append(QuoteSpan(i + 1 + lead, i + 1 + lead + len(stripped), stripped))
            i = (j + 1) if j is not None else end
        else:
            i += 1
    return out


def _opens(text: str, i: int, para_start: int) -> bool:
    if text[i] != '"':
        return True
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


def _find_closer(text: str, i: int, end: int, opener: str, closer: str) -> int | None:
    while i < end:
        ch = text[i]
        if ch == closer and (closer != '"' or i + 1 >= end or not text[i + 1].isalnum()):
            return i
        if opener != closer and ch == opener:
            return None  # a new quote opens: this one was never closed
        i += 1
    return None


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
