"""The Store interface on every backend: an embedded folder, a real Oxigraph server and a real Virtuoso.

Every store-level test runs against each (the ``location`` fixture is parametrized), so code above
``kb.store`` can rely on the same behaviour wherever the knowledge base lives.
"""

from __future__ import annotations

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad
from servers import comparable, free_port, start_oxigraph, start_virtuoso

from kb.errors import ConfigError, QueryError, StoreError
from kb.results import Result
from kb.store import open_store
from kb.store.base import OUR_GRAPHS
from kb.store.remote import LAYOUTS, RemoteStore, resolve_settings

G = NamedNode("https://w3id.org/dipkb/id/article/a")
H = NamedNode("https://w3id.org/dipkb/id/article/b")
P = NamedNode("urn:p")
HASH = NamedNode("https://w3id.org/dipkb/ontology#contentHash")


def quads(n: int, graph: NamedNode = G, prefix: str = "v") -> list[Quad]:
    return [Quad(NamedNode(f"urn:s{i}"), P, Literal(f"{prefix}{i}"), graph) for i in range(n)]


def server_fixture(start, tmp_path_factory, name: str):
    try:
        server = start(tmp_path_factory.mktemp(name))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    yield from server_fixture(start_oxigraph, tmp_path_factory, "oxigraph")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    yield from server_fixture(start_virtuoso, tmp_path_factory, "virtuoso")


def emptied(url: str) -> str:
    """The server with no DipKB graph left (Virtuoso keeps graphs of its own: those stay)."""
    with open_store(url) as store:
        graphs = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER({OUR_GRAPHS}) }}")
        drops = [f"DROP SILENT GRAPH <{g}>" for g in graphs.column("g")]
        store.update(" ;\n".join([*drops, "DROP SILENT DEFAULT"]))
    return url


SERVERS = [pytest.param(name, marks=pytest.mark.server) for name in ("oxigraph", "virtuoso")]


@pytest.fixture(params=SERVERS)
def server(request) -> str:
    """An emptied real server: ``oxigraph serve``, then Virtuoso."""
    return emptied(request.getfixturevalue(request.param))


@pytest.fixture(params=["embedded", *SERVERS])
def location(request, tmp_path) -> str:
    """A fresh, empty knowledge base: a folder, or an (emptied) server."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    return emptied(request.getfixturevalue(request.param))


# -- the Store interface on both backends ---------------------------------------------------------

def test_replace_graph_swaps_content(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(5)})
        assert store.count() == 5
        store.replace_graphs({G: quads(2)})
        assert store.count() == 2
        assert [g.value for g in store.graph_names()] == [G.value]


def test_graphs_sharing_a_triple_are_written_and_dropped_together(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(3), H: quads(1, H)})
        assert store.count() == 3  # H's one triple is also in G: the merged graph holds it once
        assert len(list(store.quads())) == 4
        store.drop_graphs([G])
        assert [g.value for g in store.graph_names()] == [H.value]


def test_the_merged_graph_follows_the_article_graphs(location):
    """A triple stays in the default graph while any article graph holds it, and only then."""
    def merged(store):
        return sorted(store.query("SELECT ?o WHERE { ?s <urn:p> ?o }").column("o"))

    with open_store(location) as store:
        store.replace_graphs({G: quads(3), H: quads(2, H)})
        assert merged(store) == ["v0", "v1", "v2"]
        store.replace_graphs({G: quads(1)})  # v1 is still in H, v2 was only in G
        assert merged(store) == ["v0", "v1"]
        store.replace_graphs({G: quads(2, prefix="w"), H: quads(1, H)})
        assert merged(store) == ["v0", "w0", "w1"]
        store.drop_graphs([G, H])
        assert merged(store) == []
        assert store.count() == 0
        assert list(store.quads(DefaultGraph())) == []


def test_data_survives_reopening(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(3)})
    with open_store(location, read_only=True) as store:
        assert store.count() == 3
        rows = list(store.query("SELECT ?o WHERE { ?s <urn:p> ?o }"))  # the merged default graph
        assert len(rows) == 3


def test_a_failing_update_changes_nothing(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(3)})
        with pytest.raises(QueryError):
            store.update(f"DROP GRAPH {G} ; INSERT DATA {{ GRAPH {G} {{ <urn:x> <urn:p> }} }}")
        assert store.count() == 3


def test_read_only_store_refuses_writes(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(1)})
    with open_store(location, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.replace_graphs({G: []})


def test_query_forms_give_the_same_result_type(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(2), H: quads(2, H, prefix="w")})
        select = store.query("SELECT ?s ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o")
        assert isinstance(select, Result)
        assert select.columns == ["s", "o"]
        assert select.column("o") == ["v0", "v1", "w0", "w1"]
        assert [row["s"] for row in select.bindings()][:2] == [NamedNode("urn:s0"), NamedNode("urn:s1")]
        assert store.query("SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o", limit=3).column("o") == [
            "v0", "v1", "w0"]
        one = store.query("SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o", default_graphs=[H])
        assert one.column("o") == ["w0", "w1"]
        ask = store.query("ASK { ?s <urn:p> 'w1' }")
        assert isinstance(ask, Result) and ask.boolean is True and ask
        assert not store.ask("ASK { ?s <urn:p> 'nothing' }")
        construct = store.query("CONSTRUCT { ?s <urn:q> ?o } WHERE { GRAPH ?g { ?s <urn:p> ?o } }")
        assert isinstance(construct, Result) and construct.columns == ["subject", "predicate", "object"]
        assert len(construct.triples) == 4
        assert {t.predicate for t in construct.triples} == {NamedNode("urn:q")}
        with pytest.raises(QueryError, match="invalid SPARQL"):
            store.query("SELEC ?s")


def test_quads_of_one_graph_or_all(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(2), H: quads(3, H)})
        assert {q.graph_name for q in store.quads(G)} == {G}
        assert len(list(store.quads(G))) == 2
        assert len(list(store.quads())) == 5
        assert list(store.quads(NamedNode("urn:no-such-graph"))) == []


def test_content_hashes_of_all_or_some_graphs(location):
    with open_store(location) as store:
        store.replace_graphs({G: [Quad(G, HASH, Literal("h1"), G)], H: [Quad(H, HASH, Literal("h2"), H)]})
        assert store.content_hashes() == {G.value: "h1", H.value: "h2"}
        assert store.content_hashes([H, NamedNode("urn:none")]) == {H.value: "h2"}
        assert store.content_hashes([]) == {}


def test_knowledge_base_answers_the_same(location, sample_store):
    """Named queries, stats and export agree with the embedded sample knowledge base.

    The article graphs are written one by one through the encounter layer, which merges the
    events of the sample articles on either backend as ingest did.
    """
    from kb import KnowledgeBase
    from kb.identity import EncounterLayer

    with KnowledgeBase(sample_store, read_only=True) as reference, KnowledgeBase(location) as kb:
        layer = EncounterLayer(kb.store)
        for graph in reference.store.graph_names():
            layer.replace({graph: list(reference.store.quads(graph))})
        assert kb.stats() == reference.stats()
        for name, params in [("people-met", {"person": "Jaishankar"}), ("timeline", {}),
                             ("meetings-between-countries", {"country1": "India", "country2": "Russia"}),
                             ("statements-by-speaker", {"speaker": "Putin"}), ("network", {}),
                             ("explorer-events", {}), ("explorer-people", {}), ("explorer-statements", {})]:
            ours, theirs = kb.query(name, **params), reference.query(name, **params)
            assert ours.columns == theirs.columns
            assert comparable(ours.rows) == comparable(theirs.rows), name
        assert set(kb.export("nquads").splitlines()) == set(reference.export("nquads").splitlines())


# -- remote only ---------------------------------------------------------------------------------

def test_cli_commands_work_on_a_server(server, tmp_path):
    from click.testing import CliRunner

    from kb.cli import main

    article = tmp_path / "a.txt"
    article.write_text("---\nid: remote-1\npublished: 2023-12-28\n---\n"
                       "Russian President Vladimir Putin met Indian Foreign Minister S. Jaishankar in the "
                       "Kremlin on Wednesday.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(article), "--store", server, "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "1 article ingested" in result.output
    again = runner.invoke(main, ["ingest", str(article), "--store", server, "-q"])
    assert "1 unchanged" in again.output
    stats = runner.invoke(main, ["stats", "--store", server, "--json"])
    assert stats.exit_code == 0 and '"articles": 1' in stats.output
    met = runner.invoke(main, ["query", "people-met", "-p", "person=Jaishankar", "--store", server,
                               "--format", "csv"])
    assert met.exit_code == 0 and "Putin" in met.output
    exported = runner.invoke(main, ["export", "--store", server, "--format", "nquads"])
    assert exported.exit_code == 0 and "remote-1" in exported.output
    article.write_text(article.read_text(encoding="utf-8").replace("Vladimir Putin", "Dmitry Medvedev"),
                       encoding="utf-8")
    changed = runner.invoke(main, ["ingest", str(article), "--store", server, "-q"])
    assert changed.exit_code == 0 and "1 article ingested" in changed.output, changed.output
    met = runner.invoke(main, ["query", "people-met", "-p", "person=Jaishankar", "--store", server,
                               "--format", "csv"])
    assert "Medvedev" in met.output and "Putin" not in met.output  # the old graph was replaced, not added to
    assert runner.invoke(main, ["validate", "--store", server]).exit_code == 0


def load_sample(location: str, sample_store):
    """The sample knowledge base written into ``location`` article by article, as ingest writes it."""
    from kb import KnowledgeBase
    from kb.identity import EncounterLayer

    with KnowledgeBase(sample_store, read_only=True) as reference, open_store(location) as store:
        layer = EncounterLayer(store)
        for graph in reference.store.graph_names():
            layer.replace({graph: list(reference.store.quads(graph))})


def test_the_explorer_opens_a_server(server, sample_store, sample_kb):
    from kb.widgets import Explorer

    load_sample(server, sample_store)
    explorer = Explorer(server)
    try:
        stats = sample_kb.stats()
        assert len(explorer.table.frame) == sum(stats["events"].values())
        assert len(explorer.statements.frame) == stats["statements"]
        assert len(explorer.network.nodes) > 5
    finally:
        explorer.close()




@pytest.mark.server
def test_unreachable_server_is_one_clear_line():
    with open_store(f"http://127.0.0.1:{free_port()}") as store, pytest.raises(StoreError) as err:
        store.count()
    assert "cannot reach the SPARQL server (connection refused)" in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.server
def test_wrong_layout_points_at_the_docs(oxigraph):
    with open_store(f"{oxigraph}/ds#layout=fuseki") as store, pytest.raises(StoreError, match="layout"):
        store.count()


def test_bare_url_means_oxigraph_layout():
    s = resolve_settings("http://localhost:7878/")
    assert (s.query_url, s.update_url, s.graph_store_url) == (
        "http://localhost:7878/query", "http://localhost:7878/update", "http://localhost:7878/store")


@pytest.mark.parametrize(("layout", "query", "update", "graph_store"), [
    ("fuseki", "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
    ("graphdb", "http://h:3030/ds", "http://h:3030/ds/statements", "http://h:3030/ds/rdf-graphs/service"),
    ("virtuoso", "http://h:3030/ds/sparql", "http://h:3030/ds/sparql-auth",
     "http://h:3030/ds/sparql-graph-crud-auth"),
    ("neptune", "http://h:3030/ds/sparql", "http://h:3030/ds/sparql", "http://h:3030/ds/sparql/gsp/"),
])
def test_layout_presets(layout, query, update, graph_store):
    s = resolve_settings(f"http://h:3030/ds#layout={layout}")
    assert (s.query_url, s.update_url, s.graph_store_url) == (query, update, graph_store)


def test_options_from_fragment_env_and_file(tmp_path, monkeypatch):
    config = tmp_path / "stores.toml"
    config.write_text('[stores."http://h:3030/ds"]\nlayout = "fuseki"\nquery = "sparql"\n'
                      'user = "admin"\npassword-env = "MY_SECRET"\ntimeout = 12\n', encoding="utf-8")
    monkeypatch.setenv("KB_STORE_CONFIG", str(config))
    monkeypatch.setenv("MY_SECRET", "s3cret")
    s = resolve_settings("http://h:3030/ds")
    assert (s.layout, s.query_url, s.update_url) == ("fuseki", "http://h:3030/ds/sparql", "http://h:3030/ds/update")
    assert (s.user, s.password, s.timeout) == ("admin", "s3cret", 12.0)
    monkeypatch.setenv("KB_STORE_USER", "env-user")  # the environment beats the file
    assert resolve_settings("http://h:3030/ds").user == "env-user"
    # the fragment beats both; absolute and host-relative endpoint paths
    s = resolve_settings("http://h:3030/ds#user=frag&query=/other/q&update=https://x.org/u")
    assert (s.user, s.query_url, s.update_url) == ("frag", "http://h:3030/other/q", "https://x.org/u")
    # keyword arguments beat everything, and credentials in the URL are taken out of it
    s = resolve_settings("http://bob:pw%21@h:3030/ds", layout="graphdb")
    assert (s.layout, s.user, s.password, s.url) == ("graphdb", "bob", "pw!", "http://h:3030/ds")


def test_bad_options_are_config_errors(tmp_path, monkeypatch):
    monkeypatch.delenv("KB_STORE_CONFIG", raising=False)
    with pytest.raises(ConfigError, match="unknown server layout 'blazegraph'"):
        resolve_settings("http://h/#layout=blazegraph")
    with pytest.raises(ConfigError, match="unknown store option colour"):
        resolve_settings("http://h/#colour=red")
    with pytest.raises(ConfigError, match="not a number"):
        resolve_settings("http://h/#timeout=soon")
    bad = tmp_path / "bad.toml"
    bad.write_text("[stores\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        resolve_settings("http://h/", config=bad)


def test_credentials_go_into_the_session():
    store = RemoteStore("http://alice:pw@127.0.0.1:9/")
    assert store._session.auth == ("alice", "pw")
    assert "alice" not in store.location
    digest = RemoteStore("http://127.0.0.1:9/#layout=virtuoso&user=dba&password=x")
    assert type(digest._session.auth).__name__ == "HTTPDigestAuth"
    assert set(LAYOUTS) >= {"oxigraph", "fuseki", "graphdb", "virtuoso", "neptune"}


def test_open_store_picks_the_backend(tmp_path):
    from kb.store import EmbeddedStore

    assert isinstance(open_store("https://example.org/sparql#layout=neptune", read_only=True), RemoteStore)
    with open_store(tmp_path / "s") as store:
        assert isinstance(store, EmbeddedStore)


def test_kb_serve_fronts_a_server(server):
    """``kb serve`` opens its store like every command, so it can serve another server read-only."""
    import requests
    from helpers import serving

    with open_store(server) as store:
        store.replace_graphs({G: quads(3)})
    with serving(server, workers=1, timeout=30, max_rows=2) as url:
        answer = requests.get(url, params={"query": "SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o"},
                              timeout=30)
        assert answer.status_code == 200, answer.text
        assert [b["o"]["value"] for b in answer.json()["results"]["bindings"]] == ["v0", "v1"]
        assert answer.headers["X-SPARQL-MaxRows"] == "2"
        refused = requests.post(url, data={"update": "DROP ALL"}, timeout=30)
        assert refused.status_code == 403
    with open_store(server) as store:
        assert store.count() == 3
