"""A knowledge base on a SPARQL 1.1 server: Query, Update and the Graph Store HTTP Protocol.

Servers differ in where they answer (``/query`` or ``/sparql`` or the repository URL itself); a
*layout* says where. Queries read the server's default graph, where DipKB keeps the merged
knowledge base (see ``kb.store.base``); on servers whose default graph spans every graph it also
holds the article graphs' copies, which the named queries de-duplicate. The layout
and credentials come from, in this order: keyword arguments, ``key=value`` options in the URL's
fragment (never sent to the server), ``KB_STORE_*`` environment variables, a TOML file named by
``KB_STORE_CONFIG``, and the named preset (``oxigraph`` by default). See docs/remote-stores.md.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit, urlunsplit

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad, QueryResultsFormat, RdfFormat

from kb.errors import ConfigError, QueryError, StoreError
from kb.rdf.iris import INDEX_GRAPH
from kb.results import Result
from kb.store.base import MERGED_GRAPH, OUR_GRAPHS, Store, bound_scope, constant_scope, is_exported
from kb.text import first_line as _first_line  # the name its callers use


@dataclass(frozen=True)
class Layout:
    """Where a server answers, relative to the store URL (or absolute)."""

    query: str = "query"
    update: str = "update"
    graph_store: str = "store"
    dataset_download: bool = False  # GET on the graph store without ?graph= returns every quad (N-Quads)
    auth: str = "basic"  # or "digest" (Virtuoso's /sparql-auth)
    merged_graph: bool = False  # no default graph of its own: the merged graph is named, declared per request
    bind_graphs: bool = False  # a WHERE clause binds its graph with VALUES (kb.store.base.bound_scope)


LAYOUTS: dict[str, Layout] = {
    "oxigraph": Layout("query", "update", "store", dataset_download=True),
    "fuseki": Layout("query", "update", "data"),
    "graphdb": Layout("", "statements", "rdf-graphs/service"),
    "rdf4j": Layout("", "statements", "rdf-graphs/service"),
    "virtuoso": Layout("sparql", "sparql-auth", "sparql-graph-crud-auth", auth="digest", merged_graph=True,
                       bind_graphs=True),
    "neptune": Layout("sparql", "sparql", "sparql/gsp/"),
}

OPTIONS = ("layout", "query", "update", "graph-store", "dataset-download", "merged-graph", "auth", "user",
           "password", "password-env", "timeout")
_ENV = {"layout": "KB_STORE_LAYOUT", "user": "KB_STORE_USER", "password": "KB_STORE_PASSWORD",
        "timeout": "KB_STORE_TIMEOUT"}
_RESULTS_ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8, text/plain;q=0.5"
# The query's form is its first keyword after the prologue: a graph is asked for as RDF, since
# Virtuoso would otherwise answer a CONSTRUCT with a table of ?s ?p ?o.
_GRAPH_FORM = re.compile(r"(?:\s+|#[^\n]*|(?:PREFIX\s+[^\s:]*:\s*|BASE\s*)<[^>]*>|DEFINE\s+\S+\s+\S+)*"
                         r"(CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_RESULT_FORMATS = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
_RDF_FORMATS = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
}


@dataclass
class RemoteSettings:
    """Everything needed to talk to one server, resolved from the sources listed in the module doc."""

    url: str
    query_url: str
    update_url: str
    graph_store_url: str
    dataset_download: bool = False
    merged_graph: bool = False
    bind_graphs: bool = False
    auth: str = "basic"
    user: str | None = None
    password: str | None = None
    timeout: float = 300.0
    layout: str = "oxigraph"


def resolve_settings(location: str, config: str | os.PathLike[str] | None = None,
                     **options: object) -> RemoteSettings:
    """Settings for ``location`` (a URL, optionally with credentials and a ``#key=value&...`` fragment)."""
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"'{location}' is not an http(s):// URL of a SPARQL server")
    netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    if parts.port:
        netloc += f":{parts.port}"
    base = urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), parts.query, ""))

    given: dict[str, str] = {}
    fragment = dict(parse_qsl(parts.fragment, keep_blank_values=True))
    keywords = {k.replace("_", "-"): str(v) for k, v in options.items() if v is not None}
    in_url = {"user": unquote(parts.username or ""), "password": unquote(parts.password or "")}
    for source in (_from_file(base, config), _from_env(), {k: v for k, v in in_url.items() if v}, fragment,
                   keywords):
        unknown = sorted(set(source) - set(OPTIONS))
        if unknown:
            raise ConfigError(f"{location}: unknown store option {', '.join(unknown)} "
                              f"(known: {', '.join(OPTIONS)})")
        given.update(source)
    if "password-env" in given and "password" not in given:
        given["password"] = os.environ.get(given["password-env"], "")

    name = given.get("layout", "oxigraph").lower()
    if name not in LAYOUTS:
        raise ConfigError(f"{location}: unknown server layout '{name}' (known: {', '.join(LAYOUTS)})")
    layout = LAYOUTS[name]
    if "dataset-download" in given:
        layout = replace(layout, dataset_download=given["dataset-download"].lower() in ("1", "true", "yes"))
    if "merged-graph" in given:
        layout = replace(layout, merged_graph=given["merged-graph"].lower() in ("1", "true", "yes"))
    auth = given.get("auth", layout.auth).lower()
    if auth not in ("basic", "digest"):
        raise ConfigError(f"{location}: auth must be basic or digest, not '{auth}'")
    try:
        timeout = float(given.get("timeout", 300))
    except ValueError:
        raise ConfigError(f"{location}: timeout '{given['timeout']}' is not a number of seconds") from None
    return RemoteSettings(
        url=base,
        query_url=_endpoint(base, given.get("query", layout.query)),
        update_url=_endpoint(base, given.get("update", layout.update)),
        graph_store_url=_endpoint(base, given.get("graph-store", layout.graph_store)),
        dataset_download=layout.dataset_download, merged_graph=layout.merged_graph,
        bind_graphs=layout.bind_graphs, auth=auth,
        user=given.get("user") or None, password=given.get("password"), timeout=timeout, layout=name)


class RemoteStore(Store):
    """A store on a SPARQL 1.1 server; each write is one SPARQL Update request (one transaction)."""

    def __init__(self, location: str, *, read_only: bool = False,
                 config: str | os.PathLike[str] | None = None, **options: object):
        import requests

        self.settings = resolve_settings(location, config, **options)
        self.location = self.settings.url
        self.read_only = read_only
        self.scope = bound_scope if self.settings.bind_graphs else constant_scope
        self._session = requests.Session()
        user, password = self.settings.user, self.settings.password or ""
        if user is not None:
            digest = self.settings.auth == "digest"
            self._session.auth = requests.auth.HTTPDigestAuth(user, password) if digest else (user, password)

    # -- the SPARQL protocol ------------------------------------------------------------------

    def query(self, sparql: str, *, limit: int | None = None, default_graphs: Sequence[NamedNode] = (),
              named_graphs: Sequence[NamedNode] = ()) -> Result:
        dataset = [("default-graph-uri", g.value) for g in default_graphs]
        dataset += [("named-graph-uri", g.value) for g in named_graphs]
        text = sparql if dataset else self._declared(sparql)
        # A form, not an application/sparql-query body: every server takes it (Virtuoso 7.2 hangs on one).
        accept = _GRAPH_ACCEPT if _GRAPH_FORM.match(sparql) else _RESULTS_ACCEPT
        response = self._request("POST", self.settings.query_url, what="query", stream=True,
                                 data=[("query", text.encode("utf-8")), *dataset], headers={"Accept": accept})
        media = _media_type(response)
        with response:
            response.raw.decode_content = True
            try:
                if media in _RESULT_FORMATS:
                    answer = pyoxigraph.parse_query_results(response.raw, _RESULT_FORMATS[media])
                    return Result.from_oxigraph(answer, limit=limit)
                if media in _RDF_FORMATS:
                    triples = (q.triple for q in pyoxigraph.parse(response.raw, _RDF_FORMATS[media]))
                    return Result.from_oxigraph(triples, limit=limit)
            except SyntaxError as exc:
                raise StoreError(f"{self.location}: unreadable {media} answer ({_first_line(exc)})") from exc
        raise StoreError(f"{self.location}: the server answered a query with '{media or 'no content type'}'")

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError(f"{self.location}: the store is open read-only")
        self._request("POST", self.settings.update_url, what="update",
                      data=self._declared(sparql).encode("utf-8"),
                      headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def quads(self, graph: NamedNode | DefaultGraph | None = None) -> Iterator[Quad]:
        if graph is not None:
            if isinstance(graph, DefaultGraph):
                which = {"graph": MERGED_GRAPH.value} if self.settings.merged_graph else {"default": ""}
            else:
                which = {"graph": graph.value}
            response = self._request("GET", self.settings.graph_store_url, what="graph", stream=True,
                                     params=which, missing_ok=True,
                                     headers={"Accept": "application/n-triples"})
            if response is None:
                return
            with response:
                for quad in self._parse_stream(response, RdfFormat.N_TRIPLES):
                    yield Quad(quad.subject, quad.predicate, quad.object, graph)
        elif self.settings.dataset_download:
            response = self._request("GET", self.settings.graph_store_url, what="dataset", stream=True,
                                     headers={"Accept": "application/n-quads"})
            with response:
                for quad in self._parse_stream(response, RdfFormat.N_QUADS):
                    if is_exported(quad.graph_name):
                        yield quad
        else:
            every = (f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                     f"FILTER({OUR_GRAPHS} && ?g != {INDEX_GRAPH}) }}")
            response = self._request("POST", self.settings.query_url, what="query", stream=True,
                                     data={"query": every},
                                     headers={"Accept": "application/sparql-results+json"})
            with response:
                response.raw.decode_content = True
                for row in pyoxigraph.parse_query_results(response.raw, QueryResultsFormat.JSON):
                    yield Quad(row["s"], row["p"], row["o"], row["g"])

    def close(self) -> None:
        self._session.close()

    def _declared(self, sparql: str) -> str:
        """The request with the merged graph declared as its default graph, on servers that need it."""
        if not self.settings.merged_graph:
            return sparql
        return f"DEFINE input:default-graph-uri {MERGED_GRAPH}\n{sparql}"

    # -- helpers ------------------------------------------------------------------------------

    def _parse_stream(self, response, fmt: RdfFormat) -> Iterator[Quad]:
        response.raw.decode_content = True
        try:
            yield from pyoxigraph.parse(response.raw, fmt)
        except SyntaxError as exc:
            raise StoreError(f"{self.location}: unreadable graph store answer ({_first_line(exc)})") from exc

    def _request(self, method: str, url: str, *, what: str, missing_ok: bool = False, **kwargs):
        import requests

        try:
            response = self._session.request(method, url, timeout=(10, self.settings.timeout), **kwargs)
        except requests.Timeout as exc:
            raise StoreError(f"{self.location}: the server did not answer within "
                             f"{self.settings.timeout:g} s") from exc
        except requests.RequestException as exc:
            raise StoreError(f"{self.location}: cannot reach the SPARQL server ({_reason(exc)})") from exc
        if response.ok:
            return response
        message = _first_line_of(response)
        response.close()
        if response.status_code == 404 and missing_ok:
            return None
        if response.status_code == 400 and what == "query":
            raise QueryError(f"invalid SPARQL: {message}")
        if response.status_code == 400 and what == "update":
            raise QueryError(f"invalid SPARQL update: {message}")
        if response.status_code in (401, 403):
            raise StoreError(f"{self.location}: the server refused the {what} (HTTP {response.status_code}): "
                             "check the user and password, or that the endpoint allows it")
        if response.status_code in (404, 405):
            raise StoreError(f"{self.location}: no {what} endpoint at {url} (HTTP {response.status_code}): "
                             "check the server layout (docs/remote-stores.md)")
        raise StoreError(f"{self.location}: {what} failed (HTTP {response.status_code}): {message}")


def _endpoint(base: str, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    if path.startswith("/"):
        return urljoin(base, path)
    return f"{base}/{path}" if path else base


def _from_env() -> dict[str, str]:
    return {key: os.environ[var] for key, var in _ENV.items() if os.environ.get(var)}


def _from_file(base: str, config: str | os.PathLike[str] | None) -> dict[str, str]:
    """The ``[stores."URL"]`` table of the TOML file that matches ``base``, if any."""
    path = config or os.environ.get("KB_STORE_CONFIG")
    if not path:
        return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the store configuration ({exc.strerror or exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    stores = data.get("stores", {})
    if not isinstance(stores, Mapping):
        raise ConfigError(f"{path}: 'stores' must be a table of tables keyed by server URL")
    for url, table in stores.items():
        if url.rstrip("/") == base and isinstance(table, Mapping):
            return {str(k): str(v).lower() if isinstance(v, bool) else str(v) for k, v in table.items()}
    return {}


def _media_type(response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _first_line_of(response) -> str:
    return _first_line(response.text or "", 300, response.reason or "no message")




def _reason(exc: BaseException) -> str:
    """ "connection refused" rather than urllib3's three nested reprs."""
    found = re.search(r"\[Errno -?\d+\] ([^'\")]+)", str(exc))
    return found.group(1).strip().lower() if found else _first_line(exc)[:200]
