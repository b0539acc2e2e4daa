"""Helpers the benchmarks share: the machine they ran on, percentiles, result files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"


def machine() -> dict[str, object]:
    """What the numbers depend on, recorded beside them."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = {}
    for name in ("spacy", "pyoxigraph", "rdflib", "thinc"):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:
            pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "python": platform.python_version(),
            "os": platform.platform(), "load_average": os.getloadavg(), "packages": versions,
            "date": time.strftime("%Y-%m-%d %H:%M")}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **data}, indent=1, default=str), encoding="utf-8")
    return path


def tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of ``pid``, RSS of it and all its descendants) in bytes, from /proc."""
    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def children(p: int) -> list[int]:
        out = []
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                text = (task / "children").read_text().split()
                out.extend(int(c) for c in text)
        except OSError:
            pass
        return out

    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += rss(p)
        stack.extend(children(p))
    return rss(pid), total


def run_sampling_rss(command: list[str], interval: float = 0.2) -> dict[str, float]:
    """Run ``command``; its wall time and the peak RSS of the parent and of the whole process tree."""
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak_parent = peak_tree = 0
    while proc.poll() is None:
        parent, tree = tree_rss(proc.pid)
        peak_parent, peak_tree = max(peak_parent, parent), max(peak_tree, tree)
        time.sleep(interval)
    out = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {out}")
    return {"seconds": time.perf_counter() - began, "peak_parent_mb": peak_parent / 2**20,
            "peak_tree_mb": peak_tree / 2**20, "output": out.strip()}


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (worker pools, local clusters)."""
    import resource

    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed_ingest(corpus: Path, store_path: Path, extractor, *, jobs: int = 1,
                 dask: str | None = None) -> dict:
    """One ingest into a fresh store, with the writer's share of it.

    The writer's time is that of each article's write (the encounter layer's look-ups and the
    store's transaction), on the writer thread; ``client_cpu`` is the CPU time of every thread
    of this process (reading, hashing, unpacking results, the writer, Dask's communication),
    not of the worker processes. The steady rate counts from the first article written to the
    last, after the first chunk.
    """
    from kb.identity import EncounterLayer
    from kb.ingest import ingest
    from kb.store import open_store

    writer = {"wall": 0.0, "cpu": 0.0, "first": 0.0, "last": 0.0, "n": 0}
    original = EncounterLayer.replace

    def timed(self, graphs):
        began, cpu = time.perf_counter(), time.thread_time()
        original(self, graphs)
        end = time.perf_counter()
        writer["wall"] += end - began
        writer["cpu"] += time.thread_time() - cpu
        writer["n"] += 1
        if writer["n"] == 16:
            writer["first"] = end
        writer["last"] = end

    EncounterLayer.replace = timed  # type: ignore[method-assign]
    try:
        with open_store(store_path) as store:
            client_cpu, cpu, began = time.process_time(), cpu_seconds(), time.perf_counter()
            report = ingest(store, [corpus], extractor=extractor, jobs=jobs, dask=dask)
            wall = time.perf_counter() - began
            client_cpu, cpu = time.process_time() - client_cpu, cpu_seconds() - cpu
    finally:
        EncounterLayer.replace = original  # type: ignore[method-assign]
    n = report.ingested
    steady = (n - 16) / (writer["last"] - writer["first"]) if n > 32 else float("nan")
    return {"seconds": wall, "rate": n / wall, "steady_rate": steady, "articles": n, "cpu_seconds": cpu,
            "writer_seconds": writer["wall"], "writer_cpu": writer["cpu"], "client_cpu": client_cpu,
            "writer_share": writer["wall"] / wall}


def python() -> str:
    return sys.executable
