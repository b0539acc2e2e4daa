"""The events table: date, type, participants, place and source article of the selected events.

Each encounter is one row, however many articles reported it: the first article is linked and
"+N reports" counts the others; a date or place the reports disagree on is marked.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from kb.widgets import _html
from kb.widgets.data import TYPE_LABELS, Selection

CSV_COLUMNS = ["date", "type", "status", "participants", "place", "place_country", "article_id", "title",
               "url", "n_articles", "disputed", "evidence", "event"]


class EventsTable(w.VBox):
    """The first ``max_rows`` selected events, newest first; the CSV export has them all."""

    def __init__(self, max_rows: int = 200):
        self.max_rows = max_rows
        self.frame = pd.DataFrame(columns=CSV_COLUMNS)
        self.caption = w.HTML()
        self.html = w.HTML()
        self.html.add_class("dipkb-events-table")
        super().__init__([self.caption, _html.scrolling(self.html, "560px")])

    def update(self, selection: Selection) -> None:
        self.frame = selection.events
        shown = self.frame.head(self.max_rows)
        rows = [
            [_html.text(r.date) + _disputed(r, "date"),
             _html.text(TYPE_LABELS.get(r.type, r.type)) + ("" if r.status == "occurred" else
                                                            " " + _html.muted(f"({r.status})", inline=True)),
             _html.text(r.participants), _html.text(r.place) + _disputed(r, "place"),
             _html.link(r.url, r.title if isinstance(r.title, str) else r.article_id)
             + _reports(r.n_articles)]
            for r in shown.itertuples(index=False)
        ]
        total = len(self.frame)
        more = (f" (the first {len(shown):,} shown; export the table as CSV for all)" if total > len(shown)
                else "")
        self.caption.value = _html.muted(f"{total:,} event{'s' if total != 1 else ''}{more}")
        self.html.value = _html.STYLE + (
            _html.table(["date", "type", "participants", "place", "source article"], rows) if rows
            else _html.muted("No events match the filters."))

    def to_csv(self) -> str:
        return self.frame.reindex(columns=CSV_COLUMNS).to_csv(index=False)


def _reports(n_articles: int) -> str:
    """How many more articles report the encounter than the one linked."""
    more = n_articles - 1
    return " " + _html.muted(f"+{more} report{'s' if more != 1 else ''}", inline=True) if more > 0 else ""


def _disputed(row, prop: str) -> str:
    disputed = row.disputed if isinstance(row.disputed, str) else ""
    if prop not in disputed.split(", "):
        return ""
    return " " + _html.muted("(reports disagree)", inline=True)
