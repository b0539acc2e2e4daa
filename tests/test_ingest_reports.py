"""`kb ingest` on a corpus as a news archive delivers it, through the real command in its own
process: items with nothing to read are skipped and counted, not errors; --errors lists every
skipped or failed item; the progress bar knows its total."""

from __future__ import annotations

import json
import re
import subprocess
import sys
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
