"""Small helpers shared by test modules."""

from __future__ import annotations

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
    """The store's default graph holds exactly the triples of its article graphs, each once."""
    from pyoxigraph import DefaultGraph

    merged = [q.triple for q in store.quads(DefaultGraph())]
    assert len(merged) == len(set(merged))
    assert set(merged) == {q.triple for q in store.quads()}


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
