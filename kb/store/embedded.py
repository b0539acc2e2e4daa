"""The default backend: an Oxigraph database in a folder (RocksDB, transactional, on disk).

One process at a time may write to a folder (RocksDB locks it); any number may read it. A
writer that finds the folder locked says so in one line, or waits for it up to ``wait`` seconds.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad

from kb.errors import QueryError, StoreError, StoreLocked
from kb.results import Result
from kb.store.base import Store, is_article_graph, is_exported
from kb.text import first_line as _first_line  # the name its callers use

_LOCKED = re.compile(r"lock file|LOCK:|Resource temporarily unavailable", re.IGNORECASE)
_RETRY_EVERY = 0.25  # seconds between attempts while waiting for another writer


class EmbeddedStore(Store):
    def __init__(self, path: Path, *, read_only: bool = False, wait: float = 0.0,
                 on_wait: Callable[[], None] | None = None):
        self.location = str(path)
        self.read_only = read_only
        try:
            if read_only:
                if not path.is_dir():
                    raise StoreError(f"{path}: no knowledge base here (run 'kb ingest' first)")
                self._store = pyoxigraph.Store.read_only(str(path))
            else:
                if path.exists() and not path.is_dir():
                    raise StoreError(f"{path}: exists and is not a folder")
                path.mkdir(parents=True, exist_ok=True)
                self._store = _open_for_writing(path, wait, on_wait)
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({_first_line(exc)})") from exc

    def query(self, sparql: str, *, limit: int | None = None, default_graphs: Sequence[NamedNode] = (),
              named_graphs: Sequence[NamedNode] = ()) -> Result:
        dataset: dict[str, list[NamedNode]] = {}
        if default_graphs:
            dataset["default_graph"] = list(default_graphs)
        if named_graphs:
            dataset["named_graphs"] = list(named_graphs)
        try:
            return Result.from_oxigraph(self._store.query(sparql, **dataset), limit=limit)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {_first_line(exc)}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {_first_line(exc)}") from exc

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL update: {_first_line(exc)}") from exc
        except OSError as exc:
            raise StoreError(f"{self.location}: write failed ({_first_line(exc)})") from exc

    def quads(self, graph: NamedNode | DefaultGraph | None = None) -> Iterator[Quad]:
        if graph is None:
            for quad in self._store.quads_for_pattern(None, None, None, None):
                if is_exported(quad.graph_name):
                    yield quad
        else:
            yield from self._store.quads_for_pattern(None, None, None, graph)

    def graph_names(self) -> list[NamedNode]:
        names = (g for g in self._store.named_graphs() if isinstance(g, NamedNode) and is_article_graph(g))
        return sorted(names, key=lambda n: n.value)

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()

    def close(self) -> None:
        store = getattr(self, "_store", None)
        if store is not None:
            self.flush()
            del self._store


def _open_for_writing(path: Path, wait: float, on_wait: Callable[[], None] | None) -> pyoxigraph.Store:
    """The store opened for writing, retrying while another process holds it, for up to ``wait`` s."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return pyoxigraph.Store(str(path))
        except OSError as exc:
            if not _LOCKED.search(str(exc)):
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                waited = f" (waited {wait:g} s)" if wait > 0 else ""
                raise StoreLocked(f"{path}: another process is writing to this store{waited}; try again "
                                  "when it has finished, or wait for it with --wait SECONDS") from None
            if on_wait is not None and not told:
                on_wait()
                told = True
            time.sleep(min(_RETRY_EVERY, left))
