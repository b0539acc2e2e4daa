"""Batch ingest: worker processes, bounded memory, skipping unchanged articles, resuming, failures."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from kb.ingest import CHUNK, ingest
from kb.model import Article, Extraction
from kb.store import open_store


class FakeExtractor:
    """Extracts nothing, fast, with no model: for testing the plumbing. Fails on ids with 'bad'."""

    name = "fake/1"
    version = "1"

    def load(self):
        """Nothing to load."""

    def extract_many(self, articles):
        for article in articles:
            if "bad" in article.id:
                raise ValueError(f"cannot read {article.id}")
            yield Extraction(article=article, extractor=self.name)


def write_articles(folder: Path, n: int, start: int = 0, text: str = "Nothing happened on {i}.") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        body = f"---\nid: art-{i:04d}\n---\n{text.format(i=i)}\n"
        (folder / f"a{i:04d}.txt").write_text(body, encoding="utf-8")
    return folder


def nquads(location) -> set[str]:
    from kb import KnowledgeBase

    with KnowledgeBase(location, read_only=True) as kb:
        return set(kb.export("nquads").decode().splitlines())


@pytest.mark.parametrize("jobs", [1, 2])
def test_skips_unchanged_and_replaces_changed(tmp_path, jobs):
    corpus = write_articles(tmp_path / "in", 3 * CHUNK + 5)
    with open_store(tmp_path / "s") as store:
        first = ingest(store, [corpus], extractor=FakeExtractor(), jobs=jobs)
        assert (first.ingested, first.unchanged) == (3 * CHUNK + 5, 0)
        assert first.articles == [f"art-{i:04d}" for i in range(3 * CHUNK + 5)]  # input order
        size = store.count()
        again = ingest(store, [corpus], extractor=FakeExtractor(), jobs=jobs)
        assert (again.ingested, again.unchanged) == (0, 3 * CHUNK + 5)
        assert store.count() == size
        (corpus / "a0007.txt").write_text("---\nid: art-0007\ntitle: Changed\n---\nNew.\n", encoding="utf-8")
        changed = ingest(store, [corpus], extractor=FakeExtractor(), jobs=jobs)
        assert (changed.ingested, changed.unchanged, changed.articles) == (1, 3 * CHUNK + 4, ["art-0007"])
        assert store.count() == size + 1  # the title is one more triple; the old graph is gone
        rows = store.query("SELECT ?t WHERE { ?a <http://purl.org/dc/terms/title> ?t }")
        assert [r["t"].value for r in rows.bindings()] == ["Changed"]


def test_workers_and_one_process_build_the_same_store(tmp_path):
    """The real extractor in two spawned workers writes exactly what one process writes."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from corpus import write_corpus
    finally:
        sys.path.pop(0)
    from kb.extract import create_extractor

    corpus = write_corpus(tmp_path / "corpus", 2 * CHUNK + 3, seed=7)
    with open_store(tmp_path / "one") as store:
        one = ingest(store, [corpus], extractor=create_extractor(), jobs=1)
    with open_store(tmp_path / "two") as store:
        two = ingest(store, [corpus], extractor=create_extractor(), jobs=2)
    assert one.ingested == two.ingested == 2 * CHUNK + 3
    assert one.articles == two.articles
    assert nquads(tmp_path / "one") == nquads(tmp_path / "two")


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_that_fails_extraction_is_reported_not_fatal(tmp_path, jobs):
    corpus = write_articles(tmp_path / "in", CHUNK + 4)
    (corpus / "zz.txt").write_text("---\nid: bad-one\n---\nText.\n", encoding="utf-8")
    errors = []
    with open_store(tmp_path / "s") as store:
        report = ingest(store, [corpus], extractor=FakeExtractor(), jobs=jobs, on_error=errors.append)
    assert report.ingested == CHUNK + 4
    assert len(report.failed) == 1
    assert "zz.txt: extraction failed (ValueError: cannot read bad-one)" in report.failed[0]
    assert [str(e) for e in errors] == report.failed


def test_interrupted_ingest_leaves_whole_articles_and_resumes(tmp_path):
    """Ctrl-C in the middle: every article in the store is complete, and running again finishes."""
    corpus = write_articles(tmp_path / "in", 3 * CHUNK)

    class Interrupting(FakeExtractor):
        def extract_many(self, articles):
            for extraction in super().extract_many(articles):
                if extraction.article.id == "art-0020":
                    raise KeyboardInterrupt
                yield extraction

    with open_store(tmp_path / "s") as store:
        with pytest.raises(KeyboardInterrupt):
            ingest(store, [corpus], extractor=Interrupting(), jobs=1)
        done = store.content_hashes()
        assert 0 < len(done) < 3 * CHUNK
        for graph in store.graph_names():  # each written graph is a whole article
            assert len(list(store.quads(graph))) == len(list(store.quads(store.graph_names()[0])))
        rest = ingest(store, [corpus], extractor=FakeExtractor(), jobs=1)
        assert rest.unchanged == len(done)
        assert rest.ingested == 3 * CHUNK - len(done)


def test_memory_is_bounded_by_chunks_in_flight(tmp_path, monkeypatch):
    """However long the input, the reader is never more than a few chunks ahead of the writer."""
    import kb.readers

    pulled = itertools.count()
    state = {"pulled": 0, "written": 0, "ahead": 0, "lookups": []}

    def endless(paths, published=None, **options):
        for i in range(40 * CHUNK):
            state["pulled"] = next(pulled) + 1
            yield Article(id=f"gen-{i}", text=f"Text {i}.")

    monkeypatch.setattr(kb.readers, "read_paths", endless)
    with open_store(tmp_path / "s") as store:
        real_replace, real_hashes = store.replace_graphs, store.content_hashes

        def replace(graphs, then=()):
            real_replace(graphs, then)
            state["written"] += len(graphs)
            state["ahead"] = max(state["ahead"], state["pulled"] - state["written"])

        def hashes(graphs=None):
            state["lookups"].append(None if graphs is None else len(list(graphs)))
            return real_hashes([]) if graphs is not None else real_hashes()

        monkeypatch.setattr(store, "replace_graphs", replace)
        monkeypatch.setattr(store, "content_hashes", hashes)
        report = ingest(store, ["ignored"], extractor=FakeExtractor(), jobs=2)
    assert report.ingested == 40 * CHUNK
    assert None not in state["lookups"]  # never every hash in the store at once
    assert max(state["lookups"]) <= CHUNK
    assert state["ahead"] <= 16 * CHUNK, state


def test_cli_jobs_option_and_progress_rate(tmp_path):
    from click.testing import CliRunner

    from kb.cli import main

    corpus = write_articles(tmp_path / "in", 2)
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--store", str(tmp_path / "s"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "2 articles ingested" in result.output
    assert "articles/s" in result.output  # the progress bar (stderr, mixed in by the runner)
    bad = CliRunner().invoke(main, ["ingest", str(corpus), "--store", str(tmp_path / "s"), "--jobs", "-1"])
    assert bad.exit_code == 2
