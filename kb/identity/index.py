"""The candidate index: each article's reported events, found by participant and day.

The index is a graph of its own (``INDEX_GRAPH``), never copied into the merged knowledge base
nor exported. Each entry is one ``Record`` (as JSON), the article it came from, the encounter
it is now part of, its connected group, and its lookup keys (``kb.identity.keys``): finding the
possible matches of a new report is a handful of exact-value lookups, whatever the store's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kb.identity.keys import keys
from kb.identity.records import Record
from kb.rdf.iris import INDEX_GRAPH, index_entry_iri
from kb.rdf.namespaces import DIP, PROV, XSD
from kb.store import Store
from kb.store.base import Scope, constant_scope

VERSION = "1"


@dataclass(frozen=True)
class Entry:
    """An index entry: a record, and the encounter and group it belongs to now."""

    record: Record
    encounter: str
    group: str


def _in_index(scope: Scope) -> str:
    """The index graph opened in a WHERE clause, as the store's backend wants it named."""
    g = scope(INDEX_GRAPH)
    return f"{g.bind} GRAPH {g.term}"


def entry_triples(record: Record, encounter: str, group: str) -> list[tuple]:
    node = index_entry_iri(record.article, record.event)
    out = [(node, DIP.indexRecord, Literal(record.to_json())),
           (node, PROV.wasDerivedFrom, NamedNode(record.article))]
    out += assignment_triples(record, encounter, group)
    out += [(node, DIP.indexKey, Literal(k)) for k in keys(record)]
    return out


def assignment_triples(record: Record, encounter: str, group: str) -> list[tuple]:
    node = index_entry_iri(record.article, record.event)
    return [(node, DIP.encounter, NamedNode(encounter)), (node, DIP.encounterGroup, NamedNode(group))]


def lookup(store: Store, *, keys: Iterable[str] = (), articles: Iterable[str] = (),
           groups: Iterable[str] = (), encounters: Iterable[str] = (),
           worth: Callable[[set[str]], bool] | None = None) -> list[Entry]:
    """Entries found by any of these keys, from any of these articles, groups or encounters.

    ``worth``, given the keys an entry was found by, says whether to read it (an entry found
    otherwise is always read). Finding entries is a few index lookups; reading an entry costs
    more, so the entries are found first and only those worth it are read.
    """
    found = []
    key_values = " ".join(_string(k) for k in keys)
    if key_values:
        found.append(f"{{ VALUES ?key {{ {key_values} }} ?m {DIP.indexKey} ?key }}")
    by = ((PROV.wasDerivedFrom, articles), (DIP.encounterGroup, groups), (DIP.encounter, encounters))
    for prop, iris in by:
        values = " ".join(f"<{i}>" for i in iris)
        if values:
            found.append(f"{{ VALUES ?x {{ {values} }} ?m {prop} ?x }}")
    if not found:
        return []
    rows = store.query(f"SELECT ?m ?key WHERE {{ {_in_index(store.scope)} {{ {' UNION '.join(found)} }} }}")
    matched: dict[str, set[str]] = {}
    for row in rows.bindings():
        matched.setdefault(row["m"].value, set()).add(row["key"].value if row["key"] is not None else "")
    chosen = " ".join(f"<{m}>" for m, by_keys in matched.items()
                      if worth is None or "" in by_keys or worth(by_keys))
    if not chosen:
        return []
    rows = store.query(f"SELECT ?rec ?c ?g WHERE {{ {_in_index(store.scope)} {{ VALUES ?m {{ {chosen} }} "
                       f"?m {DIP.indexRecord} ?rec ; {DIP.encounter} ?c ; {DIP.encounterGroup} ?g }} }}")
    return [Entry(Record.from_json(r["rec"].value), r["c"].value, r["g"].value) for r in rows.bindings()]


def all_entries(store: Store) -> list[Entry]:
    query = (f"SELECT ?rec ?c ?g WHERE {{ {_in_index(store.scope)} {{ ?m {DIP.indexRecord} ?rec ; "
             f"{DIP.encounter} ?c ; {DIP.encounterGroup} ?g }} }}")
    rows = store.query(query)
    return [Entry(Record.from_json(r["rec"].value), r["c"].value, r["g"].value) for r in rows.bindings()]


def settings(store: Store) -> tuple[str | None, float | None]:
    """The index version and the merge threshold it was built with (None, None: no index)."""
    rows = store.query(f"SELECT ?v ?t WHERE {{ {_in_index(store.scope)} {{ "
                       f"{INDEX_GRAPH} {DIP.indexVersion} ?v ; {DIP.mergeThreshold} ?t }} }}")
    for row in rows.bindings():
        return row["v"].value, float(row["t"].value)
    return None, None


def settings_update(threshold: float, scope: Scope = constant_scope) -> str:
    g = scope(INDEX_GRAPH)
    return (f"DELETE {{ GRAPH {g.term} {{ {g.term} ?p ?o }} }} "
            f"WHERE {{ {g.bind} GRAPH {g.term} {{ {g.term} ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH {INDEX_GRAPH} {{ {INDEX_GRAPH} {DIP.indexVersion} {Literal(VERSION)} ; "
            f"{DIP.mergeThreshold} {Literal(f'{threshold:g}', datatype=XSD.decimal)} }} }}")


def _string(text: str) -> str:
    return str(Literal(text))
