"""Small helpers shared by test modules."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path


def write(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to ``path``, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def assert_merged_graph_matches(store) -> None:
    """The store's default graph holds the triples of its article graphs and encounters graph, each once.

    An article's event that is part of a merged event appears under the merged event's IRI (its
    ``owl:sameAs``); of a merged event's kinds, dates, places and codes only one of each is kept.
    """
    from pyoxigraph import DefaultGraph, Triple

    from kb.rdf.iris import ENCOUNTERS_GRAPH
    from kb.rdf.namespaces import DIP, OWL, RDF

    merged = [q.triple for q in store.quads(DefaultGraph())]
    assert len(merged) == len(set(merged))
    layer = [q.triple for q in store.quads(ENCOUNTERS_GRAPH)]
    alias = {t.subject: t.object for t in layer if t.predicate == OWL.sameAs}
    expected = {Triple(alias.get(q.subject, q.subject), q.predicate, alias.get(q.object, q.object))
                for q in store.quads() if q.graph_name != ENCOUNTERS_GRAPH} | set(layer)
    assert set(merged) <= expected, sorted(map(str, set(merged) - expected))[:5]
    codes = {DIP.kind, DIP.plover, DIP.ploverMode, DIP.ploverContext, DIP.cameo, DIP.cameoSource,
             DIP.cameoTarget}  # one report's codes are kept, with the kind that won
    resolved = {RDF.type, DIP.date, DIP.datePrecision, DIP.dateText, DIP.place} | codes
    claimed = {t.subject for t in layer if t.predicate == DIP.claim}
    left_out = expected - set(merged)
    assert all(t.predicate in resolved and t.subject in claimed for t in left_out), \
        sorted(map(str, left_out))[:5]
    for event in claimed:
        for prop in (DIP.date, DIP.place, DIP.kind, DIP.cameo, DIP.plover, DIP.ploverMode):
            assert len([t for t in merged if t.subject == event and t.predicate == prop]) <= 1, (event, prop)


def copy_store(source: Path, folder: Path) -> Path:
    """A copy of the store folder ``source`` in ``folder``, to write to without touching the original."""
    target = folder / "store"
    shutil.copytree(source, target)
    return target


def first_line(proc, timeout: float) -> str:
    """The first line ``proc`` prints on standard output, waiting at most ``timeout`` seconds."""
    import threading

    import pytest

    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not found:
        pytest.fail(f"{proc.args[:3]} printed nothing in {timeout} s")
    return found[0]


class Listener:
    """A real TCP listener on loopback that records every connection made to it.

    Whatever connects gets a bare 500 answer, so that an HTTP client gives up at once.
    """

    def __init__(self):
        import socket
        import threading

        self._socket = socket.create_server(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.received: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True, name="test-listener")
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    data = conn.recv(65536)
                except OSError:
                    data = b""
                self.received.append(data or b"(connected, sent nothing)")
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 500 Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._socket.close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextlib.contextmanager
def serving(store, **options):
    """A real ``kb serve`` endpoint (its worker processes included) on a free loopback port, run in a
    thread of this process; yields its URL and always shuts it down."""
    import threading

    from kb.serve import SparqlServer

    server = SparqlServer(store, "127.0.0.1", 0, **{"quiet": True, **options})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
