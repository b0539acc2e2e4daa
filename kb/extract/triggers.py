"""Encounter triggers in a parsed sentence: the words reporting a meeting, call, visit or
invitation, with the tokens that name its people and places, and whether it is planned.

This stage reads one sentence's syntax only; the encounters stage turns the tokens into
people, and the dating, placing and merging stages finish the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.extract.context import is_caption
from kb.extract.lexicon import (
    ACCEPT_VERBS,
    ADDRESS_VERBS,
    AGREEMENT_NOUNS,
    CALL_NOUNS,
    CALL_VERBS,
    CAPTION_POSITIONS,
    CAPTION_VERBS,
    CLAUSE_DEPS,
    DEPARTURE_VERBS,
    EXTEND_VERBS,
    FINISH_VERBS,
    GATHERING_NOUNS,
    HOLD_VERBS,
    INVITE_NOUNS,
    INVITE_VERBS,
    INVITED_TO_SERVE,
    MEAL_NOUNS,
    MEAL_VERBS,
    MEASURE_NOUNS,
    MEETING_NOUNS,
    MEETING_PHRASES,
    MEETING_VERBS,
    MOTION_VERBS,
    OFFICE_WORDS,
    PART_PREPS,
    PHONE_WORDS,
    PROPOSE_VERBS,
    REQUEST_NOUNS,
    SEND_VERBS,
    SHIFTING_MARKS,
    SIGN_VERBS,
    SOLO_HOLD_VERBS,
    SPEECH_VERBS,
    SUMMON_VERBS,
    TALK_VERBS,
    UNDERTAKE_VERBS,
    VENUE_NOUNS,
    VISIT_NOUNS,
    VISIT_VERBS,
)
from kb.extract.modality import hypothetical, negated, planned, separately, wished
from kb.extract.quotes import speech_verb
from kb.extract.syntax import due, governor, modal, objects, preps, subjects
from kb.kinds import KINDS


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
    named_only: bool = False  # the other side must be named ("spoke to students" is a talk, not an encounter)
    separate: bool = False  # one encounter with each of the others ("held separate meetings with X and Y")


def find_triggers(sent) -> list[Found]:
    """Every encounter trigger in a sentence with the tokens naming its participants."""
    found: list[Found] = []
    used_nouns: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            item = _verb_trigger(tok, lemma, used_nouns)
        elif _verb_read_as_noun(tok):
            item = _verb_trigger(tok, tok.lower_[:-1], used_nouns)
        elif tok.pos_ in ("NOUN", "PROPN") and tok.i not in used_nouns:
            item = _noun_trigger(tok, lemma)
        else:
            item = None
        if item is None or negated(tok) or wished(tok) or hypothetical(tok):
            continue
        if item.kind == "meeting" and _proposer(tok) is not None:
            continue  # "proposed that they meet": the proposal is the invitation
        item.planned = item.planned or planned(tok)
        item.separate = separately(tok)
        found.append(item)
    return found


def _verb_read_as_noun(tok) -> bool:
    """ "Erdogan, right, greets Jubeir": a caption's verb the tagger read as a plural noun."""
    return (
        tok.pos_ == "NOUN"
        and tok.lower_ in CAPTION_VERBS
        and (
            any(c.dep_ == "nsubj" for c in tok.children)
            or (tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON")  # "el-Sisi, right, greets"
            or _caption_subject(tok) is not None
        )
    )


def _caption_subject(tok):
    """ "Scholz, left, greets Macron": the person named just before a caption's position word."""
    doc = tok.doc
    i = tok.i
    if (
        i < 4
        or doc[i - 1].text != ","
        or doc[i - 2].lower_ not in CAPTION_POSITIONS
        or doc[i - 3].text != ","
    ):
        return None
    return doc[i - 4] if doc[i - 4].ent_type_ == "PERSON" else None


def _verb_trigger(tok, lemma: str, used_nouns: set[int]) -> Found | None:
    objs = objects(tok)
    if tok.pos_ == "NOUN":  # a caption verb read as a noun: its object hangs from it loosely
        objs = [c for c in tok.children if c.i > tok.i and c.dep_ in ("appos", "dobj", "npadvmod", "nmod")]
    withs = preps(tok, ("with", "alongside", "between"))
    gathering = any(o.lemma_.lower() in MEETING_NOUNS | CALL_NOUNS for o in objs)
    if lemma in MEETING_VERBS and not (lemma in HOLD_VERBS and gathering):  # "host a dinner" below
        return _meeting_verb(tok, lemma, objs, withs)
    if lemma in MEETING_PHRASES:
        return _meeting_phrase(tok, lemma, objs, withs)
    if lemma == "pay":  # "paid a courtesy call on the President", "paid a visit to"
        return _paid(tok, objs, used_nouns)
    if lemma in HOLD_VERBS or lemma in MEAL_VERBS:
        return _held(tok, lemma, objs, withs, used_nouns)
    if lemma in SIGN_VERBS and any(o.lemma_.lower() in AGREEMENT_NOUNS for o in objs):
        return _signed(tok, objs)
    if lemma in CALL_VERBS:
        return _called(tok, lemma, objs, withs)
    if lemma in TALK_VERBS:
        return _talked(tok, lemma, withs)
    if lemma in VISIT_VERBS:
        return _travelled(tok, lemma, objs)
    if lemma in INVITE_VERBS and objs and _invited_to_meet(tok):
        return Found("invitation", tok.i, subjects(tok), objs, planned=True, hosted=True)
    if lemma in PROPOSE_VERBS:
        return _proposed(tok)
    return None


def _signed(tok, objs: list) -> Found | None:
    """ "X and Y signed an agreement", "an accord was reached between X and Y": they met to do it."""
    deals = [o for o in objs if o.lemma_.lower() in AGREEMENT_NOUNS]
    if not deals:
        return None
    parties = preps(tok, ("between",)) + [g for d in deals for g in preps(d, ("between",))]
    subjs = [] if any(c.dep_ == "nsubjpass" for c in tok.children) else subjects(tok)
    if not parties and not (subjs and subjs[0].conjuncts):
        return None  # one side signing says nothing of meeting the other
    return Found("meeting", tok.i, subjs, parties, confidence=0.5, named_only=True)


def _meeting_verb(tok, lemma: str, objs: list, withs: list) -> Found | None:
    """Met, received, hosted, greeted, welcomed, conferred with, summoned, saw someone."""
    subjs = [tok.head] if tok.pos_ == "NOUN" and tok.dep_ == "appos" else subjects(tok)
    caption = _caption_subject(tok)
    if caption is not None and tok.pos_ == "NOUN" and not subjs:
        subjs = [caption]
        following = tok.doc[tok.i + 1 : tok.sent.end]
        objs = objs or [t for t in following if t.ent_type_ == "PERSON"][:1]
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if passive and not objs and subjs and tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.pos_ == "VERB":
        objs = [
            c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")
        ]  # "waves as is welcomed by Y"
    if not objs and not withs:
        subjs, objs = _sides(tok, subjs)
    if lemma == "see":  # "is expected to see X": a meeting only with a named person, not "see X as"
        people = [o for o in objs if o.ent_type_ == "PERSON"]
        framed = any(c.dep_ in ("ccomp", "xcomp", "oprd") or c.lower_ == "as" for c in tok.children)
        if not people or framed:
            return None
        return Found("meeting", tok.i, subjs, people, confidence=0.6)
    if lemma == "meet" and not objs and not withs:  # "met ... after the market closed with Baker"
        withs = [
            g
            for t in tok.subtree
            if t.dep_ == "prep" and t.lower_ == "with"
            for g in preps(t.head, ("with",))
        ]
    others = _with_names_after(tok, objs + withs)
    if lemma == "meet" or withs:
        return Found("meeting", tok.i, subjs, others)
    if objs:  # receive / host / greet / welcome / summon someone
        return Found("meeting", tok.i, subjs, others, hosted=True, solo=lemma in SUMMON_VERBS)
    return None


def _meeting_phrase(tok, lemma: str, objs: list, withs: list) -> Found | None:
    """Shook hands with, sat down with, played host to."""
    if lemma == "shake" and any(o.lower_ == "hands" for o in objs):
        return Found("meeting", tok.i, _sides(tok, subjects(tok))[0], withs)
    if lemma == "sit" and withs and any(c.lower_ == "down" for c in tok.children):
        return Found("meeting", tok.i, subjects(tok), withs)
    host = next((o for o in objs if o.lower_ == "host"), None)
    if lemma == "play" and host is not None:
        return Found("meeting", tok.i, subjects(tok), preps(tok, ("to",)) + preps(host, ("to",)), hosted=True)
    return None


def _with_names_after(tok, others: list) -> list:
    """ "met with leaders of the parties, A, B and C", "spoke to four leaders Saturday, including
    A and B": when the other side is a noun, the names the parse left about the clause after it."""
    if others and not any(t.ent_type_ == "PERSON" or t.pos_ == "PRON" for t in others):
        return others + [t for t in _clause_names(tok) if t.i > max(o.i for o in others)]
    return others


def _sides(tok, subjs: list) -> tuple[list, list]:
    """The people before and after a verb in its own clause, when the parse lost their roles:
    "Kenyatta, left, welcomes Ahmed" (Kenyatta made the subject of "left", Ahmed of "welcomes"),
    "Obama and Castro shook hands" (the first name read as a preposition)."""
    names = _clause_names(tok)
    before = [t for t in names if t.i < tok.i]
    after = [t for t in names if t.i > tok.i]
    if not after:
        return list(dict.fromkeys(subjs + before)), []  # "Obama, left, and Xi shake hands"
    return (before or [s for s in subjs if s.i < tok.i]), after


def _clause_names(verb) -> list:
    """One token of each PERSON name in the verb's own clause, outside other clauses and phrases."""
    out = []
    stack = [verb]
    while stack:
        node = stack.pop()
        for child in node.children:
            if child.dep_ in CLAUSE_DEPS and child.lower_ not in CAPTION_POSITIONS:
                continue
            if (
                child.dep_ == "prep"
                and child.lower_ not in ("with", "and", "alongside")
                and not child.ent_type_
            ):
                continue
            if child.dep_ == "poss" or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            stack.append(child)
            if child.ent_type_ == "PERSON" and (child.head.ent_type_ != "PERSON" or child.head == verb):
                out.append(child)
    return sorted(out, key=lambda t: t.i)


def _paid(tok, objs: list, used_nouns: set[int]) -> Found | None:
    for obj in objs:
        if obj.lemma_.lower() in ("call", "visit", "respects"):
            used_nouns.add(obj.i)
            guests = preps(tok, ("on", "to")) + preps(obj, ("on", "to"))
            people = [g for g in guests if g.ent_type_ == "PERSON" or g.pos_ == "PROPN"]
            if people:
                return Found("meeting", tok.i, subjects(tok), people, confidence=0.7)
            return Found("visit", tok.i, subjects(tok), [], place_tokens=guests, confidence=0.6)
    return None


def _held(tok, lemma: str, objs: list, withs: list, used_nouns: set[int]) -> Found | None:
    """Held talks, had a call, attended the summit, hosted a dinner for, gave a banquet in honour of."""
    for obj in objs:
        noun = obj.lemma_.lower()
        if lemma in MEAL_VERBS and noun not in MEAL_NOUNS:
            continue
        kind = _noun_kind(obj, noun)
        if kind in ("meeting", "phone_call"):
            used_nouns.add(obj.i)
            others = withs + preps(obj, ("with", "between", "for", "in honour of", "honoring"))
            others += preps(tok, ("for",)) if noun in MEAL_NOUNS else []
            others += [
                g for h in preps(tok, ("in",)) if h.lower_ in ("honour", "honor") for g in preps(h, ("of",))
            ]
            subjs = subjects(tok)
            if noun in ("conference", "briefing"):  # "Trump and King Abdullah hold a news conference"
                subjs = subjs + [
                    t for x in subjs for t in x.subtree if t.ent_type_ == "PERSON" and t.ent_iob_ == "B"
                ]
            return Found(
                kind,
                tok.i,
                subjs,
                others,
                hosted=lemma in ("host", *MEAL_VERBS) and not others,
                solo=lemma in SOLO_HOLD_VERBS and noun in GATHERING_NOUNS and not _joint(obj),
            )
    people = [o for o in objs if o.ent_type_ == "PERSON" or o.lower_ in ("him", "her", "them")]
    if lemma == "host" and people:  # "Albanese will host him"
        return Found("meeting", tok.i, subjects(tok), people, hosted=True)
    return None


def _press_conference(noun) -> bool:
    """ "at a news conference": talking to the press is not an encounter, unless held jointly."""
    if noun.lemma_.lower() not in ("conference", "briefing") or _joint(noun):
        return False
    verb = noun.head if noun.dep_ == "dobj" else None
    if verb is not None:
        starts = [
            t for s in subjects(verb) for t in s.subtree if t.ent_type_ == "PERSON" and t.ent_iob_ == "B"
        ]
        if len(starts) >= 2:
            return False  # "Trump and King Abdullah hold a news conference": together
    return any(c.lower_ in ("news", "press", "media") for c in noun.children)


def _joint(noun) -> bool:
    """ "held a joint news conference", "their news conference": the subjects appeared together."""
    return any(c.lower_ in ("joint", "their") for c in noun.children)


def _called(tok, lemma: str, objs: list, withs: list) -> Found | None:
    """Phoned, telephoned, called someone (not "called on X to", not "called X a liar"),
    reached out by telephone to someone."""
    if lemma == "reach":
        if not any(c.lower_ == "out" for c in tok.children) or not _by_phone(tok):
            return None
        return Found("phone_call", tok.i, subjects(tok), preps(tok, ("to",)) + withs, confidence=0.7)
    visited = [p for p in preps(tok, ("on", "upon")) if p.ent_type_ == "PERSON"]
    if lemma == "call" and visited and not any(c.dep_ in _URGED for c in tok.children):
        return Found(
            "meeting", tok.i, subjects(tok), visited, confidence=0.6
        )  # "is to call on the President"
    if not objs:  # "called President X on Monday": the name read as a predicate, as in "called X a liar"
        objs = [c for c in tok.children if c.dep_ == "oprd" and c.ent_type_ == "PERSON"]
    urged = [p for p in preps(tok, ("for", "on", "off", "upon")) if p.ent_type_ not in ("DATE", "TIME")]
    if lemma in ("call", "ring") and (
        not objs or urged or any(c.dep_ in ("oprd", "ccomp") and c not in objs for c in tok.children)
    ):
        return None
    return Found("phone_call", tok.i, subjects(tok), objs + withs)


_URGED = ("xcomp", "ccomp", "advcl", "oprd")  # "called on X to withdraw": an appeal, not a call on X


def _talked(tok, lemma: str, withs: list) -> Found | None:
    """Talked or spoke with someone, by phone or in person; discussed something with someone.

    A leader who "spoke with" another, with no place or gathering to put them together, did so
    on the telephone: that is how readouts of calls are worded.
    """
    phone = _by_phone(tok)
    if phone and not withs:  # "spoke by telephone with X": the parse hangs X from the telephone
        withs = [w for p in preps(tok, _PHONE_PREPS) for w in preps(p, ("with",))]
    if lemma != "discuss":
        withs = _with_names_after(tok, withs + preps(tok, ("to",)))
    subjs = subjects(tok)
    together = lemma == "discuss" and any(s.conjuncts for s in subjs)  # "X and Y discussed Aleppo"
    if not (withs or phone or together):
        return None
    if phone:
        return Found("phone_call", tok.i, subjects(tok), withs, confidence=0.7, named_only=True)
    if lemma != "discuss" and not _located(tok):
        return Found("phone_call", tok.i, subjects(tok), withs, confidence=0.5, named_only=True)
    return Found("meeting", tok.i, subjects(tok), withs, confidence=0.6, named_only=True)


def _by_phone(tok) -> bool:
    """ "spoke by telephone", "talked on the phone", "by video link", "in a phone call"."""
    for child in tok.children:
        phrase = child.dep_ in ("prep", "agent", "advmod", "npadvmod") and child.lower_ in _PHONE_PREPS
        if phrase and (child.lower_ == "phone" or any(t.lower_ in PHONE_WORDS for t in child.subtree)):
            return True
    return any(t.lower_ in PHONE_WORDS for t in tok.children)


_PHONE_PREPS = ("by", "on", "over", "via", "in", "phone")


def _located(tok) -> bool:
    """Whether a verb is placed somewhere, or at a gathering ("in Geneva", "on the sidelines")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "on", "during", "after", "before"):
            for t in child.subtree:
                if t.ent_type_ in ("GPE", "LOC", "FAC") or t.lemma_.lower() in VENUE_NOUNS:
                    return True
        if child.lower_ in ("here", "there"):
            return True
    return False


def _travelled(tok, lemma: str, objs: list) -> Found | None:
    """Visited a place, travelled / flew / headed to it, arrived or landed in it, left for it."""
    subjs = subjects(tok) or _sides(tok, [])[0]
    if lemma == "visit":
        if _visiting(tok):
            return None  # "the visiting minister": who visits, not a visit told
        hosts = [o for o in objs if o.ent_type_ == "PERSON"]
        if hosts:  # "will visit Treasury Secretary Baker": a visit to a named host is a meeting
            return Found("meeting", tok.i, hosts, subjs, hosted=True, confidence=0.7)
        return Found("visit", tok.i, subjs, [], place_tokens=objs + preps(tok, ("to", "in")), hosted=True)
    if lemma == "tour":
        targets = objs + preps(tok, ("through",))
    elif lemma in ("go", "head", "come"):  # only a journey to a named place
        targets = _named_places(preps(tok, ("to",)))
    elif lemma in DEPARTURE_VERBS:  # "left for Cuba", not "left Bonn"
        targets = _named_places(preps(tok, ("for",)))
    elif lemma == "land":
        targets = _named_places(preps(tok, ("in", "at")))
    elif lemma == "stop":  # "stopped in Rome", "will stop over in Madrid"
        targets = _named_places(
            preps(tok, ("in", "at"))
            + [g for c in tok.children if c.lower_ == "over" for g in preps(c, ("in", "at"))]
        )
    else:
        targets = preps(tok, ("to", "in", "for", "into"))
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


def _visiting(tok) -> bool:
    """ "told visiting Secretary Shultz", "the visiting minister": a participle naming a visitor."""
    if tok.tag_ != "VBG" or any(c.dep_ in ("aux", "nsubj", "mark") for c in tok.children):
        return False
    return tok.dep_ == "amod" or (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in SPEECH_VERBS)


def _named_places(tokens: list) -> list:
    """The tokens naming a place, looking inside a phrase the parser built around it ("to Kyiv Monday")."""
    out = []
    for tok in tokens:
        if tok.ent_type_ in ("GPE", "LOC"):
            out.append(tok)
        else:
            out.extend(
                c for c in tok.children if c.dep_ in ("compound", "nmod") and c.ent_type_ in ("GPE", "LOC")
            )
    return out


def _proposed(tok) -> Found | None:
    """ "proposed that they meet", "proposed in a letter to X that they meet": an invitation."""
    if _meeting_proposed(tok) is None:
        return None
    invitees = preps(tok, ("to",)) + [g for n in preps(tok, ("in",)) for g in preps(n, ("to",))]
    invitees += [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    return Found("invitation", tok.i, subjects(tok), invitees, planned=True, hosted=True, confidence=0.6)


def _meeting_proposed(verb):
    """The "meet" a proposal's clause holds, if any (through a letter or a message)."""
    for tok in verb.subtree:
        if tok.lemma_.lower() == "meet" and tok.pos_ == "VERB" and _proposer(tok) == verb:
            return tok
    return None


def _proposer(tok):
    """The verb of proposing that a "meet" hangs from, within a few steps, if any."""
    node = tok
    for _ in range(4):
        if node.dep_ not in ("ccomp", "xcomp", "relcl", "pobj", "prep", "acl") or node.head == node:
            return None
        node = node.head
        if node.lemma_.lower() in PROPOSE_VERBS:
            return node
    return None


def _noun_kind(tok, noun: str) -> str | None:
    added = KINDS.trigger_base(noun)  # a word of a kind the kinds table adds ("summit" for summits)
    if added is not None and noun not in CALL_NOUNS | MEETING_NOUNS | VISIT_NOUNS | INVITE_NOUNS:
        return added
    if noun in CALL_NOUNS and (
        noun != "call"
        or any(c.lower_ in PHONE_WORDS for c in tok.children)
        or tok.head.lemma_.lower() in HOLD_VERBS
        or any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)  # "in a call with X"
        or any(p.ent_type_ == "PERSON" for p in preps(tok, ("from", "between")))  # "a call from X"
    ):
        if noun == "conversation" and not any(c.lower_ in PHONE_WORDS for c in tok.children):
            return "meeting"
        return "phone_call"
    if noun in MEETING_NOUNS:
        if any(c.lower_ in PHONE_WORDS for c in tok.children):
            return "phone_call"
        if _press_conference(tok):
            return None
        return "meeting"
    if noun == "ceremony" and any(c.lower_ in ("welcome", "welcoming", "arrival") for c in tok.children):
        return "meeting"  # "walks with Xi during a welcome ceremony"
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
    if tok.dep_ == "compound" and _noun_kind(tok.head, tok.head.lemma_.lower()) is not None:
        return None  # "telephone" in "telephone call": the call is the trigger
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
        return _invitation(tok, owners)
    gov = governor(tok)
    if kind == "meeting" and gov is not None and tok.dep_ == "dobj" and gov.lemma_.lower() in PROPOSE_VERBS:
        # "proposed a meeting with X": a formal proposal to meet is an invitation; one merely
        # announced as coming ("will propose a summit") is not yet made
        if modal(gov) or planned(gov):
            return None
        return Found("invitation", tok.i, subjects(gov), others, planned=True, hosted=True, confidence=0.6)
    request = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "for" else None
    if kind == "meeting" and request is not None and request.lemma_.lower() in REQUEST_NOUNS:
        # "the request for a meeting came from X and Y": a proposal to meet, by X and Y
        askers = [c for c in request.children if c.dep_ == "poss"] + preps(request, ("from", "by"))
        verb = request.head if request.dep_ in ("nsubj", "nsubjpass") else None
        askers += preps(verb, ("from",)) if verb is not None else []
        if askers:  # asked by both sides, it has no invitee: the askers are its people
            return Found(
                "invitation", tok.i, askers, others, planned=True, hosted=True, confidence=0.5, solo=True
            )
    compounds = [
        c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ == "PERSON"
    ]
    outer = _outer_verb(tok, gov)
    if outer is not gov and tok.dep_ == "pobj" and tok.head.lower_ in PART_PREPS:
        gov = outer  # the phrase belongs to the earlier verb, which took part
    elif gov is not None and not _takes_part(tok, gov):
        gov = None
    if gov is not None and owners and all(o.lower_ in ("their", "its") for o in owners):
        later = [t for t in subjects(gov) if t.i > tok.i]
        if later:
            owners = []  # "In their phone conversation, X and Y agreed": the clause names them after
    if not owners and not compounds and gov is not None:
        # "X discussed ... in talks with Y", "X said after talks with Y", "X and Y plan talks"
        owners = subjects(gov)
        if gov.lemma_.lower() in SEND_VERBS:  # "Reagan is sending Shultz to Moscow for talks": Shultz
            owners = [c for c in gov.children if c.dep_ == "dobj" and _person_like(c)] or owners
        if not others:
            others = preps(gov, ("with", "between"))
        if kind == "phone_call" and gov.lemma_.lower() in ("make", "place") and tok.dep_ == "nsubjpass":
            others = others + preps(gov, ("to",))  # "his call was made to Merkel"
        if gov.lemma_.lower() == "tell":  # "X told Y in a telephone call": Y was on the line
            others = others + [c for c in gov.children if c.dep_ in ("dobj", "dative", "iobj")]
        elif not others and kind in ("meeting", "phone_call") and gov.lemma_.lower() not in MOTION_VERBS:
            others = _addressed(gov)
    if not others and gov is None:  # "the last of the talks will be in Washington between X and Y"
        subject = _subject_phrase(tok)
        if subject is not None:
            others = preps(subject.head, ("between", "with"))
    attendee = _attendee(tok) if not (owners or others or compounds) else None
    if attendee is not None:  # a caption: "Medvedev, center rear, at a government meeting"
        return Found(kind, tok.i, [attendee], [], confidence=0.5, solo=True)
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


def _addressed(verb) -> list:
    """Whom the verb's subject addressed, by name, pronoun or office: "thanked Merkel in a telephone
    conversation", "expressed condolences to Hollande in a call" (the other side of the encounter)."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    found = objs + preps(verb, ("to",)) + [g for o in objs for g in preps(o, ("to",))]
    found += [g for o in objs if o.lower_ == "to" for g in o.children if g.dep_ == "pobj"]  # dative "to"
    return [t for t in found if _person_like(t)]


def _person_like(tok) -> bool:
    """A token that may name a person: a name, a pronoun or an office, not a place or a body."""
    return tok.ent_type_ not in ("GPE", "ORG", "NORP", "LOC") and (
        tok.ent_type_ == "PERSON" or tok.pos_ in ("PRON", "PROPN") or tok.lemma_.lower() in OFFICE_WORDS
    )


def _subject_phrase(noun):
    """The subject a noun stands in, through "of" phrases ("the last of the talks"), if any."""
    node = noun
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass"):
            return node
        if node.dep_ not in ("pobj", "prep") or node.head == node:
            return None
        node = node.head
    return None


def _attendee(noun):
    """The person a verbless caption puts "at" or "during" a gathering."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in ("at", "during") or not is_caption(noun.sent):
        return None
    head = noun.head.head
    return head if head.ent_type_ == "PERSON" else None


def _invited_to_meet(tok) -> bool:
    """An invitation to visit, meet or talk, not to take up a post ("to fill the vacant post")."""
    purposes = [c for c in tok.children if c.dep_ in ("xcomp", "acl", "advcl") and c.pos_ == "VERB"]
    return not any(p.lemma_.lower() in INVITED_TO_SERVE for p in purposes)


def _invitation(tok, owners: list) -> Found | None:
    """An invitation from its owner ("Biden's invitation to Modi") or from whoever extends it;
    one accepted or received is to the verb's subject."""
    inviters = owners + preps(tok, ("from", "by", "of"))
    invitees = preps(tok, ("to", "for"))
    gov = governor(tok)
    if gov is not None and tok.dep_ == "pobj" and tok.head.lower_ in ("at", "on") and not invitees:
        invitees = subjects(gov)  # "X will visit Y at the invitation of Z"
    if gov is not None and tok.dep_ == "dobj":
        verb = gov.lemma_.lower()
        if verb in EXTEND_VERBS and not inviters:
            inviters = subjects(gov)
            invitees = invitees or [c for c in gov.children if c.dep_ in ("dative", "iobj")]
        elif verb in ACCEPT_VERBS and not invitees:
            invitees = subjects(gov)
    if not _invited_to_meet(tok):
        return None
    return Found("invitation", tok.i, inviters, invitees, planned=True, confidence=0.6)


def _outer_verb(noun, verb):
    """ "Putin told Obama, in a telephone call, Moscow reserves the right": a phrase before the
    subject of a reported clause belongs to the verb that reports it, the nearest before it."""
    if verb is None or verb.i < noun.i:
        return verb
    subjs = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjs or noun.i > min(s.i for s in subjs):
        return verb
    earlier = [t for t in noun.sent if t.i < noun.i and t.pos_ == "VERB"]
    if earlier and speech_verb(earlier[-1]):
        return earlier[-1]
    return verb


def _somewhere(verb) -> bool:
    """ "X is in Beijing for a two-day visit": being at a named place."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ in ("in", "at")
        and any(g.ent_type_ in ("GPE", "LOC") for g in c.children)
        for c in verb.children
    )


def _takes_part(noun, verb) -> bool:
    """Whether the governing verb's subject took part: "held talks", "said after talks" do;
    "pressed for peace talks" does not, and "speaking at a conference" is a speech."""
    if verb.lemma_.lower() in ADDRESS_VERBS and noun.dep_ == "pobj" and noun.head.lower_ in ("at", "to"):
        return False
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in MEASURE_NOUNS:
        noun = noun.head.head  # "had nine hours of talks", "a second round of talks"
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and noun.head.head in (verb, *verb.children):
        joined = noun.head.head
        if joined.lemma_.lower() in ("participate", "part") and (joined == verb or joined.dep_ == "dobj"):
            return True  # "took part in the talks", "participated in the meeting"
    if noun.head == verb and noun.dep_ == "dobj":
        lemma = verb.lemma_.lower()
        if noun.lemma_.lower() in VISIT_NOUNS | CALL_NOUNS:  # "made a state visit", "received a call"
            return lemma in HOLD_VERBS | UNDERTAKE_VERBS | FINISH_VERBS
        return lemma in HOLD_VERBS | FINISH_VERBS
    travels = verb.lemma_.lower() in MOTION_VERBS | SEND_VERBS or due(verb) or _somewhere(verb)
    # "flew in for talks", "is due in Rome for talks", "emerged from talks"
    preps = PART_PREPS | ({"for", "from"} if travels else set())
    # "said after talks with X" took part; "might step down after the summit" need not have
    at_another_time = not (
        verb.lemma_.lower() in SPEECH_VERBS | MOTION_VERBS
        or any(
            c.dep_ in ("poss",) or (c.dep_ == "prep" and c.lower_ in ("with", "between"))
            for c in noun.children
        )
    )
    if at_another_time:
        preps = preps - SHIFTING_MARKS
    node = noun
    while node.head != node and node.head != verb:
        if node.dep_ == "pobj" and node.head.lower_ in preps and node.head.head == verb:
            return True
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lower_ == "part":
            node = node.head.head  # "as part of a meeting with X": the meeting itself
            if node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.head == verb:
                return True
            continue
        node = node.head
    return False
