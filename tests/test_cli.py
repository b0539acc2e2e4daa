"""The `kb` command: every command's exit status, output and resulting store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import click
import pytest
import rdflib
from click.testing import CliRunner
from helpers import assert_merged_graph_matches
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad
from rdflib.compare import isomorphic

from kb import KnowledgeBase
from kb.cli import main
from kb.rdf import article_iri
from kb.rdf.iris import ENCOUNTERS_GRAPH
from kb.rdf.namespaces import DCTERMS, DIP, PROV, RDF
from kb.store import open_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = DATA / "2023-12-28-putin-jaishankar-kremlin.txt"
SEED_ID = "meritnews24-putin-jaishankar-2023-12-28"

MEETING = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.\n"

# The people Jaishankar met on 2023-12-27, written against the public vocabulary only.
MET_ON_27_DECEMBER = """
PREFIX dip: <https://w3id.org/dipkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT DISTINCT ?name WHERE {
  ?e a dip:Meeting ; dip:participant ?j, ?o ; dip:date "2023-12-27"^^xsd:date .
  ?j rdfs:label|skos:altLabel ?jn FILTER(CONTAINS(?jn, "Jaishankar"))
  FILTER(?o != ?j)
  ?o rdfs:label ?name
}
ORDER BY ?name
"""

FORMATS = {  # kb export --format -> rdflib parser
    "turtle": "turtle",
    "ntriples": "nt",
    "trig": "trig",
    "nquads": "nquads",
    "json-ld": "json-ld",
}
GRAPH_FORMATS = ("trig", "nquads", "json-ld")


def run(*args: object, env: dict[str, str | None] | None = None, code: int | None = 0):
    """Invoke `kb`; check the exit status unless ``code`` is None."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)
    if code is not None:
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result


def stats(store: Path) -> dict:
    return json.loads(run("stats", "--store", store, "--json").stdout)


def ask(store: Path, pattern: str) -> bool:
    with KnowledgeBase(store, read_only=True) as kb:
        return bool(kb.query(f"ASK {{ {pattern} }}").boolean)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def empty_store(tmp_path) -> Path:
    """A store with nothing in it (no spaCy needed)."""
    path = tmp_path / "empty-store"
    open_store(path).close()
    return path


# -- documentation ---------------------------------------------------------------------------


def test_the_group_is_documented():
    result = run("--help")
    assert "DipKB" in result.stdout
    for name in main.commands:
        assert name in result.stdout
    assert re.match(r"kb, version \d+\.\d+", run("--version").stdout)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_documented(name):
    command = main.commands[name]
    assert command.help and command.help.strip(), f"kb {name} has no docstring"
    result = run(name, "--help")
    assert result.stdout.strip()
    assert command.help.strip().splitlines()[0][:40] in " ".join(result.stdout.split())
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help and param.help.strip(), f"kb {name} {param.opts[0]} has no help text"
            for opt in param.opts:
                assert opt in result.stdout, f"kb {name} --help does not show {opt}"
        elif isinstance(param, click.Argument):
            assert param.human_readable_name.upper() in result.stdout


def test_short_help_option():
    assert run("ingest", "-h").stdout == run("ingest", "--help").stdout


# -- ingest ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_a_file(tmp_path):
    article = write(tmp_path / "in" / "putin-xi.txt", MEETING)
    store = tmp_path / "store"
    result = run("ingest", article, "--store", store, "--published", "2024-03-06", "-q")
    assert result.stdout.strip() == "1 article ingested"
    assert result.stderr == ""
    counts = stats(store)
    assert counts["articles"] == 1
    assert counts["events"]["meeting"] == 1
    assert ask(store, f"""GRAPH {article_iri('putin-xi')} {{
        ?e a dip:Meeting ; dip:participant ?p ; prov:wasDerivedFrom {article_iri('putin-xi')} .
        ?p rdfs:label "Vladimir Putin" }}""")
    # unchanged: skipped
    again = run("ingest", article.parent, "--store", store, "--published", "2024-03-06", "-q")
    assert again.stdout.strip() == "0 articles ingested, 1 unchanged"
    assert stats(store) == counts


@pytest.mark.slow
def test_unreadable_files_are_reported_and_skipped(tmp_path):
    folder = tmp_path / "in"
    empty = write(folder / "a-empty.txt", "")
    broken = write(folder / "b-broken.json", '{"text": "Putin met Xi", ')
    write(folder / "c-good.txt", MEETING)
    store = tmp_path / "store"
    result = run("ingest", folder, "--store", store, "-q", code=1)
    errors = result.stderr.splitlines()
    assert len(errors) == 1, result.stderr  # the empty file is skipped, and says nothing
    assert errors[0].startswith(f"Error: {broken}: ")
    assert "JSON" in errors[0]
    assert result.stdout.strip() == "1 article ingested, 1 skipped (1 empty), 1 failed (1 invalid JSON)"
    assert not ask(store, f"{article_iri(empty.stem)} a dip:Article")
    assert stats(store)["articles"] == 1
    assert ask(store, f"{article_iri('c-good')} a dip:Article")


def test_a_missing_path_is_an_error(tmp_path):
    missing = tmp_path / "nowhere.txt"
    result = run("ingest", missing, "--store", tmp_path / "store", "-q", code=1)
    assert result.stderr.strip() == f"Error: {missing}: no such file or directory"


def test_ingest_needs_a_path():
    result = run("ingest", code=2)
    assert "Missing argument" in result.stderr


def test_bad_published_value(tmp_path):
    result = run("ingest", DATA, "--store", tmp_path / "store", "--published", "yesterday", code=2)
    assert "'yesterday' is not a date (YYYY-MM-DD)" in result.stderr
    assert not (tmp_path / "store").exists()


def test_a_store_that_is_a_file_is_an_error(tmp_path):
    not_a_folder = write(tmp_path / "store", "x")
    result = run("ingest", SEED, "--store", not_a_folder, "-q", code=1)
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_ingesting_data_twice_changes_nothing(store_copy):
    before = stats(store_copy)
    result = run("ingest", DATA, "--store", store_copy, "-q")
    assert result.stdout.strip() == f"0 articles ingested, {before['articles']} unchanged"
    assert stats(store_copy) == before
    # extracting everything again mints the same IRIs: the same triples, not twice as many
    result = run("ingest", DATA, "--store", store_copy, "-q", "--force")
    assert result.stdout.strip() == f"{before['articles']} articles ingested"
    assert stats(store_copy) == before


@pytest.mark.slow
def test_reingesting_a_changed_article_replaces_its_graph(store_copy, tmp_path):
    graph = article_iri(SEED_ID)
    with open_store(store_copy, read_only=True) as store:
        names = store.graph_names()
    before = stats(store_copy)
    glad = f'GRAPH {graph} {{ ?s dip:quote ?q FILTER(STRSTARTS(?q, "We will be glad")) }}'
    assert ask(store_copy, glad)

    raw = SEED.read_text(encoding="utf-8")
    front_matter = raw[: raw.index("---", 3) + 4]
    edited = write(tmp_path / "edited" / SEED.name,
                   front_matter + "Russian President Vladimir Putin spoke with German Chancellor Olaf Scholz "
                                  "by phone on Tuesday.\n")
    result = run("ingest", edited, "--store", store_copy, "-q")
    assert result.stdout.strip() == "1 article ingested"

    # the new graph is exactly what the edited article alone gives
    fresh = tmp_path / "fresh"
    run("ingest", edited, "--store", fresh, "-q")
    with open_store(fresh, read_only=True) as store:
        expected = set(store.quads(graph))
    with open_store(store_copy, read_only=True) as store:
        assert set(store.quads(graph)) == expected
        assert store.graph_names() == names
    after = stats(store_copy)
    assert after["articles"] == before["articles"]
    assert after["triples"] != before["triples"]
    with open_store(store_copy, read_only=True) as store:
        assert_merged_graph_matches(store)  # the old article's own triples left the merged graph
    # the old facts are gone
    assert not ask(store_copy, glad)
    assert not ask(store_copy, f"GRAPH {graph} {{ ?s a dip:Statement }}")
    assert not ask(store_copy, f"GRAPH {graph} {{ ?s a dip:Invitation }}")
    assert not ask(store_copy, f'GRAPH {graph} {{ ?p rdfs:label "Subrahmanyam Jaishankar" }}')


@pytest.mark.slow
def test_published_supplies_the_missing_date(tmp_path):
    article = write(tmp_path / "in" / "putin-xi.txt", MEETING)
    graph = article_iri("putin-xi")
    store = tmp_path / "store"

    def dates() -> list[str]:
        return json.loads(run("query", "--store", store, "--format", "json",
                              "SELECT ?d ?issued WHERE { ?e a dip:Meeting OPTIONAL { ?e dip:date ?d } "
                              "OPTIONAL { ?a dcterms:issued ?issued } }").stdout)

    run("ingest", article, "--store", store, "-q")
    assert dates() == [{"d": None, "issued": None}]  # "on Monday" of an unknown week
    run("ingest", article, "--store", store, "-q", "--published", "2024-03-06")
    assert dates() == [{"d": "2024-03-04", "issued": "2024-03-06"}]
    run("ingest", article, "--store", store, "-q", "--published", "2024-03-13")
    assert dates() == [{"d": "2024-03-11", "issued": "2024-03-13"}]
    assert ask(store, f'GRAPH {graph} {{ ?e dip:date "2024-03-11"^^xsd:date }}')

    # an article's own date wins over --published
    dated = write(tmp_path / "in2" / "dated.txt", "---\npublished: 2024-03-20\n---\n" + MEETING)
    run("ingest", dated, "--store", tmp_path / "store2", "-q", "--published", "2024-03-06")
    assert ask(tmp_path / "store2", 'GRAPH ?g { ?a dcterms:issued "2024-03-20"^^xsd:date . '
                                    '?e a dip:Meeting ; dip:date "2024-03-18"^^xsd:date }')


@pytest.mark.slow
def test_kb_store_environment_variable(tmp_path, monkeypatch, sample_store):
    monkeypatch.chdir(tmp_path)
    article = write(tmp_path / "in" / "putin-xi.txt", MEETING)
    store = tmp_path / "env-store"
    run("ingest", article, "-q", env={"KB_STORE": str(store)})
    assert store.is_dir()
    assert not (tmp_path / "kb-store").exists()
    result = run("stats", "--json", env={"KB_STORE": str(store)})
    assert json.loads(result.stdout)["articles"] == 1
    # --store wins over the variable
    result = run("stats", "--json", "--store", sample_store, env={"KB_STORE": str(store)})
    assert json.loads(result.stdout)["articles"] == 14
    # without either: ./kb-store
    run("ingest", article, "-q", env={"KB_STORE": None})
    assert (tmp_path / "kb-store").is_dir()


# -- query -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_query_who_jaishankar_met_on_27_december(sample_store):
    result = run("query", MET_ON_27_DECEMBER, "--store", sample_store)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name"]
    names = [line.strip() for line in lines[2:-1]]
    assert "Vladimir Putin" in names
    assert any("Lavrov" in name for name in names)
    assert re.fullmatch(r"\(\d+ rows?\)", lines[-1])


@pytest.mark.slow
def test_query_csv(sample_store):
    result = run("query", MET_ON_27_DECEMBER, "--store", sample_store, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["name"]
    names = [r[0] for r in rows[1:]]
    assert "Vladimir Putin" in names and any("Lavrov" in n for n in names)


@pytest.mark.slow
def test_query_json(sample_store):
    result = run("query", MET_ON_27_DECEMBER, "--store", sample_store, "--format", "json")
    rows = json.loads(result.stdout)
    names = [r["name"] for r in rows]
    assert "Vladimir Putin" in names and any("Lavrov" in n for n in names)
    assert all(set(r) == {"name"} for r in rows)


@pytest.mark.slow
def test_query_named_with_params(sample_store):
    result = run("query", "people-met", "-p", "person=Jaishankar", "--param", "on=2023-12-27",
                 "--store", sample_store, "--format", "json")
    rows = json.loads(result.stdout)
    names = [r["name"] for r in rows]
    assert "Vladimir Putin" in names and any("Lavrov" in n for n in names)
    assert all(r["dates"] == "2023-12-27" for r in rows)


@pytest.mark.slow
def test_query_rq_file(sample_store, tmp_path):
    rq = write(tmp_path / "people.rq",
               "# people whose name contains ?part\n"
               "SELECT ?name WHERE { ?p a dip:Person ; rdfs:label ?name FILTER(CONTAINS(?name, ?part)) }\n")
    result = run("query", rq, "-p", "part=Lavrov", "--store", sample_store, "--format", "csv")
    names = result.stdout.splitlines()[1:]
    assert names and all("Lavrov" in n for n in names)


@pytest.mark.slow
def test_query_ask_and_limit(sample_store):
    assert run("query", "ASK { ?e a dip:Invitation }", "--store", sample_store).stdout.strip() == "yes"
    assert run("query", "ASK { ?e a dip:Cancelled }", "--store", sample_store).stdout.strip() == "no"
    result = run("query", "SELECT ?s WHERE { ?s a dip:Person }", "--limit", "2", "--store", sample_store,
                 "--format", "json")
    assert len(json.loads(result.stdout)) == 2
    result = run("query", "CONSTRUCT { ?s a dip:Person } WHERE { ?s a dip:Person }", "--limit", "2",
                 "--store", sample_store, "--format", "json")
    assert len(json.loads(result.stdout)) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nonsense"], "Error: 'nonsense' is neither SPARQL nor a named query"),
        (["people-met"], "Error: query 'people-met' needs the parameter person"),
        (["people-met", "-p", "person=X", "-p", "on=someday"],
         "Error: parameter on: 'someday' is not a date"),
        (["SELECT ?x WHERE { ?x ?y }"], "Error: invalid SPARQL"),
        (["missing.rq"], "Error: missing.rq: no such query file"),
    ],
)
def test_query_errors(empty_store, args, message):
    result = run("query", *args, "--store", empty_store, code=1)
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_query_param_needs_a_name(empty_store):
    result = run("query", "people-met", "-p", "Jaishankar", "--store", empty_store, code=2)
    assert "'Jaishankar' is not NAME=VALUE" in result.stderr


def test_query_without_a_store(tmp_path):
    result = run("query", "timeline", "--store", tmp_path / "none", code=1)
    expected = f"Error: {tmp_path / 'none'}: no knowledge base here (run 'kb ingest' first)"
    assert result.stderr.strip() == expected
    assert not (tmp_path / "none").exists()


def test_queries_lists_every_named_query():
    from kb.queries import named_queries

    result = run("queries")
    for query in named_queries().values():
        assert f"{query.name}: {query.title}" in result.stdout
        for param in query.params:
            line = rf"^    {param.name} \({param.type}, (required|optional)\): "
            assert re.search(line, result.stdout, re.M)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["people-met", "timeline", "network", "meetings-of-person",
                                  "statements-by-speaker", "meetings-between-countries"])
def test_named_queries_run(sample_store, name):
    from kb.queries import get

    params = {"person": "Jaishankar", "speaker": "Lavrov", "country1": "India", "country2": "Russia"}
    args = [f"-p{p.name}={params[p.name]}" for p in get(name).params if p.required]
    rows = json.loads(run("query", name, *args, "--store", sample_store, "--format", "json").stdout)
    assert rows, f"{name} found nothing in the sample store"


# -- export ----------------------------------------------------------------------------------


def _rdflib_term(term):
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    assert not isinstance(term, BlankNode), "the mapping mints no blank nodes"
    assert isinstance(term, Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == str(rdflib.XSD.string):
        return rdflib.Literal(term.value)  # a simple literal: how rdflib parses "..."
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def _graphs_of(dataset: rdflib.Dataset) -> dict[str, set]:
    out: dict[str, set] = {}
    for s, p, o, g in dataset.quads((None, None, None, None)):
        out.setdefault(str(getattr(g, "identifier", g)), set()).add((s, p, o))
    return out


@pytest.fixture(scope="module")
def store_graphs(sample_store) -> dict[str, set]:
    """The sample store's quads, read from the store itself, as rdflib triples per graph."""
    out: dict[str, set] = {}
    with open_store(sample_store, read_only=True) as store:
        for q in store.quads():
            out.setdefault(q.graph_name.value, set()).add(
                (_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    return out


@pytest.fixture(scope="module")
def exports(sample_store, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for fmt in FORMATS:
        path = folder / f"kb.{fmt}"
        result = run("export", "--store", sample_store, "--format", fmt, "-o", path)
        count = int(result.stderr.split()[0])
        assert result.stderr.strip() == f"{count} statements written to {path}"
        assert result.stdout == ""
        out[fmt] = path
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"kb.{fmt}" for fmt in FORMATS)  # no .part left
    return out


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_stdout_equals_the_file(sample_store, exports, fmt):
    result = run("export", "--store", sample_store, "--format", fmt)
    assert result.stdout_bytes == exports[fmt].read_bytes()
    assert result.stderr == ""


@pytest.mark.slow
def test_default_export_is_turtle(sample_store, exports):
    assert run("export", "--store", sample_store).stdout_bytes == exports["turtle"].read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_turtle_export_is_the_merged_knowledge_base(sample_store, exports, store_graphs, fmt):
    """The union of the exported graphs, each article's event under the IRI of its encounter."""
    exported = rdflib.Graph().parse(exports[fmt], format=FORMATS[fmt])
    merged = rdflib.Graph()
    with open_store(sample_store, read_only=True) as store:
        assert_merged_graph_matches(store)
        for q in store.quads(DefaultGraph()):
            merged.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    union = {t for triples in store_graphs.values() for t in triples}
    assert 1000 < len(exported) == len(merged) <= len(union)
    assert isomorphic(exported, merged)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_graph_exports_keep_each_article_graph(sample_store, exports, store_graphs, fmt):
    with open_store(sample_store, read_only=True) as store:
        article_graphs = [g.value for g in store.graph_names()]
    dataset = rdflib.Dataset()
    dataset.parse(exports[fmt], format=FORMATS[fmt])
    graphs = _graphs_of(dataset)
    assert set(graphs) == set(store_graphs) == {*map(str, article_graphs), ENCOUNTERS_GRAPH.value}
    assert len(article_graphs) == 14
    for name, triples in store_graphs.items():
        assert graphs[name] == triples, name


@pytest.mark.slow
def test_export_count_matches_the_store(sample_store, exports, store_graphs):
    assert len(exports["nquads"].read_bytes().splitlines()) == sum(map(len, store_graphs.values()))
    turtle = rdflib.Graph().parse(exports["turtle"], format="turtle")
    assert stats(sample_store)["triples"] == len(turtle) < sum(map(len, store_graphs.values()))


def test_export_unknown_format(empty_store, tmp_path):
    result = run("export", "--store", empty_store, "--format", "rdfxml", "-o", tmp_path / "x", code=2)
    assert "Invalid value for '--format'" in result.stderr
    assert not (tmp_path / "x").exists()


def test_export_to_an_unwritable_place(empty_store, tmp_path):
    target = tmp_path / "no-such-folder" / "kb.ttl"
    result = run("export", "--store", empty_store, "-o", target, code=1)
    assert result.stderr.strip() == f"Error: {target}: cannot write (no such file or directory)"
    assert not target.parent.exists()


def test_export_without_a_store(tmp_path):
    result = run("export", "--store", tmp_path / "none", code=1)
    assert result.stderr.startswith(f"Error: {tmp_path / 'none'}: no knowledge base here")


# -- validate --------------------------------------------------------------------------------


@pytest.mark.slow
def test_validate_sample_store(sample_store):
    result = run("validate", "--store", sample_store, code=None)
    assert result.exit_code == 0, result.stdout[-3000:]
    assert result.stdout.strip() == "14 article graphs and the encounters graph conform to the shapes"


@pytest.mark.slow
def test_validate_reports_an_event_without_participants(store_copy):
    graph = NamedNode("https://w3id.org/dipkb/id/article/bad-article")
    event = NamedNode("https://w3id.org/dipkb/id/event/meeting-2024-01-01-bad")
    triples = [
        (graph, RDF.type, DIP.Article),
        (graph, DCTERMS.identifier, Literal("bad-article")),
        (event, RDF.type, DIP.Meeting),
        (event, RDF.type, DIP.Event),
        (event, DIP.status, DIP.Occurred),
        (event, DIP.evidence, Literal("A meeting took place.")),
        (event, PROV.wasDerivedFrom, graph),
    ]
    with open_store(store_copy) as store:
        store.replace_graphs({graph: [Quad(s, p, o, graph) for s, p, o in triples]})
    result = run("validate", "--store", store_copy, code=1)
    bad = [line for line in result.stdout.splitlines() if line.startswith(graph.value + ":")]
    # the hand-made event also lacks its PLOVER and CAMEO codes: each problem is a line of its own
    assert f"{graph.value}: {event.value}: An event must have at least one dip:participant (a person) or " \
           "dip:actor (a state)." in bad
    assert all(line.startswith(f"{graph.value}: {event.value}") for line in bad), bad
    assert re.fullmatch(r"\d+ violations? in 15 article graphs and the encounters graph",
                        result.stderr.strip())


def test_validate_without_a_store(tmp_path):
    result = run("validate", "--store", tmp_path / "none", code=1)
    assert result.stderr.startswith("Error: ")


# -- stats -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_stats(sample_store):
    counts = stats(sample_store)
    with KnowledgeBase(sample_store, read_only=True) as kb:
        assert counts == kb.stats()
        assert counts["triples"] == kb.store.count()
    text = run("stats", "--store", sample_store).stdout
    assert re.search(rf"^articles +{counts['articles']}$", text, re.M)
    assert re.search(rf"^people +{counts['people']}$", text, re.M)
    assert re.search(rf"^events +{sum(counts['events'].values())} +\(", text, re.M)
    assert re.search(rf"^statements +{counts['statements']} +\({counts['quotes']} with direct quotes\)$",
                     text, re.M)
    assert re.search(rf"^triples +{counts['triples']}$", text, re.M)


@pytest.mark.slow
def test_stats_of_an_empty_store(tmp_path):
    run("ingest", write(tmp_path / "in" / "x.txt", "Nothing happened here today.\n"), "--store",
        tmp_path / "s", "-q")
    counts = stats(tmp_path / "s")
    assert counts["articles"] == 1
    assert counts["events"] == {"meeting": 0, "phone_call": 0, "visit": 0, "invitation": 0}
    assert counts["statements"] == counts["quotes"] == 0

