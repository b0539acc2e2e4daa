"""What only the embedded store does: refusing a missing folder, upgrading an earlier store.

Replacement, atomicity and persistence are tested on both backends in test_remote_store.py."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kb.store import open_store

G = NamedNode("https://w3id.org/dipkb/id/article/a")
P = NamedNode("urn:p")


def quads(n: int, graph: NamedNode = G) -> list[Quad]:
    return [Quad(NamedNode(f"urn:s{i}"), P, Literal(f"v{i}"), graph) for i in range(n)]


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
