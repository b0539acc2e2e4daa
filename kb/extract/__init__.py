"""Extraction: articles in, people, encounters and statements out (``kb.model.Extraction``).

Extractors sit behind a small registry with versioned names; the name of the one that produced
a fact is recorded in its provenance.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.config import Settings
from kb.errors import ConfigError
from kb.model import Extractor

__all__ = ["EXTRACTORS", "RULES", "create_extractor"]

RULES = "spacy-rules/2"
"""The rule extractor's registry name: its family and the generation of its rules (``RuleExtractor.name``)."""


def _rules(settings: Settings) -> Extractor:
    from kb.extract.pipeline import RuleExtractor

    return RuleExtractor(settings)


# A family's name alone ("spacy-rules") means its newest generation.
EXTRACTORS: dict[str, Callable[[Settings], Extractor]] = {RULES: _rules, RULES.split("/")[0]: _rules}


def create_extractor(name: str = "spacy-rules", model: str | None = None) -> Extractor:
    """An extractor by registry name; ``model`` overrides the spaCy pipeline setting."""
    if name not in EXTRACTORS:
        raise ConfigError(f"unknown extractor '{name}' (known: {', '.join(EXTRACTORS)})")
    return EXTRACTORS[name](Settings.from_env(model))
