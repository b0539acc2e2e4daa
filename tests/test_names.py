"""Finding people by name: lookup keys in the data, and ``name`` parameters normalised to match."""

from __future__ import annotations

import pytest

from kb.errors import QueryError
from kb.queries import _parse, get
from kb.rdf.names import name_keys
from kb.text import name_key


def test_name_keys_hold_each_name_and_each_word_but_not_initials():
    assert name_keys(["S. Jaishankar", "Subrahmanyam Jaishankar", "Jaishankar"]) == [
        "jaishankar", "s jaishankar", "subrahmanyam", "subrahmanyam jaishankar"]


def test_every_person_in_the_store_carries_the_keys_of_its_names(sample_kb):
    rows = sample_kb.query("""
        SELECT ?p ?name (GROUP_CONCAT(?key; separator="|") AS ?keys) WHERE {
          ?p a dip:Person ; rdfs:label ?name ; dip:nameKey ?key } GROUP BY ?p ?name""")
    assert len(rows) > 10
    for row in rows:
        assert name_key(row["name"]) in row["keys"].split("|"), row


@pytest.mark.parametrize("written", ["Jaishankar", "jaishankar", "JAISHANKAR", " Jaishankar. "])
def test_a_name_parameter_matches_whatever_the_case_and_punctuation(sample_kb, written):
    expected = sample_kb.query("people-met", person="Jaishankar").column("name")
    assert "Vladimir Putin" in expected
    assert sample_kb.query("people-met", person=written).column("name") == expected


def test_a_full_name_or_a_first_name_finds_the_person_too(sample_kb):
    by_surname = sample_kb.query("meetings-of-person", person="Lavrov").column("event")
    assert by_surname
    full = sample_kb.query("SELECT ?n WHERE { ?p rdfs:label ?n ; dip:nameKey 'lavrov' }").column("n")[0]
    assert sample_kb.query("meetings-of-person", person=full).column("event") == by_surname
    assert sample_kb.query("meetings-of-person", person=full.split()[0]).column("event")


def test_a_name_without_letters_is_refused():
    with pytest.raises(QueryError, match="parameter person: '\\.\\.\\.' has no letters or digits"):
        get("people-met").sparql(person="...")


def test_conditional_lines_follow_the_parameters():
    timeline = get("timeline")
    everyone = timeline.sparql()
    one = timeline.sparql(person="Putin")
    both = timeline.sparql(person="Putin", country="RU")
    assert "dip:nameKey" not in everyone and "dip:iso2" not in everyone
    assert "dip:nameKey" in one and "dip:iso2" not in one
    assert "dip:nameKey" in both and "dip:iso2" in both
    assert everyone.count("\n") == one.count("\n") == both.count("\n")  # error positions stay put


def test_timeline_for_a_person_or_country_agrees_with_filtering_the_whole_timeline(sample_kb):
    everything = sample_kb.query("timeline").to_dataframe()
    putin = sample_kb.query("timeline", person="Putin").to_dataframe()
    assert 0 < len(putin) < len(everything)
    assert set(putin["event"]) == {e for e, people in zip(everything["event"], everything["participants"],
                                                          strict=True) if "Putin" in people}
    russia = sample_kb.query("timeline", country="Russia").to_dataframe()
    assert set(putin["event"]) <= set(russia["event"]) < set(everything["event"])


def test_a_condition_on_an_undeclared_parameter_is_refused():
    with pytest.raises(QueryError, match="undeclared parameter 'who'"):
        _parse("broken", "# param: person name required - x\n"
                         "SELECT * WHERE {\n  ?p dip:nameKey ?who .  # if who\n}")
