"""Extraction: articles in, people, encounters and statements out (``kb.model.Extraction``).

Extractors sit behind a small registry with versioned names; the name of the one that produced
a fact is recorded in its provenance.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.config import Settings
from kb.errors import ConfigError

__all__ = ["EXTRACTORS", "create_extractor"]


def _rules(settings: Settings):
    from kb.extract.pipeline import RuleExtractor

    return RuleExtractor(settings)


EXTRACTORS: dict[str, Callable[[Settings], object]] = {"spacy-rules": _rules, "spacy-rules/2": _rules}


def create_extractor(name: str = "spacy-rules", model: str | None = None):
    """An extractor by registry name; ``model`` overrides the spaCy pipeline setting."""
    if name not in EXTRACTORS:
        raise ConfigError(f"unknown extractor '{name}' (known: {', '.join(EXTRACTORS)})")
    return EXTRACTORS[name](Settings.from_env(model))
