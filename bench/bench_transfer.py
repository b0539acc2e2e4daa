"""What it costs to hand an article's quads from an extraction worker to the writing process.

Workers map each article to pyoxigraph quads; the writer needs the quads (the encounter layer
reads the article's events from them) and N-Triples text for the SPARQL update. The ways to
carry them, timed over the same articles in one run, worker side and writer side apart (the
writer is the one process that cannot be multiplied; both sides include pickling, as a process
pool or Dask does):

  quads    the quads themselves, pickled; the writer writes the update text from them;
  nquads   N-Quads bytes from Oxigraph's serializer, read back with its lenient parser, the
           update text written from the quads (``kb.ingest.pack``/``unpack``: the path in use);
  text     N-Triples text formatted in Python, parsed for the layer and passed to the update as
           it came (the former path, which made ``replace_graphs`` take text as well as quads).

    python bench/bench_transfer.py --texts tests/gold --repeat 20
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", default="tests/gold")
    parser.add_argument("--repeat", type=int, default=20, help="times over the articles")
    args = parser.parse_args()

    from pyoxigraph import RdfFormat, parse

    from kb.extract import create_extractor
    from kb.ingest import pack, unpack
    from kb.model import Article
    from kb.rdf import to_quads
    from kb.readers import read_paths
    from kb.store.base import ntriples

    articles = [a for a in read_paths([Path(args.texts)]) if isinstance(a, Article)]
    results = [(e.article.id, *to_quads(e)) for e in create_extractor().extract_many(articles)]
    n = len(results) * args.repeat
    quads = sum(len(r[2]) for r in results) / len(results)

    def pickled(value):
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def as_text(quads):
        return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)

    def read_text(blob):
        _, _, text = pickle.loads(blob)
        list(parse(text, format=RdfFormat.N_TRIPLES))
        return text

    ways = {
        "quads": (lambda r: pickled(r), lambda b: ntriples(pickle.loads(b)[2])),
        "nquads": (lambda r: pickled(pack(r)), lambda b: ntriples(unpack(pickle.loads(b))[2])),
        "text": (lambda r: pickled((r[0], r[1].value, as_text(r[2]))), read_text),
    }
    totals = {w: [0.0, 0.0, 0] for w in ways}
    for _ in range(args.repeat):
        for name, (work, write) in ways.items():
            began = time.perf_counter()
            blobs = [work(r) for r in results]
            mid = time.perf_counter()
            for blob in blobs:
                write(blob)
            totals[name][0] += mid - began
            totals[name][1] += time.perf_counter() - mid
            totals[name][2] += sum(len(b) for b in blobs)
    print(f"{len(results)} articles x {args.repeat}, {quads:.0f} quads each\n")
    print("| way | worker µs/article | writer µs/article | bytes/article |\n| --- | ---: | ---: | ---: |")
    for name, (w, r, size) in totals.items():
        print(f"| {name} | {w / n * 1e6:,.0f} | {r / n * 1e6:,.0f} | {size / n:,.0f} |")


if __name__ == "__main__":
    main()
