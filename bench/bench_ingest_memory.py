"""Peak memory of ``kb ingest`` as the corpus grows: it should stay flat.

Runs ``kb ingest --jobs N -q`` on synthetic corpora of increasing size, each into a fresh store,
sampling the resident memory of the parent process and of the whole process tree (parent and
workers) from /proc every 0.2 s.

    python bench/bench_ingest_memory.py --sizes 1000 5000 10000 --jobs 2
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import python, run_sampling_rss, save
from corpus import write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", default=None, help="folder for corpora and stores (default: a temp folder)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-mem-"))
    rows = []
    print("| articles | seconds | articles/s | peak RSS parent (MB) | peak RSS parent + workers (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        corpus = write_corpus(work / f"corpus-{n}", n, seed=1)
        store = work / f"store-{n}"
        shutil.rmtree(store, ignore_errors=True)
        command = [python(), "-m", "kb.cli", "ingest", str(corpus), "--store", str(store), "-q",
                   "--jobs", str(args.jobs)]
        result = run_sampling_rss(command)
        result.update(articles=n, rate=n / result["seconds"])
        rows.append(result)
        print(f"| {n} | {result['seconds']:.0f} | {result['rate']:.1f} | {result['peak_parent_mb']:.0f} | "
              f"{result['peak_tree_mb']:.0f} |", flush=True)
        shutil.rmtree(store, ignore_errors=True)
    first, last = rows[0], rows[-1]
    print(f"\npeak RSS growth {first['articles']} -> {last['articles']} articles: parent "
          f"x{last['peak_parent_mb'] / first['peak_parent_mb']:.2f}, tree "
          f"x{last['peak_tree_mb'] / first['peak_tree_mb']:.2f}")
    print("saved", save("ingest_memory", {"jobs": args.jobs, "rows": rows}))


if __name__ == "__main__":
    main()
