"""The interface every backend implements, and what they share (written once, in SPARQL).

The layout is the same on every backend. Each article has a named graph holding what it said,
so that re-ingesting an article replaces exactly its facts. The default graph holds the merged
knowledge base: every triple of every article graph, once. Queries read the default graph, so a
person mentioned by ten thousand articles is one set of triples to join, not ten thousand copies
(a union default graph returns a triple once per graph holding it); ``GRAPH ?g`` patterns still
say which articles stated a fact. Writes keep the two in step inside one update.

Two more graphs belong to the encounter layer (``kb.identity``), under ``LAYER_GRAPHS``: the
encounters graph (merged into the default graph like an article graph) and the candidate
index (internal: neither merged nor exported). ``graph_names`` lists article graphs only.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from pyoxigraph import DefaultGraph, NamedNode, Quad

from kb.rdf.iris import INDEX_GRAPH, LAYER_GRAPHS
from kb.rdf.namespaces import DIP, ID, sparql_prologue
from kb.results import Result

ID_PREFIX = ID[""].value
MERGED_GRAPH = ID["graph/merged"]
"""Where the merged knowledge base lives on a server whose default graph is the union of all graphs
(Virtuoso): the store then names this graph as the default graph of every request."""


def ntriples(quads: Iterable[Quad]) -> str:
    """The triples of ``quads`` as N-Triples lines, ready for an INSERT DATA block (Oxigraph's
    serializer: about twice as fast as formatting each term in Python)."""
    from pyoxigraph import RdfFormat, serialize

    return serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES).decode()


class GraphScope(NamedTuple):
    """How a query names one graph: ``{bind} GRAPH {term} { ... }`` in a WHERE clause, and ``term``
    wherever else the query needs the graph (a template, a filter)."""

    bind: str
    term: str


def constant_scope(graph: NamedNode, var: str = "?lg") -> GraphScope:
    """The graph written as a constant: Oxigraph plans it as a lookup (a VALUES-bound graph is a scan
    of every graph, about ten thousand times slower on a store of 100,000 articles)."""
    return GraphScope("", str(graph))


def bound_scope(graph: NamedNode, var: str = "?lg") -> GraphScope:
    """The graph bound with VALUES: Virtuoso 7 matches nothing when an update's WHERE clause names its
    graph as a constant, or when a constant GRAPH holds VALUES or UNION."""
    return GraphScope(f"VALUES {var} {{ {graph} }}", var)


Scope = Callable[..., GraphScope]


def replace_update(graphs: Mapping[NamedNode, Sequence[Quad]], scope: Scope = constant_scope) -> str:
    """One SPARQL Update that swaps each graph's content: executed as one transaction.

    The merged default graph loses the old graph's triples that no other article graph holds
    and gains the new ones.
    """
    parts = []
    for graph, content in graphs.items():
        g = scope(graph, "?g")
        parts.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ {g.bind} GRAPH {g.term} {{ ?s ?p ?o }} "
                     f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} "
                     f"FILTER(?other != {g.term} && ?other != {MERGED_GRAPH}) }} }}")
        parts.append(f"DROP SILENT GRAPH {graph}")
        body = ntriples(content)
        if body.strip():
            parts.append(f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")
            parts.append(f"ADD SILENT {graph} TO DEFAULT")
    return " ;\n".join(parts)


OUR_GRAPHS = f'STRSTARTS(STR(?g), "{ID}") && ?g != {MERGED_GRAPH}'
"""A filter on ``?g``: the graphs DipKB writes (a server may hold graphs of its own, Virtuoso does)."""

MERGE_ALL = (f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
             f"FILTER({OUR_GRAPHS} && ?g != {INDEX_GRAPH}) }}")
"""Rebuilds the merged default graph from the article graphs (stores written before it existed)."""


class Store(ABC):
    """A quad store holding one named graph per article."""

    location: str
    read_only: bool
    scope: Scope = staticmethod(constant_scope)
    """How this backend's queries name one graph (see ``GraphScope``)."""

    @abstractmethod
    def query(self, sparql: str, *, limit: int | None = None, default_graphs: Sequence[NamedNode] = (),
              named_graphs: Sequence[NamedNode] = ()) -> Result:
        """Run a SPARQL query; the default graph is the merged knowledge base.

        ``limit``: keep only the first rows (or triples), reading no more of the answer.
        ``default_graphs``, ``named_graphs``: the dataset of the query, as the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri`` give it (none: the store's own).
        """

    def ask(self, sparql: str) -> bool:
        return bool(self.query(sparql).boolean)

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as one transaction."""

    @abstractmethod
    def quads(self, graph: NamedNode | DefaultGraph | None = None) -> Iterator[Quad]:
        """Every quad of the named graphs but the index, or of one graph (``DefaultGraph()``: merged)."""

    def needs_upgrade(self) -> bool:
        """A store written before the merged default graph existed: article graphs, no merged graph."""
        articles = (f'ASK {{ GRAPH ?g {{ ?s ?p ?o }} '
                    f'FILTER({OUR_GRAPHS} && !STRSTARTS(STR(?g), "{LAYER_GRAPHS}")) }}')
        return not self.ask("ASK { ?s ?p ?o }") and self.ask(articles)

    def upgrade(self) -> None:
        """Fill the merged default graph of a store written before it existed (a no-op otherwise)."""
        if not self.read_only and self.needs_upgrade():
            self.update(MERGE_ALL)

    def replace_graphs(self, graphs: Mapping[NamedNode, Sequence[Quad]], then: Sequence[str] = ()) -> None:
        """Replace each graph's content atomically: a reader sees all of the old or all of the new.

        ``then``: more update operations, run in the same transaction after the replacement.
        """
        if graphs or then:
            self.update(" ;\n".join([replace_update(graphs, self.scope), *then] if graphs else then))

    def drop_graphs(self, graphs: Iterable[NamedNode]) -> None:
        self.replace_graphs(dict.fromkeys(graphs, ()))

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
        return {row["g"].value: row["h"].value for row in self.query(sparql_prologue() + query).bindings()}

    def graph_names(self) -> list[NamedNode]:
        """The article graphs (not those of the encounter layer)."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").bindings()
        return sorted((row["g"] for row in rows if is_article_graph(row["g"])), key=lambda n: n.value)

    def count(self) -> int:
        """Number of triples in the merged knowledge base."""
        return int(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])

    def flush(self) -> None:  # noqa: B027 - optional for backends that buffer
        """Make every write durable."""

    def close(self) -> None:  # noqa: B027 - optional for backends without resources
        """Release the store."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_article_graph(graph: NamedNode) -> bool:
    return graph.value.startswith(ID_PREFIX) and not graph.value.startswith(LAYER_GRAPHS)


def is_exported(graph: object) -> bool:
    """Every graph DipKB writes but the candidate index (an internal lookup structure) and the merged
    graph of a server without a default graph of its own (exports write the merged graph as the default)."""
    return isinstance(graph, NamedNode) and graph.value.startswith(ID_PREFIX) and graph not in (
        INDEX_GRAPH, MERGED_GRAPH)


__all__ = ["DIP", "MERGED_GRAPH", "MERGE_ALL", "OUR_GRAPHS", "GraphScope", "Scope", "Store", "bound_scope",
           "constant_scope", "is_article_graph", "is_exported", "ntriples", "replace_update"]
