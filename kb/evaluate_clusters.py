"""Scoring cross-article event identity against gold clusters: which reports are one encounter.

A gold corpus annotates clusters by giving each event an ``encounter`` label: events with the
same label, in any of the corpus's articles, are reports of one encounter (an event without a
label is an encounter of its own). Each gold event is compared with the knowledge base's event
it was paired with when scoring its article (``kb.evaluate``), a gold event left unpaired being
a cluster of its own. Two measures over the gold events:

- pairwise: precision is the share of pairs the knowledge base puts in one event that the gold
  puts in one encounter, recall the share of gold pairs the knowledge base puts together;
- B-cubed: for each gold event, the share of its predicted cluster that is in its gold cluster
  (precision) and of its gold cluster that is in its predicted cluster (recall), averaged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from kb.evaluate import PRF, prf


@dataclass(frozen=True)
class Mention:
    """One gold event: where it is, its gold encounter and the event the knowledge base made of it."""

    article: str
    index: int
    gold: str
    predicted: str


@dataclass
class ClusterScores:
    mentions: list[Mention]
    pairwise: PRF
    bcubed: PRF
    pairs: tuple[int, int, int]  # (pairs together in both, together in the prediction, together in the gold)

    @property
    def gold_clusters(self) -> int:
        return len({m.gold for m in self.mentions})

    @property
    def predicted_clusters(self) -> int:
        return len({m.predicted for m in self.mentions})

    def wrong_pairs(self) -> tuple[list[tuple[Mention, Mention]], list[tuple[Mention, Mention]]]:
        """(pairs merged that the gold keeps apart, gold pairs kept apart)."""
        merged, split = [], []
        for a, b in combinations(self.mentions, 2):
            if a.predicted == b.predicted and a.gold != b.gold:
                merged.append((a, b))
            elif a.gold == b.gold and a.predicted != b.predicted:
                split.append((a, b))
        return merged, split

    def to_dict(self) -> dict:
        return {"mentions": len(self.mentions), "gold_clusters": self.gold_clusters,
                "predicted_clusters": self.predicted_clusters, "pairwise": self.pairwise._asdict(),
                "bcubed": self.bcubed._asdict(),
                "pairs": dict(zip(("both", "predicted", "gold"), self.pairs, strict=True))}

    def to_text(self, verbose: bool = False) -> str:
        both, predicted, gold = self.pairs
        out = [f"encounters: {len(self.mentions)} gold events in {self.gold_clusters} gold encounters, "
               f"{self.predicted_clusters} events in the knowledge base",
               f"{'':<22}{'precision':>10}{'recall':>10}{'F1':>10}"]
        for name, value in (("pairwise", self.pairwise), ("B-cubed", self.bcubed)):
            out.append(f"{name:<22}{value.precision:>10.3f}{value.recall:>10.3f}{value.f1:>10.3f}")
        out.append(f"pairs: {both} together in both, {predicted} in the knowledge base, {gold} in the gold")
        if verbose:
            merged, split = self.wrong_pairs()
            out += [f"  merged, but not one encounter: {_name(a)} and {_name(b)}" for a, b in merged]
            out += [f"  one encounter, kept apart: {_name(a)} and {_name(b)}" for a, b in split]
        out.append(f"score: clusters_pairwise_f1={self.pairwise.f1:.3f} "
                   f"clusters_bcubed_f1={self.bcubed.f1:.3f}")
        return "\n".join(out)


def score_clusters(mentions: Sequence[Mention]) -> ClusterScores:
    mentions = list(mentions)
    both = together_pred = together_gold = 0
    for a, b in combinations(mentions, 2):
        same_pred, same_gold = a.predicted == b.predicted, a.gold == b.gold
        together_pred += same_pred
        together_gold += same_gold
        both += same_pred and same_gold
    precision = recall = 0.0
    for m in mentions:
        pred = {x for x in mentions if x.predicted == m.predicted}
        gold = {x for x in mentions if x.gold == m.gold}
        precision += len(pred & gold) / len(pred)
        recall += len(pred & gold) / len(gold)
    n = len(mentions) or 1
    p, r = precision / n, recall / n
    bcubed = PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return ClusterScores(mentions, prf(both, together_pred, together_gold), bcubed,
                         (both, together_pred, together_gold))


def mentions_of(golds, rows) -> list[Mention] | None:
    """The gold events of a corpus with their predicted events; None when the corpus labels no encounter."""
    if not any(e.encounter for g in golds for e in g.events):
        return None
    out = []
    for gold, row in zip(golds, rows, strict=True):
        for i, event in enumerate(gold.events):
            label = event.encounter or f"{gold.id}#{i}"
            predicted = row.matched.get(i, f"unmatched:{gold.id}#{i}")
            out.append(Mention(gold.id, i, label, predicted))
    return out


def _name(m: Mention) -> str:
    return f"{m.article}#{m.index} ({m.gold})"
