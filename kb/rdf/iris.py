"""Minting of resource IRIs: the same input always gives the same IRI."""

from __future__ import annotations

import hashlib
import re

from pyoxigraph import NamedNode

from kb.rdf.namespaces import ID
from kb.text import ascii_words

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: 'Sergei Lavrov' -> 'sergei-lavrov'."""
    return "-".join(ascii_words(text))


def digest(*parts: object, length: int = 12) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def _readable(text: str) -> str:
    """The text itself when it is IRI-safe, otherwise its slug plus a hash against collisions."""
    if _SAFE_ID.match(text):
        return text
    return f"{slug(text)[:60] or 'x'}-{digest(text, length=8)}"


def article_iri(article_id: str) -> NamedNode:
    return ID[f"article/{_readable(article_id)}"]


def person_iri(key: str) -> NamedNode:
    return ID[f"person/{_readable(key)}"]


def country_iri(iso2: str) -> NamedNode:
    return ID[f"country/{iso2.lower()}"]


def place_iri(name: str, country: str | None) -> NamedNode:
    return ID[f"place/{slug(name) or digest(name)}" + (f"-{country.lower()}" if country else "")]


def event_iri(
    kind: str,
    participants: list[str],
    date: str | None,
    status: str,
    article_id: str,
    place: str | None = None,
) -> NamedNode:
    """Events with the same kind, people, day and status are one event, whichever article reports them.

    An undated event cannot be told apart from another of the same people, so it stays per article.
    A visit is also told by its place: one trip to Abu Dhabi and Riyadh on one day is two visits.
    """
    scope = date if date else f"article:{article_id}"
    parts = (kind, status, ",".join(sorted(participants)), scope)
    key = digest(*parts, place) if kind == "visit" and place else digest(*parts)
    return ID[f"event/{kind.replace('_', '-')}-{date or 'undated'}-{key}"]


def statement_iri(article_id: str, start: int, text: str, occurrence: int = 0) -> NamedNode:
    """``occurrence`` tells apart the same words reported twice in one sentence (by two speakers, say)."""
    key = digest(article_id, start, text) if not occurrence else digest(article_id, start, text, occurrence)
    return ID[f"statement/{key}"]


def report_iri(subject: NamedNode, article_id: str, start: int) -> NamedNode:
    return ID[f"report/{digest(subject.value, article_id, start)}"]


def extractor_iri(name: str) -> NamedNode:
    return ID[f"extractor/{slug(name)}"]


# -- the encounter layer (see kb/identity): graphs and nodes it mints ------------------------------

LAYER_GRAPHS = ID["graph/"].value
"""Graphs under this prefix are not article graphs: the encounter layer keeps its data there."""
ENCOUNTERS_GRAPH = ID["graph/encounters"]
"""What merging concluded: aliases of merged events, claims with their supporting reports, conflicts."""
INDEX_GRAPH = ID["graph/encounter-index"]
"""The candidate index of every article's reported events (internal: never exported or merged)."""


def index_entry_iri(article: str, event: str) -> NamedNode:
    """The index entry of one article's report of one event."""
    return ID[f"index-entry/{digest(article, event, length=16)}"]


def encounter_group_iri(first_event: str) -> NamedNode:
    """A group of events connected by possible matches, named by its first event."""
    return ID[f"encounter-group/{digest(first_event, length=16)}"]


def claim_iri(event: str, prop: str, value: str) -> NamedNode:
    """One value of one property of a merged event, with the reports that give it."""
    return ID[f"claim/{digest(event, prop, value, length=16)}"]
