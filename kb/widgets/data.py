"""The explorer's data: a few SPARQL queries loaded once into pandas, filtered in pandas.

Querying the store on every filter change is too slow for a knowledge base of thousands of
articles; filtering cached frames takes milliseconds. ``ExplorerData.reload()`` re-queries.
Events and people get integer codes (their row in ``events`` and ``people``) at load time, so
that filters become numpy indexing instead of joins on IRI strings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

import numpy as np
import pandas as pd

from kb.kinds import LABELS, NAMES

EVENT_TYPES = NAMES  # the names in the kinds table (kb.kinds), kinds added later included
TYPE_LABELS = LABELS


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the knowledge base to; empty values mean no restriction."""

    person: str = ""  # part of a name or alias, case-insensitive
    country: str = ""  # ISO 3166-1 alpha-2 code
    type: str = ""  # one of EVENT_TYPES
    start: dt.date | None = None
    end: dt.date | None = None
    text: str = ""  # words in a statement (or in an event's evidence sentence)

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) in ("", None) for f in fields(self))


@dataclass
class Selection:
    """The part of the knowledge base the filters let through, one frame per view."""

    events: pd.DataFrame
    statements: pd.DataFrame
    participation: pd.DataFrame  # (event, person, name, country, ecode, pcode) of the selected events
    articles: pd.DataFrame  # (event, article_id, title, url, ecode) of the selected events
    people: pd.DataFrame  # every person (not only the selected), row number = pcode
    countries: pd.DataFrame  # (ecode, country): the people's, states' and place's countries of the events
    filters: Filters = field(default_factory=Filters)

    @property
    def article_ids(self) -> list[str]:
        """The articles behind the selection (what a Turtle export of the selection contains)."""
        ids = set(self.articles["article_id"]) | set(self.statements["article_id"])
        return sorted(a for a in ids if isinstance(a, str))


def empty_selection() -> Selection:
    """A selection of nothing, for views drawn before any data arrives."""
    return _Frames.empty().select_all()


class ExplorerData:
    """Base frames for the explorer views, loaded with the ``explorer-*`` named queries."""

    def __init__(self, kb):
        self.kb = kb
        self.reload()

    def reload(self) -> None:
        people = self.kb.query("explorer-people").to_dataframe()
        rows = self.kb.query("explorer-events").to_dataframe()
        statements = self.kb.query("explorer-statements").to_dataframe()
        self._frames = _Frames.build(people, rows, statements)
        f = self._frames
        self.people, self.events, self.statements = f.people, f.events, f.statements
        self.participation, self.event_countries, self.event_articles = (f.participation, f.countries,
                                                                          f.articles)

    # -- lookups for the filter widgets --------------------------------------------------

    def person_names(self) -> list[str]:
        """Display names of everyone in an event or statement, for the type-ahead."""
        return sorted(set(self.people["name"].dropna()), key=str.casefold)

    def countries(self) -> list[tuple[str, str]]:
        """(label, ISO code) of every country with a person, a state or a place in an event, by label."""
        codes = set(self.event_countries["country"].dropna())
        names = self._frames.country_names
        return sorted(((f"{names.get(c) or c} ({c})", c) for c in codes if c), key=lambda p: p[0])

    def date_bounds(self) -> tuple[dt.date | None, dt.date | None]:
        start, end = self.events["start"].min(), self.events["end"].max()
        return (None if pd.isna(start) else start.date(), None if pd.isna(end) else end.date())

    def persons_matching(self, text: str) -> np.ndarray:
        """A mask over ``people``: whose name or any alias contains ``text`` (as the named queries match)."""
        needle = text.strip().casefold()
        if not needle:
            return np.ones(len(self.people), dtype=bool)
        return self.people["search"].str.contains(needle, regex=False).to_numpy(dtype=bool)

    # -- filtering ------------------------------------------------------------------------

    def select(self, filters: Filters) -> Selection:
        """Apply every filter to every view: events, their participants, statements."""
        f = self._frames
        if filters.is_empty():
            return f.select_all(filters)
        events, statements = f.events, f.statements
        ev = np.ones(len(events), dtype=bool)
        st = np.ones(len(statements), dtype=bool)
        if filters.person.strip():
            persons = np.append(self.persons_matching(filters.person), False)  # pcode -1 -> False
            part = f.participation
            ev &= f.event_mask(part["ecode"].to_numpy()[persons[part["pcode"].to_numpy()]])
            st &= (persons[statements["speaker_pcode"].to_numpy()]
                   | persons[statements["addressee_pcode"].to_numpy()])
        if filters.country:
            code = filters.country.upper()
            ev &= f.event_mask(f.countries.loc[f.countries["country"] == code, "ecode"].to_numpy())
            st &= ((statements["speaker_country"] == code)
                   | (statements["addressee_country"] == code)).to_numpy(dtype=bool)
        if filters.type:
            ev &= (events["type"] == filters.type).to_numpy()
            st &= (statements["event_type"] == filters.type).to_numpy()
        if filters.start or filters.end:
            ev &= _in_range(events, filters.start, filters.end)
            st &= _in_range(statements, filters.start, filters.end)
        if filters.text.strip():
            needle = filters.text.strip().casefold()
            said = statements["search"].str.contains(needle, regex=False).to_numpy(dtype=bool)
            st &= said
            reported_with = f.articles["article_id"].isin(statements.loc[said, "article_id"]).to_numpy()
            ev &= (events["search"].str.contains(needle, regex=False).to_numpy(dtype=bool)
                   | f.event_mask(statements.loc[said, "ecode"].to_numpy())
                   | f.event_mask(f.articles["ecode"].to_numpy()[reported_with]))
        return f.select(ev, st, filters)


@dataclass
class _Frames:
    people: pd.DataFrame
    events: pd.DataFrame
    statements: pd.DataFrame
    participation: pd.DataFrame
    countries: pd.DataFrame  # (event, country, ecode): people's, states' and the place's countries
    articles: pd.DataFrame
    country_names: dict

    @classmethod
    def build(cls, people: pd.DataFrame, rows: pd.DataFrame, statements: pd.DataFrame) -> _Frames:
        people = _people(people, rows, statements)
        pcode = pd.Series(np.arange(len(people)), index=people["person"])
        participation, countries, articles, events = _events(rows, people)
        ecode = pd.Series(events["code"].to_numpy(), index=events["event"])
        for frame in (participation, countries, articles):
            frame["ecode"] = frame["event"].map(ecode).to_numpy(dtype=np.int64)
        participation["pcode"] = participation["person"].map(pcode).to_numpy(dtype=np.int64)
        statements = _statements(statements, people, events)
        statements["ecode"] = statements["event"].map(ecode).fillna(-1).to_numpy(dtype=np.int64)
        for role in ("speaker", "addressee"):
            statements[f"{role}_pcode"] = statements[role].map(pcode).fillna(-1).to_numpy(dtype=np.int64)
        names = {**dict(zip(rows["place_country"], rows["place_country_name"], strict=True)),
                 **dict(zip(rows["actor"], rows["actor_name"], strict=True)),
                 **dict(zip(people["country"], people["country_name"], strict=True))}
        return cls(people, events, statements, participation, countries, articles,
                   {k: v for k, v in names.items() if isinstance(k, str) and isinstance(v, str)})

    @classmethod
    def empty(cls) -> _Frames:
        people_columns = ["person", "name", "alias", "title", "country", "country_name"]
        event_columns = ["event", "type", "status", "date", "place", "place_country", "place_country_name",
                         "person", "actor", "actor_name", "article_id", "title", "url", "published",
                         "evidence", "disputed"]
        statement_columns = ["statement", "speaker", "addressee", "quote", "content", "evidence", "event",
                             "date", "article_id", "title", "url"]
        return cls.build(pd.DataFrame(columns=people_columns, dtype=object),
                         pd.DataFrame(columns=event_columns, dtype=object),
                         pd.DataFrame(columns=statement_columns, dtype=object))

    def event_mask(self, codes: np.ndarray) -> np.ndarray:
        mask = np.zeros(len(self.events), dtype=bool)
        mask[codes[codes >= 0]] = True
        return mask

    def select(self, ev: np.ndarray, st: np.ndarray, filters: Filters) -> Selection:
        part = self.participation[ev[self.participation["ecode"].to_numpy()]]
        arts = self.articles[ev[self.articles["ecode"].to_numpy()]]
        countries = self.countries[ev[self.countries["ecode"].to_numpy()]]
        return Selection(self.events[ev], self.statements[st], part, arts, self.people, countries, filters)

    def select_all(self, filters: Filters | None = None) -> Selection:
        return Selection(self.events, self.statements, self.participation, self.articles, self.people,
                         self.countries, filters or Filters())


def _period(dates: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Start and end of each 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' date (NaT when missing or invalid)."""
    text = dates.fillna("").astype(str)
    size = text.str.len()
    full = text.where(size != 7, text + "-01").where(size != 4, text + "-01-01")
    start = pd.to_datetime(full.where(size.isin((4, 7, 10)), None), format="%Y-%m-%d", errors="coerce")
    end = start.copy()
    month, year = (size == 7).to_numpy(), (size == 4).to_numpy()
    end[month] = start[month] + pd.offsets.MonthEnd(0)
    end[year] = start[year] + pd.offsets.YearEnd(0)
    return start, end


def _in_range(frame: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> np.ndarray:
    """Rows whose date period overlaps [start, end]: '2023' is inside 2023-03-01..2023-04-01."""
    keep = frame["start"].notna().to_numpy(copy=True)
    if start:
        keep &= (frame["end"] >= pd.Timestamp(start)).to_numpy()
    if end:
        keep &= (frame["start"] <= pd.Timestamp(end)).to_numpy()
    return keep


def _people(rows: pd.DataFrame, events: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """One row per person, with every name folded into ``search``; people only events name get their IRI."""
    cols = ["person", "name", "title", "country", "country_name"]
    aliases = rows.dropna(subset=["alias"]).groupby("person", sort=False)["alias"].agg("\n".join)
    people = rows.drop_duplicates("person")[cols].set_index("person")
    known = set(people.index)
    extra = [p for p in pd.concat([events["person"], statements["speaker"], statements["addressee"]]).dropna()
             .unique() if p not in known]
    if extra:  # an event or statement pointing at someone the people query did not return
        people = pd.concat([people, pd.DataFrame({"name": extra}, index=pd.Index(extra, name="person"))])
    names = people["name"].fillna("") + "\n" + aliases.reindex(people.index).fillna("")
    people["search"] = names.str.casefold()
    return people.reset_index()


def _events(rows: pd.DataFrame, people: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    """Participation (event x person), event countries, event articles, and one row per event.

    Vectorised on purpose: per-group Python callbacks take seconds on tens of thousands of events.
    """
    info = people.set_index("person")
    participation = rows.loc[rows["person"].notna(), ["event", "person"]].drop_duplicates()
    participation = participation.reset_index(drop=True)
    participation["name"] = participation["person"].map(info["name"]).fillna(participation["person"])
    participation["country"] = participation["person"].map(info["country"])
    countries = pd.concat([
        participation[["event", "country"]],
        rows[["event", "actor"]].rename(columns={"actor": "country"}),
        rows[["event", "place_country"]].rename(columns={"place_country": "country"}),
    ]).dropna().drop_duplicates().reset_index(drop=True)
    articles = rows.drop_duplicates(["event", "article_id"])[["event", "article_id", "title", "url"]]
    published = rows.loc[articles.index, "published"].astype("string")
    articles = articles.iloc[np.lexsort((articles["article_id"].astype(str).to_numpy(),
                                         published.fillna("9999").to_numpy(dtype=str)))]
    articles = articles.reset_index(drop=True)  # an encounter's first article is the first to report it

    events = rows.drop_duplicates("event")[["event", "type", "status", "date", "place", "place_country",
                                            "disputed"]]
    events = events.set_index("event")
    first = articles.drop_duplicates("event").set_index("event")
    events["article_id"], events["title"], events["url"] = first["article_id"], first["title"], first["url"]
    events["n_articles"] = articles.groupby("event", sort=False).size()
    evidence = rows.dropna(subset=["evidence"]).drop_duplicates("event").set_index("event")["evidence"]
    events["evidence"] = evidence
    people_names = participation.groupby("event", sort=False)["name"].agg(", ".join)
    states = rows.dropna(subset=["actor"]).drop_duplicates(["event", "actor"])
    state_names = (states["actor_name"].fillna(states["actor"])
                   .groupby(states["event"], sort=False).agg(", ".join))
    events["participants"] = people_names.reindex(events.index).fillna(state_names.reindex(events.index))
    events["search"] = events["evidence"].fillna("").str.casefold()
    events = events.reset_index()
    events["start"], events["end"] = _period(events["date"])
    events = events.sort_values(["start", "event"], ascending=[False, True], na_position="last")
    events = events.reset_index(drop=True)
    events["code"] = np.arange(len(events))
    return participation, countries, articles, events


def _statements(rows: pd.DataFrame, people: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    info = people.set_index("person")
    out = rows.copy()
    for role in ("speaker", "addressee"):
        out[f"{role}_name"] = out[role].map(info["name"])
        out[f"{role}_country"] = out[role].map(info["country"])
    out["event_type"] = out["event"].map(events.set_index("event")["type"])
    said = out["quote"].fillna(out["content"]).fillna("")
    out["search"] = (said + "\n" + out["evidence"].fillna("")).str.casefold()
    out["start"], out["end"] = _period(out["date"])
    out = out.sort_values(["start", "statement"], ascending=[False, True], na_position="last")
    return out.reset_index(drop=True)
