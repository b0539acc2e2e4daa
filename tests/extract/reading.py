"""Reading written sentences through the real extractor, and writing its output compactly.

Events are written ``"[planned ]kind Surname+Surname"`` (surnames sorted), so a table row can
say what a sentence must give in the words a reader would use.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from kb.model import Article, Event, Extraction

PUBLISHED = dt.date(2021, 3, 10)  # a Wednesday


def read(extractor, text: str, published: dt.date | None = PUBLISHED):
    """Every stage's output for one text (``RuleExtractor.trace_many``)."""
    return next(extractor.trace_many([Article(id="t", text=text, published=published)]))


def surname(extraction: Extraction, key: str) -> str:
    """The last word of a person's name, without accents ("Erdogan", "Jinping")."""
    person = extraction.people.get(key)
    if person is None:
        return key
    word = unicodedata.normalize("NFKD", person.name.split()[-1])
    return "".join(c for c in word if not unicodedata.combining(c))


def written(extraction: Extraction, event: Event, *, date: bool = False, place: bool = False) -> str:
    people = "+".join(sorted(surname(extraction, k) for k in event.participants))
    out = f"{'planned ' if event.status == 'planned' else ''}{event.kind} {people}"
    if date:
        out += f" {event.date.value if event.date else 'undated'}"
    if place:
        out += f" in {event.place.name if event.place else 'nowhere'}"
    return out


def events(extractor, text: str, published: dt.date | None = PUBLISHED, **details) -> list[str]:
    x = read(extractor, text, published).extraction
    return [written(x, e, **details) for e in x.events]
