"""kb ingest --dask: the store a local ingest makes, re-runs that skip, a killed worker that costs nothing.

Real parts throughout: a Dask cluster of worker processes, the spaCy model loaded in each, the
embedded store written by the client.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import distributed
import pytest

from kb.extract import create_extractor
from kb.ingest import ingest
from kb.store import open_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "tests" / "gold"]  # 10 articles
SMALL_CHUNK = 3  # so that the 10 articles make four tasks, some in flight on each worker


def nquads(location) -> set[str]:
    from kb import KnowledgeBase

    with KnowledgeBase(location, read_only=True) as kb:
        return set(kb.export("nquads").decode().splitlines())


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The articles ingested locally, in one process."""
    location = tmp_path_factory.mktemp("local") / "store"
    with open_store(location) as store:
        report = ingest(store, INPUTS, extractor=create_extractor(), jobs=1)
    assert report.ok and report.ingested == 10
    return report, nquads(location)


def kb(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=900, cwd=ROOT)


def test_a_local_cluster_gives_the_local_store_and_a_rerun_skips_everything(tmp_path, reference):
    report, expected = reference
    store = tmp_path / "store"
    done = kb("ingest", *INPUTS, "--dask", "local:2", "--store", store, "-q")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == report.summary()
    assert nquads(store) == expected  # the same graphs, the same IRIs
    again = kb("ingest", *INPUTS, "--dask", "local:2", "--store", store, "-q")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip().splitlines()[-1] == f"0 articles ingested, {report.ingested} unchanged"


def test_a_worker_killed_mid_run_loses_nothing_and_nothing_is_written_twice(tmp_path, reference, monkeypatch):
    report, expected = reference
    monkeypatch.setattr("kb.ingest.CHUNK", SMALL_CHUNK)
    killed: list[tuple[str, int]] = []
    written: Counter = Counter()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        with open_store(tmp_path / "store") as store:
            real_replace = store.replace_graphs

            def replace(graphs, *more):
                if not killed:  # the first article is in: kill a worker that is extracting a chunk
                    busy = [w for w, keys in client.processing().items() if keys]
                    assert busy, "no worker was working when the first article arrived"
                    pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                    os.kill(pid, signal.SIGKILL)
                    killed.append((busy[0], pid))
                real_replace(graphs, *more)
                written.update(g.value for g in graphs)

            store.replace_graphs = replace
            got = ingest(store, INPUTS, extractor=create_extractor(), dask=cluster.scheduler_address)
        pids = set(client.run(os.getpid).values())
    assert killed and killed[0][1] not in pids  # the worker died (its nanny started another)
    assert (got.ingested, got.failed, got.articles) == (report.ingested, [], report.articles)
    assert set(written.values()) == {1} and len(written) == report.ingested  # each article once
    assert nquads(tmp_path / "store") == expected


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path):
    done = kb("ingest", *INPUTS, "--dask", "tcp://127.0.0.1:9", "--store", tmp_path / "s", "-q")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1].startswith("Error: --dask tcp://127.0.0.1:9: cannot reach")
