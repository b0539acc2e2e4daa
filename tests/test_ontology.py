"""The ontology (dipkb.ttl) and the SHACL shapes (shapes.ttl) agree with each other, cover the public
vocabulary, and accept a well-formed article graph while rejecting broken ones. The package ships
them (kb/ontology/); ontology/ at the top holds the same files for reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kb import ontology as packaged

ROOT = Path(__file__).resolve().parent.parent

DIP = Namespace("https://w3id.org/dipkb/ontology#")
ID = Namespace("https://w3id.org/dipkb/id/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# The terms of the public vocabulary contract; they may be extended but never removed.
CONTRACT_TERMS = [
    "Article", "Event", "Meeting", "PhoneCall", "Visit", "Invitation",
    "participant", "date", "dateText", "place", "status", "Occurred", "Planned", "evidence",
    "Statement", "speaker", "quote", "content", "addressee", "duringEvent",
    "Person", "title", "country", "Place", "Country", "iso2",
]  # fmt: skip

EVENT_CLASSES = ["Meeting", "PhoneCall", "Visit", "Invitation"]

PREFIXES = """\
@prefix dip: <https://w3id.org/dipkb/ontology#> .
@prefix id: <https://w3id.org/dipkb/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <https://schema.org/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
"""

# One article's graph: a meeting of two persons with a date, a statement made at it, the
# article, a country and a place, and the report locating the meeting in the article.
GOOD = (
    PREFIXES
    + """
id:article-1 a dip:Article, schema:NewsArticle ;
    dcterms:identifier "article-1" ;
    dcterms:title "Putin meets Xi in the Kremlin" ;
    dcterms:issued "2023-12-28"^^xsd:date ;
    dcterms:publisher "Example News" ;
    schema:url <https://news.example.org/putin-xi> ;
    dip:contentHash "3f0a9c1e5b7d2468ace013579bdf2468ace013579bdf2468ace013579bdf2468" ;
    dip:mentionsCountry id:country-ru .

id:country-ru a dip:Country ; rdfs:label "Russia" ; dip:iso2 "RU" ; dip:iso3 "RUS" ; dip:cameoCountry "RUS" .
id:country-cn a dip:Country ; rdfs:label "China" ; dip:iso2 "CN" ; dip:iso3 "CHN" ; dip:cameoCountry "CHN" .
id:place-kremlin a dip:Place ; rdfs:label "Kremlin" ; dip:country id:country-ru .

id:person-putin a dip:Person ;
    rdfs:label "Vladimir Putin" ;
    skos:altLabel "Putin" ;
    dip:title "President" ;
    dip:country id:country-ru ;
    owl:sameAs <http://www.wikidata.org/entity/Q7747> .
id:person-xi a dip:Person ; rdfs:label "Xi Jinping" .

id:event-1 a dip:Meeting, dip:Event ;
    dip:participant id:person-putin, id:person-xi ;
    dip:host id:person-putin ;
    dip:guest id:person-xi ;
    dip:date "2023-12-27"^^xsd:date ;
    dip:dateText "on Wednesday" ;
    dip:datePrecision "day" ;
    dip:place id:place-kremlin ;
    dip:status dip:Occurred ;
    dip:evidence "Putin met Xi Jinping in the Kremlin on Wednesday." ;
    prov:wasDerivedFrom id:article-1 ;
    dip:report id:report-1 ;
    dip:kind "meeting" ;
    dip:plover <https://w3id.org/dipkb/codes/plover/CONSULT> ;
    dip:ploverMode <https://w3id.org/dipkb/codes/plover/mode-visit> ;
    dip:cameo <https://w3id.org/dipkb/codes/cameo/043> ;
    dip:cameoSource id:country-ru ;
    dip:cameoTarget id:country-cn ;
    dip:involvesCountry id:country-ru , id:country-cn .

<https://w3id.org/dipkb/codes/plover/CONSULT> a skos:Concept ;
    skos:inScheme <https://w3id.org/dipkb/codes/plover> ; skos:notation "CONSULT" .
<https://w3id.org/dipkb/codes/plover/mode-visit> a skos:Concept ;
    skos:inScheme <https://w3id.org/dipkb/codes/plover> ; skos:notation "visit" .
<https://w3id.org/dipkb/codes/cameo/043> a skos:Concept ;
    skos:inScheme <https://w3id.org/dipkb/codes/cameo> ; skos:notation "043" .

id:statement-1 a dip:Statement ;
    dip:speaker id:person-putin ;
    dip:addressee id:person-xi ;
    dip:quote "Our relations are at their best" ;
    dip:duringEvent id:event-1 ;
    dip:evidence "\u201cOur relations are at their best,\u201d Putin told Xi." ;
    prov:wasDerivedFrom id:article-1 .

id:report-1 a dip:Report, oa:Annotation ;
    oa:hasBody id:event-1 ;
    oa:hasTarget id:report-1-target ;
    dip:confidence "0.8"^^xsd:decimal ;
    prov:wasAttributedTo id:extractor-spacy-rules-1 .
id:report-1-target a oa:SpecificResource ;
    oa:hasSource id:article-1 ;
    oa:hasSelector id:report-1-position, id:report-1-quote .
id:report-1-position a oa:TextPositionSelector ;
    oa:start "0"^^xsd:nonNegativeInteger ;
    oa:end "50"^^xsd:nonNegativeInteger .
id:report-1-quote a oa:TextQuoteSelector ;
    oa:exact "Putin met Xi Jinping in the Kremlin on Wednesday." .
id:extractor-spacy-rules-1 a dip:Extractor ; dip:version "1" .
"""
)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=packaged.read_text("dipkb.ttl"), format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data=packaged.read_text("shapes.ttl"), format="turtle")


@pytest.mark.parametrize("name", packaged.FILES)
def test_the_readable_copy_is_the_packaged_file(name):
    readable = ROOT / "ontology" / name
    shipped = ROOT / "kb" / "ontology" / name
    assert readable.read_bytes() == shipped.read_bytes(), (
        f"{readable} and {shipped} differ: edit one, copy it over the other")
    assert packaged.read_text(name) == readable.read_text(encoding="utf-8")


def _dip_terms(graph: Graph) -> set[URIRef]:
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and term.startswith(str(DIP)) and term != URIRef(str(DIP))
    }


def _undocumented(ontology: Graph, terms: set[URIRef]) -> list[str]:
    return sorted(
        str(term)
        for term in terms
        if ontology.value(term, RDF.type) is None
        or ontology.value(term, RDFS.label) is None
        or ontology.value(term, RDFS.comment) is None
    )


def _violations(data: Graph, shapes: Graph) -> tuple[bool, set[tuple[URIRef, URIRef | None]]]:
    conforms, report, _text = validate(data, shacl_graph=shapes, inference="none", abort_on_first=False)
    # Top-level results only: pySHACL also lists the nested results of sh:node under sh:detail.
    found = {
        (report.value(result, SH.focusNode), report.value(result, SH.resultPath))
        for result in report.objects(report.value(predicate=RDF.type, object=SH.ValidationReport), SH.result)
    }
    return conforms, found


def _good() -> Graph:
    return Graph().parse(data=GOOD, format="turtle")


def test_every_dip_term_in_the_shapes_is_defined_and_documented(ontology: Graph, shapes: Graph) -> None:
    used = _dip_terms(shapes)
    assert len(used) > 20
    assert _undocumented(ontology, used) == []


def test_every_dip_term_in_the_ontology_is_documented(ontology: Graph) -> None:
    assert _undocumented(ontology, _dip_terms(ontology)) == []


def test_the_vocabulary_contract_is_defined(ontology: Graph) -> None:
    assert _undocumented(ontology, {DIP[name] for name in CONTRACT_TERMS}) == []


def test_event_classes_are_sem_events_through_dip_event(ontology: Graph) -> None:
    assert (DIP.Event, RDFS.subClassOf, SEM.Event) in ontology
    for name in EVENT_CLASSES:
        assert (DIP[name], RDFS.subClassOf, DIP.Event) in ontology
        assert SEM.Event in set(ontology.transitive_objects(DIP[name], RDFS.subClassOf))


def test_ontology_header(ontology: Graph) -> None:
    header = URIRef("https://w3id.org/dipkb/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) == Literal("0.1.0")


def test_a_well_formed_article_graph_conforms(shapes: Graph) -> None:
    conforms, found = _violations(_good(), shapes)
    assert conforms, found


@pytest.mark.parametrize("date", ["2023-12-27", "2023-12", "2023"])
def test_dates_of_every_precision_conform(shapes: Graph, date: str) -> None:
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(date)]
    data = _good()
    data.set((ID["event-1"], DIP.date, Literal(date, datatype=datatype)))
    conforms, found = _violations(data, shapes)
    assert conforms, found


def test_event_without_participant_and_lower_case_iso2_are_reported(shapes: Graph) -> None:
    data = _good()
    data.remove((ID["event-1"], DIP.participant, None))
    data.remove((ID["event-1"], DIP.host, None))
    data.remove((ID["event-1"], DIP.guest, None))
    data.set((ID["country-ru"], DIP.iso2, Literal("rus")))
    conforms, found = _violations(data, shapes)
    assert not conforms
    # an event needs a participant or a state actor: the sh:or constraint reports the event itself
    assert found == {(ID["event-1"], None), (ID["country-ru"], DIP.iso2)}


@pytest.mark.parametrize(
    ("subject", "predicate", "value", "focus"),
    [
        ("event-1", DIP.status, None, "event-1"),
        ("event-1", DIP.status, DIP.Cancelled, "event-1"),
        ("event-1", DIP.date, Literal("27 December 2023"), "event-1"),
        ("event-1", DIP.date, Literal("2023-13-45", datatype=XSD.date), "event-1"),
        ("event-1", DIP.date, Literal("2023-1", datatype=XSD.gYearMonth), "event-1"),
        ("event-1", DIP.date, Literal("23", datatype=XSD.gYear), "event-1"),
        ("event-1", PROV.wasDerivedFrom, None, "event-1"),
        ("statement-1", DIP.quote, None, "statement-1"),
        ("person-xi", RDFS.label, None, "person-xi"),
        ("report-1", DIP.confidence, Literal("1.5", datatype=XSD.decimal), "report-1"),
        ("report-1-position", OA.start, Literal(60, datatype=XSD.nonNegativeInteger), "report-1-position"),
        ("report-1-target", OA.hasSource, None, "report-1"),
    ],
)
def test_single_breakages_are_reported_on_their_focus_node(
    shapes: Graph, subject: str, predicate: URIRef, value: URIRef | Literal | None, focus: str
) -> None:
    data = _good()
    if value is None:
        data.remove((ID[subject], predicate, None))
    else:
        data.set((ID[subject], predicate, value))
    conforms, found = _violations(data, shapes)
    assert not conforms
    assert {node for node, _path in found} == {ID[focus]}
