"""Ingest throughput, what the pipeline costs over spaCy's parse, and what a second job buys.

On the same texts (synthetic, or real articles with ``--texts``), in one run, alternating in each round:
  parse  spaCy's ``nlp.pipe`` alone (the model's own components, same batch size) over the texts;
  one    ``ingest(jobs=1)``: read files, skip unchanged, extract, map to RDF, write a fresh store;
  two    ``ingest(jobs=2)``: the same with two worker processes (spawned, model loaded in each,
         which is counted: it is part of what a user waits for).
Reported: articles per second, one/parse (the pipeline's cost over parsing alone), two/one
speed-up on wall time, and on steady state (from the first article written to the last), and
the share of the wall time the writer thread spends writing (the encounter layer and the store).

    python bench/bench_ingest.py -n 400 --rounds 2
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, save, timed_ingest
from corpus import write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--work", default=None)
    parser.add_argument("--texts", default=None,
                        help="real articles to ingest (a folder kb reads) instead of the synthetic corpus")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-ingest-"))

    from kb.extract import create_extractor
    from kb.extract.nlp import prepare_text
    from kb.model import Article
    from kb.readers import read_paths

    corpus = Path(args.texts) if args.texts else write_corpus(work / f"corpus-{args.articles}", args.articles,
                                                              seed=2)
    articles = [a for a in read_paths([corpus]) if isinstance(a, Article)]
    texts = [prepare_text(a.text, a.title) for a in articles]
    words = sum(len(t.split()) for t in texts)
    extractor = create_extractor()
    list(extractor.extract_many(articles[:2]))  # load the model and the lazy parts before timing
    nlp = extractor.nlp
    print(f"{len(texts)} articles, {words / len(texts):.0f} words each; "
          f"pipeline: {', '.join(nlp.pipe_names)}")

    ours = [name for name in nlp.pipe_names if name.startswith("dipkb_")]  # counted as pipeline cost
    rounds = []
    for r in range(args.rounds):
        began = time.perf_counter()
        with nlp.select_pipes(disable=ours):
            for _ in nlp.pipe(texts, batch_size=16):
                pass
        parse = time.perf_counter() - began
        one = timed_ingest(corpus, work / f"one-{r}", extractor, jobs=1)
        two = timed_ingest(corpus, work / f"two-{r}", extractor, jobs=args.jobs)
        row = {"parse_seconds": parse, "parse_rate": len(texts) / parse, "one": one, "two": two,
               "one_over_parse": one["seconds"] / parse, "speedup": one["seconds"] / two["seconds"],
               "steady_speedup": two["steady_rate"] / one["steady_rate"]}
        rounds.append(row)
        print(f"round {r + 1}: parse {row['parse_rate']:.1f}/s, jobs=1 {one['rate']:.1f}/s "
              f"(cpu {one['cpu_seconds']:.0f} s), jobs={args.jobs} {two['rate']:.1f}/s "
              f"(steady {two['steady_rate']:.1f}/s, cpu {two['cpu_seconds']:.0f} s); "
              f"one/parse {row['one_over_parse']:.2f}, speed-up {row['speedup']:.2f} "
              f"(steady {row['steady_speedup']:.2f}); writer {two['writer_seconds']:.0f} s of "
              f"{two['seconds']:.0f} s with {args.jobs} jobs ({two['writer_cpu']:.0f} CPU-s)", flush=True)

    per = words / len(texts)

    def med(key, sub=None):
        return median([(x[sub][key] if sub else x[key]) for x in rounds])

    print("\n| measure | value |\n| --- | ---: |")
    print(f"| spaCy nlp.pipe alone | {med('parse_rate'):.1f} articles/s, "
          f"{med('parse_rate') * per:,.0f} words/s |")
    print(f"| kb ingest, 1 job | {med('rate', 'one'):.1f} articles/s |")
    print(f"| kb ingest, {args.jobs} jobs (wall, incl. worker start) | {med('rate', 'two'):.1f} articles/s, "
          f"{med('rate', 'two') * per:,.0f} words/s |")
    print(f"| kb ingest, {args.jobs} jobs (steady state) | {med('steady_rate', 'two'):.1f} articles/s |")
    print(f"| full pipeline / spaCy parse (1 job) | {med('one_over_parse'):.2f} |")
    print(f"| {args.jobs} jobs / 1 job speed-up (wall) | {med('speedup'):.2f} |")
    print(f"| {args.jobs} jobs / 1 job speed-up (steady state) | {med('steady_speedup'):.2f} |")
    print(f"| the writer's share of the {args.jobs}-job wall time | {med('writer_share', 'two'):.0%} |")
    print("saved", save("ingest", {"articles": len(texts), "words_per_article": words / len(texts),
                                   "jobs": args.jobs, "rounds": rounds}))


if __name__ == "__main__":
    main()
