"""A browser SPARQL client on another origin (as YASGUI is) queries `kb serve` through CORS."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from helpers import serving

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.server, pytest.mark.slow]

# Run in the page: a POST of application/sparql-query (which needs a preflight) and a plain GET.
CLIENT = """async (endpoint) => {
  const query = 'SELECT ?name WHERE { ?p a <https://w3id.org/dipkb/ontology#Person> ; '
              + '<http://www.w3.org/2000/01/rdf-schema#label> ?name }';
  const posted = await fetch(endpoint, {method: 'POST', body: query,
      headers: {'Content-Type': 'application/sparql-query', 'Accept': 'application/sparql-results+json'}});
  const rows = (await posted.json()).results.bindings.length;
  const got = await fetch(endpoint + '?query=' + encodeURIComponent('ASK { ?s ?p ?o }'));
  return {status: posted.status, rows: rows, maxRows: posted.headers.get('X-SPARQL-MaxRows'),
          ask: (await got.json()).boolean, origin: location.origin};
}"""


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<!doctype html><title>a SPARQL client</title><p>client</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def other_origin():
    """A page served from another port of loopback: another origin for the browser."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_a_page_on_another_origin_can_query(sample_store, other_origin, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium ('make browser') to run browser tests")
    from playwright.sync_api import sync_playwright

    with serving(sample_store, workers=1, max_rows=3) as endpoint, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            page = browser.new_page()
            page.goto(other_origin)
            answer = page.evaluate(CLIENT, endpoint)
        finally:
            browser.close()
    assert answer["origin"] != endpoint.rsplit("/", 1)[0]
    assert answer == {"status": 200, "rows": 3, "maxRows": "3", "ask": True, "origin": answer["origin"]}
