"""Named-query latency on synthetic knowledge bases: the embedded store against rdflib in memory.

For each size, a synthetic knowledge base (``synthetic.py``: the quads ingest would write) is
bulk-loaded into an embedded store and, up to ``--rdflib-max`` articles, into an rdflib
``Dataset`` in the same layout (article graphs, and their merged triples in the default graph).
Each named query runs with typical parameters (the most reported person, the two most reported
countries, one month), once to warm up and then ``--repeat`` times on each store, alternating,
with the rows materialised.
Reported: median and 95th percentile in milliseconds, and rdflib's median over ours. With
``--without-layer``, the same knowledge base without the encounter layer (each article's events
under their own IRIs, as before it) runs the same queries too, alternating, for the ratio.

    python bench/bench_queries.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import gc
import itertools
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, percentile, save
from synthetic import build_store, synthetic_graphs

from kb.queries import named_queries


def parameters(store) -> dict[str, dict[str, object]]:
    """Parameters for each named query, read from the store itself: a typical person (the median
    by number of events) and the busiest one, whose answers grow with the corpus; the two most
    reported countries; one month."""
    people = store.query(
        "SELECT ?alias (COUNT(*) AS ?n) WHERE { ?e <https://w3id.org/dipkb/ontology#participant> ?p . "
        "?p <http://www.w3.org/2004/02/skos/core#altLabel> ?alias } "
        "GROUP BY ?alias ORDER BY DESC(?n) ?alias").column("alias")
    countries = store.query(
        "SELECT ?c (COUNT(*) AS ?n) WHERE { ?p <https://w3id.org/dipkb/ontology#country> ?k . "
        "?k <https://w3id.org/dipkb/ontology#iso2> ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 2").column("c")
    typical, busiest = people[len(people) // 2], people[0]
    month = {"from": "2020-03-01", "to": "2020-03-31"}
    out: dict[str, dict[str, object]] = {}
    for who, alias in (("typical person", typical), ("busiest person", busiest)):
        out[f"people-met ({who})"] = {"person": alias}
        out[f"meetings-of-person ({who})"] = {"person": alias}
        out[f"statements-by-speaker ({who})"] = {"speaker": alias}
        out[f"timeline ({who})"] = {"person": alias}
    out.update({
        "meetings-between-countries (top two)": {"country1": countries[0], "country2": countries[1]},
        "timeline (one month)": month,
        "network (one month)": month,
        "network": {},
        "explorer-events": {},
        "explorer-people": {},
        "explorer-statements": {},
    })
    return out


def rdflib_dataset(n: int, seed: int):
    """The same layout in rdflib: each article graph, and the merged triples in the default graph."""
    import rdflib
    from pyoxigraph import Quad, RdfFormat, serialize

    dataset = rdflib.Dataset()
    graphs = synthetic_graphs(n, seed)
    while batch := [q for _, qs in itertools.islice(graphs, 2000) for q in qs]:
        batch += [Quad(q.subject, q.predicate, q.object) for q in batch]
        dataset.parse(data=serialize(batch, format=RdfFormat.N_QUADS).decode(), format="nquads")
    return dataset


def _worker(conn, kind: str, n: int, seed: int, store_path: str, repeat: int, budget: float) -> None:
    """One store in a process of its own, so a query that runs for hours can be stopped."""
    began = time.perf_counter()
    if kind == "rdflib":
        dataset = rdflib_dataset(n, seed)

        def run(sparql: str):
            return list(dataset.query(sparql))
    else:
        from kb.store import EmbeddedStore

        store = EmbeddedStore(Path(store_path), read_only=True)

        def run(sparql: str):
            return store.query(sparql)
    conn.send(time.perf_counter() - began)
    while True:
        try:
            sparql = conn.recv()
        except EOFError:
            return
        try:
            conn.send((timed(lambda s=sparql: run(s), repeat, budget), len(run(sparql))))
        except Exception as exc:  # rdflib fails on some queries: reported, not fatal
            conn.send(f"{type(exc).__name__}: {exc}")


class Runner:
    """Runs queries on one store in a child process; a query past ``timeout`` is abandoned."""

    def __init__(self, kind: str, n: int, seed: int, store_path: Path, repeat: int, budget: float,
                 timeout: float):
        import multiprocessing

        self.args, self.timeout = (kind, n, seed, str(store_path), repeat, budget), timeout
        self.context = multiprocessing.get_context("spawn")
        self.load_seconds = self._start()

    def _start(self) -> float:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(target=_worker, args=(child, *self.args), daemon=True)
        self.process.start()
        child.close()
        return self.conn.recv()

    def run(self, sparql: str) -> tuple[list[float], int] | str | None:
        """(milliseconds per run, rows), an error message, or None when the first run did not
        finish within the timeout."""
        self.conn.send(sparql)
        if self.conn.poll(self.timeout):
            return self.conn.recv()
        self.close()
        self._start()
        return None

    def close(self) -> None:
        self.process.kill()
        self.process.join(10)
        self.conn.close()


def timed(run, repeat: int, budget: float) -> list[float]:
    """Milliseconds per run: the first run counts when it alone takes most of the budget (slow
    queries), otherwise it is a warm-up; at most ``repeat`` runs and about ``budget`` seconds."""
    began = time.perf_counter()
    run()
    first = time.perf_counter() - began
    if first * 3 > budget:
        return [first * 1000]
    times: list[float] = []
    spent = 0.0
    while len(times) < repeat and spent < budget:
        began = time.perf_counter()
        run()
        elapsed = time.perf_counter() - began
        times.append(elapsed * 1000)
        spent += elapsed
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per query and store at most")
    parser.add_argument("--rdflib-max", type=int, default=1000, help="largest size also loaded into rdflib")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before rdflib is given up")
    parser.add_argument("--work", default=None, help="folder for the stores (kept: built once)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--without-layer", action="store_true",
                        help="also time the same knowledge base without the encounter layer")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-q-"))

    from kb.store import EmbeddedStore

    results = []
    for n in args.sizes:
        began = time.perf_counter()
        path = build_store(work / f"kb-{n}", n, args.seed)
        print(f"\n## {n} articles (store ready in {time.perf_counter() - began:.0f} s)", flush=True)
        store = EmbeddedStore(path, read_only=True)
        params = parameters(store)
        print(f"{store.count()} triples in the merged graph", flush=True)
        store.close()
        ours_runner = Runner("oxigraph", n, args.seed, path, args.repeat, args.budget, args.timeout)
        plain = None
        if args.without_layer:
            plain_path = build_store(work / f"kb-{n}-without-layer", n, args.seed, layer=False)
            plain = Runner("oxigraph", n, args.seed, plain_path, args.repeat, args.budget, args.timeout)
        rdflib = None
        if n <= args.rdflib_max:
            rdflib = Runner("rdflib", n, args.seed, path, args.repeat, args.budget, args.timeout)
            print(f"rdflib Dataset loaded in {rdflib.load_seconds:.0f} s", flush=True)
        extra = " without the layer ms | with / without |" if plain else ""
        print("\n| query | ours median ms | ours p95 ms | rdflib median ms | rdflib p95 ms | rdflib / ours |"
              + extra)
        print("| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if plain else ""))
        queries = named_queries()
        for label, values in params.items():
            sparql = queries[label.split(" (")[0]].sparql(**values)
            row: dict[str, object] = {"articles": n, "query": label, "params": values}
            answer = ours_runner.run(sparql)
            if isinstance(answer, str):
                raise SystemExit(f"{label}: {answer}")
            if answer is None:
                row.update(ours_timeout_s=args.timeout)
                ours_ms = args.timeout * 1000
                ours_text = f"> {ours_ms:.0f} | -"
            else:
                ours, row["rows"] = answer
                ours_ms = median(ours)
                row.update(ours_runs=len(ours), ours_median_ms=ours_ms, ours_p95_ms=percentile(ours, 95))
                ours_text = f"{ours_ms:.1f} | {row['ours_p95_ms']:.1f}"
            theirs_text = "- | - | -"
            if rdflib is not None:
                theirs = rdflib.run(sparql)
                if isinstance(theirs, str):
                    row.update(rdflib_error=theirs)
                    theirs_text = "fails | - | -"
                elif theirs is None:
                    row.update(rdflib_timeout_s=args.timeout, ratio_at_least=args.timeout * 1000 / ours_ms)
                    theirs_text = f"> {args.timeout * 1000:.0f} | - | > {row['ratio_at_least']:.0f}x"
                else:
                    times, _ = theirs
                    row.update(rdflib_median_ms=median(times), rdflib_p95_ms=percentile(times, 95),
                               rdflib_runs=len(times), ratio=median(times) / ours_ms)
                    theirs_text = (f"{row['rdflib_median_ms']:.1f} | {row['rdflib_p95_ms']:.1f} | "
                                   f"{row['ratio']:.1f}x")
            if plain is not None:
                before = plain.run(sparql)
                if isinstance(before, tuple):
                    row.update(without_layer_median_ms=median(before[0]), without_layer_rows=before[1],
                               layer_ratio=ours_ms / median(before[0]))
                    theirs_text += f" | {row['without_layer_median_ms']:.1f} | {row['layer_ratio']:.2f}"
                else:
                    theirs_text += " | - | -"
            results.append(row)
            print(f"| {label} ({row.get('rows', '?')} rows) | {ours_text} | {theirs_text} |", flush=True)
        ours_runner.close()
        if plain is not None:
            plain.close()
        if rdflib is not None:
            rdflib.close()
        gc.collect()
    print("\nsaved", save("queries", {"rows": results, "repeat": args.repeat}))


if __name__ == "__main__":
    main()
