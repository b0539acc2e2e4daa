"""Scoring extraction against gold-annotated articles, so researchers can measure it on their own corpora.

A gold file is an article as ``kb ingest`` reads it (``id``, ``title``, ``published``, ``text``) plus
annotations: ``events`` (``type``, ``status``, ``participants`` as keys of ``people``, ``date``,
``place``, ``evidence``), ``statements`` (direct quotes: ``speaker``, ``quote``, ``kind``) and
``people`` (each with the ``aliases`` the text uses).

The articles are ingested and read back through the public vocabulary, exactly as a researcher's
SPARQL would see them. The definitions:

- A predicted event matches a gold event when they share at least two participants (one, for a
  one-person gold event). Pairs are formed greedily, best participant Jaccard overlap first.
- Participant precision/recall count the shared people of matched pairs against every predicted
  and every gold participant. Date accuracy: the share of dated gold events whose matched
  prediction has a date starting with the gold date (``2023-04`` accepts ``2023-04-14``). Type
  accuracy: the share of matched pairs with the gold type.
- An unmatched one-sided visit whose people all take part in a gold event is neither credited nor
  penalised: annotators record a trip by the encounters it was made for.
- A predicted quote matches a gold quote when, after normalising, the gold quote lies inside it,
  or it lies inside the gold quote and covers at least 60% of its words, or their word sets
  overlap with F1 >= 0.7. Quotes of fewer than six words are left out on both sides (predictions
  matching such a short gold quote are ignored too); a second prediction of an already matched
  quote is not counted as spurious.
- Attribution accuracy: the share of matched gold quotes whose first matching prediction names
  the gold speaker. Names match leniently: titles dropped, then the same words, or the same
  surname with compatible first initials ("Wang Yi" = "Wang", "A. Blinken" = "Antony Blinken").
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, NamedTuple

from kb.errors import KBError
from kb.model import EVENT_KINDS
from kb.text import ascii_words, same_surname_leniently

MIN_QUOTE_WORDS = 6
QUOTE_OVERLAP_F1 = 0.7
QUOTE_INSIDE_SHARE = 0.6

# Words that qualify a name rather than make it: dropped before names are compared.
TITLE_WORDS = frozenset("""
    mr mrs ms miss dr prof sir dame lord lady his her excellency majesty highness royal crown
    prince princess president presidents vice prime minister ministers foreign secretary state
    chancellor king queen emir sheikh sultan premier ambassador general gen admiral colonel col
    envoy special senior top external affairs deputy chairman chairwoman chair leader senator sen
    rep representative defence defense trade finance interior economy chief head counterpart
    counterparts the of and former acting new russian indian us u s american chinese soviet
    british french german japanese korean south australian brazilian turkish ukrainian iranian saudi
""".split())

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# -- matching and scoring primitives -------------------------------------------------------

def words(text: str) -> list[str]:
    """Lowercase ASCII words: curly quotes, accents and punctuation must not decide a match."""
    return ascii_words(text)


def name_words(name: str) -> tuple[str, ...]:
    """A name without its titles; a name made only of title words is kept whole ("the Pope")."""
    all_words = words(name)
    kept = [w for w in all_words if w not in TITLE_WORDS]
    return tuple(kept or all_words)


def same_person(names: Iterable[str], other_names: Iterable[str]) -> bool:
    """Whether two sets of surface forms can name the same person (lenient, see the module doc)."""
    mine = {name_words(n) for n in names} - {()}
    theirs = {name_words(n) for n in other_names} - {()}
    if mine & theirs:
        return True
    return any(same_surname_leniently(a, b) for a in mine for b in theirs)


def quote_match(gold: str, predicted: str) -> bool:
    """Whether a predicted quote renders a gold quote (see the module doc for the thresholds)."""
    g, p = words(gold), words(predicted)
    if not g or not p:
        return False
    g_text, p_text = f" {' '.join(g)} ", f" {' '.join(p)} "
    if g_text in p_text:
        return True
    if p_text in g_text and len(p) >= QUOTE_INSIDE_SHARE * len(g):
        return True
    shared = len(set(g) & set(p))
    if not shared:
        return False
    precision, recall = shared / len(set(p)), shared / len(set(g))
    return 2 * precision * recall / (precision + recall) >= QUOTE_OVERLAP_F1


class PRF(NamedTuple):
    precision: float
    recall: float
    f1: float


def prf(tp: int, predicted: int, gold: int) -> PRF:
    """Precision, recall and F1; nothing predicted is perfect precision only when nothing was to find."""
    precision = tp / predicted if predicted else (1.0 if gold == 0 else 0.0)
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1)


def ratio(part: int, whole: int) -> float:
    """A share, 0.0 when there is nothing to share (so that totals stay numbers)."""
    return part / whole if whole else 0.0


def pair_events(gold: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]],
                agreement: Callable[[int, int], int] | None = None) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index), best participant overlap first.

    A pair needs two shared participants, or one when the gold event has a single participant.
    Equal overlaps go to the pair that agrees most (``agreement``: e.g. same type, same date), so
    that an article's two events of the same people pair up as a reader would pair them; then to
    the earlier gold event and the earlier prediction, so the result is stable.
    """
    candidates = []
    for gi, g in enumerate(gold):
        need = 1 if len(g) <= 1 else 2
        for pi, p in enumerate(predicted):
            shared = len(g & p)
            if shared >= need:
                agree = agreement(gi, pi) if agreement else 0
                candidates.append((-shared / len(g | p), -agree, gi, pi))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for *_, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# -- gold files ------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldEvent:
    type: str
    participants: frozenset[str]
    date: str | None = None
    status: str | None = None
    evidence: str | None = None
    encounter: str | None = None  # events with the same label, in any article, are one encounter


@dataclass(frozen=True)
class GoldQuote:
    speaker: str
    quote: str


@dataclass
class GoldArticle:
    path: Path
    id: str
    events: list[GoldEvent]
    quotes: list[GoldQuote]  # direct speech only
    people: dict[str, set[str]]  # gold name -> every surface form, the name included

    def person(self, names: set[str]) -> str | None:
        """The gold name of the person these surface forms denote, if any."""
        for name, aliases in self.people.items():
            if same_person(names, aliases):
                return name
        return None

    def aliases(self, name: str) -> set[str]:
        return self.people.get(name, {name})


def load_gold(path: str | os.PathLike[str]) -> GoldArticle:
    """One gold file, checked: a malformed file is one line naming it, not a traceback mid-run."""
    path = Path(path)

    def bad(problem: str) -> KBError:
        return KBError(f"{path}: malformed gold file: {problem}")

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise bad(f"invalid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"{path}: cannot read the gold file ({exc})") from None
    if not isinstance(data, dict):
        raise bad("expected a JSON object")
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        raise bad("'text' must be the article's text")
    article_id = data.get("id", path.stem)
    if not isinstance(article_id, str) or not article_id.strip():
        raise bad("'id' must be a non-empty string")

    people_data = data.get("people", {})
    if not isinstance(people_data, dict):
        raise bad("'people' must be an object of name -> {aliases, title, country}")
    people: dict[str, set[str]] = {}
    for name, info in people_data.items():
        aliases = info.get("aliases", []) if isinstance(info, dict) else None
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise bad(f"people['{name}']: 'aliases' must be a list of names")
        people[name] = {name, *aliases}

    events = []
    for n, ev in enumerate(_list(data, "events", bad)):
        where = f"events[{n}]"
        if not isinstance(ev, dict):
            raise bad(f"{where}: expected an object")
        if ev.get("type") not in EVENT_KINDS:
            raise bad(f"{where}: 'type' must be one of {', '.join(EVENT_KINDS)}, not {ev.get('type')!r}")
        parts = ev.get("participants")
        if not isinstance(parts, list) or not parts or not all(isinstance(p, str) and p for p in parts):
            raise bad(f"{where}: 'participants' must be a non-empty list of names")
        when = ev.get("date")
        if when is not None and (not isinstance(when, str) or not _DATE.match(when)):
            raise bad(f"{where}: 'date' must be YYYY-MM-DD, YYYY-MM, YYYY or null, not {when!r}")
        evidence = ev.get("evidence") if isinstance(ev.get("evidence"), str) else None
        encounter = ev.get("encounter")
        if encounter is not None and (not isinstance(encounter, str) or not encounter.strip()):
            raise bad(f"{where}: 'encounter' must be a non-empty label, not {encounter!r}")
        events.append(GoldEvent(ev["type"], frozenset(parts), when, ev.get("status"), evidence, encounter))
        for name in parts:
            people.setdefault(name, {name})  # a name without a people entry still names someone

    quotes = []
    for n, st in enumerate(_list(data, "statements", bad)):
        where = f"statements[{n}]"
        if not isinstance(st, dict):
            raise bad(f"{where}: expected an object")
        if not isinstance(st.get("speaker"), str) or not isinstance(st.get("quote"), str):
            raise bad(f"{where}: 'speaker' and 'quote' must be strings")
        if st.get("kind", "direct") == "direct":
            quotes.append(GoldQuote(st["speaker"], st["quote"]))
            people.setdefault(st["speaker"], {st["speaker"]})
    return GoldArticle(path, article_id, events, quotes, people)


def _list(data: dict, key: str, bad) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise bad(f"'{key}' must be a list")
    return value


def load_gold_dir(gold_dir: str | os.PathLike[str]) -> list[GoldArticle]:
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise KBError(f"{folder}: not a folder of gold files")
    golds = [load_gold(p) for p in sorted(folder.glob("*.json"))]
    if not golds:
        raise KBError(f"{folder}: no gold files (*.json) here")
    seen: dict[str, Path] = {}
    for gold in golds:
        if gold.id in seen:
            raise KBError(f"{gold.path}: malformed gold file: id '{gold.id}' is used by {seen[gold.id].name}")
        seen[gold.id] = gold.path
    return golds


# -- what the knowledge base says --------------------------------------------------------------

@dataclass
class PredictedEvent:
    iri: str
    types: set[str]
    people: list[set[str]]  # each participant's labels
    dates: list[str]
    evidence: str | None = None


@dataclass
class PredictedQuote:
    iri: str
    quote: str
    speakers: list[set[str]]  # each speaker's labels


_ARTICLE_QUERY = """
SELECT ?article WHERE { ?article a dip:Article ; dcterms:identifier ?id } ORDER BY ?article
"""

_EVENT_TYPES_QUERY = """
SELECT DISTINCT ?event ?kind WHERE { ?event prov:wasDerivedFrom ?article ; dip:kind ?kind }
"""

_PARTICIPANTS_QUERY = """
SELECT DISTINCT ?event ?person ?name WHERE {
  ?event prov:wasDerivedFrom ?article ; dip:participant ?person .
  OPTIONAL { ?person rdfs:label|skos:altLabel|foaf:name ?name }
}
"""

_DATES_QUERY = """
SELECT DISTINCT ?event (STR(?when) AS ?date) WHERE { ?event prov:wasDerivedFrom ?article ; dip:date ?when }
"""

_EVIDENCE_QUERY = """
SELECT ?event (MIN(STR(?text)) AS ?evidence)
WHERE { ?event prov:wasDerivedFrom ?article ; dip:evidence ?text }
GROUP BY ?event
"""

_QUOTES_QUERY = """
SELECT DISTINCT ?statement ?quote ?speaker ?name WHERE {
  ?statement a dip:Statement ; prov:wasDerivedFrom ?article ; dip:quote ?quote .
  OPTIONAL {
    ?statement dip:speaker ?speaker .
    OPTIONAL { ?speaker rdfs:label|skos:altLabel|foaf:name ?name }
  }
}
"""



def find_article(kb, article_id: str) -> str | None:
    rows = kb.query(_ARTICLE_QUERY, id=article_id).column("article")
    return rows[0] if rows else None


def predicted_events(kb, article: str) -> list[PredictedEvent]:
    from pyoxigraph import NamedNode

    node = NamedNode(article)
    events: dict[str, PredictedEvent] = {}
    for row in kb.query(_EVENT_TYPES_QUERY, article=node):
        event = events.setdefault(row["event"], PredictedEvent(row["event"], set(), [], []))
        event.types.add(row["kind"])
    people: dict[tuple[str, str], set[str]] = {}
    for row in kb.query(_PARTICIPANTS_QUERY, article=node):
        if row["event"] in events:
            names = people.setdefault((row["event"], row["person"]), set())
            if row["name"]:
                names.add(row["name"])
    for (event_iri, person), names in sorted(people.items()):
        events[event_iri].people.append(names or {person.rsplit("/", 1)[-1]})
    for row in kb.query(_DATES_QUERY, article=node):
        if row["event"] in events:
            events[row["event"]].dates.append(row["date"])
    for row in kb.query(_EVIDENCE_QUERY, article=node):
        if row["event"] in events:
            events[row["event"]].evidence = row["evidence"]
    for event in events.values():
        event.dates.sort()
    return [events[k] for k in sorted(events)]


def predicted_quotes(kb, article: str) -> list[PredictedQuote]:
    from pyoxigraph import NamedNode

    quotes: dict[tuple[str, str], dict[str, set[str]]] = {}
    for row in kb.query(_QUOTES_QUERY, article=NamedNode(article)):
        speakers = quotes.setdefault((row["statement"], row["quote"]), {})
        if row["speaker"]:
            names = speakers.setdefault(row["speaker"], set())
            if row["name"]:
                names.add(row["name"])
    out = []
    for (iri, quote), by_speaker in sorted(quotes.items()):
        speakers = [names or {who.rsplit("/", 1)[-1]} for who, names in sorted(by_speaker.items())]
        out.append(PredictedQuote(iri, quote, speakers))
    return out


# -- scoring -------------------------------------------------------------------------------------

@dataclass
class Counts:
    """The raw counts of one article (or of all): totals are sums, scores are computed from them."""

    events_tp: int = 0
    events_pred: int = 0
    events_gold: int = 0
    participants_tp: int = 0
    participants_pred: int = 0
    participants_gold: int = 0
    dates_ok: int = 0
    dates_gold: int = 0
    types_ok: int = 0
    quotes_tp: int = 0
    quotes_pred: int = 0
    quotes_gold: int = 0
    quotes_attributed: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


@dataclass(frozen=True)
class Finding:
    """One thing that went wrong, with the sentence behind it when there is one (to see why)."""

    text: str
    evidence: str | None = None

    def __str__(self) -> str:
        return self.text


@dataclass
class ArticleScore:
    id: str
    found: bool
    counts: Counts
    missed_events: list[Finding] = field(default_factory=list)
    spurious_events: list[Finding] = field(default_factory=list)
    wrong_events: list[Finding] = field(default_factory=list)  # matched, but the wrong type or date
    missed_quotes: list[Finding] = field(default_factory=list)
    spurious_quotes: list[Finding] = field(default_factory=list)
    misattributed_quotes: list[Finding] = field(default_factory=list)
    matched: dict[int, str] = field(default_factory=dict)  # gold event index -> the predicted event's IRI

    @property
    def notes(self) -> list[Finding]:
        if not self.found:
            return [Finding("article not found in the knowledge base")]
        return (self.missed_events + self.spurious_events + self.wrong_events + self.missed_quotes
                + self.spurious_quotes + self.misattributed_quotes)


def _event_text(kind: Iterable[str] | str, people: Iterable[str], date: str | Iterable[str] | None) -> str:
    kinds = kind if isinstance(kind, str) else "/".join(sorted(kind))
    when = date if isinstance(date, str) or date is None else ", ".join(date) or None
    return f"{kinds} [{', '.join(sorted(people))}] {when or 'undated'}"


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return json.dumps(text if len(text) <= width else text[: width - 1] + "…", ensure_ascii=False)


def score_article(gold: GoldArticle, events: list[PredictedEvent], quotes: list[PredictedQuote],
                  found: bool = True) -> ArticleScore:
    """Compare one article's predictions with its gold annotations."""
    long_gold = {gi for gi, q in enumerate(gold.quotes) if len(words(q.quote)) >= MIN_QUOTE_WORDS}
    counts = Counts(events_gold=len(gold.events), quotes_gold=len(long_gold),
                    participants_gold=sum(len(e.participants) for e in gold.events))
    score = ArticleScore(gold.id, found, counts)
    if not found:
        return score

    # Events: participants become gold names where they can, their own label otherwise.
    pred_people = []
    for event in events:
        people = set()
        for names in event.people:
            people.add(gold.person(names) or "?" + min(names))
        pred_people.append(frozenset(people))
    def agreement(gi: int, pi: int) -> int:
        g, p = gold.events[gi], events[pi]
        return (g.type in p.types) + bool(g.date and any(d.startswith(g.date) for d in p.dates))

    pairs = pair_events([e.participants for e in gold.events], pred_people, agreement)
    score.matched = {gi: events[pi].iri for gi, pi in pairs}
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    restated_trips = {
        pi for pi, event in enumerate(events)
        if pi not in matched_pred and "visit" in event.types and pred_people[pi]
        and any(pred_people[pi] <= g.participants for g in gold.events)
    }
    counts.events_tp = len(pairs)
    counts.events_pred = len(events) - len(restated_trips)
    counts.participants_pred = sum(len(p) for pi, p in enumerate(pred_people) if pi not in restated_trips)
    for gi, pi in pairs:
        g, p = gold.events[gi], events[pi]
        counts.participants_tp += len(g.participants & pred_people[pi])
        problems = []
        if g.date:
            counts.dates_gold += 1
            if any(d.startswith(g.date) for d in p.dates):
                counts.dates_ok += 1
            else:
                problems.append(f"date {', '.join(p.dates) or 'none'} for {g.date}")
        if g.type in p.types:
            counts.types_ok += 1
        else:
            problems.append(f"type {'/'.join(sorted(p.types))} for {g.type}")
        if problems:
            text = f"wrong {' and '.join(problems)}: {_event_text(g.type, g.participants, g.date)}"
            score.wrong_events.append(Finding(text, p.evidence))
    score.missed_events = [Finding(f"missed event {_event_text(e.type, e.participants, e.date)}", e.evidence)
                           for gi, e in enumerate(gold.events) if gi not in matched_gold]
    score.spurious_events = [
        Finding(f"spurious event {_event_text(e.types, pred_people[pi], e.dates)}", e.evidence)
        for pi, e in enumerate(events) if pi not in matched_pred | restated_trips
    ]

    # Quotes: each prediction claims the first gold quote it renders.
    long_preds = [q for q in quotes if len(words(q.quote)) >= MIN_QUOTE_WORDS]
    claimed: dict[int, int] = {}  # gold index -> predicted index
    counted = 0
    for pi, pred in enumerate(long_preds):
        renders = [gi for gi, g in enumerate(gold.quotes) if quote_match(g.quote, pred.quote)]
        new = [gi for gi in renders if gi not in claimed and gi in long_gold]
        if new:
            claimed[new[0]] = pi
            counted += 1
        elif any(gi in long_gold for gi in renders):
            counted += 1  # a repeat of a quote already matched: neither credited nor spurious
        elif not renders:
            counted += 1
            speaker = " / ".join(min(s) for s in pred.speakers) or "nobody"
            score.spurious_quotes.append(Finding(f"spurious quote by {speaker}: {_clip(pred.quote)}"))
        # otherwise it renders only quotes too short to score: left out
    counts.quotes_pred = counted
    counts.quotes_tp = len(claimed)
    for gi, pi in sorted(claimed.items()):
        g, pred = gold.quotes[gi], long_preds[pi]
        if any(same_person(names, gold.aliases(g.speaker)) for names in pred.speakers):
            counts.quotes_attributed += 1
        else:
            speaker = " / ".join(min(s) for s in pred.speakers) or "nobody"
            text = f"quote of {g.speaker} given to {speaker}: {_clip(g.quote)}"
            score.misattributed_quotes.append(Finding(text))
    score.missed_quotes = [Finding(f"missed quote by {g.speaker}: {_clip(g.quote)}")
                           for gi, g in enumerate(gold.quotes) if gi in long_gold and gi not in claimed]
    return score


_FINDINGS = ("missed_events", "spurious_events", "wrong_events", "missed_quotes", "spurious_quotes",
             "misattributed_quotes")


# -- the report ------------------------------------------------------------------------------------

@dataclass
class EvalReport:
    """Per-article rows and totals; ``scores`` holds the headline figures."""

    articles: list[ArticleScore]
    gold_dir: str = ""
    stages: Any = None  # a kb.evaluate_stages.StageReport, when the extractor can be traced
    clusters: Any = None  # kb.evaluate_clusters.ClusterScores, for a corpus that labels encounters

    @property
    def totals(self) -> Counts:
        return sum((a.counts for a in self.articles), Counts())

    @property
    def events(self) -> PRF:
        t = self.totals
        return prf(t.events_tp, t.events_pred, t.events_gold)

    @property
    def participants(self) -> PRF:
        t = self.totals
        return prf(t.participants_tp, t.participants_pred, t.participants_gold)

    @property
    def quotes(self) -> PRF:
        t = self.totals
        return prf(t.quotes_tp, t.quotes_pred, t.quotes_gold)

    @property
    def date_accuracy(self) -> float:
        return ratio(self.totals.dates_ok, self.totals.dates_gold)

    @property
    def type_accuracy(self) -> float:
        return ratio(self.totals.types_ok, self.totals.events_tp)

    @property
    def attribution_accuracy(self) -> float:
        return ratio(self.totals.quotes_attributed, self.totals.quotes_tp)

    @property
    def scores(self) -> dict[str, float]:
        return {
            "events_f1": self.events.f1,
            "participants_f1": self.participants.f1,
            "date_accuracy": self.date_accuracy,
            "type_accuracy": self.type_accuracy,
            "quotes_f1": self.quotes.f1,
            "attribution_accuracy": self.attribution_accuracy,
        }

    def to_dict(self) -> dict[str, Any]:
        t = self.totals
        return {
            "gold_dir": self.gold_dir,
            "articles": len(self.articles),
            "scores": self.scores,
            "events": self.events._asdict(),
            "participants": self.participants._asdict(),
            "quotes": self.quotes._asdict(),
            "date_accuracy": self.date_accuracy,
            "type_accuracy": self.type_accuracy,
            "attribution_accuracy": self.attribution_accuracy,
            "counts": asdict(t),
            "by_source": {name: part.scores for name, part in self.by_source().items()},
            "stages": self.stages.to_dict() if self.stages is not None else None,
            "per_article": [
                {"id": a.id, "found": a.found, **asdict(a.counts),
                 **{kind: [asdict(f) for f in getattr(a, kind)] for kind in _FINDINGS}}
                for a in self.articles
            ],
            **({"clusters": self.clusters.to_dict()} if self.clusters else {}),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False)

    def to_text(self, verbose: bool = False) -> str:
        """A table a researcher can read at a glance; ``verbose`` adds what went wrong where."""
        header = ("article", "events", "participants", "dates", "types", "quotes", "attributed")
        rows = [self._row(a.id if a.found else a.id + " (not found)", a.counts) for a in self.articles]
        total = self._row("total", self.totals)
        widths = [max(len(r[i]) for r in [header, *rows, total]) for i in range(len(header))]

        def line(cells: Sequence[str]) -> str:
            first, *rest = zip(cells, widths, strict=True)
            return "  ".join([first[0].ljust(first[1]), *(c.rjust(w) for c, w in rest)])

        out = [f"{len(self.articles)} gold articles" + (f" in {self.gold_dir}" if self.gold_dir else ""),
               "cells: matched/gold (predicted); dates and types over matched events", "",
               line(header), line(["-" * w for w in widths]), *(line(r) for r in rows),
               line(["-" * w for w in widths]), line(total), ""]
        t = self.totals
        out.append(f"{'':<22}{'precision':>10}{'recall':>10}{'F1':>10}")
        for name, value in (("events", self.events), ("participants", self.participants),
                            ("quotes", self.quotes)):
            out.append(f"{name:<22}{value.precision:>10.3f}{value.recall:>10.3f}{value.f1:>10.3f}")
        out.append(f"{'date accuracy':<22}{self.date_accuracy:>10.3f}  ({t.dates_ok}/{t.dates_gold})")
        out.append(f"{'type accuracy':<22}{self.type_accuracy:>10.3f}  ({t.types_ok}/{t.events_tp})")
        out.append(f"{'attribution accuracy':<22}{self.attribution_accuracy:>10.3f}  "
                   f"({t.quotes_attributed}/{t.quotes_tp})")
        if verbose:
            for article in self.articles:
                if article.notes:
                    out.append("")
                    out.append(f"{article.id}:")
                    for note in article.notes:
                        out.append(f"  {note}")
                        if note.evidence:
                            out.append(f"      {_clip(note.evidence, 100)}")
        if self.stages is not None:
            out.append("")
            out.append(self.stages.to_text())
        sources = self.by_source()
        if len(sources) > 1:
            out.append("")
            for name, part in sources.items():
                p = part.scores
                out.append(f"source {name} ({len(part.articles)} articles): events_f1={p['events_f1']:.3f} "
                           f"participants_f1={p['participants_f1']:.3f} date_acc={p['date_accuracy']:.3f} "
                           f"quotes_f1={p['quotes_f1']:.3f} attribution_acc={p['attribution_accuracy']:.3f}")
        s = self.scores
        out.append("")
        out.append(f"score: events_f1={s['events_f1']:.3f} participants_f1={s['participants_f1']:.3f} "
                   f"date_acc={s['date_accuracy']:.3f} quotes_f1={s['quotes_f1']:.3f} "
                   f"attribution_acc={s['attribution_accuracy']:.3f}")
        return "\n".join(out)

    def by_source(self) -> dict[str, EvalReport]:
        """The articles grouped by the source their id names before its first hyphen ("reuters-42")."""
        groups: dict[str, list[ArticleScore]] = {}
        for article in self.articles:
            groups.setdefault(article.id.split("-", 1)[0], []).append(article)
        return {name: EvalReport(rows, self.gold_dir) for name, rows in sorted(groups.items())}

    @staticmethod
    def _row(name: str, c: Counts) -> tuple[str, ...]:
        return (name, f"{c.events_tp}/{c.events_gold} ({c.events_pred})",
                f"{c.participants_tp}/{c.participants_gold} ({c.participants_pred})",
                f"{c.dates_ok}/{c.dates_gold}", f"{c.types_ok}/{c.events_tp}",
                f"{c.quotes_tp}/{c.quotes_gold} ({c.quotes_pred})", f"{c.quotes_attributed}/{c.quotes_tp}")


# -- the whole round trip ----------------------------------------------------------------------

def evaluate(gold_dir: str | os.PathLike[str], model: str | None = None, store=None,
             merge_threshold: float | None = None) -> EvalReport:
    """Ingest the gold articles of ``gold_dir`` and score what the knowledge base then says about them.

    ``store`` (a ``KnowledgeBase`` or a store location) keeps the ingested articles for inspection;
    by default they go to a temporary store that is removed afterwards. ``merge_threshold``: see
    ``KnowledgeBase.ingest``.
    """
    from kb.api import KnowledgeBase

    golds = load_gold_dir(gold_dir)
    if isinstance(store, KnowledgeBase):
        return _evaluate_in(store, golds, str(gold_dir), merge_threshold)
    if store is not None:
        with KnowledgeBase(store, model=model) as kb:
            return _evaluate_in(kb, golds, str(gold_dir), merge_threshold)
    with tempfile.TemporaryDirectory(prefix="kb-eval-") as tmp, KnowledgeBase(tmp, model=model) as kb:
        return _evaluate_in(kb, golds, str(gold_dir), merge_threshold)


def _evaluate_in(kb, golds: list[GoldArticle], gold_dir: str,
                 merge_threshold: float | None = None) -> EvalReport:
    from kb.evaluate_clusters import mentions_of, score_clusters

    # force: an article left by an earlier extractor must not be scored as this one's work
    ingested = kb.ingest([g.path for g in golds], force=True, merge_threshold=merge_threshold)
    if ingested.failed:
        more = f" (and {len(ingested.failed) - 1} more)" if len(ingested.failed) > 1 else ""
        raise KBError(f"{ingested.failed[0]}{more}")
    rows = []
    for gold in golds:
        article = find_article(kb, gold.id)
        if article is None:
            rows.append(score_article(gold, [], [], found=False))
        else:
            rows.append(score_article(gold, predicted_events(kb, article), predicted_quotes(kb, article)))
    mentions = mentions_of(golds, rows)
    clusters = score_clusters(mentions) if mentions is not None else None
    return EvalReport(rows, gold_dir, stages=_stages(kb.extractor, golds), clusters=clusters)


def _stages(extractor, golds: list[GoldArticle]):
    """Per-stage figures from the extractor's trace of the same articles, if it can give one."""
    if not hasattr(extractor, "trace_many"):
        return None
    from kb.evaluate_stages import score_stages
    from kb.model import Article
    from kb.readers import read_paths

    articles = [a for a in read_paths([g.path for g in golds]) if isinstance(a, Article)]
    return score_stages(golds, extractor.trace_many(articles))
