"""Map one article's Extraction to the quads of its named graph, in the public vocabulary."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, Quad

from kb.coding import cameo_country, code_event
from kb.kinds import KINDS
from kb.model import Event, Extraction, Person, Place, Span, Statement
from kb.rdf import iris
from kb.rdf.names import name_keys
from kb.rdf.namespaces import (
    DCTERMS,
    DIP,
    FOAF,
    GEONAMES,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    WD,
    WGS84,
    XSD,
)

STATUS = {"occurred": DIP.Occurred, "planned": DIP.Planned}
_DATE_TYPES = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}


def _text(value: str) -> Literal:
    return Literal(value)


def date_literal(value: str) -> Literal:
    """A date as precise as it is: xsd:date, xsd:gYearMonth or xsd:gYear."""
    return Literal(value, datatype=_DATE_TYPES[len(value)])


def to_quads(extraction: Extraction) -> tuple[NamedNode, list[Quad]]:
    """The article IRI (which names the graph) and every quad the article contributes."""
    article = extraction.article
    graph = iris.article_iri(article.id)
    triples: list[tuple] = []
    add = triples.append

    add((graph, RDF.type, DIP.Article))
    add((graph, RDF.type, SCHEMA.NewsArticle))
    add((graph, DCTERMS.identifier, _text(article.id)))
    add((graph, DIP.contentHash, _text(article.content_hash)))
    if article.title:
        add((graph, DCTERMS.title, _text(article.title)))
    if article.published:
        add((graph, DCTERMS.issued, Literal(article.published.isoformat(), datatype=XSD.date)))
    url = _url(article.url) if article.url else None
    if url is not None:
        add((graph, SCHEMA.url, url))
    if article.source:
        add((graph, DCTERMS.publisher, _text(article.source)))

    agent = iris.extractor_iri(extraction.extractor)
    add((agent, RDF.type, DIP.Extractor))
    add((agent, RDF.type, PROV.SoftwareAgent))
    add((agent, RDFS.label, _text(extraction.extractor)))
    if extraction.extractor_version:
        add((agent, DIP.version, _text(extraction.extractor_version)))

    countries = set(extraction.countries)
    used_people = _people_in_use(extraction)
    for person in used_people:
        triples.extend(_person(person))
        if person.country:
            countries.add(person.country)

    event_iris: list[NamedNode] = []
    for event in extraction.events:
        parties = event.participants or [f"state:{code}" for code in event.actors]
        iri = iris.event_iri(
            event.kind,
            parties,
            event.date.value if event.date else None,
            event.status,
            article.id,
            event.place.name if event.place else None,
        )
        countries.update(event.actors)
        event_iris.append(iri)
        triples.extend(_event(iri, event, extraction, graph, agent))
        triples.extend(_codes(iri, event, extraction))
        if event.place:
            triples.extend(_place(event.place))
            if event.place.country:
                countries.add(event.place.country)

    seen: dict[tuple[int, str], int] = {}  # (evidence start, words) -> statements minted so far
    for statement in extraction.statements:
        key = (statement.evidence.start, statement.quote or statement.content or "")
        seen[key] = seen.get(key, 0) + 1
        triples.extend(_statement(statement, extraction, graph, agent, event_iris, seen[key] - 1))

    for code in sorted(countries):
        triples.extend(_country(code))
        if code in extraction.countries:
            add((graph, DIP.mentionsCountry, iris.country_iri(code)))

    return graph, [Quad(s, p, o, graph) for s, p, o in dict.fromkeys(triples)]


def _is_iri(value: str) -> bool:
    return value.startswith(("http://", "https://")) and not any(c in value for c in ' <>"{}|\\^`')


def _url(value: str) -> NamedNode | None:
    """The article's web address as an IRI (schema:url must be one): characters that an IRI cannot
    hold are percent-encoded; None for anything that is not an http(s) address."""
    value = value.strip()
    if not value.lower().startswith(("http://", "https://")):
        return None
    if not _is_iri(value):
        value = quote(value, safe=":/?#[]@!$&'()*+,;=%~")
    try:
        return NamedNode(value)
    except ValueError:
        return None


def _people_in_use(extraction: Extraction) -> list[Person]:
    """Only people who take part in an event or statement: the rest is noise for researchers."""
    keys: dict[str, None] = {}
    for event in extraction.events:
        keys.update(dict.fromkeys(event.participants))
    for statement in extraction.statements:
        for key in (statement.speaker, statement.addressee):
            if key:
                keys[key] = None
    return [extraction.people[k] for k in keys if k in extraction.people]


def _person(person: Person) -> Iterator[tuple]:
    iri = iris.person_iri(person.key)
    yield iri, RDF.type, DIP.Person
    yield iri, RDFS.label, _text(person.name)
    yield iri, FOAF.name, _text(person.name)
    for alias in sorted(person.aliases - {person.name}):
        yield iri, SKOS.altLabel, _text(alias)
    for key in name_keys([person.name, *person.aliases]):
        yield iri, DIP.nameKey, _text(key)
    if person.title:
        yield iri, DIP.title, _text(person.title)
    if person.country:
        yield iri, DIP.country, iris.country_iri(person.country)
    if person.wikidata:
        yield iri, OWL.sameAs, WD[person.wikidata]


def _country(code: str) -> Iterator[tuple]:
    from kb.reference.countries import country_name, iso3

    iri = iris.country_iri(code)
    yield iri, RDF.type, DIP.Country
    yield iri, RDFS.label, _text(country_name(code) or code)
    yield iri, DIP.iso2, _text(code)
    code3 = iso3(code)
    if code3:
        yield iri, DIP.iso3, _text(code3)
    cameo = cameo_country(code)
    if cameo:
        yield iri, DIP.cameoCountry, _text(cameo)


def _place(place: Place) -> Iterator[tuple]:
    iri = iris.place_iri(place.name, place.country)
    yield iri, RDF.type, DIP.Place
    yield iri, RDFS.label, _text(place.name)
    if place.country:
        yield iri, DIP.country, iris.country_iri(place.country)
    from kb.reference.places import locate

    where = locate(place)
    if where is not None:
        yield iri, DIP.geonamesId, _text(str(where.geonames_id))
        yield iri, OWL.sameAs, GEONAMES[f"{where.geonames_id}/"]
        yield iri, WGS84.lat, Literal(f"{where.latitude:.5f}", datatype=XSD.decimal)
        yield iri, WGS84.long, Literal(f"{where.longitude:.5f}", datatype=XSD.decimal)
        if where.city:
            yield iri, DIP.city, _text(where.city)


def _report(
    subject: NamedNode, span: Span, confidence: float, article_id: str, graph: NamedNode, agent: NamedNode
) -> Iterator[tuple]:
    """A W3C Web Annotation pointing at the evidence: where in which article, by which extractor."""
    report = iris.report_iri(subject, article_id, span.start)
    target = NamedNode(report.value + "#target")
    position = NamedNode(report.value + "#position")
    quote = NamedNode(report.value + "#quote")
    yield subject, DIP.report, report
    yield report, RDF.type, DIP.Report
    yield report, RDF.type, OA.Annotation
    yield report, OA.hasBody, subject
    yield report, OA.hasTarget, target
    yield report, DIP.confidence, Literal(f"{confidence:.2f}", datatype=XSD.decimal)
    yield report, PROV.wasAttributedTo, agent
    yield report, PROV.wasDerivedFrom, graph
    yield target, RDF.type, OA.SpecificResource
    yield target, OA.hasSource, graph
    yield target, OA.hasSelector, position
    yield target, OA.hasSelector, quote
    yield position, RDF.type, OA.TextPositionSelector
    yield position, OA.start, Literal(str(span.start), datatype=XSD.nonNegativeInteger)
    yield position, OA.end, Literal(str(span.end), datatype=XSD.nonNegativeInteger)
    yield quote, RDF.type, OA.TextQuoteSelector
    yield quote, OA.exact, _text(span.text)


def _event(
    iri: NamedNode, event: Event, extraction: Extraction, graph: NamedNode, agent: NamedNode
) -> Iterator[tuple]:
    kind_class = NamedNode(KINDS[event.kind].iri)
    if event.participants:
        yield iri, RDF.type, kind_class
        yield iri, DIP.kind, _text(event.kind)
    else:  # states as the only parties: a contact between states, of this kind
        yield iri, RDF.type, DIP.StateContact
        yield iri, DIP.contactKind, kind_class
    yield iri, RDF.type, DIP.Event
    for key in event.participants:
        yield iri, DIP.participant, iris.person_iri(key)
    for code in event.actors:
        yield iri, DIP.actor, iris.country_iri(code)
    for key in event.hosts:
        yield iri, DIP.host, iris.person_iri(key)
    for key in event.guests:
        yield iri, DIP.guest, iris.person_iri(key)
    yield iri, DIP.status, STATUS[event.status]
    if event.date:
        yield iri, DIP.date, date_literal(event.date.value)
        yield iri, DIP.dateText, _text(event.date.text)
        yield iri, DIP.datePrecision, _text(event.date.precision)
    if event.place:
        yield iri, DIP.place, iris.place_iri(event.place.name, event.place.country)
    yield iri, DIP.evidence, _text(event.evidence.text)
    yield iri, PROV.wasDerivedFrom, graph
    yield from _report(iri, event.evidence, event.confidence, extraction.article.id, graph, agent)


def _statement(
    statement: Statement,
    extraction: Extraction,
    graph: NamedNode,
    agent: NamedNode,
    event_iris: list[NamedNode],
    occurrence: int = 0,
) -> Iterator[tuple]:
    said = statement.quote or statement.content or ""
    # one node per statement: two merged would carry two speakers and two confidences
    iri = iris.statement_iri(extraction.article.id, statement.evidence.start, said, occurrence)
    yield iri, RDF.type, DIP.Statement
    if statement.speaker:
        yield iri, DIP.speaker, iris.person_iri(statement.speaker)
    if statement.quote:
        yield iri, DIP.quote, _text(statement.quote)
    if statement.content:
        yield iri, DIP.content, _text(statement.content)
    if statement.addressee:
        yield iri, DIP.addressee, iris.person_iri(statement.addressee)
    if statement.event is not None and statement.event < len(event_iris):
        yield iri, DIP.duringEvent, event_iris[statement.event]
    yield iri, DIP.evidence, _text(statement.evidence.text)
    yield iri, PROV.wasDerivedFrom, graph
    yield from _report(iri, statement.evidence, statement.confidence, extraction.article.id, graph, agent)


_CODE_PROPERTIES = {"plover": DIP.plover, "plover_mode": DIP.ploverMode, "plover_context": DIP.ploverContext,
                    "cameo": DIP.cameo}


def _codes(iri: NamedNode, event: Event, extraction: Extraction) -> Iterator[tuple]:
    """The event's PLOVER and CAMEO codes (``kb.coding``), with the SKOS concepts they name."""
    people = extraction.people
    coding = code_event(event, {k: people[k].country if k in people else None for k in event.participants})
    for name, concept in coding.iris.items():
        if concept is not None:
            node = NamedNode(concept)
            yield iri, _CODE_PROPERTIES[name], node
            yield from _concept(node)
    for code in coding.source:
        yield iri, DIP.cameoSource, iris.country_iri(code)
    for code in coding.target:
        yield iri, DIP.cameoTarget, iris.country_iri(code)
    own = [people[k].country for k in dict.fromkeys(event.participants) if k in people]
    for code in dict.fromkeys(c for c in own + list(event.actors) if c):
        yield iri, DIP.involvesCountry, iris.country_iri(code)
    for pair in country_pairs([c for c in own if c]):
        yield iri, DIP.countryPair, _text(pair)


def country_pairs(countries: list[str]) -> list[str]:
    """The index keys of the pairs of countries two different participants are from ("IN RU",
    "RU RU" for two Russians): the events between two countries are found by their key alone."""
    return sorted({" ".join(sorted((a, b))) for i, a in enumerate(countries) for b in countries[i + 1:]})


def _concept(node: NamedNode) -> list[tuple]:
    return _concepts().get(node.value, [])


@cache
def _concepts() -> dict[str, list[tuple]]:
    """What ontology/codes.ttl says of each concept that an article graph repeats: its type,
    scheme, notation and label (so queries and SHACL need no other graph)."""
    from pyoxigraph import RdfFormat, parse

    from kb import ontology

    kept = {RDF.type, SKOS.inScheme, SKOS.notation, SKOS.prefLabel, SKOS.broader}
    out: dict[str, list[tuple]] = {}
    for triple in parse(ontology.read_text("codes.ttl"), format=RdfFormat.TURTLE):
        if triple.predicate in kept and isinstance(triple.subject, NamedNode):
            out.setdefault(triple.subject.value, []).append((triple.subject, triple.predicate, triple.object))
    return out
