"""What every extraction stage reads about one article: its parse, quotes, dateline and day.

Built once per article by ``build_context``; the stages after it (people, statements,
encounters, dating, placing, merging) take it and return plain records, so each can be run
and tested on its own, in the order the pipeline gives, without hidden state between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from kb.extract.dates import dateline_date, dateline_end
from kb.extract.nlp import headline_end
from kb.extract.quotes import QuoteSpan, find_quotes
from kb.model import Article, DateValue, Span
from kb.reference.gazetteer import Gazetteer

__all__ = ["MAX_PARSE_CHARS", "ArticleContext", "build_context"]

MAX_PARSE_CHARS = 200_000  # longer texts are cut: no news article is this long
_OPENING_MARKS = '“"«‘'
_CLOSING_MARKS = '”"»’'


@dataclass
class ArticleContext:
    """One parsed article and the facts about it that several stages need."""

    article: Article
    doc: object  # the spaCy Doc of ``text``
    text: str  # the article text as parsed (cut at MAX_PARSE_CHARS)
    gazetteer: Gazetteer
    quotes: list[QuoteSpan]
    in_quote: list[bool]  # per token: inside quotation marks
    dateline_end: int  # offset just past the dateline, or 0
    headline_end: int  # offset just past a headline line at the start, or 0
    dateline: DateValue | None  # the date the dateline gives
    story_day: date | None  # the day relative dates count from

    def evidence(self, start: int, end: int, verb=None) -> Span:
        """The sentence(s) from ``start`` to ``end`` (widened to whole sentences, and to the
        sentence of ``verb``), with the quotation marks that open or close them."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            start = min(start, span[0].sent.start_char)
            end = max(end, span[-1].sent.end_char)
        if verb is not None:
            start = min(start, verb.sent.start_char)
            end = max(end, verb.sent.end_char)
        text = self.article.text
        while end < len(text) and text[end] in _CLOSING_MARKS:
            end += 1
        while start > 0 and text[start - 1] in _OPENING_MARKS:
            start -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end, text[start:end])

    def sentence_evidence(self, sent) -> Span:
        return self.evidence(sent.start_char, sent.end_char)


def build_context(article: Article, doc, gazetteer: Gazetteer) -> ArticleContext:
    """The context of an article parsed into ``doc`` (a parse of ``prepare_text(article.text)``)."""
    text = article.text[:MAX_PARSE_CHARS]
    quotes = find_quotes(text)
    dateline = dateline_date(text[:200], article.published)
    return ArticleContext(
        article=article,
        doc=doc,
        text=text,
        gazetteer=gazetteer,
        quotes=quotes,
        in_quote=_quote_mask(doc, quotes),
        dateline_end=dateline_end(text),
        headline_end=headline_end(text, article.title),
        dateline=dateline,
        story_day=_story_day(dateline, article.published),
    )


def sentence_ents(sent) -> list:
    """``sent.ents``, from the document's entities listed once: ``Span.ents`` lists them all on
    every call, which made reading a long document quadratic."""
    doc = sent.doc
    cached = doc.user_data.get("dipkb_ents")
    if cached is None:
        ents = list(doc.ents)
        cached = doc.user_data["dipkb_ents"] = (ents, [e.start for e in ents])
    ents, starts = cached
    out = []
    for ent in ents[bisect_left(starts, sent.start) :]:
        if ent.end > sent.end:
            break
        out.append(ent)
    return out


_CAPTION = re.compile(
    r"^\s*FILE\b|,\s+(?:left|right|center|centre|front|rear|top|bottom)(?:\s+\w+)?,"
    r"|,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+)?(?:19|20)\d\d\.?\s*$"
)


def is_caption(sent) -> bool:
    """Whether a sentence is a photo caption ("FILE - X, left, greets Y in Z, May 3, 2016."),
    which interrupts the story: a pronoun after it does not mean the people it shows."""
    cache = sent.doc.user_data.setdefault("dipkb_captions", {})
    if sent.start not in cache:
        cache[sent.start] = bool(_CAPTION.search(sent.text))
    return cache[sent.start]


def entity_at(token):
    """The named entity a token is part of, if any."""
    for ent in sentence_ents(token.sent):
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _story_day(dateline: DateValue | None, published: date | None) -> date | None:
    """The day relative dates count from: a wire story's dateline names the day it was written,
    which a later publication date (a weekly's, an archive's) need not."""
    if dateline is not None and dateline.precision == "day":
        return date.fromisoformat(dateline.value)
    return published


def _quote_mask(doc, quotes: list[QuoteSpan]) -> list[bool]:
    mask = [False] * len(doc)
    if not quotes:
        return mask
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi].end <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= tok.idx < quotes[qi].end:
            mask[tok.i] = True
    return mask
