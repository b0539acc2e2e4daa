"""A read-only SPARQL 1.1 endpoint over a knowledge base (``kb serve``), through ``kb.store.Store``.

The HTTP side is the standard library's ``ThreadingHTTPServer``. Queries run in a small pool of
worker processes, each holding the store open read-only: a query that runs past the time limit
is stopped by ending its worker (a thread could only be abandoned, still burning a core), the
client gets 503, and a fresh worker takes its place. Workers open the store with ``open_store``
like every command (a folder, or a SPARQL server the operator named) and get a ``Result``, written
by ``kb.result_formats``. Results are cut at ``max_rows`` rows (or triples), flagged by the
``X-SPARQL-MaxRows`` header.

Protocol: ``GET /sparql?query=...``, ``POST /sparql`` with a form (``query=...``) or an
``application/sparql-query`` body; ``default-graph-uri`` and ``named-graph-uri`` are honoured
(without them the default graph is the merged knowledge base, as everywhere in DipKB).
Updates get 403, other methods 405, malformed requests 400, each with a one-line message.

Federated queries are refused (400, naming the SERVICE clause) before anything runs, so a query
cannot make the server connect anywhere; ``allow_service`` names the endpoints an operator lets
queries call (see ``kb.federation``). A GET without parameters answers the SPARQL 1.1 Service
Description; every answer carries CORS headers, so browser clients on other origins can query;
each request is logged in one line (time, client, status, rows, duration, the query's start).
"""

from __future__ import annotations

import queue
import re
import sys
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kb.errors import QueryError
from kb.federation import ServiceRefused, check_services
from kb.result_formats import GRAPH_TYPES, RESULT_TYPES
from kb.store import Store, open_store
from kb.text import first_line as _first_line  # the name its callers use

PATHS = ("/sparql", "/query")
MAX_BODY = 1_000_000  # bytes of query text accepted

SHORT_NAMES = {  # ?format=... as many endpoints accept it
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "ntriples": "application/n-triples", "nt": "application/n-triples", "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}
_DEFAULT_RESULT = "application/sparql-results+json"
_DEFAULT_GRAPH = "text/turtle"
ALLOW_HINT = "the operator can allow an endpoint with kb serve --allow-service URL"


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    rows: int | None = None  # solutions or triples sent (None: not a query answer, or ASK)


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

def _worker_main(conn, location: str, allowed: tuple[str, ...] = ()) -> None:
    """Answer queries from ``conn`` until it closes; runs in a process of its own."""
    import signal

    from kb.federation import services
    from kb.store import open_store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server process
    store = open_store(location, read_only=True)
    services("ASK { SERVICE <urn:x-dipkb:warm-up> { } }")  # load the parser before the first query
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        try:
            answer = _run(store, allowed=allowed, **request)
        except Exception as exc:  # never let one query end the worker
            answer = Answer(500, "text/plain", f"query failed: {_first_line(exc)}\n".encode())
        conn.send(answer)


def _run(store: Store, *, query: str, accept: str | None, default_graphs: list[str], named_graphs: list[str],
         max_rows: int, allowed: Collection[str] = ()) -> Answer:
    """One query against ``store``, answered in the negotiated format and cut at ``max_rows``."""
    from pyoxigraph import NamedNode

    try:
        dataset = {"default_graphs": [NamedNode(g) for g in default_graphs],
                   "named_graphs": [NamedNode(g) for g in named_graphs]}
    except ValueError as exc:
        return _error(400, f"invalid graph IRI: {_first_line(exc)}")
    try:
        check_services(query, allowed, hint=ALLOW_HINT)  # before the engine sees it: nothing connects
    except ServiceRefused as exc:
        return _error(400, str(exc))
    try:
        result = store.query(query, limit=max_rows + 1, **dataset)
    except QueryError as exc:
        if _is_update(query):
            return _error(400, "an update is not a query: this endpoint is read-only, updates are refused")
        return _error(400, "invalid SPARQL query: " + str(exc).removeprefix("invalid SPARQL: "))

    offered, default = (GRAPH_TYPES, _DEFAULT_GRAPH) if result.triples is not None else (
        RESULT_TYPES, _DEFAULT_RESULT)
    media = negotiate(accept, offered, default)
    if media is None:
        kind = "graphs" if result.triples is not None else "results"
        return _error(406, f"no acceptable format: {kind} are served as " + ", ".join(offered))
    if result.boolean is not None:
        return Answer(200, media, result.serialize(media))
    truncated = len(result) > max_rows
    shown = result.head(max_rows) if truncated else result
    return Answer(200, media, shown.serialize(media), truncated, len(shown))


def _is_update(text: str) -> bool:
    """Whether text the query parser refused is a SPARQL Update (for a clearer message)."""
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:
        return False
    return True


def _error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.replace("\n", " ") + "\n").encode())




class _Worker:
    def __init__(self, context, location: str, allowed: tuple[str, ...]):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, location, allowed), daemon=True,
                                       name="kb-serve-worker")
        self.process.start()
        child.close()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes that each answer one query at a time; a late one is ended and replaced."""

    def __init__(self, location: str | Path, workers: int = 2, timeout: float = 30.0, max_rows: int = 10_000,
                 allow_service: Collection[str] = ()):
        import multiprocessing

        self.location, self.timeout, self.max_rows = str(location), timeout, max_rows
        self.allow_service = tuple(dict.fromkeys(allow_service))
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(max(1, workers)):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self.location, self.allow_service)
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
    _began = 0.0
    _query_text = ""

    def parse_request(self) -> bool:
        self._began, self._query_text = time.monotonic(), ""
        return super().parse_request()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", ""):
            self._send(200, "text/plain; charset=utf-8", self.server.welcome().encode())
            return
        if url.path not in PATHS:
            self._fail(404, f"no such resource {url.path}: the SPARQL endpoint is at /sparql")
            return
        if not url.query:  # the SPARQL 1.1 Service Description, as the standard places it
            self._describe(url.path)
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
        """The CORS preflight a browser sends before a cross-origin POST: any origin may query."""
        asked = self.headers.get("Access-Control-Request-Headers") or ""
        names = [h.strip() for h in asked.split(",") if _HEADER_NAME.fullmatch(h.strip())]
        self._send(204, "", b"", {
            "Allow": "GET, POST, OPTIONS",
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": ", ".join(dict.fromkeys(["Content-Type", "Accept", *names])),
            "Access-Control-Max-Age": "86400",
        })

    def _describe(self, path: str) -> None:
        from kb import service_description
        from kb.result_formats import graph_bytes

        media = negotiate(self.headers.get("Accept"), GRAPH_TYPES, _DEFAULT_GRAPH)
        if media is None:
            self._fail(406, "no acceptable format: the service description is served as "
                       + ", ".join(GRAPH_TYPES))
            return
        pool = self.server.pool
        triples = service_description.describe(self._endpoint_iri(path), [*RESULT_TYPES, *GRAPH_TYPES],
                                               timeout=pool.timeout, max_rows=pool.max_rows,
                                               allowed_services=pool.allow_service)
        self._send(200, media, graph_bytes(triples, GRAPH_TYPES[media], service_description.PREFIXES))

    def _endpoint_iri(self, path: str) -> str:
        """The endpoint's address as the client reached it (its Host header), else the server's own."""
        from pyoxigraph import NamedNode

        host = self.headers.get("Host") or ""
        if _HOST.fullmatch(host):
            try:
                return NamedNode(f"http://{host}{path}").value
            except ValueError:
                pass
        return self.server.url.rsplit("/", 1)[0] + path

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
        self._query_text = queries[0]
        answer = self.server.pool.run(queries[0], accept, params.get("default-graph-uri"),
                                      params.get("named-graph-uri"))
        headers = {"X-SPARQL-MaxRows": str(self.server.pool.max_rows)} if answer.truncated else {}
        self._send(answer.status, answer.content_type, answer.body, headers, rows=answer.rows)

    def _fail(self, status: int, message: str, *, allow: bool = False, close: bool = False) -> None:
        headers = {"Allow": "GET, POST, OPTIONS"} if allow else {}
        if close:
            headers["Connection"] = "close"
            self.close_connection = True
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)

    def _send(self, status: int, content_type: str, body: bytes,
              headers: dict[str, str] | None = None, rows: int | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type if "charset" in content_type or not
                             content_type.startswith("text/") else content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-SPARQL-MaxRows")
        self.send_header("Vary", "Accept")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self._log(status, rows)

    def _log(self, status: int, rows: int | None) -> None:
        """One line per request: when, who, what, the answer, how long, and the query's start."""
        if self.server.quiet:
            return
        when = time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime())
        took = (time.monotonic() - self._began) * 1000
        path = urlsplit(self.path).path
        counted = f"{rows} rows" if rows is not None else "-"
        shown = f" {_query_summary(self._query_text)}" if self._query_text else ""
        sys.stderr.write(f"{when} {self.client_address[0]} {self.command} {path} {status} {counted} "
                         f"{took:.1f} ms{shown}\n")

    def log_request(self, code="-", size="-") -> None:
        """Replaced by ``_log``, which knows the rows and the duration."""

    def log_message(self, format: str, *args) -> None:
        if not self.server.quiet:
            super().log_message(format, *args)


_HEADER_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}")
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}(:\d{1,5})?|\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?")
_PROLOGUE = re.compile(r"^\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)", re.IGNORECASE)


def _query_summary(query: str, width: int = 120) -> str:
    """The query's first words for the log: prologue dropped, on one line, control characters gone."""
    while match := _PROLOGUE.match(query):
        query = query[match.end():]
    text = " ".join("".join(c if c.isprintable() else " " for c in query).split())
    return text if len(text) <= width else text[: width - 1] + "…"


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: an HTTP server in front of a ``QueryPool``."""

    daemon_threads = True

    def __init__(self, store: str | Path, host: str = "127.0.0.1", port: int = 7878, *, workers: int = 2,
                 timeout: float = 30.0, max_rows: int = 10_000, quiet: bool = False,
                 allow_service: Collection[str] = ()):
        open_store(store, read_only=True).close()  # fail early, with the usual message, if there is none
        self.quiet = quiet
        self.location = str(store)
        self.pool = QueryPool(self.location, workers=workers, timeout=timeout, max_rows=max_rows,
                              allow_service=allow_service)
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
        allowed = self.pool.allow_service
        return (f"DipKB read-only SPARQL 1.1 endpoint for {self.location}\n"
                f"Query: GET {self.url}?query=... or POST (form or application/sparql-query)\n"
                f"Service description: GET {self.url}\n"
                f"Limits: {self.pool.timeout:g} s per query, {self.pool.max_rows} rows per answer\n"
                "SERVICE (federated queries): " + (", ".join(allowed) if allowed else "refused") + "\n")

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("latin-1")


def serve(store: str | Path, host: str = "127.0.0.1", port: int = 7878, *, workers: int = 2,
          timeout: float = 30.0, max_rows: int = 10_000, quiet: bool = False,
          allow_service: Collection[str] = (), on_ready=None) -> None:
    """Serve until interrupted; ``on_ready(url)`` is called once the socket listens.

    ``allow_service``: the endpoint IRIs that queries may call with SERVICE (none by default).
    """
    server = SparqlServer(store, host, port, workers=workers, timeout=timeout, max_rows=max_rows, quiet=quiet,
                          allow_service=allow_service)
    try:
        if on_ready:
            on_ready(server.url)
        server.serve_forever()
    finally:
        server.server_close()


__all__ = ["QueryPool", "SparqlServer", "negotiate", "serve"]
