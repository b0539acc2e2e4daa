"""Who met whom: people as nodes, shared events that took place as weighted edges.

The layout is a networkx spring layout drawn in a plotly FigureWidget; clicking a node calls the
listeners with that person's name (the explorer then filters by that person). Only the
``max_nodes`` best-connected people are drawn: a hairball of thousands of nodes answers nothing.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable

import ipywidgets as w
import numpy as np
import pandas as pd

from kb.widgets import _html
from kb.widgets.data import Selection
from kb.widgets.timeline import PALETTE, sync_figure

_WIDTHS = ((1, 1.0), (2, 2.0), (4, 3.5), (8, 5.5))  # (minimum weight, line width) of each edge trace
_LABELLED = 30  # names written beside the best-connected nodes; the rest show on hover


def network_edges(selection: Selection) -> pd.DataFrame:
    """(source, target, weight): pairs of people at the same selected event that occurred, and how often.

    Joins integer codes rather than IRIs: on a large knowledge base this runs on every filter change.
    """
    occurred = selection.events.loc[selection.events["status"] == "occurred"].index
    part = selection.participation
    part = part[np.isin(part["ecode"].to_numpy(), selection.events.loc[occurred, "code"].to_numpy())]
    frame = pd.DataFrame({"e": part["ecode"].to_numpy(), "p": part["pcode"].to_numpy()})
    pairs = frame.merge(frame, on="e")
    pairs = pairs[pairs["p_x"] < pairs["p_y"]]
    n = max(len(selection.people), 1)
    pair_keys = pairs["p_x"].to_numpy(np.int64) * n + pairs["p_y"].to_numpy()
    keys, weights = np.unique(pair_keys, return_counts=True)
    persons = selection.people["person"].to_numpy()
    edges = pd.DataFrame({"source": persons[keys // n], "target": persons[keys % n], "weight": weights,
                          "source_code": keys // n, "target_code": keys % n})
    return edges.sort_values("weight", ascending=False, kind="stable").reset_index(drop=True)


class NetworkView(w.VBox):
    """The network figure; ``nodes`` and ``edges`` hold what is drawn."""

    def __init__(self, max_nodes: int = 120, max_edges: int | None = None, seed: int = 7):
        import plotly.graph_objects as go

        self.max_nodes = max_nodes
        self.max_edges = max_edges if max_edges is not None else 5 * max_nodes
        self.seed = seed
        self._listeners: list[Callable[[str], None]] = []
        self._positions: dict[str, tuple[float, float]] = {}
        self.nodes = pd.DataFrame(columns=["person", "name", "country", "encounters", "x", "y"])
        self.edges = pd.DataFrame(columns=["source", "target", "weight", "source_name", "target_name"])
        self.caption = w.HTML()
        hidden = dict(showgrid=False, zeroline=False, showticklabels=False, visible=False)
        edge_traces = [go.Scatter(x=[], y=[], mode="lines", hoverinfo="skip", showlegend=False,
                                  line=dict(width=width, color="rgba(120,120,120,0.45)"))
                       for _, width in _WIDTHS]
        node_trace = go.Scatter(x=[], y=[], mode="markers+text", textposition="top center", hoverinfo="text",
                                showlegend=False,
                                marker=dict(size=[], color=[], line=dict(width=1, color="white")))
        self.figure = go.FigureWidget(
            data=[*edge_traces, node_trace],
            layout=go.Layout(height=560, margin=dict(l=10, r=10, t=10, b=10), xaxis=hidden, yaxis=hidden,
                             template="plotly_white", clickmode="event", dragmode="pan", hovermode="closest"))
        self.figure.data[-1].on_click(self._clicked)
        super().__init__([self.caption, self.figure])
        self.add_class("dipkb-network")

    def _repr_mimebundle_(self, **kwargs):
        sync_figure(self.figure)
        return super()._repr_mimebundle_(**kwargs)

    def on_person(self, callback: Callable[[str], None]) -> None:
        """Call ``callback(name)`` when a node is clicked."""
        self._listeners.append(callback)

    def update(self, selection: Selection) -> None:
        import networkx as nx

        edges = network_edges(selection)
        codes = np.concatenate([edges["source_code"].to_numpy(), edges["target_code"].to_numpy()])
        weights = np.concatenate([edges["weight"].to_numpy(), edges["weight"].to_numpy()])
        degree = pd.Series(weights).groupby(codes).sum().sort_values(ascending=False, kind="stable")
        keep = degree.index[: self.max_nodes].to_numpy()
        edges = edges[np.isin(edges["source_code"], keep) & np.isin(edges["target_code"], keep)]
        edges = edges.head(self.max_edges).reset_index(drop=True)  # the strongest ties; the rest: a hairball

        people = selection.people.iloc[keep]
        graph = nx.Graph()
        graph.add_nodes_from(people["person"])
        graph.add_weighted_edges_from(
            edges[["source", "target", "weight"]].itertuples(index=False, name=None))
        pos = {}
        if len(graph):
            start = {n: self._positions[n] for n in graph if n in self._positions} or None
            pos = nx.spring_layout(graph, pos=start, k=1.5 / math.sqrt(len(graph)),
                                   iterations=40 if start else 60, seed=self.seed)
            self._positions.update({n: (float(x), float(y)) for n, (x, y) in pos.items()})

        self.nodes = pd.DataFrame({
            "person": people["person"].to_numpy(), "name": people["name"].fillna(people["person"]).to_numpy(),
            "country": people["country"].to_numpy(), "encounters": degree.iloc[: self.max_nodes].to_numpy(),
            "x": [pos[p][0] for p in people["person"]], "y": [pos[p][1] for p in people["person"]],
        })
        names = selection.people["name"].to_numpy()
        self.edges = edges.assign(source_name=names[edges["source_code"].to_numpy()],
                                  target_name=names[edges["target_code"].to_numpy()])
        self._draw(pos)
        shown, total = len(self.nodes), len(degree)
        if shown:
            message = f"{shown:,} people, {len(edges):,} pairs who met"
            if total > shown:
                message += f" (the {shown:,} best connected of {total:,})"
            message += ". Click a person to filter by them."
        else:
            message = "Nobody in this selection met anybody."
        self.caption.value = _html.muted(message)

    def _draw(self, pos: dict) -> None:
        edge_xy = []
        lows = [low for low, _ in _WIDTHS]
        bucket = np.searchsorted(lows, self.edges["weight"].to_numpy(), side="right") - 1
        for i in range(len(_WIDTHS)):
            chosen = self.edges[bucket == i]
            # each edge is (x0, x1, gap): NaN breaks the line, so one trace draws every edge of a width
            xs = np.full((len(chosen), 3), np.nan)
            ys = np.full((len(chosen), 3), np.nan)
            for column, end in ((0, "source"), (1, "target")):
                xs[:, column] = [pos[p][0] for p in chosen[end]]
                ys[:, column] = [pos[p][1] for p in chosen[end]]
            edge_xy.append((xs.ravel(), ys.ravel()))
        nodes = self.nodes
        top = nodes["encounters"].max() if len(nodes) else 1
        # a country keeps its colour from one filter to the next
        countries = set(nodes["country"].fillna("?"))
        colour = {c: PALETTE[zlib.crc32(c.encode()) % len(PALETTE)] for c in countries}
        with self.figure.batch_update():
            for trace, (xs, ys) in zip(self.figure.data[:-1], edge_xy, strict=True):
                trace.update(x=xs, y=ys)
            self.figure.data[-1].update(
                x=nodes["x"].to_numpy(float), y=nodes["y"].to_numpy(float),
                text=[n if i < _LABELLED else "" for i, n in enumerate(nodes["name"])],
                hovertext=[f"{n} ({c or '?'}): {e} encounter{'s' if e != 1 else ''}" for n, c, e in
                           zip(nodes["name"], nodes["country"], nodes["encounters"], strict=True)],
                customdata=nodes["person"].tolist(),
                marker=dict(size=8 + 22 * np.sqrt(nodes["encounters"].to_numpy(float) / top),
                            color=[colour[c] for c in nodes["country"].fillna("?")]))

    def _clicked(self, _trace, points, _selector) -> None:
        for index in points.point_inds:
            if 0 <= index < len(self.nodes):
                name = self.nodes["name"].iloc[index]
                for callback in self._listeners:
                    callback(name)
                return
