"""One encounter reported by many articles is one event: the real extractor, store and CLI on written corpora.

tests/encounters holds short invented articles with their encounters labelled; data/ holds two
real reports of the Biden-Xi talks in Bali.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import assert_merged_graph_matches
from pyoxigraph import DefaultGraph

from kb import KnowledgeBase
from kb.cli import main
from kb.ingest import ingest
from kb.rdf import article_iri
from kb.rdf.iris import ENCOUNTERS_GRAPH, INDEX_GRAPH
from kb.rdf.namespaces import DIP
from kb.store import open_store

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent / "encounters"
DATA = Path(__file__).resolve().parent.parent / "data"
ID = "https://w3id.org/dipkb/id/"
SANTIAGO = f"{ID}event/meeting-2025-03-11-2ee09126083f"  # named by the first report dated to the day
PLAN = f"{ID}event/meeting-2025-03-11-7ed733a2a7ef"


def run(*args: object, code: int = 0):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result


def state(location: Path) -> dict[str, frozenset[str]]:
    """Everything a reader can see: the merged graph, the encounters graph, each article graph."""
    with open_store(location, read_only=True) as store:
        assert_merged_graph_matches(store)
        out = {"merged": frozenset(str(q.triple) for q in store.quads(DefaultGraph()))}
        for graph in [*store.graph_names(), ENCOUNTERS_GRAPH]:
            out[graph.value] = frozenset(str(q) for q in store.quads(graph))
    return out


def select(location: Path, query: str) -> list[tuple]:
    with KnowledgeBase(location, read_only=True) as kb:
        return [tuple(row) for row in kb.query(query).rows]


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, extractor) -> Path:
    path = tmp_path_factory.mktemp("encounters") / "store"
    with open_store(path) as store:
        report = ingest(store, [CORPUS], extractor=extractor)
    assert report.ok and report.ingested == len(list(CORPUS.glob("*.json")))
    return path


def test_kb_eval_scores_the_merging_of_the_corpus():
    result = run("eval", CORPUS, "--json")
    clusters = json.loads(result.stdout)["clusters"]
    assert clusters["pairwise"]["f1"] >= 0.9, clusters
    assert clusters["bcubed"]["f1"] >= 0.9, clusters
    assert clusters["gold_clusters"] == 10
    text = run("eval", CORPUS, "-v").stdout
    assert "pairwise" in text and "B-cubed" in text and text.rstrip().splitlines()[-1].startswith(
        "score: clusters_pairwise_f1=")


def test_every_order_and_two_jobs_give_the_same_events_and_iris(corpus_store, tmp_path, extractor):
    expected = state(corpus_store)
    files = sorted(CORPUS.glob("*.json"))
    for seed in range(3):
        order = files[:]
        random.Random(seed).shuffle(order)
        location = tmp_path / f"order-{seed}"
        with open_store(location) as store:
            if seed == 0:  # one article at a time, as a feed would arrive
                for file in order:
                    ingest(store, [file], extractor=extractor)
            else:
                ingest(store, order, extractor=extractor)
        assert state(location) == expected, seed
    with open_store(tmp_path / "two-jobs") as store:
        ingest(store, list(reversed(files)), extractor=extractor, jobs=2)
    assert state(tmp_path / "two-jobs") == expected


def test_the_reports_of_one_meeting_are_one_event_with_every_report(corpus_store):
    rows = select(corpus_store, f"""SELECT (COUNT(DISTINCT ?a) AS ?articles) (COUNT(DISTINCT ?r) AS ?reports)
        (COUNT(DISTINCT ?p) AS ?people) (COUNT(DISTINCT ?d) AS ?dates) (SAMPLE(?d) AS ?date)
        (COUNT(DISTINCT ?e) AS ?evidence)
        WHERE {{ <{SANTIAGO}> prov:wasDerivedFrom ?a ; dip:report ?r ; dip:participant ?p ; dip:date ?d ;
                 dip:evidence ?e }}""")
    assert rows == [(6, 6, 4, 1, "2025-03-11", 6)]  # six reports; four people; the day most reports give
    aliases = select(corpus_store, f"SELECT ?e WHERE {{ ?e owl:sameAs <{SANTIAGO}> }} ORDER BY ?e")
    assert len(aliases) == 4  # undated, a day later, with aides, by its month: minted apart, one encounter
    with KnowledgeBase(corpus_store, read_only=True) as kb:
        meetings = kb.query("meetings-of-person", person="Solvik").to_dataframe()
    meetings = meetings.fillna("")
    rows = sorted((t, s, str(d), " / ".join(sorted(w.split(", "))) if w else "")
                  for t, s, d, w in meetings[["type", "status", "date", "with"]].itertuples(index=False))
    assert rows == [("meeting", "occurred", "2025-03-11", "Eirik Vang / Paula Ibarra / Rodrigo Arancibia"),
                    ("meeting", "occurred", "2025-03-11", "Jorge Matte"),
                    ("meeting", "occurred", "2025-04-14", "Rodrigo Arancibia"),
                    ("meeting", "planned", "2025-03-11", "Rodrigo Arancibia"),
                    ("phone_call", "occurred", "2025-03-12", "Rodrigo Arancibia"),
                    ("visit", "occurred", "2025-03-28", "")]


def test_disagreements_are_data(corpus_store):
    conflicts = select(corpus_store, "SELECT ?e ?p WHERE { ?e dip:conflict ?p } ORDER BY ?e ?p")
    assert (SANTIAGO, "https://w3id.org/dipkb/ontology#date") in conflicts  # one report says Wednesday
    accra = [e for e, p in conflicts if p.endswith("#place")]
    assert len(accra) == 1  # Accra and Kumasi
    claims = select(corpus_store, f"""SELECT ?v ?n WHERE {{ <{SANTIAGO}> dip:claim ?c .
        ?c dip:property dip:date ; dip:value ?v ; dip:supportCount ?n }} ORDER BY ?v""")
    assert claims == [("2025-03", 1), ("2025-03-11", 3), ("2025-03-12", 1)]
    places = select(corpus_store, f"SELECT ?pl WHERE {{ <{accra[0]}> dip:place ?pl }}")
    assert places == [(f"{ID}place/accra-gh",)]  # the place two of three reports give


def test_a_plan_is_linked_to_what_occurred_not_merged(corpus_store):
    assert select(corpus_store, f"SELECT ?p WHERE {{ <{SANTIAGO}> dip:plannedAs ?p }}") == [(PLAN,)]
    assert select(corpus_store, f"SELECT ?s WHERE {{ <{PLAN}> dip:status ?s }}") == [(
        "https://w3id.org/dipkb/ontology#Planned",)]


def test_the_call_the_day_after_and_the_meeting_a_month_later_stay_apart(corpus_store):
    rows = select(corpus_store, """SELECT ?e (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?e dip:participant ?s, ?r ; prov:wasDerivedFrom ?a .
        ?s dip:nameKey "solvik" . ?r dip:nameKey "arancibia" }
        GROUP BY ?e ORDER BY ?e""")
    found = sorted((e.removeprefix(f"{ID}event/"), n) for e, n in rows)
    assert found == [("meeting-2025-03-11-2ee09126083f", 6),
                     ("meeting-2025-03-11-7ed733a2a7ef", 1),  # the plan
                     ("meeting-2025-04-14-744e4f1e8de6", 2), ("phone-call-2025-03-12-8bb34ceefe35", 2)]


def test_removing_and_reingesting_articles_updates_the_encounter(corpus_store, tmp_path, extractor):
    location = shutil.copytree(corpus_store, tmp_path / "store")
    before = state(location)
    with KnowledgeBase(location) as kb:
        kb.remove(["enc-s1-a", "enc-s1-e"])  # the two reports that named it
        assert_merged_graph_matches(kb.store)
        survivors = kb.query("SELECT ?e WHERE { ?e a dip:Meeting ; prov:wasDerivedFrom ?a . "
                             "?a dcterms:identifier \"enc-s1-d\" }").column("e")
        assert survivors != [SANTIAGO] and len(survivors) == 1
        renamed = survivors[0]
        assert kb.query(f"ASK {{ <{renamed}> dip:plannedAs <{PLAN}> }}").boolean  # the link moved along
        assert not kb.query(f"ASK {{ <{SANTIAGO}> ?p ?o }}").boolean
        assert len(kb.query(f"SELECT ?a WHERE {{ <{renamed}> prov:wasDerivedFrom ?a }}").rows) == 4
        kb.remove(["enc-s1-b", "enc-s1-c", "enc-s1-d", "enc-s1-f"])  # the last reports: no encounter left
        assert not kb.query(f"ASK {{ <{renamed}> ?p ?o }}").boolean
        assert not kb.query(f"ASK {{ ?x dip:plannedAs <{PLAN}> }}").boolean
        assert_merged_graph_matches(kb.store)
    with open_store(location) as store:
        names = ["s1-a", "s1-b", "s1-c", "s1-d", "s1-e", "s1-f"]
        ingest(store, [CORPUS / f"{n}.json" for n in names], extractor=extractor)
    assert state(location) == before


def test_a_changed_article_moves_its_report(corpus_store, tmp_path, extractor):
    location = shutil.copytree(corpus_store, tmp_path / "store")
    data = json.loads((CORPUS / "s1-b.json").read_text(encoding="utf-8"))
    data["text"] = ("Norway's Prime Minister Maren Solvik held talks with Chilean President "
                    "Rodrigo Arancibia in Oslo on April 14, her office said.")
    data["published"] = "2025-04-15"
    changed = tmp_path / "s1-b.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    with open_store(location) as store:
        assert ingest(store, [changed], extractor=extractor).ingested == 1
        assert_merged_graph_matches(store)
    rows = select(location, 'SELECT ?e WHERE { ?e a dip:Event ; prov:wasDerivedFrom ?a . '
                            '?a dcterms:identifier "enc-s1-b" }')
    assert rows == [(f"{ID}event/meeting-2025-04-14-744e4f1e8de6",)]  # now a report of the Oslo meeting
    assert len(select(location, f"SELECT ?a WHERE {{ <{SANTIAGO}> prov:wasDerivedFrom ?a }}")) == 5


def test_a_new_threshold_decides_every_encounter_again(corpus_store, tmp_path):
    location = shutil.copytree(corpus_store, tmp_path / "store")
    strict = run("ingest", CORPUS, "--store", location, "-q", "--merge-threshold", "0.95")
    assert strict.stdout.strip() == "0 articles ingested, 21 unchanged"
    with KnowledgeBase(location, read_only=True) as kb:
        assert len(kb.query(f"SELECT ?a WHERE {{ <{SANTIAGO}> prov:wasDerivedFrom ?a }}").rows) < 6
        assert_merged_graph_matches(kb.store)
    run("ingest", CORPUS, "--store", location, "-q", "--merge-threshold", "0.65")
    assert state(location) == state(corpus_store)
    bad = run("ingest", CORPUS, "--store", location, "--merge-threshold", "1.5", code=2)
    assert "--merge-threshold" in bad.stderr


def test_kb_explain_lists_the_reports_and_why(corpus_store):
    text = run("explain", "meeting-undated-3c4e089eb074", "--store", corpus_store).stdout  # an alias
    lines = text.splitlines()
    assert lines[0] == SANTIAGO
    assert lines[1] == "6 reports, merge threshold 0.65"
    for article in ("enc-s1-a", "enc-s1-b", "enc-s1-c", "enc-s1-d", "enc-s1-e", "enc-s1-f"):
        assert f" {article} (published " in text
    assert "undated, published on the day" in text and "the day lies in the month" in text
    assert "The reports disagree on: date" in text
    assert f"Announced as (planned): {PLAN.removeprefix(ID)}" in text
    assert "ruled out: a meeting and a phone call" in text
    as_json = json.loads(run("explain", SANTIAGO, "--store", corpus_store, "--json").stdout)
    assert len(as_json["reports"]) == 6 and as_json["conflicts"] == ["date"]
    missing = run("explain", "event/meeting-1999-01-01-000000000000", "--store", corpus_store, code=1)
    assert missing.stderr.strip() == ("Error: no event event/meeting-1999-01-01-000000000000 "
                                      "in the knowledge base")


def test_the_two_bali_reports_are_one_event(sample_store):
    rows = select(sample_store, """SELECT ?e (GROUP_CONCAT(?id; separator=" ") AS ?ids) WHERE {
        { SELECT DISTINCT ?e ?id WHERE { ?e a dip:Meeting ; dip:place <https://w3id.org/dipkb/id/place/bali> ;
            dip:participant ?x ; prov:wasDerivedFrom ?a . ?x dip:nameKey "xi" . ?a dcterms:identifier ?id }
          ORDER BY ?id } } GROUP BY ?e""")
    assert rows == [(f"{ID}event/meeting-2022-11-14-03bd53e77cda",
                     "dipkb-biden-xi-bali-2022-11-14 dipkb-xi-biden-readouts-2022-11-15")]
    table = run("query", "meetings-of-person", "-p", "person=Xi", "--store", sample_store, "--format", "csv")
    bali = [line for line in table.stdout.splitlines() if "Biden" in line]
    assert len(bali) == 1 and "2022-11-14" in bali[0]


def test_a_store_written_before_the_layer_gets_it_on_the_next_ingest(sample_store, tmp_path):
    """Article graphs written the old way (each report's event as minted) are merged when next ingested."""
    location = tmp_path / "old"
    with open_store(sample_store, read_only=True) as source, open_store(location) as target:
        for graph in source.graph_names():
            target.replace_graphs({graph: list(source.quads(graph))})
        assert not target.query(f"ASK {{ GRAPH {INDEX_GRAPH} {{ ?s ?p ?o }} }}")
    result = run("ingest", DATA, "--store", location, "--quiet")
    assert result.stdout.strip() == "0 articles ingested, 14 unchanged"
    assert state(location) == state(sample_store)


def test_the_merged_event_validates_and_exports(corpus_store, tmp_path):
    assert run("validate", "--store", corpus_store).stdout.strip() == (
        "21 article graphs and the encounters graph conform to the shapes")
    target = tmp_path / "kb.nq"
    run("export", "--store", corpus_store, "--format", "nquads", "-o", target)
    graphs = {line.rsplit(" ", 2)[-2] for line in target.read_text(encoding="utf-8").splitlines()}
    assert f"<{ENCOUNTERS_GRAPH.value}>" in graphs and f"<{INDEX_GRAPH.value}>" not in graphs
    assert f"<{article_iri('enc-s1-a').value}>" in graphs


def test_an_article_without_events_leaves_the_layer_empty(tmp_path, extractor):
    """An article with no events writes its graph, and its merged triples, and nothing else."""
    with open_store(tmp_path / "s") as store:
        file = tmp_path / "quiet.txt"
        file.write_text("---\nid: quiet\npublished: 2025-01-01\n---\nMarkets were calm on Monday.\n",
                        encoding="utf-8")
        ingest(store, [file], extractor=extractor)
        assert not store.query(f"ASK {{ GRAPH {INDEX_GRAPH} {{ ?entry {DIP.indexRecord} ?record }} }}")
        assert list(store.quads(ENCOUNTERS_GRAPH)) == []
        graph = article_iri("quiet")
        merged = {q.triple for q in store.quads(DefaultGraph())}
        assert merged == {q.triple for q in store.quads(graph)} != set()
