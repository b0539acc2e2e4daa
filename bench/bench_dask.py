"""Ingest on a Dask cluster against local worker processes, and what N machines would give.

On the same synthetic corpus, in one run, alternating in each round: ``ingest(jobs=1)``,
``ingest(jobs=2)``, ``ingest(dask="local:1")`` and ``ingest(dask="local:2")``, each into a fresh
store. Every contender's wall time counts starting its workers and loading the model in each.
Each run also times the client's side of the work: the writer (the encounter layer's look-ups
and the store's transaction, per article), and the CPU time of the whole client process
(reading, hashing, unpacking results, Dask's communication, the writer).

From these, a *simulated* estimate, not a measurement: N machines of C cores extract at
N x C x (one worker's steady rate, from ``local:1``), and the client writes at most
1 / (client CPU seconds per article); the cluster's rate is the smaller of the two, and the store
becomes the bottleneck at N = client rate / (C x worker rate).

    python bench/bench_dask.py -n 400 --rounds 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, save, timed_ingest
from corpus import write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cores", type=int, default=32, help="cores per machine, for the estimate")
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-dask-"))

    from kb.extract import create_extractor

    corpus = write_corpus(work / f"corpus-{args.articles}", args.articles, seed=3)
    extractor = create_extractor()
    contenders = [("jobs=1", {"jobs": 1}), ("jobs=2", {"jobs": 2}),
                  ("local:1", {"dask": "local:1"}), ("local:2", {"dask": "local:2"})]
    rounds = []
    for r in range(args.rounds):
        row = {}
        for name, how in contenders:
            store = work / f"{name.replace(':', '-').replace('=', '-')}-{r}"
            row[name] = timed_ingest(corpus, store, extractor, **how)
            x = row[name]
            print(f"round {r + 1} {name}: {x['rate']:.1f} articles/s (steady {x['steady_rate']:.1f}), writer "
                  f"{x['writer_seconds']:.0f} s of {x['seconds']:.0f} s ({x['writer_cpu']:.0f} CPU-s)",
                  flush=True)
        rounds.append(row)

    def med(name, key):
        return median([row[name][key] for row in rounds])

    print("\n| contender | articles/s (wall) | steady articles/s | writer share of wall time |\n"
          "| --- | ---: | ---: | ---: |")
    for name, _ in contenders:
        print(f"| {name} | {med(name, 'rate'):.1f} | {med(name, 'steady_rate'):.1f} | "
              f"{med(name, 'writer_share'):.0%} |")
    print(f"\nspeed-up local:2 / local:1 (wall): {med('local:2', 'rate') / med('local:1', 'rate'):.2f}; "
          f"jobs=2 / jobs=1: {med('jobs=2', 'rate') / med('jobs=1', 'rate'):.2f}")
    print(f"Dask overhead (wall), local:1 / jobs=1: {med('jobs=1', 'rate') / med('local:1', 'rate'):.2f}; "
          f"local:2 / jobs=2: {med('jobs=2', 'rate') / med('local:2', 'rate'):.2f}")

    worker_rate = med("local:1", "steady_rate")  # one worker process, the client on the other core
    per_article = median([row[name]["client_cpu"] / row[name]["articles"]
                          for row in rounds for name in ("local:1", "local:2")])
    client_rate = 1 / per_article
    print(f"\nSimulated, not measured: one worker extracts {worker_rate:.1f} articles/s; the client spends "
          f"{per_article * 1000:.1f} CPU-ms per article (writer and the rest), so it writes at most "
          f"{client_rate:.0f} articles/s.")
    print(f"\n| machines x {args.cores} cores | extraction, articles/s | the client's limit | estimate |\n"
          "| ---: | ---: | ---: | ---: |")
    for machines in (1, 2, 4, 8, 16, 32):
        extract = machines * args.cores * worker_rate
        print(f"| {machines} | {extract:,.0f} | {client_rate:,.0f} | {min(extract, client_rate):,.0f} |")
    print(f"\nThe store becomes the bottleneck at about {client_rate / worker_rate:.0f} worker processes "
          f"({client_rate / (args.cores * worker_rate):.1f} machines of {args.cores} cores).")
    print("saved", save("dask", {"articles": args.articles, "rounds": rounds, "worker_rate": worker_rate,
                                 "client_seconds_per_article": per_article}))


if __name__ == "__main__":
    main()
