"""Query results, the same for every backend: rows of RDF terms, plain Python values, text formats.

``Store.query`` answers with a ``Result`` whichever backend ran the query, so the layers above the
store (API, CLI, endpoint, widgets) never see a backend's own result types. The terms stay
available (``bindings()``) for code that needs IRIs and datatypes; ``rows`` and iteration give
plain values for people and DataFrames.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples, Triple

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_FLOATS = {XSD + t for t in ("decimal", "double", "float")}

Term = NamedNode | BlankNode | Literal | Triple


def to_python(term: object) -> object:
    """A term as a plain value: IRIs and dates as strings, numbers as numbers, unbound as None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        dtype = term.datatype.value if term.datatype else ""
        if dtype in _INTS:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dtype in _FLOATS:
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dtype == XSD + "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return "_:" + term.value
    return str(term)


class Result:
    """The answer to a SELECT (columns and rows), an ASK (``boolean``) or a CONSTRUCT (``triples``).

    A CONSTRUCT answer also reads as rows of ``subject``, ``predicate``, ``object``. The truth
    of a result is the ASK answer, or whether there are rows.
    """

    def __init__(self, columns: Sequence[str] = (), terms: Iterable[Sequence[Term | None]] = (),
                 boolean: bool | None = None, triples: Iterable[Triple] | None = None):
        self.boolean = boolean
        self.triples: list[Triple] | None = None
        if triples is not None:
            self.triples = list(triples)
            self.columns = ["subject", "predicate", "object"]
            self.terms: list[tuple] = [(t.subject, t.predicate, t.object) for t in self.triples]
        else:
            self.columns = list(columns)
            self.terms = [tuple(row) for row in terms]

    @classmethod
    def from_oxigraph(cls, answer: QuerySolutions | QueryBoolean | QueryTriples | Iterable[Triple],
                      limit: int | None = None) -> Result:
        """The answer pyoxigraph gives (or parses from a server), its first ``limit`` rows only."""
        if isinstance(answer, QueryBoolean):
            return cls(boolean=bool(answer))
        def cut(items):
            return items if limit is None else itertools.islice(items, max(limit, 0))

        if isinstance(answer, QuerySolutions):
            columns = [v.value for v in answer.variables]
            return cls(columns, (tuple(s[c] for c in columns) for s in cut(answer)))
        return cls(triples=cut(answer))

    @cached_property
    def rows(self) -> list[tuple]:
        """Each row as plain Python values (see ``to_python``)."""
        return [tuple(to_python(t) for t in row) for row in self.terms]

    def bindings(self) -> Iterator[dict[str, Term | None]]:
        """Each row as a mapping of column to RDF term (None where unbound)."""
        for row in self.terms:
            yield dict(zip(self.columns, row, strict=True))

    def head(self, n: int) -> Result:
        """The first ``n`` rows (or triples) of this result."""
        if self.boolean is not None:
            return self
        if self.triples is not None:
            return Result(triples=self.triples[:n])
        return Result(self.columns, self.terms[:n])

    def __iter__(self) -> Iterator[dict[str, object]]:
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def __len__(self) -> int:
        return len(self.terms)

    def __bool__(self) -> bool:
        return self.boolean if self.boolean is not None else bool(self.terms)

    def __repr__(self) -> str:
        if self.boolean is not None:
            return f"Result(boolean={self.boolean})"
        return f"Result(columns={self.columns}, {len(self)} rows)"

    def column(self, name: str) -> list[object]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

    def serialize(self, media_type: str) -> bytes:
        """The result in a W3C results format (SELECT, ASK) or an RDF syntax (CONSTRUCT), by media type."""
        from kb.result_formats import serialize

        return serialize(self, media_type)

    def to_dataframe(self):  # -> pandas.DataFrame, imported lazily: pandas is slow to import
        import pandas as pd

        if self.boolean is not None:
            return pd.DataFrame({"result": [self.boolean]})
        return pd.DataFrame(self.rows, columns=self.columns)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        if self.boolean is not None:
            writer.writerows([["result"], [str(self.boolean).lower()]])
        else:
            writer.writerow(self.columns)
            writer.writerows(["" if v is None else v for v in row] for row in self.rows)
        return out.getvalue()

    def to_json(self) -> str:
        if self.boolean is not None:
            return json.dumps({"boolean": self.boolean})
        return json.dumps(list(self), ensure_ascii=False, indent=1, default=str)

    def to_table(self, width: int = 60) -> str:
        """An aligned text table, long cells cut to ``width`` characters."""
        if self.boolean is not None:
            return "yes" if self.boolean else "no"
        cells = [[_cut("" if v is None else str(v), width) for v in row] for row in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(self.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)).rstrip(),
                 "  ".join("-" * w for w in widths)]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
        lines.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
