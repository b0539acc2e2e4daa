"""Statements: who said the words inside each quote, to whom, and what was said indirectly.

Quotes are attributed to the speech verb beside them ("...," Putin told Jaishankar), through
clause chains, pronouns and titles; a quote with no attribution of its own continues the
words of the last person reported speaking just before it. Reported speech ("Putin said the
calendar is difficult") becomes ``content``, not a quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.extract.context import ArticleContext
from kb.extract.people import People
from kb.extract.quotes import (
    QuoteSpan,
    addressee_of,
    normalise_quote,
    speech_verb,
    subject_candidates,
    subject_of,
)
from kb.model import Statement

__all__ = ["Statements", "read_statements"]

_CONTINUES_WITHIN = 600  # characters after a speaker's last words that an unattributed quote continues them


@dataclass
class Statements:
    """The article's statements, and who speaks in each quote (for "I", "we" inside it)."""

    items: list[Statement] = field(default_factory=list)
    quote_speakers: dict[int, str | None] = field(default_factory=dict)  # quote index -> speaker key
    quotes: list[QuoteSpan] = field(default_factory=list)

    def speaker_at(self, offset: int) -> str | None:
        """The speaker of the quote holding a character offset, if it has one."""
        for qi, quote in enumerate(self.quotes):
            if quote.start <= offset < quote.end:
                return self.quote_speakers.get(qi)
        return None


def read_statements(ctx: ArticleContext, people: People) -> Statements:
    """Indirect speech, then every quote with its speaker and addressee where they are named."""
    out = Statements(quotes=ctx.quotes)
    out.items.extend(_indirect_speech(ctx, people))
    for qi, quote in enumerate(ctx.quotes):
        verb, speaker_tok = _attribution(ctx, quote)
        speaker = None
        addressee = None
        if verb is not None:
            for candidate in subject_candidates(verb) if speaker_tok is not None else []:
                found = people.resolve(candidate)
                if found:
                    speaker = found[0]
                    break
            target = addressee_of(verb) if verb.lemma_.lower() != "according" else None
            if target is not None:
                found = people.resolve(target)
                addressee = found[0] if found else None
        else:
            speaker = _recent_speaker(out.items, quote.start)
        if speaker == addressee:
            addressee = None
        out.quote_speakers[qi] = speaker
        if speaker is None:
            continue  # an organisation's statement, a title in quotes, or words nobody is named for
        out.items.append(
            Statement(
                speaker=speaker,
                quote=normalise_quote(quote.text),
                addressee=addressee,
                evidence=ctx.evidence(quote.start, quote.end, verb),
                confidence=0.9 if verb is not None else 0.6,
            )
        )
    return out


def _attribution(ctx: ArticleContext, quote: QuoteSpan):
    """The speech verb (and its subject) that introduces a quote, in or around its sentence."""
    doc = ctx.doc
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None:
        return None, None
    sents = [first[0].sent, first[-1].sent]
    candidates = []
    for sent in dict.fromkeys(sents):
        for tok in sent:
            if ctx.in_quote[tok.i]:
                continue
            if speech_verb(tok):
                subject = subject_of(tok)
                distance = min(abs(tok.idx - quote.end), abs(tok.idx - quote.start))
                candidates.append((subject is None, distance, tok, subject))
            elif tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(doc) else False:
                pobj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                candidates.append((pobj is None, abs(tok.idx - quote.start), tok, pobj))
    if not candidates:
        # "Lavrov said:" at the end of the previous sentence, then the quote
        start_sent = first[0].sent
        if start_sent.start > 0:
            prev = doc[start_sent.start - 1].sent
            tail = doc.text[prev.end_char - 2 : prev.end_char].strip()
            if tail.endswith(":") or tail.endswith(","):
                for tok in reversed(list(prev)):
                    if speech_verb(tok) and not ctx.in_quote[tok.i]:
                        return tok, subject_of(tok)
        return None, None
    candidates.sort(key=lambda c: (c[0], c[1]))
    _, _, verb, subject = candidates[0]
    return verb, subject


def _recent_speaker(statements: list[Statement], offset: int) -> str | None:
    """A quote with no attribution of its own continues the words of the last person reported
    speaking just before it (a paragraph that is only a quote, after "Putin said ...")."""
    best = None
    for statement in statements:
        ev = statement.evidence
        near = statement.speaker and ev.start < offset and offset - ev.end < _CONTINUES_WITHIN
        if near and (best is None or ev.start >= best.evidence.start):
            best = statement
    return best.speaker if best else None


def _indirect_speech(ctx: ArticleContext, people: People) -> list[Statement]:
    """Reported speech: "Putin said the calendar is difficult" -> content, not quote."""
    out = []
    quoted = [0]  # quoted[i]: tokens inside quotes before token i
    for flag in ctx.in_quote:
        quoted.append(quoted[-1] + flag)
    for tok in ctx.doc:
        if ctx.in_quote[tok.i] or not speech_verb(tok):
            continue
        comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        if comp is None:
            continue
        # the clause's edges, not list(comp.subtree): its nested generators made deep parses cubic
        first, last = comp.left_edge, comp.right_edge
        size = last.i - first.i + 1
        if quoted[last.i + 1] - quoted[first.i] > size / 2 or size < 4:
            continue
        subject = subject_of(tok)
        speakers = people.resolve(subject) if subject is not None else []
        if not speakers:
            continue
        start, end = first.idx, last.idx + len(last)
        if first.lower_ == "that":
            start = ctx.doc[first.i + 1].idx
        content = ctx.article.text[start:end].strip(" ,.;")
        target = addressee_of(tok)
        addressee = (people.resolve(target) or [None])[0] if target is not None else None
        out.append(
            Statement(
                speaker=speakers[0],
                content=" ".join(content.split()),
                addressee=addressee if addressee != speakers[0] else None,
                evidence=ctx.sentence_evidence(tok.sent),
                confidence=0.6,
            )
        )
    return out
