"""The Jupyter explorer: browse meetings, timelines, networks and statements with widgets.

>>> from kb.widgets import Explorer
>>> Explorer("kb-store")                                   # doctest: +SKIP

Nothing is imported until ``Explorer`` is first used: ipywidgets, plotly and pandas take a
second to import, and ``import kb`` must stay fast for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Explorer"]

if TYPE_CHECKING:
    from kb.widgets.explorer import Explorer


def __getattr__(name: str):
    if name == "Explorer":
        from kb.widgets.explorer import Explorer

        return Explorer
    raise AttributeError(name)
