"""Export: the current selection or the whole knowledge base as Turtle, or a table as CSV.

A selection exported as Turtle is the graphs of the articles behind it (everything those
articles say), so the file can be loaded elsewhere and queried with the same named queries.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from kb.errors import KBError
from kb.widgets import _html

MAX_DOWNLOAD = 25_000_000  # bytes: larger files go to disk, a data: link that big freezes the browser

WHAT = [("the selection as Turtle", "selection"), ("the whole knowledge base as Turtle", "all"),
        ("the events table as CSV", "events"), ("the statements as CSV", "statements")]
_FILENAMES = {"selection": "dipkb-selection.ttl", "all": "dipkb.ttl", "events": "dipkb-events.csv",
              "statements": "dipkb-statements.csv"}


class ExportPanel(w.VBox):
    """Choose what to export, then download it in the browser or save it to a file beside the notebook."""

    def __init__(self, kb, article_ids: Callable[[], list[str]], events_csv: Callable[[], str],
                 statements_csv: Callable[[], str]):
        self.kb = kb
        self._article_ids = article_ids
        self._tables = {"events": events_csv, "statements": statements_csv}
        self.what = w.Dropdown(options=WHAT, value="selection", description="Export",
                               layout=w.Layout(width="420px"))
        self.path = w.Text(value=_FILENAMES["selection"], description="File", layout=w.Layout(width="420px"))
        self.download_button = w.Button(description="Prepare download", icon="download")
        self.save_button = w.Button(description="Save to file", icon="save")
        self.message = w.HTML()
        self.message.add_class("dipkb-export-message")
        self.what.observe(lambda c: setattr(self.path, "value", _FILENAMES[c["new"]]), names="value")
        self.download_button.on_click(lambda _: self.prepare_download())
        self.save_button.on_click(lambda _: self.save())
        buttons = w.HBox([self.download_button, self.save_button])
        super().__init__([self.what, self.path, buttons, self.message])

    def content(self) -> bytes:
        """The bytes of the chosen export."""
        what = self.what.value
        if what in self._tables:
            return self._tables[what]().encode("utf-8")
        data = self.kb.export("turtle", articles=self._articles() if what == "selection" else None)
        assert isinstance(data, bytes)
        return data

    def prepare_download(self) -> None:
        """Put a download link under the buttons (the browser saves the file)."""
        try:
            data = self.content()
        except (KBError, OSError) as exc:
            self.message.value = _html.error(f"Error: {exc}")
            return
        if len(data) > MAX_DOWNLOAD:
            self.message.value = _html.error(f"{len(data) / 1e6:.0f} MB is too big for a download link: "
                                             "save it to a file instead.")
            return
        name = Path(self.path.value or _FILENAMES[self.what.value]).name
        mime = "text/turtle" if name.endswith(".ttl") else "text/csv"
        self.message.value = _html.download_link(data, name, mime, f"Download {name} ({_size(len(data))})")

    def save(self) -> Path | None:
        """Write the export to the path in the box (relative to the notebook's folder)."""
        target = Path(os.path.expanduser(self.path.value.strip() or _FILENAMES[self.what.value]))
        try:
            what = self.what.value
            if what in self._tables:
                target.write_text(self._tables[what](), encoding="utf-8")
                detail = _size(target.stat().st_size)
            else:
                articles = self._articles() if what == "selection" else None
                count = self.kb.export("turtle", target, articles=articles)
                detail = f"{count:,} triples"
        except (KBError, OSError) as exc:
            self.message.value = _html.error(f"Error: {exc}")
            return None
        self.message.value = _html.muted(f"Saved {detail} to {target.resolve()}")
        return target

    def _articles(self) -> list[str]:
        ids = self._article_ids()
        if not ids:
            raise KBError("the selection is empty: there is nothing to export")
        return ids


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB" if n >= 1e3 else f"{n} bytes"
