"""`kb serve`: a read-only SPARQL 1.1 endpoint with content negotiation, a time limit and a row limit."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

import pytest
import requests
from helpers import first_line, serving
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

from kb.serve import SparqlServer, negotiate

pytestmark = pytest.mark.server

PREFIX = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX dip: <https://w3id.org/dipkb/ontology#>\n"
SELECT = "SELECT ?name WHERE { ?p a dip:Person ; rdfs:label ?name } ORDER BY ?name"
CONSTRUCT = PREFIX + "CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a dip:Person ; rdfs:label ?n }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
MAX_ROWS = 5


def running(store, timeout: float):
    return serving(store, workers=1, timeout=timeout, max_rows=MAX_ROWS)


@pytest.fixture(scope="module")
def endpoint(sample_store):
    with running(sample_store, timeout=60) as url:
        yield url


def get(url, query, **headers):
    return requests.get(url, params={"query": query}, headers=headers, timeout=30)


def test_get_and_both_posts_answer_alike(endpoint):
    by_get = get(endpoint, PREFIX + SELECT)
    by_form = requests.post(endpoint, data={"query": PREFIX + SELECT}, timeout=30)
    by_body = requests.post(endpoint, data=(PREFIX + SELECT).encode(), timeout=30,
                            headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("application/sparql-results+json")
    assert by_get.json() == by_form.json() == by_body.json()
    names = [b["name"]["value"] for b in by_get.json()["results"]["bindings"]]
    assert names == sorted(names) and len(names) == MAX_ROWS  # cut at --max-rows ...
    assert by_get.headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)  # ... and flagged
    few = get(endpoint, PREFIX + SELECT + " LIMIT 2")
    assert "X-SPARQL-MaxRows" not in few.headers


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    ("application/sparql-results+xml", "application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/tab-separated-values", "text/tab-separated-values", QueryResultsFormat.TSV),
    ("text/csv;q=0.9, application/sparql-results+json;q=0.5", "text/csv", None),
    ("*/*", "application/sparql-results+json", QueryResultsFormat.JSON),
])
def test_select_results_are_negotiated(endpoint, accept, media, fmt):
    response = get(endpoint, PREFIX + SELECT + " LIMIT 3", Accept=accept)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media
    if fmt is None:
        assert response.text.splitlines()[0] == "name" and len(response.text.splitlines()) == 4
    else:
        assert len(list(parse_query_results(response.content, fmt))) == 3


@pytest.mark.parametrize(("accept", "media", "fmt"), [
    (None, "text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", "application/n-triples", RdfFormat.N_TRIPLES),
    ("application/rdf+xml", "application/rdf+xml", RdfFormat.RDF_XML),
])
def test_construct_graphs_are_negotiated(endpoint, accept, media, fmt):
    response = get(endpoint, CONSTRUCT, **({"Accept": accept} if accept else {}))
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == media
    assert len(list(parse(response.content, fmt))) == MAX_ROWS
    assert response.headers["X-SPARQL-MaxRows"] == str(MAX_ROWS)


def test_ask_and_format_parameter(endpoint):
    yes = get(endpoint, "ASK { ?s ?p ?o }")
    assert yes.json() == {"head": {}, "boolean": True}
    params = {"query": PREFIX + SELECT + " LIMIT 1", "format": "csv"}
    as_csv = requests.get(endpoint, params=params, timeout=30)
    assert as_csv.headers["Content-Type"].startswith("text/csv")
    assert get(endpoint, "ASK { ?s ?p ?o }", Accept="image/png").status_code == 406


def test_updates_are_refused(endpoint):
    update = "DELETE WHERE { ?s ?p ?o }"
    assert requests.post(endpoint, data=update.encode(), timeout=30,
                         headers={"Content-Type": "application/sparql-update"}).status_code == 403
    assert requests.post(endpoint, data={"update": update}, timeout=30).status_code == 403
    assert requests.get(endpoint, params={"update": update}, timeout=30).status_code == 403
    assert requests.put(endpoint, data=b"x", timeout=30).status_code == 405
    assert requests.delete(endpoint, timeout=30).status_code == 405
    assert get(endpoint, update).status_code == 400  # an update is not a query
    assert get(endpoint, "ASK { ?s ?p ?o }").json()["boolean"] is True  # nothing was deleted


@pytest.mark.parametrize(("request_args", "status", "message"), [
    ({"method": "GET", "params": {"format": "json"}}, 400, "missing query"),
    ({"method": "POST", "data": {"format": "json"}}, 400, "missing query"),
    ({"method": "GET", "params": {"query": "SELEC * WHERE {}"}}, 400, "invalid SPARQL query"),
    ({"method": "GET", "params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "more than one"),
    ({"method": "POST", "data": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415, "POST a form"),
    ({"method": "GET", "params": {"query": "ASK {}", "default-graph-uri": "not an iri"}}, 400, "graph IRI"),
])
def test_malformed_requests_get_one_line(endpoint, request_args, status, message):
    args = dict(request_args)
    response = requests.request(args.pop("method"), endpoint, timeout=30, **args)
    assert response.status_code == status
    assert message in response.text
    assert response.text.count("\n") == 1 and response.text.endswith("\n")


def test_unknown_path_is_404_and_root_describes_the_endpoint(endpoint):
    base = endpoint.rsplit("/", 1)[0]
    assert requests.get(base + "/nothing", timeout=30).status_code == 404
    assert "read-only SPARQL" in requests.get(base + "/", timeout=30).text


def test_default_graph_uri_selects_one_article(endpoint, sample_kb):
    graph = sample_kb.store.graph_names()[0].value
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    one = requests.get(endpoint, params={"query": query, "default-graph-uri": graph}, timeout=30).json()
    everything = get(endpoint, query).json()
    n_one = int(one["results"]["bindings"][0]["n"]["value"])
    assert 0 < n_one < int(everything["results"]["bindings"][0]["n"]["value"])
    assert n_one == len(list(sample_kb.store.quads(sample_kb.store.graph_names()[0])))


def test_slow_query_is_stopped_with_503_and_the_endpoint_recovers(sample_store):
    with running(sample_store, timeout=2) as url:
        began = time.monotonic()
        response = get(url, SLOW)
        assert response.status_code == 503
        assert "timed out after 2 s" in response.text
        assert time.monotonic() - began < 15
        deadline = time.monotonic() + 60  # a fresh worker takes over (it starts slowly on a busy machine)
        while get(url, "ASK { ?s ?p ?o }").status_code != 200:
            if time.monotonic() > deadline:
                pytest.fail("the endpoint did not recover after a timeout")


def test_any_sparql_client_can_query_it(endpoint, sample_kb):
    """rdflib's SPARQL client, and DipKB's own remote store, read the endpoint like any server."""
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    client = SPARQLStore(endpoint, returnFormat="json")
    rows = list(client.query(PREFIX + SELECT + " LIMIT 3"))
    assert len(rows) == 3

    from kb import KnowledgeBase

    with KnowledgeBase(f"{endpoint}#query={endpoint}", read_only=True) as remote:
        ours = remote.query("people-met", person="Jaishankar")
    theirs = sample_kb.query("people-met", person="Jaishankar")
    assert ours.rows == theirs.rows[:MAX_ROWS]  # the endpoint cuts answers at --max-rows


def test_negotiate_prefers_quality_then_order():
    offered = {"a/x": "X", "a/y": "Y", "b/z": "Z"}
    assert negotiate(None, offered, "a/x") == "a/x"
    assert negotiate("a/y;q=0.5, b/z", offered, "a/x") == "b/z"
    assert negotiate("a/*", offered, "b/z") == "a/x"
    assert negotiate("c/d", offered, "a/x") is None
    assert negotiate("a/y;q=0", offered, "a/x") is None


def test_kb_serve_command(sample_store):
    """The CLI starts, prints where it listens, answers, and stops when killed."""
    command = [sys.executable, "-m", "kb.cli", "serve", "--store", str(sample_store), "--port=0", "-q"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = first_line(proc, timeout=60)
        assert "read-only at http://127.0.0.1:" in line, line
        url = line.split(" at ", 1)[1].split()[0]
        response = get(url, "ASK { ?s ?p ?o }")
        assert response.json()["boolean"] is True
    finally:
        proc.kill()
        proc.wait(10)


def test_serve_refuses_a_missing_store(tmp_path):
    from click.testing import CliRunner

    from kb.cli import main

    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert result.exit_code == 1
    assert "no knowledge base here" in result.output


def test_fifty_concurrent_clients_get_answers_without_an_error(sample_store):
    """A bounded load on loopback: 50 clients at once, 4 requests each, every one answered."""
    from concurrent.futures import ThreadPoolExecutor

    queries = [PREFIX + SELECT, PREFIX + "ASK { ?p a dip:Person }", "SELECT * WHERE {", CONSTRUCT]
    expected = {0: 200, 1: 200, 2: 400, 3: 200}
    server = SparqlServer(sample_store, "127.0.0.1", 0, workers=2, timeout=60, max_rows=100, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def client(n: int) -> list[int]:
        with requests.Session() as session:
            return [session.get(server.url, params={"query": queries[(n + i) % 4]}, timeout=120).status_code
                    for i in range(4)]

    try:
        with ThreadPoolExecutor(max_workers=50) as pool:
            results = list(pool.map(client, range(50)))
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
    for n, codes in enumerate(results):
        assert codes == [expected[(n + i) % 4] for i in range(4)], (n, codes)


def test_a_plain_get_answers_the_service_description(endpoint):
    import rdflib

    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = rdflib.Namespace("http://www.w3.org/ns/formats/")
    response = requests.get(endpoint, timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    service = rdflib.URIRef(endpoint)
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.endpoint, service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert {formats.SPARQL_Results_JSON, formats.SPARQL_Results_CSV, formats.Turtle} <= set(
        graph.objects(service, sd.resultFormat))
    assert (service, sd.feature, sd.BasicFederatedQuery) not in graph  # SERVICE is refused here
    as_xml = requests.get(endpoint, headers={"Accept": "application/rdf+xml"}, timeout=30)
    assert as_xml.headers["Content-Type"].startswith("application/rdf+xml")
    assert len(rdflib.Graph().parse(data=as_xml.text, format="xml")) == len(graph)
    assert requests.get(endpoint, headers={"Accept": "image/png"}, timeout=30).status_code == 406


def test_cors_preflight_and_headers_let_other_origins_query(endpoint):
    preflight = requests.options(endpoint, timeout=30, headers={
        "Origin": "http://yasgui.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, x-requested-with"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    allowed = {h.strip().lower() for h in preflight.headers["Access-Control-Allow-Headers"].split(",")}
    assert {"content-type", "accept", "x-requested-with"} <= allowed
    answer = requests.get(endpoint, params={"query": PREFIX + SELECT}, timeout=30,
                          headers={"Origin": "http://yasgui.example"})
    assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-SPARQL-MaxRows" in answer.headers["Access-Control-Expose-Headers"]


def test_each_request_is_logged_in_one_line(sample_store):
    command = [sys.executable, "-m", "kb.cli", "serve", "--store", str(sample_store), "--port=0"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = first_line(proc, timeout=60).split(" at ", 1)[1].split()[0]
        assert get(url, PREFIX + SELECT + " LIMIT 3").status_code == 200
        assert get(url, "ASK { ?s ?p ?o }").status_code == 200
        assert get(url, "SELEC nothing").status_code == 400
    finally:
        proc.kill()
        _, log = proc.communicate(timeout=10)
    lines = log.splitlines()
    assert len(lines) == 3, log
    line = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d 127\.0\.0\.1 GET /sparql (\d{3}) (\d+ rows|-) \d+\.\d ms (.+)"
    parsed = [re.fullmatch(line, text) for text in lines]
    assert all(parsed), lines
    assert [m[1] for m in parsed] == ["200", "200", "400"]
    assert parsed[0][2] == "3 rows"
    assert parsed[0][3].startswith("SELECT ?name WHERE")  # the prologue is left out
    assert parsed[1][3] == "ASK { ?s ?p ?o }"
