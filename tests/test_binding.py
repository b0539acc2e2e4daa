"""Parameters are bound as RDF terms in a VALUES block, never pasted into the query."""

from __future__ import annotations

import datetime as dt

import pyoxigraph
import pytest

from kb.errors import QueryError
from kb.queries import bind, get, named_queries


def test_values_block_goes_into_the_outer_where_group():
    q = 'PREFIX x: <urn:x#>\nSELECT ?s WHERE { ?s x:p ?name . FILTER(?name = "{") }'
    out = bind(q, {"name": "Putin"})
    assert out.index("VALUES (?name)") > out.index("WHERE {")
    assert pyoxigraph.Store().query(out) is not None  # still valid SPARQL


def test_construct_binds_in_where_not_template():
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    out = bind(q, {"s": pyoxigraph.NamedNode("urn:a")})
    assert out.index("VALUES") > out.index("WHERE")


@pytest.mark.parametrize("value", ['"} ; DROP ALL ; {', "x\" } UNION { ?s ?p ?o", "a\nb\\", "Пу́тин 🙂"])
def test_hostile_text_stays_one_literal(value):
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:s"), pyoxigraph.NamedNode("urn:p"),
                              pyoxigraph.Literal(value)))
    rows = list(store.query(bind("SELECT ?s WHERE { ?s <urn:p> ?v }", {"v": value})))
    assert [r["s"].value for r in rows] == ["urn:s"]
    assert len(store) == 1


def test_variables_in_strings_iris_and_comments_are_skipped():
    q = 'SELECT ?x # WHERE { not this\nWHERE { ?x <urn:where{> "WHERE {" }'
    out = bind(q, {"x": "v"})
    assert out.count("VALUES") == 1
    assert out.index("VALUES") > q.index("WHERE { ?x")


def test_named_queries_declare_their_parameters():
    queries = named_queries()
    assert {"meetings-of-person", "meetings-between-countries", "statements-by-speaker", "timeline",
            "network", "people-met"} <= set(queries)
    for q in queries.values():
        assert q.title and q.description
        # every query binds cleanly with only its required parameters, and parses
        values = {p.name: {"date": dt.date(2023, 1, 1), "country": "IN"}.get(p.type, "x")
                  for p in q.params if p.required}
        pyoxigraph.Store().query(q.sparql(**values))


def test_parameter_errors_are_clear():
    q = get("people-met")
    with pytest.raises(QueryError, match="needs the parameter person"):
        q.sparql()
    with pytest.raises(QueryError, match="no parameter bogus"):
        q.sparql(person="x", bogus="y")
    with pytest.raises(QueryError, match="not a date"):
        q.sparql(person="x", on="yesterday")
    with pytest.raises(QueryError, match="unknown country"):
        get("meetings-between-countries").sparql(country1="Atlantis", country2="IN")


def test_country_parameters_accept_names_and_demonyms():
    q = get("meetings-between-countries")
    assert '"IN"' in q.sparql(country1="Indian", country2="Russia")
    assert '"RU"' in q.sparql(country1="Indian", country2="Russia")
