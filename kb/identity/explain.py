"""Why an event is what it is: its reports, the scores that merged them, and the reports that were not.

``explain(store, event)`` accepts the IRI of a merged event, the IRI an article graph gave one
of its reports (an alias), or the part after ``.../id/`` ("event/meeting-2022-11-14-03bd53e77cda").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kb.errors import KBError
from kb.identity import index
from kb.identity.keys import probe_keys
from kb.identity.records import Record
from kb.identity.score import Score, Unit, assess
from kb.rdf.iris import ENCOUNTERS_GRAPH
from kb.rdf.namespaces import DCTERMS, DIP, ID, OWL, RDFS
from kb.store import Store

NEAR_SHOWN = 5


@dataclass
class ReportView:
    """One article's report, as the explanation shows it."""

    number: int
    article_id: str
    published: str | None
    event: str
    kind: str
    status: str
    date: str | None
    places: list[str]
    people: list[str]
    evidence: str | None

    def line(self) -> str:
        where = ", ".join(self.places) or "no place"
        return (f"{self.number}. {self.article_id} (published {self.published or 'unknown'}): "
                f"{self.kind.replace('_', ' ')}, {self.status}, {self.date or 'undated'}, {where}; "
                f"{', '.join(self.people)}")


@dataclass
class Link:
    """A pair of reports and their score: why they are (or are not) one encounter."""

    first: int | str
    second: int | str
    score: float | None
    reasons: str


@dataclass
class Explanation:
    event: str
    threshold: float
    reports: list[ReportView]
    merged_by: list[Link]
    conflicts: list[str]
    planned_as: list[str] = field(default_factory=list)
    plan_of: list[str] = field(default_factory=list)
    not_merged: list[Link] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_text(self) -> str:
        n = len(self.reports)
        out = [f"{self.event}", f"{n} report{'s' if n != 1 else ''}, merge threshold {self.threshold:g}", ""]
        out += ["Reports:"] + [f"  {r.line()}\n     {_clip(r.evidence)}" for r in self.reports]
        if self.merged_by:
            out += ["", "Why they are one encounter (each report with the report it matches best):"]
            out += [f"  {x.second} ~ {x.first}: {x.score:.2f} >= {self.threshold:g}: {x.reasons}"
                    for x in self.merged_by]
        if self.conflicts:
            out += ["", "The reports disagree on: " + ", ".join(self.conflicts)]
        for label, events in (("Announced as (planned)", self.planned_as), ("The plan of", self.plan_of)):
            if events:
                out += ["", f"{label}: " + ", ".join(events)]
        if self.not_merged:
            out += ["", "Close reports that are not part of it:"]
            out += [f"  {x.first}: {x.reasons}" for x in self.not_merged]
        return "\n".join(out)


def explain(store: Store, event: str, threshold: float) -> Explanation:
    iri = _merged_iri(store, _full_iri(event))
    entries = index.lookup(store, encounters=[iri])
    if not entries:
        raise KBError(f"no event {event} in the knowledge base")
    records = sorted((e.record for e in entries), key=lambda r: (r.published or "", r.article, r.event))
    units = {u.event: u for u in Unit.group(records)}
    views = _views(store, records)
    number = {(r.article, r.event): v.number for r, v in zip(records, views, strict=True)}

    conflicts, planned_as, plan_of = _layer_facts(store, iri)
    return Explanation(iri, threshold, views, _best_matches(records, units, number), conflicts, planned_as,
                       plan_of, _not_merged(store, units, iri))


def _best_matches(records: list[Record], units: dict[str, Unit], number: dict) -> list[Link]:
    """Each report with the other report of the encounter it matches best (each pair once)."""
    out: list[Link] = []
    for a in records:
        best: Link | None = None
        for b in records:
            if b is a:
                continue
            if a.event == b.event:
                link = Link(number[(b.article, b.event)], number[(a.article, a.event)], 1.0,
                            "the same kind, people, date and status: one event IRI")
            else:
                found = assess(units[a.event], units[b.event])
                if not isinstance(found, Score) or found.link:
                    continue
                link = Link(number[(b.article, b.event)], number[(a.article, a.event)], found.total,
                            found.reasons())
            if best is None or (link.score or 0) > (best.score or 0):
                best = link
        if best is not None and not any({x.first, x.second} == {best.first, best.second} for x in out):
            out.append(best)
    return out


def _not_merged(store: Store, units: dict[str, Unit], iri: str) -> list[Link]:
    near = [e for e in index.lookup(store, keys=probe_keys(units.values())) if e.encounter != iri]
    found = []
    for other in Unit.group(e.record for e in near):
        best: tuple[float, str] | None = None
        for unit in units.values():
            result = assess(unit, other)
            if isinstance(result, Score) and result.link:
                candidate = (result.total, f"a plan and what occurred (linked, never merged): "
                                           f"{result.total:.2f}: {result.reasons()}")
            elif isinstance(result, Score):
                candidate = (result.total, f"{result.total:.2f} < the threshold: {result.reasons()}")
            else:
                candidate = (-1.0, f"ruled out: {result}")
            best = max(best, candidate) if best else candidate
        if best:
            found.append((best, other.event))
    found.sort(key=lambda f: (-f[0][0], f[1]))
    return [Link(_short(event), "", score if score >= 0 else None, why)
            for (score, why), event in found[:NEAR_SHOWN]]


def _views(store: Store, records: list[Record]) -> list[ReportView]:
    people = _labels(store, sorted({p for r in records for p in r.parties}))
    ids = _values(store, f"SELECT ?x ?v WHERE {{ VALUES ?x {{ {_iris(r.article for r in records)} }} "
                         f"?x {DCTERMS.identifier} ?v }}")
    rows = " ".join(f"(<{r.article}> <{r.event}>)" for r in records)
    evidence = {}
    result = store.query(f"SELECT ?a ?e (MIN(?t) AS ?v) WHERE {{ VALUES (?a ?e) {{ {rows} }} "
                         f"GRAPH ?a {{ ?e {DIP.evidence} ?t }} }} GROUP BY ?a ?e")
    for row in result.bindings():
        evidence[(row["a"].value, row["e"].value)] = row["v"].value
    return [ReportView(i + 1, ids.get(r.article, _short(r.article)), r.published, _short(r.event), r.kind,
                       r.status, r.date, [_short(p.iri).removeprefix("place/") for p in r.places],
                       [people.get(p, _short(p)) for p in sorted(r.parties, key=lambda p: people.get(p, p))],
                       evidence.get((r.article, r.event)))
            for i, r in enumerate(records)]


def _layer_facts(store: Store, iri: str) -> tuple[list[str], list[str], list[str]]:
    g = store.scope(ENCOUNTERS_GRAPH)
    result = store.query(f"SELECT ?p ?o ?s WHERE {{ {g.bind} GRAPH {g.term} {{ "
                         f"{{ <{iri}> ?p ?o FILTER(?p IN ({DIP.conflict}, {DIP.plannedAs})) }} UNION "
                         f"{{ ?s {DIP.plannedAs} <{iri}> }} }} }}")
    conflicts, planned_as, plan_of = [], [], []
    for row in result.bindings():
        if row["s"] is not None:
            plan_of.append(_short(row["s"].value))
        elif row["p"].value == DIP.conflict.value:
            conflicts.append(row["o"].value.rsplit("#", 1)[-1])
        else:
            planned_as.append(_short(row["o"].value))
    return sorted(conflicts), sorted(planned_as), sorted(plan_of)


def _full_iri(event: str) -> str:
    text = event.strip()
    if text.startswith(("http://", "https://")):
        return text
    text = text.removeprefix("id:")
    return ID[text if "/" in text else f"event/{text}"].value


def _merged_iri(store: Store, iri: str) -> str:
    if any(c in iri for c in ' <>"{}|\\^`\n'):
        raise KBError(f"'{iri}' is not an event IRI")
    g = store.scope(ENCOUNTERS_GRAPH)
    result = store.query(f"SELECT ?c WHERE {{ {g.bind} GRAPH {g.term} {{ <{iri}> {OWL.sameAs} ?c }} }}")
    for row in result.bindings():
        return row["c"].value
    return iri


def _labels(store: Store, iris: list[str]) -> dict[str, str]:
    if not iris:
        return {}
    return _values(store, f"SELECT ?x (MIN(?l) AS ?v) WHERE {{ VALUES ?x {{ {_iris(iris)} }} "
                          f"?x {RDFS.label} ?l }} GROUP BY ?x")


def _values(store: Store, query: str) -> dict[str, str]:
    result = store.query(query)
    return {row["x"].value: row["v"].value for row in result.bindings() if row["v"] is not None}


def _iris(iris) -> str:
    return " ".join(f"<{i}>" for i in dict.fromkeys(iris))


def _short(iri: str) -> str:
    return iri.removeprefix(ID[""].value)


def _clip(text: str | None, width: int = 100) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return '"' + (text if len(text) <= width else text[: width - 1] + "…") + '"'
