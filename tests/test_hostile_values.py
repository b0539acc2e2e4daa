"""Hostile values at every parameter of every named query: bound as RDF terms, never pasted.

Each value must end up as exactly one term in the VALUES row (or be refused with a one-line
QueryError), the rest of the query text must be what a benign value gives, and the store must
hold exactly what it held before, through the library, the CLI and the explorer widgets.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.plugins.sparql.parser import parseQuery

from kb import KnowledgeBase
from kb.cli import main
from kb.errors import QueryError
from kb.queries import NamedQuery, Param, bind, named_queries
from kb.queries.binding import to_term
from kb.reference.countries import country_code
from kb.text import name_key

HOSTILE = [
    '"', "'", "\\", "}", "{", "\n", "\r\n", "#", "?person", "$on", "<urn:x>", "UNION", "DROP ALL",
    '"} ; DROP ALL ; {',
    'x" } UNION { ?s ?p ?o } #',
    "') } ; DELETE WHERE { ?s ?p ?o } ; SELECT * WHERE { ('",
    '"""\n} INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "\\u0022 } UNION { ?s ?p ?o }",
    "\"^^<http://www.w3.org/2001/XMLSchema#date>",
    "2023-12-27\" || true || \"",
    "\x00\x1f\x7f\u2028\u2029\ufeff",
    "Пу́тин 🙂 习近平 \u202eevil",
    "a" * 5000,
]
WORDS = st.sampled_from([*HOSTILE, "Putin", "Lavrov", "India", "RU", "2023-12-27", " ", "}", "\n"])
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60),
                         st.lists(WORDS, max_size=8).map("".join))
DATES = st.one_of(hostile_text, st.dates().map(dt.date.isoformat), st.dates(),
                  st.sampled_from(["2023-02-30", "2023-13-01", " 2023-12-27 ", "20231227", "2023-W52-3"]))
COUNTRIES = st.one_of(hostile_text,
                      st.sampled_from(["IN", "ru", "India", "Indian", "Russia", "xx", "Атлантида"]))
BY_TYPE = {"text": hostile_text, "name": hostile_text, "date": DATES, "country": COUNTRIES,
           "int": hostile_text, "iri": st.one_of(hostile_text, st.just("urn:x"), st.text(max_size=20).map("http://x/".__add__))}
DATA = Path(__file__).resolve().parent.parent / "data"
BENIGN = {"text": "Putin", "name": "Putin", "date": dt.date(2023, 12, 27), "country": "IN", "int": 3,
          "iri": "urn:x"}

PARAMETERISED = sorted(n for n, q in named_queries().items() if q.params)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def values_for(query: NamedQuery) -> st.SearchStrategy[dict[str, object]]:
    """Values for every parameter; an optional one may also be left out or empty."""
    required = {p.name: BY_TYPE[p.type] for p in query.params if p.required}
    optional = {p.name: st.one_of(st.none(), st.just(""), BY_TYPE[p.type]) for p in query.params
                if not p.required}
    return st.fixed_dictionaries(required, optional=optional)


def snapshot(store) -> tuple[int, str]:
    """Quad count and a hash of the sorted N-Quads: equal snapshots, equal stores."""
    lines = sorted(f"{q.subject} {q.predicate} {q.object} {q.graph_name} ." for q in store.quads())
    return store.count(), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


# One term of a VALUES row as pyoxigraph writes it: escaped, so no raw quote or line break inside.
_IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'  # SPARQL's IRIREF
_TERM = rf'(?:UNDEF|{_IRI}|"(?:[^"\\\n\r]|\\.)*"(?:\^\^{_IRI}|@[A-Za-z0-9-]+)?)'
_DATE_TERM = r'"[0-9-]+"\^\^<http://www\.w3\.org/2001/XMLSchema#(?:date|gYearMonth|gYear)>'


def split_values(query: NamedQuery, sparql: str) -> tuple[str, str]:
    """The query without the parameters' VALUES blocks, and that block (one row of plain terms).

    The same block is joined into the outer WHERE group and into each sub-query's."""
    # a date range's list of date literals (``# range``): typed dates only, at most one per range
    ranges = re.findall(rf"VALUES \?\w+ {{(?: {_DATE_TERM})+ }}", sparql)
    assert len(ranges) <= len(query.ranges)
    for block in ranges:
        sparql = sparql.replace(block + " ", "")
    # a pair of countries (``# pair``): one plain literal (codes, or what was given if not a country,
    # which then matches nothing), at most one per pair
    pairs = re.findall(r'VALUES \?\w+ { "(?:[^"\\\n]|\\.)* (?:[^"\\\n]|\\.)*" }', sparql)
    assert len(pairs) <= len(query.pairs)
    for block in pairs:
        sparql = sparql.replace(block + " ", "")
    head = "VALUES (" + " ".join(f"?{p.name}" for p in query.params) + ") { ("
    blocks = re.findall(re.escape(head) + rf"(?: *{_TERM})+ *\) }}", sparql)
    assert blocks and len(set(blocks)) == 1 and sparql.count(head) == len(blocks)
    return sparql.replace(blocks[0], "<VALUES>"), blocks[0]


def expected_term(param: Param, value: object) -> object:
    """What a value must be bound as, or QueryError when it must be refused."""
    if value in (None, ""):
        if param.required:
            return QueryError
        return None
    if param.type == "date":
        if isinstance(value, dt.date):
            return to_term(value)
        try:
            return to_term(dt.date.fromisoformat(str(value).strip()))
        except ValueError:
            return QueryError
    if param.type == "country":
        text = str(value).strip()
        code = text.upper() if len(text) == 2 and text.isalpha() else country_code(text)
        return to_term(code) if code else QueryError
    if param.type == "text":
        return to_term(str(value))
    if param.type == "name":
        key = name_key(str(value))
        return to_term(key) if key else QueryError
    return ...  # int and iri: not used by a named query today, checked below on their own


def check_bound(query: NamedQuery, values: dict[str, object]) -> str | None:
    """The bound SPARQL when the values are acceptable (checking its shape), None when refused."""
    expected = {p.name: expected_term(p, values.get(p.name)) for p in query.params}
    refused = [name for name, term in expected.items() if term is QueryError]
    try:
        sparql = query.sparql(**values)
    except QueryError as exc:
        assert refused, f"{values!r} refused: {exc}"
        assert "\n" not in str(exc) and "\r" not in str(exc), str(exc)
        return None
    assert not refused, f"{refused} should have been refused: {values!r}"
    benign = {p.name: BENIGN[p.type] if expected[p.name] is not None else None for p in query.params}
    shape, row = split_values(query, sparql)
    assert shape == split_values(query, query.sparql(**benign))[0]  # not one character outside VALUES differs
    # the row holds exactly the intended terms, one per parameter, in one solution
    [solution] = list(pyoxigraph.Store().query(f"SELECT * WHERE {{ {row} }}"))
    for p in query.params:
        assert solution[p.name] == expected[p.name], (p.name, solution[p.name], expected[p.name])
    return sparql


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    """Two articles: enough for every query to find rows, and few enough that none is slow."""
    path = tmp_path_factory.mktemp("hostile") / "store"
    with KnowledgeBase(path) as kb:
        assert kb.ingest([DATA / "2023-12-28-putin-jaishankar-kremlin.txt",
                          DATA / "2024-07-09-modi-putin-moscow.txt"]).ingested == 2
    return path


@pytest.fixture(scope="module")
def hostile_kb(small_store, tmp_path_factory):
    """A writable store: an injected update would have something to destroy."""
    target = tmp_path_factory.mktemp("hostile-kb") / "store"
    shutil.copytree(small_store, target)
    with KnowledgeBase(target) as kb:
        yield kb


# -- the library ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PARAMETERISED)
def test_hostile_values_stay_terms_and_the_store_stays_as_it_was(name, hostile_kb):
    query = named_queries()[name]
    before = snapshot(hostile_kb.store)
    ran: list[str] = []

    @FAST
    @given(values=values_for(query))
    def run(values):
        sparql = check_bound(query, values)
        if sparql is None:
            with pytest.raises(QueryError):
                hostile_kb.query(name, **values)
            return
        # the shape check above is the proof; a dozen bound queries go on to rdflib's parser (slow)
        # and the store
        if len(ran) < 12:
            parseQuery(sparql)
            hostile_kb.query(name, **values)
            assert hostile_kb.store.count() == before[0]
            ran.append(sparql)

    run()
    assert snapshot(hostile_kb.store) == before


@FAST
@given(value=hostile_text)
def test_hostile_values_bound_into_the_users_own_sparql(value):
    """A user's own query with a parameter: the same VALUES row, the same escaping."""
    store = pyoxigraph.Store()
    store.add(pyoxigraph.Quad(pyoxigraph.NamedNode("urn:s"), pyoxigraph.NamedNode("urn:p"),
                              pyoxigraph.Literal(value), pyoxigraph.NamedNode("urn:g")))
    sparql = bind("SELECT ?s WHERE { ?s <urn:p> ?v }", {"v": value})
    assert [row["s"].value for row in store.query(sparql, use_default_graph_as_union=True)] == ["urn:s"]
    assert len(store) == 1


@pytest.mark.parametrize("name", ["x}", "a b", "v) } UNION { (?s", "", "1x", "é", "v\n"])
def test_hostile_parameter_names_are_refused(name, hostile_kb):
    with pytest.raises(QueryError, match="invalid parameter name"):
        hostile_kb.sparql("SELECT ?s WHERE { ?s ?p ?o }", **{name: "x"})
    with pytest.raises(QueryError, match="has no parameter"):
        hostile_kb.query("people-met", person="Putin", **{name: "x"})


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(hostile_text, st.text(max_size=30).map("http://x/".__add__),
                       st.text(max_size=30).map("urn:".__add__)))
def test_iri_and_int_parameters_give_a_term_or_a_clean_error(value):
    """No named query has them today; the conversion is still total: a term or a QueryError."""
    query = NamedQuery("q", "q", "", (Param("iri", "iri", True, ""), Param("n", "int", False, "")),
                       "SELECT ?x WHERE { ?x ?p ?iri }")
    for values in ({"iri": value}, {"iri": "urn:x", "n": value}):
        try:
            sparql = query.sparql(**values)
        except QueryError as exc:
            assert "\n" not in str(exc)
            continue
        _, row = split_values(query, sparql)
        [solution] = list(pyoxigraph.Store().query(f"SELECT * WHERE {{ {row} }}"))
        assert isinstance(solution["iri"], pyoxigraph.NamedNode)


# -- the command line -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_store(small_store, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("hostile-cli") / "store"
    shutil.copytree(small_store, target)
    return target


def _store_snapshot(path: Path) -> tuple[int, str]:
    with KnowledgeBase(path, read_only=True) as kb:
        return snapshot(kb.store)


@pytest.mark.parametrize("name", PARAMETERISED)
def test_hostile_values_through_kb_query(name, cli_store):
    query = named_queries()[name]
    before = _store_snapshot(cli_store)

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(values=values_for(query))
    def run(values):
        args = ["query", name, "--store", str(cli_store), "--format", "json"]
        for key, value in values.items():
            args += ["-p", f"{key}={'' if value is None else value}"]
        result = CliRunner().invoke(main, args)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 1), (result.exit_code, result.output, result.exception)
        if result.exit_code == 1:
            [line] = result.stderr.splitlines()
            assert line.startswith("Error: "), line
            assert result.stdout == ""
        else:
            assert result.stderr == ""

    run()
    assert _store_snapshot(cli_store) == before


def test_hostile_parameter_name_through_kb_query(cli_store):
    result = CliRunner().invoke(main, ["query", "people-met", "--store", str(cli_store),
                                       "-p", "person=Putin", "-p", "x}\n UNION {=1"])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: query 'people-met' has no parameter x} UNION {")


# -- the explorer widgets ---------------------------------------------------------------------


def test_hostile_filters_and_template_values_in_the_explorer(hostile_kb):
    """The filters are applied in pandas, the SPARQL editor's form goes through the binding."""
    pytest.importorskip("ipywidgets")
    from kb.widgets.data import EVENT_TYPES, ExplorerData, Filters
    from kb.widgets.sparql import SparqlEditor

    before = snapshot(hostile_kb.store)
    data = ExplorerData(hostile_kb)
    editor = SparqlEditor(hostile_kb)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=hostile_text, person=hostile_text, country=hostile_text,
           kind=st.one_of(st.sampled_from(EVENT_TYPES), hostile_text), day=st.one_of(st.none(), st.dates()))
    def run(text, person, country, kind, day):
        selection = data.select(Filters(person=person, country=country, type=kind, start=day, end=day,
                                        text=text))
        assert len(selection.events) <= len(data.events)
        editor.template.value = "statements-by-speaker"
        editor.set_params(speaker=person, text=text)
        result = editor.run()
        assert (result is None) == (editor.error is not None)
        if editor.error is not None:
            assert "\n" not in editor.error and "Traceback" not in editor.error
        editor.template.value = "timeline"
        editor.set_params(person=person, country=country, **{"from": text})
        if editor.run() is None:
            assert "\n" not in editor.error

    run()
    assert snapshot(hostile_kb.store) == before
