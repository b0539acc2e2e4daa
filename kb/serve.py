"""A read-only SPARQL 1.1 endpoint over an embedded knowledge base (``kb serve``).

The HTTP side is the standard library's ``ThreadingHTTPServer``. Queries run in a small pool of
worker processes, each holding the store open read-only: a query that runs past the time limit
is stopped by ending its worker (a thread could only be abandoned, still burning a core), the
client gets 503, and a fresh worker takes its place. Results are cut at ``max_rows`` rows (or
triples), flagged by the ``X-SPARQL-MaxRows`` header.

Protocol: ``GET /sparql?query=...``, ``POST /sparql`` with a form (``query=...``) or an
``application/sparql-query`` body; ``default-graph-uri`` and ``named-graph-uri`` are honoured
(without them the default graph is the merged knowledge base, as everywhere in DipKB).
Updates get 403, other methods 405, malformed requests 400, each with a one-line message.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kb.errors import StoreError

PATHS = ("/sparql", "/query")
MAX_BODY = 1_000_000  # bytes of query text accepted

# media type -> (result kind, pyoxigraph format name)
RESULT_TYPES = {
    "application/sparql-results+json": "JSON",
    "application/json": "JSON",
    "application/sparql-results+xml": "XML",
    "application/xml": "XML",
    "text/csv": "CSV",
    "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE",
    "application/n-triples": "N_TRIPLES",
    "text/plain": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON_LD",
}
SHORT_NAMES = {  # ?format=... as many endpoints accept it
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_DEFAULT_RESULT = "application/sparql-results+json"
_DEFAULT_GRAPH = "text/turtle"


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def negotiate(accept: str | None, offered: dict[str, str], default: str) -> str | None:
    """The offered media type the Accept header likes best (None: nothing acceptable)."""
    if not accept or not accept.strip():
        return default
    best, best_q = None, 0.0
    for rank, item in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in item.split(";"))
        media = media.lower()
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media in ("*/*", "*"):
            candidate = default
        elif media.endswith("/*"):
            prefix = media[:-1]
            candidate = default if default.startswith(prefix) else next(
                (m for m in offered if m.startswith(prefix)), None)
        else:
            candidate = media if media in offered else None
        score = q - rank * 1e-6  # ties go to the client's first choice
        if candidate is not None and score > best_q:
            best, best_q = candidate, score
    return best


# -- the worker processes -------------------------------------------------------------------------

def _worker_main(conn, path: str) -> None:
    """Answer queries from ``conn`` until it closes; runs in a process of its own."""
    import signal

    import pyoxigraph

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server process
    store = pyoxigraph.Store.read_only(path)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _run(store, **request)
        except Exception as exc:  # never let one query end the worker
            answer = Answer(500, "text/plain", f"query failed: {_first_line(exc)}\n".encode())
        conn.send(answer)


def _run(store, *, query: str, accept: str | None, default_graphs: list[str], named_graphs: list[str],
         max_rows: int) -> Answer:
    import pyoxigraph
    from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

    options: dict = {}
    try:
        if default_graphs:
            options["default_graph"] = [NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [NamedNode(g) for g in named_graphs]
    except ValueError as exc:
        return _error(400, f"invalid graph IRI: {_first_line(exc)}")
    try:
        result = store.query(query, **options)
    except SyntaxError as exc:
        return _error(400, f"invalid SPARQL query: {_first_line(exc)}")

    if isinstance(result, QuerySolutions | QueryBoolean):
        media = negotiate(accept, RESULT_TYPES, _DEFAULT_RESULT)
        if media is None:
            return _error(406, "no acceptable format: results are served as " + ", ".join(RESULT_TYPES))
        fmt = getattr(QueryResultsFormat, RESULT_TYPES[media])
        if isinstance(result, QueryBoolean):
            if fmt in (QueryResultsFormat.CSV, QueryResultsFormat.TSV):
                body = b"_askResult\n" + (b"true\n" if bool(result) else b"false\n")
            else:
                body = result.serialize(format=fmt)
            return Answer(200, media, body)
        rows, truncated = _limited_solutions(result, max_rows)
        return Answer(200, media, rows.serialize(format=fmt), truncated)

    media = negotiate(accept, GRAPH_TYPES, _DEFAULT_GRAPH)
    if media is None:
        return _error(406, "no acceptable format: graphs are served as " + ", ".join(GRAPH_TYPES))
    triples = []
    truncated = False
    for triple in result:
        if len(triples) >= max_rows:
            truncated = True
            break
        triples.append(triple)
    from kb.rdf.namespaces import PREFIXES

    fmt = getattr(RdfFormat, GRAPH_TYPES[media])
    prefixes = PREFIXES if fmt == RdfFormat.TURTLE else None
    return Answer(200, media, pyoxigraph.serialize(triples, format=fmt, prefixes=prefixes) or b"", truncated)


def _limited_solutions(solutions, max_rows: int):
    """The first ``max_rows`` solutions, as a result set pyoxigraph can serialise in any format.

    pyoxigraph cannot build a ``QuerySolutions`` from rows, so the rows go through SPARQL TSV
    (terms in N-Triples syntax, exactly as ``str(term)`` writes them) and are parsed back.
    """
    from pyoxigraph import QueryResultsFormat, parse_query_results

    variables = [v.value for v in solutions.variables]
    lines = ["\t".join("?" + v for v in variables)]
    truncated = False
    for count, solution in enumerate(solutions):
        if count >= max_rows:
            truncated = True
            break
        lines.append("\t".join("" if (t := solution[v]) is None else str(t) for v in variables))
    return parse_query_results("\n".join(lines) + "\n", QueryResultsFormat.TSV), truncated


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.replace("\n", " ") + "\n").encode())


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _Worker:
    def __init__(self, context, path: str):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, path), daemon=True,
                                       name="kb-serve-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes that each answer one query at a time; a late one is ended and replaced."""

    def __init__(self, path: str | Path, workers: int = 2, timeout: float = 30.0, max_rows: int = 10_000):
        import multiprocessing

        self.path, self.timeout, self.max_rows = str(path), timeout, max_rows
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self.path)
        with self._lock:
            self._all.add(worker)
        self._idle.put(worker)

    def run(self, query: str, accept: str | None, default_graphs: list[str] | None = None,
            named_graphs: list[str] | None = None) -> Answer:
        started = time.monotonic()
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return _error(503, f"busy: every query worker was in use for {self.timeout:g} s; try again later")
        request = {"query": query, "accept": accept, "default_graphs": default_graphs or [],
                   "named_graphs": named_graphs or [], "max_rows": self.max_rows}
        try:
            worker.conn.send(request)
            left = max(0.05, self.timeout - (time.monotonic() - started))
            if worker.conn.poll(left):
                answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            pass  # the worker died (out of memory, say): replace it like a late one
        died = not worker.process.is_alive()
        self._replace(worker)
        if died:
            return _error(500, "the query worker died while answering; it has been restarted")
        return _error(503, f"query timed out after {self.timeout:g} s (the limit is set by --timeout)")

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            self._all.discard(worker)
            closed = self._closed
        if not closed:
            self._add()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()


# -- HTTP ----------------------------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"
    server_version = "DipKB-SPARQL"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", ""):
            self._send(200, "text/plain; charset=utf-8", self.server.welcome().encode())
            return
        if url.path not in PATHS:
            self._fail(404, f"no such resource {url.path}: the SPARQL endpoint is at /sparql")
            return
        params = self._params(url.query)
        if params is None:
            return
        if "update" in params:
            self._fail(403, "this endpoint is read-only: updates are refused")
            return
        self._query(params)

    def do_HEAD(self) -> None:
        self._fail(405, "use GET or POST", allow=True)

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path not in PATHS:
            self._fail(404, f"no such resource {url.path}: the SPARQL endpoint is at /sparql")
            return
        length = self.headers.get("Content-Length")
        if length is None:
            self._fail(411, "a POST needs a Content-Length")
            return
        try:
            size = int(length)
        except ValueError:
            self._fail(400, "malformed Content-Length")
            return
        if size > MAX_BODY:
            self._fail(413, f"the request body is over {MAX_BODY} bytes", close=True)
            return
        body = self.rfile.read(size)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = self._params(url.query)
        if params is None:
            return
        if media == "application/sparql-update":
            self._fail(403, "this endpoint is read-only: updates are refused")
            return
        if media == "application/x-www-form-urlencoded":
            form = self._params(_text(body))
            if form is None:
                return
            if "update" in form:
                self._fail(403, "this endpoint is read-only: updates are refused")
                return
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            if "query" in params:
                self._fail(400, "give the query either in the body or in the URL, not both")
                return
            try:
                params["query"] = [body.decode("utf-8")]
            except UnicodeDecodeError:
                self._fail(400, "the query is not UTF-8 text")
                return
        else:
            self._fail(415, "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
            return
        self._query(params)

    def do_PUT(self) -> None:
        self._fail(405, "this endpoint is read-only", allow=True)

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self.send_header("Allow", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # -- helpers --------------------------------------------------------------------------------

    def _params(self, text: str) -> dict[str, list[str]] | None:
        try:
            return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
        except (ValueError, UnicodeDecodeError):
            self._fail(400, "malformed URL-encoded parameters")
            return None

    def _query(self, params: dict[str, list[str]]) -> None:
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._fail(400, "missing query: give exactly one 'query' parameter" if len(queries) < 2
                       else "more than one 'query' parameter")
            return
        accept = self.headers.get("Accept")
        formats = params.get("format", [])
        if formats:
            accept = SHORT_NAMES.get(formats[0].lower(), formats[0])
        answer = self.server.pool.run(queries[0], accept, params.get("default-graph-uri"),
                                      params.get("named-graph-uri"))
        headers = {"X-SPARQL-MaxRows": str(self.server.pool.max_rows)} if answer.truncated else {}
        self._send(answer.status, answer.content_type, answer.body, headers)

    def _fail(self, status: int, message: str, *, allow: bool = False, close: bool = False) -> None:
        headers = {"Allow": "GET, POST, OPTIONS"} if allow else {}
        if close:
            headers["Connection"] = "close"
            self.close_connection = True
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)

    def _send(self, status: int, content_type: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type if "charset" in content_type or not
                         content_type.startswith("text/") else content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Vary", "Accept")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: an HTTP server in front of a ``QueryPool``."""

    daemon_threads = True

    def __init__(self, store: str | Path, host: str = "127.0.0.1", port: int = 7878, *, workers: int = 2,
                 timeout: float = 30.0, max_rows: int = 10_000, quiet: bool = False):
        path = Path(store)
        _check_store(path)
        self.quiet = quiet
        self.store_path = path
        self.pool = QueryPool(path, workers=workers, timeout=timeout, max_rows=max_rows)
        try:
            super().__init__((host, port), _Handler)
        except OSError:
            self.pool.close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/sparql"

    def welcome(self) -> str:
        return (f"DipKB read-only SPARQL 1.1 endpoint for {self.store_path}\n"
                f"Query: GET {self.url}?query=... or POST (form or application/sparql-query)\n"
                f"Limits: {self.pool.timeout:g} s per query, {self.pool.max_rows} rows per answer\n")

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def _check_store(path: Path) -> None:
    """Fail early, with the CLI's usual message, if there is no readable store there."""
    from kb.store import open_store

    open_store(path, read_only=True).close()


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("latin-1")


def serve(store: str | Path, host: str = "127.0.0.1", port: int = 7878, *, workers: int = 2,
          timeout: float = 30.0, max_rows: int = 10_000, quiet: bool = False, on_ready=None) -> None:
    """Serve until interrupted; ``on_ready(url)`` is called once the socket listens."""
    if str(store).startswith(("http://", "https://")):
        raise StoreError(f"{store} is already a SPARQL server: 'kb serve' serves a store folder")
    server = SparqlServer(store, host, port, workers=workers, timeout=timeout, max_rows=max_rows, quiet=quiet)
    try:
        if on_ready:
            on_ready(server.url)
        server.serve_forever()
    finally:
        server.server_close()


__all__ = ["QueryPool", "SparqlServer", "negotiate", "serve"]
