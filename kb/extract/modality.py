"""Whether a trigger reports an encounter that took place, one that is planned, or neither.

"Did not meet", "refused to meet" and "called off the visit" are no encounter; "would open the
way for talks" and "wanted to speak with" are possibilities and wishes, not plans; "will meet",
"is expected to visit" and "an upcoming summit" are planned; "met separately with X and Y" is one
encounter with each.
"""

from __future__ import annotations

from itertools import islice

from kb.extract.lexicon import (
    MEASURE_NOUNS,
    NEGATING_VERBS,
    NEGATIONS,
    PLAN_NOUNS,
    PLANNING_VERBS,
    WISH_VERBS,
)
from kb.extract.quotes import speech_verb
from kb.extract.syntax import due, governor, modal


def negated(tok) -> bool:
    """Not met, refused to meet, cancelled the talks, called off the visit."""
    if any(
        c.dep_ == "neg" or c.lower_ in NEGATIONS for c in tok.children if c.dep_ in ("neg", "advmod", "det")
    ):
        return True
    head = tok.head
    for _ in range(3):
        if head.lemma_.lower() in NEGATING_VERBS or (
            head.lemma_.lower() == "call" and any(c.lower_ == "off" for c in head.children)
        ):
            return True
        if (
            head.dep_ in ("xcomp", "dobj", "nsubjpass", "pobj")
            or tok.dep_
            in (
                "xcomp",
                "dobj",
                "nsubj",
                "nsubjpass",
            )
        ) and any(c.dep_ == "neg" for c in head.children):
            return True
        if head.head == head:
            break
        head = head.head
    return False


def separately(tok) -> bool:
    """ "met separately with X and Y", "held separate meetings with X and Y"."""
    nouns = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
    return any(c.lower_ == "separately" for c in tok.children) or any(
        c.lower_ == "separate" for n in nouns for c in n.children if c.dep_ == "amod"
    )


def hypothetical(tok) -> bool:
    """ "would open the way for summit talks", "if they met, it could ...": a possibility, not a plan."""
    node = tok
    for _ in range(4):
        if (
            node.dep_ == "pobj"
            and node.head.lower_ in ("for", "to")
            and node.head.head.lemma_.lower() == "way"
        ):
            return True  # "pave the way for talks", "open the way to a summit"
        if node.pos_ in ("VERB", "AUX"):
            conditional = any(
                c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                for c in node.children
            )
            hedged = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in node.children)
            guessed = any(c.dep_ == "aux" and c.lower_ in ("could", "might") for c in node.children)
            return (conditional and hedged) or guessed  # "the trip could be to Iceland"
        if node.head == node:
            return False
        node = node.head
    return False


def wished(tok) -> bool:
    """ "wanted to speak with", "hopes to visit": a wish, not an encounter or a plan."""
    node = tok
    for _ in range(2):
        if node.dep_ not in ("xcomp", "dobj", "ccomp") or node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() in WISH_VERBS:
            return True
    return False


def planned(tok) -> bool:
    """Will meet, is expected to visit, plans talks, agreed to hold talks, an upcoming summit."""
    if any(
        c.lower_ in ("upcoming", "planned", "proposed", "forthcoming", "next", "future") for c in tok.children
    ):
        return True
    measure = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    for noun in (tok, measure) if measure is not None and measure.lemma_ in MEASURE_NOUNS else (tok,):
        if noun.pos_ == "NOUN" and any(
            c.dep_ == "acl" and c.lemma_.lower() in PLANNING_VERBS for c in noun.children
        ):
            return True  # "two rounds of talks, scheduled for Thursday"
    if tok.pos_ in ("VERB", "AUX"):
        verb = tok
    else:
        verb = governor(tok)
        if verb is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
            return modal(tok.head) or planned(tok.head)  # "the talks will take place in Geneva"
        if verb is None:
            return False
        attached = tok.head == verb or (
            tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head == verb
        )
        if attached and (verb.lemma_.lower() in PLANNING_VERBS or due(verb)):
            return True  # "plan talks", "propose a meeting", "prepared for a visit", "is due for talks"
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "ahead":
            return True  # "ahead of a visit"
    if modal(verb) or (verb.dep_ == "conj" and modal(verb.head)):  # "will hold talks ... and meet"
        return True
    if verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() in PLAN_NOUNS:
        return True  # "accepted an invitation to visit Washington"
    if verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.head.head.head.pos_ in ("VERB", "AUX"):
        return planned(verb.head.head.head)  # "will visit Rome during a trip to attend the summit"
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return planned(verb.head)  # "will stop in Madrid to attend the summit": the purpose of a plan
    if any(modal(v) and not speech_verb(v) for v in islice(verb.ancestors, 4)):
        return True  # "On Monday, he will endure a flight to Berlin to meet Merkel"
    node = verb
    for _ in range(3):  # "is expected to visit", "agreed to hold talks", "is due to fly"
        if node.dep_ not in ("xcomp", "ccomp") or node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() in PLANNING_VERBS or node.lower_ in PLANNING_VERBS or modal(node):
            return True
        if node.lemma_ == "be" and any(c.lower_ == "to" for c in verb.children):
            return True  # "Scholz is to travel to Rio"
    return False
