"""Small helpers shared by test modules."""

from __future__ import annotations

import shutil
from pathlib import Path


def write(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to ``path``, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_merged_graph_matches(store) -> None:
    """The store's default graph holds the triples of its article graphs and encounters graph, each once.

    An article's event that is part of a merged event appears under the merged event's IRI (its
    ``owl:sameAs``); of a merged event's kinds, dates and places only one of each is kept.
    """
    from pyoxigraph import DefaultGraph, Triple

    from kb.rdf.iris import ENCOUNTERS_GRAPH
    from kb.rdf.namespaces import DIP, OWL, RDF

    merged = [q.triple for q in store.quads(DefaultGraph())]
    assert len(merged) == len(set(merged))
    layer = [q.triple for q in store.quads(ENCOUNTERS_GRAPH)]
    alias = {t.subject: t.object for t in layer if t.predicate == OWL.sameAs}
    expected = {Triple(alias.get(q.subject, q.subject), q.predicate, alias.get(q.object, q.object))
                for q in store.quads() if q.graph_name != ENCOUNTERS_GRAPH} | set(layer)
    assert set(merged) <= expected, sorted(map(str, set(merged) - expected))[:5]
    resolved = {RDF.type, DIP.date, DIP.datePrecision, DIP.dateText, DIP.place}
    claimed = {t.subject for t in layer if t.predicate == DIP.claim}
    left_out = expected - set(merged)
    assert all(t.predicate in resolved and t.subject in claimed for t in left_out), \
        sorted(map(str, left_out))[:5]
    for event in claimed:
        for prop in (DIP.date, DIP.place):
            assert len([t for t in merged if t.subject == event and t.predicate == prop]) <= 1, (event, prop)


def copy_store(source: Path, folder: Path) -> Path:
    """A copy of the store folder ``source`` in ``folder``, to write to without touching the original."""
    target = folder / "store"
    shutil.copytree(source, target)
    return target
