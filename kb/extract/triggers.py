"""Encounter triggers in a parsed sentence: the words reporting a meeting, call, visit or
invitation, with the tokens that name its people and places, and whether it is planned.

This stage reads one sentence's syntax only; the encounters stage turns the tokens into
people, and the dating, placing and merging stages finish the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.extract.lexicon import (
    CALL_NOUNS,
    CALL_VERBS,
    DEPARTURE_VERBS,
    GATHERING_NOUNS,
    HOLD_VERBS,
    INVITE_NOUNS,
    INVITE_VERBS,
    MEAL_NOUNS,
    MEETING_NOUNS,
    MEETING_VERBS,
    MOTION_VERBS,
    NEGATING_VERBS,
    NEGATIONS,
    PART_PREPS,
    PHONE_WORDS,
    PLAN_NOUNS,
    PLANNING_VERBS,
    TALK_VERBS,
    VISIT_NOUNS,
    VISIT_VERBS,
    WISH_VERBS,
)
from kb.extract.syntax import due, governor, modal, objects, preps, subjects


@dataclass
class Found:
    """An encounter as one sentence states it, before people are merged across the article."""

    kind: str
    trigger: int  # token index
    subjects: list = field(default_factory=list)  # tokens whose persons are hosts/visitors
    objects: list = field(default_factory=list)  # tokens whose persons are guests/others
    companions: list = field(default_factory=list)
    planned: bool = False
    hosted: bool = False  # the subject received the object (host/guest roles are known)
    confidence: float = 0.8
    place_tokens: list = field(default_factory=list)
    solo: bool = False  # one named participant is enough ("attended the summit")


def find_triggers(sent) -> list[Found]:
    """Every encounter trigger in a sentence with the tokens naming its participants."""
    found: list[Found] = []
    used_nouns: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            item = _verb_trigger(tok, lemma, used_nouns)
        elif tok.pos_ in ("NOUN", "PROPN") and tok.i not in used_nouns:
            item = _noun_trigger(tok, lemma)
        else:
            item = None
        if item is None or _negated(tok) or _wished(tok):
            continue
        item.planned = item.planned or _planned(tok)
        found.append(item)
    return found


def _verb_trigger(tok, lemma: str, used_nouns: set[int]) -> Found | None:
    objs = objects(tok)
    withs = preps(tok, ("with", "alongside", "between"))
    gathering = any(o.lemma_.lower() in MEETING_NOUNS | CALL_NOUNS for o in objs)
    if lemma in MEETING_VERBS and not (lemma in HOLD_VERBS and gathering):  # "host a dinner" below
        if lemma == "meet" or withs:
            return Found("meeting", tok.i, subjects(tok), objs + withs)
        if objs:  # receive / host / greet / welcome someone
            return Found("meeting", tok.i, subjects(tok), objs, hosted=True)
        return None
    if lemma == "pay":  # "paid a courtesy call on the President", "paid a visit to"
        for obj in objs:
            if obj.lemma_.lower() in ("call", "visit", "respects"):
                used_nouns.add(obj.i)
                guests = preps(tok, ("on", "to")) + preps(obj, ("on", "to"))
                people = [g for g in guests if g.ent_type_ == "PERSON" or g.pos_ == "PROPN"]
                if people:
                    return Found("meeting", tok.i, subjects(tok), people, confidence=0.7)
                return Found("visit", tok.i, subjects(tok), [], place_tokens=guests, confidence=0.6)
        return None
    if lemma in HOLD_VERBS:
        for obj in objs:
            noun = obj.lemma_.lower()
            kind = _noun_kind(obj, noun)
            if kind in ("meeting", "phone_call"):
                used_nouns.add(obj.i)
                others = withs + preps(obj, ("with", "between", "for", "in honour of", "honoring"))
                others += preps(tok, ("for",)) if noun in MEAL_NOUNS else []
                return Found(
                    kind,
                    tok.i,
                    subjects(tok),
                    others,
                    hosted=lemma == "host" and not others,
                    solo=lemma in ("attend", "host", "chair", "join") and noun in GATHERING_NOUNS,
                )
        people = [o for o in objs if o.ent_type_ == "PERSON" or o.lower_ in ("him", "her", "them")]
        if lemma == "host" and people:  # "Albanese will host him"
            return Found("meeting", tok.i, subjects(tok), people, hosted=True)
        return None
    if lemma in CALL_VERBS:
        urged = [p for p in preps(tok, ("for", "on", "off", "upon")) if p.ent_type_ not in ("DATE", "TIME")]
        if lemma in ("call", "ring") and (
            not objs or urged or any(c.dep_ in ("oprd", "ccomp") for c in tok.children)
        ):
            return None
        return Found("phone_call", tok.i, subjects(tok), objs + withs)
    if lemma in TALK_VERBS:
        phone = any(t.lower_ in PHONE_WORDS for t in tok.subtree if t.head == tok or t.head.head == tok)
        if withs or phone:
            return Found(
                "phone_call" if phone else "meeting",
                tok.i,
                subjects(tok),
                withs,
                confidence=0.7 if phone else 0.6,
            )
        return None
    if lemma in VISIT_VERBS:
        subjs = subjects(tok)
        if lemma == "visit":
            return Found(
                "visit",
                tok.i,
                subjs,
                [o for o in objs if o.ent_type_ == "PERSON"],
                place_tokens=objs + preps(tok, ("to", "in")),
                hosted=True,
            )
        targets = preps(tok, ("to", "in", "for")) if lemma != "tour" else objs + preps(tok, ("through",))
        if lemma in ("go", "head", "come"):  # only a journey to a named place
            targets = [t for t in preps(tok, ("to",)) if t.ent_type_ in ("GPE", "LOC")]
        if targets:
            return Found("visit", tok.i, subjs, [], place_tokens=targets, confidence=0.6)
        if (
            lemma == "arrive"
            and not objs
            and not any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children)
        ):
            # "Aqazadeh arrived last night": where the story is told from, if it has a dateline
            return Found("visit", tok.i, subjs, [], confidence=0.5)
        return None
    if lemma in INVITE_VERBS and objs:
        return Found("invitation", tok.i, subjects(tok), objs, planned=True, hosted=True)
    return None


def _noun_kind(tok, noun: str) -> str | None:
    if noun in CALL_NOUNS and (
        noun != "call"
        or any(c.lower_ in PHONE_WORDS for c in tok.children)
        or tok.head.lemma_.lower() in HOLD_VERBS
    ):
        if noun == "conversation" and not any(c.lower_ in PHONE_WORDS for c in tok.children):
            return "meeting"
        return "phone_call"
    if noun in MEETING_NOUNS:
        if any(c.lower_ in PHONE_WORDS for c in tok.children):
            return "phone_call"
        return "meeting"
    if noun in VISIT_NOUNS:
        return "visit"
    if noun in INVITE_NOUNS:
        return "invitation"
    return None


def _guest_of(tok) -> Found | None:
    """ "X will be in Rome as the guest of President Y": Y receives X."""
    hosts = [h for h in preps(tok, ("of",)) if h.ent_type_ == "PERSON"]
    gov = governor(tok)
    if not hosts or gov is None or (tok.head.lower_ not in ("as", "of") and tok.dep_ != "attr"):
        return None
    return Found("meeting", tok.i, hosts, subjects(gov), hosted=True, confidence=0.6)


def _noun_trigger(tok, lemma: str) -> Found | None:
    if lemma == "guest":
        return _guest_of(tok)
    kind = _noun_kind(tok, lemma)
    if kind is None:
        return None
    owners = [c for c in tok.children if c.dep_ == "poss"]
    others = preps(tok, ("with", "between", "by", "to", "from"))
    if kind == "visit":
        others = others + preps(tok, ("through", "in", "around", "across", "of"))
        persons = [o for o in others if o.ent_type_ == "PERSON" and o.head.lower_ != "to"]
        places = [o for o in others if o not in persons]
        visitors = owners + [o for o in persons if o.head.lower_ == "by"]
        if not visitors:  # "began a swing through Argentina", "arrived for a state visit"
            gov = governor(tok)
            if gov is not None and _takes_part(tok, gov):
                visitors = subjects(gov)
                places += preps(gov, ("through", "to", "around", "across"))
                if gov.lemma_.lower() in DEPARTURE_VERBS:  # "leaving Tokyo at the end of a visit"
                    places += [c for c in gov.children if c.dep_ == "dobj"]
        return Found(
            "visit",
            tok.i,
            visitors,
            [p for p in persons if p.head.lower_ != "by"],
            place_tokens=places,
            confidence=0.6,
        )
    if kind == "invitation":
        return Found(
            kind,
            tok.i,
            owners + preps(tok, ("from", "by")),
            preps(tok, ("to", "for")),
            planned=True,
            confidence=0.6,
        )
    compounds = [
        c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ == "PERSON"
    ]
    gov = governor(tok)
    if gov is not None and not _takes_part(tok, gov):
        gov = None
    if not owners and not compounds and gov is not None:
        # "X discussed ... in talks with Y", "X said after talks with Y", "X and Y plan talks"
        owners = subjects(gov)
        if not others:
            others = preps(gov, ("with",))
    if not (owners or others or compounds):
        return None
    # "his talks in Washington": one named side and a place is an encounter worth keeping
    solo = (
        kind == "meeting"
        and bool(owners)
        and not others
        and any(c.dep_ == "prep" and c.lower_ in ("in", "at") for c in tok.children)
    )
    return Found(kind, tok.i, owners + compounds, others, confidence=0.7, solo=solo)


def _takes_part(noun, verb) -> bool:
    """Whether the governing verb's subject took part: "held talks", "said after talks" do;
    "pressed for peace talks" does not."""
    if noun.head == verb and noun.dep_ == "dobj":
        return verb.lemma_.lower() in HOLD_VERBS | {"join", "chair", "conclude", "end", "wrap", "finish"}
    travels = verb.lemma_.lower() in MOTION_VERBS or due(verb)
    preps = PART_PREPS | ({"for"} if travels else set())  # "flew in for talks", "is due in Rome for talks"
    node = noun
    while node.head != node and node.head != verb:
        if node.dep_ == "pobj" and node.head.lower_ in preps and node.head.head == verb:
            return True
        node = node.head
    return False


def _negated(tok) -> bool:
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


def _wished(tok) -> bool:
    """ "wanted to speak with", "hopes to visit": a wish, not an encounter or a plan."""
    node = tok
    for _ in range(2):
        if node.dep_ not in ("xcomp", "dobj", "ccomp") or node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() in WISH_VERBS:
            return True
    return False


def _planned(tok) -> bool:
    """Will meet, is expected to visit, plans talks, agreed to hold talks, an upcoming summit."""
    if any(
        c.lower_ in ("upcoming", "planned", "proposed", "forthcoming", "next", "future") for c in tok.children
    ):
        return True
    if tok.pos_ in ("VERB", "AUX"):
        verb = tok
    else:
        verb = governor(tok)
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
        return _planned(verb.head.head.head)  # "will visit Rome during a trip to attend the summit"
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return _planned(verb.head)  # "will stop in Madrid to attend the summit": the purpose of a plan
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
