"""The embedded store: one graph per article, atomic replacement, persistence across opens."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kb.errors import QueryError
from kb.store import open_store

G = NamedNode("https://w3id.org/dipkb/id/article/a")
P = NamedNode("urn:p")


def quads(n: int, graph: NamedNode = G) -> list[Quad]:
    return [Quad(NamedNode(f"urn:s{i}"), P, Literal(f"v{i}"), graph) for i in range(n)]


def test_replace_graph_swaps_content(tmp_path):
    with open_store(tmp_path / "s") as store:
        store.replace_graphs({G: quads(5)})
        assert store.count() == 5
        store.replace_graphs({G: quads(2)})
        assert store.count() == 2
        assert [g.value for g in store.graph_names()] == [G.value]


def test_data_survives_reopening(tmp_path):
    with open_store(tmp_path / "s") as store:
        store.replace_graphs({G: quads(3)})
    with open_store(tmp_path / "s", read_only=True) as store:
        assert store.count() == 3
        rows = list(store.query("SELECT ?o WHERE { ?s <urn:p> ?o }"))  # the merged default graph
        assert len(rows) == 3


def test_a_failing_update_changes_nothing(tmp_path):
    with open_store(tmp_path / "s") as store:
        store.replace_graphs({G: quads(3)})
        bad = Quad(NamedNode("urn:x"), P, Literal("x"), G)
        # an update whose second part is invalid is refused whole: the graph is as it was
        with pytest.raises(QueryError):
            store.update(f"DROP GRAPH {G} ; INSERT DATA {{ GRAPH {G} {{ {bad.subject} {bad.predicate} }} }}")
        assert store.count() == 3


def test_read_only_store_refuses_writes(tmp_path):
    from kb.errors import StoreError

    with open_store(tmp_path / "s") as store:
        store.replace_graphs({G: quads(1)})
    with open_store(tmp_path / "s", read_only=True) as store, pytest.raises(StoreError):
        store.replace_graphs({G: []})


def test_missing_store_read_only_is_a_clear_error(tmp_path):
    from kb.errors import StoreError

    with pytest.raises(StoreError, match="no knowledge base here"):
        open_store(tmp_path / "nothing", read_only=True)


def test_a_store_without_the_merged_graph_is_upgraded_when_opened_for_writing(tmp_path):
    import pyoxigraph

    from kb.errors import StoreError

    old = pyoxigraph.Store(str(tmp_path / "s"))  # the earlier layout: article graphs only
    old.extend(quads(3))
    old.flush()
    del old
    with pytest.raises(StoreError, match=r"earlier version.*kb ingest"):
        open_store(tmp_path / "s", read_only=True)
    with open_store(tmp_path / "s") as store:
        assert store.count() == 3
    with open_store(tmp_path / "s", read_only=True) as store:
        assert len(list(store.query("SELECT ?o WHERE { ?s <urn:p> ?o }"))) == 3
