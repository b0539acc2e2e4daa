"""Shared fixtures: the real spaCy model, real stores, the sample data."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GOLD = Path(__file__).resolve().parent / "gold"
SEED = ROOT / "data" / "2023-12-28-putin-jaishankar-kremlin.txt"


@pytest.fixture(scope="session")
def extractor():
    from kb.extract import create_extractor

    return create_extractor()


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """A store built once from data/ (copy it with ``fresh_copy`` before writing to it)."""
    from kb import KnowledgeBase

    path = tmp_path_factory.mktemp("sample") / "store"
    with KnowledgeBase(path) as kb:
        report = kb.ingest([DATA])
    assert report.ok, report.failed
    return path


@pytest.fixture
def sample_kb(sample_store):
    from kb import KnowledgeBase

    with KnowledgeBase(sample_store, read_only=True) as kb:
        yield kb


@pytest.fixture
def store_copy(sample_store, tmp_path) -> Path:
    return copy_store(sample_store, tmp_path)
