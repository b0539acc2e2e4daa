"""Bad input through the real `kb ingest`: one error line per bad file (or JSONL line), the bad
item left out and the store untouched by it, every good article still ingested, never a traceback.

A folder of articles collected from the web holds every kind of mistake; one of them must cost
one line of output, not the run and not the knowledge base. Items with no prose to read (empty,
a page without an article, another language) are skipped: counted, listed by --errors, but not
errors, so they neither print a line nor change the exit status.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import copy_store, write

from kb import KnowledgeBase
from kb.cli import main
from kb.readers import MAX_FILE_BYTES, SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent

GOOD = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.\n"
GOOD_2 = ("Indian External Affairs Minister S. Jaishankar met Russian Foreign Minister Sergei Lavrov "
          "in Moscow on Wednesday.\n")
RUSSIAN = ("Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином в Москве "
           "в понедельник. Стороны обсудили двустороннее сотрудничество.\n")
FRENCH = ("Le président russe Vladimir Poutine a rencontré le président chinois Xi Jinping à Moscou lundi. "
          "Les deux dirigeants ont discuté de la coopération bilatérale et de la situation internationale, "
          "a indiqué le Kremlin dans un communiqué.")
CHINESE = "俄罗斯总统普京周一在莫斯科会见了中国国家主席习近平。双方讨论了双边合作和国际形势。"

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
MENU_PAGE = ('<html><head><title>World</title></head><body><nav><a href="/">Home</a> '
             '<a href="/world">World</a> <a href="/sport">Sport</a></nav></body></html>')
SUPPORTED = " ".join(SUPPORTED_SUFFIXES)
TOO_LARGE = 50 * 1024 * 1024  # far larger than any article; written sparse, so it costs no disk


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("article.txt", GOOD)
    return buffer.getvalue()


def _cut_warc() -> bytes:
    """A web archive of one page, cut off in the middle of its record (a download that stopped)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    page = f"<html><body><article><p>{GOOD}</p><p>{GOOD_2}</p></article></body></html>".encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/putin-xi", "response",
                                                  payload=io.BytesIO(page), http_headers=headers))
    data = buffer.getvalue()
    return data[: len(data) // 2]


def _front_matter(published: str, body: str = GOOD) -> str:
    return f"---\ntitle: Putin meets Xi\npublished: {published}\n---\n{body}"


# name -> (content, the problem reported). Each is one bad file that must not reach the store.
BAD_FILES: dict[str, tuple[str | bytes, str]] = {
    "report.pdf": (PDF, f"unsupported file type '.pdf' (supported: {SUPPORTED})"),
    "report.txt": (PDF, "binary file, not an article"),
    "photo.html": (PNG, "binary file, not an article"),
    "scan.md": (JPEG, "binary file, not an article"),
    "archive.json": (_zip(), "binary file, not an article"),
    "latin1.txt": ("Putin met Xi at a café in Moscow.".encode("latin-1"), "not valid UTF-8 text (byte 21)"),
    "broken.json": ('{"text": "Putin met Xi", ', r"re:invalid JSON: .+ line 1 column 26"),
    "list.json": ('[{"text": "Putin met Xi in Moscow."}, [1, 2]', r"re:invalid JSON: "),
    "no-text.json": (json.dumps({"title": "Putin meets Xi", "body": GOOD}), "no 'text' field"),
    "text-not-a-string.json": (json.dumps({"text": {"body": GOOD}}), "no 'text' field"),
    "impossible-date.txt": (_front_matter("2023-02-30"), "invalid published date '2023-02-30'"),
    "month-13.md": (_front_matter("2023-13-01"), "invalid published date '2023-13-01'"),
    "malformed-date.json": (json.dumps({"text": GOOD, "published": "the day after the summit"}),
                            "invalid published date 'the day after the summit'"),
    "cut-off.warc.gz": (_cut_warc(), "truncated or malformed WARC: record 1 is incomplete"),
    "notes.warc": (GOOD, "not a WARC file"),
    "not-xml.rss": (MENU_PAGE, "re:not an RSS or Atom feed"),
    "not-xml.atom": ("Putin met Xi in Moscow on Monday, a feed said.", "re:not an RSS or Atom feed"),
    "cut-off.rss": ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Talks'
                    f"</title><description>{GOOD}\n{GOOD_2[:40]}",
                    "re:truncated feed: the XML ends early \\("),
    "no-text-column.csv": ("headline,body\nPutin meets Xi,Putin met Xi.\n", "no 'text' column (name it "
                           "with --columns text=COLUMN); the header has: headline, body"),
}

# name -> (content, the problem listed, its reason). Nothing to read: skipped, not failed.
SKIPPED_FILES: dict[str, tuple[str, str, str]] = {
    "empty.txt": ("", "empty article", "empty"),
    "blank.md": ("  \n\t\n   \n", "empty article", "empty"),
    "menu.html": (MENU_PAGE, "no main text found in HTML", "empty"),
    "russian.txt": (RUSSIAN, "not English text (mostly Cyrillic script)", "not English"),
    "chinese.md": (CHINESE, "not English text (mostly CJK script)", "not English"),
    "french.json": (json.dumps({"text": FRENCH}), "re:not English text \\(only \\d+% common English words\\)",
                    "not English"),
}


# -- helpers ----------------------------------------------------------------------------------


def kb(*args: object, code: int):
    """`kb` in this process; the exit status is checked and no exception may escape."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result


def ingest(*paths: object, store: Path, code: int, errors_file: Path | None = None):
    listing = ("--errors", errors_file) if errors_file else ()
    return kb("ingest", *paths, "--store", store, "-q", *listing, code=code)


def listed(errors_file: Path) -> list[dict]:
    """The records of an --errors file."""
    return [json.loads(line) for line in errors_file.read_text(encoding="utf-8").splitlines()]


def errors(result) -> list[str]:
    """The stderr lines; each must be an `Error: <where>: <problem>` line."""
    lines = result.stderr.splitlines()
    for line in lines:
        assert line.startswith("Error: "), result.stderr
    return lines


def assert_error(line: str, where: Path | str, problem: str) -> None:
    prefix = f"Error: {where}: "
    assert line.startswith(prefix), (line, prefix)
    assert_problem(line[len(prefix):], problem)


def assert_problem(got: str, problem: str) -> None:
    if problem.startswith("re:"):
        assert re.fullmatch(problem[3:] + ".*", got), (got, problem)
    else:
        assert got == problem


def snapshot(store: Path) -> tuple[int, str]:
    """Quad count and a hash of the sorted N-Quads export: equal snapshots, equal stores."""
    with KnowledgeBase(store, read_only=True) as base:
        count = base.store.count()
        lines = sorted(base.export("nquads").decode("utf-8").splitlines())
    return count, hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def article_ids(store: Path) -> set[str]:
    with KnowledgeBase(store, read_only=True) as base:
        rows = base.query("SELECT ?id WHERE { ?a a dip:Article ; dcterms:identifier ?id }").rows
    return {row[0] for row in rows}




def sparse(path: Path, size: int = TOO_LARGE, head: bytes = b"") -> Path:
    """A file of ``size`` bytes that takes no disk space: ``head``, then a hole."""
    with path.open("wb") as f:
        f.write(head)
        f.truncate(size)
    return path


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    """A store holding one article, so that 'unchanged' means something."""
    folder = tmp_path_factory.mktemp("base")
    store = folder / "store"
    ingest(write(folder / "putin-xi.txt", GOOD), store=store, code=0)
    assert article_ids(store) == {"putin-xi"}
    return store


@pytest.fixture
def store(base_store, tmp_path) -> Path:
    return copy_store(base_store, tmp_path)


# -- one bad item at a time: reported, skipped, the store untouched ---------------------------


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_one_error_line_and_leaves_the_store_as_it_was(name, store, tmp_path):
    content, problem = BAD_FILES[name]
    path = write(tmp_path / "in" / name, content)
    before = snapshot(store)
    listing = tmp_path / "problems.jsonl"
    result = ingest(path, store=store, code=1, errors_file=listing)
    [line] = errors(result)
    assert_error(line, path, problem)
    [record] = listed(listing)
    assert record["status"] == "failed" and record["path"] == str(path) and record["line"] is None
    assert result.stdout.strip() == f"0 articles ingested, 1 failed (1 {record['reason']})"
    assert snapshot(store) == before


@pytest.mark.parametrize("name", sorted(SKIPPED_FILES))
def test_an_item_with_nothing_to_read_is_skipped_silently_and_listed(name, store, tmp_path):
    content, problem, reason = SKIPPED_FILES[name]
    path = write(tmp_path / "in" / name, content)
    before = snapshot(store)
    listing = tmp_path / "problems.jsonl"
    result = ingest(path, store=store, code=0, errors_file=listing)
    assert result.stderr == ""
    assert result.stdout.strip() == f"0 articles ingested, 1 skipped (1 {reason})"
    [record] = listed(listing)
    assert (record["status"], record["reason"], record["path"]) == ("skipped", reason, str(path))
    assert_problem(record["problem"], problem)
    assert snapshot(store) == before


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json"])
def test_a_file_far_larger_than_an_article_is_refused_at_once(suffix, store, tmp_path):
    path = sparse(tmp_path / f"huge{suffix}")
    before = snapshot(store)
    started = time.monotonic()
    result = ingest(path, store=store, code=1)
    assert time.monotonic() - started < 10
    [line] = errors(result)
    limit = MAX_FILE_BYTES // (1024 * 1024)
    assert_error(line, path, f"file too large (50 MB, limit {limit} MB)")
    assert snapshot(store) == before


def test_a_huge_jsonl_file_of_zero_bytes_is_binary(store, tmp_path):
    """A .jsonl file may be any size (it is read line by line); its first bytes give it away."""
    path = sparse(tmp_path / "huge.jsonl")
    before = snapshot(store)
    [line] = errors(ingest(path, store=store, code=1))
    assert_error(line, path, "binary file, not an article")
    assert snapshot(store) == before


def test_a_path_that_does_not_exist(store, tmp_path):
    missing = tmp_path / "no" / "such-article.txt"
    before = snapshot(store)
    [line] = errors(ingest(missing, store=store, code=1))
    assert_error(line, missing, "no such file or directory")
    assert snapshot(store) == before


def test_a_folder_without_articles(store, tmp_path):
    folder = tmp_path / "downloads"
    write(folder / "report.pdf", PDF)
    write(folder / "notes.docx", _zip())
    write(folder / ".hidden.txt", GOOD)
    write(folder / ".git" / "article.txt", GOOD)
    (folder / "empty-sub").mkdir()
    before = snapshot(store)
    result = ingest(folder, store=store, code=1)
    [line] = errors(result)
    assert_error(line, folder, f"no articles found (supported: {SUPPORTED})")
    assert result.stdout.strip() == "0 articles ingested, 1 failed (1 no articles found)"
    assert snapshot(store) == before


def test_an_empty_folder(store, tmp_path):
    folder = tmp_path / "nothing"
    folder.mkdir()
    [line] = errors(ingest(folder, store=store, code=1))
    assert_error(line, folder, f"no articles found (supported: {SUPPORTED})")


def test_every_bad_item_together_leaves_the_store_as_it_was(store, tmp_path):
    folder = tmp_path / "bad"
    for name, (content, *_) in {**BAD_FILES, **SKIPPED_FILES}.items():
        write(folder / name, content)
    sparse(folder / "huge.txt")
    missing = tmp_path / "missing.md"
    before = snapshot(store)
    listing = tmp_path / "problems.jsonl"
    result = ingest(folder, missing, store=store, code=1, errors_file=listing)
    lines = errors(result)
    # in a folder, a .pdf is not an article file and is passed over like any other file
    expected = [*sorted(n for n in BAD_FILES if not n.endswith(".pdf")), "huge.txt"]
    assert len(lines) == len(expected) + 1, result.stderr
    assert {line.split(": ")[1] for line in lines[:-1]} == {str(folder / n) for n in expected}
    assert_error(lines[-1], missing, "no such file or directory")
    records = listed(listing)
    assert [r["status"] for r in records].count("failed") == len(lines)
    skipped = {r["path"] for r in records if r["status"] == "skipped"}
    assert skipped == {str(folder / n) for n in SKIPPED_FILES}
    summary = result.stdout.strip()
    assert summary.startswith(f"0 articles ingested, {len(SKIPPED_FILES)} skipped (3 empty, 3 not English), "
                              f"{len(lines)} failed (")
    assert snapshot(store) == before


# -- JSON Lines: each bad line is reported with its number, the good lines still ingest ----------


def test_jsonl_with_bad_lines(store, tmp_path):
    good = json.dumps({"text": GOOD_2, "title": "Jaishankar meets Lavrov", "published": "2023-12-27"})
    lines = [
        json.dumps({"text": GOOD, "id": "putin-xi-again"}).encode(),          # 1 good
        b'{"text": "Putin met Xi", ',                                          # 2 cut off
        b"[1, 2, 3]",                                                          # 3 not an object
        json.dumps({"title": "no text"}).encode(),                             # 4 no text
        json.dumps({"text": GOOD, "published": "2023-02-30"}).encode(),        # 5 impossible date
        b"   ",                                                                # 6 blank: ignored
        good.encode(),                                                         # 7 good
        json.dumps({"text": RUSSIAN}).encode(),                                # 8 not English
        b'{"text": "Putin met Xi at a caf\xe9."}',                              # 9 not UTF-8
        json.dumps({"text": "   "}).encode(),                                  # 10 empty
        PDF.split(b"\n")[0] + b" a PDF pasted into a line",                  # 11 binary
    ]
    path = write(tmp_path / "feed.jsonl", b"\n".join(lines) + b"\n")
    before_ids = article_ids(store)
    listing = tmp_path / "problems.jsonl"
    result = ingest(path, store=store, code=1, errors_file=listing)
    got = errors(result)
    expected = [
        (2, "re:invalid JSON: .+ \\(column 26\\)"),
        (3, "expected a JSON object"),
        (4, "no 'text' field"),
        (5, "invalid published date '2023-02-30'"),
        (9, "not valid UTF-8 text (byte 31)"),
        (11, "binary file, not an article"),
    ]
    assert len(got) == len(expected), result.stderr
    for line, (number, problem) in zip(got, expected, strict=True):
        assert_error(line, f"{path}:{number}", problem)
    records = listed(listing)
    assert [(r["line"], r["status"]) for r in records] == [
        (2, "failed"), (3, "failed"), (4, "failed"), (5, "failed"), (8, "skipped"), (9, "failed"),
        (10, "skipped"), (11, "failed")]
    assert result.stdout.strip() == (
        "2 articles ingested, 2 skipped (1 empty, 1 not English), "
        "6 failed (2 malformed record, 1 binary, 1 invalid JSON, 1 invalid date, 1 not UTF-8)")
    assert article_ids(store) == before_ids | {"putin-xi-again", "feed-7"}


def test_a_jsonl_line_far_larger_than_an_article(store, tmp_path):
    """50 MB in one line after a good one: the good line ingests, the giant is skipped unread."""
    head = json.dumps({"text": GOOD_2}).encode() + b'\n{"text": "' + b"a" * 10_000  # no NUL in the first KBs
    path = sparse(tmp_path / "giant.jsonl", head=head)
    started = time.monotonic()
    result = ingest(path, store=store, code=1)
    assert time.monotonic() - started < 30
    [line] = errors(result)
    assert_error(line, f"{path}:2", "re:line too large \\(over [\\d,]+ bytes, limit [\\d,]+ characters\\)")
    assert result.stdout.strip() == "1 article ingested, 1 failed (1 too large)"
    assert "giant-1" in article_ids(store)


# -- bad input beside good input ---------------------------------------------------------------


def mixed_folder(root: Path) -> tuple[Path, list[str], set[str]]:
    """A folder like a real download: good articles among every kind of bad one, and items with
    nothing to read (``SKIPPED_FILES`` and the French line of the feed).

    Returns the folder, the failed items as they are reported, and the ids of the good articles.
    """
    folder = root / "mixed"
    write(folder / "a-good.txt", GOOD_2)
    write(folder / "b-good.md", _front_matter("2023-03-20", "# Xi in Moscow\n\n" + GOOD))
    write(folder / "c-good.json", json.dumps({"id": "c-good", "text": GOOD, "published": "2023-03-21"}))
    bad = []
    for name, (content, _) in BAD_FILES.items():
        write(folder / "bad" / name, content)
        if not name.endswith(".pdf"):
            bad.append(str(folder / "bad" / name))
    for name, (content, *_) in SKIPPED_FILES.items():
        write(folder / "nothing-to-read" / name, content)
    sparse(folder / "bad" / "huge.html")
    bad.append(str(folder / "bad" / "huge.html"))
    feed = [json.dumps({"text": GOOD_2, "id": "d-feed-good"}), "{oops", json.dumps({"text": FRENCH})]
    write(folder / "d-feed.jsonl", "\n".join(feed) + "\n")
    bad.append(f"{folder / 'd-feed.jsonl'}:2")
    return folder, bad, {"a-good", "b-good", "c-good", "d-feed-good"}


SKIPPED_IN_MIXED = len(SKIPPED_FILES) + 1  # and the French line of the feed


def test_bad_input_beside_good_input(store, tmp_path):
    folder, bad, good = mixed_folder(tmp_path)
    before_ids = article_ids(store)
    result = ingest(folder, store=store, code=1)
    lines = errors(result)
    assert len(lines) == len(bad), result.stderr
    assert sorted(line.split(": ")[1] for line in lines) == sorted(bad)
    assert result.stdout.strip().startswith(f"{len(good)} articles ingested, {SKIPPED_IN_MIXED} skipped (")
    assert f", {len(bad)} failed (" in result.stdout
    assert article_ids(store) == before_ids | good
    with KnowledgeBase(store, read_only=True) as base:
        assert base.validate().conforms
    # again: the good ones are unchanged, the bad ones are reported again
    again = ingest(folder, store=store, code=1)
    unchanged = f"0 articles ingested, {len(good)} unchanged, {SKIPPED_IN_MIXED} skipped ("
    assert again.stdout.strip().startswith(unchanged)


def test_only_good_input_exits_zero(store, tmp_path):
    path = write(tmp_path / "jaishankar-lavrov.txt", GOOD_2)
    result = ingest(path, store=store, code=0)
    assert result.stderr == ""
    assert result.stdout.strip() == "1 article ingested"
    assert ingest(path, store=store, code=0).stdout.strip() == "0 articles ingested, 1 unchanged"


def test_the_real_command_prints_no_traceback(tmp_path):
    """The installed entry point in its own process: only `Error:` lines on stderr."""
    folder, bad, good = mixed_folder(tmp_path)
    store = tmp_path / "store"
    command = [sys.executable, "-m", "kb.cli", "ingest", str(folder), "--store", str(store), "-q"]
    started = time.monotonic()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    elapsed = time.monotonic() - started
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1, proc.stderr
    lines = proc.stderr.splitlines()
    assert all(line.startswith("Error: ") for line in lines), proc.stderr
    assert len(lines) == len(bad)
    assert proc.stdout.strip().startswith(f"{len(good)} articles ingested, {SKIPPED_IN_MIXED} skipped (")
    assert elapsed < 120, f"ingesting the mixed folder took {elapsed:.0f} s"
    assert article_ids(store) == good


# -- quotation marks by the thousand ---------------------------------------------------------


def quote_storm() -> str:
    """5,000 straight quotation marks, most paragraphs unbalanced, curly quotes that never close,
    and a run of 200 marks in a row."""
    names = ["Blinken", "Wang Yi", "Jaishankar", "Modi", "Xi Jinping", "Scholz"]
    paragraphs = []
    for i in range(480):
        who = names[i % len(names)]
        paragraphs.append(f'Lavrov said "we met {who} on Monday" and "the talks were useful", while “{who} '
                          f'replied "no comment" and "not now" ” and then “ left, saying "{i}" ')
    paragraphs.append('"' * 200)
    text = "\n\n".join(paragraphs)
    assert text.count('"') == 5000
    return text


@pytest.mark.parametrize("kind", ["storm", "nested"])
def test_thousands_of_quotation_marks_ingest_in_seconds(kind, store, tmp_path):
    """Not bad input at all: it ingests, exit 0, quickly (the extractor must stay near-linear)."""
    text = quote_storm() if kind == "storm" else 'He said "' * 5000 + "."  # a 5,000-deep nest of clauses
    path = write(tmp_path / f"{kind}.txt", text)
    started = time.monotonic()
    result = ingest(path, store=store, code=0)
    elapsed = time.monotonic() - started
    assert result.stdout.strip() == "1 article ingested"
    assert elapsed < 30, f"{kind}: {elapsed:.1f} s"
    assert kind in article_ids(store)
    if kind == "storm":  # some 2,000 statements, each quote a string literal of its own
        with KnowledgeBase(store, read_only=True) as base:
            assert base.stats()["statements"] > 1000
            assert base.validate().conforms
