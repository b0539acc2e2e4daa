"""The knowledge base as flat tables, one row per event or statement, as event datasets are shared.

Researchers who work with ICEWS, GDELT or POLECAT read events in pandas, R or Stata: one row per
event, its codes, its actors' countries and its place's coordinates. ``events_table`` and
``statements_table`` give that table as a pandas DataFrame (``kb export --format events-csv``
and ``KnowledgeBase.events()`` read it), built from a few simple queries over the merged
knowledge base (each encounter once) joined in pandas. Lists (participants, articles, ...) are
joined with "; ". The columns are documented in docs/tables.md.

The filters are those of the named queries: ``person`` (a name or one word of it, as
``meetings-of-person``), ``country`` (a name or ISO code; with ``country2``, the events between
the two, as ``meetings-between-countries``), ``start``/``end`` dates and the event ``type``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kb.kinds import KINDS
from kb.queries import NamedQuery, Param
from kb.rdf.namespaces import sparql_prologue

SEP = "; "

EVENT_COLUMNS = [
    "event", "type", "status", "date", "date_precision", "plover", "plover_mode", "plover_context", "cameo",
    "participants", "hosts", "guests", "countries", "source_country", "target_country", "source_cameo",
    "target_cameo", "place", "place_country", "geonames_id", "latitude", "longitude", "articles", "urls",
    "evidence", "confidence",
]  # fmt: skip
STATEMENT_COLUMNS = [
    "statement", "speaker", "speaker_country", "addressee", "addressee_country", "quote", "content", "date",
    "event", "article", "url", "evidence", "confidence",
]  # fmt: skip

_EVENT_PARAMS = (
    Param("person", "name", False, "only events with this person"),
    Param("country", "country", False, "only events with a party of this country"),
    Param("country2", "country", False, "with country: only events between people of the two countries"),
    Param("start", "date", False, "earliest date (YYYY-MM-DD)"),
    Param("end", "date", False, "latest date (YYYY-MM-DD)"),
    Param("type", "text", False, "only events of this kind"),
)
# country and country2 become the pair of countries whose key (dip:countryPair) the table looks up
_TABLE_PARAMS = (
    *(p for p in _EVENT_PARAMS if p.name != "country2"),
    Param("between1", "country", False, "one of two countries"),
    Param("between2", "country", False, "the other"),
)
_STATEMENT_PARAMS = (
    Param("speaker", "name", False, "only statements by this person"),
    Param("text", "text", False, "only statements containing these words"),
    Param("start", "date", False, "earliest date (YYYY-MM-DD)"),
    Param("end", "date", False, "latest date (YYYY-MM-DD)"),
)

# Which events a table holds: every lines marked "# if" is kept only when its filter is given, so
# that a person or a country is where the query starts (index lookups), as in the named queries.
_EVENTS = """
  ?_p dip:nameKey ?person . ?event dip:participant ?_p .  # if person
  ?_c1 dip:iso2 ?country . ?event dip:involvesCountry ?_c1 .  # if country
  ?event dip:countryPair ?_pair .  # if between1
  ?event a dip:Event .
  ?event dip:kind ?type .  # if type
  ?event dip:date ?_date .  # if start
  ?event dip:date ?_date .  # if end
  FILTER(!BOUND(?start) || STR(?_date) >= SUBSTR(STR(?start), 1, STRLEN(STR(?_date))))
  FILTER(!BOUND(?end) || STR(?_date) <= SUBSTR(STR(?end), 1, STRLEN(STR(?_date))))
"""

_EVENT_PARTS = {
    "facts": """SELECT DISTINCT ?event ?kind ?contact ?status ?date ?date_precision ?plover ?plover_mode
       ?plover_context ?cameo WHERE { %s
  ?event dip:status ?st . BIND(LCASE(STRAFTER(STR(?st), "#")) AS ?status)
  OPTIONAL { ?event dip:kind ?kind }
  OPTIONAL { ?event dip:contactKind ?contact }
  OPTIONAL { ?event dip:date ?date }
  OPTIONAL { ?event dip:datePrecision ?date_precision }
  OPTIONAL { ?event dip:plover/skos:notation ?plover }
  OPTIONAL { ?event dip:ploverMode/skos:notation ?plover_mode }
  OPTIONAL { ?event dip:ploverContext/skos:notation ?plover_context }
  OPTIONAL { ?event dip:cameo/skos:notation ?cameo } }""",
    "people": """SELECT DISTINCT ?event ?role ?person ?name WHERE { %s
  VALUES ?role { dip:participant dip:host dip:guest } ?event ?role ?person .
  OPTIONAL { ?person rdfs:label ?name } }""",
    "countries": """SELECT DISTINCT ?event ?role ?code ?cameo WHERE { %s
  VALUES ?role { dip:involvesCountry dip:cameoSource dip:cameoTarget } ?event ?role ?c . ?c dip:iso2 ?code .
  OPTIONAL { ?c dip:cameoCountry ?cameo } }""",
    "place": """SELECT DISTINCT ?event ?place ?place_country ?geonames_id ?latitude ?longitude WHERE { %s
  ?event dip:place ?pl . ?pl rdfs:label ?place .
  OPTIONAL { ?pl dip:country/dip:iso2 ?place_country }
  OPTIONAL { ?pl dip:geonamesId ?geonames_id }
  OPTIONAL { ?pl wgs84:lat ?latitude ; wgs84:long ?longitude } }""",
    "articles": """SELECT DISTINCT ?event ?article ?url WHERE { %s
  ?event prov:wasDerivedFrom ?a . ?a dcterms:identifier ?article . OPTIONAL { ?a schema:url ?url } }""",
    "evidence": """SELECT DISTINCT ?event ?evidence WHERE { %s ?event dip:evidence ?evidence }""",
    "confidence": """SELECT ?event (MAX(?c) AS ?confidence) WHERE { %s
  ?event dip:report/dip:confidence ?c } GROUP BY ?event""",
}

_STATEMENTS = """SELECT ?statement (MIN(?speaker_label) AS ?speaker) (MIN(?speaker_code) AS ?speaker_country)
       (MIN(?addressee_label) AS ?addressee) (MIN(?addressee_code) AS ?addressee_country)
       ?quote ?content ?date ?event ?article ?url ?evidence (MAX(?c) AS ?confidence)
WHERE {
  ?sp dip:nameKey ?speaker_key . ?statement dip:speaker ?sp .  # if speaker_key
  ?statement a dip:Statement ; prov:wasDerivedFrom ?a .
  ?a dcterms:identifier ?article .
  OPTIONAL { ?statement dip:speaker ?s . OPTIONAL { ?s rdfs:label ?speaker_label }
             OPTIONAL { ?s dip:country/dip:iso2 ?speaker_code } }
  OPTIONAL { ?statement dip:addressee ?ad . OPTIONAL { ?ad rdfs:label ?addressee_label }
             OPTIONAL { ?ad dip:country/dip:iso2 ?addressee_code } }
  OPTIONAL { ?statement dip:quote ?quote }
  OPTIONAL { ?statement dip:content ?content }
  OPTIONAL { ?statement dip:evidence ?evidence }
  OPTIONAL { ?statement dip:report/dip:confidence ?c }
  OPTIONAL { ?statement dip:duringEvent ?event . OPTIONAL { ?event dip:date ?event_date } }
  OPTIONAL { ?a dcterms:issued ?issued }
  OPTIONAL { ?a schema:url ?url }
  BIND(COALESCE(?event_date, ?issued) AS ?date)
  FILTER(!BOUND(?text) || CONTAINS(LCASE(COALESCE(?quote, ?content, "")), LCASE(?text)))
  FILTER(!BOUND(?start) || (BOUND(?date) && STR(?date) >= SUBSTR(STR(?start), 1, STRLEN(STR(?date)))))
  FILTER(!BOUND(?end) || (BOUND(?date) && STR(?date) <= SUBSTR(STR(?end), 1, STRLEN(STR(?date)))))
}
GROUP BY ?statement ?quote ?content ?date ?event ?article ?url ?evidence
ORDER BY ?date ?statement
"""


def _query(name: str, text: str, params: tuple[Param, ...]) -> NamedQuery:
    pairs = (("_pair", "between1", "between2"),) if params is _TABLE_PARAMS else ()
    return NamedQuery(name, name, "", params, sparql_prologue() + text, pairs=pairs)


def events_table(kb, **filters: object) -> pd.DataFrame:
    """One row per event (each encounter once), in date order, with the columns of ``EVENT_COLUMNS``."""
    values = _filters(filters)
    frames = {part: _frame(kb, _query(f"events-{part}", text % _EVENTS, _TABLE_PARAMS), values)
              for part, text in _EVENT_PARTS.items()}
    facts = frames["facts"].drop_duplicates("event").set_index("event")
    out = pd.DataFrame(index=facts.index)
    contact = facts["contact"].map(lambda iri: KINDS.by_class(iri).name if KINDS.by_class(iri) else None)
    out["type"] = facts["kind"].fillna(contact)
    for column in ("status", "date", "date_precision", "plover", "plover_mode", "plover_context", "cameo"):
        out[column] = facts[column]

    people = frames["people"]
    people = people.assign(name=people["name"].fillna(people["person"].str.rsplit("/", n=1).str[-1]))
    names = people.groupby("person")["name"].min()
    people = people.drop_duplicates(["event", "role", "person"]).assign(name=lambda f: f["person"].map(names))
    for column, role in (("participants", "participant"), ("hosts", "host"), ("guests", "guest")):
        out[column] = _joined(people[people["role"].str.endswith("#" + role)], "name", out.index)

    countries = frames["countries"]
    for column, role, value in (("countries", "involvesCountry", "code"),
                                ("source_country", "cameoSource", "code"),
                                ("target_country", "cameoTarget", "code"),
                                ("source_cameo", "cameoSource", "cameo"),
                                ("target_cameo", "cameoTarget", "cameo")):
        out[column] = _joined(countries[countries["role"].str.endswith("#" + role)], value, out.index)

    place = frames["place"].sort_values(["event", "place"]).drop_duplicates("event").set_index("event")
    for column in ("place", "place_country", "geonames_id", "latitude", "longitude"):
        out[column] = place[column].reindex(out.index)
    out["latitude"] = pd.to_numeric(out["latitude"], errors="coerce")
    out["longitude"] = pd.to_numeric(out["longitude"], errors="coerce")

    out["articles"] = _joined(frames["articles"], "article", out.index)
    out["urls"] = _joined(frames["articles"], "url", out.index)
    out["evidence"] = _joined(frames["evidence"], "evidence", out.index)
    confidence = frames["confidence"].set_index("event")["confidence"]
    out["confidence"] = pd.to_numeric(confidence, errors="coerce").reindex(out.index)
    out = out.reset_index().rename(columns={"index": "event"})
    out = out.sort_values(["date", "event"], na_position="last", key=lambda c: c.astype("string"))
    return _typed(out[EVENT_COLUMNS].reset_index(drop=True))


def statements_table(kb, *, speaker: str | None = None, text: str | None = None,
                     start: dt.date | str | None = None, end: dt.date | str | None = None) -> pd.DataFrame:
    """One row per statement, in date order, with the columns of ``STATEMENT_COLUMNS``."""
    params = (Param("speaker_key", "name", False, _STATEMENT_PARAMS[0].description), *_STATEMENT_PARAMS[1:])
    query = _query("statements-table", _STATEMENTS, params)
    frame = _frame(kb, query, {"speaker_key": speaker, "text": text, "start": start, "end": end})
    frame = frame.reindex(columns=STATEMENT_COLUMNS)
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce")
    return _typed(frame.reset_index(drop=True))


_NUMBERS = ("latitude", "longitude", "confidence")


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as pandas strings (missing values as NA, kept so by Parquet), numbers as floats."""
    for column in frame.columns:
        frame[column] = frame[column].astype("float64" if column in _NUMBERS else "string")
    return frame


def _filters(filters: dict[str, object]) -> dict[str, object]:
    known = {p.name for p in _EVENT_PARAMS}
    unknown = sorted(set(filters) - known)
    if unknown:
        from kb.errors import QueryError

        raise QueryError(f"events table: no filter {', '.join(unknown)} (it takes: {', '.join(known)})")
    filters = dict(filters)
    one, other = filters.pop("country", None), filters.pop("country2", None)
    if one and other:
        filters.update(between1=one, between2=other)
    else:
        filters["country"] = one or other
    return filters


def _frame(kb, query: NamedQuery, values: dict[str, object]) -> pd.DataFrame:
    result = kb.query(query.sparql(**{k: v for k, v in values.items() if v not in (None, "")}))
    return result.to_dataframe()


def _joined(frame: pd.DataFrame, column: str, index: pd.Index) -> pd.Series:
    """The values of ``column`` for each event, each once in order, joined with "; " ("" when none)."""
    if frame.empty:
        return pd.Series("", index=index, dtype=object)
    values = frame.dropna(subset=[column]).drop_duplicates(["event", column])
    joined = values.sort_values(["event", column]).groupby("event")[column].agg(
        lambda v: SEP.join(str(x) for x in v))
    return joined.reindex(index).fillna("")
