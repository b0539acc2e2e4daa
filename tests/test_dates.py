"""Date phrases resolved against the publication date, at the precision the phrase supports."""

from __future__ import annotations

import time
from datetime import date

import pytest

from kb.extract.dates import dateline_date, resolve_date
from kb.model import DateValue

THURSDAY = date(2023, 12, 28)  # a Thursday
MONDAY_1987 = date(1987, 3, 2)  # a Monday


def value(text, published=THURSDAY, prefer="past"):
    result = resolve_date(text, published, prefer)
    return result.value if result else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekdays and days: day precision, looking back from publication
        ("Wednesday", "2023-12-27"), ("on Wednesday", "2023-12-27"), ("Monday", "2023-12-25"),
        ("Thursday", "2023-12-28"), ("on Thursday", "2023-12-28"),  # the publication weekday is that day
        ("Friday", "2023-12-22"), ("Thurs.", "2023-12-28"), ("Tues", "2023-12-26"), ("Wed.", "2023-12-27"),
        ("Friday's", "2023-12-22"), ("last Thursday", "2023-12-21"), ("last Friday", "2023-12-22"),
        ("yesterday", "2023-12-27"), ("today", "2023-12-28"), ("yesterday's", "2023-12-27"),
        ("the day before yesterday", "2023-12-26"),
        ("Dec. 27", "2023-12-27"), ("Dec 27", "2023-12-27"), ("December 27, 2023", "2023-12-27"),
        ("27 December", "2023-12-27"), ("Dec. 28", "2023-12-28"), ("Jan. 5", "2023-01-05"),
        ("Sept. 3", "2023-09-03"), ("12 March 2022", "2022-03-12"), ("Thursday 28 December", "2023-12-28"),
        ("Tuesday, Jan. 2", "2024-01-02"),  # the year in which Jan. 2 is a Tuesday
        # a time of day is dropped
        ("Monday night", "2023-12-25"), ("this evening", "2023-12-28"), ("late on Tuesday", "2023-12-26"),
        ("early on Wednesday morning", "2023-12-27"), ("tonight", "2023-12-28"), ("last night", "2023-12-27"),
        ("Wednesday afternoon", "2023-12-27"), ("two hours ago", "2023-12-28"),
        ("Wednesday at 3 p.m.", "2023-12-27"), ("Dec. 27, 2023, at 10 a.m.", "2023-12-27"),
        ("Wednesday evening local time", "2023-12-27"), ("2023-12-27", "2023-12-27"),
        ("12/27/2023", "2023-12-27"),
        # months: never a day copied from the publication date
        ("March 1987", "1987-03"), ("March, 1987", "1987-03"), ("in January", "2023-01"),
        ("January 2024", "2024-01"), ("December", "2023-12"), ("mid-January", "2023-01"),
        ("the end of March", "2023-03"), ("earlier this month", "2023-12"), ("this month", "2023-12"),
        ("later this month", "2023-12"), ("last month", "2023-11"), ("next month", "2024-01"),
        ("three months ago", "2023-09"), ("last March", "2023-03"), ("this March", "2023-03"),
        ("next March", "2024-03"),
        # a range of days: an event over several days is dated by the day it begins
        ("Dec. 27-28", "2023-12-27"), ("from Dec. 3 to 6", "2023-12-03"),
        ("between Dec. 3 and 5", "2023-12-03"), ("from Nov. 29 to Dec. 2", "2023-11-29"),
        ("June 8-10", "2023-06-08"), ("3-5 March", "2023-03-03"),
        # weeks and weekends: the month when they lie inside one
        ("last week", "2023-12"), ("two weeks ago", "2023-12"), ("early next week", "2024-01"),
        ("the weekend", "2023-12"), ("over the weekend", "2023-12"), ("last weekend", "2023-12"),
        ("this past weekend", "2023-12"), ("March 3 and 4", "2023-03-03"),
        # years
        ("this year", "2023"), ("next year", "2024"), ("last year", "2022"), ("2021", "2021"),
        ("in 2021", "2021"), ("earlier this year", "2023"), ("a year ago", "2022"), ("mid-2023", "2023"),
        ("late 2023", "2023"), ("'87", "1987"), ("for the seventh time this year", "2023"),
        # a weekday in a named week, and weekdays that only point one way
        ("Tuesday next week", "2024-01-02"), ("next week on Tuesday", "2024-01-02"),
        ("Monday of last week", "2023-12-18"), ("this coming Friday", "2023-12-29"),
        ("Monday and Tuesday", "2023-12-25"),
        # parts of a month, and "the month" of a story
        ("the first week of January", "2023-01"), ("the second half of November", "2023-11"),
        ("at the end of the month", "2023-12"), ("later in the week", "2023-12"), ("midweek", "2023-12"),
    ],
)
def test_resolve_past(text, expected):
    assert value(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "two hours", "the second year in a row", "decades", "annual", "14 days", "a week", "the past year",
        "the 1980s", "1980s", "one", "30", "200", "now", "recently", "10 a.m.", "Christmas", "summer",
        "two days later", "a day earlier", "the next day", "the previous day", "the same day",
        "since 2015", "until March", "from 2015 to 2017", "the first week", "years", "", "   ",
        "24/7", "3-2", "9/11", "1,000 days", "G20", "the 20th anniversary", "the 2024 election",
        "between March and May",  # across months: no month to give
        "2030",  # more than 400 days after publication
        "1899",  # before 1900
    ],
)
def test_no_calendar_anchor(text):
    assert resolve_date(text, THURSDAY) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wednesday", "2024-01-03"), ("on Friday", "2023-12-29"), ("Thursday", "2023-12-28"),
        ("Dec. 28", "2023-12-28"),  # today is not next year
        ("Jan. 5", "2024-01-05"), ("in January", "2024-01"), ("December", "2023-12"),  # this month still
        ("next month", "2024-01"), ("next year", "2024"), ("next week", "2024-01"),
        ("this weekend", "2023-12"),
        ("yesterday", "2023-12-27"),  # explicit words win over the preference
        # counted forward from publication, as precise as the unit
        ("in three days", "2023-12-31"), ("in two weeks", "2024-01"), ("in two weeks' time", "2024-01"),
        ("two weeks from now", "2024-01"), ("in three months", "2024-03"), ("in a year", "2024"),
    ],
)
def test_resolve_future(text, expected):
    assert value(text, prefer="future") == expected


def test_a_length_of_time_is_not_a_past_date():
    assert resolve_date("in two weeks", THURSDAY) is None  # "agreed in two weeks of talks"
    assert resolve_date("within three days", THURSDAY, "future") is None


def test_old_articles():
    assert value("March 1", MONDAY_1987) == "1987-03-01"
    assert value("Sunday", MONDAY_1987) == "1987-03-01"
    assert value("on Monday", MONDAY_1987) == "1987-03-02"
    assert value("last month", MONDAY_1987) == "1987-02"
    assert value("Dec. 8", MONDAY_1987) == "1986-12-08"
    assert value("next week", MONDAY_1987, "future") == "1987-03"


def test_without_publication_date_only_absolute_dates_resolve():
    assert value("March 1987", None) == "1987-03"
    assert value("December 27, 2023", None) == "2023-12-27"
    assert value("Wednesday, March 4, 1987", None) == "1987-03-04"
    assert value("2021", None) == "2021"
    for text in ("Wednesday", "Dec. 27", "next year", "last month", "yesterday", "in January", "this year"):
        assert resolve_date(text, None) is None, text


def test_result_keeps_the_phrase():
    result = resolve_date("on Wednesday", THURSDAY)
    assert result == DateValue("2023-12-27", "on Wednesday")
    assert result.precision == "day"
    assert resolve_date("March 1987", THURSDAY).precision == "month"
    assert resolve_date("this year", THURSDAY).precision == "year"


def test_never_far_in_the_future():
    assert value("next year", date(2023, 1, 1)) == "2024"
    assert value("Jan. 1, 2025", date(2023, 1, 1)) is None


def test_prefer_is_checked():
    with pytest.raises(ValueError):
        resolve_date("Wednesday", THURSDAY, "later")


def test_cached_and_fast():
    resolve_date("Dec. 27", THURSDAY)  # loads dateparser
    phrases = ["Wednesday", "Dec. 27", "last month", "in January", "this year", "two hours"]
    start = time.perf_counter()
    for _ in range(1000):
        for phrase in phrases:
            resolve_date(phrase, THURSDAY)
    assert time.perf_counter() - start < 0.5
    assert resolve_date.cache_info().hits >= 5000


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("WASHINGTON, March 3 - The talks", date(1987, 3, 4), "1987-03-03"),
        ("BEIJING, March 3 (Reuters) - China said", date(2023, 3, 3), "2023-03-03"),
        ("Nov 14 (Reuters) - Russia's foreign minister", date(2023, 11, 14), "2023-11-14"),
        ("NEW DELHI, Dec 27 (Reuters) -", THURSDAY, "2023-12-27"),
        ("MOSCOW, March 1 - Soviet leader", MONDAY_1987, "1987-03-01"),
        ("MOSCOW, March 1—Soviet leader", MONDAY_1987, "1987-03-01"),
        ("WASHINGTON, D.C., March 3 — x", date(2023, 3, 5), "2023-03-03"),
        ("UNITED NATIONS, Nov. 4 -- x", date(1986, 11, 5), "1986-11-04"),
        ("LONDON, 27 December 2023 (Reuters) - x", THURSDAY, "2023-12-27"),
        ("Talks in Moscow\nMOSCOW, March 1 - text", MONDAY_1987, "1987-03-01"),  # a headline line first
        ("WASHINGTON, March 3 - x", date(2023, 3, 2), "2023-03-03"),  # a day ahead: another time zone
        ("WASHINGTON, March 3 - x", None, None),  # no year to anchor it
        ("WASHINGTON, March 3, 1987 - x", None, "1987-03-03"),
    ],
)
def test_dateline(text, published, expected):
    result = dateline_date(text, published)
    assert (result.value if result else None) == expected


@pytest.mark.parametrize(
    "text",
    ["MOSCOW (AP) — Russia's foreign minister", "The president said on March 3 - nothing more",
     "WASHINGTON — The White House", "", "Putin met Modi on Wednesday."],
)
def test_no_dateline(text):
    assert dateline_date(text, THURSDAY) is None
