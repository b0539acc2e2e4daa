"""Ingest orchestration: read -> skip unchanged -> extract -> map to RDF -> replace the article's graph.

Each article is written in its own transaction, so an interrupted ingest leaves every article
either complete or absent, and running it again finishes the job.

Articles stream through in chunks, so memory does not grow with the corpus: the reader yields
one file at a time, content hashes are looked up one chunk at a time, and at most a few chunks
are in flight. With ``jobs > 1``, worker processes (spawned, each loading the spaCy model once)
extract and map to RDF, and send back each article's quads as N-Quads bytes (``pack``); the
parent only reads files and writes to the store (an embedded store allows a single writing
process). A writer thread applies the updates, so writing overlaps extraction even with one
job; each update also merges the article's events with the encounters other articles reported
(``kb.identity``).

An item that cannot be ingested is *skipped* when it has no prose to read (an empty body, a
table or list, another language) and *failed* when it is unreadable or malformed; the report
counts both by reason, and only failures make an ingest unsuccessful.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, NamedTuple

from pyoxigraph import NamedNode, Quad, RdfFormat, parse, serialize

from kb.errors import ConfigError, ReadError, cannot_write
from kb.model import Article, Extractor
from kb.progress import Progress
from kb.rdf import article_iri, to_quads
from kb.store import Store
from kb.text import first_line

CHUNK = 16  # articles per unit of work: one nlp.pipe batch
FLUSH_EVERY = 250  # articles between store flushes: unflushed writes stay in memory (RocksDB memtables)
_IN_FLIGHT_PER_JOB = 2  # chunks queued per worker process, beyond the one it is working on
_ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@dataclass
class IngestReport:
    """What an ingest did. ``failed`` and ``skipped`` hold one line per file (or JSONL line);
    ``reasons`` counts them by (status, reason)."""

    ingested: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True unless something failed: skipped items (no prose to read) are not failures."""
        return not self.failed

    def add(self, problem: ReadError) -> None:
        (self.skipped if problem.skipped else self.failed).append(str(problem))
        self.reasons[problem.status, problem.reason] += 1

    def summary(self) -> str:
        """One line, e.g. '16,100 articles ingested, 63 unchanged, 1,640 skipped (1,201 table or list,
        439 not English), 6 failed (6 invalid JSON)'."""
        parts = [f"{self.ingested:,} article{'s' if self.ingested != 1 else ''} ingested"]
        if self.unchanged:
            parts.append(f"{self.unchanged:,} unchanged")
        for status, items in (("skipped", self.skipped), ("failed", self.failed)):
            if items:
                counts = sorted(((n, r) for (s, r), n in self.reasons.items() if s == status),
                                key=lambda c: (-c[0], c[1]))
                parts.append(f"{len(items):,} {status} (" + ", ".join(f"{n:,} {r}" for n, r in counts) + ")")
        return ", ".join(parts)


def ingest(store: Store, paths: Iterable[str | Path], *, extractor: Extractor, published: date | None = None,
           progress: bool = False, force: bool = False,
           on_error: Callable[[ReadError], None] | None = None, jobs: int | None = 1,
           errors_file: str | os.PathLike[str] | None = None,
           merge_threshold: float | None = None, columns: dict[str, str] | None = None,
           fetch: bool = False, dask: str | None = None) -> IngestReport:
    """Ingest every article under ``paths`` into ``store``; bad items are reported, never fatal.

    ``on_error`` is called with each skipped or failed item (``ReadError``; ``.skipped`` tells
    which), and ``errors_file`` receives each as one JSON line. ``jobs`` is the number of
    extraction processes (``None`` or 0: one per core); ``merge_threshold`` the score above which
    two reports are one encounter (None: the store's). ``columns`` and ``fetch`` are for the
    readers (``kb.readers.read_paths``). ``dask``, a scheduler address or ``local:N``, runs
    extraction on a Dask cluster instead (``kb.dask_ingest``; ``jobs`` is unused).
    """
    from kb.identity import EncounterLayer
    from kb.readers import count_articles, read_paths

    paths = list(paths)
    report = IngestReport()
    log = _open_errors_file(errors_file)
    layer = EncounterLayer(store, merge_threshold)
    layer.prepare(progress=(lambda message: print(message, file=sys.stderr)) if progress else None)
    total = count_articles(paths) if progress else None
    bar = Progress(progress, desc="ingesting", unit=" articles", total=total)
    problems = _Problems(report, bar, on_error, log)
    writer = _Writer(layer.replace, report, bar, store)
    jobs = default_jobs() if not jobs or jobs < 0 else jobs
    done = False
    try:
        items = read_paths(paths, published=published, columns=columns, fetch=fetch)
        chunks = _fresh_chunks(items, store, force, report, problems, bar)
        if dask:
            from kb.dask_ingest import extract_on_cluster

            results = extract_on_cluster(chunks, extractor, dask)
        else:
            results = _extract(chunks, extractor, jobs)
        for result in results:
            if isinstance(result, Failure):
                problems.add(ReadError(result.where, result.problem, reason="extraction failed"))
                continue
            writer.put(result)
        done = True
    finally:
        writer.close(raise_error=done)
        bar.close()
        if log is not None:
            log.close()
        store.flush()
    return report


def _open_errors_file(path: str | os.PathLike[str] | None) -> IO[str] | None:
    """The JSON Lines file of skipped and failed items, opened before any work so a bad path costs nothing."""
    if path is None:
        return None
    try:
        return open(path, "w", encoding="utf-8")  # closed when the ingest ends
    except OSError as exc:
        raise cannot_write(path, exc) from exc


class _Problems:
    """Where each skipped or failed item goes: the report, the bar, the caller and the errors file."""

    def __init__(self, report: IngestReport, bar: Progress, on_error, log: IO[str] | None):
        self.report, self.bar, self.on_error, self.log = report, bar, on_error, log

    def add(self, problem: ReadError) -> None:
        self.report.add(problem)
        self.bar.advance(**{problem.status: 1})
        if self.log is not None:
            self.log.write(json.dumps(problem.record(), ensure_ascii=False) + "\n")
            self.log.flush()  # readable while a long ingest runs
        if self.on_error:
            with self.bar.aside():
                self.on_error(problem)


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- reading and skipping ------------------------------------------------------------------------

def _fresh_chunks(items: Iterable[Article | ReadError], store: Store, force: bool, report: IngestReport,
                  problems: _Problems, bar: Progress) -> Iterator[list[Article]]:
    """Chunks of articles whose content changed, looked up in the store one chunk at a time."""
    pending: list[Article] = []

    def sift() -> list[Article]:
        known = {} if force else store.content_hashes(article_iri(a.id) for a in pending)
        fresh = [a for a in pending if known.get(article_iri(a.id).value) != a.content_hash]
        if len(fresh) < len(pending):
            report.unchanged += len(pending) - len(fresh)
            bar.advance(len(pending) - len(fresh), unchanged=len(pending) - len(fresh))
        pending.clear()
        return fresh

    for item in items:
        if isinstance(item, ReadError):
            problems.add(item)
            continue
        pending.append(item)
        if len(pending) >= CHUNK and (fresh := sift()):
            yield fresh
    if pending and (fresh := sift()):
        yield fresh


# -- extraction, in this process or in workers ----------------------------------------------------

Result = tuple[str, NamedNode, list[Quad]]  # (article id, graph IRI, the graph's quads)
Packed = tuple[str, str, bytes]  # the same as a worker sends it: plain strings and bytes


def pack(result: Result) -> Packed:
    """An extraction result in the form cheapest to send between processes.

    Pickled pyoxigraph quads cost about five times more on each side than N-Quads written and
    read by Oxigraph itself (``bench/bench_transfer.py``); the writer reads them with the
    lenient parser, since the text comes from Oxigraph's own serializer.
    """
    article_id, graph, quads = result
    return article_id, graph.value, serialize(quads, format=RdfFormat.N_QUADS)


def unpack(packed: Packed) -> Result:
    article_id, graph, body = packed
    return article_id, NamedNode(graph), list(parse(body, format=RdfFormat.N_QUADS, lenient=True))


class Failure(NamedTuple):
    """An article the extractor failed on (a plain tuple: exceptions do not always survive pickling)."""

    where: str
    problem: str


def _extract(chunks: Iterator[list[Article]], extractor, jobs: int) -> Iterator[Result | Failure]:
    """Extraction results in input order, with a ``Failure`` for each article that could not be read."""
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    rest = _chain(first, second, chunks)
    if jobs <= 1 or second is None:  # a pool would cost more to start than one chunk takes
        for chunk in rest:
            yield from _extract_chunk(extractor, chunk)
        return
    yield from _extract_in_workers(rest, worker_spec(extractor), jobs)


def _chain(first, second, rest):
    yield first
    if second is not None:
        yield second
        yield from rest


def _extract_chunk(extractor, chunk: list[Article]) -> list[Result | Failure]:
    """One chunk through the extractor; when it fails, each article alone, to name the bad one."""

    def convert(extraction) -> Result:
        graph, quads = to_quads(extraction)
        return extraction.article.id, graph, quads

    if len(chunk) > 1:
        try:
            return [convert(e) for e in extractor.extract_many(chunk)]
        except Exception:
            pass
    out: list[Result | Failure] = []
    for article in chunk:
        try:
            out.extend(convert(e) for e in extractor.extract_many([article]))
        except Exception as exc:
            problem = f"extraction failed ({type(exc).__name__}: {first_line(exc, 200, default='')})"
            out.append(Failure(article.path or article.id, problem))
    return out


def worker_spec(extractor: Extractor) -> bytes:
    """The pickled extractor that each worker process (or Dask worker) loads once."""
    import pickle

    try:
        return pickle.dumps(extractor)
    except Exception as exc:
        raise ConfigError(f"extractor {extractor.name} cannot run in worker processes (use one job)") from exc


_WORKER_EXTRACTOR: Extractor | None = None


def _init_worker(spec: bytes) -> None:
    """Runs once in each worker process: Ctrl-C is the parent's to handle."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    init_worker(spec)


def init_worker(spec: bytes) -> None:
    """Builds the extractor of ``spec`` (``worker_spec``) in this process and loads its model, once."""
    import pickle

    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = pickle.loads(spec)
    _WORKER_EXTRACTOR.load()  # now, not in the middle of the first chunk


def work(chunk: list[Article]) -> list[Packed | Failure]:
    """A chunk extracted in a worker (``init_worker`` ran there first), packed to send back."""
    return [r if isinstance(r, Failure) else pack(r) for r in _extract_chunk(_WORKER_EXTRACTOR, chunk)]


def _extract_in_workers(chunks: Iterator[list[Article]], spec: bytes,
                        jobs: int) -> Iterator[Result | Failure]:
    """Chunks through a pool of spawned workers, in order, with a bounded number in flight."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # never fork a process holding store threads
    saved = {k: os.environ.get(k) for k in _ONE_THREAD}
    os.environ.update({k: "1" for k in _ONE_THREAD if not saved[k]})  # one core per worker, not two threads
    try:
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(spec,))
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
    finished = False
    try:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(work, (chunk,)))
            if len(pending) >= jobs * (_IN_FLIGHT_PER_JOB + 1):
                yield from received(pending.popleft().get())
        while pending:
            yield from received(pending.popleft().get())
        finished = True
    finally:
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()


def received(results: list[Packed | Failure]) -> Iterator[Result | Failure]:
    """A worker's packed chunk as results again."""
    for result in results:
        yield result if isinstance(result, Failure) else unpack(result)


# -- writing --------------------------------------------------------------------------------------

class _Writer:
    """Applies each article's graph replacement on a thread of its own (the store releases the GIL)."""

    _STOP = object()

    def __init__(self, replace: Callable[[dict[NamedNode, list[Quad]]], None], report: IngestReport,
                 bar: Progress, store: Store):
        self.replace, self.report, self.bar, self.store = replace, report, bar, store
        self.error: BaseException | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=4 * CHUNK)
        self._thread = threading.Thread(target=self._run, name="kb-ingest-writer", daemon=True)
        self._thread.start()

    def put(self, result: Result) -> None:
        while True:
            if self.error is not None:
                raise self.error
            try:
                self._queue.put(result, timeout=0.2)
                return
            except queue.Full:
                continue

    def close(self, *, raise_error: bool) -> None:
        """Finish the queued writes (a few chunks at most: after Ctrl-C too, so no extraction is lost)."""
        while self._thread.is_alive():
            try:
                self._queue.put(self._STOP, timeout=0.2)
                break
            except queue.Full:
                continue
        self._thread.join()
        if raise_error and self.error is not None:
            raise self.error

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is self._STOP:
                return
            if self.error is not None:
                continue
            article_id, graph, content = item
            try:
                self.replace({graph: content})
            except BaseException as exc:  # handed to the main thread
                self.error = exc
                continue
            self.report.ingested += 1
            self.report.articles.append(article_id)
            self.bar.advance()
            if self.report.ingested % FLUSH_EVERY == 0:
                try:
                    self.store.flush()
                except BaseException as exc:
                    self.error = exc
