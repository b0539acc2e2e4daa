"""Resolve date phrases from news articles to dates as precise as the text allows.

dateparser does the parsing, but on its own it overstates precision ("in January" comes back
as January 28th, copied from the base date), misreads durations and ranges ("14 days" is the
14th, "Dec. 27-28" is 1928), and skips phrases newspapers use all the time ("earlier this
month", "last March", "this evening", "Thurs."). This module cleans the phrase, answers the
common shapes itself, asks dateparser for the rest, and turns dateparser's *period* into the
value's precision: a day, 'YYYY-MM' or 'YYYY'.

Relative phrases are resolved against the publication date. News mostly reports the past, so
the default is to look backwards; the caller passes ``prefer="future"`` for planned events
("will visit next month", "is due in Beijing on Friday").
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from kb.model import DateValue

__all__ = ["dateline_date", "resolve_date"]

MAX_AHEAD = timedelta(days=400)  # a date further past publication than this is a misreading
MIN_YEAR = 1900

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAYS.update(
    {
        "mon": 0,
        "tue": 1,
        "tues": 1,
        "wed": 2,
        "weds": 2,
        "thu": 3,
        "thur": 3,
        "thurs": 3,
        "fri": 4,
        "sat": 5,
        "sun": 6,
    }
)
_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY_RE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"mon|tues|tue|weds|wed|thurs|thur|thu|fri|sat|sun)\.?"
)
_NUMBER_WORDS = (
    r"(?:\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|several|few|a few|many|some|couple|a couple of|dozens of)"
)
_UNITS = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|"
    r"centur(?:y|ies))"
)

# Words that only position a date within a period, or introduce it: dropped before parsing.
_LEADING = re.compile(
    r"^(?:on|in|at|by|during|around|about|circa|the|of|"
    r"late|early|earlier|later|mid|middle|end|beginning|start|"
    r"mid-|late-|early-)(?:\s+|(?<=-))"
)
_PART_OF_DAY = re.compile(
    r"\s*\b(?:night|morning|evening|afternoon|noon|midday|overnight|mid-?morning|mid-?afternoon|late-?night)$"
)
_CLOCK = re.compile(
    r",?\s*\b(?:at\s+)?(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?|\d{1,2}:\d\d)(?:\s+[a-z]+)?$"
    r"|,?\s+(?:local time|gmt|utc)$"
)
_DURATION = re.compile(
    rf"^(?:(?:the\s+)?(?:past|last|next|coming|previous|following)\s+)?{_NUMBER_WORDS}\s+"
    rf"(?:\w+\s+)?{_UNITS}(?:\s+long)?$"
)
# Dates relative to another event in the story, not to the publication date, and open ranges.
_NARRATIVE = re.compile(
    r"(?:\b(?:later|earlier|before|after|afterwards|prior)$)|"
    r"\bthe\s+(?:previous|following|next|same|preceding)\s+(?:day|week|month|year|night)\b|"
    r"^(?:since|until|till|before|after|throughout|over the past|over the last)\b"
)
_ANCHOR = re.compile(
    rf"\d|\b(?:{_MONTH_RE}|{_WEEKDAY_RE}|today|yesterday|tomorrow|tonight|year|month|week|"
    r"weekend|ago|midweek|mid-week)(?:\b|$)"
)
_DECADE = re.compile(r"\d0'?s\b")
_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]\d\d|2\d\d\d)\b|'\d\d\b")
_RELATIVE_WORD = re.compile(r"\b(?:ago|last|next|this|yesterday|today|tomorrow|tonight|coming|past)\b")
_WEEKDAY_ONLY = re.compile(rf"^(?:(?P<this>this)\s+)?(?P<coming>coming\s+)?(?P<wd>{_WEEKDAY_RE})$")
# "Tuesday next week", "next week on Tuesday", "Monday of last week"
_WEEKDAY_OF_WEEK = re.compile(
    rf"^(?:(?P<wd1>{_WEEKDAY_RE}),?\s+(?:of\s+)?(?P<rel1>this|next|last|coming)\s+week"
    rf"|(?P<rel2>this|next|last|coming)\s+week,?\s+(?:on\s+)?(?P<wd2>{_WEEKDAY_RE}))$"
)
# "Monday and Tuesday", "Wednesday to Friday": a stay of some days, dated by its first
_WEEKDAY_PAIR = re.compile(rf"^(?P<wd>{_WEEKDAY_RE})\s*(?:-|–|to|and|through|until)\s*{_WEEKDAY_RE}$")
# "Nov. 30-Dec. 2", "30 November to 2 December"
_CROSS_MONTH = re.compile(
    rf"^(?:from\s+|between\s+)?(?P<a>(?:{_MONTH_RE})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH_RE}))(?:st|nd|rd|th)?"
    rf"\s*(?:-|–|to|and|through|until)\s*(?:{_MONTH_RE})\s+\d{{1,2}}(?:st|nd|rd|th)?(?P<y>,?\s+\d{{4}})?$"
    rf"|^(?:from\s+|between\s+)?(?P<a2>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE}))"
    rf"\s*(?:-|–|to|and|through|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_RE})(?P<y2>,?\s+\d{{4}})?$"
)
# "the first week of January", "the second half of March": inside that month
_PART_OF_MONTH = re.compile(
    rf"^(?:the\s+)?(?:first|second|third|fourth|last|final|closing|opening)\s+(?:week|half|fortnight|days)\s+of\s+"
    rf"(?P<m>(?:{_MONTH_RE})(?:,?\s+\d{{4}})?)$"
)
# "in two weeks", "two weeks from now": counted forward from publication
_OFFSET = re.compile(
    r"^(?:in\s+(?P<n1>\w+)\s+(?P<u1>days?|weeks?|months?|years?)(?:'?s?\s+time)?"
    r"|(?P<n2>\w+)\s+(?P<u2>days?|weeks?|months?|years?)\s+from\s+(?:now|today))$"
)
_COUNTS = {"a": 1, "an": 1} | {
    w: i
    for i, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), start=1)
}
_REL_MONTH = re.compile(rf"^(?P<rel>this|last|next|coming)\s+(?P<m>{_MONTH_RE})$")
_WEEKEND = re.compile(r"^(?:over\s+)?(?:(?:the|this|last|next|past|coming)\s+)*weekend$")
_DAY_RANGE = re.compile(
    rf"^(?:from\s+|between\s+)?(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|through)\s*"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to|and|through)\s*(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?P<m2>{_MONTH_RE}))(?P<y>,?\s+\d{{4}})?$"
)
_BETWEEN = re.compile(r"^(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|until|through|-|–)\s+(?P<b>.+)$")
_EMBEDDED = re.compile(r"\b(?:(?:this|last|next)\s+(?:year|month|week)|yesterday|today|tomorrow|tonight)\b")


def _value(day: date, precision: str) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _span(first: date, last: date) -> tuple[date, str] | None:
    """The finest precision that covers both days: a week inside one month is that month. A
    span across a month's end names no month, and a year says too little to date an encounter
    told by a week, so it gives none."""
    if first == last:
        return first, "day"
    if (first.year, first.month) == (last.year, last.month):
        return first, "month"
    return None


def _clean(text: str) -> str:
    """Lower-cased phrase without introducing words or a time of day ("this evening" is today)."""
    phrase = text.strip().lower().replace("\u2019", "'").replace("\u2018", "'")
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:")
    phrase = re.sub(r"'s$", "", phrase)
    phrase = re.sub(
        rf"^(?:in\s+)?this\s+(?={_MONTH_RE}\s+\d)", "", phrase
    )  # "in this Jan. 28, 2017, file photo"
    previous = None
    part_of_day = False
    while phrase != previous:
        previous = phrase
        phrase = _LEADING.sub("", phrase).strip()
        phrase = _CLOCK.sub("", phrase).strip()
        stripped = _PART_OF_DAY.sub("", phrase).strip()
        if stripped != phrase:
            part_of_day = True
            phrase = stripped
    if phrase == "tonight":
        phrase, part_of_day = "", True
    if part_of_day:
        if phrase in ("", "this", "today"):
            phrase = "today"
        elif phrase == "last":  # "last night"
            phrase = "yesterday"
    return phrase


def _weekday(wd: int, published: date, prefer: str) -> date:
    """The nearest such weekday on or before (or after) publication; the same day counts."""
    if prefer == "future":
        return published + timedelta(days=(wd - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - wd) % 7)


def _month(month: int, rel: str, published: date) -> date:
    """ "this March" is in the publication year; "last March" the latest one before this month."""
    year = published.year
    if rel == "this":
        return date(year, month, 1)
    if rel == "last":
        return date(year if month < published.month else year - 1, month, 1)
    return date(year if month > published.month else year + 1, month, 1)  # next, coming


def _weekday_of_week(name: str, rel: str, published: date) -> date:
    """ "Tuesday next week": that weekday in the week named, counted in calendar weeks from Monday."""
    monday = published - timedelta(days=published.weekday())
    monday += timedelta(days={"last": -7, "next": 7, "coming": 7}.get(rel, 0))
    return monday + timedelta(days=_WEEKDAYS[name.rstrip(".")])


def _offset(phrase: str, published: date) -> tuple[date, str] | None:
    """ "in two weeks", "three days from now": a span counted forward from publication, as
    precise as its unit (days give the day, weeks the week, months the month)."""
    m = _OFFSET.match(phrase)
    if m is None:
        return None
    word, unit = m["n1"] or m["n2"], (m["u1"] or m["u2"]).rstrip("s")
    count = int(word) if word.isdigit() else _COUNTS.get(word)
    if not count or count > 90:
        return None
    if unit == "day":
        return published + timedelta(days=count), "day"
    if unit == "week":
        day = published + timedelta(weeks=count)
        monday = day - timedelta(days=day.weekday())
        return _span(monday, monday + timedelta(days=6))
    if unit == "month":
        month = published.month - 1 + count
        return date(published.year + month // 12, month % 12 + 1, 1), "month"
    return date(published.year + count, 1, 1), "year"


def _weekend(rel: str | None, published: date, prefer: str) -> tuple[date, str] | None:
    """Saturday and Sunday of the weekend meant, as one span (a month, or a year at a month's end)."""
    in_weekend = published.weekday() >= 5
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)  # latest Saturday, maybe today
    if rel in ("last", "past"):
        if in_weekend:
            saturday -= timedelta(days=7)
    elif rel in ("next", "coming") or (prefer == "future" and not in_weekend):
        saturday += timedelta(days=7)
    return _span(saturday, saturday + timedelta(days=1))


def _parse(phrase: str, published: date | None, prefer: str) -> tuple[date, str] | None:
    """Ask dateparser; translate its period into a precision."""
    from dateparser.date import DateDataParser  # heavy import, paid only when dates are resolved

    day = published or date(2000, 1, 1)  # without publication only phrases with a year get here
    base = datetime(day.year, day.month, day.day, 12)
    parser = DateDataParser(
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": prefer,
            "RETURN_TIME_AS_PERIOD": True,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    data = parser.get_date_data(phrase)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period
    if period in ("day", "part_of_day"):
        return day, "day"
    if period in ("month", "year"):
        return day, period
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return _span(monday, monday + timedelta(days=6))
    if period == "time" and re.search(r"\b(?:hours?|minutes?|seconds?)\s+ago$", phrase):
        return day, "day"
    return None  # a bare clock time or something dateparser guessed at


def _contains(result: tuple[date, str], day: date) -> bool:
    start, precision = result
    if precision == "day":
        return start == day
    if precision == "month":
        return (start.year, start.month) == (day.year, day.month)
    return start.year == day.year


def _resolve(
    phrase: str, published: date | None, prefer: str, embedded: bool = True
) -> tuple[date, str] | None:
    if not phrase or _NARRATIVE.search(phrase) or _DURATION.match(phrase) or _DECADE.search(phrase):
        return None
    if not _ANCHOR.search(phrase):
        return None
    if phrase.isdigit():
        return (date(int(phrase), 1, 1), "year") if len(phrase) == 4 else None
    if m := re.fullmatch(r"'(\d\d)", phrase):  # "'87": the latest such year not after publication
        latest = (published or date.today()).year + 1
        year = (latest // 100) * 100 + int(m.group(1))
        return date(year if year <= latest else year - 100, 1, 1), "year"
    if not re.search(r"[a-z]", phrase) and not re.search(r"\b(?:1[89]|2\d)\d\d\b", phrase):
        return None  # "24/7", "3-2", "9/11": all-number dates need a year to be dates at all
    explicit_year = bool(_EXPLICIT_YEAR.search(phrase)) and not _RELATIVE_WORD.search(phrase)
    if published is None and not explicit_year:
        return None  # "Wednesday", "Dec. 27", "last month": nothing to anchor them to

    if published is not None:
        if m := _WEEKDAY_ONLY.match(phrase):
            return _weekday(
                _WEEKDAYS[m["wd"].rstrip(".")], published, "future" if m["coming"] else prefer
            ), "day"
        if m := _WEEKDAY_OF_WEEK.match(phrase):
            return _weekday_of_week(m["wd1"] or m["wd2"], m["rel1"] or m["rel2"], published), "day"
        if m := _WEEKDAY_PAIR.match(phrase):
            return _weekday(_WEEKDAYS[m["wd"].rstrip(".")], published, prefer), "day"
        if phrase in ("midweek", "mid-week"):  # Tuesday to Thursday of the story's week
            monday = published - timedelta(days=published.weekday())
            return _span(monday + timedelta(days=1), monday + timedelta(days=3))
        if phrase == "this week":  # the part of the week told of: up to the story's day, or from it
            monday = published - timedelta(days=published.weekday())
            if prefer == "future":
                return _span(published, monday + timedelta(days=6))
            return _span(monday, published)
        if phrase in ("month", "week", "year"):  # "at the end of the month", "later in the week"
            return _resolve(f"this {phrase}", published, prefer, embedded=False)
        if m := _REL_MONTH.match(phrase):
            return _month(_MONTHS[m["m"].rstrip(".")], m["rel"], published), "month"
        if _WEEKEND.match(phrase):
            rel = next((w for w in ("last", "past", "next", "coming") if w in phrase.split()), None)
            return _weekend(rel, published, prefer)
    if m := _CROSS_MONTH.match(phrase):
        return _resolve((m["a"] or m["a2"]) + (m["y"] or m["y2"] or ""), published, prefer, embedded=False)
    if m := _PART_OF_MONTH.match(phrase):
        result = _resolve(m["m"], published, prefer, embedded=False)
        return (result[0], "month") if result else None
    if m := _DAY_RANGE.match(phrase):  # "Dec. 27-28", "from June 3 to 6": dated by the day it begins
        month = m["m1"] or m["m2"]
        first = m["d1"] or m["d3"]
        return _resolve(f"{month} {first}{m['y'] or ''}", published, prefer, embedded=False)
    if m := _BETWEEN.match(phrase):
        a = _resolve(m["a"], published, prefer, embedded=False)
        b = _resolve(m["b"], published, prefer, embedded=False)
        if a and b and a[1] == b[1] == "day" and 0 <= (b[0] - a[0]).days <= 31:
            return a  # "from June 28 to July 2": a stay of some days begins on the first
        return _span(a[0], b[0]) if a and b and a[0] <= b[0] else None

    result = _parse(phrase, published, prefer)
    if published is not None and not explicit_year and result is not None:
        if prefer == "future":
            # dateparser's "future" skips the current day and month ("Dec. 28" on Dec. 28 -> next year).
            past = _parse(phrase, published, "past")
            if past is not None and past[1] == result[1] and _contains(past, published):
                result = past
        result = _match_weekday(phrase, result, published)
    if result is None and embedded and published is not None:
        # "for the seventh time this year": take a relative anchor inside a longer phrase.
        m = _EMBEDDED.search(phrase)
        if m and m.group(0) != phrase:
            return _resolve(m.group(0), published, prefer, embedded=False)
    return result


def _match_weekday(phrase: str, result: tuple[date, str], published: date) -> tuple[date, str]:
    """Pick the year in which "Tuesday, Jan. 2" really is a Tuesday, if the year was left out."""
    day, precision = result
    m = re.match(rf"^({_WEEKDAY_RE}),?\s+\S", phrase)
    if precision != "day" or not m:
        return result
    wd = _WEEKDAYS[m.group(1).rstrip(".")]
    if day.weekday() == wd:
        return result
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # February 29th
            continue
        if candidate.weekday() == wd:
            candidates.append(candidate)
    if not candidates:
        return result
    return min(candidates, key=lambda c: abs((c - published).days)), "day"


@lru_cache(maxsize=8192)
def resolve_date(text: str, published: date | None, prefer: str = "past") -> DateValue | None:
    """The date a phrase names, as precise as the phrase is, or None if it names no calendar date.

    ``published`` anchors relative phrases ("on Wednesday", "last month"); without it only
    phrases carrying their own year resolve. ``prefer`` is "past" (reported events) or
    "future" (planned ones) and decides which way a bare weekday or month points.
    """
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    if not text or not text.strip():
        return None
    if _NARRATIVE.search(re.sub(r"\s+", " ", text.strip().lower())):
        return None
    phrase = _clean(text)
    result = _resolve(phrase, published, prefer)
    if result is None and published is not None and prefer == "future":
        # only a planned event is "in two weeks": a past one took two weeks
        result = _offset(re.sub(r"\s+", " ", text.strip().lower()), published)
    if result is None:
        return None
    day, precision = result
    latest = (published or date.today()) + MAX_AHEAD
    if day.year < MIN_YEAR or day > latest:
        return None
    return DateValue(_value(day, precision), text.strip())


_DATELINE = re.compile(
    # WASHINGTON, / NEW DELHI, / WASHINGTON, D.C.,
    r"^\s*(?:[A-Z][\w.'’\-]*(?:[ ,]+[A-Z][\w.'’\-]*){0,4}\s*,\s*)?"
    rf"(?P<date>(?i:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH_RE}(?:,?\s+\d{{4}})?|{_WEEKDAY_RE}))"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:-{1,2}|–|—|/)"
)


def dateline_date(text: str, published: date | None) -> DateValue | None:
    """The date in a news dateline ("BEIJING, March 3 (Reuters) -"), or None if there is none.

    Only the start of the first few lines is looked at, so a headline line may come first.
    """
    lines = [line for line in text[:600].splitlines() if line.strip()][:3]
    for line in lines:
        m = _DATELINE.match(line)
        if m:
            found = resolve_date(m["date"], published)
            if published is not None:
                # A dateline may run a day or two ahead of a publication date kept in another time zone.
                ahead = resolve_date(m["date"], published, "future")
                if (
                    ahead is not None
                    and len(ahead.value) == 10
                    and date.fromisoformat(ahead.value) - published <= timedelta(days=2)
                ):
                    return ahead
            return found
    return None


_PLACE_DATELINE = re.compile(
    # "NUSA DUA, Indonesia -", "MOSCOW (AP) —", "BEIJING -": a capitalised place, no date
    r"^\s*[A-Z][A-Z.'’/-]+(?: [A-Z][A-Z.'’/-]+){0,3}(?:,\s*[A-Z][\w.'’ -]{1,30}?)?"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?(?:-{1,2}|–|—)\s"
)


def dateline_end(text: str) -> int:
    """Offset just past a dateline at the very start of the text ("SYDNEY, May 17 (Wire) -",
    "NUSA DUA, Indonesia -"), else 0. What stands in it (the agency, the city, the dateline's
    own date) is not part of the story's sentences."""
    head = text[:300]
    m = _DATELINE.match(head) or _PLACE_DATELINE.match(head)
    return m.end() if m else 0
