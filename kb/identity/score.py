"""How likely two reported events are one encounter: a score from 0 to 1 with its reasons.

Reports of one event IRI (the same kind, people, day and status) are one ``Unit`` already.
Two units can be one encounter only when nothing rules it out: they come from different
articles, their kinds are compatible (a visit with its host is the meeting with that host),
they share at least two participants (or are the same single person's visit), and their dates
agree within a day (``timing``). They are then scored on how much they share:

    score = kind factor x (0.4 x people + 0.4 x date + 0.2 x place)

A planned report and a report of what occurred are compared the same way, to link a plan to
the encounter it announced (never to merge them); the plan must have been announced before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from kb.identity.records import Place, Record
from kb.identity.timing import Span, agreement, span
from kb.kinds import KINDS

WEIGHTS = (0.4, 0.4, 0.2)  # people, date, place
DEFAULT_THRESHOLD = 0.65
_NEAR_KINDS = frozenset({"meeting", "visit"})
PRECISION_RANK = {"day": 0, "month": 1}


@dataclass(frozen=True)
class Part:
    value: float
    reason: str


@dataclass(frozen=True)
class Score:
    """The score of a pair of units, and the parts it is made of (to explain a decision)."""

    total: float
    kind: Part
    people: Part
    date: Part
    place: Part
    link: bool  # a plan and what occurred: they can be linked, never merged

    def reasons(self) -> str:
        parts = [f"{name} {p.value:.2f} ({p.reason})" for name, p in
                 (("people", self.people), ("date", self.date), ("place", self.place))]
        factor = "" if self.kind.value == 1 else f" x kind {self.kind.value:.2f} ({self.kind.reason})"
        return ", ".join(parts) + factor


@dataclass(frozen=True)
class Unit:
    """Every record of one event IRI: one article's report, or several identical ones."""

    event: str
    records: tuple[Record, ...]

    @classmethod
    def group(cls, records: Iterable[Record]) -> list[Unit]:
        by_event: dict[str, list[Record]] = {}
        for record in records:
            by_event.setdefault(record.event, []).append(record)
        return [cls(e, tuple(sorted(rs, key=lambda r: r.article))) for e, rs in sorted(by_event.items())]

    @property
    def first(self) -> Record:
        return self.records[0]

    @property
    def kind(self) -> str:
        return self.first.kind

    @property
    def status(self) -> str:
        return self.first.status

    @property
    def parties(self) -> frozenset[str]:
        return self.first.parties

    @property
    def date(self) -> str | None:
        return self.first.date

    @cached_property
    def articles(self) -> frozenset[str]:
        return frozenset(r.article for r in self.records)

    @cached_property
    def places(self) -> frozenset[Place]:
        return frozenset(p for r in self.records for p in r.places)

    @cached_property
    def published(self) -> str | None:
        dates = [r.published for r in self.records if r.published]
        return min(dates) if dates else None

    @cached_property
    def span(self) -> Span | None:
        return span(self.date, self.published, self.status)

    @property
    def rank(self) -> tuple[int, str]:
        """Sort key of the unit that names an encounter: the most precisely dated, then the first IRI."""
        precision = self.span.precision if self.span else None
        return PRECISION_RANK.get(precision, 2) if self.date else 3, self.event


def compare(a: Unit, b: Unit) -> Score | None:
    """The score of two units, or None when they cannot be the same encounter (nor plan and encounter)."""
    found = assess(a, b)
    return found if isinstance(found, Score) else None


def assess(a: Unit, b: Unit) -> Score | str:
    """The score of two units, or the reason they cannot be one encounter."""
    if a.articles & b.articles:
        return "reported by the same article"  # one article's two reports are told apart by the extractor
    if a.span is None or b.span is None:
        return "no date, and no publication date to tell when"
    kind = _kind(a.kind, b.kind)
    if kind is None:
        return f"a {a.kind.replace('_', ' ')} and a {b.kind.replace('_', ' ')}"
    people = _people(a, b)
    if people is None:
        return "fewer than two people in common"
    link = a.status != b.status
    if link:
        plan, held = (a, b) if a.status == "planned" else (b, a)
        if plan.published and held.span.last < dt.date.fromisoformat(plan.published):
            return "the plan was reported after the encounter"
    when = agreement(a.span, b.span)
    if when is None:
        return f"dates too far apart ({_when(a)} and {_when(b)})"
    date = Part(*when)
    place = _place(a.places, b.places)
    w_people, w_date, w_place = WEIGHTS
    total = kind.value * (w_people * people.value + w_date * date.value + w_place * place.value)
    return Score(round(total, 4), kind, people, date, place, link)


def _when(unit: Unit) -> str:
    return unit.date or f"undated, published {unit.published}"


def _kind(a: str, b: str) -> Part | None:
    if a == b:
        return Part(1.0, "the same kind")
    if KINDS.base(a) == KINDS.base(b):  # a kind of the table and the kind whose rules it follows
        return Part(1.0, f"a {a.replace('_', ' ')} is a {KINDS.base(a).replace('_', ' ')}")
    if {KINDS.base(a), KINDS.base(b)} == _NEAR_KINDS:
        return Part(0.9, "a visit and a meeting")
    return None


def _people(a: Unit, b: Unit) -> Part | None:
    shared = a.parties & b.parties
    if a.parties == b.parties:
        return Part(1.0, "the same people")
    small = min(len(a.parties), len(b.parties))
    if small == 1 and len(shared) == 1 and a.kind == b.kind == "visit":
        return Part(0.5, "the same visitor, one report names the host")
    if len(shared) < 2:
        return None
    union = len(a.parties | b.parties)
    value = 0.5 * len(shared) / union + 0.5 * len(shared) / small
    return Part(round(value, 4), f"{len(shared)} shared of {union}")


def _place(a: frozenset[Place], b: frozenset[Place]) -> Part:
    if not a or not b:
        return Part(0.5, "no place in " + ("either report" if not a and not b else "one report"))
    return max((_place_pair(x, y) for x in a for y in b), key=lambda p: p.value)


def _place_pair(x: Place, y: Place) -> Part:
    if x.iri == y.iri:
        return Part(1.0, f"both in {_name(x.iri)}")
    if x.country and x.country == y.country:
        if x.whole_country or y.whole_country:
            inner, outer = (y, x) if x.whole_country else (x, y)
            return Part(0.8, f"{_name(inner.iri)} lies in {_name(outer.iri)}")
        return Part(0.2, f"{_name(x.iri)} and {_name(y.iri)}, in one country")
    if x.country and y.country:
        return Part(0.0, f"{_name(x.iri)} and {_name(y.iri)}, in different countries")
    return Part(0.2, f"{_name(x.iri)} and {_name(y.iri)}")


def _name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]
