"""The SPARQL Update that moves a region of the store from its old encounters to its new ones.

A region is a set of connected groups (``kb.identity.cluster``): what it held before (index
entries, with the encounter each record belonged to) and the encounters it holds now. The
update, run in the same transaction as the article graphs it follows, rewrites only the
encounters that changed, in three places:

- the merged default graph: every triple of their events, and every triple pointing at them,
  is taken out and put back from the article graphs with each article's event IRI replaced by
  the encounter's; the values that lost (``kb.identity.resolve``) are then left out;
- the encounters graph: aliases (``owl:sameAs``), claims, conflicts and plan links;
- the index: entries of the records that left or arrived, and the encounter and group of
  every record that moved.
"""

from __future__ import annotations

from collections.abc import Iterable

from kb.identity.cluster import Encounter
from kb.identity.index import Entry, assignment_triples, entry_triples
from kb.identity.records import Record
from kb.identity.resolve import resolve, winning_kind
from kb.rdf.iris import ENCOUNTERS_GRAPH, INDEX_GRAPH, index_entry_iri
from kb.rdf.namespaces import DIP
from kb.store.base import Scope, constant_scope

Key = tuple[str, str]  # (article, event)


def region_update(old: Iterable[Entry], new: Iterable[Encounter], arrived: Iterable[Record],
                  scope: Scope = constant_scope) -> list[str]:
    """The operations taking the region from ``old`` to ``new``; ``arrived`` are records new to the index.

    A record in ``old`` but in no encounter of ``new`` has left (its article was replaced or removed).
    ``scope``: how the store's backend wants a graph named in a WHERE clause.
    """
    old, new = list(old), list(new)
    before = {_key(e.record): e for e in old}
    after = {_key(r): (enc.iri, enc.group) for enc in new for r in enc.records}
    arrived_keys = {_key(r) for r in arrived}
    fresh = {enc.iri for enc in new if _stands_alone(enc, before, arrived_keys)}
    redone = [enc for enc in new if enc.iri not in fresh]
    old_iris = sorted({e.encounter for e in old})
    events = sorted({e.record.event for e in old} | {r.event for enc in redone for r in enc.records}
                    | set(old_iris) | {enc.iri for enc in redone})
    ops: list[str] = []
    if events:
        ops += _clear_merged(old_iris, events, scope)
    if old_iris:
        ops += _clear_layer(old_iris, scope)
    resolutions = [(enc, resolve(enc)) for enc in redone]
    derived = [t for _, res in resolutions for t in res.derived]
    if derived:
        ops.append(f"INSERT DATA {{ GRAPH {ENCOUNTERS_GRAPH} {{\n{_lines(derived)}\n}} }}")
    if redone:
        ops += _fill_merged(redone)
    if derived:
        ops.append(f"INSERT DATA {{\n{_lines(derived)}\n}}")
    losers = [t for _, res in resolutions for t in res.losers]
    if losers:
        ops.append(f"DELETE DATA {{\n{_lines(losers)}\n}}")
    merged = [enc for enc in redone if len(enc.records) > 1]
    if merged:
        ops.append(_one_coding(merged))
        ops.append(_country_pairs(merged))
    ops += _index(before, after, [r for enc in new for r in enc.records if _key(r) in arrived_keys], scope)
    return ops


def _stands_alone(enc: Encounter, before: dict[Key, Entry], arrived: set[Key]) -> bool:
    """An encounter of one new record, linked to no plan: its article graph's own triples say it all."""
    records = enc.records
    return (len(records) == 1 and not enc.planned_as and _key(records[0]) in arrived
            and not any(e.encounter == enc.iri for e in before.values()))


def _clear_merged(old_iris: list[str], events: list[str], scope: Scope) -> list[str]:
    """Take the region's events out of the merged graph: their claims, their triples, what points at them."""
    ops = []
    if old_iris:
        g = scope(ENCOUNTERS_GRAPH)
        ops.append(f"DELETE {{ ?k ?p ?v }} WHERE {{ VALUES ?o {{ {_values(old_iris)} }} "
                   f"{g.bind} GRAPH {g.term} {{ ?o {DIP.claim} ?k }} ?k ?p ?v }}")
    values = _values(events)
    ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}")
    ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?o {{ {values} }} ?s ?p ?o }}")
    return ops


def _clear_layer(old_iris: list[str], scope: Scope) -> list[str]:
    olds = _values(old_iris)
    g = scope(ENCOUNTERS_GRAPH)
    return [
        f"DELETE {{ GRAPH {g.term} {{ ?k ?p ?v }} }} WHERE {{ {g.bind} VALUES ?o {{ {olds} }} "
        f"GRAPH {g.term} {{ ?o {DIP.claim} ?k . ?k ?p ?v }} }}",
        f"DELETE {{ GRAPH {g.term} {{ ?o ?p ?v }} }} WHERE {{ {g.bind} VALUES ?o {{ {olds} }} "
        f"GRAPH {g.term} {{ ?o ?p ?v }} }}",
        f"DELETE {{ GRAPH {g.term} {{ ?s ?p ?o }} }} WHERE {{ {g.bind} VALUES ?o {{ {olds} }} "
        f"GRAPH {g.term} {{ ?s ?p ?o }} }}",
    ]


def _fill_merged(redone: list[Encounter]) -> list[str]:
    rows = " ".join(f"(<{r.article}> <{r.event}> <{enc.iri}>)" for enc in redone for r in enc.records)
    return [
        f"INSERT {{ ?c ?p ?o }} WHERE {{ VALUES (?g ?e ?c) {{ {rows} }} GRAPH ?g {{ ?e ?p ?o }} }}",
        f"INSERT {{ ?s ?p ?c }} WHERE {{ VALUES (?g ?e ?c) {{ {rows} }} GRAPH ?g {{ ?s ?p ?e }} }}",
    ]


_CODES = (DIP.plover, DIP.ploverMode, DIP.ploverContext, DIP.cameo, DIP.cameoSource, DIP.cameoTarget)


def _one_coding(merged: list[Encounter]) -> str:
    """Keep one report's codes on each merged event: the first article's report of the kind that won
    (reports of one encounter may code it 040 and 043, say, as one names the host and one does not).
    The report is chosen here rather than by an aggregate in the update, which not every server allows."""
    rows = []
    for enc in merged:
        if not enc.records:
            continue
        kind = winning_kind(enc.records)
        best = min((r for r in enc.records if r.kind == kind), key=lambda r: f"{r.article} {r.event}")
        rows.append(f"(<{enc.iri}> <{best.article}> <{best.event}>)")
    props = " ".join(str(p) for p in _CODES)
    return (f"DELETE {{ ?c ?p ?v }} WHERE {{ VALUES (?c ?bg ?be) {{ {' '.join(rows)} }} "
            f"VALUES ?p {{ {props} }} ?c ?p ?v . FILTER NOT EXISTS {{ GRAPH ?bg {{ ?be ?p ?v }} }} }}")


def _country_pairs(merged: list[Encounter]) -> str:
    """The country pairs of a merged event's participants, two of whom may come from two reports."""
    events = _values(enc.iri for enc in merged)
    return (f"INSERT {{ ?c {DIP.countryPair} ?pair }} WHERE {{ VALUES ?c {{ {events} }} "
            f"?c {DIP.participant} ?p1, ?p2 . FILTER(?p1 != ?p2) "
            f"?p1 {DIP.country}/{DIP.iso2} ?a . ?p2 {DIP.country}/{DIP.iso2} ?b . FILTER(STR(?a) <= STR(?b)) "
            f"BIND(CONCAT(STR(?a), ' ', STR(?b)) AS ?pair) }}")


def _index(before: dict[Key, Entry], after: dict[Key, tuple[str, str]], arrived: list[Record],
           scope: Scope) -> list[str]:
    arrived_keys = {_key(r) for r in arrived}
    gone = [k for k in before if k not in after or k in arrived_keys]
    moved_from, moved_to = [], []
    for key, entry in before.items():
        if key in after and key not in arrived_keys and after[key] != (entry.encounter, entry.group):
            moved_from += assignment_triples(entry.record, entry.encounter, entry.group)
            moved_to += assignment_triples(entry.record, *after[key])
    added = [t for r in arrived for t in entry_triples(r, *after[_key(r)])]
    ops = []
    g = INDEX_GRAPH
    if gone:
        nodes = " ".join(str(index_entry_iri(*k)) for k in gone)
        s = scope(g)
        ops.append(f"DELETE {{ GRAPH {s.term} {{ ?m ?p ?o }} }} "
                   f"WHERE {{ {s.bind} VALUES ?m {{ {nodes} }} GRAPH {s.term} {{ ?m ?p ?o }} }}")
    if moved_from:
        ops.append(f"DELETE DATA {{ GRAPH {g} {{\n{_lines(moved_from)}\n}} }}")
    if moved_to or added:
        ops.append(f"INSERT DATA {{ GRAPH {g} {{\n{_lines(moved_to + added)}\n}} }}")
    return ops


def _key(record: Record) -> Key:
    return record.article, record.event


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _lines(triples: Iterable[tuple]) -> str:
    return "\n".join(f"{s} {p} {o} ." for s, p, o in dict.fromkeys(triples))

