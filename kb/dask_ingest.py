"""Extraction as tasks on a Dask cluster: ``kb ingest PATH... --dask ADDRESS``.

This process (the client) reads the input and skips unchanged articles as a local ingest does,
sends each chunk of fresh articles to the cluster as one task, and hands the results, in input
order, to the same writer as a local ingest: each article is written in its own transaction,
by this process only. The workers never open the store, so it may be an embedded folder on the
client's disk or a SPARQL server only the client can reach; nor do they read the input files.

Each worker builds the extractor once, when it joins (a worker plugin, so a worker that
replaces a dead one gets it too). A worker that dies takes only its unfinished tasks with it:
the scheduler runs them again on another worker, and the client writes a chunk only once its
whole result has arrived, so no article is lost, written twice or written in part.

``ADDRESS`` is a scheduler (``tcp://host:8786``) or ``local:N``, a cluster of N worker
processes on this machine started for the ingest and stopped after it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from kb.errors import ConfigError
from kb.ingest import Failure, Result, init_worker, received, work, worker_spec
from kb.model import Article

try:
    from distributed import WorkerPlugin
except ImportError:  # the extra is not installed: said when --dask is used
    WorkerPlugin = object

IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker thread: enough to keep it busy, few to lose
CONNECT_TIMEOUT = 20  # seconds to reach a scheduler
_LOCAL = re.compile(r"local:(\d+)")


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ConfigError("--dask needs Dask's distributed scheduler: pip install 'dipkb[dask]'") from None
    return distributed


@contextmanager
def connect(address: str):
    """A client of the cluster at ``address``; a ``local:N`` cluster lives as long as the client."""
    distributed = _distributed()
    local = _LOCAL.fullmatch(address.strip())
    if local:
        n = int(local.group(1))
        if n < 1:
            raise ConfigError(f"--dask {address}: a local cluster needs at least one worker")
        # One thread per worker process: spaCy's pipeline is not shared between threads, and
        # Dask's nanny already limits each worker's BLAS to one thread.
        with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    if "://" not in address:
        raise ConfigError(f"--dask {address}: expected a scheduler address such as tcp://host:8786, "
                          "or local:N")
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"--dask {address}: cannot reach the scheduler ({exc})") from exc
    with client:
        yield client


class ExtractorPlugin(WorkerPlugin):
    """Builds the extractor in each worker when it starts (the spaCy model is loaded there once)."""

    name = "dipkb-extractor"
    idempotent = True

    def __init__(self, spec: bytes):
        self.spec = spec

    def setup(self, worker=None) -> None:
        init_worker(self.spec)


def _work_locked(chunk: list[Article]):
    """``kb.ingest.work`` one chunk at a time per worker process, however many threads it has."""
    with _LOCK:
        return work(chunk)


_LOCK = threading.Lock()


def extract_on_cluster(chunks: Iterator[list[Article]], extractor, address: str
                       ) -> Iterator[Result | Failure]:
    """Extraction results in input order, the chunks extracted as tasks on the cluster at ``address``."""
    spec = worker_spec(extractor)
    with connect(address) as client:
        try:  # the workers there now build the extractor before any task is sent
            client.register_plugin(ExtractorPlugin(spec))
        except Exception as exc:  # a worker's own error, raised here by Dask
            line = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
            raise ConfigError(f"--dask {address}: a worker cannot load the extractor ({line})") from exc
        threads = max(1, sum(client.nthreads().values()))
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(client.submit(_work_locked, chunk, pure=False))
                while len(pending) >= threads * IN_FLIGHT_PER_WORKER:
                    yield from received(pending.popleft().result())
                    threads = max(1, sum(client.nthreads().values()))  # workers come and go
            while pending:
                yield from received(pending.popleft().result())
        finally:
            if pending:
                client.cancel(list(pending))
