"""The filter bar: person, country, event type, date range and free text.

It only turns widget values into a ``Filters`` record and tells listeners; the filtering itself
happens in ``ExplorerData.select`` so that it can be tested without widgets.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import ipywidgets as w

from kb.widgets.data import EVENT_TYPES, TYPE_LABELS, ExplorerData, Filters

_ANY = ""


class FilterBar(w.VBox):
    """The filter widgets; ``on_change(callback)`` is called with the new ``Filters`` after each edit."""

    def __init__(self, data: ExplorerData):
        self._listeners: list[Callable[[Filters], None]] = []
        self._muted = False
        self.person = w.Combobox(placeholder="Person (type a name)", description="Person",
                                 ensure_option=False, continuous_update=False,
                                 layout=w.Layout(width="300px"))
        self.country = w.Dropdown(description="Country", layout=w.Layout(width="260px"))
        self.type = w.Dropdown(options=[("any type", _ANY)] + [(TYPE_LABELS[t], t) for t in EVENT_TYPES],
                               value=_ANY, description="Type", layout=w.Layout(width="220px"))
        self.start = w.DatePicker(description="From", layout=w.Layout(width="230px"))
        self.end = w.DatePicker(description="To", layout=w.Layout(width="230px"))
        self.text = w.Text(placeholder="words in statements (Enter)", description="Text",
                           continuous_update=False, layout=w.Layout(width="300px"))
        self.clear_button = w.Button(description="Clear filters", icon="times",
                                     layout=w.Layout(width="130px"))
        self.clear_button.on_click(lambda _: self.clear())
        for widget in (self.person, self.country, self.type, self.start, self.end, self.text):
            widget.add_class("dipkb-filter")
            widget.observe(self._changed, names="value")
        self.person.add_class("dipkb-person")
        self.country.add_class("dipkb-country")
        self.type.add_class("dipkb-type")
        self.text.add_class("dipkb-text")
        self.set_choices(data)
        super().__init__([w.HBox([self.person, self.country, self.type]),
                          w.HBox([self.start, self.end, self.text, self.clear_button])])

    def set_choices(self, data: ExplorerData) -> None:
        """Offer the people and countries the knowledge base knows (again after a refresh)."""
        with self._quiet():
            self.person.options = tuple(data.person_names())
            current = self.country.value
            choices = [("any country", _ANY), *data.countries()]
            self.country.options = choices
            self.country.value = current if current in {c for _, c in choices} else _ANY

    @property
    def value(self) -> Filters:
        return Filters(person=(self.person.value or "").strip(), country=self.country.value or "",
                       type=self.type.value or "", start=self.start.value, end=self.end.value,
                       text=(self.text.value or "").strip())

    def on_change(self, callback: Callable[[Filters], None]) -> None:
        self._listeners.append(callback)

    def set_person(self, name: str) -> None:
        """Filter by one person (what clicking a node in the network does)."""
        self.person.value = name

    def clear(self) -> None:
        """Reset every filter with a single update of the views."""
        with self._quiet():
            self.person.value = ""
            self.country.value = _ANY
            self.type.value = _ANY
            self.start.value = None
            self.end.value = None
            self.text.value = ""
        self._notify()

    def _changed(self, _change) -> None:
        if not self._muted:
            self._notify()

    def _notify(self) -> None:
        value = self.value
        for callback in self._listeners:
            callback(value)

    @contextlib.contextmanager
    def _quiet(self):
        muted, self._muted = self._muted, True
        try:
            yield
        finally:
            self._muted = muted
