"""Killing `kb ingest` with SIGKILL at a random moment leaves every article complete or absent.

A real process is started and really killed, several times; the store is then compared graph by
graph with one built without interruption, and the same command run again completes the batch.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import assert_merged_graph_matches

from kb import KnowledgeBase
from kb.store import open_store

pytestmark = pytest.mark.slow

PEOPLE = [("Russian President", "Vladimir Putin"), ("Chinese President", "Xi Jinping"),
          ("Indian Prime Minister", "Narendra Modi"), ("French President", "Emmanuel Macron"),
          ("German Chancellor", "Olaf Scholz"), ("U.S. Secretary of State", "Antony Blinken")]
PLACES = ["Moscow", "Beijing", "New Delhi", "Paris", "Berlin", "Geneva"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_corpus(folder: Path, n: int) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n):
        (t1, a), (t2, b) = rng.sample(PEOPLE, 2)
        place, day = rng.choice(PLACES), rng.choice(DAYS)
        text = (
            f"---\nid: crash-{i:03d}\npublished: 2023-0{1 + i % 9}-15\n---\n"
            f"{t1} {a} met {t2} {b} in {place} on {day}, officials said.\n\n"
            f'"We agreed to keep talking about trade and security," {a.split()[-1]} told reporters.\n\n'
            f"{b} said the talks in {place} had been useful and invited {a} to visit next year.\n"
        )
        (folder / f"article-{i:03d}.txt").write_text(text, encoding="utf-8")


def graphs(store: Path) -> dict[str, frozenset]:
    with KnowledgeBase(store, read_only=True) as kb:
        return {g.value: frozenset(str(q) for q in kb.store.quads(g)) for g in kb.store.graph_names()}


def wait_for_progress(proc: subprocess.Popen, timeout: float = 300) -> None:
    """Read the progress bar until it counts a first article (or the process ends)."""
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        chunk = proc.stderr.read1(4096)
        if not chunk:
            return
        seen = (seen + chunk)[-4096:]
        counts = re.findall(rb"ingesting: *(\d+)", seen)
        if counts and int(counts[-1]) > 0:
            return


def ingest_command(corpus: Path, store: Path) -> list[str]:
    command = ["ingest", str(corpus), "--store", str(store), "--quiet", "--jobs", "2"]
    return [sys.executable, "-m", "kb.cli", *command]


def test_sigkill_leaves_whole_articles_and_a_rerun_finishes(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 300)
    reference = tmp_path / "reference"
    done = subprocess.run(ingest_command(corpus, reference), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    expected = graphs(reference)
    assert len(expected) == 300

    store = tmp_path / "store"
    rng = random.Random(11)
    partial_counts = []
    for _ in range(3):
        proc = subprocess.Popen([a for a in ingest_command(corpus, store) if a != "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        wait_for_progress(proc)  # model loading takes long on a busy machine: kill once writing began
        time.sleep(rng.uniform(0.0, 2.0))
        os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the parent and its workers
        proc.wait(timeout=30)
        proc.stderr.close()
        present = graphs(store)
        partial_counts.append(len(present))
        for name, quads in present.items():  # complete or absent, never half an article
            assert quads == expected[name], name
    with KnowledgeBase(store, read_only=True) as kb:
        assert_merged_graph_matches(kb.store)
        report = kb.validate()
    assert report.conforms, report.violations[:3]

    done = subprocess.run(ingest_command(corpus, store), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert graphs(store) == expected
    with open_store(store, read_only=True) as merged:
        assert_merged_graph_matches(merged)
    assert any(0 < n < 300 for n in partial_counts), f"no kill landed mid-batch: {partial_counts}"
