"""The flat tables: one row per event or statement, read back by pandas from CSV and Parquet, with
the same selections as the named queries."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.tables import EVENT_COLUMNS, STATEMENT_COLUMNS

pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def events(sample_store) -> pd.DataFrame:
    from kb import KnowledgeBase

    with KnowledgeBase(sample_store, read_only=True) as kb:
        return kb.events()


def test_events_csv_from_the_command_line_is_a_table_pandas_reads(sample_store, events):
    result = CliRunner().invoke(main, ["export", "--format", "events-csv", "--store", str(sample_store)])
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.stdout), dtype={"cameo": str, "geonames_id": str})
    assert list(table.columns) == EVENT_COLUMNS
    assert len(table) == len(events) > 20
    assert table["event"].is_unique
    assert table["plover"].eq("CONSULT").all()
    assert table["cameo"].str.fullmatch(r"0[34][0-9]").all()
    assert set(table["type"]) == {"meeting", "phone_call", "visit", "invitation"}


def test_one_row_per_event_of_the_knowledge_base(sample_kb, events):
    count = sample_kb.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a dip:Event }").rows[0][0]
    assert len(events) == count


def test_lists_are_joined_with_semicolons_and_codes_follow_hosts(events):
    alone = ~events["articles"].str.contains(";")  # a merged encounter keeps one report's codes
    hosted = events[(events["hosts"] != "") & (events["guests"] != "") & (events["type"] == "meeting")
                    & alone]
    assert len(hosted) and (hosted["cameo"].isin(["043", "036", "046"])).all()
    assert (hosted["source_country"] != "").all()
    several = events[events["participants"].str.contains("; ")]
    assert len(several) > 10
    bali = events[events["articles"].str.count("; ") >= 1]
    assert len(bali), "an encounter reported by two articles lists both"
    calls = events[events["type"] == "phone_call"]
    assert calls["plover_mode"].eq("phone").all()


def test_parquet_keeps_the_table(sample_kb, events, tmp_path):
    path = tmp_path / "events.parquet"
    rows = sample_kb.export("events-parquet", path)
    assert rows == len(events)
    back = pd.read_parquet(path)
    pd.testing.assert_frame_equal(back, events, check_dtype=False)
    statements = tmp_path / "statements.parquet"
    assert sample_kb.export("statements-parquet", statements) > 0
    assert list(pd.read_parquet(statements).columns) == STATEMENT_COLUMNS


def test_filters_select_what_the_named_queries_select(sample_kb):
    person = sample_kb.events(person="Jaishankar")
    named = sample_kb.query("meetings-of-person", person="Jaishankar").to_dataframe()
    assert set(person["event"]) == set(named["event"]) and len(person)

    between = sample_kb.events(country="India", country2="RU")
    named = sample_kb.query("meetings-between-countries", country1="India", country2="RU").to_dataframe()
    assert set(between["event"]) == set(named["event"]) and len(between)

    dated = sample_kb.events(start="2023-01-01", end="2023-12-31")
    named = sample_kb.query("timeline", **{"from": "2023-01-01", "to": "2023-12-31"}).to_dataframe()
    assert set(dated["event"]) >= set(named["event"]) and len(named)
    assert dated["date"].str[:4].eq("2023").all()

    calls = sample_kb.events(type="phone_call")
    assert len(calls) and calls["type"].eq("phone_call").all()


def test_statements_table_and_its_speaker_filter(sample_kb):
    table = sample_kb.statements()
    assert list(table.columns) == STATEMENT_COLUMNS
    assert table["statement"].is_unique and len(table) > 20
    assert (table["quote"].notna() | table["content"].notna()).all()
    lavrov = sample_kb.statements(speaker="Lavrov")
    named = sample_kb.query("statements-by-speaker", speaker="Lavrov").to_dataframe()
    assert set(lavrov["statement"]) == set(named["statement"]) and len(lavrov)


def test_an_unknown_filter_is_one_clear_error(sample_kb):
    from kb.errors import QueryError

    with pytest.raises(QueryError, match="no filter pope"):
        sample_kb.events(pope="Francis")
    with pytest.raises(QueryError, match="unknown country"):
        sample_kb.events(country="Atlantis")
