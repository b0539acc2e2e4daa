"""The rule-based extractor: spaCy's parse read by one stage per task.

    context -> people -> statements -> encounters -> placing -> dating -> merging -> linking

Each stage is a module with one public function over the article's context; ``trace`` returns
every stage's output, so a miss can be traced to the stage that made it (``kb eval`` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kb.config import Settings
from kb.extract import RULES
from kb.extract.context import MAX_PARSE_CHARS, ArticleContext, build_context
from kb.extract.dating import date_encounters
from kb.extract.encounters import Encounters, find_encounters
from kb.extract.linking import link_statements
from kb.extract.merging import merge_encounters
from kb.extract.nlp import load_model, prepare_text
from kb.extract.people import People, read_people
from kb.extract.placing import place_encounters
from kb.extract.statements import Statements, read_statements
from kb.kinds import KINDS
from kb.model import Article, Extraction
from kb.reference.countries import country_code
from kb.reference.gazetteer import Gazetteer

__all__ = ["RuleExtractor", "Trace"]


@dataclass
class Trace:
    """What each stage made of one article."""

    context: ArticleContext
    people: People
    statements: Statements
    encounters: Encounters
    extraction: Extraction


class RuleExtractor:
    """Extracts people, encounters and statements from articles with one spaCy pipeline."""

    name = RULES
    version = "0.1.0"  # recorded as dip:version; a new one when the rules find other things

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self._nlp = None
        self._gazetteer = None

    def __getstate__(self) -> dict:
        """Only the settings: a worker process loads its own model (``load``)."""
        return {"settings": self.settings}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["settings"])

    def load(self) -> None:
        """Load the spaCy model and the gazetteer now (each property loads on first use)."""
        _ = self.nlp, self.gazetteer

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.settings.model)
        return self._nlp

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load(list(self.settings.gazetteers) or None)
        return self._gazetteer

    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
        """Parse articles in batches with ``nlp.pipe`` (much faster than one at a time)."""
        for trace in self.trace_many(articles, batch_size):
            yield trace.extraction

    def trace_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Trace]:
        """Every stage's output for each article."""
        nlp = self.nlp
        if "dipkb_known_names" in nlp.pipe_names:
            nlp.get_pipe("dipkb_known_names").use(self.gazetteer)
        pairs = ((prepare_text(a.text[:MAX_PARSE_CHARS], a.title), a) for a in articles)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield _read(build_context(article, doc, self.gazetteer), self.name, self.version)


def _read(ctx: ArticleContext, name: str, version: str) -> Trace:
    people = read_people(ctx)
    statements = read_statements(ctx, people)
    encounters = find_encounters(ctx, people, statements)
    place_encounters(ctx, people, encounters.drafts)
    date_encounters(ctx, encounters.drafts)
    events = refine_kinds(merge_encounters(encounters))
    link_statements(statements.items, events)
    extraction = Extraction(
        article=ctx.article,
        extractor=name,
        extractor_version=version,
        people=people.persons,
        countries=_countries(ctx),
        events=events,
        statements=statements.items,
    )
    return Trace(ctx, people, statements, encounters, extraction)


def refine_kinds(events: list) -> list:
    """Encounters found by the rules of a base kind become the kind their trigger word names
    ("summit" makes a meeting a summit when the kinds table has one)."""
    for event in events:
        kind = KINDS.refined(event.kind, event.trigger)
        if kind is not None:
            event.kind = kind.name
    return events


def _countries(ctx: ArticleContext) -> set[str]:
    """Every country the article names, by name or demonym."""
    codes = set()
    for ent in ctx.doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            code = country_code(ent.text)
            if code:
                codes.add(code)
    return codes
