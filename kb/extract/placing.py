"""Placing: where each drafted encounter happened, a venue, city or country.

A place counts when it hangs from the trigger (or the verb of a trigger noun) through
prepositions and venue nouns ("met in the Kremlin", "talks on the sidelines of the summit in
Bali"); "talks on the war in Ukraine" is not placed in Ukraine. A visit with no destination in
a datelined story goes to the dateline's city, and a visit to "Gabon, Algeria and Libya" is one
visit per place.
"""

from __future__ import annotations

import re

from kb.extract.context import ArticleContext, entity_at, sentence_ents
from kb.extract.people import People
from kb.extract.syntax import reaches
from kb.model import Place
from kb.reference.countries import country_name
from kb.reference.places import VENUES, lookup_place

__all__ = ["place_encounters", "place_of"]

_ANCHORS = ("in", "at", "to", "near", "outside", "inside")
_PLACE_LABELS = ("GPE", "LOC", "FAC", "ORG")


def place_encounters(ctx: ArticleContext, people: People, drafts: list) -> None:
    """Set each draft's place; a visit also gets every place it goes to (``draft.places``)."""
    for draft in drafts:
        tokens = [] if draft.told else draft.found.place_tokens
        place = place_of(draft.sent, draft.trigger, tokens)
        if draft.found.kind == "visit":
            if place is None:
                place = _dateline_place(ctx, people, draft.event.participants)
            draft.places = _places(tokens, place)
        draft.event.place = place


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
        anchored = prep is not None and prep.lower_ in _ANCHORS
        inside = {t.i for extra in extra_tokens for t in extra.subtree}  # "through Brazil's interior"
        direct = any(i in inside for i in range(ent.start, ent.end))
        if not (anchored or direct) or (not direct and not reaches(ent.root, trigger)):
            continue
        candidates.append((not direct, ent.root.i not in subtree, abs(ent.start - trigger.i), place))
    for tok in sent:  # venues the tagger missed entirely ("in the Kremlin" untagged)
        key = tok.text.lower()
        if (
            key in VENUES
            and tok.ent_type_ == ""
            and tok.head.lower_ in ("in", "at")
            and reaches(tok, trigger)
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


def _country_label(place: Place) -> str:
    return country_name(place.country) if place.country else ""


def _dateline_place(ctx: ArticleContext, people: People, visitors: list[str]) -> Place | None:
    """A visit with no destination in a datelined story ("LONDON, March 22 - King Fahd begins a
    state visit") is to the dateline's city, unless the visitors are from there."""
    if not ctx.dateline_end:
        return None
    city = re.split(r"[,(/–—]| - ", ctx.article.text[: ctx.dateline_end])[0].strip()
    place = lookup_place(city.title()) if city else None
    persons = people.persons
    if place is None or any(persons[v].country == place.country for v in visitors if v in persons):
        return None
    return place


def _places(tokens: list, first: Place | None) -> list[Place | None]:
    """A visit to "Gabon, Algeria and Libya" is three visits, one per place."""
    places = [first]
    for tok in tokens:
        for conj in tok.conjuncts:
            ent = entity_at(conj)
            place = place_entity(ent) if ent is not None else None
            if place is not None and place not in places:
                places.append(place)
    return places


def _unknown_place(ent) -> Place | None:
    """A named place that is neither a country, a known venue nor a city ("Bali", "Nusa Dua"):
    kept with its name, without a country rather than with a guessed one."""
    text = ent.text.removeprefix("the ").removeprefix("The ").strip()
    if not text or not text[0].isupper() or any(ch.isdigit() for ch in text):
        return None
    return Place(text, None)


def place_entity(ent) -> Place | None:
    if ent.label_ not in _PLACE_LABELS:
        return None
    if ent.label_ == "ORG":  # only the venues the tagger mistakes for organisations
        key = ent.text.lower().removeprefix("the ")
        return Place(*VENUES[key]) if key in VENUES else None
    return lookup_place(ent.text) or (_unknown_place(ent) if ent.label_ in ("GPE", "LOC", "FAC") else None)
