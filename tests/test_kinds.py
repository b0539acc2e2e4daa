"""The table of event kinds and the PLOVER/CAMEO codes every event gets.

A kind added to the table (with its trigger words) is seen by every layer: the extractor finds
it, the RDF carries its class and name, SHACL accepts it, the named queries select it and the
explorer filters on it, without touching any other file.
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDFS, Graph, Namespace, URIRef

from kb import ontology
from kb.coding import cameo_country, code_event
from kb.kinds import KINDS, LABELS, Kind
from kb.model import Article, Event, Place, Span

DIP = Namespace("https://w3id.org/dipkb/ontology#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SUMMIT = Kind("summit", "Summit", "summit", "meeting", "040", triggers=frozenset({"summit", "parley"}))

SUMMIT_TEXT = (
    "German Chancellor Olaf Scholz and French President Emmanuel Macron held a summit in Paris on "
    "Monday, their offices said. Japanese Prime Minister Fumio Kishida held a parley with Indian "
    "Prime Minister Narendra Modi in Tokyo on Tuesday."
)


def _event(kind="meeting", participants=("a", "b"), **kw) -> Event:
    return Event(kind, list(participants), Span(0, 1, "x"), **kw)


COUNTRIES = {"a": "RU", "b": "IN", "c": "CN", "d": None}


@pytest.mark.parametrize(("event", "cameo", "mode", "context", "source", "target"), [
    (_event(), "040", None, None, ("RU",), ("IN",)),
    (_event("phone_call"), "041", "phone", None, ("RU",), ("IN",)),
    (_event("visit", ["b"], place=Place("Moscow", "RU")), "042", "visit", None, ("IN",), ("RU",)),
    (_event("visit", hosts=["a"], guests=["b"]), "042", "visit", None, ("IN",), ("RU",)),
    (_event(hosts=["a"], guests=["b"]), "043", "visit", None, ("RU",), ("IN",)),
    (_event(hosts=["b"], guests=["a"]), "043", "visit", None, ("IN",), ("RU",)),
    (_event(place=Place("Geneva", "CH")), "044", "third-party", None, ("RU",), ("IN",)),
    (_event(participants=("a", "d"), place=Place("Geneva", "CH")), "040", None, None, ("RU",), ()),
    (_event(place=Place("Moscow", "RU")), "040", None, None, ("RU",), ("IN",)),
    (_event(participants=("a", "b", "c")), "040", "multilateral", None, ("RU",), ("IN", "CN")),
    (_event(trigger="negotiation"), "046", None, None, ("RU",), ("IN",)),
    (_event(status="planned"), "036", None, "future", ("RU",), ("IN",)),
    (_event("visit", ["b"], status="planned", place=Place("Moscow", "RU")), "036", "visit", "future",
     ("IN",), ("RU",)),
    (_event("invitation", hosts=["a"], guests=["b"]), "036", None, "future", ("RU",), ("IN",)),
    (_event("meeting", [], actors=["US", "RU"], place=Place("Geneva", "CH")), "044", "third-party", None,
     ("US",), ("RU",)),
])
def test_codes_follow_kind_status_hosts_and_place(event, cameo, mode, context, source, target):
    coding = code_event(event, COUNTRIES)
    assert coding.plover == "CONSULT"
    assert (coding.cameo, coding.plover_mode, coding.plover_context) == (cameo, mode, context)
    assert (coding.source, coding.target) == (source, target)


def test_country_codes_for_cameo():
    assert cameo_country("RU") == "RUS"
    assert cameo_country("XK") == "KSV"
    assert cameo_country("SU") == "SUN"


@pytest.fixture(scope="module")
def codes() -> Graph:
    return Graph().parse(data=ontology.read_text("codes.ttl"), format="turtle")


def test_every_code_a_kind_or_the_coder_gives_is_a_concept_of_the_schemes(codes):
    notations = {str(n) for n in codes.objects(None, SKOS.notation)}
    assert {k.cameo for k in KINDS.values()} <= notations
    assert {"036", "040", "041", "042", "043", "044", "046", "CONSULT", "phone", "visit", "third-party",
            "multilateral", "future"} <= notations


def test_every_built_in_kind_is_an_event_class_of_the_ontology():
    graph = Graph().parse(data=ontology.read_text("dipkb.ttl"), format="turtle")
    for kind in KINDS.values():
        assert (URIRef(kind.iri), RDFS.subClassOf, DIP.Event) in graph, kind.name


def test_the_table_refuses_a_kind_without_its_base_or_with_a_taken_class():
    with pytest.raises(ValueError, match="base"):
        KINDS.add(Kind("recital", "Recital", "recital", "concert", "040"))
    with pytest.raises(ValueError, match="class"):
        KINDS.add(Kind("talks", "Meeting", "talks", "meeting", "040"))
    assert "recital" not in KINDS and "talks" not in KINDS


def test_a_kind_added_to_the_table_goes_through_every_layer(tmp_path):
    """Extraction, RDF, SHACL, a named query and the explorer's type filter, from one table row."""
    from kb import KnowledgeBase

    source = tmp_path / "summits.txt"
    source.write_text(SUMMIT_TEXT, encoding="utf-8")
    with KINDS.extended(SUMMIT), KnowledgeBase(tmp_path / "store") as kb:
        assert kb.ingest([source], published=date(2024, 5, 7)).ok
        kinds = {(r["kind"], r["cls"]) for r in kb.query(
            "SELECT ?kind ?cls WHERE { ?e dip:kind ?kind ; a ?cls . FILTER(?cls != dip:Event) }")}
        assert kinds == {("summit", "https://w3id.org/dipkb/ontology#Summit")}
        codes = {r["cameo"] for r in kb.query("SELECT ?cameo WHERE { ?e dip:cameo/skos:notation ?cameo }")}
        assert codes == {"040"}

        report = kb.validate()
        assert report.conforms, [str(v) for v in report.violations]

        rows = kb.query("meetings-of-person", person="Kishida").to_dataframe()
        assert list(rows["type"]) == ["summit"]
        assert kb.stats()["events"]["summit"] == 2

        pytest.importorskip("ipywidgets")
        from kb.widgets.data import ExplorerData, Filters
        from kb.widgets.filters import FilterBar

        data = ExplorerData(kb)
        assert len(data.select(Filters(type="summit")).events) == 2
        assert len(data.select(Filters(type="meeting")).events) == 0
        assert ("summit", "summit") in FilterBar(data).type.options
    assert "summit" not in KINDS and "summit" not in LABELS


def test_without_the_kind_the_same_text_gives_meetings(extractor):
    article = Article(id="summits", text=SUMMIT_TEXT, published=date(2024, 5, 7))
    kinds = [e.kind for e in extractor.extract(article).events]
    assert kinds and set(kinds) == {"meeting"}


def test_merged_reports_keep_one_kind_and_one_cameo_code(tmp_path):
    """One article names the host and one does not: 043 and 040 for one encounter, one is kept."""
    from kb import KnowledgeBase

    (tmp_path / "a.txt").write_text("Russian President Vladimir Putin hosted Indian Prime Minister "
                                    "Narendra Modi in Moscow on Monday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Indian Prime Minister Narendra Modi met Russian President "
                                    "Vladimir Putin in Moscow on Monday.", encoding="utf-8")
    with KnowledgeBase(tmp_path / "store") as kb:
        assert kb.ingest([tmp_path], published=date(2024, 7, 9)).ok
        rows = kb.query("SELECT ?e (COUNT(DISTINCT ?kind) AS ?kinds) (COUNT(DISTINCT ?code) AS ?codes) "
                        "(COUNT(DISTINCT ?a) AS ?articles) WHERE { ?e dip:kind ?kind ; dip:cameo ?code ; "
                        "prov:wasDerivedFrom ?a } GROUP BY ?e").to_dataframe()
        assert len(rows) == 1 and rows.iloc[0]["articles"] == 2
        assert (rows.iloc[0]["kinds"], rows.iloc[0]["codes"]) == (1, 1)
        per_article = kb.query("SELECT DISTINCT ?code WHERE { GRAPH ?g { ?e dip:cameo ?c } "
                               "?c skos:notation ?code }")
        assert {r["code"] for r in per_article} == {"040", "043"}

