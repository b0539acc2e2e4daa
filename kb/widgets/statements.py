"""The statement browser: what was said, by whom, when, to whom, the evidence sentence and the article."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from kb.widgets import _html
from kb.widgets.data import Selection

CSV_COLUMNS = ["date", "speaker_name", "quote", "content", "addressee_name", "evidence", "article_id",
               "title", "url", "event", "statement"]


class StatementsView(w.VBox):
    """The first ``max_rows`` selected statements, newest first."""

    def __init__(self, max_rows: int = 100):
        self.max_rows = max_rows
        self.frame = pd.DataFrame(columns=CSV_COLUMNS)
        self.caption = w.HTML()
        self.html = w.HTML()
        self.html.add_class("dipkb-statements")
        super().__init__([self.caption, _html.scrolling(self.html, "560px")])

    def update(self, selection: Selection) -> None:
        self.frame = selection.statements
        shown = self.frame.head(self.max_rows)
        rows = []
        for r in shown.itertuples(index=False):
            if isinstance(r.quote, str):
                said = f'<span class="dipkb-quote">“{_html.text(r.quote)}”</span>'
            else:
                said = f'<span class="dipkb-quote"><i>{_html.text(r.content)}</i></span> ' \
                       '<span class="dipkb-muted">(reported)</span>'
            evidence = f'<div class="dipkb-muted">{_html.text(r.evidence)}</div>'
            rows.append([said + evidence, _html.text(r.speaker_name), _html.text(r.date),
                         _html.text(r.addressee_name), _html.link(r.url, r.title if isinstance(r.title, str)
                                                                  else r.article_id)])
        total = len(self.frame)
        more = f" (the first {len(shown):,} shown)" if total > len(shown) else ""
        self.caption.value = _html.muted(f"{total:,} statement{'s' if total != 1 else ''}{more}")
        self.html.value = _html.STYLE + (
            _html.table(["statement and evidence", "speaker", "date", "addressee", "article"], rows) if rows
            else _html.muted("No statements match the filters."))

    def to_csv(self) -> str:
        return self.frame.reindex(columns=CSV_COLUMNS).to_csv(index=False)
