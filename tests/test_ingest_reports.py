"""`kb ingest` on a corpus as a news archive delivers it, through the real command in its own
process: items with nothing to read are skipped and counted, not errors; --errors lists every
skipped or failed item; the progress bar knows its total; a second writer is told, in one line,
that another process is writing, and can wait for it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import write
from test_prose import EARNINGS, FUTURES, GERMAN, RESULTS

ROOT = Path(__file__).resolve().parent.parent
GOOD = "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.\n"

pytestmark = pytest.mark.slow


def kb(*args: object, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def newswire(folder: Path) -> Path:
    """A day of a wire service: two stories among figures, tables, results and a foreign item."""
    write(folder / "0001-summit.txt", GOOD)
    write(folder / "0002-earnings.txt", EARNINGS)
    write(folder / "0003-grain.txt", FUTURES)
    write(folder / "0004-downhill.txt", RESULTS)
    write(folder / "0005-blank.txt", "\n\n")
    lines = [{"id": "wire-1", "text": "Indian External Affairs Minister S. Jaishankar met Russian Foreign "
                                      "Minister Sergei Lavrov in Moscow on Wednesday."},
             {"id": "wire-2", "text": EARNINGS}, {"id": "wire-3", "text": GERMAN},
             {"id": "wire-4", "text": ""}]
    write(folder / "0006-feed.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    return folder


def test_skipped_items_are_counted_by_reason_and_do_not_fail_the_run(tmp_path):
    folder = newswire(tmp_path / "wire")
    listing = tmp_path / "problems.jsonl"
    proc = kb("ingest", folder, "--store", tmp_path / "store", "-q", "--errors", listing)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert proc.stdout.strip() == "2 articles ingested, 7 skipped (4 table or list, 2 empty, 1 not English)"
    records = [json.loads(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 7
    assert {r["status"] for r in records} == {"skipped"}
    feed = str(folder / "0006-feed.jsonl")
    assert [(r["line"], r["reason"]) for r in records if r["path"] == feed] == [
        (2, "table or list"), (3, "not English"), (4, "empty")]
    assert all(set(r) == {"status", "reason", "path", "line", "problem"} for r in records)

    # a broken item beside them fails the run, and only it prints a line
    write(folder / "0007-broken.json", '{"text": "Putin met')
    again = kb("ingest", folder, "--store", tmp_path / "store", "-q", "--errors", listing)
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        f"Error: {folder / '0007-broken.json'}: invalid JSON: Unterminated string starting at: "
        "line 1 column 10 (char 9)"]
    assert again.stdout.strip() == ("0 articles ingested, 2 unchanged, 7 skipped (4 table or list, 2 empty, "
                                    "1 not English), 1 failed (1 invalid JSON)")
    assert json.loads(listing.read_text(encoding="utf-8").splitlines()[-1])["status"] == "failed"


def test_an_errors_file_that_cannot_be_written_stops_before_any_work(tmp_path):
    proc = kb("ingest", newswire(tmp_path / "wire"), "--store", tmp_path / "store", "-q",
              "--errors", tmp_path / "no" / "such" / "folder" / "problems.jsonl")
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("problems.jsonl: cannot write (no such file or directory)")
    assert "articles ingested" not in proc.stdout


def test_the_progress_bar_knows_the_total_and_shows_rate_and_time_left(tmp_path):
    """JSON Lines are counted before reading, so even one big file has a total and an estimate."""
    feed = [{"id": f"table-{n}", "text": FUTURES} for n in range(57)] + [{"id": "story", "text": GOOD}]
    path = write(tmp_path / "feed.jsonl", "".join(json.dumps(line) + "\n" for line in feed))
    write(tmp_path / "more" / "a.txt", GOOD)
    write(tmp_path / "more" / "b.md", EARNINGS)
    proc = kb("ingest", path, tmp_path / "more", "--store", tmp_path / "store", "-j", "1")
    assert proc.returncode == 0, proc.stderr
    frames = re.split(r"[\r\n]", proc.stderr)
    total = len(feed) + 2
    assert any(re.search(rf"ingesting: +0%.* 0/{total} ", f) for f in frames), proc.stderr[:500]
    last = [f for f in frames if f"{total}/{total}" in f][-1]
    done = rf"100%.*{total}/{total} \[\d\d:\d\d<00:00, +[\d.]+ articles/s, skipped=58\]"
    assert re.search(done, last), last
    assert any(re.search(r"\[\d\d:\d\d<\d\d:\d\d, +[\d.]+ articles/s", f) for f in frames)


def _reader_is_waiting(fifo: Path, process: subprocess.Popen, timeout: float) -> int:
    """A write end of ``fifo`` once ``process`` has opened it for reading (so it holds the store)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the first ingest ended early: {process.communicate()}")
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"the first ingest did not read {fifo} within {timeout} s")


def _first_stderr_line(process: subprocess.Popen, timeout: float) -> str:
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(process.stderr.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    assert found, f"nothing on standard error in {timeout} s"
    return found[0]


def test_a_second_writer_is_told_in_one_line_and_can_wait(tmp_path):
    """The first `kb ingest` holds the store while it reads a named pipe the test has not written yet."""
    store = tmp_path / "store"
    fifo = tmp_path / "arriving.txt"
    os.mkfifo(fifo)
    other = write(tmp_path / "other.txt", GOOD.replace("Monday", "Tuesday"))
    command = [sys.executable, "-m", "kb.cli", "ingest"]
    first = subprocess.Popen([*command, str(fifo), "--store", str(store), "-q"], cwd=ROOT, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    waiter = None
    try:
        pipe = _reader_is_waiting(fifo, first, timeout=120)

        refused = kb("ingest", other, "--store", store, "-q")
        assert refused.returncode == 1
        assert refused.stderr == (f"Error: {store}: another process is writing to this store; try again when "
                                  "it has finished, or wait for it with --wait SECONDS\n")
        assert refused.stdout == ""
        briefly = kb("ingest", other, "--store", store, "-q", "--wait", "1")
        assert briefly.returncode == 1
        assert "another process is writing to this store (waited 1 s)" in briefly.stderr
        assert "LOCK" not in refused.stderr + briefly.stderr and "IO error" not in briefly.stderr

        waiter = subprocess.Popen([*command, str(other), "--store", str(store), "-q", "--wait", "120"],
                                  cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert _first_stderr_line(waiter, timeout=120) == (
            f"Another process is writing to {store}: waiting up to 120 s for it.\n")
        with os.fdopen(pipe, "w", encoding="utf-8") as article:  # the first ingest may now finish
            os.set_blocking(pipe, True)
            article.write(GOOD)
        out, err = first.communicate(timeout=120)
        assert (first.returncode, out.strip(), err) == (0, "1 article ingested", "")
        out, err = waiter.communicate(timeout=120)
        assert (waiter.returncode, out.strip(), err) == (0, "1 article ingested", "")
    finally:
        for process in (first, waiter):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(10)
    stats = kb("stats", "--store", store, "--json")
    assert json.loads(stats.stdout)["articles"] == 2
