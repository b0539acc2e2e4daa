"""meetings-between-countries by the per-event country pair against the join through people.

The named query looks up ``dip:countryPair`` ("IN RU", written at ingest); before the index it
started from the first country's people and read every one of their events to find those with
a person of the second. Both run on one synthetic store (``synthetic.py``) for the two most
reported countries, alternating, after one warm-up; they must give the same events.

    python bench/bench_between_countries.py --sizes 10000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import median, save
from synthetic import build_store

from kb.queries import get, prepare

THROUGH_PEOPLE = """
SELECT ?event ?type ?date ?place
       (GROUP_CONCAT(DISTINCT ?name; separator=", ") AS ?participants)
       (GROUP_CONCAT(DISTINCT ?article_id; separator=", ") AS ?articles)
WHERE {
  ?c1 dip:iso2 ?country1 . ?p1 dip:country ?c1 . ?event dip:participant ?p1 .
  ?event dip:participant ?p2 . ?p2 dip:country ?c2 . ?c2 dip:iso2 ?country2 .
  FILTER(?p1 != ?p2)
  ?event dip:kind ?type ; prov:wasDerivedFrom ?a .
  OPTIONAL { ?event dip:date ?date }
  OPTIONAL { ?a dcterms:identifier ?article_id }
  OPTIONAL { ?event dip:participant ?q . ?q rdfs:label ?name }
  OPTIONAL { ?event dip:place ?pl . ?pl rdfs:label ?place }
}
GROUP BY ?event ?type ?date ?place
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--work", default=None, help="folder for the stores (kept: built once)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kb-bench-between-"))
    from kb.store import open_store

    rows = []
    print("| articles | countries | events | by pair ms | through people ms | ratio |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for n in args.sizes:
        store = open_store(build_store(work / f"kb-{n}", n), read_only=True)
        busiest = store.query(
            "SELECT ?c (COUNT(*) AS ?n) WHERE { ?p <https://w3id.org/dipkb/ontology#country> ?k . "
            "?k <https://w3id.org/dipkb/ontology#iso2> ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 2")
        one, other = busiest.column("c")
        queries = {"pair": get("meetings-between-countries").sparql(country1=one, country2=other),
                   "people": prepare(THROUGH_PEOPLE, {"country1": one, "country2": other})}
        times: dict[str, list[float]] = {k: [] for k in queries}
        found: dict[str, set] = {}
        for i in range(args.repeat + 1):
            for name, text in queries.items():
                began = time.perf_counter()
                result = store.query(text)
                if i:
                    times[name].append(time.perf_counter() - began)
                found[name] = set(result.column("event"))
        assert found["pair"] == found["people"], "the two queries found different events"
        pair, people = median(times["pair"]) * 1000, median(times["people"]) * 1000
        rows.append({"articles": n, "countries": [one, other], "events": len(found["pair"]),
                     "pair_ms": pair, "people_ms": people})
        print(f"| {n} | {one}, {other} | {len(found['pair'])} | {pair:.0f} | {people:.0f} | "
              f"{people / pair:.1f}x |", flush=True)
        store.close()
    print("saved", save("between-countries", {"rows": rows}))


if __name__ == "__main__":
    main()
