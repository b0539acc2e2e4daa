"""Plain records passed between the pipeline stages (read -> extract -> rdf), and the extractor protocol.

They hold no spaCy or rdflib objects, so each stage can be tested and replaced alone.
Character offsets always index ``Article.text``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from kb.kinds import NAMES

EVENT_KINDS = NAMES  # the names of the kinds in the live table (kb.kinds)
STATUSES = ("occurred", "planned")


@dataclass(frozen=True)
class Article:
    """One news article, its text already cleaned of page furniture."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None
    path: str | None = None  # where it was read from, for error messages and provenance

    @property
    def content_hash(self) -> str:
        """Hash of everything that changes what is extracted, to skip unchanged articles."""
        parts = [
            self.id,
            self.title or "",
            self.url or "",
            str(self.published or ""),
            self.source or "",
            self.text,
        ]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class Person:
    """A person as an article names them; ``key`` is stable across articles."""

    key: str
    name: str
    aliases: set[str] = field(default_factory=set)
    title: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    wikidata: str | None = None  # a Q-identifier, from the gazetteer


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2


@dataclass(frozen=True)
class DateValue:
    """A date as precise as the text allows: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'."""

    value: str
    text: str

    @property
    def precision(self) -> str:
        return {10: "day", 7: "month", 4: "year"}[len(self.value)]


@dataclass
class Event:
    kind: str  # the name of one of kb.kinds.KINDS
    participants: list[str]  # Person keys
    evidence: Span
    status: str = "occurred"  # one of STATUSES
    date: DateValue | None = None
    place: Place | None = None
    hosts: list[str] = field(default_factory=list)  # Person keys among participants
    guests: list[str] = field(default_factory=list)
    companions: list[str] = field(default_factory=list)  # participants who only accompanied another
    actors: list[str] = field(
        default_factory=list
    )  # ISO codes of states named as the parties instead of people
    confidence: float = 0.5
    trigger: str | None = None  # the lemma of the word that reports it ("met", "talks"), lowercase


@dataclass
class Statement:
    speaker: str | None  # Person key
    evidence: Span
    quote: str | None = None  # direct speech, the words inside the quotation marks
    content: str | None = None  # indirect speech, in the reporter's words
    addressee: str | None = None  # Person key
    event: int | None = None  # index into Extraction.events
    confidence: float = 0.5


@dataclass
class Extraction:
    """Everything one extractor found in one article."""

    article: Article
    extractor: str  # the extractor's registry name, e.g. "spacy-rules/2"
    people: dict[str, Person] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)  # ISO codes mentioned
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    extractor_version: str | None = None  # the extractor's version, recorded beside its name


class Extractor(Protocol):
    """What ingest asks of an extractor. Its ``name`` (the registry name) and ``version`` go into
    every ``Extraction`` it makes, and so into the provenance of every fact; worker processes get a
    pickled copy, so the copy must be cheap to pickle and ``load`` what it needs afterwards."""

    name: str
    version: str

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """One ``Extraction`` per article, in order."""
        ...

    def load(self) -> None:
        """Load models and reference data now, not on the first article."""
        ...
