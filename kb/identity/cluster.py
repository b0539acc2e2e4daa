"""Which reported events are one encounter: a deterministic function of the reports, not of their order.

1. Units scoring at least the threshold are *connected* (merge or plan link); each connected
   group is decided alone, so a new report only reopens the groups it connects to.
2. Within a group, units of the same status are merged best pair first (highest score, then
   IRI order), never putting together two units that cannot be one encounter (two reports of one
   article, dates two days apart, different people): three reports of two meetings a day apart
   do not become one through an undated report between them.
3. An encounter is named by the IRI of its most precisely dated unit (then the first IRI), so a
   single report keeps the IRI it was minted with.
4. Each planned encounter is linked to the occurred encounter of its group it matches best.

Every step sorts before it chooses, so any order of ingest gives the same encounters and IRIs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kb.identity.keys import keys, probe_keys
from kb.identity.score import Score, Unit, compare
from kb.rdf.iris import encounter_group_iri


@dataclass
class Encounter:
    """One encounter: the units merged into it, and the plans that announced it."""

    iri: str
    units: list[Unit]
    group: str
    planned_as: list[str] = field(default_factory=list)  # IRIs of planned encounters linked to it

    @property
    def records(self):
        return [r for u in self.units for r in u.records]

    @property
    def status(self) -> str:
        return self.units[0].status


class Scores:
    """Pairwise scores of a set of units, each computed once."""

    def __init__(self, units: Iterable[Unit]):
        self.units = sorted(units, key=lambda u: u.event)
        self._scores: dict[tuple[str, str], Score | None] = {}

    def get(self, a: Unit, b: Unit) -> Score | None:
        key = (a.event, b.event) if a.event < b.event else (b.event, a.event)
        if key not in self._scores:
            self._scores[key] = compare(a, b)
        return self._scores[key]


def encounters(units: Iterable[Unit], threshold: float) -> list[Encounter]:
    """The encounters of ``units`` (a set closed under connection: every unit's matches are in it).

    Only units that share a lookup key are compared, as the index would find them.
    """
    scores = Scores(units)
    graph = nx.Graph()
    graph.add_nodes_from(u.event for u in scores.units)
    by_event = {u.event: u for u in scores.units}
    stored: dict[str, list[str]] = {}
    for unit in scores.units:
        for key in sorted({k for r in unit.records for k in keys(r)}):
            stored.setdefault(key, []).append(unit.event)
    for unit in scores.units:
        near = {e for k in probe_keys([unit]) for e in stored.get(k, ()) if e > unit.event}
        for event in sorted(near):
            score = scores.get(unit, by_event[event])
            if score is not None and score.total >= threshold:
                graph.add_edge(unit.event, event)
    out = []
    for members in sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: c[0]):
        out.extend(_decide_group([by_event[e] for e in members], scores, threshold))
    return out


def _decide_group(units: list[Unit], scores: Scores, threshold: float) -> list[Encounter]:
    group = encounter_group_iri(units[0].event).value
    cluster_of = {u.event: i for i, u in enumerate(units)}
    members: dict[int, list[Unit]] = {i: [u] for i, u in enumerate(units)}
    pairs = []
    for a, b in combinations(units, 2):
        score = scores.get(a, b)
        if score is not None and not score.link and score.total >= threshold:
            pairs.append((-score.total, a.event, b.event))
    for _, x, y in sorted(pairs):
        cx, cy = cluster_of[x], cluster_of[y]
        if cx == cy or not _can_merge(members[cx], members[cy], scores):
            continue
        keep, gone = min(cx, cy), max(cx, cy)
        for unit in members.pop(gone):
            members[keep].append(unit)
            cluster_of[unit.event] = keep
    found = []
    for cluster in members.values():
        cluster.sort(key=lambda u: u.rank)
        found.append(Encounter(cluster[0].event, sorted(cluster, key=lambda u: u.event), group))
    found.sort(key=lambda e: e.iri)
    _link_plans(found, scores, threshold)
    return found


def _can_merge(a: list[Unit], b: list[Unit], scores: Scores) -> bool:
    for x in a:
        for y in b:
            score = scores.get(x, y)
            if score is None or score.link:
                return False
    return True


def _link_plans(found: list[Encounter], scores: Scores, threshold: float) -> None:
    held = [e for e in found if e.status == "occurred"]
    for plan in (e for e in found if e.status == "planned"):
        best = None
        for target in held:
            pair_scores = [s.total for u in plan.units for v in target.units
                           if (s := scores.get(u, v)) is not None and s.link]
            if pair_scores and max(pair_scores) >= threshold:
                key = (-max(pair_scores), target.iri)
                best = min(best, (key, target)) if best else (key, target)
        if best:
            best[1].planned_as.append(plan.iri)
    for e in held:
        e.planned_as.sort()
