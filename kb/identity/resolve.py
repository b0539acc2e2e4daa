"""What a merged event states: each fact once, the reports behind each value, and where they disagree.

The merged knowledge base (the default graph) holds the union of what every report of an
encounter says, with one value each of kind, date and place: the most specific date (a day over
its month) and place (a city over its country), then the one most reports give, then the first.
The values that lost stay in the article graphs, and every value of a merged event gets a
``dip:Claim`` listing the reports that give it; two values that cannot both be right (two days,
two cities) make the event carry ``dip:conflict`` with the property they disagree on.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from kb.identity.cluster import Encounter
from kb.identity.records import Place, Record
from kb.kinds import KINDS
from kb.rdf.iris import claim_iri
from kb.rdf.mapping import date_literal
from kb.rdf.namespaces import DIP, OWL, RDF, XSD

Triple = tuple[NamedNode, NamedNode, object]
_KIND_ORDER = ("meeting", "visit", "phone_call", "invitation")  # which kind wins a tie, by base kind
_PRECISION = {10: "day", 7: "month", 4: "year"}


@dataclass
class Resolution:
    """The layer's own triples for one encounter, and the article triples the merged graph leaves out."""

    derived: list[Triple]
    losers: list[Triple]


def resolve(encounter: Encounter) -> Resolution:
    iri = NamedNode(encounter.iri)
    derived: list[Triple] = [(NamedNode(u.event), OWL.sameAs, iri) for u in encounter.units
                             if u.event != encounter.iri]
    derived += [(iri, DIP.plannedAs, NamedNode(p)) for p in encounter.planned_as]
    records = encounter.records
    if len(records) < 2:
        return Resolution(derived, [])
    losers: list[Triple] = []

    kinds = _support(records, lambda r: [r.kind])
    kind = winning_kind(records)
    derived += _claims(iri, RDF.type, {_kind_class(k): rs for k, rs in kinds.items()})
    losers += [(iri, RDF.type, _kind_class(k)) for k in kinds if k != kind]
    losers += [(iri, DIP.kind, Literal(k)) for k in kinds if k != kind]

    dates = _support(records, lambda r: [r.date] if r.date else [])
    if dates:
        date = min(dates, key=lambda d: (-len(d), -_count(dates[d]), d))
        derived += _claims(iri, DIP.date, {date_literal(d): rs for d, rs in dates.items()})
        if _disputed(dates, lambda a, b: a.startswith(b) or b.startswith(a)):
            derived.append((iri, DIP.conflict, DIP.date))
        kept_texts = {t for r in dates[date] for t in r.date_texts}
        losers += [(iri, DIP.date, date_literal(d)) for d in dates if d != date]
        losers += [(iri, DIP.datePrecision, Literal(_PRECISION[len(d)])) for d in dates
                   if len(d) != len(date)]
        losers += [(iri, DIP.dateText, Literal(t)) for t in sorted({t for r in records for t in r.date_texts}
                                                                  - kept_texts)]

    places = _support(records, lambda r: r.places)
    if places:
        place = min(places, key=lambda p: (p.whole_country, -_count(places[p]), p.iri))
        derived += _claims(iri, DIP.place, {NamedNode(p.iri): rs for p, rs in places.items()})
        if _disputed(places, _nested_places):
            derived.append((iri, DIP.conflict, DIP.place))
        losers += [(iri, DIP.place, NamedNode(p.iri)) for p in places if p != place]

    people = _support(records, lambda r: sorted(r.parties))
    derived += _claims(iri, DIP.participant, {NamedNode(p): rs for p, rs in people.items()})
    return Resolution(derived, losers)


def _kind_class(kind: str) -> NamedNode:
    return NamedNode(KINDS[kind].iri)


def _kind_rank(kind: str) -> int:
    base = KINDS.base(kind)
    return _KIND_ORDER.index(base) if base in _KIND_ORDER else len(_KIND_ORDER)


def winning_kind(records: Iterable[Record]) -> str:
    """The kind an encounter is given: the one most reports give, ties broken by base kind."""
    kinds = _support(records, lambda r: [r.kind])
    return min(kinds, key=lambda k: (-_count(kinds[k]), _kind_rank(k), k))


def _support(records: Iterable[Record], values: Callable[[Record], Iterable[Hashable]]) -> dict:
    """Each value, with the records that give it."""
    out: dict = {}
    for record in records:
        for value in values(record):
            out.setdefault(value, []).append(record)
    return out


def _count(records: list[Record]) -> int:
    return sum(len(r.reports) or 1 for r in records)


def _disputed(values: dict, compatible: Callable) -> bool:
    keys = list(values)
    return any(not compatible(a, b) for i, a in enumerate(keys) for b in keys[i + 1:])


def _nested_places(a: Place, b: Place) -> bool:
    if a.iri == b.iri:
        return True
    return bool(a.country) and a.country == b.country and (a.whole_country or b.whole_country)


def _claims(event: NamedNode, prop: NamedNode, support: dict) -> list[Triple]:
    """One dip:Claim per value: the property, the value, the reports that give it and how many."""
    out: list[Triple] = []
    for value, records in sorted(support.items(), key=lambda item: str(item[0])):
        claim = claim_iri(event.value, prop.value, str(value))
        reports = sorted({rep for r in records for rep in r.reports})
        out += [(event, DIP.claim, claim), (claim, RDF.type, DIP.Claim), (claim, DIP.property, prop),
                (claim, DIP.value, value),
                (claim, DIP.supportCount, Literal(str(len(reports)), datatype=XSD.integer))]
        out += [(claim, DIP.supportedBy, NamedNode(rep)) for rep in reports]
    return out
