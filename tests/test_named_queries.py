"""What the named queries answer on the sample knowledge base, whichever way they start."""

from __future__ import annotations

import datetime as dt

import pyoxigraph
import pytest

from kb.errors import QueryError
from kb.queries import _parse, get
from kb.queries.binding import date_values

TYPES = {"meeting", "phone_call", "visit", "invitation"}


def _in_range(date: str, first: str, last: str) -> bool:
    """The rule the queries state: a date of any precision is compared at its own precision."""
    return first[: len(date)] <= date <= last[: len(date)]


@pytest.mark.parametrize("name", ["timeline", "meetings-of-person", "meetings-between-countries"])
def test_event_types_are_the_public_names(sample_kb, name):
    params = {"meetings-of-person": {"person": "Putin"},
              "meetings-between-countries": {"country1": "RU", "country2": "DE"}}.get(name, {})
    types = set(sample_kb.query(name, **params).column("type"))
    assert types <= TYPES
    if name != "meetings-of-person":
        assert "phone_call" in types  # the Scholz-Putin call


@pytest.mark.parametrize(("first", "last"), [("2023-12-01", "2023-12-31"), ("2022-01-01", "2023-06-30"),
                                              ("2020-09-10", "2020-09-10"), ("2023-12-28", "2023-12-27")])
def test_a_date_range_gives_what_filtering_the_whole_timeline_gives(sample_kb, first, last):
    everything = sample_kb.query("timeline").to_dataframe()
    expected = {e for e, d in zip(everything["event"], everything["date"], strict=True)
                if _in_range(str(d), first, last)}
    ranged = sample_kb.query("timeline", **{"from": first, "to": last})
    assert set(ranged.column("event")) == expected
    assert "VALUES ?date" in get("timeline").sparql(**{"from": first, "to": last}) or first > last


def test_a_long_or_open_range_is_filtered_instead_of_listed(sample_kb):
    long = get("timeline").sparql(**{"from": "1990-01-01", "to": "2030-12-31"})
    assert "VALUES ?date" not in long
    assert set(sample_kb.query(long).column("event")) == set(sample_kb.query("timeline").column("event"))
    assert "VALUES ?date" not in get("timeline").sparql(**{"from": "2023-01-01"})


def test_network_in_a_range_counts_only_the_encounters_in_it(sample_kb):
    whole = {(r["source_name"], r["target_name"]): r["weight"] for r in sample_kb.query("network")}
    december = {(r["source_name"], r["target_name"]): r["weight"]
                for r in sample_kb.query("network", **{"from": "2023-12-01", "to": "2023-12-31"})}
    assert 0 < len(december) < len(whole)
    assert all(0 < weight <= whole[pair] for pair, weight in december.items())


def test_date_values_list_every_day_month_and_year_once():
    text = date_values("date", dt.date(2023, 12, 30), dt.date(2024, 1, 2))
    rows = list(pyoxigraph.Store().query(f"SELECT ?date WHERE {{ {text} }}"))
    values = [(r["date"].value, r["date"].datatype.value.rsplit("#")[1]) for r in rows]
    assert values == [("2023-12-30", "date"), ("2023-12-31", "date"), ("2024-01-01", "date"),
                      ("2024-01-02", "date"), ("2023-12", "gYearMonth"), ("2024-01", "gYearMonth"),
                      ("2023", "gYear"), ("2024", "gYear")]


def test_a_range_must_name_two_date_parameters():
    with pytest.raises(QueryError, match="a range needs two declared date parameters"):
        _parse("broken", "# param: from date optional - x\n# range: date from until\nSELECT * WHERE { }")
