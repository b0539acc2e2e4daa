"""Bulk inputs through the real `kb ingest`: a web archive, a feed (its own text, and its linked
pages fetched from a local HTTP server), a CSV table and JSON Lines on standard input each give
the same events as the same stories saved as .html pages with menus and footers around them.

The feed tests also hold the security promise: without --fetch nothing in a feed opens a
connection; with it, only http(s) URLs, no redirect to another scheme, a timeout and a size cap.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from kb import KnowledgeBase
from kb.cli import main

# (slug, headline, ISO date, paragraphs): written for these tests.
STORIES = [
    ("modi-in-moscow", "Putin hosts Modi in Moscow", "2024-07-09", [
        "Russian President Vladimir Putin met Indian Prime Minister Narendra Modi in Moscow on Tuesday.",
        "The two leaders discussed energy cooperation and trade, the Kremlin said in a statement.",
    ]),
    ("blinken-wang-call", "Blinken and Wang speak by phone", "2024-01-26", [
        "U.S. Secretary of State Antony Blinken spoke by phone with Chinese Foreign Minister Wang Yi "
        "on Friday, the State Department said.",
        "They discussed the situation in the Middle East and the war in Ukraine.",
    ]),
    ("scholz-in-beijing", "Scholz visits Beijing", "2024-04-15", [
        "German Chancellor Olaf Scholz met Chinese President Xi Jinping in Beijing on Tuesday.",
        "Scholz told reporters that both countries wanted open markets and fair competition.",
    ]),
]
SITE = "http://news.example.org"


def url_of(slug: str) -> str:
    return f"{SITE}/world/{slug}"


def page(slug: str, headline: str, day: str, paragraphs: list[str], *, dated: bool = True) -> str:
    """A news page as sites serve it: menus, a teaser box and a footer around the story."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    meta = f'<meta property="article:published_time" content="{day}T08:30:00+00:00">' if dated else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{headline} | Example News</title>'
        f'<link rel="canonical" href="{url_of(slug)}">{meta}'
        '<meta property="og:site_name" content="Example News"></head><body>'
        '<header><a href="/">Example News</a><nav><ul><li><a href="/world">World</a></li>'
        '<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>'
        '<li><a href="/weather">Weather</a></li></ul></nav></header>'
        f'<main><article><h1>{headline}</h1>{body}</article>'
        '<aside><h2>Most read</h2><ul><li><a href="/a">Markets close higher for a third day</a></li>'
        '<li><a href="/b">Storm warning issued for the coast</a></li></ul></aside></main>'
        '<footer><p>© 2024 Example News. All rights reserved.</p><a href="/contact">Contact us</a> '
        '<a href="/privacy">Privacy policy</a></footer></body></html>'
    )


PAGES = {slug: page(slug, headline, day, paragraphs) for slug, headline, day, paragraphs in STORIES}


# -- running the real command --------------------------------------------------------------------


def kb(*args: object, code: int = 0, input: bytes | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result


def ingest(*paths: object, store: Path, code: int = 0, input: bytes | None = None,
           errors_file: Path | None = None):
    listing = ("--errors", errors_file) if errors_file else ()
    return kb("ingest", *paths, "--store", store, "-q", *listing, code=code, input=input)


def events(store: Path) -> set[tuple]:
    """Every event with its date, kind, status, place and people: what the articles said."""
    with KnowledgeBase(store, read_only=True) as base:
        rows = base.query("timeline").rows
    return {tuple(row[:6]) for row in rows}


def articles(store: Path) -> dict[str, tuple]:
    """Each article's id -> (title, url, date)."""
    query = """SELECT ?id ?title ?url ?date WHERE { ?a a dip:Article ; dcterms:identifier ?id .
               OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a schema:url ?url }
               OPTIONAL { ?a dcterms:issued ?date } }"""
    with KnowledgeBase(store, read_only=True) as base:
        return {row[0]: tuple(row[1:]) for row in base.query(query).rows}


def listed(errors_file: Path) -> list[dict]:
    return [json.loads(line) for line in errors_file.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> set[tuple]:
    """The events of the stories read from saved .html pages: what every other input must give."""
    folder = tmp_path_factory.mktemp("pages")
    for slug, html in PAGES.items():
        write(folder / "pages" / f"{slug}.html", html)
    store = folder / "store"
    ingest(folder / "pages", store=store)
    found = events(store)
    assert len(found) == len(STORIES), found  # one event a story, so the comparisons below mean something
    return found


# -- web archives -----------------------------------------------------------------------------


def warc(path: Path, pages: dict[str, str], *, extra: bool = True, gzip: bool = True,
         dated_pages: bool = True) -> Path:
    """A web archive as a crawler writes it: warcinfo, then a request and a response per page;
    with ``extra``, an image, a 404 page and a redirect too."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(writer, url: str, status: str, content_type: str, body: bytes, date: str | None = None):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": date} if date else None
        request = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [],
                                                                          is_http_request=True))
        writer.write_record(request)
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers, warc_headers_dict=warc_headers))

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "a test crawler"}))
        for slug, html in pages.items():
            day = next(d for s, _, d, _ in STORIES if s == slug)
            response(writer, url_of(slug), "200 OK", "text/html; charset=utf-8", html.encode(),
                     date=f"{day}T12:00:00Z")
        if extra:
            response(writer, f"{SITE}/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
            response(writer, f"{SITE}/missing", "404 Not Found", "text/html", b"<html>Not found</html>")
            response(writer, f"{SITE}/old", "301 Moved Permanently", "text/html", b"")
    return path


def test_a_web_archive_gives_the_same_events_as_the_pages(expected, tmp_path):
    path = warc(tmp_path / "crawl.warc.gz", PAGES)
    store = tmp_path / "store"
    listing = tmp_path / "problems.jsonl"
    result = ingest(path, store=store, errors_file=listing)
    # warcinfo, a request per response (6), the image, the 404 and the redirect
    assert result.stdout.strip() == "3 articles ingested, 10 skipped (10 not a web page)"
    assert result.stderr == ""
    assert events(store) == expected
    got = articles(store)
    assert set(got) == {url_of(slug) for slug in PAGES}
    assert got[url_of("modi-in-moscow")] == ("Putin hosts Modi in Moscow", url_of("modi-in-moscow"),
                                             "2024-07-09")
    records = listed(listing)
    assert [r["problem"] for r in records[:2]] == ["warcinfo record", "request record"]
    assert {r["problem"] for r in records[-5:]} >= {"image/png response, not a web page",
                                                    "HTTP 404 response", "HTTP 301 response"}
    assert all(r["status"] == "skipped" and r["path"] == str(path) for r in records)
    assert [r["line"] for r in records[:3]] == [1, 2, 4]  # the records' numbers


def test_an_uncompressed_archive_and_the_record_date_of_an_undated_page(tmp_path):
    slug, headline, day, paragraphs = STORIES[0]
    path = warc(tmp_path / "crawl.warc", {slug: page(slug, headline, day, paragraphs, dated=False)},
                extra=False, gzip=False)
    store = tmp_path / "store"
    assert ingest(path, store=store).stdout.strip() == "1 article ingested, 2 skipped (2 not a web page)"
    assert articles(store)[url_of(slug)][2] == day  # from WARC-Date: 'on Tuesday' resolves against it
    [event] = events(store)
    assert event[0] == day


# -- feeds ------------------------------------------------------------------------------------


def rss(items: list[dict], title: str = "Example News: World") -> bytes:
    """An RSS 2.0 feed; each item has a title, link, date and either full content or a description."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
           f"<title>{title}</title><link>{SITE}/</link><description>World news</description>"]
    for item in items:
        out.append("<item>")
        for key in ("title", "link", "guid", "pubDate", "description"):
            if key in item:
                out.append(f"<{key}><![CDATA[{item[key]}]]></{key}>")
        if "content" in item:
            out.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out).encode()


def rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(hour=8, tzinfo=UTC))


def full_items(base: str = SITE) -> list[dict]:
    return [{"title": headline, "link": f"{base}/world/{slug}", "pubDate": rfc822(day),
             "content": "".join(f"<p>{p}</p>" for p in paragraphs)}
            for slug, headline, day, paragraphs in STORIES]


def teaser_items(base: str) -> list[dict]:
    """Items with a one-line teaser only, as most news feeds have: the story is on the linked page."""
    return [{"title": headline, "link": f"{base}/world/{slug}", "pubDate": rfc822(day),
             "description": "Read the full story on our website."}
            for slug, headline, day, _ in STORIES]


class Site:
    """A real HTTP server on localhost, in a thread, serving fixed responses and noting each request."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict[str, str], bytes, float]] = {}
        self.requests: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append(self.path)
                status, headers, body, delay = site.routes.get(self.path, (404, {}, b"not found", 0))
                time.sleep(delay)
                self.send_response(status)
                for name, value in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def serve(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8", *,
              status: int = 200, headers: dict[str, str] | None = None, delay: float = 0) -> str:
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, body, delay)
        return self.base + path

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    server = Site()
    for slug, html in PAGES.items():
        server.serve(f"/world/{slug}", html.encode())
    yield server
    server.close()


def test_a_feed_with_full_text_gives_the_same_events_and_opens_no_connection(expected, site, tmp_path):
    path = write(tmp_path / "world.rss", rss(full_items(site.base)))
    store = tmp_path / "store"
    assert ingest(path, store=store).stdout.strip() == "3 articles ingested"
    assert events(store) == expected
    assert site.requests == []  # the items link to the server, but nothing was fetched
    got = articles(store)
    link = f"{site.base}/world/blinken-wang-call"
    assert got[link] == ("Blinken and Wang speak by phone", link, "2024-01-26")


def test_a_feed_of_teasers_without_fetch_fetches_nothing(site, tmp_path):
    path = write(tmp_path / "world.rss", rss(teaser_items(site.base)))
    store = tmp_path / "store"
    result = ingest(path, store=store)
    assert result.stdout.strip() == "3 articles ingested"
    assert events(store) == set()  # the teasers report nothing, and no page was read
    assert site.requests == []


def test_fetch_reads_the_linked_pages(expected, site, tmp_path):
    feed_url = site.serve("/feed.xml", rss(teaser_items(site.base)), "application/rss+xml")
    store = tmp_path / "store"
    assert ingest(feed_url, "--fetch", store=store).stdout.strip() == "3 articles ingested"
    assert events(store) == expected
    assert site.requests == ["/feed.xml", *(f"/world/{slug}" for slug, *_ in STORIES)]


def test_a_feed_url_is_read_without_fetch_but_its_links_are_not(expected, site, tmp_path):
    feed_url = site.serve("/feed.xml", rss(full_items(site.base)), "application/rss+xml")
    store = tmp_path / "store"
    assert ingest(feed_url, store=store).stdout.strip() == "3 articles ingested"
    assert events(store) == expected
    assert site.requests == ["/feed.xml"]


def test_fetch_refuses_other_schemes_redirects_to_them_and_oversized_or_slow_pages(site, tmp_path,
                                                                                  monkeypatch):
    from kb.readers import fetch

    monkeypatch.setattr(fetch, "MAX_FILE_BYTES", 1024 * 1024)
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    secret = write(tmp_path / "secret.html", PAGES["modi-in-moscow"])
    site.serve("/to-file", b"", status=302, headers={"Location": secret.as_uri()})
    site.serve("/to-page", b"", status=301, headers={"Location": "/world/scholz-in-beijing"})
    site.serve("/huge", b"<html><body><p>" + b"word " * 250_000 + b"</p></body></html>")
    site.serve("/slow", PAGES["blinken-wang-call"].encode(), delay=2)
    items = [
        {"title": "A local file", "link": secret.as_uri(), "description": "x"},
        {"title": "A redirect to a file", "link": f"{site.base}/to-file", "description": "x"},
        {"title": "A huge page", "link": f"{site.base}/huge", "description": "x"},
        {"title": "A slow page", "link": f"{site.base}/slow", "description": "x"},
        {"title": "A redirect to a page", "link": f"{site.base}/to-page", "description": "x"},
    ]
    path = write(tmp_path / "hostile.rss", rss(items))
    store = tmp_path / "store"
    result = ingest(path, "--fetch", store=store, code=1)
    lines = result.stderr.splitlines()
    assert lines == [
        f"Error: {path}:1: item has no http(s) link to fetch",
        f"Error: {path}:2: not an http(s) URL, not fetched: '{secret.as_uri()}'",
        f"Error: {path}:3: {site.base}/huge is too large (limit 1 MB)",
        f"Error: {path}:4: cannot fetch {site.base}/slow: no answer within 0.5 s",
    ]
    assert result.stdout.strip() == ("1 article ingested, "
                                     "4 failed (2 fetch refused, 1 fetch failed, 1 too large)")
    assert [e[1] for e in events(store)] == ["meeting"]  # the page redirected to within http
    assert "/to-file" in site.requests and not any("secret" in r for r in site.requests)


# -- tables and standard input ------------------------------------------------------------------


def test_a_csv_table_with_its_own_column_names(expected, tmp_path):
    buffer = io.StringIO()
    table = csv.writer(buffer)
    table.writerow(["headline", "date", "link", "body", "section"])
    for slug, headline, day, paragraphs in STORIES:
        table.writerow([headline, day, url_of(slug), "\n\n".join(paragraphs), "World"])
    path = write(tmp_path / "export.csv", buffer.getvalue())
    store = tmp_path / "store"
    result = ingest(path, "--columns", "text=body,title=headline,published=date,url=link", store=store)
    assert result.stdout.strip() == "3 articles ingested"
    assert events(store) == expected
    link = url_of("scholz-in-beijing")
    assert articles(store)[link] == ("Scholz visits Beijing", link, "2024-04-15")


def test_a_tsv_table_with_the_default_column_names(expected, tmp_path):
    rows = ["id\ttitle\tpublished\ttext"]
    rows += [f"{slug}\t{headline}\t{day}\t{' '.join(paras)}" for slug, headline, day, paras in STORIES]
    path = write(tmp_path / "export.tsv", "\n".join(rows) + "\n")
    store = tmp_path / "store"
    assert ingest(path, store=store).stdout.strip() == "3 articles ingested"
    assert events(store) == expected
    assert set(articles(store)) == {slug for slug, *_ in STORIES}


def test_jsonl_from_standard_input(expected, tmp_path):
    lines = [json.dumps({"url": url_of(slug), "title": headline, "published": day,
                         "text": "\n\n".join(paras)}) for slug, headline, day, paras in STORIES]
    store = tmp_path / "store"
    stdin = ("\n".join(lines) + "\n{oops\n").encode()
    result = ingest("-", store=store, input=stdin, code=1)
    assert result.stderr.splitlines() == ["Error: <stdin>:4: invalid JSON: Expecting property name enclosed "
                                          "in double quotes (column 2)"]
    assert result.stdout.strip() == "3 articles ingested, 1 failed (1 invalid JSON)"
    assert events(store) == expected
    assert set(articles(store)) == {url_of(slug) for slug, *_ in STORIES}
    again = ingest("-", store=store, input="\n".join(lines).encode())
    assert again.stdout.strip() == "0 articles ingested, 3 unchanged"


def test_bad_columns_option(tmp_path):
    fields = "text, id, title, url, published, source"
    for value, problem in (("text", "'text' is not FIELD=COLUMN"),
                           ("body=text", f"unknown field 'body' (fields: {fields})")):
        result = kb("ingest", tmp_path, "--store", tmp_path / "store", "--columns", value, code=2)
        assert problem in result.stderr


# -- bad input inside a good file ---------------------------------------------------------------


def test_an_archive_cut_off_keeps_its_complete_pages_and_reports_the_cut(tmp_path):
    path = warc(tmp_path / "crawl.warc.gz", PAGES, extra=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])  # inside the last page's record
    store = tmp_path / "store"
    result = ingest(path, store=store, code=1)
    assert result.stderr.splitlines() == [
        f"Error: {path}: truncated or malformed WARC: record 7 is incomplete"]
    assert result.stdout.strip() == ("2 articles ingested, 4 skipped (4 not a web page), "
                                     "1 failed (1 invalid WARC)")
    assert set(articles(store)) == {url_of(slug) for slug, *_ in STORIES[:2]}
    with KnowledgeBase(store, read_only=True) as base:
        assert base.validate().conforms


def test_bad_rows_of_a_table_cost_one_line_each(tmp_path):
    slug, headline, day, paragraphs = STORIES[0]
    text = " ".join(paragraphs)
    rows = [
        "id,title,published,text",
        f'{slug},"{headline}",{day},"{text}"',
        f"short-row,{headline},{day}",
        f"bad-date,{headline},2024-02-30,{text.replace(',', '')}",
        ",,,",
        f'multi-line,"{headline}",{day},"{paragraphs[0]}',  # a quoted field over two lines
        f'{paragraphs[1].replace(",", "")}"',
        f"not-english,Путин,{day},Президент России Владимир Путин встретился с премьер-министром Индии.",
    ]
    path = write(tmp_path / "rows.csv", "\n".join(rows) + "\n")
    store = tmp_path / "store"
    listing = tmp_path / "problems.jsonl"
    result = ingest(path, store=store, code=1, errors_file=listing)
    assert result.stderr.splitlines() == [
        f"Error: {path}:3: row has 3 fields, the header 4",
        f"Error: {path}:4: invalid published date '2024-02-30'",
    ]
    got = [(r["line"], r["status"]) for r in listed(listing)]
    assert got == [(3, "failed"), (4, "failed"), (8, "skipped")]
    assert result.stdout.strip() == ("2 articles ingested, 1 skipped (1 not English), "
                                     "2 failed (1 invalid date, 1 malformed record)")
    assert set(articles(store)) == {slug, "multi-line"}


def test_entities_in_a_feed_open_no_file_and_no_connection(site, tmp_path):
    """A feed's DOCTYPE may declare entities naming files and URLs: none is read or fetched."""
    from kb.readers import read_paths

    secret = write(tmp_path / "secret.txt", "the-operator's-secret-token")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY file SYSTEM "{secret.as_uri()}"><!ENTITY web SYSTEM "{site.base}/entity">]>
<rss version="2.0"><channel><title>Wire &file;</title><item><title>Talks &file; &web;</title>
<link>{site.base}/world/x</link><description>{" ".join(STORIES[0][3])}</description></item></channel></rss>"""
    path = write(tmp_path / "hostile.rss", feed)
    [got] = read_paths([path])
    assert site.requests == []
    assert got.text == " ".join(STORIES[0][3])
    assert "secret" not in f"{got.title} {got.source}", got


def test_a_scraper_pipes_into_the_real_command(expected, tmp_path):
    """Two processes joined by a pipe, as a shell runs `scraper | kb ingest -`: lines arrive slowly."""
    import subprocess
    import sys

    lines = [json.dumps({"url": url_of(slug), "title": headline, "published": day,
                         "text": "\n\n".join(paras)}) for slug, headline, day, paras in STORIES]
    scraper = ("import sys, time\n"
               f"for line in {lines!r}:\n"
               "    print(line, flush=True)\n"
               "    time.sleep(0.3)\n")
    store = tmp_path / "store"
    producer = subprocess.Popen([sys.executable, "-c", scraper], stdout=subprocess.PIPE)
    try:
        proc = subprocess.run([sys.executable, "-m", "kb.cli", "ingest", "-", "--store", str(store), "-q"],
                              stdin=producer.stdout, capture_output=True, text=True, timeout=300)
    finally:
        producer.stdout.close()
        producer.wait(timeout=30)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.strip() == "3 articles ingested"
    assert events(store) == expected
