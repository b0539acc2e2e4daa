"""DipKB: a knowledge base of diplomatic events built from news articles.

>>> from kb import KnowledgeBase
>>> with KnowledgeBase("kb-store") as kb:                       # doctest: +SKIP
...     kb.ingest("data/")
...     print(kb.query("people-met", person="Jaishankar").to_table())
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["KnowledgeBase", "__version__"]

if TYPE_CHECKING:
    from kb.api import KnowledgeBase


def __getattr__(name: str):
    # Lazy, so that `kb --help` does not import the store or spaCy.
    if name == "KnowledgeBase":
        from kb.api import KnowledgeBase

        return KnowledgeBase
    raise AttributeError(name)
