"""Export throughput: triples (or quads) per second written to Turtle and N-Quads.

Uses ``KnowledgeBase.export`` (what ``kb export`` runs) on a synthetic knowledge base built
with ``synthetic.py``, writing to /dev/null-like temporary files.

    python bench/bench_export.py --sizes 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import save
from synthetic import build_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--formats", nargs="+", default=["turtle", "nquads"])
    parser.add_argument("--work", default=None, help="folder for the stores (kept: built once)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-export-"))

    from kb import KnowledgeBase

    rows = []
    print("| articles | format | statements | seconds | statements/s | MB written |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        path = build_store(work / f"kb-{n}", n)
        with KnowledgeBase(path, read_only=True) as kb:
            for fmt in args.formats:
                out = work / f"export-{n}.{fmt}"
                began = time.perf_counter()
                count = kb.export(fmt, out)
                seconds = time.perf_counter() - began
                size = out.stat().st_size / 2**20
                out.unlink()
                rows.append({"articles": n, "format": fmt, "statements": count, "seconds": seconds,
                             "rate": count / seconds, "mb": size})
                print(f"| {n} | {fmt} | {count} | {seconds:.1f} | {count / seconds:,.0f} | {size:.0f} |",
                      flush=True)
    print("saved", save("export", {"rows": rows}))


if __name__ == "__main__":
    main()
