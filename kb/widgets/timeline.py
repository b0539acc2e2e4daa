"""The timeline: selected events counted per day, month or year, stacked by type or by country."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from kb.widgets import _html
from kb.widgets.data import EVENT_TYPES, TYPE_LABELS, Selection, empty_selection

PALETTE = ["#4C78A8", "#F58518", "#54A24B", "#E45756", "#72B7B2", "#EECA3B", "#B279A2", "#FF9DA6", "#9D755D",
           "#BAB0AC"]
TYPE_COLOURS = dict(zip(EVENT_TYPES, PALETTE, strict=False))
MAX_COUNTRIES = 8  # the others are stacked as "other"
_TRACES = MAX_COUNTRIES + 2  # + "other" + "unknown"


def bin_for(start: pd.Series) -> str:
    """The bar width that keeps the chart readable: days for a season, months for a decade, else years."""
    if start.empty:
        return "M"
    span = (start.max() - start.min()).days
    return "D" if span <= 120 else "M" if span <= 12 * 366 else "Y"


def timeline_data(selection: Selection, colour_by: str = "type") -> pd.DataFrame:
    """Rows of (period, group, count): how many selected events of each group began in each period.

    Coloured by country, an event counts once for each country among its people, the states named
    as its parties and its place.
    """
    events = selection.events[selection.events["start"].notna()]
    if events.empty:
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "group": pd.Series(dtype=str),
                             "count": pd.Series(dtype=int)})
    freq = bin_for(events["start"])
    period = events["start"].dt.to_period(freq).dt.start_time
    if colour_by == "country":
        keyed = pd.DataFrame({"ecode": events["code"].to_numpy(), "period": period.to_numpy()})
        keyed = keyed.merge(selection.countries, on="ecode", how="left")
        keyed["group"] = keyed["country"].fillna("unknown")
        top = keyed.loc[keyed["group"] != "unknown", "group"].value_counts().index[:MAX_COUNTRIES]
        keyed.loc[~keyed["group"].isin(top) & (keyed["group"] != "unknown"), "group"] = "other"
    else:
        keyed = pd.DataFrame({"period": period.to_numpy(),
                              "group": events["type"].map(TYPE_LABELS).to_numpy()})
    counts = keyed.groupby(["period", "group"]).size().rename("count").reset_index()
    return counts.sort_values(["period", "group"]).reset_index(drop=True)


class TimelineView(w.VBox):
    """A stacked bar chart in a plotly FigureWidget; ``data`` holds the numbers it draws."""

    def __init__(self):
        import plotly.graph_objects as go

        self.colour_by = w.ToggleButtons(options=[("by type", "type"), ("by country", "country")],
                                         value="type", description="Colour")
        self.colour_by.observe(lambda _: self._draw(), names="value")
        self.caption = w.HTML()
        self.figure = go.FigureWidget(
            data=[go.Bar(x=[], y=[], visible=False) for _ in range(_TRACES)],
            layout=go.Layout(barmode="stack", height=380, margin=dict(l=40, r=20, t=20, b=40),
                             xaxis=dict(type="date"), yaxis=dict(title="events"),
                             legend=dict(orientation="h", y=-0.15, traceorder="normal"),
                             template="plotly_white"))
        self.data = timeline_data(empty_selection())
        self._selection: Selection | None = None
        super().__init__([w.HBox([self.colour_by, self.caption]), self.figure])
        self.add_class("dipkb-timeline")

    def update(self, selection: Selection) -> None:
        self._selection = selection
        self._draw()

    def _repr_mimebundle_(self, **kwargs):
        sync_figure(self.figure)
        return super()._repr_mimebundle_(**kwargs)

    def _draw(self) -> None:
        selection = self._selection or empty_selection()
        self.data = timeline_data(selection, self.colour_by.value)
        groups = list(dict.fromkeys(self.data.sort_values("count", ascending=False)["group"]))
        if self.colour_by.value == "type":
            groups = [TYPE_LABELS[t] for t in EVENT_TYPES if TYPE_LABELS[t] in groups]
        colours = {TYPE_LABELS[t]: TYPE_COLOURS.get(t, PALETTE[i % len(PALETTE)])
                   for i, t in enumerate(EVENT_TYPES)}
        undated = int(selection.events["start"].isna().sum()) if len(selection.events) else 0
        by_group = {g: part for g, part in self.data.groupby("group")}
        with self.figure.batch_update():
            for i, trace in enumerate(self.figure.data):
                if i < len(groups):
                    part = by_group[groups[i]]
                    trace.update(x=[p.isoformat() for p in part["period"]], y=part["count"].tolist(),
                                 name=groups[i], visible=True,
                                 marker_color=colours.get(groups[i]) or _colour(groups[i], i))
                else:
                    trace.update(x=[], y=[], visible=False)
        total = len(selection.events) - undated
        self.caption.value = _html.muted(
            f"{total:,} dated event{'s' if total != 1 else ''}"
            + (f"; {undated:,} undated not shown" if undated else ""))


def sync_figure(figure) -> None:
    """Send a FigureWidget's whole current state to the browser.

    Updates made before a figure is first shown travel as one-off messages that a page loaded later
    (Voila renders after the notebook ran) never receives; plotly resends the state when a figure is
    displayed on its own, but not when it sits inside a Box, so the views do it when displayed.
    """
    from copy import deepcopy

    figure._widget_layout = deepcopy(figure._layout_obj._props)
    figure._widget_data = deepcopy(figure._data)


def _colour(group: str, index: int) -> str:
    return {"other": "#BAB0AC", "unknown": "#DDDDDD"}.get(group, PALETTE[index % len(PALETTE)])


