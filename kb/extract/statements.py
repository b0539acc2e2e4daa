"""Statements: who said the words inside each quote, to whom, and what was said indirectly.

Quotes are attributed to the speech verb beside them ("...," Putin told Jaishankar), through
clause chains, pronouns and titles; a quote with no attribution of its own continues the
words of the last person reported speaking just before it. Reported speech ("Putin said the
calendar is difficult") becomes ``content``, not a quote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice

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
            speaker = _speaker(ctx, people, verb, speaker_tok, out.items)
            target = addressee_of(verb) if verb.lower_ != "according" and verb.lemma_ != "quote" else None
            if target is not None:
                found = people.resolve(target)
                addressee = found[0] if found else None
        else:
            speaker = _describer(ctx, people, quote) or _recent_speaker(out.items, quote.start)
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
        for tok, subject in _speech_words(ctx, sent):
            if tok.lower_ == "according":
                candidates.append((subject is None, abs(tok.idx - quote.start), tok, subject))
            else:
                distance = min(abs(tok.idx - quote.end), abs(tok.idx - quote.start))
                candidates.append((subject is None, distance, tok, subject))
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


def _speech_words(ctx: ArticleContext, sent) -> list:
    """The speech verbs (with their subjects) and "according to"s outside quotes in a sentence,
    found once per sentence however many quotes it holds."""
    cache = ctx.doc.user_data.setdefault("dipkb_speech", {})
    found = cache.get(sent.start)
    if found is None:
        found = []
        doc = ctx.doc
        for tok in sent:
            if ctx.in_quote[tok.i]:
                continue
            if speech_verb(tok):
                found.append((tok, subject_of(tok)))
            elif tok.lower_ == "according" and tok.i + 1 < len(doc) and tok.nbor(1).lower_ == "to":
                found.append((tok, next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)))
        cache[sent.start] = found
    return found


def _speaker(ctx: ArticleContext, people: People, verb, subject, statements: list[Statement]) -> str | None:
    """The person who says the words: the speech verb's subject (through its clause chain), the
    person "according to", or the one a news agency "quoted as saying"; a "he said" goes on
    with the speaker of the quotes just before unless someone else is named in between."""
    if verb.lower_ == "according":
        candidates = [subject] if subject is not None else []
    elif subject is None:
        return None
    else:
        candidates = subject_candidates(verb)
        quoting = next((v for v in (verb, *islice(verb.ancestors, 4)) if v.lemma_.lower() == "quote"), None)
        if quoting is not None:  # "Kyodo quoted Nakasone as telling reporters"
            candidates = [c for c in quoting.children if c.dep_ == "dobj"] + candidates
    for candidate in candidates:
        if candidate.lower_ in ("he", "she") and not ctx.in_quote[candidate.i]:
            continuing = _continuing_speaker(ctx, people, candidate, statements)
            if continuing is not None:
                return continuing
        found = people.resolve(candidate)
        if found:
            return found[0]
    return None


def _continuing_speaker(
    ctx: ArticleContext, people: People, pronoun, statements: list[Statement]
) -> str | None:
    """ "'...,' he said." right after another quote: the same speaker, unless someone else is
    named (outside quotes) between that quote and the pronoun."""
    sent = pronoun.sent
    previous = [s for s in statements if s.quote and s.speaker and s.evidence.end <= sent.start_char]
    if not previous:
        return None
    last = max(previous, key=lambda s: s.evidence.end)
    between = [s for s in ctx.doc.sents if last.evidence.end <= s.start_char < sent.start_char]
    if len(between) > 1:
        return None
    doc = ctx.doc
    span = doc.char_span(last.evidence.end, pronoun.idx, alignment_mode="expand")
    others = {people.person_at(t) for t in span or [] if not ctx.in_quote[t.i]} - {None, last.speaker}
    return None if others else last.speaker


def _describer(ctx: ArticleContext, people: People, quote: QuoteSpan) -> str | None:
    """ "Putin called the shoot-down 'a stab in the back'": words quoted inside a sentence about
    a person are that person's, when no speech verb introduces them."""
    span = ctx.doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or span.root.head == span.root:
        return None
    node = span.root.head
    for _ in range(5):
        if node.pos_ in ("VERB", "AUX") and not ctx.in_quote[node.i]:
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            found = people.resolve(subject) if subject is not None and not ctx.in_quote[subject.i] else []
            return found[0] if found else None
        if node.head == node:
            return None
        node = node.head
    return None


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
