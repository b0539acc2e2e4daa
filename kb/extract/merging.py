"""Merging: the article's drafts become its events, each encounter once.

An article often tells one meeting several times ("Putin met Modi ... The two leaders discussed
... During the talks, ..."). Reports of the same kind whose people overlap (one set inside the
other) and whose dates and places agree are merged, the most precise date winning. A visit with
no place and no host is dropped (it says nothing a researcher can use), and a visit to several
places is one visit per place.
"""

from __future__ import annotations

from dataclasses import replace

from kb.extract.encounters import Accompaniment, Draft, Encounters
from kb.model import Event

__all__ = ["merge_encounters"]

_TALKS = ("meeting", "phone_call")


def merge_encounters(encounters: Encounters) -> list[Event]:
    """The article's events, in the order the text first tells them."""
    events: list[Event] = []
    for item in encounters.in_order():
        if isinstance(item, Accompaniment):
            _accompany(events, item)
        elif item.told:
            _add(events, item.event)
        else:
            _file(events, item)
    _date_invitations(events)
    return events


def _file(events: list[Event], draft: Draft) -> None:
    """Add a drafted event to the article's events, merged with any earlier report of it."""
    found, trigger, event = draft.found, draft.trigger, draft.event
    if trigger.pos_ != "VERB" and event.participants and _restates(events, event):
        return
    if found.kind == "visit":
        if (event.place is None or event.place.country in event.actors) and not draft.objects:
            return
        for place in draft.places or [event.place]:
            _add(events, replace(event, place=place, participants=list(event.participants)))
        return
    _add(events, event)


def _restates(events: list[Event], event: Event) -> bool:
    """ "spoke by phone with Putin, the first conversation between the two leaders": a noun in
    the same sentence naming an encounter already found, with the same people."""
    return event.kind in _TALKS and any(
        other.kind in _TALKS
        and other.evidence.start == event.evidence.start
        and set(event.participants) <= set(other.participants)
        for other in events
    )


def _accompany(events: list[Event], note: Accompaniment) -> None:
    """The companions join the person's last encounter that took place."""
    for event in reversed(events):
        if note.person in event.participants and event.status == "occurred" and event.kind != "invitation":
            new = [c for c in note.companions if c not in event.participants]
            event.participants.extend(new)
            event.companions.extend(new)
            return


def _date_invitations(events: list[Event]) -> None:
    """An undated invitation between two people who met or spoke in the story was made then."""
    for invitation in events:
        if invitation.kind != "invitation" or invitation.date is not None:
            continue
        pair = set(invitation.participants)
        for event in events:
            if (
                event.kind in _TALKS
                and event.status == "occurred"
                and event.date
                and pair <= set(event.participants)
            ):
                invitation.date = event.date
                break


def _add(events: list[Event], event: Event) -> None:
    """Add an event, or merge it into one already found: reports of the same kind whose people
    overlap (one set inside the other) and whose dates agree are the same encounter told twice."""
    for other in events:
        if other.kind != event.kind or other.status != event.status:
            continue
        a = _principals(other)
        b = _principals(event)
        if not (a <= b or b <= a):
            continue
        if (
            other.date
            and event.date
            and not (
                other.date.value.startswith(event.date.value) or event.date.value.startswith(other.date.value)
            )
        ):
            continue  # "in June" and "on June 12" agree; "June 3" and "June 6" do not
        if event.kind == "visit" and other.place and event.place and other.place != event.place:
            continue
        if _one_sided(other, event, a, b) or _one_sided(event, other, b, a):
            continue
        other.participants = list(dict.fromkeys(other.participants + event.participants))
        other.hosts = list(dict.fromkeys(other.hosts + event.hosts))
        other.guests = list(dict.fromkeys(other.guests + event.guests))
        principals = a | b
        other.companions = [
            c for c in dict.fromkeys(other.companions + event.companions) if c not in principals
        ]
        if other.date is None or (event.date and len(event.date.value) > len(other.date.value)):
            other.date = event.date or other.date
        other.place = other.place or event.place
        other.confidence = max(other.confidence, event.confidence)
        return
    events.append(event)


def _principals(event: Event) -> set[str]:
    """The people an encounter is between (companions aside), or the states when no one is named."""
    return (set(event.participants) - set(event.companions)) or {f"state:{c}" for c in event.actors}


def _one_sided(small: Event, big: Event, small_people: set, big_people: set) -> bool:
    """ "his talks in Washington last week", in a sentence of its own, names one side only: it does
    not date or place a meeting of several people told elsewhere, and is not the same encounter."""
    if small.kind == "visit" or len(small_people) != 1 or len(big_people) < 2:
        return False
    if small.evidence.start == big.evidence.start:
        return False  # one sentence: "travel to Moscow for talks with officials and meet Putin"
    # a dated one-sided encounter told apart is one of its own ("met counsel last week")
    return small.date is not None or (small.place is not None and small.place != big.place)
