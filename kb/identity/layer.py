"""Writing article graphs with the encounter layer kept in step, one transaction per write.

For each write the layer reads the written articles' events (``records``), looks up what they
can match in the candidate index, and rebuilds only the connected groups they touch: the
groups of the articles' old events (a replaced or removed article can split its encounter)
and those its new events connect to. Everything else in the store is left as it is.

The merge threshold is a setting of the store, kept in the index: opening the layer with
another threshold decides every encounter again (``rebuild``), as does a store written before
the layer existed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence

from pyoxigraph import NamedNode, Quad

from kb.errors import ConfigError
from kb.identity import index
from kb.identity.cluster import Encounter, encounters
from kb.identity.keys import party_key, probe_keys
from kb.identity.records import Record, records_from_quads
from kb.identity.score import DEFAULT_THRESHOLD, Unit, compare
from kb.identity.update import region_update
from kb.rdf.iris import ENCOUNTERS_GRAPH, INDEX_GRAPH, encounter_group_iri
from kb.store import Store
from kb.store.base import OUR_GRAPHS

THRESHOLD_VARIABLE = "KB_MERGE_THRESHOLD"
_REBUILD_BATCH = 500  # encounters per transaction when every encounter is decided again


def default_threshold() -> float:
    """The merge threshold from $KB_MERGE_THRESHOLD, else the default."""
    text = os.environ.get(THRESHOLD_VARIABLE)
    if not text:
        return DEFAULT_THRESHOLD
    try:
        return check_threshold(float(text))
    except ValueError:
        raise ConfigError(f"{THRESHOLD_VARIABLE}: '{text}' is not a number between 0 and 1") from None


def check_threshold(value: float) -> float:
    if not 0 < value <= 1:
        raise ConfigError(f"the merge threshold must be above 0 and at most 1, not {value:g}")
    return value


class EncounterLayer:
    """Writes article graphs into ``store`` and keeps their events merged into encounters."""

    def __init__(self, store: Store, threshold: float | None = None):
        self.store = store
        self._requested = None if threshold is None else check_threshold(threshold)
        self._threshold: float | None = None

    @property
    def threshold(self) -> float:
        if self._threshold is None:
            self.prepare()
        assert self._threshold is not None
        return self._threshold

    def stored_threshold(self) -> float:
        """The threshold the store's encounters were decided with (the default for a store without them)."""
        return index.settings(self.store)[1] or default_threshold()

    def prepare(self, progress: Callable[[str], None] | None = None) -> None:
        """Build the layer, or decide every encounter again, when the store needs it."""
        version, stored = index.settings(self.store)
        wanted = self._requested or stored or default_threshold()
        if version != index.VERSION or stored != wanted:
            if progress and (version is not None or self._has_events()):
                progress(f"deciding which reports are one encounter (merge threshold {wanted:g})")
            self.rebuild(wanted, from_index=version == index.VERSION)
        self._threshold = wanted

    def replace(self, graphs: Mapping[NamedNode, Sequence[Quad]]) -> None:
        """Replace these article graphs (empty content: remove them) and update the encounters they touch."""
        threshold = self.threshold
        records = [r for graph, content in graphs.items() for r in records_from_quads(graph, content)]
        written = {g.value for g in graphs}
        units = Unit.group(records)
        found = index.lookup(self.store, keys=probe_keys(units), articles=written, worth=_could_match(units))
        old_own = [e for e in found if e.record.article in written]
        others = [e for e in found if e.record.article not in written]
        touched = {e.group for e in old_own} | _groups_reached(records, others, threshold)
        if not touched and not _match_each_other(units, threshold):
            new = [Encounter(u.event, [u], encounter_group_iri(u.event).value) for u in units]
            self.store.replace_graphs(graphs, region_update([], new, records, self.store.scope))
            return
        region = index.lookup(self.store, groups=touched)  # holds the articles' old entries too
        kept = [e.record for e in region if e.record.article not in written]
        new = encounters(Unit.group(kept + records), threshold)
        self.store.replace_graphs(graphs, region_update(region, new, records, self.store.scope))

    def remove(self, graphs: Iterable[NamedNode]) -> None:
        self.replace(dict.fromkeys(graphs, ()))

    def rebuild(self, threshold: float, *, from_index: bool = True) -> None:
        """Decide every encounter of the store again, in batches that each leave the store consistent."""
        if from_index:
            old = index.all_entries(self.store)
            records = [e.record for e in old]
            arrived: list[Record] = []
        else:  # a store written before the layer (or by another version of it): every article graph is read
            if index.settings(self.store)[0] is not None:
                self.store.update(RESET)
            old = []
            records = [r for g in self.store.graph_names()
                       for r in records_from_quads(g, self.store.quads(g))]
            arrived = records
        for batch_old, batch_new, batch_arrived in _batches(old, encounters(Unit.group(records), threshold),
                                                             arrived):
            ops = region_update(batch_old, batch_new, batch_arrived, self.store.scope)
            if ops:
                self.store.update(" ;\n".join(ops))
        self.store.update(index.settings_update(threshold, self.store.scope))
        self._threshold = threshold

    def _has_events(self) -> bool:
        return self.store.ask("ASK { GRAPH ?g { ?e a <https://w3id.org/dipkb/ontology#Event> } }")


RESET = (f"DROP SILENT GRAPH {ENCOUNTERS_GRAPH} ; DROP SILENT GRAPH {INDEX_GRAPH} ; DROP SILENT DEFAULT ; "
         f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({OUR_GRAPHS}) }}")
"""Back to the plain union of the article graphs, before the layer is built again from them."""


def _batches(old: list[index.Entry], new: list[Encounter], arrived: list[Record]):
    """``(old, new, arrived)`` parts of a whole-store change that can be written one after the other.

    An old encounter and every new encounter holding one of its records (or its IRI) go together.
    """
    import networkx as nx

    graph = nx.Graph()
    old_of = {(e.record.article, e.record.event): e for e in old}
    for enc in new:
        graph.add_edge(("new", enc.iri), ("old", enc.iri))
        for r in enc.records:
            entry = old_of.get((r.article, r.event))
            if entry is not None:
                graph.add_edge(("new", enc.iri), ("old", entry.encounter))
    by_iri = {enc.iri: enc for enc in new}
    arrived_of = {(r.article, r.event): r for r in arrived}
    part_old, part_new, part_arrived = [], [], []
    for nodes in sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: c[0]):
        for side, iri in nodes:
            if side == "new":
                enc = by_iri[iri]
                part_new.append(enc)
                for r in enc.records:
                    key = (r.article, r.event)
                    if key in old_of:
                        part_old.append(old_of[key])
                    if key in arrived_of:
                        part_arrived.append(r)
        if len(part_new) >= _REBUILD_BATCH:
            yield part_old, part_new, part_arrived
            part_old, part_new, part_arrived = [], [], []
    if part_new or part_old:
        yield part_old, part_new, part_arrived


def _groups_reached(records: list[Record], others: list[index.Entry], threshold: float) -> set[str]:
    """The groups of the indexed records that one of ``records`` matches (or reports identically)."""
    if not others:
        return set()
    by_event: dict[str, list[index.Entry]] = {}
    for entry in others:
        by_event.setdefault(entry.record.event, []).append(entry)
    reached = set()
    for unit in Unit.group(records):
        for event, entries in by_event.items():
            other = Unit(event, tuple(e.record for e in entries))
            score = None if event == unit.event else compare(unit, other)
            if event == unit.event or (score is not None and score.total >= threshold):
                reached.update(e.group for e in entries)
    return reached


def _could_match(units: list[Unit]) -> Callable[[set[str]], bool]:
    """Whether an entry found by these keys can match one of ``units``: it was found by two participants'
    keys, or by its event IRI, or by the key of a participant of a lone or visiting party (where one
    participant in common can be enough)."""
    lone = {party_key(p) for u in units if len(u.parties) == 1 or u.kind == "visit" for p in u.parties}

    def worth(matched: set[str]) -> bool:
        parties = {k.rsplit("|", 1)[0] for k in matched if "|" in k}
        return len(parties) >= 2 or bool(parties & lone) or any("|" not in k for k in matched)

    return worth


def _match_each_other(units: list[Unit], threshold: float) -> bool:
    return any((s := compare(a, b)) is not None and s.total >= threshold
               for i, a in enumerate(units) for b in units[i + 1:])
