"""The Store interface on both backends: an embedded folder and a real Oxigraph server on loopback.

Every store-level test runs against both (the ``location`` fixture is parametrized), so code above
``kb.store`` can rely on the same behaviour wherever the knowledge base lives.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples

from kb.errors import ConfigError, QueryError, StoreError
from kb.store import open_store
from kb.store.remote import LAYOUTS, RemoteStore, resolve_settings

G = NamedNode("https://w3id.org/dipkb/id/article/a")
H = NamedNode("https://w3id.org/dipkb/id/article/b")
P = NamedNode("urn:p")
HASH = NamedNode("https://w3id.org/dipkb/ontology#contentHash")


def quads(n: int, graph: NamedNode = G, prefix: str = "v") -> list[Quad]:
    return [Quad(NamedNode(f"urn:s{i}"), P, Literal(f"{prefix}{i}"), graph) for i in range(n)]


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent
    return shutil.which("oxigraph", path=str(here)) or shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_oxigraph(folder: Path) -> tuple[subprocess.Popen, str]:
    """``oxigraph serve`` on a free loopback port; waits (at most 20 s) until it answers."""
    import requests

    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    for _ in range(3):  # a free port can be taken between choosing it and binding it
        port = free_port()
        proc = subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                requests.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1)
                return proc, url
            except requests.ConnectionError:
                time.sleep(0.1)
        proc.kill()
        proc.wait(10)
    pytest.fail("oxigraph serve did not start")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    proc, url = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield url
    finally:
        proc.kill()
        proc.wait(10)


@pytest.fixture(params=["embedded", pytest.param("remote", marks=pytest.mark.server)])
def location(request, tmp_path) -> str:
    """A fresh, empty knowledge base: a folder, or the (emptied) server."""
    if request.param == "embedded":
        return str(tmp_path / "store")
    url = request.getfixturevalue("oxigraph")
    with open_store(url) as store:
        store.update("DROP ALL")
    return url


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
        return sorted(row["o"].value for row in store.query("SELECT ?o WHERE { ?s <urn:p> ?o }"))

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


def test_query_forms_give_pyoxigraph_results(location):
    with open_store(location) as store:
        store.replace_graphs({G: quads(2), H: quads(2, H, prefix="w")})
        select = store.query("SELECT ?s ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o")
        assert isinstance(select, QuerySolutions)
        assert [v.value for v in select.variables] == ["s", "o"]
        assert [row["o"].value for row in select] == ["v0", "v1", "w0", "w1"]
        ask = store.query("ASK { ?s <urn:p> 'w1' }")
        assert isinstance(ask, QueryBoolean) and bool(ask)
        construct = store.query("CONSTRUCT { ?s <urn:q> ?o } WHERE { GRAPH ?g { ?s <urn:p> ?o } }")
        assert isinstance(construct, QueryTriples)
        assert len(list(construct)) == 4
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
                             ("statements-by-speaker", {"speaker": "Putin"}), ("network", {})]:
            ours, theirs = kb.query(name, **params), reference.query(name, **params)
            assert ours.columns == theirs.columns
            assert sorted(map(repr, ours.rows)) == sorted(map(repr, theirs.rows)), name
        assert set(kb.export("nquads").splitlines()) == set(reference.export("nquads").splitlines())


# -- remote only ---------------------------------------------------------------------------------

@pytest.mark.server
def test_cli_commands_work_on_a_server(oxigraph, tmp_path):
    from click.testing import CliRunner

    from kb.cli import main

    with open_store(oxigraph) as store:
        store.update("DROP ALL")
    article = tmp_path / "a.txt"
    article.write_text("---\nid: remote-1\npublished: 2023-12-28\n---\n"
                       "Russian President Vladimir Putin met Indian Foreign Minister S. Jaishankar in the "
                       "Kremlin on Wednesday.\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(article), "--store", oxigraph, "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "1 article ingested" in result.output
    again = runner.invoke(main, ["ingest", str(article), "--store", oxigraph, "-q"])
    assert "1 unchanged" in again.output
    stats = runner.invoke(main, ["stats", "--store", oxigraph, "--json"])
    assert stats.exit_code == 0 and '"articles": 1' in stats.output
    met = runner.invoke(main, ["query", "people-met", "-p", "person=Jaishankar", "--store", oxigraph,
                               "--format", "csv"])
    assert met.exit_code == 0 and "Putin" in met.output
    exported = runner.invoke(main, ["export", "--store", oxigraph, "--format", "nquads"])
    assert exported.exit_code == 0 and "remote-1" in exported.output


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
