"""Serialisation of the whole knowledge base: Turtle and N-Triples give the union of the
article graphs, TriG and N-Quads keep the graphs, JSON-LD keeps them as named graphs."""

from __future__ import annotations

from typing import IO

from pyoxigraph import RdfFormat, serialize

from kb.errors import KBError
from kb.rdf.namespaces import PREFIXES
from kb.store import Store

FORMATS = {
    "turtle": (RdfFormat.TURTLE, False),
    "ntriples": (RdfFormat.N_TRIPLES, False),
    "trig": (RdfFormat.TRIG, True),
    "nquads": (RdfFormat.N_QUADS, True),
    "json-ld": (RdfFormat.JSON_LD, True),
}
EXTENSIONS = {"turtle": ".ttl", "ntriples": ".nt", "trig": ".trig", "nquads": ".nq", "json-ld": ".jsonld"}


def export(store: Store, fmt: str, output: IO[bytes], graphs: list | None = None) -> int:
    """Write the store (or some graphs) to ``output``; returns the number of triples or quads written."""
    if fmt not in FORMATS:
        raise KBError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    rdf_format, keeps_graphs = FORMATS[fmt]
    names = graphs if graphs is not None else [None]
    if keeps_graphs:  # streamed: the store is never held in memory whole
        count = 0

        def counted():
            nonlocal count
            for name in names:
                for quad in store.quads(name):
                    count += 1
                    yield quad

        serialize(counted(), output, rdf_format, prefixes=_prefixes(rdf_format))
        return count
    # the union must drop the copies of a triple that several article graphs hold
    triples = list(dict.fromkeys(q.triple for name in names for q in store.quads(name)))
    serialize(triples, output, rdf_format, prefixes=_prefixes(rdf_format))
    return len(triples)


def _prefixes(fmt: RdfFormat) -> dict[str, str] | None:
    return PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
