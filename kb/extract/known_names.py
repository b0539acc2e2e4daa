"""Marking the names of known people and places before the statistical tagger reads a text.

The small English model misses or mislabels many names ("Kyiv Monday" read as a work of art,
"Lho Shin-yong" as an organisation). Full names from the gazetteer (hand-made entries and the
office-holders) are marked as PERSON, country and capital names as GPE, and "today",
"yesterday", "tomorrow" and "tonight" as DATE; the entity
recognizer that runs next keeps these spans and labels the rest of the text around them.

A match that runs into a longer capitalised name ("the Kyiv Post", "Bank of England") is left
to the tagger, which sees the whole name.
"""

from __future__ import annotations

import re

from kb.extract.lexicon import OFFICE_WORDS

__all__ = ["KnownNames"]

_INITIAL = re.compile(r"^[A-Z]\.$")
# Words that always name a day, which the tagger sometimes leaves untagged ("Later today").
_DAY_WORDS = frozenset("today yesterday tomorrow tonight".split())
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)
# Capitals whose names are also ordinary English words, which a sentence may start with.
_WORD_CAPITALS = frozenset("Male Victoria Nice Kingston Hamilton Georgetown Valletta".split())


class KnownNames:
    """A spaCy component: ``use(gazetteer)`` chooses the people's names to mark."""

    def __init__(self, nlp):
        self.nlp = nlp
        self._places = None
        self._days = None
        self._people: dict[int, object] = {}  # id(gazetteer) -> PhraseMatcher
        self._gazetteer = None

    def use(self, gazetteer) -> None:
        self._gazetteer = gazetteer

    def __call__(self, doc):
        from spacy.tokens import Span
        from spacy.util import filter_spans

        spans = []
        for label, matcher in (
            ("PERSON", self._people_matcher()),
            ("GPE", self._place_matcher()),
            ("DATE", self._day_matcher()),
        ):
            if matcher is not None:
                spans.extend(Span(doc, start, end, label=label) for _, start, end in matcher(doc))
        keep = [s for s in filter_spans(spans) if _stands_alone(doc, s)]
        if keep:
            doc.set_ents(keep, default="unmodified")
        return doc

    def _people_matcher(self):
        gazetteer = self._gazetteer
        if gazetteer is None:
            return None
        matcher = self._people.get(id(gazetteer))
        if matcher is None:
            forms = set()
            for entry in gazetteer:
                for form in entry.forms:
                    forms.update(_person_forms(form))
                    if entry.curated and _safe_surname(form):
                        forms.add(form)  # "Trump and Pence will start ...": read as a verb otherwise
            matcher = self._people[id(gazetteer)] = self._matcher("PERSON", forms)
        return matcher

    def _place_matcher(self):
        if self._places is None:
            self._places = self._matcher("GPE", _place_names())
        return self._places

    def _day_matcher(self):
        if self._days is None:
            self._days = self._matcher("DATE", _DAY_WORDS, attr="LOWER")
        return self._days

    def _matcher(self, label: str, names, attr: str = "ORTH") -> object:
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(self.nlp.vocab, attr=attr)
        matcher.add(label, list(self.nlp.tokenizer.pipe(sorted(names))))
        return matcher


def _safe_surname(form: str) -> bool:
    """A hand-checked entry's one-word name that is no ordinary word or common surname."""
    from kb.reference.gazetteer import COMMON_SURNAMES

    return (
        " " not in form
        and len(form) >= 4
        and form[:1].isupper()
        and form.lower() not in COMMON_SURNAMES
        and form not in _WORD_SURNAMES
    )


# One-word names of known people that are also English words or very common surnames.
_WORD_SURNAMES = frozenset("May Brown Harris Johnson Jiang Qian Cameron Donovan Blair".split())


def _person_forms(form: str) -> list[str]:
    """A full name as written, and without its middle initials ("Joseph R. Biden" -> "Joseph Biden")."""
    words = form.split()
    if len(words) < 2 or not all(w[:1].isupper() or w[:1] in "'’" or w.islower() for w in words):
        return []
    if not words[0][:1].isupper() or not words[-1][:1].isupper():
        return []
    out = [form]
    short = [w for n, w in enumerate(words) if not (0 < n < len(words) - 1 and _INITIAL.match(w))]
    if len(short) >= 2 and len(short) < len(words):
        out.append(" ".join(short))
    return out


def _place_names() -> set[str]:
    from kb.reference.places import well_known_place_names

    return {n for n in well_known_place_names() if n not in _WORD_CAPITALS and n[:1].isupper()}


def _stands_alone(doc, span) -> bool:
    """Whether a match is a whole name, not part of a longer capitalised one."""
    after = doc[span.end] if span.end < len(doc) else None
    if (
        after is not None
        and after.is_title
        and after.lower_ not in _CALENDAR_WORDS
        and not after.is_sent_start
    ):
        return False  # "the Kyiv Post", "Beijing Olympics"
    if span.label_ == "DATE":
        return True
    if span.label_ != "GPE" or span.start == 0:
        return True
    before = doc[span.start - 1]
    if before.is_title and not before.is_sent_start and before.lower_ not in OFFICE_WORDS:
        return False  # "Queen Victoria", "Air China"
    if before.lower_ == "of" and span.start >= 2:
        head = doc[span.start - 2]
        return not (head.is_title and head.lower_ not in OFFICE_WORDS)  # "Bank of England"
    return True
