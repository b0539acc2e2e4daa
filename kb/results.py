"""Query results as plain Python rows, a pandas DataFrame, or CSV/JSON/table text."""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, QueryBoolean, QuerySolutions, QueryTriples

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")}
_FLOATS = {XSD + t for t in ("decimal", "double", "float")}


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


@dataclass
class Result:
    """The answer to a SELECT (columns and rows), an ASK (``boolean``) or a CONSTRUCT (``triples``)."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list | None = None

    @classmethod
    def from_oxigraph(cls, answer: QuerySolutions | QueryBoolean | QueryTriples,
                      limit: int | None = None) -> Result:
        if isinstance(answer, QueryBoolean):
            return cls(boolean=bool(answer))
        if isinstance(answer, QueryTriples):
            triples = list(answer) if limit is None else list(itertools.islice(answer, max(limit, 0)))
            return cls(columns=["subject", "predicate", "object"], triples=triples, rows=[])._fill_triples()
        columns = [v.value for v in answer.variables]
        rows = []
        for solution in answer if limit is None else itertools.islice(answer, max(limit, 0)):
            rows.append(tuple(to_python(solution[c]) for c in columns))
        return cls(columns=columns, rows=rows)

    def _fill_triples(self) -> Result:
        self.rows = [(to_python(t.subject), to_python(t.predicate), to_python(t.object))
                     for t in self.triples or []]
        return self

    def __iter__(self) -> Iterator[dict[str, object]]:
        for row in self.rows:
            yield dict(zip(self.columns, row, strict=True))

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[object]:
        i = self.columns.index(name)
        return [row[i] for row in self.rows]

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
