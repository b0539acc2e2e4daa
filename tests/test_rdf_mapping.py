"""Mapping extractions to RDF (``kb.rdf.to_quads``) on hand-built records: no spaCy involved."""

from __future__ import annotations

from datetime import date

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kb.model import Article, DateValue, Event, Extraction, Person, Place, Span, Statement
from kb.rdf import article_iri, to_quads
from kb.rdf.namespaces import DCTERMS, DIP, OA, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kb.store import open_store
from kb.validate import validate

TEXT_A = (
    "Russian President Vladimir Putin met Foreign Minister S. Jaishankar in the Kremlin on Wednesday. "
    "“We will be glad to see our friend in Russia,” Putin told Jaishankar."
)
TEXT_B = "On Wednesday Putin received Jaishankar. The two spoke for an hour."


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def people() -> dict[str, Person]:
    return {
        "vladimir-putin": Person("vladimir-putin", "Vladimir Putin", {"Putin", "Vladimir Putin"}, "President",
                                 "RU", "Q7747"),
        "subrahmanyam-jaishankar": Person("subrahmanyam-jaishankar", "Subrahmanyam Jaishankar",
                                          {"S. Jaishankar", "Jaishankar"}, "Foreign Minister", "IN"),
    }


def extraction_a(date_value: str = "2023-12-27",
                 url: str | None = "https://news.example.org/a") -> Extraction:
    article = Article(id="article-a", text=TEXT_A, title="Putin meets Jaishankar", url=url,
                      published=date(2023, 12, 28), source="Example News")
    meeting_sentence = TEXT_A.split(". ")[0] + "."
    meeting = Event("meeting", ["vladimir-putin", "subrahmanyam-jaishankar"], span(TEXT_A, meeting_sentence),
                    date=DateValue(date_value, "on Wednesday"), place=Place("Kremlin", "RU"),
                    hosts=["vladimir-putin"], guests=["subrahmanyam-jaishankar"], confidence=0.8)
    quote_sentence = TEXT_A[TEXT_A.index("“"):]
    statement = Statement("vladimir-putin", span(TEXT_A, quote_sentence),
                          quote="We will be glad to see our friend in Russia",
                          addressee="subrahmanyam-jaishankar", event=0, confidence=0.9)
    return Extraction(article, "spacy-rules/1", people(), {"RU", "IN"}, [meeting], [statement],
                      extractor_version="1.4")


def extraction_b() -> Extraction:
    article = Article(id="article-b", text=TEXT_B, title="Putin receives Jaishankar",
                      published=date(2023, 12, 28))
    sentence = "On Wednesday Putin received Jaishankar."
    meeting = Event("meeting", ["subrahmanyam-jaishankar", "vladimir-putin"], span(TEXT_B, sentence),
                    date=DateValue("2023-12-27", "On Wednesday"))
    return Extraction(article, "spacy-rules/1", people(), {"RU"}, [meeting], [])


def triples(quads: list[Quad]) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in quads}


def objects(quads: list[Quad], subject, predicate) -> list:
    return [q.object for q in quads if q.subject == subject and q.predicate == predicate]


def subjects_of_type(quads: list[Quad], cls: NamedNode) -> list:
    return [q.subject for q in quads if q.predicate == RDF.type and q.object == cls]


def test_every_quad_is_in_the_article_graph():
    graph, quads = to_quads(extraction_a())
    assert graph == article_iri("article-a")
    assert quads
    assert {q.graph_name for q in quads} == {graph}
    assert len(quads) == len(set(quads)), "no duplicate quads"


def test_iris_are_deterministic():
    graph1, quads1 = to_quads(extraction_a())
    graph2, quads2 = to_quads(extraction_a())
    assert graph1 == graph2
    assert quads1 == quads2
    minted = {t for q in quads1 for t in (q.subject, q.object)
              if isinstance(t, NamedNode) and t.value.startswith("https://w3id.org/dipkb/id/")}
    assert any(t.value.startswith("https://w3id.org/dipkb/id/event/") for t in minted)
    assert any(t.value.startswith("https://w3id.org/dipkb/id/statement/") for t in minted)
    assert NamedNode("https://w3id.org/dipkb/id/person/vladimir-putin") in minted


def test_article_metadata():
    graph, quads = to_quads(extraction_a())
    assert set(objects(quads, graph, RDF.type)) == {DIP.Article, SCHEMA.NewsArticle}
    assert objects(quads, graph, DCTERMS.identifier) == [Literal("article-a")]
    assert objects(quads, graph, DCTERMS.title) == [Literal("Putin meets Jaishankar")]
    assert objects(quads, graph, DCTERMS.issued) == [Literal("2023-12-28", datatype=XSD.date)]
    assert objects(quads, graph, DCTERMS.publisher) == [Literal("Example News")]
    assert objects(quads, graph, SCHEMA.url) == [NamedNode("https://news.example.org/a")]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.org/a b", NamedNode("https://news.example.org/a%20b")),
        ("news.example.org/a", None),
    ],
)
def test_an_article_url_is_always_an_iri(url, expected):
    graph, quads = to_quads(extraction_a(url=url))
    assert objects(quads, graph, SCHEMA.url) == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("value", "datatype", "precision"),
    [("2023-12-27", XSD.date, "day"), ("2023-12", XSD.gYearMonth, "month"), ("2023", XSD.gYear, "year")],
)
def test_dates_are_typed_by_precision(value, datatype, precision):
    _, quads = to_quads(extraction_a(date_value=value))
    [event] = subjects_of_type(quads, DIP.Meeting)
    assert objects(quads, event, DIP.date) == [Literal(value, datatype=datatype)]
    assert objects(quads, event, DIP.datePrecision) == [Literal(precision)]
    assert objects(quads, event, DIP.dateText) == [Literal("on Wednesday")]


def test_event_terms():
    graph, quads = to_quads(extraction_a())
    [event] = subjects_of_type(quads, DIP.Meeting)
    assert event in subjects_of_type(quads, DIP.Event)
    putin = NamedNode("https://w3id.org/dipkb/id/person/vladimir-putin")
    jaishankar = NamedNode("https://w3id.org/dipkb/id/person/subrahmanyam-jaishankar")
    assert set(objects(quads, event, DIP.participant)) == {putin, jaishankar}
    assert objects(quads, event, DIP.host) == [putin]
    assert objects(quads, event, DIP.guest) == [jaishankar]
    assert objects(quads, event, DIP.status) == [DIP.Occurred]
    [place] = objects(quads, event, DIP.place)
    assert objects(quads, place, RDFS.label) == [Literal("Kremlin")]
    assert objects(quads, event, PROV.wasDerivedFrom) == [graph]
    assert objects(quads, event, DIP.evidence) == [Literal(TEXT_A.split(". ")[0] + ".")]
    assert objects(quads, putin, RDFS.label) == [Literal("Vladimir Putin")]
    assert objects(quads, putin, SKOS.altLabel) == [Literal("Putin")]
    assert objects(quads, putin, DIP.title) == [Literal("President")]
    [country] = objects(quads, putin, DIP.country)
    assert objects(quads, country, DIP.iso2) == [Literal("RU")]


def test_statement_terms():
    graph, quads = to_quads(extraction_a())
    [statement] = subjects_of_type(quads, DIP.Statement)
    [event] = subjects_of_type(quads, DIP.Meeting)
    assert objects(quads, statement, DIP.speaker) == [NamedNode("https://w3id.org/dipkb/id/person/vladimir-putin")]
    assert objects(quads, statement, DIP.addressee) == [
        NamedNode("https://w3id.org/dipkb/id/person/subrahmanyam-jaishankar")]
    assert objects(quads, statement, DIP.quote) == [Literal("We will be glad to see our friend in Russia")]
    assert objects(quads, statement, DIP.duringEvent) == [event]
    assert objects(quads, statement, PROV.wasDerivedFrom) == [graph]


def test_reports_point_at_the_evidence_in_the_text():
    extraction = extraction_a()
    graph, quads = to_quads(extraction)
    subjects = subjects_of_type(quads, DIP.Event) + subjects_of_type(quads, DIP.Statement)
    assert len(subjects) == 2
    for subject in subjects:
        [report] = objects(quads, subject, DIP.report)
        [target] = objects(quads, report, OA.hasTarget)
        assert objects(quads, target, OA.hasSource) == [graph]
        selectors = objects(quads, target, OA.hasSelector)
        [position] = [s for s in selectors if OA.TextPositionSelector in objects(quads, s, RDF.type)]
        [exact_selector] = [s for s in selectors if OA.TextQuoteSelector in objects(quads, s, RDF.type)]
        [start] = objects(quads, position, OA.start)
        [end] = objects(quads, position, OA.end)
        [exact] = objects(quads, exact_selector, OA.exact)
        assert start.datatype == end.datatype == XSD.nonNegativeInteger
        assert extraction.article.text[int(start.value):int(end.value)] == exact.value
        assert objects(quads, subject, DIP.evidence) == [exact]


def test_unused_people_are_left_out():
    extraction = extraction_a()
    extraction.people["nobody-here"] = Person("nobody-here", "Nobody Here")
    _, quads = to_quads(extraction)
    assert not [q for q in quads if q.subject.value.endswith("/person/nobody-here")]


def test_the_same_event_in_two_articles_is_one_event_with_two_sources(tmp_path):
    graph_a, quads_a = to_quads(extraction_a())
    graph_b, quads_b = to_quads(extraction_b())
    [event_a] = subjects_of_type(quads_a, DIP.Meeting)
    [event_b] = subjects_of_type(quads_b, DIP.Meeting)
    assert event_a == event_b  # same kind, people (in any order), day and status
    with open_store(tmp_path / "store") as store:
        store.replace_graphs({graph_a: quads_a, graph_b: quads_b})
        rows = store.query(f"SELECT ?a WHERE {{ {event_a} <{PROV.wasDerivedFrom.value}> ?a }}").bindings()
        assert {row["a"] for row in rows} == {graph_a, graph_b}


def test_undated_events_stay_per_article():
    a, b = extraction_a(), extraction_b()
    a.events[0].date = None
    b.events[0].date = None
    [event_a] = subjects_of_type(to_quads(a)[1], DIP.Meeting)
    [event_b] = subjects_of_type(to_quads(b)[1], DIP.Meeting)
    assert event_a != event_b


def test_the_graphs_conform_to_the_shapes(tmp_path):
    with open_store(tmp_path / "store") as store:
        for extraction in (extraction_a(), extraction_b(), extraction_a(date_value="2023-12"),
                           extraction_a(url="https://news.example.org/a b")):
            graph, quads = to_quads(extraction)
            store.replace_graphs({graph: quads})
        report = validate(store)
    assert report.graphs == 2
    assert report.conforms, "\n".join(map(str, report.violations))


@pytest.mark.parametrize("value", ["2023", "2023-12"])
def test_coarse_dates_conform_to_the_shapes(tmp_path, value):
    with open_store(tmp_path / "store") as store:
        graph, quads = to_quads(extraction_a(date_value=value))
        store.replace_graphs({graph: quads})
        report = validate(store)
    assert report.conforms, "\n".join(map(str, report.violations))


def test_the_extractor_is_recorded_with_the_name_and_version_it_gave():
    _, quads = to_quads(extraction_a())
    agent = NamedNode("https://w3id.org/dipkb/id/extractor/spacy-rules-1")
    assert objects(quads, agent, RDFS.label) == [Literal("spacy-rules/1")]
    assert objects(quads, agent, DIP.version) == [Literal("1.4")]
    report = next(q.subject for q in quads if q.predicate == PROV.wasAttributedTo)
    assert objects(quads, report, PROV.wasAttributedTo) == [agent]
    _, unversioned = to_quads(extraction_b())
    assert objects(unversioned, agent, DIP.version) == []
