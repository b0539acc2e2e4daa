"""Every test corpus, ingested, conforms to the SHACL shapes and survives an N-Quads round trip.

The shapes are the contract with whoever queries the knowledge base; a corpus that breaks them
shows a mapping bug that no single-article test would.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest

from kb import KnowledgeBase

TESTS = Path(__file__).resolve().parent
CORPORA = {"gold": TESTS / "gold", "readers": TESTS / "data" / "readers"}


@pytest.fixture(scope="module", params=["data", *CORPORA])
def corpus_store(request, tmp_path_factory) -> Path:
    """The corpus ingested once per module (data/ is the shared sample store)."""
    if request.param == "data":
        return request.getfixturevalue("sample_store")
    store = tmp_path_factory.mktemp(request.param) / "store"
    with KnowledgeBase(store) as base:
        report = base.ingest([CORPORA[request.param]])
    assert report.ok, report.failed
    assert report.ingested == len(list(CORPORA[request.param].glob("*.*")))
    return store


def test_the_corpus_conforms_to_the_shapes(corpus_store):
    with KnowledgeBase(corpus_store, read_only=True) as base:
        report = base.validate()
        assert report.graphs == base.stats()["articles"] > 0
    assert report.conforms, "\n".join(map(str, report.violations[:20]))


def test_the_nquads_export_loads_back_into_the_same_quads(corpus_store):
    with KnowledgeBase(corpus_store, read_only=True) as base:
        original = set(base.store.quads())
        exported = base.export("nquads")
    copy = pyoxigraph.Store()
    copy.load(exported, format=pyoxigraph.RdfFormat.N_QUADS)
    assert set(copy) == original
