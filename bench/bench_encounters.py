"""What merging reports into encounters costs ingest, on a store of 100,000 articles.

Two measures, each in one run, alternating the contenders in every round:

  writes   the writer alone: new synthetic articles (the same generator as the store's 100,000,
           so the same people and dates: the candidate index finds real matches) written one by
           one into the store with the encounter layer (``EncounterLayer.replace``), against the
           same articles written the way ingest wrote them before the layer
           (``Store.replace_graphs``) into a copy of the store without it;
  ingest   ``kb ingest --jobs 2`` of written article texts (bench/corpus.py, spaCy and all) into
           each store, the baseline being the code of a given revision (run from an exported copy
           of it, with the same environment).

    python bench/bench_encounters.py -n 100000 --new 500 --rounds 2 --ingest 400 --baseline-rev b9cebc0
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, save
from corpus import write_corpus
from synthetic import build_store, synthetic_graphs

ROOT = Path(__file__).resolve().parent.parent


def copy(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def write_rounds(layered: Path, plain: Path, graphs: list, rounds: int) -> list[dict]:
    """Writes per second of each writer, alternating which goes first."""
    from kb.identity import EncounterLayer
    from kb.store import open_store

    per_round = len(graphs) // rounds
    out = []
    with open_store(layered) as ours, open_store(plain) as theirs:
        layer = EncounterLayer(ours)
        layer.prepare()
        for r in range(rounds):
            part = graphs[r * per_round:(r + 1) * per_round]
            contenders = [("layer", lambda g, q: layer.replace({g: q})),
                          ("plain", lambda g, q: theirs.replace_graphs({g: q}))]
            if r % 2:
                contenders.reverse()
            row = {}
            for name, write in contenders:
                began = time.perf_counter()
                for graph, quads in part:
                    write(graph, quads)
                row[name] = len(part) / (time.perf_counter() - began)
            row["ratio"] = row["layer"] / row["plain"]
            out.append(row)
            print(f"writes, round {r + 1}: {row['layer']:.0f}/s with the layer, {row['plain']:.0f}/s without "
                  f"({row['ratio']:.2f})", flush=True)
    return out


def merged_share(layered: Path, new_graphs: list) -> float:
    """The share of the new articles' events that are part of an encounter other articles report too."""
    from kb.rdf.iris import ENCOUNTERS_GRAPH
    from kb.store import open_store

    events = {q.subject.value for _, quads in new_graphs for q in quads
              if q.predicate.value.endswith("#status")}
    with open_store(layered, read_only=True) as store:
        rows = store.query(f"SELECT DISTINCT ?e WHERE {{ GRAPH {ENCOUNTERS_GRAPH} {{ "
                           "{ ?e <http://www.w3.org/2002/07/owl#sameAs> ?c } UNION "
                           "{ ?e <https://w3id.org/dipkb/ontology#claim> ?k } } }")
        merged = {row["e"].value for row in rows.bindings()}
    return len(events & merged) / max(1, len(events))


def baseline_checkout(rev: str, work: Path) -> Path:
    target = work / f"baseline-{rev}"
    if not target.exists():
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "kb", "ontology"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def ingest_rounds(layered: Path, plain: Path, baseline: Path, work: Path, n: int, rounds: int) -> list[dict]:
    out = []
    for r in range(rounds):
        corpus = write_corpus(work / f"texts-{r}", n, seed=100 + r)
        contenders = [("layer", layered, None), ("plain", plain, str(baseline))]
        if r % 2:
            contenders.reverse()
        row = {}
        for name, store, path in contenders:
            env = {**os.environ, "PYTHONPATH": path or str(ROOT)}
            command = [sys.executable, "-m", "kb.cli", "ingest", str(corpus), "--store", str(store), "-q",
                       "--jobs", "2"]
            began = time.perf_counter()
            subprocess.run(command, check=True, env=env, capture_output=True, cwd=work)
            row[name] = n / (time.perf_counter() - began)
        row["ratio"] = row["layer"] / row["plain"]
        out.append(row)
        print(f"kb ingest, round {r + 1}: {row['layer']:.1f} articles/s with the layer, {row['plain']:.1f} "
              f"without ({row['ratio']:.2f})", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=500, help="synthetic articles written per round")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ingest", type=int, default=0, help="article texts ingested per round (0: skip)")
    parser.add_argument("--baseline-rev", default="b9cebc0", help="the revision whose ingest is the baseline")
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-encounters-"))
    total = args.articles + args.new * args.rounds

    began = time.perf_counter()
    plain_base = build_store(work / f"plain-{args.articles}", total, load=args.articles, layer=False)
    built = time.perf_counter() - began
    layered_base = work / f"layered-{args.articles}"
    if not (layered_base / ".layer-built").exists():
        copy(plain_base, layered_base)
        from kb.identity import EncounterLayer
        from kb.store import open_store

        began = time.perf_counter()
        with open_store(layered_base) as store:
            EncounterLayer(store).prepare()
        (layered_base / ".layer-built").write_text(f"{time.perf_counter() - began:.1f}")
    layer_seconds = float((layered_base / ".layer-built").read_text())
    print(f"{args.articles} synthetic articles loaded in {built:.0f} s; the encounter layer built in "
          f"{layer_seconds:.0f} s", flush=True)

    layered, plain = copy(layered_base, work / "layered"), copy(plain_base, work / "plain")
    new = list(itertools.islice(synthetic_graphs(total), args.articles, total))
    writes = write_rounds(layered, plain, new, args.rounds)
    share = merged_share(layered, new)
    print(f"{share:.1%} of the new articles' events are part of an encounter reported elsewhere too")
    ingests = []
    if args.ingest:
        ingests = ingest_rounds(layered, plain, baseline_checkout(args.baseline_rev, work), work, args.ingest,
                                args.rounds)

    print("\n| measure | value |\n| --- | ---: |")
    print(f"| writer alone, with the layer / without (median of {args.rounds}) | "
          f"{median([w['ratio'] for w in writes]):.2f} |")
    if ingests:
        print(f"| kb ingest --jobs 2, with the layer / without (median of {args.rounds}) | "
              f"{median([i['ratio'] for i in ingests]):.2f} |")
    print("saved", save("encounters", {"articles": args.articles, "new_per_round": args.new,
                                       "layer_build_seconds": layer_seconds, "writes": writes,
                                       "merged_share": share, "ingest": ingests}))


if __name__ == "__main__":
    main()
