"""The SPARQL editor: named queries as templates, a form for their parameters, results as a table.

Errors appear in place as one line (the ``KBError`` message), never as a traceback: a researcher
fixing a typo in a query needs the message, not the stack. Voila may serve the explorer to other
people, so federated queries (SERVICE) are refused unless the endpoint is in ``allow_service``.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from kb.errors import KBError
from kb.queries import named_queries
from kb.rdf.namespaces import sparql_prologue
from kb.results import Result
from kb.text import first_line
from kb.widgets import _html

_BLANK = ""
STARTER = """SELECT ?type (COUNT(?event) AS ?events)
WHERE { ?event a dip:Event ; a ?type . FILTER(?type != dip:Event) }
GROUP BY ?type
ORDER BY DESC(?events)
"""


def template_text(name: str) -> str:
    """A named query's text as its file reads (the standard prefixes are added when it runs)."""
    text = named_queries()[name].text
    prologue = sparql_prologue()
    return text[len(prologue):] if text.startswith(prologue) else text


class SparqlEditor(w.VBox):
    """Pick a template or write SPARQL, fill in the parameters, run; ``result`` holds the last answer."""

    def __init__(self, kb, max_rows: int = 500, row_limit: int = 100_000, allow_service: Iterable[str] = ()):
        self.kb = kb
        self.max_rows = max_rows
        self.row_limit = row_limit
        self.allow_service = tuple(allow_service)
        self.result: Result | None = None
        self.error: str | None = None
        queries = named_queries()
        self.template = w.Dropdown(options=[("(your own query)", _BLANK)]
                                   + [(f"{q.title} ({name})", name) for name, q in queries.items()],
                                   value=_BLANK, description="Template", layout=w.Layout(width="520px"))
        self.editor = w.Textarea(value=STARTER, layout=w.Layout(width="100%", height="240px"))
        self.editor.add_class("dipkb-sparql")
        self.params = w.VBox()
        self.run_button = w.Button(description="Run", button_style="primary", icon="play")
        self.run_button.add_class("dipkb-run")
        self.message = w.HTML()
        self.message.add_class("dipkb-sparql-message")
        self.output = w.HTML()
        self.download = w.HTML()
        self._fields: dict[str, w.Text] = {}
        self.template.observe(self._template_chosen, names="value")
        self.run_button.on_click(lambda _: self.run())
        super().__init__([self.template, self.editor, self.params, w.HBox([self.run_button, self.message]),
                          self.download, _html.scrolling(self.output, "480px")])

    def _template_chosen(self, change) -> None:
        name = change["new"]
        self._fields = {}
        if name == _BLANK:
            self.params.children = ()
            return
        query = named_queries()[name]
        self.editor.value = template_text(name)
        for p in query.params:
            self._fields[p.name] = w.Text(description=p.name, placeholder=p.description
                                          + ("" if p.required else " (optional)"),
                                          layout=w.Layout(width="520px"), style={"description_width": "90px"})
        self.params.children = tuple(self._fields.values())

    def set_params(self, **values: object) -> None:
        """Fill in parameters of the chosen template (for notebooks and tests)."""
        for name, value in values.items():
            if name not in self._fields:
                raise KBError(f"the chosen template has no parameter {name}")
            self._fields[name].value = "" if value is None else str(value)

    def run(self, query: str | None = None) -> Result | None:
        """Run the editor's text (or ``query``); show rows or a one-line error, never a traceback."""
        if query is not None:
            self.editor.value = query
        text = self.editor.value
        self.result, self.error = None, None
        self.download.value = ""
        try:
            self.result = self._execute(text)
        except KBError as exc:
            self.error = str(exc) or type(exc).__name__
        except Exception as exc:  # anything else still becomes one line in place, never a traceback
            self.error = f"{type(exc).__name__}: {first_line(exc, default='')}"
        if self.error is not None:
            self.message.value = _html.error(f"Error: {self.error}")
            self.output.value = ""
            return None
        self._show(self.result)
        return self.result

    def _execute(self, text: str) -> Result:
        name = self.template.value
        values = {k: f.value.strip() for k, f in self._fields.items()}
        options = {"limit": self.row_limit, "allow_service": self.allow_service}
        if name != _BLANK and text.strip() == template_text(name).strip():
            return self.kb.query(name, **options, **{k: v for k, v in values.items() if v})
        if name != _BLANK:  # an edited template: its parameters are still checked and converted
            bindings = named_queries()[name].convert({k: v for k, v in values.items() if v})
            return self.kb.query(text, **options, **bindings)
        return self.kb.query(text, **options)

    def _show(self, result: Result) -> None:
        if result.boolean is not None:
            self.message.value = _html.muted(f"Answer: {'yes' if result.boolean else 'no'}")
            self.output.value = ""
            return
        shown = result.rows[: self.max_rows]
        n = len(result.rows)
        capped = " (the row limit)" if n >= self.row_limit else ""
        self.message.value = _html.muted(f"{n:,} row{'s' if n != 1 else ''}{capped}"
                                         + (f", the first {len(shown):,} shown" if n > len(shown) else ""))
        rows = [[_html.link(v, v) if isinstance(v, str) and v.startswith("http") else _html.text(v)
                 for v in row] for row in shown]
        self.output.value = _html.STYLE + _html.table(result.columns, rows)
        self.download.value = _html.download_link(result.to_csv().encode("utf-8"), "query-results.csv",
                                                  "text/csv", "Download these results as CSV")
