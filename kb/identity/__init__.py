"""Cross-article event identity: one encounter reported by many articles is one event.

Each article graph keeps the events as that article reports them. This package decides which
of them are one encounter (``cluster``, from the pairwise ``score``), keeps a candidate index so
that a new report is compared only with the few it can match (``index``, ``keys``), and writes
the merged event into the merged knowledge base with its claims and conflicts (``resolve``,
``update``), one transaction per written article (``layer``). ``explain`` tells why.
"""

from kb.identity.layer import THRESHOLD_VARIABLE, EncounterLayer, default_threshold
from kb.identity.score import DEFAULT_THRESHOLD

__all__ = ["DEFAULT_THRESHOLD", "THRESHOLD_VARIABLE", "EncounterLayer", "default_threshold"]
