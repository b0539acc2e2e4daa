"""The rules that decide whether two reports are one encounter, on hand-made records.

The store-level behaviour (index, merged graph, order, removal) is in test_encounters.py.
"""

from __future__ import annotations

import pytest

from kb.identity.cluster import encounters
from kb.identity.keys import keys, probe_keys
from kb.identity.records import Place, Record
from kb.identity.score import DEFAULT_THRESHOLD, Score, Unit, assess
from kb.identity.timing import span

ID = "https://w3id.org/dipkb/id/"
A, B, C, D = (f"{ID}person/{n}" for n in ("anna", "boris", "carla", "dmitri"))
SANTIAGO = Place(f"{ID}place/santiago-cl", f"{ID}country/cl", False)
VALPARAISO = Place(f"{ID}place/valparaiso-cl", f"{ID}country/cl", False)
CHILE = Place(f"{ID}place/chile-cl", f"{ID}country/cl", True)
OSLO = Place(f"{ID}place/oslo-no", f"{ID}country/no", False)


def record(article: str, *, kind="meeting", status="occurred", people=(A, B), date=None,
           published="2025-03-12", places=(), event=None) -> Record:
    event = event or f"{ID}event/{kind}-{date or 'undated'}-{article}"
    return Record(event, f"{ID}article/{article}", kind, status, frozenset(people), date, (), tuple(places),
                  published, (f"{ID}report/{article}",))


def unit(*args, **kwargs) -> Unit:
    r = record(*args, **kwargs)
    return Unit(r.event, (r,))


def score(a: Unit, b: Unit) -> Score | str:
    return assess(a, b)


def test_the_same_day_people_and_place_score_one():
    found = score(unit("a", date="2025-03-11", places=[SANTIAGO]),
                  unit("b", date="2025-03-11", places=[SANTIAGO]))
    assert isinstance(found, Score) and found.total == 1.0 and not found.link


@pytest.mark.parametrize(("other", "low", "high"), [
    ({"date": None, "published": "2025-03-12"}, 0.75, 0.9),  # undated, published the day after
    ({"date": "2025-03-12"}, 0.65, 0.85),  # a day apart across a dateline, same place
    ({"date": "2025-03"}, 0.8, 0.95),  # the month containing the day
    ({"date": "2025-03-11", "places": []}, 0.85, 0.95),  # without the place
    ({"date": "2025-03-11", "people": (A, B, C, D)}, 0.85, 0.95),  # more participants
    ({"date": "2025-03-11", "places": [CHILE]}, 0.9, 1.0),  # the country the city lies in
])
def test_reports_of_one_encounter_score_above_the_threshold(other, low, high):
    base = unit("a", date="2025-03-11", places=[SANTIAGO])
    found = score(base, unit("b", **{"places": [SANTIAGO], **other}))
    assert isinstance(found, Score)
    assert DEFAULT_THRESHOLD <= low <= found.total <= high, found.reasons()


@pytest.mark.parametrize(("other", "why"), [
    ({"date": "2025-04-14"}, "dates too far apart"),  # the same two leaders a month later
    ({"date": "2025-03-13"}, "dates too far apart"),  # two days apart
    ({"kind": "phone_call", "date": "2025-03-12"}, "a meeting and a phone call"),
    ({"people": (A, C)}, "fewer than two people in common"),
    ({"date": None, "published": "2025-04-20"}, "dates too far apart"),  # undated, published weeks later
    ({"date": None, "published": None}, "no date, and no publication date"),
])
def test_reports_of_different_encounters_are_ruled_out(other, why):
    found = score(unit("a", date="2025-03-11"), unit("b", **{"date": "2025-03-11", **other}))
    assert isinstance(found, str) and found.startswith(why), found


def test_two_reports_of_one_article_are_never_compared():
    one = record("a", date="2025-03-11")
    other = record("a", date=None, event=f"{ID}event/meeting-undated-x")
    assert assess(Unit(one.event, (one,)), Unit(other.event, (other,))) == "reported by the same article"


def test_a_day_apart_in_two_cities_of_one_country_stays_apart():
    found = score(unit("a", date="2025-03-11", places=[SANTIAGO]),
                  unit("b", date="2025-03-12", places=[VALPARAISO]))
    assert isinstance(found, Score) and found.total < DEFAULT_THRESHOLD, found.reasons()


def test_a_visit_with_its_host_is_the_meeting_with_the_host():
    found = score(unit("a", kind="visit", date="2025-05-22"), unit("b", date="2025-05-22"))
    assert isinstance(found, Score) and found.total == pytest.approx(0.9 * (0.4 + 0.4 + 0.1))


def test_a_plan_is_linked_when_announced_before_and_ruled_out_when_reported_after():
    held = unit("a", date="2025-03-11", published="2025-03-11")
    before = score(held, unit("b", status="planned", date="2025-03-11", published="2025-03-07"))
    assert isinstance(before, Score) and before.link and before.total == 0.9
    undated_plan = score(held, unit("c", status="planned", published="2025-03-01"))
    assert isinstance(undated_plan, Score) and undated_plan.link
    after = score(held, unit("d", status="planned", date="2025-03-11", published="2025-03-12"))
    assert after == "the plan was reported after the encounter"


def test_spans_of_every_precision():
    assert span("2025-03-11", None, "occurred").precision == "day"
    month = span("2025-02", None, "occurred")
    assert (month.first.isoformat(), month.last.isoformat()) == ("2025-02-01", "2025-02-28")
    recent = span(None, "2025-03-12", "occurred")
    assert (recent.first.isoformat(), recent.last.isoformat()) == ("2025-03-09", "2025-03-12")
    ahead = span(None, "2025-03-07", "planned")
    assert (ahead.first.isoformat(), ahead.last.isoformat()) == ("2025-03-07", "2025-04-06")
    assert span("2019", "2025-03-12", "occurred") is None  # a past year is history, not this week's news
    assert span(None, None, "occurred") is None


def test_probe_keys_find_exactly_the_records_that_can_match():
    """Every pair the rules accept shares a key, and the keys of a month apart do not meet."""
    base = unit("a", date="2025-03-11")
    probes = set(probe_keys([base]))
    for other in (record("b", date="2025-03-12"), record("c", date=None, published="2025-03-14"),
                  record("d", date="2025-03"), record("e", status="planned", published="2025-02-20")):
        assert probes & set(keys(other)), other
        assert isinstance(assess(base, Unit(other.event, (other,))), Score)
    far = record("f", date="2025-04-14")
    assert not probes & set(keys(far))


def test_encounters_do_not_depend_on_the_order_of_the_reports():
    reports = [record("a", date="2025-03-11", places=[SANTIAGO]), record("b", published="2025-03-12"),
               record("c", date="2025-03-12", places=[SANTIAGO]),
               record("d", date="2025-03", places=[SANTIAGO]),
               record("e", status="planned", date="2025-03-11", published="2025-03-07"),
               record("f", date="2025-04-14", published="2025-04-14"),
               record("g", kind="phone_call", date="2025-03-12")]

    def decide(order):
        return sorted((e.iri, sorted(r.article for r in e.records), e.planned_as)
                      for e in encounters(Unit.group(order), DEFAULT_THRESHOLD))

    first = decide(reports)
    assert decide(list(reversed(reports))) == decide(reports[3:] + reports[:3]) == first
    merged = next(e for e in first if len(e[1]) > 1)
    assert merged[0] == reports[0].event  # named by the first most precisely dated report
    assert [a.rsplit("/", 1)[-1] for a in merged[1]] == ["a", "b", "c", "d"]
    assert merged[2] == [reports[4].event]  # the plan is linked, not merged
    assert len(first) == 4  # the encounter, the plan, a month later, the call


def test_an_undated_report_between_two_meetings_joins_one_of_them_only():
    """Two meetings two days apart are never merged through an undated report published between them."""
    reports = [record("a", date="2025-03-10", published="2025-03-10"),
               record("b", date="2025-03-12", published="2025-03-12"), record("c", published="2025-03-12")]
    found = encounters(Unit.group(reports), DEFAULT_THRESHOLD)
    groups = sorted(sorted(r.article.rsplit("/", 1)[-1] for r in e.records) for e in found)
    assert groups == [["a"], ["b", "c"]]
