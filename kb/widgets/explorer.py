"""The explorer: filters on top, then tabs with the events table, timeline, network, statements,
a SPARQL editor and export. Every filter narrows every view."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

import ipywidgets as w

from kb.errors import KBError
from kb.widgets import _html
from kb.widgets.data import ExplorerData, Filters, Selection
from kb.widgets.export import ExportPanel
from kb.widgets.filters import FilterBar
from kb.widgets.network import NetworkView
from kb.widgets.sparql import SparqlEditor
from kb.widgets.statements import StatementsView
from kb.widgets.table import EventsTable
from kb.widgets.timeline import TimelineView, sync_figure

TABS = ("Events", "Timeline", "Network", "Statements", "SPARQL", "Export")


class Explorer(w.VBox):
    """Browse a knowledge base with widgets.

    ``kb_or_location`` is a ``KnowledgeBase`` or where one lives (a folder or a SPARQL server URL;
    opened read-only). ``max_rows`` caps the rows drawn in the tables, ``max_nodes`` the people
    drawn in the network; filters and exports always use everything. The SPARQL tab refuses
    SERVICE clauses except to the endpoints in ``allow_service``.

    >>> Explorer("kb-store")                                   # doctest: +SKIP
    """

    def __init__(self, kb_or_location=None, *, max_rows: int = 200, max_nodes: int = 120,
                 allow_service: Iterable[str] = ()):
        from kb.api import KnowledgeBase

        if isinstance(kb_or_location, KnowledgeBase):
            self.kb, self._owns_kb = kb_or_location, False
        else:
            location = os.fspath(kb_or_location) if kb_or_location is not None else None
            self.kb, self._owns_kb = KnowledgeBase(location, read_only=True), True
        self.data = ExplorerData(self.kb)
        self.filters = FilterBar(self.data)
        self.table = EventsTable(max_rows=max_rows)
        self.timeline = TimelineView()
        self.network = NetworkView(max_nodes=max_nodes)
        self.statements = StatementsView(max_rows=max(50, max_rows // 2))
        self.sparql = SparqlEditor(self.kb, allow_service=allow_service)
        self.exporter = ExportPanel(self.kb, lambda: self.selection.article_ids, self.table.to_csv,
                                    self.statements.to_csv)
        self.status = w.HTML()
        self.status.add_class("dipkb-status")
        self.refresh_button = w.Button(description="Refresh", icon="refresh", tooltip="Query the store again")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.tabs = w.Tab(children=[self.table, self.timeline, self.network, self.statements, self.sparql,
                                    self.exporter])
        self.tabs.titles = TABS
        self.selection: Selection = self.data.select(Filters())
        self.last_update_seconds = 0.0
        self.filters.on_change(self.apply)
        self.network.on_person(self.filters.set_person)
        super().__init__([w.HTML(_html.STYLE), self.filters, w.HBox([self.status, self.refresh_button]),
                          self.tabs])
        self.add_class("dipkb-explorer")
        self.apply(self.filters.value)

    def apply(self, filters: Filters | None = None) -> Selection:
        """Select with ``filters`` (the filter bar's by default) and redraw every view."""
        began = time.perf_counter()
        filters = filters if filters is not None else self.filters.value
        try:
            self.selection = self.data.select(filters)
            for view in (self.table, self.timeline, self.network, self.statements):
                view.update(self.selection)
        except KBError as exc:
            self.status.value = _html.error(f"Error: {exc}")
            return self.selection
        self.last_update_seconds = time.perf_counter() - began
        self.status.value = self._summary()
        return self.selection

    def _repr_mimebundle_(self, **kwargs):
        for figure in (self.timeline.figure, self.network.figure):
            sync_figure(figure)
        return super()._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        """Query the store again (after an ingest) and redraw with the current filters."""
        try:
            if self._owns_kb:  # a read-only store sees the data as of when it was opened
                from kb.api import KnowledgeBase

                location = self.kb.location
                self.kb.close()
                self.kb = KnowledgeBase(location, read_only=True)
                self.data.kb = self.sparql.kb = self.exporter.kb = self.kb
            self.data.reload()
        except KBError as exc:
            self.status.value = _html.error(f"Error: {exc}")
            return
        self.filters.set_choices(self.data)
        self.apply()

    def _summary(self) -> str:
        s, d = self.selection, self.data
        people = s.participation["person"].nunique()
        parts = [f"{len(s.events):,} of {len(d.events):,} events", f"{people:,} people",
                 f"{len(s.statements):,} of {len(d.statements):,} statements"]
        if s.filters.is_empty():
            parts[0] = f"{len(d.events):,} events"
            parts[2] = f"{len(d.statements):,} statements"
        return _html.muted(" · ".join(parts) + f" (updated in {self.last_update_seconds * 1000:.0f} ms)")

    def close(self) -> None:
        """Close the widgets, and the store when the explorer opened it."""
        if self._owns_kb:
            self.kb.close()
        super().close()
