"""The library API: one facade over reading, extraction, the store, queries and export.

The CLI, the notebooks and the widgets are thin layers over ``KnowledgeBase``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path
from typing import IO

from kb.errors import QueryError, cannot_write
from kb.ingest import IngestReport, ingest
from kb.model import Extractor
from kb.queries import NamedQuery, get, named_queries, prepare
from kb.results import Result
from kb.store import Store, open_store
from kb.validate import ValidationReport, validate


class KnowledgeBase:
    """A knowledge base of diplomatic events in a folder (embedded Oxigraph) or on a SPARQL server.

    >>> kb = KnowledgeBase("kb-store")                    # doctest: +SKIP
    >>> kb.ingest(["data/"])                              # doctest: +SKIP
    >>> kb.query("people-met", person="Jaishankar").to_dataframe()  # doctest: +SKIP
    """

    def __init__(self, location: str | os.PathLike[str] | None = None, *, read_only: bool = False,
                 model: str | None = None, extractor: str = "spacy-rules", wait: float = 0.0,
                 on_wait=None):
        """``wait``: seconds to wait for another process writing to the store (then ``StoreLocked``)."""
        self.store: Store = open_store(location, read_only=read_only, wait=wait, on_wait=on_wait)
        self.location = self.store.location
        self._model = model
        self._extractor_name = extractor
        self._extractor = None

    # -- writing ---------------------------------------------------------------------------

    @property
    def extractor(self) -> Extractor:
        """The extractor, created on first use (loading spaCy takes a second); the one place that
        chooses it, by registry name."""
        if self._extractor is None:
            from kb.extract import create_extractor

            self._extractor = create_extractor(self._extractor_name, model=self._model)
        return self._extractor

    def ingest(self, paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *,
               published: date | None = None, progress: bool = False, force: bool = False,
               on_error=None, jobs: int | None = 1,
               errors_file: str | os.PathLike[str] | None = None,
               merge_threshold: float | None = None, columns: dict[str, str] | None = None,
               fetch: bool = False, dask: str | None = None) -> IngestReport:
        """Read, extract and store every article under ``paths``; unchanged articles are left alone.

        Items with no prose to read (empty, tables, lists, other languages) are skipped, unreadable
        or malformed ones failed; ``on_error`` gets each, ``errors_file`` receives each as a JSON
        line. ``jobs`` extraction processes run in parallel (``None``: one per core).
        ``merge_threshold`` (0 to 1) is how alike two reports must be to count as one encounter; a
        new value decides every encounter of the store again. None keeps the store's (new stores:
        $KB_MERGE_THRESHOLD, else 0.65). ``paths`` may hold feed URLs, and ``"-"`` for JSON Lines on
        standard input; ``columns`` maps article fields to a table's columns (``{"text": "body"}``);
        ``fetch`` reads the page each feed item links to (only then does a feed open connections).
        ``dask``: extract on the Dask cluster at this scheduler address (or ``local:N``, N local
        worker processes) instead of in local processes.
        """
        if isinstance(paths, str | os.PathLike):
            paths = [paths]
        return ingest(self.store, paths, extractor=self.extractor, published=published, progress=progress,
                      force=force, on_error=on_error, jobs=jobs, errors_file=errors_file,
                      merge_threshold=merge_threshold, columns=columns, fetch=fetch, dask=dask)

    def remove(self, article_ids: Iterable[str]) -> None:
        """Drop the graphs of these articles; the encounters they reported lose their reports."""
        from kb.identity import EncounterLayer
        from kb.rdf import article_iri

        EncounterLayer(self.store).remove([article_iri(a) for a in article_ids])

    # -- reading ---------------------------------------------------------------------------

    def query(self, query: str, /, *, limit: int | None = None, allow_service: Collection[str] | None = None,
              **bindings: object) -> Result:
        """Run a named query (by name) or SPARQL text; ``bindings`` are bound as RDF terms, never pasted.

        SERVICE clauses run as written unless ``allow_service`` is given: then only those endpoints
        may be called, and a query naming any other is refused (``ServiceRefused``) before it runs.
        Pass it for query text that someone other than the operator wrote.
        """
        text = query.strip()
        if text in named_queries():
            sparql = get(text).sparql(**bindings)
        elif text.endswith(".rq") and "\n" not in text and Path(text).is_file():
            sparql = prepare(Path(text).read_text(encoding="utf-8"), bindings)
        elif not text:
            raise QueryError("empty query")
        elif text.endswith(".rq") and not any(c in text for c in "{\n"):
            raise QueryError(f"{text}: no such query file")
        elif " " not in text and "{" not in text:
            known = ", ".join(named_queries())
            raise QueryError(f"'{text}' is neither SPARQL nor a named query (known: {known})")
        else:
            sparql = prepare(text, bindings)
        if allow_service is not None:
            from kb.federation import check_services

            check_services(sparql, allow_service)
        return self.store.query(sparql, limit=limit)

    def sparql(self, query: str, /, **bindings: object) -> str:
        """The exact SPARQL text ``query`` would run, parameters bound (for display and debugging)."""
        if query in named_queries():
            return get(query).sparql(**bindings)
        return prepare(query, bindings)

    @staticmethod
    def named_queries() -> dict[str, NamedQuery]:
        return named_queries()

    def events(self, **filters: object):
        """The events as a pandas DataFrame, one row per event (``kb.tables``; columns in docs/tables.md).

        Filters as the named queries take them: ``person``, ``country`` (and ``country2`` for the
        events between two countries), ``start``, ``end`` (dates) and ``type``.
        """
        from kb.tables import events_table

        return events_table(self, **filters)

    def statements(self, *, speaker: str | None = None, text: str | None = None,
                   start: date | str | None = None, end: date | str | None = None):
        """The statements as a pandas DataFrame, one row per statement (``kb.tables``)."""
        from kb.tables import statements_table

        return statements_table(self, speaker=speaker, text=text, start=start, end=end)

    def export(self, fmt: str = "turtle", output: str | os.PathLike[str] | IO[bytes] | None = None,
               *, articles: Iterable[str] | None = None) -> bytes | int:
        """Serialise the knowledge base (or some articles' graphs); bytes when ``output`` is None.

        The table formats (``events-csv``, ``events-parquet``, ``statements-csv``,
        ``statements-parquet``) write one row per event or statement; they return the row count.
        """
        from kb.export import TABLE_FORMATS, export, export_table
        from kb.rdf import article_iri

        if fmt in TABLE_FORMATS:
            if articles is not None:
                raise QueryError(f"the {fmt} export is of the whole knowledge base, not of some articles")
            return self._write(output, lambda fh: export_table(self, fmt, fh))
        graphs = [article_iri(a) for a in articles] if articles is not None else None
        return self._write(output, lambda fh: export(self.store, fmt, fh, graphs))

    @staticmethod
    def _write(output, write) -> bytes | int:
        """Run ``write(binary file)`` into bytes, a file (whole or not at all) or an open stream."""
        if output is None:
            buffer = io.BytesIO()
            write(buffer)
            return buffer.getvalue()
        if isinstance(output, str | os.PathLike):
            tmp = Path(f"{output}.part")
            try:
                with open(tmp, "wb") as fh:
                    count = write(fh)
                tmp.replace(output)  # never leave a half-written export under the real name
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise cannot_write(output, exc) from exc
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            return count
        return write(output)

    def to_rdflib(self):
        """The knowledge base as an rdflib Dataset (in memory: for small stores and tests)."""
        import rdflib

        dataset = rdflib.Dataset()
        dataset.parse(data=self.export("nquads").decode("utf-8"), format="nquads")
        return dataset

    def explain(self, event: str):
        """Why ``event`` is one encounter: its reports, the scores that merged them, close ones left out."""
        from kb.identity import EncounterLayer
        from kb.identity.explain import explain

        return explain(self.store, event, EncounterLayer(self.store).stored_threshold())

    def validate(self) -> ValidationReport:
        return validate(self.store)

    def stats(self) -> dict[str, object]:
        """Counts researchers look at first: articles, people, events by type, statements, triples."""
        from kb.kinds import KINDS

        row = next(iter(self.query(_STATS_QUERY)))
        counted = {r["type"]: r["n"] for r in self.query(_KINDS_QUERY)}
        events = {t: counted.get(t, 0) for t in KINDS} | counted
        return {
            "articles": row["articles"] or 0,
            "people": row["people"] or 0,
            "events": events,
            "statements": row["statements"] or 0,
            "quotes": row["quotes"] or 0,
            "triples": self.store.count(),
        }

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_STATS_QUERY = """
SELECT
  (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?person) AS ?people)
  (COUNT(DISTINCT ?statement) AS ?statements) (COUNT(DISTINCT ?quoted) AS ?quotes)
WHERE {
  { ?article a dip:Article } UNION { ?person a dip:Person }
  UNION { ?statement a dip:Statement } UNION { ?quoted dip:quote ?q }
}
"""

_KINDS_QUERY = "SELECT ?type (COUNT(DISTINCT ?event) AS ?n) WHERE { ?event dip:kind ?type } GROUP BY ?type"
