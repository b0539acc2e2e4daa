"""Scores per extraction stage, so a miss can be traced to the stage that made it.

The end-to-end scores (``kb.evaluate``) say how much is missed; these say where:

- **people**: gold people (those in an event or a statement) whom the people stage found at all;
- **quote spans**: gold quotes found between quotation marks, whoever they are given to;
- **triggers**: gold events whose sentence holds an encounter trigger, kept or not;
- **missed events by stage**: where each unmatched gold event was lost: no trigger in its
  sentence, a trigger that named no one the encounters stage kept, an event with too few of its
  people, or an event lost when the article's reports were merged;
- **participants attached**: the participants of the matched events, against the gold ones;
- **dates by expression**: matched gold dates read right, by the kind of words that date them
  in the gold sentence (a calendar date, a weekday, a relative word, or nothing there);
- **events by type**: precision and recall of the events of each type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kb.evaluate import (
    MIN_QUOTE_WORDS,
    GoldArticle,
    PredictedEvent,
    PredictedQuote,
    pair_events,
    prf,
    quote_match,
    ratio,
    same_person,
    words,
)
from kb.model import EVENT_KINDS, Extraction

__all__ = ["DATE_EXPRESSIONS", "StageReport", "score_stages"]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# The kinds of words that date an event, tried in this order on the gold evidence sentence.
DATE_EXPRESSIONS: tuple[tuple[str, re.Pattern], ...] = (
    (
        "calendar date",
        re.compile(rf"\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b|\b\d{{4}}-\d\d-\d\d\b", re.I),
    ),
    ("weekday", re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)),
    (
        "relative",
        re.compile(
            r"\b(?:yesterday|today|tomorrow|tonight|ago|(?:last|next|this|earlier this|later this|"
            r"coming|past)\s+(?:week|month|year|weekend)|weekend|midweek)\b",
            re.I,
        ),
    ),
    ("month", re.compile(rf"\b{_MONTH}\b", re.I)),
    ("no date in the sentence", re.compile(r"")),
)


# Where a gold event that no prediction matches was lost, in pipeline order.
MISS_STAGES = (
    "no trigger in its sentence",
    "trigger kept no one",
    "too few of its people",
    "lost in merging",
)


@dataclass
class StageCounts:
    people_found: int = 0
    people_gold: int = 0
    spans_found: int = 0
    quotes_gold: int = 0
    triggers_found: int = 0
    events_gold: int = 0
    attached_tp: int = 0
    attached_pred: int = 0
    attached_gold: int = 0
    misses: dict[str, int] = field(default_factory=dict)  # stage that lost a gold event -> count
    dates: dict[str, list[int]] = field(default_factory=dict)  # expression -> [right, total]
    types: dict[str, list[int]] = field(default_factory=dict)  # type -> [tp, predicted, gold]

    def add(self, other: StageCounts) -> None:
        for name in (
            "people_found",
            "people_gold",
            "spans_found",
            "quotes_gold",
            "triggers_found",
            "events_gold",
            "attached_tp",
            "attached_pred",
            "attached_gold",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, n in other.misses.items():
            self.misses[key] = self.misses.get(key, 0) + n
        for mine, theirs in ((self.dates, other.dates), (self.types, other.types)):
            for key, values in theirs.items():
                row = mine.setdefault(key, [0] * len(values))
                for i, v in enumerate(values):
                    row[i] += v


@dataclass
class StageReport:
    totals: StageCounts

    def to_dict(self) -> dict[str, Any]:
        t = self.totals
        attached = prf(t.attached_tp, t.attached_pred, t.attached_gold)
        return {
            "people_found": ratio(t.people_found, t.people_gold),
            "quote_spans_found": ratio(t.spans_found, t.quotes_gold),
            "triggers_found": ratio(t.triggers_found, t.events_gold),
            "participants_attached": attached._asdict(),
            "missed_events_by_stage": dict(t.misses),
            "dates_by_expression": {k: {"right": v[0], "of": v[1]} for k, v in t.dates.items()},
            "events_by_type": {
                k: prf(v[0], v[1], v[2])._asdict() | {"gold": v[2], "predicted": v[1]}
                for k, v in t.types.items()
            },
        }

    def to_text(self) -> str:
        t = self.totals
        attached = prf(t.attached_tp, t.attached_pred, t.attached_gold)
        out = [
            "by stage",
            f"{'people found':<34}{ratio(t.people_found, t.people_gold):>8.3f}  "
            f"({t.people_found}/{t.people_gold} gold people)",
            f"{'quote spans found':<34}{ratio(t.spans_found, t.quotes_gold):>8.3f}  "
            f"({t.spans_found}/{t.quotes_gold} gold quotes)",
            f"{'triggers found':<34}{ratio(t.triggers_found, t.events_gold):>8.3f}  "
            f"({t.triggers_found}/{t.events_gold} gold events)",
            f"{'participants attached (P / R)':<34}{attached.precision:>8.3f} / {attached.recall:.3f}  "
            f"(over matched events)",
        ]
        for stage in MISS_STAGES:
            if t.misses.get(stage):
                out.append(f"{'missed events: ' + stage:<34}{t.misses[stage]:>8}")
        for name, _ in DATE_EXPRESSIONS:
            if name in t.dates:
                right, total = t.dates[name]
                out.append(f"{'dates, ' + name:<34}{ratio(right, total):>8.3f}  ({right}/{total})")
        for kind in EVENT_KINDS:
            if kind in t.types:
                tp, pred, gold = t.types[kind]
                score = prf(tp, pred, gold)
                out.append(
                    f"{'events, ' + kind + ' (P / R)':<34}{score.precision:>8.3f} / {score.recall:.3f}"
                    f"  ({tp} matched, {pred} predicted, {gold} gold)"
                )
        return "\n".join(out)


def score_stages(golds: Iterable[GoldArticle], traces: Iterable) -> StageReport:
    """Stage figures for gold articles from the extractor's traces of them (``RuleExtractor.trace_many``)."""
    by_id = {gold.id: gold for gold in golds}
    totals = StageCounts()
    for trace in traces:
        gold = by_id.get(trace.extraction.article.id)
        if gold is not None:
            totals.add(_score_trace(gold, trace))
    return StageReport(totals)


def predictions(extraction: Extraction) -> tuple[list[PredictedEvent], list[PredictedQuote]]:
    """An extraction's events and quotes in the shape the scorer reads from the store."""
    people = extraction.people

    def names(key: str) -> set[str]:
        person = people.get(key)
        return {person.name, *person.aliases} if person else {key}

    events = [  # a contact between states only (no person) is not an encounter the gold records
        PredictedEvent(
            str(i),
            {e.kind},
            [names(k) for k in e.participants],
            [e.date.value] if e.date else [],
            e.evidence.text,
        )
        for i, e in enumerate(extraction.events)
        if e.participants
    ]
    quotes = [
        PredictedQuote(str(i), s.quote, [names(s.speaker)] if s.speaker else [])
        for i, s in enumerate(extraction.statements)
        if s.quote
    ]
    return events, quotes


def _score_trace(gold: GoldArticle, trace) -> StageCounts:
    counts = StageCounts()
    extraction = trace.extraction
    text = trace.context.text

    wanted = {p for e in gold.events for p in e.participants} | {q.speaker for q in gold.quotes}
    found_names = [{p.name, *p.aliases} for p in extraction.people.values()]
    counts.people_gold = len(wanted)
    counts.people_found = sum(
        any(same_person(gold.aliases(w), names) for names in found_names) for w in wanted
    )

    long_quotes = [q for q in gold.quotes if len(words(q.quote)) >= MIN_QUOTE_WORDS]
    spans = [q.text for q in trace.context.quotes]
    counts.quotes_gold = len(long_quotes)
    counts.spans_found = sum(any(quote_match(q.quote, s) for s in spans) for q in long_quotes)

    counts.events_gold = len(gold.events)
    trigger_sents = [(sent.start_char, sent.end_char) for sent, _ in trace.encounters.triggers]
    for event in gold.events:
        where = _locate(text, event.evidence)
        if where and any(s < where[1] and where[0] < e for s, e in trigger_sents):
            counts.triggers_found += 1

    events, _ = predictions(extraction)
    pred_people = [frozenset(gold.person(n) or "?" + min(n) for n in e.people) for e in events]
    pairs = pair_events([e.participants for e in gold.events], pred_people)
    matched_pred = {pi for _, pi in pairs}
    restated = {  # an unmatched trip of people who meet in a gold event: neither right nor wrong
        pi
        for pi, e in enumerate(events)
        if pi not in matched_pred
        and "visit" in e.types
        and any(pred_people[pi] <= g.participants for g in gold.events)
    }
    for kind in EVENT_KINDS:
        predicted = sum(kind in e.types for pi, e in enumerate(events) if pi not in restated)
        row = [0, predicted, sum(g.type == kind for g in gold.events)]
        if row[1] or row[2]:
            counts.types[kind] = row
    matched = {gi for gi, _ in pairs}
    for gi, event in enumerate(gold.events):
        if gi not in matched:
            stage = _lost_at(text, event, trace)
            counts.misses[stage] = counts.misses.get(stage, 0) + 1
    for gi, pi in pairs:
        g, p = gold.events[gi], events[pi]
        counts.attached_tp += len(g.participants & pred_people[pi])
        counts.attached_pred += len(pred_people[pi])
        counts.attached_gold += len(g.participants)
        if g.type in p.types:
            counts.types[g.type][0] += 1
        if g.date:
            expression = _expression(g.evidence or "")
            row = counts.dates.setdefault(expression, [0, 0])
            row[1] += 1
            row[0] += any(d.startswith(g.date) for d in p.dates)
    return counts


def _lost_at(text: str, event, trace) -> str:
    """The first stage after which nothing in the gold event's sentence could match it."""
    where = _locate(text, event.evidence)

    def inside(start: int, end: int) -> bool:
        return where is not None and start < where[1] and where[0] < end

    if not any(inside(sent.start_char, sent.end_char) for sent, _ in trace.encounters.triggers):
        return MISS_STAGES[0]
    drafts = [d for d in trace.encounters.drafts if inside(d.sent.start_char, d.sent.end_char)]
    if not drafts:
        return MISS_STAGES[1]
    if any(inside(e.evidence.start, e.evidence.end) for e in trace.extraction.events):
        return MISS_STAGES[2]
    return MISS_STAGES[3]


def _expression(sentence: str) -> str:
    for name, pattern in DATE_EXPRESSIONS:
        if pattern.search(sentence):
            return name
    return DATE_EXPRESSIONS[-1][0]


def _locate(text: str, evidence: str | None) -> tuple[int, int] | None:
    """Where a gold evidence sentence stands in the text, whatever its line breaks and spacing."""
    if not evidence:
        return None
    pattern = r"\s+".join(re.escape(w) for w in evidence.split())
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None
