"""Serialisation of the knowledge base: Turtle and N-Triples give the merged graph, TriG,
N-Quads and JSON-LD keep one named graph per article. Both stream from the store."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from pyoxigraph import DefaultGraph, RdfFormat, serialize

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
TABLE_FORMATS = ("events-csv", "events-parquet", "statements-csv", "statements-parquet")


def export(store: Store, fmt: str, output: IO[bytes], graphs: list | None = None) -> int:
    """Write the store (or some graphs) to ``output``; returns the number of triples or quads written."""
    if fmt not in FORMATS:
        raise KBError(f"unknown export format '{fmt}' (choose from {', '.join(FORMATS)})")
    rdf_format, keeps_graphs = FORMATS[fmt]
    if keeps_graphs:
        names = graphs if graphs is not None else [None]
        items: Iterable = (q for name in names for q in store.quads(name))
    elif graphs is None:  # the store keeps the merged graph: each triple once
        items = (q.triple for q in store.quads(DefaultGraph()))
    else:  # a few articles: drop the copies of a triple that several of them hold
        items = dict.fromkeys(q.triple for name in graphs for q in store.quads(name))
    count = 0

    def counted():
        nonlocal count
        for item in items:
            count += 1
            yield item

    serialize(counted(), output, rdf_format, prefixes=_prefixes(rdf_format))
    return count


def export_table(kb, fmt: str, output: IO[bytes]) -> int:
    """Write the events or statements table (``kb.tables``) as CSV or Parquet; returns the row count."""
    from kb.tables import events_table, statements_table

    if fmt not in TABLE_FORMATS:
        raise KBError(f"unknown table format '{fmt}' (choose from {', '.join(TABLE_FORMATS)})")
    what, kind = fmt.split("-")
    frame = events_table(kb) if what == "events" else statements_table(kb)
    if kind == "csv":
        output.write(frame.to_csv(index=False).encode("utf-8"))
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), output)
    return len(frame)


def _prefixes(fmt: RdfFormat) -> dict[str, str] | None:
    return PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
