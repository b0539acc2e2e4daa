"""Lookup keys of reported events: which participant, on which day (or in which month).

A record is kept under one key per participant and per day its event may lie on
("person/joe-biden|2022-11-14"), or per participant and month when its report gives only the
month ("person/joe-biden|2022-11"). A unit is looked up by the keys of its participants for
every day of its span and a day either side, and for the months those days fall in: exactly
the records whose span is at most ``TOLERANCE_DAYS`` away, which are the only ones that can match.
Each record is also kept under its event IRI, so that identical reports (one IRI) always meet,
even when nothing dates them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from kb.identity.records import Record
from kb.identity.score import Unit
from kb.identity.timing import TOLERANCE_DAYS
from kb.rdf.namespaces import ID

_ID = ID[""].value


def keys(record: Record) -> list[str]:
    """The keys a record is found by."""
    unit = Unit(record.event, (record,))
    s = unit.span
    if s is None:
        return [party_key(record.event)]
    if s.precision == "month":
        anchors = [s.first.isoformat()[:7]]
    else:
        anchors = [d.isoformat() for d in _days(s.first, s.last)]
    parties = sorted(party_key(p) for p in record.parties)
    return [party_key(record.event), *(f"{p}|{a}" for p in parties for a in anchors)]


def probe_keys(units: Iterable[Unit]) -> list[str]:
    """The keys of every record that can match one of ``units``."""
    out: set[str] = set()
    margin = dt.timedelta(days=TOLERANCE_DAYS)
    for unit in units:
        out.add(party_key(unit.event))
        s = unit.span
        if s is None:
            continue
        days = _days(s.first - margin, s.last + margin)
        anchors = {d.isoformat() for d in days} | {d.isoformat()[:7] for d in days}
        out.update(f"{party_key(p)}|{a}" for p in unit.parties for a in anchors)
    return sorted(out)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def party_key(iri: str) -> str:
    """The part of a key that names a participant (or an event)."""
    return iri[len(_ID):] if iri.startswith(_ID) else iri
