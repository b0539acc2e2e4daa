"""The interface every backend implements, and what they share (written once, in SPARQL)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples

from kb.rdf.namespaces import DIP, sparql_prologue


def ntriples(quads: Iterable[Quad]) -> str:
    """The triples of ``quads`` as N-Triples lines, ready for an INSERT DATA block."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def replace_update(graphs: Mapping[NamedNode, Sequence[Quad] | str]) -> str:
    """One SPARQL Update that swaps each graph's content: executed as one transaction.

    A graph's content is its quads, or their N-Triples text (ingest workers send text: it is
    much cheaper to pass between processes than quads).
    """
    parts = []
    for graph, content in graphs.items():
        parts.append(f"DROP SILENT GRAPH {graph}")
        body = content if isinstance(content, str) else ntriples(content)
        if body.strip():
            parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
    return " ;\n".join(parts)


class Store(ABC):
    """A quad store holding one named graph per article."""

    location: str
    read_only: bool

    @abstractmethod
    def query(self, sparql: str) -> QuerySolutions | QueryBoolean | QueryTriples:
        """Run a SPARQL query; the default graph is the union of all named graphs."""

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction."""

    @abstractmethod
    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        """Every quad, or those of one graph."""

    def replace_graphs(self, graphs: Mapping[NamedNode, Sequence[Quad] | str]) -> None:
        """Replace each graph's content atomically: a reader sees all of the old or all of the new."""
        if graphs:
            self.update(replace_update(graphs))

    def drop_graphs(self, graphs: Iterable[NamedNode]) -> None:
        self.replace_graphs(dict.fromkeys(graphs, ""))

    def content_hashes(self, graphs: Iterable[NamedNode] | None = None) -> dict[str, str]:
        """Article graph IRI -> content hash of the input it was built from (all, or these graphs').

        Ingest asks for one batch of articles at a time, so its memory does not grow with the store.
        """
        values = ""
        if graphs is not None:
            names = " ".join(str(g) for g in graphs)
            if not names:
                return {}
            values = f"VALUES ?g {{ {names} }} "
        query = f"SELECT ?g ?h WHERE {{ {values}GRAPH ?g {{ ?g dip:contentHash ?h }} }}"
        rows = self.query(sparql_prologue() + query)
        assert isinstance(rows, QuerySolutions)
        return {row["g"].value: row["h"].value for row in rows}

    def graph_names(self) -> list[NamedNode]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(rows, QuerySolutions)
        return sorted((row["g"] for row in rows), key=lambda n: n.value)

    def count(self) -> int:
        """Number of quads (triples summed over the graphs)."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(rows, QuerySolutions)
        return int(next(iter(rows))["n"].value)

    def flush(self) -> None:  # noqa: B027 - optional for backends that buffer
        """Make every write durable."""

    def close(self) -> None:  # noqa: B027 - optional for backends without resources
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["DIP", "Store", "ntriples", "replace_update"]
