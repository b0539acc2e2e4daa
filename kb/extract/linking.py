"""Linking: the encounter during which each statement was made, when the text lets us tell."""

from __future__ import annotations

from kb.model import Event, Statement

__all__ = ["link_statements"]


def link_statements(statements: list[Statement], events: list[Event]) -> None:
    """Set ``statement.event``: an encounter of the speaker told in the same sentence, or one the
    speaker and the addressee both took part in, or the speaker's only meeting in the story."""
    for statement in statements:
        if not statement.speaker:
            continue
        best = None
        for i, event in enumerate(events):
            if event.status != "occurred" or statement.speaker not in event.participants:
                continue
            overlap = event.evidence.start <= statement.evidence.start < event.evidence.end
            both = statement.addressee and statement.addressee in event.participants
            if overlap or both:
                best = i
                break
        if best is None:
            mine = [
                i
                for i, e in enumerate(events)
                if e.status == "occurred" and e.kind == "meeting" and statement.speaker in e.participants
            ]
            if len(mine) == 1:
                best = mine[0]
        statement.event = best
