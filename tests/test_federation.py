"""Federated queries: `kb serve` and the library refuse SERVICE clauses before anything connects.

A real listener on loopback stands for an internal service. Every way of writing a SERVICE clause
is sent to a real endpoint, and the listener must receive nothing; the same query through the
local `kb query` (whose user is the operator) does reach it, which shows the listener would have
seen a call. An allowed endpoint, a second real `kb serve`, is really called.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from helpers import Listener, first_line, serving

from kb.cli import main
from kb.federation import ServiceRefused, services

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
TRIPLE = "{ ?s ?p ?o }"

# URL is the listener's endpoint, HOST its scheme, host and port with a trailing slash.
FORMS = {
    "plain": "SELECT * WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "lower case": "select * where { service <URL> { ?s ?p ?o } }",
    "mixed case": "SeLeCt * WhErE { SeRvIcE <URL> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <URL> { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { VALUES ?endpoint { <URL> } SERVICE ?endpoint { ?s ?p ?o } }",
    "silent variable": "SELECT * WHERE { BIND(<URL> AS ?e) SERVICE SILENT ?e { ?s ?p ?o } }",
    "sub-query": "SELECT * WHERE { ?a ?b ?c { SELECT ?s WHERE { SERVICE <URL> { ?s ?p ?o } } LIMIT 1 } }",
    "optional": "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <URL> { ?s ?p ?o } } }",
    "union": "SELECT * WHERE { { ?a ?b ?c } UNION { SERVICE <URL> { ?s ?p ?o } } }",
    "minus": "SELECT * WHERE { ?s ?b ?c MINUS { SERVICE <URL> { ?s ?p ?o } } }",
    "filter exists": "SELECT * WHERE { ?s ?b ?c FILTER EXISTS { SERVICE <URL> { ?s ?p ?o } } }",
    "bind not exists": "SELECT * WHERE { ?s ?b ?c BIND(NOT EXISTS { SERVICE <URL> { ?s ?p ?o } } AS ?x) }",
    "graph": "SELECT * WHERE { GRAPH ?g { SERVICE <URL> { ?s ?p ?o } } }",
    "prefixed name": "PREFIX inside: <HOST> SELECT * WHERE { SERVICE inside:sparql { ?s ?p ?o } }",
    "relative to base": "BASE <HOST> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
    "unicode escape": "SELECT * WHERE { \\u0053ERVICE <URL> { ?s ?p ?o } }",
    "comments around": "SELECT * # no SERVICE here\nWHERE { # nor here\n SERVICE <URL> { ?s ?p ?o } }",
    "ask": "ASK { SERVICE <URL> { ?s ?p ?o } }",
    "construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "describe": "DESCRIBE ?s WHERE { SERVICE <URL> { ?s ?p ?o } }",
    "nested services": "SELECT * WHERE { SERVICE <URL> { SERVICE <URL> { ?s ?p ?o } } }",
}


def written(form: str, listener: Listener) -> str:
    return FORMS[form].replace("URL", listener.url).replace("HOST", f"http://127.0.0.1:{listener.port}/")


def nothing_reached(listener: Listener) -> None:
    time.sleep(0.1)  # a call would have been made before the answer; leave it time to be recorded
    assert listener.received == [], listener.received


@pytest.fixture(scope="module")
def listener():
    with Listener() as ear:
        yield ear


@pytest.fixture(scope="module")
def guarded(sample_store):
    with serving(sample_store, workers=1, timeout=30) as url:
        yield url


@pytest.fixture(autouse=True)
def _quiet_listener(request):
    if "listener" in request.fixturenames:
        request.getfixturevalue("listener").received.clear()


def test_the_local_query_command_calls_the_service(sample_store, listener):
    """`kb query` runs SERVICE as written, and the listener does see it: the tests below can fail."""
    query = written("silent", listener)
    proc = subprocess.run([sys.executable, "-m", "kb.cli", "query", query, "--store", str(sample_store)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert len(listener.received) == 1
    assert listener.received[0].startswith(b"POST /sparql ")


@pytest.mark.parametrize("form", sorted(FORMS))
def test_each_form_of_service_is_refused_and_connects_nowhere(form, guarded, listener):
    response = requests.get(guarded, params={"query": written(form, listener)}, timeout=30)
    assert response.status_code == 400, response.text
    assert "SERVICE" in response.text
    assert response.text.count("\n") == 1
    nothing_reached(listener)


def test_the_refusal_names_the_clause_and_how_to_allow_it(guarded, listener):
    response = requests.get(guarded, params={"query": written("silent", listener)}, timeout=30)
    assert response.text == (f"SERVICE SILENT <{listener.url}> refused: federated queries are not allowed "
                             "here (the operator can allow an endpoint with kb serve --allow-service URL)\n")


@pytest.mark.parametrize("form", ["plain", "silent", "variable"])
def test_posted_queries_are_refused_too(form, guarded, listener):
    query = written(form, listener)
    by_form = requests.post(guarded, data={"query": query}, timeout=30)
    by_body = requests.post(guarded, data=query.encode(), timeout=30,
                            headers={"Content-Type": "application/sparql-query"})
    for response in (by_form, by_body):
        assert response.status_code == 400
        assert "SERVICE" in response.text
    nothing_reached(listener)


def test_the_word_in_a_comment_or_a_string_is_not_a_service(guarded, listener):
    """The check reads the parsed query, not the text: these are ordinary queries."""
    for query in (f"ASK {{ ?s ?p ?o }} # SERVICE <{listener.url}> {TRIPLE}",
                  f'ASK {{ ?s ?p ?o FILTER(?o != "SERVICE <{listener.url}> {TRIPLE}") }}',
                  "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1"):
        response = requests.get(guarded, params={"query": query}, timeout=30)
        assert response.status_code == 200, (query, response.text)
    nothing_reached(listener)


def test_updates_that_would_connect_are_refused(guarded, listener):
    """Updates never run on the read-only endpoint, LOAD and SERVICE inside them included."""
    insert = f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{listener.url}> {TRIPLE} }}"
    load = f"LOAD <{listener.url}>"
    for update in (insert, load):
        assert requests.get(guarded, params={"update": update}, timeout=30).status_code == 403
        assert requests.post(guarded, data={"update": update}, timeout=30).status_code == 403
        assert requests.post(guarded, data=update.encode(), timeout=30,
                             headers={"Content-Type": "application/sparql-update"}).status_code == 403
        as_query = requests.get(guarded, params={"query": update}, timeout=30)
        assert as_query.status_code == 400, as_query.text
    assert "read-only" in requests.get(guarded, params={"query": load}, timeout=30).text
    nothing_reached(listener)


@pytest.fixture
def other_endpoint(tmp_path):
    """A second real `kb serve` process over a store of its own, logging each request."""
    import pyoxigraph

    store = tmp_path / "other-store"
    with_one_fact = pyoxigraph.Store(str(store))
    with_one_fact.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:x-test:other"),
                                      pyoxigraph.NamedNode("urn:x-test:says"),
                                      pyoxigraph.Literal("hello from the other endpoint")))
    with_one_fact.flush()
    del with_one_fact
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "serve", "--store", str(store), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = first_line(proc, timeout=60)
        yield line.split(" at ", 1)[1].split()[0], proc
    finally:
        proc.kill()
        proc.wait(10)


def test_an_allowed_service_is_really_called(sample_store, other_endpoint, listener):
    target, proc = other_endpoint
    with serving(sample_store, workers=1, timeout=60, allow_service=(target,)) as url:
        pattern = "{ <urn:x-test:other> <urn:x-test:says> ?said }"
        query = f"SELECT ?said WHERE {{ SERVICE <{target}> {pattern} }}"
        answer = requests.get(url, params={"query": query}, timeout=60)
        assert answer.status_code == 200, answer.text
        said = [b["said"]["value"] for b in answer.json()["results"]["bindings"]]
        assert said == ["hello from the other endpoint"]
        # beside an endpoint that is not allowed: refused whole, neither endpoint called
        both = f"SELECT * WHERE {{ SERVICE <{target}> {TRIPLE} SERVICE <{listener.url}> {TRIPLE} }}"
        refused = requests.get(url, params={"query": both}, timeout=60)
        assert refused.status_code == 400
        assert f"SERVICE <{listener.url}> refused: only <{target}> may be called" in refused.text
        description = requests.get(url, timeout=30).text
        assert "sd:BasicFederatedQuery" in description
    nothing_reached(listener)
    proc.kill()
    _, log = proc.communicate(timeout=10)
    queries = [line for line in log.splitlines() if " POST /sparql " in line]
    assert len(queries) == 1, log  # the allowed endpoint got the first query only
    assert " 200 1 rows " in queries[0]


def test_the_library_refuses_services_only_when_asked(sample_kb, listener):
    query = written("plain", listener)
    refusal = r"^SERVICE <.+> refused: federated queries are not allowed here$"
    with pytest.raises(ServiceRefused, match=refusal):
        sample_kb.query(query, allow_service=())
    nothing_reached(listener)
    assert len(sample_kb.query(written("silent", listener), allow_service=[listener.url])) == 1
    assert len(listener.received) == 1


def test_services_lists_every_clause_in_order():
    found = services("PREFIX e: <http://example.org/> SELECT * WHERE { SERVICE e:one { ?s ?p ?o } "
                     "OPTIONAL { SERVICE SILENT ?where { ?s ?p ?o } } }")
    assert [str(s) for s in found] == ["SERVICE <http://example.org/one>", "SERVICE SILENT ?where"]
    assert services("SELECT * WHERE { ?s ?p ?o }") == []


def test_shapes_rdflib_alone_cannot_parse_are_read():
    """A SERVICE inside a SERVICE, and a one-line query whose prologue holds an IRI with '#'."""
    nested = "SELECT * WHERE { SERVICE <http://a.example/> { SERVICE <http://b.example/> { ?s ?p ?o } } }"
    assert [s.iri for s in services(nested)] == ["http://a.example/", "http://b.example/"]
    one_line = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                "SELECT * WHERE { SERVICE <http://a.example/> { ?s rdfs:label ?o } }")
    assert [s.iri for s in services(one_line)] == ["http://a.example/"]


def test_a_caller_deep_in_its_stack_still_gets_its_query_read():
    """A widget callback runs deep in a notebook's stack; the parser needs hundreds of frames more."""
    import sys

    query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT * WHERE { OPTIONAL { OPTIONAL { "
             "SERVICE <http://a.example/> { ?s rdfs:label ?o } } } }")
    services(query)  # imports and the grammar copy done: what remains is the parse itself

    def deep(n: int) -> list:
        return deep(n - 1) if n else services(query)

    assert [s.iri for s in deep(sys.getrecursionlimit() - 150)] == ["http://a.example/"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o }",   # unclosed
    "SELECT * WHERE { SERVICE undeclared:x { ?s ?p ?o } }",             # unknown prefix
    "SELECT * WHERE " + "{ " * 2000 + "?s ?p ?o" + " }" * 2000 + " # service",
])
def test_a_query_that_cannot_be_checked_is_refused(query):
    with pytest.raises(ServiceRefused) as caught:
        services(query)
    assert "\n" not in str(caught.value)


def test_allow_service_takes_urls_only(sample_store):
    result = CliRunner().invoke(main, ["serve", "--store", str(sample_store), "--allow-service", "not a url"])
    assert result.exit_code == 2
    assert "'not a url' is not an http(s):// URL" in result.output


def test_query_help_says_who_may_call_services():
    result = CliRunner().invoke(main, ["query", "--help"])
    assert "SERVICE" in result.output and "operator" in result.output
