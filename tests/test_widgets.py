"""The explorer driven in plain Python against the sample store: set filters, check every view."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
import time

import pytest
from helpers import Listener

pytest.importorskip("ipywidgets")


@pytest.fixture
def explorer(sample_kb):
    from kb.widgets import Explorer

    widget = Explorer(sample_kb)
    yield widget
    widget.close()


def _events(explorer) -> set[str]:
    return set(explorer.table.frame["event"])


def _timeline_total(explorer) -> int:
    return int(explorer.timeline.data["count"].sum())


def test_no_filter_shows_every_event_and_statement(explorer, sample_kb):
    stats = sample_kb.stats()
    assert len(explorer.table.frame) == sum(stats["events"].values())
    assert len(explorer.statements.frame) == stats["statements"]
    dated = explorer.table.frame["start"].notna().sum()
    assert _timeline_total(explorer) == dated
    assert len(explorer.network.nodes) > 5 and len(explorer.network.edges) > 5
    assert "<table" in explorer.table.html.value and "<table" in explorer.statements.html.value


def test_person_filter_narrows_every_view(explorer, sample_kb):
    everything = _events(explorer)
    explorer.filters.person.value = "Jaishankar"

    expected = {row["event"] for row in sample_kb.query("meetings-of-person", person="Jaishankar")}
    assert _events(explorer) == expected
    assert expected < everything
    assert all("Jaishankar" in p for p in explorer.table.frame["participants"])
    assert _timeline_total(explorer) == explorer.table.frame["start"].notna().sum()
    assert "Subrahmanyam Jaishankar" in set(explorer.network.nodes["name"])
    said = explorer.statements.frame
    assert len(said) > 0
    pairs = zip(said["speaker_name"], said["addressee_name"], strict=True)
    assert all("Jaishankar" in f"{s} {a}" for s, a in pairs)
    assert "Jaishankar" in explorer.table.html.value


def test_an_encounter_reported_twice_is_one_row_with_its_other_report(explorer):
    explorer.filters.person.value = "Xi Jinping"
    table = explorer.table.frame
    bali = table[table["place"] == "Bali"]
    assert len(bali) == 1  # the two articles on the Bali talks: one encounter
    assert bali.iloc[0]["n_articles"] == 2 and bali.iloc[0]["date"] == "2022-11-14"
    assert "+1 report<" in explorer.table.html.value
    assert "+1 more" not in explorer.table.html.value
    exported = list(csv.DictReader(explorer.table.to_csv().splitlines()))
    assert [row["n_articles"] for row in exported if row["place"] == "Bali"] == ["2"]


def test_a_date_the_reports_disagree_on_is_marked(tmp_path):
    from pathlib import Path

    from kb import KnowledgeBase
    from kb.widgets.data import ExplorerData, Filters
    from kb.widgets.table import EventsTable

    corpus = Path(__file__).resolve().parent / "encounters"
    with KnowledgeBase(tmp_path / "s") as kb:
        kb.ingest([corpus / name for name in ("s1-a.json", "s1-c.json", "s1-e.json")])
        table = EventsTable()
        table.update(ExplorerData(kb).select(Filters()))
    assert list(table.frame["disputed"]) == ["date"]
    assert table.html.value.count("(reports disagree)") == 1 and "+2 reports" in table.html.value


def test_person_filter_matches_aliases_case_insensitively(explorer):
    explorer.filters.person.value = "s. jaishankar"
    assert set(explorer.table.frame["participants"].str.contains("Jaishankar")) == {True}


def test_country_filter_keeps_events_with_people_of_that_country(explorer, sample_kb):
    explorer.filters.country.value = "IN"
    shown = _events(explorer)
    dated_with_indians = {row["event"] for row in sample_kb.query("timeline", country="IN")}
    assert dated_with_indians <= shown
    countries = explorer.data.event_countries
    assert shown == set(countries.loc[countries["country"] == "IN", "event"])
    said = explorer.statements.frame
    assert set(said["speaker_country"]).union(said["addressee_country"]) >= {"IN"}
    pairs = zip(said["speaker_country"], said["addressee_country"], strict=True)
    assert all("IN" in (s, a) for s, a in pairs)


def test_type_filter_narrows_table_timeline_and_statements(explorer):
    explorer.filters.type.value = "visit"
    assert set(explorer.table.frame["type"]) == {"visit"}
    assert set(explorer.timeline.data["group"]) <= {"visit"}
    assert set(explorer.statements.frame["event_type"]) <= {"visit"}


def test_date_range_agrees_with_the_timeline_query(explorer, sample_kb):
    start, end = dt.date(2023, 1, 1), dt.date(2023, 12, 31)
    explorer.filters.start.value = start
    explorer.filters.end.value = end
    expected = {row["event"] for row in sample_kb.query("timeline", **{"from": start, "to": end})}
    assert _events(explorer) == expected
    assert expected
    periods = explorer.timeline.data["period"]
    assert periods.min() >= dt.datetime(2023, 1, 1) and periods.max() <= dt.datetime(2023, 12, 31)
    assert explorer.statements.frame["start"].dt.year.eq(2023).all()


def test_text_filter_keeps_statements_with_the_words(explorer):
    explorer.filters.text.value = "Peace"
    said = explorer.statements.frame
    assert len(said) > 0
    assert said["search"].str.contains("peace").all()
    assert 0 < len(explorer.table.frame) < len(explorer.data.events)


def test_filters_combine_and_clear_restores_everything(explorer):
    total = len(explorer.table.frame)
    explorer.filters.person.value = "Putin"
    putin = _events(explorer)
    explorer.filters.type.value = "phone_call"
    calls = _events(explorer)
    assert calls < putin
    assert set(explorer.table.frame["type"]) == {"phone_call"}
    explorer.filters.clear()
    assert len(explorer.table.frame) == total
    assert explorer.filters.value.is_empty()


def test_a_filter_matching_nothing_empties_every_view(explorer):
    explorer.filters.person.value = "Nobody Anybody"
    assert explorer.table.frame.empty and explorer.statements.frame.empty
    assert explorer.timeline.data.empty and explorer.network.nodes.empty
    assert "No events match" in explorer.table.html.value


def test_clicking_a_network_node_filters_by_that_person(explorer):
    nodes = explorer.network.nodes
    index = int(nodes.index[nodes["name"] == "Narendra Modi"][0])
    trace = len(explorer.network.figure.data) - 1
    # what the browser sends when a point of the node trace is clicked
    explorer.network.figure._js2py_pointsCallback = {
        "event_type": "plotly_click", "device_state": None, "selector": None,
        "points": {"trace_indexes": [trace], "point_indexes": [index], "xs": [0.0], "ys": [0.0]},
    }
    assert explorer.filters.person.value == "Narendra Modi"
    assert all("Narendra Modi" in p for p in explorer.table.frame["participants"])
    assert "Narendra Modi" in set(explorer.network.nodes["name"])


def test_network_edges_weigh_shared_events_that_occurred(explorer):
    edges = explorer.network.edges
    top = edges.iloc[0]
    pair = {top["source"], top["target"]}
    part = explorer.data.participation
    occurred = set(explorer.data.events.loc[explorer.data.events["status"] == "occurred", "event"])
    shared = [e for e, group in part.groupby("event") if pair <= set(group["person"]) and e in occurred]
    assert top["weight"] == len(shared) == edges["weight"].max()


def test_timeline_colours_by_country(explorer):
    explorer.filters.person.value = "Modi"
    explorer.timeline.colour_by.value = "country"
    groups = set(explorer.timeline.data["group"])
    assert "IN" in groups
    visible = [t.name for t in explorer.timeline.figure.data if t.visible]
    assert set(visible) == groups


def test_sparql_editor_runs_a_template_with_parameters(explorer):
    editor = explorer.sparql
    editor.template.value = "people-met"
    assert "# title: Who a person met" in editor.editor.value
    editor.set_params(person="Jaishankar", on="2023-12-27")
    result = editor.run()
    assert result is not None and "Vladimir Putin" in result.column("name")
    assert "<table" in editor.output.value and "Vladimir Putin" in editor.output.value
    assert "query-results.csv" in editor.download.value


def test_sparql_editor_shows_errors_in_one_line(explorer):
    editor = explorer.sparql
    assert editor.run("SELECT ?s WHERE { ?s ?p }") is None
    assert editor.message.value.count("Error:") == 1
    assert "Traceback" not in editor.message.value and "\n" not in editor.error
    editor.template.value = "people-met"
    editor.set_params(person="Jaishankar", on="yesterday-ish")
    assert editor.run() is None
    assert "not a date" in editor.error
    editor.set_params(on="")
    editor.editor.value = editor.editor.value.replace("ORDER BY DESC(?encounters) ?name", "ORDER BY ?name")
    assert editor.run() is not None  # an edited template still gets its parameters bound


def test_sparql_editor_refuses_federated_queries_without_connecting(explorer):
    """Voila may serve the explorer to anyone: a SERVICE clause must not reach the network."""
    editor = explorer.sparql
    with Listener() as listener:
        for query in (f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
                      f"ASK {{ ?s ?p ?o OPTIONAL {{ service silent <{listener.url}> {{ ?s ?p ?o }} }} }}"):
            assert editor.run(query) is None
            assert editor.error.startswith("SERVICE "), editor.error
            assert editor.message.value.count("Error: SERVICE") == 1
        time.sleep(0.1)
        assert listener.received == []


def test_an_explorer_can_allow_an_endpoint(sample_kb):
    from kb.widgets import Explorer

    with Listener() as listener:
        widget = Explorer(sample_kb, allow_service=[listener.url])
        try:
            result = widget.sparql.run(f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}")
        finally:
            widget.close()
        assert result is not None, widget.sparql.error
        assert [r[:5] for r in listener.received] == [b"POST "]


def test_sparql_editor_answers_ask_queries(explorer):
    assert explorer.sparql.run("ASK { ?e a dip:Meeting }").boolean is True
    assert "yes" in explorer.sparql.message.value


def test_export_selection_as_turtle_holds_the_selected_articles(explorer, tmp_path):
    import rdflib

    explorer.filters.person.value = "Scholz"
    exporter = explorer.exporter
    exporter.what.value = "selection"
    exporter.path.value = str(tmp_path / "scholz.ttl")
    assert exporter.save() == tmp_path / "scholz.ttl"
    graph = rdflib.Graph().parse(tmp_path / "scholz.ttl", format="turtle")
    ids = {str(o) for o in graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/identifier"))}
    assert ids == set(explorer.selection.article_ids) and ids
    assert all(e in {str(s) for s in graph.subjects()} for e in explorer.table.frame["event"])
    exporter.prepare_download()
    assert 'download="scholz.ttl"' in exporter.message.value


def test_export_whole_knowledge_base_and_tables(explorer, sample_kb, tmp_path):
    exporter = explorer.exporter
    exporter.what.value = "all"
    assert exporter.content() == sample_kb.export("turtle")
    explorer.filters.type.value = "visit"
    exporter.what.value = "events"
    exporter.path.value = str(tmp_path / "visits.csv")
    exporter.save()
    with open(tmp_path / "visits.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(explorer.table.frame) and {r["type"] for r in rows} == {"visit"}
    exporter.what.value = "statements"
    assert exporter.content().decode("utf-8").startswith("date,speaker_name,quote")


def test_exporting_an_empty_selection_says_so(explorer):
    explorer.filters.person.value = "Nobody Anybody"
    explorer.exporter.what.value = "selection"
    explorer.exporter.prepare_download()
    assert "selection is empty" in explorer.exporter.message.value


def test_explorer_opens_a_location_read_only_and_refreshes(store_copy):
    from kb.widgets import Explorer

    explorer = Explorer(str(store_copy))
    try:
        assert explorer.kb.store.read_only
        before = len(explorer.table.frame)
        explorer.filters.type.value = "meeting"
        explorer.refresh()
        assert explorer.filters.type.value == "meeting"
        assert len(explorer.table.frame) < before
    finally:
        explorer.close()


def test_explorer_on_an_empty_store(tmp_path):
    from kb import KnowledgeBase
    from kb.widgets import Explorer

    with KnowledgeBase(tmp_path / "empty") as kb:
        explorer = Explorer(kb)
        assert explorer.table.frame.empty and explorer.network.nodes.empty
        explorer.filters.text.value = "anything"
        explorer.timeline.colour_by.value = "country"
        assert "0 of 0 events" in explorer.status.value


def test_html_cells_are_escaped_and_only_web_links_are_links():
    from kb.widgets import _html

    assert _html.link("javascript:alert(1)", "x") == "x"
    assert _html.text("<b>") == "&lt;b&gt;"
    assert 'href="https://a.example/?q=&quot;x&quot;"' in _html.link('https://a.example/?q="x"', "a")


def test_importing_the_widgets_does_no_work():
    code = ("import sys, kb.widgets; heavy = {'ipywidgets', 'pandas', 'plotly', 'networkx', 'pyoxigraph'};"
            "print(sorted(heavy & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
