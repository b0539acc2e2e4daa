"""Reading the dependency parse: who does what to whom, and what hangs from what.

Small helpers over spaCy tokens shared by the stages that read encounters, dates and places.
"""

from __future__ import annotations

from kb.extract.lexicon import CAPTION_POSITIONS, MEASURE_NOUNS, VENUE_NOUNS

_MODALS_PLANNED = {"will", "shall", "'ll", "would", "could", "may", "might"}


def due(verb) -> bool:
    """ "X is due in Rome": expected to arrive, a journey announced."""
    return verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ == "due" for c in verb.children)


def governor(noun):
    """The verb a trigger noun hangs from, as its object or through prepositions and nouns
    ("address the crisis in talks": address)."""
    node = noun
    for _ in range(6):
        if node.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return None
        head = node.head
        if head.pos_ in ("VERB", "AUX") and head.dep_ != "prep":  # "following a meeting" is a preposition
            return head
        if head.dep_ in ("ROOT",) or head == node:
            return None
        node = head
    return None


def subjects(tok) -> list:
    """The tokens naming who does what a verb says: its subject, the agent of a passive, or
    the subject of the clause it depends on."""
    found = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    # "attended by X ... and by Y": every "by" phrase, the later ones conjoined to the first
    by = [c for c in tok.children if c.dep_ == "agent"]
    by += [c for b in by for c in b.conjuncts if c.lower_ == "by"]
    agents = [g for c in by for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "nsubjpass" for c in tok.children) and agents:
        return agents  # "X was received by Y": Y is the actor
    if tok.dep_ == "conj" and tok.head.lower_ in CAPTION_POSITIONS:
        # "Obama, left, and Xi shake hands": the parse makes "left" the verb of the first name
        found = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")] + found
    if found:
        if found[0].lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
            return [tok.head]
        return found
    if tok.dep_ == "relcl":
        return [tok.head]
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ == "PROPN":
        return [tok.head]  # "Maharaz, visiting Ottawa to speak to a conference"
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return subjects(tok.head.head)
    if (
        tok.dep_ == "acl"
        and tok.head.pos_ == "NOUN"
        and tok.head.dep_ in ("dobj", "pobj")
        and tok.head.head.pos_ in ("VERB", "AUX")
    ):  # "discussed the need to hold talks with"
        return subjects(tok.head.head)
    if (
        tok.dep_ == "acl"
        and tok.head.pos_ == "NOUN"
        and tok.head.dep_ == "pobj"
        and tok.head.head.dep_ == "prep"
        and tok.head.head.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    ):  # "will visit Rome during a trip to Europe to attend the summit": the traveller attends
        return subjects(tok.head.head.head)
    if tok.dep_ == "xcomp":  # "invited Modi to visit": the object of the head does the visiting
        controllers = [c for c in tok.head.children if c.dep_ in ("dobj", "dative")]
        if controllers:
            return controllers
    if tok.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "acomp") and tok.head.pos_ in (
        "VERB",
        "AUX",
        "ADJ",
    ):
        return subjects(tok.head)
    return agents


def objects(tok) -> list:
    """Direct objects and datives, and the patient of a passive."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        objs += [c for c in tok.children if c.dep_ == "nsubjpass"]
    return objs


def preps(tok, words: tuple[str, ...]) -> list:
    """The objects of the token's prepositions among ``words``."""
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in words:
            # "with X and with Y": the second "with" is a conjunct of the first
            for prep in [child, *(c for c in child.conjuncts if c.lower_ == child.lower_)]:
                out.extend(g for g in prep.children if g.dep_ == "pobj")
    return out


def modal(verb) -> bool:
    """Whether a modal of the future or of possibility governs the verb ("will meet")."""
    return any(c.dep_ == "aux" and c.lower_ in _MODALS_PLANNED for c in verb.children)


def reaches(node, trigger) -> bool:
    """Whether a place hangs from the trigger (or the verb governing a trigger noun) through
    prepositions and venue nouns only: "talks on the war in Ukraine" does not place the talks."""
    targets = {trigger.i}
    if trigger.pos_ not in ("VERB", "AUX"):
        verb = governor(trigger)
        if verb is not None:
            targets.add(verb.i)
        subject = trigger
        while subject.dep_ in ("pobj", "prep") and subject.head != subject:  # "the last of the talks"
            subject = subject.head
        if subject.dep_ in ("nsubj", "nsubjpass") and subject.head.pos_ in ("VERB", "AUX"):
            targets.add(subject.head.i)  # "the talks will take place in Geneva on Friday"
        measure = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else None
        if measure is not None and measure.lemma_ in MEASURE_NOUNS:
            targets.add(measure.i)  # "two rounds of talks, scheduled for Thursday"
    frame = trigger  # "On Friday, X is due to host ...": up through the verbs that only frame it
    while frame.dep_ in ("xcomp", "acomp") and frame.head != frame:
        frame = frame.head
        targets.add(frame.i)
    for _ in range(8):
        head = node.head
        if head.i in targets:
            return True
        if head == node:
            return False
        if head.pos_ in ("VERB", "AUX") and head.dep_ == "acl" and head.head.i in targets:
            return True  # "an invitation, made at their summit in November": the participle's details
        if head.pos_ in ("VERB", "AUX") or (
            head.pos_ in ("NOUN", "PROPN")
            and head.lower_ not in VENUE_NOUNS
            and head.ent_type_ not in ("GPE", "LOC", "FAC", "EVENT", "ORG", "PERSON")
        ):
            return False
        node = head
    return False
