"""What matching knows of one article's report of one event, read from the article's quads.

An article graph names each event it reports by an IRI minted from the report's own content
(``kb.rdf.iris.event_iri``); two articles that report the same kind, people, day and status
mint the same IRI. A ``Record`` is one article's report of one such IRI: the facts matching
compares (kind, status, people, date, places, publication date) and the ``dip:Report`` nodes
that locate its evidence. Records are kept in the candidate index as compact JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kb.kinds import KINDS
from kb.rdf.namespaces import DCTERMS, DIP, ID, RDF, RDFS

STATUSES = {DIP.Occurred.value: "occurred", DIP.Planned.value: "planned"}
_ID = ID[""].value


@dataclass(frozen=True)
class Place:
    iri: str
    country: str | None  # the IRI of the country it lies in
    whole_country: bool  # the place is the country itself ("visited Russia")


@dataclass(frozen=True)
class Record:
    """One article's report of one event IRI."""

    event: str  # the IRI the article graph uses
    article: str  # the article graph's IRI
    kind: str
    status: str
    parties: frozenset[str]  # people, or the states named as parties when no person is
    date: str | None  # 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'
    date_texts: tuple[str, ...]
    places: tuple[Place, ...]
    published: str | None  # the article's publication date
    reports: tuple[str, ...]  # dip:Report IRIs

    def to_json(self) -> str:
        return json.dumps({"e": _short(self.event), "a": _short(self.article), "k": self.kind,
                           "s": self.status, "p": sorted(_short(p) for p in self.parties), "d": self.date,
                           "t": list(self.date_texts), "u": self.published,
                           "l": [[_short(p.iri), _short(p.country) if p.country else None, p.whole_country]
                                 for p in self.places],
                           "r": [_short(r) for r in self.reports]},
                          ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Record:
        d = json.loads(text)
        return cls(event=_long(d["e"]), article=_long(d["a"]), kind=d["k"], status=d["s"],
                   parties=frozenset(_long(p) for p in d["p"]), date=d["d"], date_texts=tuple(d["t"]),
                   places=tuple(Place(_long(i), _long(c) if c else None, w) for i, c, w in d["l"]),
                   published=d["u"], reports=tuple(_long(r) for r in d["r"]))


def records_from_quads(graph: NamedNode, quads: Iterable[Quad]) -> list[Record]:
    """The records of every event an article graph reports, in IRI order."""
    facts: dict[str, dict[str, list]] = {}
    for q in quads:
        facts.setdefault(q.subject.value, {}).setdefault(q.predicate.value, []).append(q.object)
    article = facts.get(graph.value, {})
    published = next((o.value for o in article.get(DCTERMS.issued.value, [])), None)
    out = []
    for subject, props in sorted(facts.items()):
        kinds = [k.name for k in map(KINDS.by_class, (t.value for t in props.get(RDF.type.value, []))) if k]
        statuses = [STATUSES[s.value] for s in props.get(DIP.status.value, []) if s.value in STATUSES]
        if not kinds or not statuses:
            continue
        parties = props.get(DIP.participant.value) or props.get(DIP.actor.value) or []
        dates = sorted(o.value for o in props.get(DIP.date.value, []) if isinstance(o, Literal))
        places = tuple(sorted((_place(o.value, facts) for o in props.get(DIP.place.value, [])),
                              key=lambda p: p.iri))
        out.append(Record(
            event=subject, article=graph.value, kind=min(kinds), status=min(statuses),
            parties=frozenset(p.value for p in parties), date=dates[0] if dates else None,
            date_texts=tuple(sorted(o.value for o in props.get(DIP.dateText.value, []))),
            places=places, published=published,
            reports=tuple(sorted(r.value for r in props.get(DIP.report.value, [])))))
    return out


def _place(iri: str, facts: dict[str, dict[str, list]]) -> Place:
    own = facts.get(iri, {})
    country = next((c.value for c in own.get(DIP.country.value, [])), None)
    label = next((x.value for x in own.get(RDFS.label.value, [])), None)
    country_label = next((x.value for x in facts.get(country, {}).get(RDFS.label.value, [])), None)
    whole = label is not None and country_label is not None and label.casefold() == country_label.casefold()
    return Place(iri, country, whole)


def _short(iri: str) -> str:
    return iri[len(_ID):] if iri.startswith(_ID) else "<" + iri


def _long(text: str) -> str:
    return text[1:] if text.startswith("<") else _ID + text
