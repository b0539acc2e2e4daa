"""The library API (``kb.KnowledgeBase``), and what the store holds for the seed article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import rdflib

from kb import KnowledgeBase
from kb.errors import QueryError, StoreError
from kb.ingest import IngestReport
from kb.rdf import article_iri
from kb.rdf.iris import ENCOUNTERS_GRAPH
from kb.readers import read_paths

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "2023-12-28-putin-jaishankar-kremlin.txt"

pytestmark = pytest.mark.slow

SEED_ID = "meritnews24-putin-jaishankar-2023-12-28"
SEED_GRAPH = f"<{article_iri(SEED_ID).value}>"

MEETING = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.\n"


def ask(kb: KnowledgeBase, pattern: str) -> bool:
    """ASK within the seed article's graph."""
    result = kb.query(f"ASK {{ GRAPH {SEED_GRAPH} {{ {pattern} }} }}")
    assert result.boolean is not None
    return result.boolean


@pytest.fixture(scope="module")
def seed_article():
    [article] = list(read_paths([SEED]))
    return article


# -- the facade ------------------------------------------------------------------------------


def test_ingest_query_and_reopen(tmp_path):
    article = tmp_path / "articles" / "putin-xi.txt"
    article.parent.mkdir()
    article.write_text(MEETING, encoding="utf-8")
    store = tmp_path / "store"
    with KnowledgeBase(store) as kb:
        report = kb.ingest(article, published=date(2024, 3, 6))
        assert isinstance(report, IngestReport)
        assert (report.ingested, report.unchanged, report.failed) == (1, 0, [])
        assert report.articles == ["putin-xi"]
        assert kb.ingest([str(article.parent)], published=date(2024, 3, 6)).unchanged == 1
    # the context manager released the store: it opens again for writing
    with KnowledgeBase(store) as kb:
        rows = list(kb.query("people-met", person="Putin"))
        assert [r["name"] for r in rows] == ["Xi Jinping"]
        assert kb.query("timeline").column("date") == ["2024-03-04"]


def test_people_met_lists_the_dates_known_when_some_encounters_are_undated(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "dated.txt").write_text(MEETING, encoding="utf-8")
    undated = "Vladimir Putin held talks with Xi Jinping in the Kremlin, the two governments said."
    (folder / "undated.txt").write_text(undated, encoding="utf-8")
    with KnowledgeBase(tmp_path / "store") as kb:
        kb.ingest(folder / "dated.txt", published=date(2024, 3, 6))
        kb.ingest(folder / "undated.txt", published=date(2025, 6, 1))
        (row,) = kb.query("people-met", person="Putin")
    assert (row["name"], row["encounters"], row["dates"]) == ("Xi Jinping", 2, "2024-03-04")


def test_query_bindings_are_rdf_terms(sample_kb):
    sparql = "SELECT ?name WHERE { ?p a dip:Person ; rdfs:label ?name FILTER(CONTAINS(?name, ?part)) }"
    result = sample_kb.query(sparql, part="Lavrov")
    assert result.columns == ["name"]
    assert result.column("name")
    assert all("Lavrov" in name for name in result.column("name"))
    assert list(result) == [{"name": name} for name in result.column("name")]
    # a value is data, never query text
    assert len(sample_kb.query(sparql, part='") } } DROP ALL #')) == 0
    assert sample_kb.stats()["triples"] > 0


def test_query_typed_binding(sample_kb):
    sparql = "SELECT DISTINCT ?e WHERE { ?e a dip:Meeting ; dip:date ?day }"
    events = sample_kb.query(sparql, day=date(2023, 12, 27)).column("e")
    assert len(events) >= 2
    assert all("2023-12-27" in e for e in events)


def test_to_dataframe(sample_kb):
    frame = sample_kb.query("SELECT ?p ?name WHERE { ?p a dip:Person ; rdfs:label ?name } ORDER BY ?name"
                            ).to_dataframe()
    assert list(frame.columns) == ["p", "name"]
    assert len(frame) >= 10
    assert "Vladimir Putin" in set(frame["name"])
    assert sample_kb.query("ASK { ?e a dip:Meeting }").to_dataframe()["result"].tolist() == [True]


def test_named_query(sample_kb):
    result = sample_kb.query("people-met", person="Jaishankar", on=date(2023, 12, 27))
    names = set(result.column("name"))
    assert {"Vladimir Putin", "Sergey Lavrov"} <= names
    assert all(n and "Jaishankar" not in n for n in names)
    # the same with the date as text, and the SPARQL that runs
    assert set(sample_kb.query("people-met", person="Jaishankar", on="2023-12-27").column("name")) == names
    assert '"2023-12-27"^^<http://www.w3.org/2001/XMLSchema#date>' in sample_kb.sparql(
        "people-met", person="Jaishankar", on="2023-12-27")


def test_query_from_rq_file(sample_kb, tmp_path):
    rq = tmp_path / "lavrov.rq"
    rq.write_text("SELECT ?name WHERE { ?p a dip:Person ; rdfs:label ?name\n"
                  "  FILTER(CONTAINS(?name, ?part)) }\n")
    names = sample_kb.query(str(rq), part="Lavrov").column("name")
    assert names and all("Lavrov" in name for name in names)


@pytest.mark.parametrize(
    ("query", "bindings", "message"),
    [
        ("", {}, "empty query"),
        ("no-such-query", {}, "neither SPARQL nor a named query"),
        ("missing.rq", {}, "missing.rq: no such query file"),
        ("people-met", {}, "needs the parameter person"),
        ("people-met", {"person": "X", "colour": "red"}, "has no parameter colour"),
        ("people-met", {"person": "X", "on": "yesterday"}, "is not a date"),
        ("SELECT ?x WHERE { ?x ?y }", {}, "invalid SPARQL"),
    ],
)
def test_query_errors(sample_kb, query, bindings, message):
    with pytest.raises(QueryError, match=message):
        sample_kb.query(query, **bindings)


def test_limit(sample_kb):
    assert len(sample_kb.query("SELECT ?s WHERE { ?s ?p ?o }", limit=3)) == 3
    assert len(sample_kb.query("SELECT ?s WHERE { ?s ?p ?o }", limit=0)) == 0
    assert len(sample_kb.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", limit=2)) == 2


def test_export_bytes_file_and_articles(sample_kb, tmp_path):
    turtle = sample_kb.export("turtle")
    assert isinstance(turtle, bytes)
    graph = rdflib.Graph().parse(data=turtle.decode("utf-8"), format="turtle")
    dataset = sample_kb.to_rdflib()
    graphs = {str(g) for _, _, _, g in dataset.quads((None, None, None, None))}
    assert graphs == {g.value for g in sample_kb.store.graph_names()} | {ENCOUNTERS_GRAPH.value}
    assert len(graph) <= len({(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))})

    target = tmp_path / "kb.nq"
    count = sample_kb.export("nquads", target)
    assert count == len(list(sample_kb.store.quads()))
    assert sample_kb.export("turtle", tmp_path / "kb.ttl") == sample_kb.stats()["triples"] == len(graph)
    assert not Path(f"{target}.part").exists()
    assert len(target.read_bytes().splitlines()) == count

    one = rdflib.Dataset()
    one.parse(data=sample_kb.export("nquads", articles=[SEED_ID]).decode("utf-8"), format="nquads")
    assert {str(g) for _, _, _, g in one.quads((None, None, None, None))} == {article_iri(SEED_ID).value}


def test_export_unknown_format_leaves_no_file(sample_kb, tmp_path):
    from kb.errors import KBError

    target = tmp_path / "kb.xml"
    with pytest.raises(KBError, match="unknown export format"):
        sample_kb.export("rdfxml", target)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(KBError, match="cannot write"):
        sample_kb.export("turtle", tmp_path / "missing" / "kb.ttl")


def test_stats(sample_kb):
    stats = sample_kb.stats()
    assert set(stats) == {"articles", "people", "events", "statements", "quotes", "triples"}
    assert set(stats["events"]) == {"meeting", "phone_call", "visit", "invitation"}
    assert stats["articles"] == len(sample_kb.store.graph_names()) == 14
    assert stats["events"]["meeting"] > 0 and stats["events"]["invitation"] > 0
    assert 0 < stats["quotes"] <= stats["statements"]
    assert stats["triples"] == sample_kb.store.count()


def test_validate_sample_store(sample_kb):
    report = sample_kb.validate()
    assert report.graphs == 14
    assert report.conforms, "\n".join(map(str, report.violations[:20]))


def test_remove(store_copy):
    with KnowledgeBase(store_copy) as kb:
        before = kb.stats()
        kb.remove([SEED_ID])
        after = kb.stats()
        assert after["articles"] == before["articles"] - 1
        assert after["triples"] < before["triples"]
        assert not kb.query(f"ASK {{ GRAPH {SEED_GRAPH} {{ ?s ?p ?o }} }}").boolean


def test_default_location_from_environment(store_copy, monkeypatch):
    monkeypatch.setenv("KB_STORE", str(store_copy))
    with KnowledgeBase(read_only=True) as kb:
        assert kb.location == str(store_copy)
        assert kb.stats()["articles"] == 14


def test_read_only_store(sample_store, tmp_path):
    with pytest.raises(StoreError, match="no knowledge base here"):
        KnowledgeBase(tmp_path / "nothing", read_only=True)
    with KnowledgeBase(sample_store, read_only=True) as kb, pytest.raises(StoreError, match="read-only"):
        kb.remove([SEED_ID])


# -- the seed article ------------------------------------------------------------------------


def test_seed_article_metadata(sample_kb):
    title = "Putin invited Modi to visit Russia, said- will keep an eye on the situation in Ukraine"
    assert ask(sample_kb, f"""
        {SEED_GRAPH} a dip:Article, schema:NewsArticle ;
            dcterms:identifier "{SEED_ID}" ;
            dcterms:title "{title}" ;
            dcterms:issued "2023-12-28"^^xsd:date ;
            dcterms:publisher "Meritnews24" .""")


def test_seed_meeting_of_putin_and_jaishankar(sample_kb):
    assert ask(sample_kb, """
        ?e a dip:Meeting, dip:Event ; dip:participant ?putin, ?jaishankar ;
           dip:date "2023-12-27"^^xsd:date ; dip:status dip:Occurred ;
           dip:place ?place ; dip:dateText ?words .
        ?putin rdfs:label "Vladimir Putin" .
        ?jaishankar rdfs:label|skos:altLabel "Jaishankar" .
        ?place a dip:Place ; rdfs:label "Kremlin" .""")


def test_seed_meeting_of_jaishankar_and_lavrov(sample_kb):
    assert ask(sample_kb, """
        ?e a dip:Meeting ; dip:participant ?lavrov, ?jaishankar ; dip:date "2023-12-27"^^xsd:date .
        ?lavrov rdfs:label|skos:altLabel "Lavrov" .
        ?jaishankar rdfs:label|skos:altLabel "Jaishankar" .""")


def test_seed_invitation_from_putin_to_modi(sample_kb):
    assert ask(sample_kb, """
        ?e a dip:Invitation ; dip:host ?putin ; dip:guest ?modi ; dip:participant ?putin, ?modi ;
           dip:status dip:Planned .
        ?putin rdfs:label "Vladimir Putin" .
        ?modi rdfs:label "Narendra Modi" .""")


def test_seed_quote_with_speaker_and_addressee(sample_kb):
    assert ask(sample_kb, """
        ?s a dip:Statement ; dip:speaker ?putin ; dip:addressee ?jaishankar ; dip:quote ?q .
        FILTER(STRSTARTS(?q, "We will be glad to see our friend"))
        ?putin rdfs:label "Vladimir Putin" .
        ?jaishankar rdfs:label|skos:altLabel "Jaishankar" .""")
    # every direct quote of the seed is words inside quotation marks, and has a speaker
    rows = sample_kb.query(f"""SELECT ?s ?q ?speaker WHERE {{ GRAPH {SEED_GRAPH} {{
        ?s a dip:Statement ; dip:quote ?q OPTIONAL {{ ?s dip:speaker ?speaker }} }} }}""")
    assert len(rows) >= 5
    assert all(row["speaker"] for row in rows)


def test_seed_evidence_and_provenance(sample_kb, seed_article):
    article = article_iri(SEED_ID).value
    rows = list(sample_kb.query(f"""
        SELECT ?x ?evidence ?source ?report ?start ?end ?exact WHERE {{ GRAPH {SEED_GRAPH} {{
          {{ ?x a dip:Event }} UNION {{ ?x a dip:Statement }}
          OPTIONAL {{ ?x dip:evidence ?evidence }}
          OPTIONAL {{ ?x prov:wasDerivedFrom ?source FILTER(?source = {SEED_GRAPH}) }}
          OPTIONAL {{ ?x dip:report ?report .
                     ?report oa:hasTarget ?target . ?target oa:hasSource {SEED_GRAPH} ;
                             oa:hasSelector ?pos, ?quote .
                     ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
                     ?quote a oa:TextQuoteSelector ; oa:exact ?exact }}
        }} }}"""))
    subjects = {row["x"] for row in rows}
    assert len(subjects) >= 10
    for row in rows:
        assert row["evidence"], row
        assert row["source"] == article, row
        assert row["report"], row
        assert seed_article.text[row["start"]:row["end"]] == row["exact"], row
    # the evidence of each subject is one of the passages its reports point at
    exacts: dict[str, set] = {}
    for row in rows:
        exacts.setdefault(row["x"], set()).add(row["exact"])
    for row in rows:
        assert row["evidence"] in exacts[row["x"]], row


def test_seed_page_furniture_yields_nothing(sample_kb, seed_article):
    raw = SEED.read_text(encoding="utf-8")
    furniture = raw[raw.index("Releated Posts"):]
    assert "Leave a Reply" in furniture
    rows = list(sample_kb.query(f"""
        SELECT ?x ?evidence WHERE {{ GRAPH {SEED_GRAPH} {{
          {{ ?x a dip:Event }} UNION {{ ?x a dip:Statement }} ?x dip:evidence ?evidence }} }}"""))
    for row in rows:
        assert row["evidence"] not in furniture, row
        for word in ("Releated", "Leave a Reply", "Santosh", "WhatsApp", "Subscribe", "Philippine"):
            assert word not in row["evidence"], row
    people = sample_kb.query(f"""
        SELECT ?name WHERE {{ GRAPH {SEED_GRAPH} {{ ?p a dip:Person ; rdfs:label|skos:altLabel ?name }} }}
        """).column("name")
    for name in people:
        assert not any(word in name for word in ("Santosh", "Kumar", "Biden", "Hamas")), name
    # furniture does not reach the article's text at all
    for word in ("Releated Posts", "Leave a Reply", "Scroll to Top"):
        assert word not in seed_article.text


def test_ingesting_data_gives_a_full_store(sample_kb):
    """The sample store covers every input file in data/ (one JSONL file holds several articles)."""
    files = [p for p in DATA.iterdir() if not p.name.startswith(".")]
    assert sample_kb.stats()["articles"] >= len(files)
