"""How long the explorer takes to react to a filter change on a large knowledge base.

Builds (once, then reuses) a synthetic knowledge base of 10,000 articles with ``synthetic.py``,
opens ``kb.widgets.Explorer`` on it, then changes filters the way a researcher would — a person,
a country, an event type, a date range, words, combinations, clearing — and times each change
from setting the widget's value until every view (table, timeline, network, statements) has
been redrawn in the kernel. The browser's own drawing is not included.

    python bench/bench_explorer.py                 # 10,000 articles, 5 rounds
    python bench/bench_explorer.py -n 2000 --rounds 3 --json out.json
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BUDGET = 0.5  # seconds: a filter change should feel immediate


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def scenario(explorer, rng: random.Random) -> list[tuple[str, callable]]:
    """One round of filter changes; each step is (kind, action)."""
    filters = explorer.filters
    people = explorer.network.nodes["name"].tolist()[:40] or explorer.data.person_names()
    countries = [code for _, code in explorer.data.countries()]
    first, last = explorer.data.date_bounds()
    span = (last - first).days if first and last else 0
    start = first + dt.timedelta(days=rng.randrange(max(span - 400, 1))) if first else None
    words = ["peace", "trade", "sovereignty", "energy security", "ceasefire"]

    def setter(widget, value):
        return lambda: setattr(widget, "value", value)

    return [
        ("person", setter(filters.person, rng.choice(people))),
        ("type", setter(filters.type, rng.choice(["meeting", "phone_call", "visit"]))),
        ("clear", filters.clear),
        ("country", setter(filters.country, rng.choice(countries))),
        ("date from", setter(filters.start, start)),
        ("date to", setter(filters.end, start + dt.timedelta(days=365) if start else None)),
        ("text", setter(filters.text, rng.choice(words))),
        ("clear", filters.clear),
        ("text", setter(filters.text, rng.choice(words))),
        ("person", setter(filters.person, rng.choice(people).split()[-1])),
        ("clear", filters.clear),
        ("colour by country", setter(explorer.timeline.colour_by, "country")),
        ("country", setter(filters.country, rng.choice(countries))),
        ("type", setter(filters.type, "meeting")),
        ("colour by type", setter(explorer.timeline.colour_by, "type")),
        ("clear", filters.clear),
    ]


def machine() -> dict[str, object]:
    cpu = ""
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "load_average_before": os.getloadavg(), "date": time.strftime("%Y-%m-%d %H:%M")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dipkb-bench",
                        help="where the synthetic store is kept between runs")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    began = time.perf_counter()
    try:
        import plotly.graph_objects  # noqa: F401 - imported here to time imports apart from the first load
        from synthetic import build_store

        from kb.widgets.explorer import Explorer
    except ImportError as exc:
        print(f"cannot import the project ({exc}): run it with the project's venv, .venv/bin/python",
              file=sys.stderr)
        return 2
    imported = time.perf_counter() - began

    info = machine()
    began = time.perf_counter()
    path = build_store(args.work / f"explorer-{args.articles}-{args.seed}", args.articles, args.seed)
    ready = time.perf_counter() - began
    print(f"store: {path} ({args.articles:,} articles, ready in {ready:.1f} s)", flush=True)
    began = time.perf_counter()
    explorer = Explorer(path)
    opened = time.perf_counter() - began
    data = explorer.data
    print(f"explorer open in {opened:.1f} s (after {imported:.1f} s of imports): "
          f"{len(data.events):,} events, {len(data.people):,} people, {len(data.statements):,} statements",
          flush=True)

    rng = random.Random(args.seed)
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for kind, action in scenario(explorer, rng):
            start = time.perf_counter()
            action()
            seconds = time.perf_counter() - start
            latencies.append(seconds)
            by_kind.setdefault(kind, []).append(seconds)
    explorer.close()

    result = {
        "articles": args.articles, "events": len(data.events), "statements": len(data.statements),
        "open_seconds": round(opened, 2), "changes": len(latencies),
        "median_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1), "max_ms": round(max(latencies) * 1000, 1),
        "by_kind_median_ms": {k: round(statistics.median(v) * 1000, 1) for k, v in sorted(by_kind.items())},
        "machine": {**info, "load_average_after": os.getloadavg()},
    }
    print(f"\nfilter change -> every view redrawn, {len(latencies)} changes:")
    print(f"  median {result['median_ms']:.0f} ms   p95 {result['p95_ms']:.0f} ms   "
          f"max {result['max_ms']:.0f} ms   (budget {BUDGET * 1000:.0f} ms)")
    for kind, ms in result["by_kind_median_ms"].items():
        print(f"  {kind:<18} median {ms:6.0f} ms")
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, "
          f"load average {info['load_average_before'][0]:.1f} before / {os.getloadavg()[0]:.1f} after")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0 if result["p95_ms"] < BUDGET * 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
