"""The per-event country index written at ingest (dip:involvesCountry, dip:countryPair), and the
named query that finds the events between two countries by it."""

from __future__ import annotations

import pytest

from kb.rdf.mapping import country_pairs

# What "the encounters between two countries" meant before the index: two different participants,
# one of each country, found through the people. The index must give the same events.
REFERENCE = """
SELECT DISTINCT ?event WHERE {
  ?c1 dip:iso2 ?a . ?p1 dip:country ?c1 . ?event dip:participant ?p1 .
  ?event dip:participant ?p2 . ?p2 dip:country ?c2 . ?c2 dip:iso2 ?b .
  FILTER(?p1 != ?p2) ?event dip:kind ?type .
}
"""


def test_pairs_are_sorted_and_count_two_people_of_one_country():
    assert country_pairs(["RU", "IN"]) == ["IN RU"]
    assert country_pairs(["RU", "IN", "RU"]) == ["IN RU", "RU RU"]
    assert country_pairs(["RU"]) == []


@pytest.mark.parametrize(("one", "other"), [("IN", "RU"), ("CN", "US"), ("RU", "UA"), ("CN", "CN"),
                                            ("US", "CN")])
def test_the_index_finds_what_the_participants_give(sample_kb, one, other):
    named = sample_kb.query("meetings-between-countries", country1=one, country2=other).column("event")
    reference = sample_kb.query(REFERENCE, a=one, b=other).column("event")
    assert set(named) == set(reference)
    assert len(named) == len(set(named))


def test_some_pairs_have_encounters(sample_kb):
    assert sample_kb.query("meetings-between-countries", country1="India", country2="Russia").rows
    assert sample_kb.query("meetings-between-countries", country1="China", country2="United States").rows


def test_every_event_lists_its_parties_countries(sample_kb):
    listed = sample_kb.query("SELECT DISTINCT ?e ?c WHERE { ?e dip:involvesCountry ?c }").rows
    parties = sample_kb.query("SELECT DISTINCT ?e ?c WHERE { ?e a dip:Event . "
                              "{ ?e dip:participant/dip:country ?c } UNION { ?e dip:actor ?c } }").rows
    assert set(listed) == set(parties) and listed


def test_a_merged_event_pairs_countries_that_two_reports_name(tmp_path):
    """One report names Xi beside Putin and Modi, the other Lula: the merged event pairs China and
    Brazil, which no single report does."""
    from datetime import date

    from kb import KnowledgeBase

    (tmp_path / "a.txt").write_text("Russian President Vladimir Putin met Indian Prime Minister Narendra "
                                    "Modi and Chinese President Xi Jinping in Moscow on Monday.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Russian President Vladimir Putin met Indian Prime Minister Narendra "
                                    "Modi and Brazilian President Luiz Inacio Lula da Silva in Moscow on "
                                    "Monday.", encoding="utf-8")
    with KnowledgeBase(tmp_path / "store") as kb:
        assert kb.ingest([tmp_path], published=date(2024, 7, 9)).ok
        pairs = kb.query("SELECT ?e ?pair WHERE { ?e dip:countryPair ?pair }").rows
        events = {e for e, _ in pairs}
        assert len(events) == 1
        assert {p for _, p in pairs} == {"IN RU", "CN RU", "CN IN", "BR RU", "BR IN", "BR CN"}
        own = kb.query("SELECT DISTINCT ?pair WHERE { GRAPH ?g { ?e dip:countryPair ?pair } }").column("pair")
        assert "BR CN" not in own
        assert kb.validate().conforms
