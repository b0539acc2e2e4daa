"""Ingest orchestration: read -> skip unchanged -> extract -> map to RDF -> replace the article's graph.

Each article is written in its own transaction, so an interrupted ingest leaves every article
either complete or absent, and running it again finishes the job.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kb.errors import ReadError
from kb.model import Article
from kb.rdf import article_iri, to_quads
from kb.store import Store


@dataclass
class IngestReport:
    """What an ingest did; ``failed`` holds one line per file (or JSONL line) that could not be read."""

    ingested: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{self.ingested} article{'s' if self.ingested != 1 else ''} ingested"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        return ", ".join(parts)


def ingest(store: Store, paths: Iterable[str | Path], *, extractor, published: date | None = None,
           progress: bool = False, force: bool = False,
           on_error: Callable[[ReadError], None] | None = None) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; bad files are reported, never fatal."""
    from kb.readers import read_paths

    report = IngestReport()
    known = {} if force else store.content_hashes()

    def articles() -> Iterator[Article]:
        for item in read_paths(paths, published=published):
            if isinstance(item, ReadError):
                report.failed.append(str(item))
                if on_error:
                    on_error(item)
                continue
            if known.get(article_iri(item.id).value) == item.content_hash:
                report.unchanged += 1
                continue
            yield item

    bar = _progress(progress)
    try:
        for extraction in extractor.extract_many(articles()):
            graph, quads = to_quads(extraction)
            store.replace_graphs({graph: quads})
            report.ingested += 1
            report.articles.append(extraction.article.id)
            bar.update(1)
    finally:
        bar.close()
        store.flush()
    return report


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(desc="ingesting", unit=" articles", file=sys.stderr, dynamic_ncols=True, leave=True)
