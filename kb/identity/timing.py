"""When a reported event can have taken place, and how well two reports agree on it.

A report's date becomes the span of days the event may lie in: its day, its month, or, for a
report that gives no date (or only a year), the few days before the article was published
(news reports what just happened). A planned report without a date looks ahead instead: the
weeks after it was published. Two spans agree when they are at most ``TOLERANCE_DAYS`` apart,
so that one day's difference across a dateline (Monday evening in Washington is Tuesday in
Beijing) still matches.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

RECENT_DAYS = 3  # an undated report of what happened: at most this many days before publication
AHEAD_DAYS = 30  # an undated plan: within this many days after publication
TOLERANCE_DAYS = 1


@dataclass(frozen=True)
class Span:
    """The days an event may lie in, and how precisely its report dated it."""

    first: dt.date
    last: dt.date
    precision: str  # "day", "month", or "vague" (undated, or a year only: read from the publication date)
    published: dt.date | None = None

    def gap(self, other: Span) -> int:
        """Days between the two spans (0 when they overlap)."""
        return max(0, (other.first - self.last).days, (self.first - other.last).days)


def span(date: str | None, published: str | None, status: str) -> Span | None:
    """The span of a report, or None when nothing ties it to a time (no date and no publication date)."""
    issued = dt.date.fromisoformat(published) if published else None
    if date and len(date) == 10:
        day = dt.date.fromisoformat(date)
        return Span(day, day, "day", issued)
    if date and len(date) == 7:
        year, month = int(date[:4]), int(date[5:])
        last = calendar.monthrange(year, month)[1]
        return Span(dt.date(year, month, 1), dt.date(year, month, last), "month", issued)
    if issued is None:
        return None
    if status == "planned":
        if date:  # "next year": too vague to tell one plan from another
            return None
        return Span(issued, issued + dt.timedelta(days=AHEAD_DAYS), "vague", issued)
    if date and not date.startswith(str(issued.year)):  # a year that is not the publication's: history
        return None
    return Span(issued - dt.timedelta(days=RECENT_DAYS), issued, "vague", issued)


def agreement(a: Span, b: Span) -> tuple[float, str] | None:
    """How well two spans agree on when the event was (0 to 1, with the reason), None when they cannot."""
    gap = a.gap(b)
    if gap > TOLERANCE_DAYS:
        return None
    kinds = {a.precision, b.precision}
    if kinds == {"day"}:
        return (1.0, "the same day") if gap == 0 else (0.5, "a day apart")
    if kinds == {"month"}:
        return (0.7, "the same month") if a.first == b.first else None
    if kinds == {"day", "month"}:
        return (0.75, "the day lies in the month") if gap == 0 else (0.4, "a day outside the month")
    if kinds == {"vague"}:
        apart = abs((a.published - b.published).days) if a.published and b.published else RECENT_DAYS + 1
        when = "the same day" if apart == 0 else f"{_days(apart)} apart"
        return max(0.4, 0.6 - 0.05 * apart), f"both undated, published {when}"
    dated, vague = (a, b) if b.precision == "vague" else (b, a)
    if dated.precision == "month":
        return 0.5, "undated, published within the month"
    if gap:
        return 0.45, "undated, published a day off the date"
    after = (vague.published - dated.first).days if vague.published else 0
    if after < 0:
        return 0.75, f"undated plan, announced {_days(-after)} before the date"
    when = "on the day" if after == 0 else f"{_days(after)} after the date"
    return max(0.5, 0.75 - 0.05 * after), f"undated, published {when}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"
