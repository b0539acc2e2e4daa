"""Named-query latency on three backends holding the same synthetic knowledge base.

The store (``synthetic.py``, the quads ingest would write, with the encounter layer) is built once
as an embedded folder. ``oxigraph serve`` serves a copy of that folder; Virtuoso (a fresh database
on loopback, see ``tests/servers.py``) gets the same graphs through its bulk loader, the merged
graph named as DipKB's Virtuoso layout names it. Every named query runs through
``KnowledgeBase.query`` (so each answer is the same ``Result`` on every backend, rows compared),
once per backend to warm up, then ``--repeat`` rounds alternating embedded, Oxigraph server,
Virtuoso. Reported: medians in milliseconds and each server's median over the embedded store's.

    python bench/bench_backends.py --articles 10000
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench_queries import parameters
from common import median, save
from servers import VIRTUOSO_PASSWORD, VIRTUOSO_USER, comparable, start_oxigraph, start_virtuoso
from synthetic import build_store

from kb import KnowledgeBase
from kb.queries import named_queries

BACKENDS = ("embedded", "oxigraph serve", "virtuoso")


def load_virtuoso(server, store_path: Path) -> tuple[int, float]:
    """Every graph of the embedded store but the candidate index, bulk-loaded; (quads, seconds)."""
    from pyoxigraph import DefaultGraph, Quad, RdfFormat, serialize

    from kb.store import open_store
    from kb.store.base import MERGED_GRAPH

    began = time.perf_counter()
    dump = server.folder / "kb.nq"
    count = 0
    with open_store(store_path, read_only=True) as store, open(dump, "wb") as out:
        batch: list[Quad] = []
        for quad in store.quads():
            batch.append(quad)
            if len(batch) >= 100_000:
                out.write(serialize(batch, format=RdfFormat.N_QUADS))
                count += len(batch)
                batch = []
        for q in store.quads(DefaultGraph()):
            batch.append(Quad(q.subject, q.predicate, q.object, MERGED_GRAPH))
            if len(batch) >= 100_000:
                out.write(serialize(batch, format=RdfFormat.N_QUADS))
                count += len(batch)
                batch = []
        out.write(serialize(batch, format=RdfFormat.N_QUADS) or b"")
        count += len(batch)
    sql = (f"ld_dir('{server.folder}', 'kb.nq', '{MERGED_GRAPH.value}'); rdf_loader_run(); checkpoint;")
    subprocess.run(["isql-vt", f"127.0.0.1:{server.sql_port}", VIRTUOSO_USER, VIRTUOSO_PASSWORD,
                    f"exec={sql}"], check=True, stdout=subprocess.DEVNULL)
    dump.unlink()
    return count, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per query and backend at most")
    parser.add_argument("--work", default=None, help="folder for the stores (the embedded one is kept)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--buffers", type=int, default=100_000, help="Virtuoso's page cache (8 kB pages)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-backends-"))
    n = args.articles

    began = time.perf_counter()
    path = build_store(work / f"kb-{n}", n, args.seed)
    print(f"## {n} synthetic articles (embedded store ready in {time.perf_counter() - began:.0f} s)",
          flush=True)
    copy = work / f"kb-{n}-served"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(path, copy)
    oxigraph = start_oxigraph(copy)
    virtuoso_dir = work / f"virtuoso-{n}"
    shutil.rmtree(virtuoso_dir, ignore_errors=True)
    virtuoso = start_virtuoso(virtuoso_dir, buffers=args.buffers)
    try:
        quads, seconds = load_virtuoso(virtuoso, path)
        print(f"Virtuoso bulk-loaded {quads} quads in {seconds:.0f} s", flush=True)
        locations = (path, oxigraph.url, virtuoso.url)
        kbs = {b: KnowledgeBase(loc, read_only=True) for b, loc in zip(BACKENDS, locations, strict=True)}
        counts = {name: kb.store.count() for name, kb in kbs.items()}
        print("triples in the merged graph:", counts, flush=True)
        rows = run_all(kbs, parameters(kbs["embedded"].store), args.repeat, args.budget)
    finally:
        oxigraph.stop()
        virtuoso.stop()
        shutil.rmtree(copy, ignore_errors=True)
    print("\nsaved", save("backends", {"articles": n, "repeat": args.repeat, "merged_triples": counts,
                                       "rows": rows}))


def run_all(kbs: dict[str, KnowledgeBase], params: dict[str, dict], repeat: int, budget: float) -> list[dict]:
    print("\n| query | rows | embedded ms | oxigraph serve ms | Virtuoso ms | serve / embedded "
          "| Virtuoso / embedded | same rows |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    queries = named_queries()
    results = []
    for label, values in params.items():
        name = label.split(" (")[0]
        sparql = queries[name].sparql(**values)
        answers, times = {}, {b: [] for b in kbs}
        for backend, kb in kbs.items():  # warm-up, and the rows to compare
            t0 = time.perf_counter()
            answers[backend] = kb.query(sparql)
            times[backend].append((time.perf_counter() - t0) * 1000)
        slow = max(t[0] for t in times.values()) / 1000
        rounds = 0 if slow * 3 * len(kbs) > budget else repeat
        if rounds:  # the warm-up does not count, unless it alone takes the budget
            for backend in kbs:
                times[backend].clear()
        for _ in range(rounds):
            for backend, kb in kbs.items():
                t0 = time.perf_counter()
                kb.query(sparql)
                times[backend].append((time.perf_counter() - t0) * 1000)
        reference = comparable(answers["embedded"].rows)
        same = {b: comparable(a.rows) == reference for b, a in answers.items()}
        medians = {b: median(t) for b, t in times.items()}
        row = {"query": label, "params": values, "rows": len(answers["embedded"]), "runs": max(1, rounds),
               "median_ms": medians, "same_rows": same,
               "serve_ratio": medians["oxigraph serve"] / medians["embedded"],
               "virtuoso_ratio": medians["virtuoso"] / medians["embedded"]}
        results.append(row)
        agree = "yes" if all(same.values()) else "no: " + ", ".join(b for b, ok in same.items() if not ok)
        print(f"| {label} | {row['rows']} | {medians['embedded']:.1f} | {medians['oxigraph serve']:.1f} | "
              f"{medians['virtuoso']:.1f} | {row['serve_ratio']:.2f} | {row['virtuoso_ratio']:.2f} "
              f"| {agree} |", flush=True)
    return results


if __name__ == "__main__":
    main()
