"""Encounters: each trigger a sentence holds, with the people it names, as a draft event.

The triggers stage says which tokens name the participants; this stage resolves them to the
article's people (names, pronouns, titles, "the two leaders"), adds companions ("accompanied
by"), and drops triggers that name too few people to be an encounter. An encounter is between
named persons; states named as the only parties ("The US, Russia and Switzerland met") make a
contact between states, told apart from encounters in the knowledge base. Dating, placing and
merging finish the drafts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kb.extract.context import ArticleContext, entity_at
from kb.extract.lexicon import COMPANION_VERBS, PARTY_NOUNS
from kb.extract.people import People
from kb.extract.placing import place_of
from kb.extract.quotes import addressee_of, speech_verb, subject_of
from kb.extract.statements import Statements
from kb.extract.triggers import Found, find_triggers
from kb.model import Event
from kb.reference.countries import country_code

__all__ = ["Accompaniment", "Draft", "Encounters", "find_encounters"]


@dataclass
class Draft:
    """An encounter read from one trigger, before it joins (or merges into) the article's events."""

    found: Found
    trigger: object  # the spaCy token
    sent: object  # the spaCy sentence
    event: Event
    objects: list[str]  # the people on the trigger's object side
    told: bool = False  # read from "X told Y in Z", not from a trigger word
    places: list = field(default_factory=list)  # every place a visit goes to, set by placing


@dataclass
class Accompaniment:
    """ "Putin, who was accompanied by Lavrov, said ...": Lavrov joins Putin's last encounter."""

    person: str
    companions: list[str]
    sent: object


@dataclass
class Encounters:
    """The drafts and accompaniments of one article, in the order the text tells them."""

    drafts: list[Draft] = field(default_factory=list)
    accompaniments: list[Accompaniment] = field(default_factory=list)
    triggers: list[tuple[object, Found]] = field(default_factory=list)  # every trigger, kept or not

    def in_order(self) -> list[Draft | Accompaniment]:
        """Drafts and accompaniments by sentence, each sentence's drafts first."""
        items: list[tuple[int, int, int, Draft | Accompaniment]] = []
        for n, draft in enumerate(self.drafts):
            items.append((draft.sent.start, 0, n, draft))
        for n, note in enumerate(self.accompaniments):
            items.append((note.sent.start, 1, n, note))
        return [item for *_, item in sorted(items, key=lambda i: i[:3])]


def find_encounters(ctx: ArticleContext, people: People, statements: Statements) -> Encounters:
    """Every encounter the article's sentences report, as drafts with their people."""
    reader = _Reader(ctx, people, statements)
    out = Encounters()
    for sent in ctx.doc.sents:
        triggers = find_triggers(sent)
        out.triggers.extend((sent, found) for found in triggers)
        for found in triggers:
            draft = reader.draft(sent, found)
            if draft is not None:
                out.drafts.extend(_separated(draft))
        out.drafts.extend(reader.told_in_place(sent))
        out.accompaniments.extend(reader.accompanied(sent))
    return out


def _visitor(verb):
    """ "told visiting U.S. Secretary of State George Shultz": the addressee, a visitor (the
    parser may hang the name from "visiting" or "visiting" from the name)."""
    for child in verb.children:
        if child.lower_ == "visiting" and child.dep_ in ("xcomp", "amod", "advcl"):
            following = child.doc[child.i + 1 : min(child.i + 10, child.sent.end)]
            return next((t for t in following if t.ent_type_ == "PERSON"), None)
        if child.dep_ in ("dobj", "dative") and any(
            t.lower_ == "visiting" and t.i < child.i for t in child.subtree
        ):
            return child
    return None


def _separated(draft: Draft) -> list[Draft]:
    """ "held separate meetings with X and Y": one encounter with each of them."""
    event = draft.event
    if not draft.found.separate or len(draft.objects) < 2:
        return [draft]
    out = []
    for other in draft.objects:
        people = [p for p in event.participants if p not in draft.objects or p == other]
        copy = replace(event, participants=people, guests=[g for g in event.guests if g == other])
        out.append(replace(draft, event=copy, objects=[other]))
    return out


class _Reader:
    def __init__(self, ctx: ArticleContext, people: People, statements: Statements):
        self.ctx = ctx
        self.doc = ctx.doc
        self.people = people
        self.statements = statements

    def draft(self, sent, found: Found) -> Draft | None:
        """The event one trigger reports, with its people, or None if it names too few people to
        be an encounter worth keeping."""
        ctx = self.ctx
        trigger = self.doc[found.trigger]
        quoted = ctx.in_quote[trigger.i]
        speaker = self.statements.speaker_at(trigger.idx) if quoted else None
        if quoted and speaker is None:
            return None
        subjects = self._persons(found.subjects, speaker)
        objects = [p for p in self._persons(found.objects, speaker) if p not in subjects]
        if quoted and not subjects and not found.subjects and trigger.pos_ == "VERB":
            subjects = [speaker]  # "Honored to meet President Putin": the speaker met him
        companions = self._companions(found.subjects + found.objects)
        participants = list(dict.fromkeys(subjects + objects + companions))
        actors: list[str] = []
        if not participants:  # "The US, Russia and Switzerland met": states as the parties
            actors = self._country_actors(found.subjects + found.objects)
            # "Georgian demonstrators received ministers": a state on one side, people on the other
            both_sides = bool(self._country_actors(found.subjects)) and self._unnamed_party(found.objects)
            enough = 1 if found.kind == "visit" or both_sides else 2
            if len(actors) < enough or found.kind == "invitation" or quoted:
                return None
        if found.kind == "phone_call" and len(participants) == 1:
            participants += self._reporter(trigger, participants)
        if (
            found.kind in ("meeting", "phone_call")
            and len(participants) == 1
            and not found.solo
            and (found.named_only or not self._unnamed_party(found.objects + found.subjects))
        ):
            return None
        if (
            found.kind == "invitation"
            and not objects
            and not found.solo
            and not self._unnamed_party(found.objects)
        ):
            return None  # "invited the Commission for talks": an invitation to an unnamed party counts
        event = Event(
            kind=found.kind,
            participants=participants,
            evidence=ctx.sentence_evidence(sent),
            hosts=subjects if found.hosted else [],
            guests=objects if found.hosted else [],
            companions=[c for c in companions if c not in subjects and c not in objects],
            actors=actors,
            confidence=found.confidence,
            trigger=_kind_word(trigger),
        )
        return Draft(found, trigger, sent, event, objects)

    def told_in_place(self, sent) -> list[Draft]:
        """ "X told Y in the Kremlin on Wednesday", "X told visiting Y": saying something to
        someone at a place, or to a visitor, means they met."""
        out = []
        for tok in sent:
            if tok.lemma_.lower() != "tell" or self.ctx.in_quote[tok.i] or tok.pos_ not in ("VERB", "AUX"):
                continue
            target = addressee_of(tok) or _visitor(tok)
            subject = subject_of(tok)
            if target is None or subject is None:
                continue
            if place_of(sent, tok, []) is None and _visitor(tok) is None:
                continue
            a, b = self.people.resolve(subject), self.people.resolve(target)
            companions = [c for c in self._companions([subject, target]) if c not in a + b]
            participants = list(dict.fromkeys(a + b + companions))
            if len(participants) < 2 or not a or not b:
                continue
            event = Event(
                kind="meeting",
                participants=participants,
                companions=companions,
                evidence=self.ctx.sentence_evidence(sent),
                confidence=0.6,
                trigger="tell",
            )
            out.append(Draft(Found("meeting", tok.i), tok, sent, event, b, told=True))
        return out

    def accompanied(self, sent) -> list[Accompaniment]:
        out = []
        for tok in sent:
            key = self.people.person_at(tok)
            if key is None or self.ctx.in_quote[tok.i] or tok.dep_ == "compound":
                continue
            companions = [c for c in self._companions([tok]) if c != key]
            if companions:
                out.append(Accompaniment(key, companions, sent))
        return out

    def _unnamed_party(self, tokens: list) -> bool:
        """ "met with West German officials", "talks between X and the Finance Ministry": the
        other side is real but has no name."""
        for tok in [t for token in tokens for t in (token, *token.conjuncts)]:
            if tok.idx < self.ctx.dateline_end:
                continue  # "ALGIERS, March 6 -" read as a subject
            if self.people.resolve(tok):
                continue
            if tok.lemma_.lower() in PARTY_NOUNS or tok.ent_type_ in ("ORG", "NORP"):
                return True
        return False

    def _country_actors(self, tokens: list) -> list[str]:
        """States named as parties: "the US, Russia and Switzerland", "Georgian demonstrators"."""
        codes: list[str] = []
        for tok in tokens:
            for t in [tok, *tok.conjuncts]:
                ent = entity_at(t)
                if ent is not None and ent.label_ == "GPE":
                    code = country_code(ent.text)
                elif t.pos_ == "NOUN":
                    code = next(
                        (
                            country_code(c.text)
                            for c in t.children
                            if c.dep_ in ("amod", "compound", "poss") and country_code(c.text)
                        ),
                        None,
                    )
                else:
                    code = None
                if code and code not in codes:
                    codes.append(code)
        return codes

    def _reporter(self, trigger, participants: list[str]) -> list[str]:
        """ "Reagan said Takeshita said in a telephone conversation that ...": the one who tells
        what the other said on the telephone was the other end of the line."""
        node = trigger
        for _ in range(6):
            if node.head == node:
                return []
            node = node.head
            if speech_verb(node) and node.dep_ == "ccomp" and speech_verb(node.head):
                subject = subject_of(node.head)
                found = self.people.resolve(subject) if subject is not None else []
                return [p for p in found[:1] if p not in participants]
        return []

    def _persons(self, tokens: list, speaker: str | None) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            out.extend(self.people.resolve(tok, speaker))
        return list(dict.fromkeys(out))

    def _companions(self, tokens: list) -> list[str]:
        """People "accompanied by" a participant were in the room too."""
        out: list[str] = []
        for tok in tokens:
            for child in tok.children:
                if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in COMPANION_VERBS:
                    for agent in child.children:
                        if agent.dep_ == "agent":
                            for pobj in agent.children:
                                if pobj.dep_ == "pobj":
                                    out.extend(self.people.resolve(pobj))
        return out


def _kind_word(trigger) -> str:
    """The word that names the encounter: the trigger, or the noun a verb takes ("held a summit",
    "hosted him for negotiations"), which the kinds table and the codes read."""
    if trigger.pos_ in ("VERB", "AUX"):
        for child in trigger.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN":
                return child.lemma_.lower()
            if child.dep_ == "prep" and child.lower_ == "for":
                nouns = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if nouns:
                    return nouns[0].lemma_.lower()
    return trigger.lemma_.lower()
