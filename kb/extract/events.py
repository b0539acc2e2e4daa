"""Encounters in a parsed sentence: meetings, calls, visits and invitations, with their people,
status, date and place, read from the dependency parse around a trigger word."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from kb.extract.lexicon import (
    CALL_NOUNS,
    CALL_VERBS,
    INVITE_NOUNS,
    INVITE_VERBS,
    MEETING_NOUNS,
    MEETING_VERBS,
    NEGATING_VERBS,
    PLANNING_VERBS,
    TALK_VERBS,
    VISIT_NOUNS,
    VISIT_VERBS,
    WISH_VERBS,
)
from kb.extract.places import VENUES, place_entity
from kb.model import Place

_MEALS = {"lunch", "luncheon", "dinner", "banquet", "breakfast", "reception"}
_GATHERINGS = {"summit", "conference", "meeting", "session", "talks", "negotiations", "forum", "dialogue"}
_PHONE_WORDS = {"phone", "telephone", "video", "videoconference", "video-conference", "videolink", "call"}
_HOLD_VERBS = {
    "hold",
    "have",
    "conduct",
    "begin",
    "open",
    "start",
    "resume",
    "continue",
    "attend",
    "host",
    "chair",
    "join",
}
_DEPARTURE_VERBS = {"leave", "depart"}
_MODALS_PLANNED = {"will", "shall", "'ll", "would", "could", "may", "might"}
_NEGATIONS = {"not", "n't", "never", "no"}
_SAME_DAY = re.compile(r"\b(earlier|later) (in|that|on) the day\b|\b(the )?same day\b|\bthat day\b", re.I)


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


def find_encounters(sent) -> list[Found]:
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
    objs = _objects(tok)
    withs = _preps(tok, ("with", "alongside", "between"))
    gathering = any(o.lemma_.lower() in MEETING_NOUNS | CALL_NOUNS for o in objs)
    if lemma in MEETING_VERBS and not (lemma in _HOLD_VERBS and gathering):  # "host a dinner" below
        if lemma == "meet" or withs:
            return Found("meeting", tok.i, _subjects(tok), objs + withs)
        if objs:  # receive / host / greet / welcome someone
            return Found("meeting", tok.i, _subjects(tok), objs, hosted=True)
        return None
    if lemma == "pay":  # "paid a courtesy call on the President", "paid a visit to"
        for obj in objs:
            if obj.lemma_.lower() in ("call", "visit", "respects"):
                used_nouns.add(obj.i)
                guests = _preps(tok, ("on", "to")) + _preps(obj, ("on", "to"))
                people = [g for g in guests if g.ent_type_ == "PERSON" or g.pos_ == "PROPN"]
                if people:
                    return Found("meeting", tok.i, _subjects(tok), people, confidence=0.7)
                return Found("visit", tok.i, _subjects(tok), [], place_tokens=guests, confidence=0.6)
        return None
    if lemma in _HOLD_VERBS:
        for obj in objs:
            noun = obj.lemma_.lower()
            kind = _noun_kind(obj, noun)
            if kind in ("meeting", "phone_call"):
                used_nouns.add(obj.i)
                others = withs + _preps(obj, ("with", "between", "for", "in honour of", "honoring"))
                others += _preps(tok, ("for",)) if noun in _MEALS else []
                return Found(
                    kind,
                    tok.i,
                    _subjects(tok),
                    others,
                    hosted=lemma == "host" and not others,
                    solo=lemma in ("attend", "host", "chair", "join") and noun in _GATHERINGS,
                )
        people = [o for o in objs if o.ent_type_ == "PERSON" or o.lower_ in ("him", "her", "them")]
        if lemma == "host" and people:  # "Albanese will host him"
            return Found("meeting", tok.i, _subjects(tok), people, hosted=True)
        return None
    if lemma in CALL_VERBS:
        urged = [p for p in _preps(tok, ("for", "on", "off", "upon")) if p.ent_type_ not in ("DATE", "TIME")]
        if lemma in ("call", "ring") and (
            not objs or urged or any(c.dep_ in ("oprd", "ccomp") for c in tok.children)
        ):
            return None
        return Found("phone_call", tok.i, _subjects(tok), objs + withs)
    if lemma in TALK_VERBS:
        phone = any(t.lower_ in _PHONE_WORDS for t in tok.subtree if t.head == tok or t.head.head == tok)
        if withs or phone:
            return Found(
                "phone_call" if phone else "meeting",
                tok.i,
                _subjects(tok),
                withs,
                confidence=0.7 if phone else 0.6,
            )
        return None
    if lemma in VISIT_VERBS:
        subjects = _subjects(tok)
        if lemma == "visit":
            return Found(
                "visit",
                tok.i,
                subjects,
                [o for o in objs if o.ent_type_ == "PERSON"],
                place_tokens=objs + _preps(tok, ("to", "in")),
                hosted=True,
            )
        targets = _preps(tok, ("to", "in", "for")) if lemma != "tour" else objs + _preps(tok, ("through",))
        if lemma in ("go", "head", "come"):  # only a journey to a named place
            targets = [t for t in _preps(tok, ("to",)) if t.ent_type_ in ("GPE", "LOC")]
        if targets:
            return Found("visit", tok.i, subjects, [], place_tokens=targets, confidence=0.6)
        if (
            lemma == "arrive"
            and not objs
            and not any(c.dep_ == "prep" and c.lower_ == "at" for c in tok.children)
        ):
            # "Aqazadeh arrived last night": where the story is told from, if it has a dateline
            return Found("visit", tok.i, subjects, [], confidence=0.5)
        return None
    if lemma in INVITE_VERBS and objs:
        return Found("invitation", tok.i, _subjects(tok), objs, planned=True, hosted=True)
    return None


def _noun_kind(tok, noun: str) -> str | None:
    if noun in CALL_NOUNS and (
        noun != "call"
        or any(c.lower_ in _PHONE_WORDS for c in tok.children)
        or tok.head.lemma_.lower() in _HOLD_VERBS
    ):
        if noun == "conversation" and not any(c.lower_ in _PHONE_WORDS for c in tok.children):
            return "meeting"
        return "phone_call"
    if noun in MEETING_NOUNS:
        if any(c.lower_ in _PHONE_WORDS for c in tok.children):
            return "phone_call"
        return "meeting"
    if noun in VISIT_NOUNS:
        return "visit"
    if noun in INVITE_NOUNS:
        return "invitation"
    return None


def _guest_of(tok) -> Found | None:
    """ "X will be in Rome as the guest of President Y": Y receives X."""
    hosts = [h for h in _preps(tok, ("of",)) if h.ent_type_ == "PERSON"]
    governor = _governor(tok)
    if not hosts or governor is None or (tok.head.lower_ not in ("as", "of") and tok.dep_ != "attr"):
        return None
    return Found("meeting", tok.i, hosts, _subjects(governor), hosted=True, confidence=0.6)


def _noun_trigger(tok, lemma: str) -> Found | None:
    if lemma == "guest":
        return _guest_of(tok)
    kind = _noun_kind(tok, lemma)
    if kind is None:
        return None
    owners = [c for c in tok.children if c.dep_ == "poss"]
    others = _preps(tok, ("with", "between", "by", "to", "from"))
    if kind == "visit":
        others = others + _preps(tok, ("through", "in", "around", "across", "of"))
        persons = [o for o in others if o.ent_type_ == "PERSON" and o.head.lower_ != "to"]
        places = [o for o in others if o not in persons]
        visitors = owners + [o for o in persons if o.head.lower_ == "by"]
        if not visitors:  # "began a swing through Argentina", "arrived for a state visit"
            governor = _governor(tok)
            if governor is not None and _takes_part(tok, governor):
                visitors = _subjects(governor)
                places += _preps(governor, ("through", "to", "around", "across"))
                if governor.lemma_.lower() in _DEPARTURE_VERBS:  # "leaving Tokyo at the end of a visit"
                    places += [c for c in governor.children if c.dep_ == "dobj"]
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
            owners + _preps(tok, ("from", "by")),
            _preps(tok, ("to", "for")),
            planned=True,
            confidence=0.6,
        )
    compounds = [
        c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ == "PERSON"
    ]
    governor = _governor(tok)
    if governor is not None and not _takes_part(tok, governor):
        governor = None
    if not owners and not compounds and governor is not None:
        # "X discussed ... in talks with Y", "X said after talks with Y", "X and Y plan talks"
        owners = _subjects(governor)
        if not others:
            others = _preps(governor, ("with",))
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


_PLAN_NOUNS = {
    "invitation",
    "plan",
    "proposal",
    "offer",
    "intention",
    "readiness",
    "agreement",
    "request",
    "decision",
    "promise",
    "pledge",
    "chance",
    "opportunity",
}
_MOTION_VERBS = {"travel", "fly", "go", "come", "head", "arrive", "leave", "return", "visit", "meet"}
_PART_PREPS = {"in", "during", "after", "at", "following", "before", "on", "ahead", "since"}


def _takes_part(noun, verb) -> bool:
    """Whether the governing verb's subject took part: "held talks", "said after talks" do;
    "pressed for peace talks" does not."""
    if noun.head == verb and noun.dep_ == "dobj":
        return verb.lemma_.lower() in _HOLD_VERBS | {"join", "chair", "conclude", "end", "wrap", "finish"}
    travels = verb.lemma_.lower() in _MOTION_VERBS or _due(verb)
    preps = _PART_PREPS | ({"for"} if travels else set())  # "flew in for talks", "is due in Rome for talks"
    node = noun
    while node.head != node and node.head != verb:
        if node.dep_ == "pobj" and node.head.lower_ in preps and node.head.head == verb:
            return True
        node = node.head
    return False


def _due(verb) -> bool:
    """ "X is due in Rome": expected to arrive, a journey announced."""
    return verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ == "due" for c in verb.children)


def _governor(noun):
    """The verb a trigger noun hangs from, as its object or through prepositions and nouns
    ("address the crisis in talks": address)."""
    node = noun
    for _ in range(4):
        if node.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return None
        head = node.head
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.dep_ in ("ROOT",) or head == node:
            return None
        node = head
    return None


def _subjects(tok) -> list:
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    agents = [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "nsubjpass" for c in tok.children) and agents:
        return agents  # "X was received by Y": Y is the actor
    if subjects:
        if subjects[0].lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
            return [tok.head]
        return subjects
    if tok.dep_ == "relcl":
        return [tok.head]
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return _subjects(tok.head.head)
    if (
        tok.dep_ == "acl"
        and tok.head.pos_ == "NOUN"
        and tok.head.dep_ in ("dobj", "pobj")
        and tok.head.head.pos_ in ("VERB", "AUX")
    ):  # "discussed the need to hold talks with"
        return _subjects(tok.head.head)
    if (
        tok.dep_ == "acl"
        and tok.head.pos_ == "NOUN"
        and tok.head.dep_ == "pobj"
        and tok.head.head.dep_ == "prep"
        and tok.head.head.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    ):  # "will visit Rome during a trip to Europe to attend the summit": the traveller attends
        return _subjects(tok.head.head.head)
    if tok.dep_ == "xcomp":  # "invited Modi to visit": the object of the head does the visiting
        controllers = [c for c in tok.head.children if c.dep_ in ("dobj", "dative")]
        if controllers:
            return controllers
    if tok.dep_ in ("xcomp", "conj", "advcl", "acl", "pcomp", "acomp") and tok.head.pos_ in (
        "VERB",
        "AUX",
        "ADJ",
    ):
        return _subjects(tok.head)
    return agents


def _objects(tok) -> list:
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    if any(c.dep_ == "nsubjpass" for c in tok.children):
        objs += [c for c in tok.children if c.dep_ == "nsubjpass"]
    return objs


def _preps(tok, words: tuple[str, ...]) -> list:
    out = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in words:
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _negated(tok) -> bool:
    """Not met, refused to meet, cancelled the talks, called off the visit."""
    if any(
        c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in tok.children if c.dep_ in ("neg", "advmod", "det")
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
        verb = _governor(tok)
        if verb is None:
            return False
        attached = tok.head == verb or (
            tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head == verb
        )
        if attached and (verb.lemma_.lower() in PLANNING_VERBS or _due(verb)):
            return True  # "plan talks", "propose a meeting", "prepared for a visit", "is due for talks"
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ == "ahead":
            return True  # "ahead of a visit"
    if _modal(verb) or (verb.dep_ == "conj" and _modal(verb.head)):  # "will hold talks ... and meet"
        return True
    if verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() in _PLAN_NOUNS:
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
        if node.lemma_.lower() in PLANNING_VERBS or node.lower_ in PLANNING_VERBS or _modal(node):
            return True
        if node.lemma_ == "be" and any(c.lower_ == "to" for c in verb.children):
            return True  # "Scholz is to travel to Rio"
    return False


def _modal(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _MODALS_PLANNED for c in verb.children)


_SHIFTING_MARKS = {"after", "before", "since", "until", "till", "once", "following", "prior", "ahead"}


def time_shifted(trigger) -> bool:
    """Whether the trigger sits in a clause placed before or after another time ("after he met
    X", "ahead of his visit"): such a clause does not share the main clause's date."""
    node = trigger
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ in _SHIFTING_MARKS for c in node.children):
            return True
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in _SHIFTING_MARKS:
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _shifter(node):
    """The "after"/"before" that places this clause or phrase at another time, if any."""
    mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in _SHIFTING_MARKS), None)
    if mark is not None:
        return mark
    if node.dep_ == "prep" and node.lower_ in _SHIFTING_MARKS:
        return node
    return None


def _offset_of(node, shifter) -> bool:
    """ "weeks after", "two days before": a stated length of time on either word."""
    return any(
        c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") for n in (node, shifter) for c in n.children
    )


def offset_word(ent) -> bool:
    """ "weeks after X visited Y": a length of time that places one event from another."""
    head = ent.root.head
    return ent.root.dep_ == "npadvmod" and (head.lower_ in _SHIFTING_MARKS or _shifter(head) is not None)


def time_offset(trigger) -> bool:
    """Whether the trigger sits in a clause a stated time away ("weeks after X visited Y")."""
    node = trigger
    for _ in range(12):
        shifter = _shifter(node)
        if shifter is not None and _offset_of(node, shifter):
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _dates_another_time(ent, trigger) -> bool:
    """ "After the May 18 summit, X will fly home": a date inside an after/before phrase the
    trigger is not part of dates the other event."""
    node = ent.root
    for _ in range(12):
        if _shifter(node) is not None:
            return not any(t.i == trigger.i for t in node.subtree)
        if node.head == node:
            return False
        node = node.head
    return False


def date_tokens(sent, trigger) -> list:
    """DATE/TIME entities that date the trigger: those modifying it ("met on Monday") first, then
    "earlier in the day" phrases, then the rest of its clause. A date inside another clause
    ("talks ..., which were suspended in 2011") dates something else."""
    subtree = {t.i for t in trigger.subtree}

    def usable(ent) -> bool:
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("since", "until", "till"):
            return False
        if _dates_another_time(ent, trigger):
            return False
        if same_day_phrase(context(ent)) is not None or _reaches(ent.root, trigger):
            return True
        # "X arrived on Monday and met Y": the date of the first conjunct covers the second
        return trigger.dep_ == "conj" and _reaches(ent.root, trigger.head)

    def rank(ent) -> tuple:
        root = ent.root
        direct = root.head == trigger or (root.head.dep_ == "prep" and root.head.head == trigger)
        return (
            not direct,
            not same_day_phrase(context(ent)),
            root.i not in subtree,
            abs(ent.start - trigger.i),
        )

    return sorted((e for e in sentence_ents(sent) if e.label_ in ("DATE", "TIME") and usable(e)), key=rank)


def context(ent) -> str:
    """The entity with the two words before it: "Earlier in" + "the day"."""
    doc = ent.doc
    start = ent.start
    while start > 0 and start > ent.start - 2 and not doc[start].is_sent_start:
        start -= 1
    return doc[start : ent.end].text


def sentence_ents(sent) -> list:
    """``sent.ents``, from the document's entities listed once: ``Span.ents`` lists them all on
    every call, which made reading a long document quadratic."""
    doc = sent.doc
    cached = doc.user_data.get("dipkb_ents")
    if cached is None:
        ents = list(doc.ents)
        cached = doc.user_data["dipkb_ents"] = (ents, [e.start for e in ents])
    ents, starts = cached
    out = []
    for ent in ents[bisect_left(starts, sent.start) :]:
        if ent.end > sent.end:
            break
        out.append(ent)
    return out


def same_day_phrase(text: str) -> str | None:
    """The words that tie a time to the day just reported ("earlier in the day"), if any."""
    match = _SAME_DAY.search(text)
    return match.group() if match else None


def place_of(sent, trigger, extra_tokens: list) -> Place | None:
    """The place of the encounter: a venue, city or country after in/at/to near the trigger."""
    subtree = {t.i for t in trigger.subtree}
    if trigger.dep_ != "ROOT" and trigger.pos_ == "NOUN":  # "held talks ... in Bali": the verb's clause
        subtree |= {t.i for t in trigger.head.subtree if t.dep_ != "punct"}
    candidates = []
    for ent in sentence_ents(sent):
        place = place_entity(ent)
        if place is None:
            continue
        prep = ent.root.head if ent.root.dep_ == "pobj" else None
        anchored = prep is not None and prep.lower_ in ("in", "at", "to", "near", "outside", "inside")
        inside = {t.i for extra in extra_tokens for t in extra.subtree}  # "through Brazil's interior"
        direct = any(i in inside for i in range(ent.start, ent.end))
        if not (anchored or direct) or (not direct and not _reaches(ent.root, trigger)):
            continue
        candidates.append((not direct, ent.root.i not in subtree, abs(ent.start - trigger.i), place))
    for tok in sent:  # venues the tagger missed entirely ("in the Kremlin" untagged)
        key = tok.text.lower()
        if (
            key in VENUES
            and tok.ent_type_ == ""
            and tok.head.lower_ in ("in", "at")
            and _reaches(tok, trigger)
        ):
            candidates.append((True, tok.i not in subtree, abs(tok.i - trigger.i), Place(*VENUES[key])))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[:3])
    # prefer the most specific: a city or venue over its country when both are anchored
    best = candidates[0]
    for c in candidates[1:]:
        if (
            c[:2] == best[:2]
            and best[3].name == _country_label(best[3])
            and c[3].country == best[3].country
            and c[3].name != best[3].name
        ):
            best = c
    return best[3]


_VENUE_NOUNS = {
    "sidelines",
    "summit",
    "meeting",
    "conference",
    "talks",
    "palace",
    "residence",
    "office",
    "headquarters",
    "capital",
    "city",
    "visit",
    "trip",
    "session",
    "forum",
    "shore",
    "banks",
    "side",
}


def _reaches(node, trigger) -> bool:
    """Whether a place hangs from the trigger (or the verb governing a trigger noun) through
    prepositions and venue nouns only: "talks on the war in Ukraine" does not place the talks."""
    targets = {trigger.i}
    if trigger.pos_ not in ("VERB", "AUX"):
        governor = _governor(trigger)
        if governor is not None:
            targets.add(governor.i)
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
            and head.lower_ not in _VENUE_NOUNS
            and head.ent_type_ not in ("GPE", "LOC", "FAC", "EVENT", "ORG", "PERSON")
        ):
            return False
        node = head
    return False


def _country_label(place: Place) -> str:
    from kb.extract.countries import country_name

    return country_name(place.country) if place.country else ""
