"""Synthetic knowledge bases for benchmarks: articles, people, events and statements as RDF quads.

Running spaCy over 10,000 texts takes longer than the benchmarks that need a big store, so this
module writes what ingest would write (the public vocabulary, one named graph per article, IRIs
minted by ``kb.rdf.iris``) straight from a seeded random generator. The same ``(n_articles, seed)``
always gives the same quads.

    >>> for graph, quads in synthetic_graphs(10, seed=1): ...     # doctest: +SKIP
    >>> build_store("/tmp/kb-10k", 10_000)                         # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from kb.rdf import iris
from kb.rdf.mapping import country_pairs
from kb.rdf.names import name_keys
from kb.rdf.namespaces import DCTERMS, DIP, FOAF, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

__all__ = ["build_store", "synthetic_graphs"]

EXTRACTOR = "synthetic/1"

COUNTRIES = [
    ("US", "United States", ["Washington", "White House", "New York"]),
    ("CN", "China", ["Beijing", "Great Hall of the People", "Shanghai"]),
    ("RU", "Russia", ["Moscow", "Kremlin", "Sochi"]),
    ("IN", "India", ["New Delhi", "Hyderabad House", "Mumbai"]),
    ("FR", "France", ["Paris", "Elysee Palace"]),
    ("DE", "Germany", ["Berlin", "Chancellery"]),
    ("GB", "United Kingdom", ["London", "Downing Street"]),
    ("JP", "Japan", ["Tokyo", "Hiroshima"]),
    ("BR", "Brazil", ["Brasilia", "Rio de Janeiro"]),
    ("TR", "Turkey", ["Ankara", "Istanbul", "Antalya"]),
    ("UA", "Ukraine", ["Kyiv"]),
    ("SA", "Saudi Arabia", ["Riyadh", "Jeddah"]),
    ("IR", "Iran", ["Tehran"]),
    ("ZA", "South Africa", ["Pretoria", "Johannesburg"]),
    ("AU", "Australia", ["Canberra", "Sydney"]),
    ("KR", "South Korea", ["Seoul"]),
    ("ID", "Indonesia", ["Jakarta", "Bali"]),
    ("EG", "Egypt", ["Cairo", "Sharm el-Sheikh"]),
    ("IT", "Italy", ["Rome"]),
    ("CA", "Canada", ["Ottawa"]),
    ("MX", "Mexico", ["Mexico City"]),
    ("PK", "Pakistan", ["Islamabad"]),
    ("IL", "Israel", ["Jerusalem"]),
    ("QA", "Qatar", ["Doha"]),
    ("CH", "Switzerland", ["Geneva", "Davos"]),
    ("NG", "Nigeria", ["Abuja"]),
    ("AR", "Argentina", ["Buenos Aires"]),
    ("VN", "Vietnam", ["Hanoi"]),
    ("KZ", "Kazakhstan", ["Astana"]),
    ("AE", "United Arab Emirates", ["Abu Dhabi", "Dubai"]),
]
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister",
          "Ambassador", "National Security Adviser", "Chancellor", "Secretary of State", "Envoy"]
KINDS = [("meeting", 0.6), ("phone_call", 0.15), ("visit", 0.15), ("invitation", 0.1)]
CLASSES = {"meeting": DIP.Meeting, "phone_call": DIP.PhoneCall, "visit": DIP.Visit,
           "invitation": DIP.Invitation}
VERBS = {"meeting": "met", "phone_call": "spoke by phone with", "visit": "visited", "invitation": "invited"}
WORDS = ("cooperation trade security energy sovereignty dialogue peace partnership sanctions climate "
         "investment ceasefire nuclear border grain pipeline technology tariffs summit agreement stability "
         "friendship interests territory humanitarian election alliance reform debt vaccines "
         "shipping").split()
_SYLLABLES = ["ka", "lo", "mir", "an", "sei", "ta", "vo", "ri", "shen", "da", "bel", "ko", "na", "jo", "li",
              "ven", "sa", "ru", "min", "ha", "to", "gu", "el", "ar", "yu", "pe", "zo", "fi", "dra", "ne"]
_START = dt.date(2015, 1, 1)
_DAYS = 3650


def _name(rng: random.Random) -> str:
    def word(n: int) -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(n)).capitalize()

    return f"{word(rng.randint(1, 2))} {word(rng.randint(2, 3))}"


def _people(rng: random.Random, n: int) -> list[dict]:
    """A pool of people with a skewed popularity, so the who-met-whom network has hubs."""
    people, seen = [], set()
    while len(people) < n:
        name = _name(rng)
        if name in seen:
            continue
        seen.add(name)
        code = rng.choice(COUNTRIES)[0] if rng.random() < 0.9 else None
        people.append({"key": iris.slug(name), "name": name, "alias": name.split()[-1],
                       "title": rng.choice(TITLES), "country": code})
    return people


def _date(rng: random.Random, day: dt.date) -> str:
    roll = rng.random()
    if roll < 0.85:
        return day.isoformat()
    return day.isoformat()[:7] if roll < 0.95 else day.isoformat()[:4]


def _literal_date(value: str) -> Literal:
    return Literal(value, datatype={10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)])


def synthetic_graphs(n_articles: int, seed: int = 0) -> Iterator[tuple[NamedNode, list[Quad]]]:
    """``(graph_iri, quads)`` for each of ``n_articles`` articles, in the vocabulary ingest writes."""
    rng = random.Random(seed)
    people = _people(rng, max(30, n_articles // 8))
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(people))]
    names = {c: n for c, n, _ in COUNTRIES}
    places = {c: p for c, _, p in COUNTRIES}
    agent = iris.extractor_iri(EXTRACTOR)
    kinds, kind_weights = zip(*KINDS, strict=True)

    for i in range(n_articles):
        article_id = f"synthetic-{seed}-{i:06d}"
        graph = iris.article_iri(article_id)
        issued = _START + dt.timedelta(days=rng.randrange(_DAYS))
        triples: list[tuple] = [
            (graph, RDF.type, DIP.Article), (graph, RDF.type, SCHEMA.NewsArticle),
            (graph, DCTERMS.identifier, Literal(article_id)),
            (graph, DCTERMS.title, Literal(f"Synthetic report {i}")),
            (graph, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)),
            (graph, SCHEMA.url, NamedNode(f"https://news.example.org/{issued.year}/{article_id}")),
            (graph, DCTERMS.publisher, Literal("Synthetic Wire")),
            (graph, DIP.contentHash, Literal(iris.digest(article_id, seed, length=64))),
            (agent, RDF.type, DIP.Extractor), (agent, RDF.type, PROV.SoftwareAgent),
            (agent, RDFS.label, Literal(EXTRACTOR)),
        ]
        used: dict[str, dict] = {}
        countries: set[str] = set()
        events: list[tuple[NamedNode, list[dict]]] = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            kind = rng.choices(kinds, kind_weights)[0]
            group = []
            while len(group) < (1 if kind == "visit" and rng.random() < 0.5 else rng.choice((2, 2, 2, 3, 4))):
                person = rng.choices(people, weights)[0]
                if person not in group:
                    group.append(person)
            status = "planned" if kind == "invitation" or rng.random() < 0.08 else "occurred"
            date = _date(rng, issued - dt.timedelta(days=rng.randrange(4))) if rng.random() < 0.93 else None
            keys = [p["key"] for p in group]
            event = iris.event_iri(kind, keys, date, status, article_id)
            events.append((event, group))
            names_said = " and ".join(p["name"] for p in group)
            triples += [(event, RDF.type, CLASSES[kind]), (event, RDF.type, DIP.Event),
                        (event, DIP.status, DIP.Occurred if status == "occurred" else DIP.Planned),
                        (event, DIP.evidence, Literal(f"{names_said} {VERBS[kind]} on "
                                                      f"{' and '.join(rng.sample(WORDS, 2))}.")),
                        (event, PROV.wasDerivedFrom, graph)]
            triples += [(event, DIP.participant, iris.person_iri(k)) for k in keys]
            triples.append((event, DIP.kind, Literal(kind)))
            triples += [(event, DIP.involvesCountry, iris.country_iri(c))
                        for c in dict.fromkeys(p["country"] for p in group if p["country"])]
            triples += [(event, DIP.countryPair, Literal(pair))
                        for pair in country_pairs([p["country"] for p in group if p["country"]])]
            if date:
                precision = {10: "day", 7: "month", 4: "year"}[len(date)]
                triples += [(event, DIP.date, _literal_date(date)),
                            (event, DIP.dateText, Literal("on the day")),
                            (event, DIP.datePrecision, Literal(precision))]
            if rng.random() < 0.7:
                code = group[0]["country"] or rng.choice(COUNTRIES)[0]
                if kind == "visit" or rng.random() < 0.5:
                    code = rng.choice(COUNTRIES)[0]
                name = rng.choice(places[code])
                place = iris.place_iri(name, code)
                countries.add(code)
                triples += [(event, DIP.place, place), (place, RDF.type, DIP.Place),
                            (place, RDFS.label, Literal(name)), (place, DIP.country, iris.country_iri(code))]
            used.update((p["key"], p) for p in group)

        for n in range(rng.randrange(6)):
            event, group = rng.choice(events)
            speaker = rng.choice(group)
            addressee = rng.choice([p for p in group if p is not speaker] or [None])
            said = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14)))
            statement = iris.statement_iri(article_id, n * 100, said)
            verb = f"told {addressee['name']}" if addressee and rng.random() < 0.6 else "said"
            direct = rng.random() < 0.65
            triples += [(statement, RDF.type, DIP.Statement),
                        (statement, DIP.speaker, iris.person_iri(speaker["key"])),
                        (statement, DIP.quote if direct else DIP.content, Literal(said.capitalize())),
                        (statement, DIP.evidence, Literal(
                            f"\u201c{said.capitalize()},\u201d {speaker['name']} {verb}." if direct
                            else f"{speaker['name']} {verb} {said}.")),
                        (statement, PROV.wasDerivedFrom, graph)]
            if addressee and verb != "said":
                triples.append((statement, DIP.addressee, iris.person_iri(addressee["key"])))
            if rng.random() < 0.6:
                triples.append((statement, DIP.duringEvent, event))
            used[speaker["key"]] = speaker

        for person in used.values():
            iri = iris.person_iri(person["key"])
            triples += [(iri, RDF.type, DIP.Person), (iri, RDFS.label, Literal(person["name"])),
                        (iri, FOAF.name, Literal(person["name"])),
                        (iri, SKOS.altLabel, Literal(person["alias"])),
                        (iri, DIP.title, Literal(person["title"]))]
            triples += [(iri, DIP.nameKey, Literal(k)) for k in name_keys([person["name"], person["alias"]])]
            if person["country"]:
                countries.add(person["country"])
                triples.append((iri, DIP.country, iris.country_iri(person["country"])))
        for code in sorted(countries):
            iri = iris.country_iri(code)
            triples += [(iri, RDF.type, DIP.Country), (iri, RDFS.label, Literal(names[code])),
                        (iri, DIP.iso2, Literal(code))]
        yield graph, [Quad(s, p, o, graph) for s, p, o in dict.fromkeys(triples)]


def build_store(path: str | Path, n_articles: int, seed: int = 0, *, load: int | None = None,
                layer: bool = True) -> Path:
    """Bulk-load a synthetic knowledge base into an embedded store folder (skipped when already built).

    The layout is the one ingest writes: each article's graph, every triple in the merged default
    graph, and (``layer``) the encounter layer, built as for a store written before it existed.
    ``load``: only the first ``load`` of the ``n_articles`` (the rest can then be written one by
    one, with the same people and dates as the store's).
    """
    import itertools

    import pyoxigraph

    path = Path(path)
    count = n_articles if load is None else load
    name = f".synthetic-merged-{n_articles}-{seed}" + (f"-first-{count}" if load is not None else "")
    marker = path / (name + ("-layer" if layer else ""))
    if marker.exists():
        return path
    path.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store(str(path))
    graphs = itertools.islice(synthetic_graphs(n_articles, seed), count)
    store.bulk_extend(item for _, quads in graphs for q in quads
                      for item in (q, Quad(q.subject, q.predicate, q.object)))
    store.optimize()
    store.flush()
    del store
    if layer:
        from kb.identity import EncounterLayer
        from kb.store import open_store

        with open_store(path) as kb_store:
            EncounterLayer(kb_store).prepare()
    marker.touch()
    return path


if __name__ == "__main__":
    import argparse
    import time

    parser = argparse.ArgumentParser(description="Write a synthetic knowledge base into a store folder.")
    parser.add_argument("store")
    parser.add_argument("-n", "--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-layer", action="store_true", help="Leave out the encounter layer.")
    args = parser.parse_args()
    began = time.perf_counter()
    build_store(args.store, args.articles, args.seed, layer=not args.no_layer)
    print(f"{args.articles} synthetic articles in {args.store} ({time.perf_counter() - began:.1f} s)")
