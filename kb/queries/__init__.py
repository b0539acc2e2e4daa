"""The library of named SPARQL queries (the ``.rq`` files beside this module).

Each file starts with comment lines declaring its title, description and parameters::

    # title: Meetings of a person
    # param: person text required - part of the person's name

Parameter types: ``text``, ``name`` (a person's name or one word of it, matched exactly but
ignoring case, accents and punctuation through ``dip:nameKey``), ``date`` (YYYY-MM-DD),
``country`` (a name, demonym or ISO code, normalised to ISO 3166 alpha-2), ``int`` and ``iri``.

A line ending in ``# if NAME`` is kept only when the parameter NAME has a value, one ending in
``# if !NAME`` only when it has none. An optional parameter can so change where a query starts
(from the person named, or from every event) instead of filtering every event afterwards.

``# range: date from to`` says that the variable ``?date`` lies between the parameters ``from``
and ``to``: when both are given and at most ten years apart, the query also gets the list of
date literals in between (``binding.date_values``), so that it looks those dates up instead of
reading every date. The query must still filter on the range itself.

``# pair: pair country1 country2`` binds ``?pair`` to the two parameters' values in alphabetical
order with a space between ("IN RU"), the key of ``dip:countryPair``, so that the query looks
the pair up.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pyoxigraph import Literal, NamedNode

from kb.errors import QueryError
from kb.queries.binding import bind, date_values
from kb.rdf.namespaces import sparql_prologue

__all__ = ["NamedQuery", "Param", "bind", "get", "named_queries", "prepare"]

PARAM_TYPES = ("text", "name", "date", "country", "int", "iri")
MAX_RANGE_DAYS = 3660
_CONDITION = re.compile(r"#\s*if\s+(!?)([A-Za-z_]\w*)\s*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    ranges: tuple[tuple[str, str, str], ...] = ()  # (variable, first parameter, last parameter)
    pairs: tuple[tuple[str, str, str], ...] = ()  # (variable, one parameter, the other)

    def convert(self, values: dict[str, object]) -> dict[str, object]:
        """Check and convert user values to the declared types; every declared parameter gets a value."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"query '{self.name}' has no parameter {', '.join(map(_shown, unknown))} "
                             f"(it takes: {', '.join(known) or 'none'})")
        out: dict[str, object] = {}
        for p in self.params:
            value = values.get(p.name)
            if value in (None, ""):
                if p.required:
                    raise QueryError(f"query '{self.name}' needs the parameter {p.name}: {p.description}")
                out[p.name] = None
                continue
            out[p.name] = _convert(p, value)
        return out

    def sparql(self, **values: object) -> str:
        """The query text for these ``values``: conditional lines chosen, values bound as RDF terms."""
        converted = self.convert(values)
        outer = []
        for variable, low, high in self.ranges:
            first, last = converted.get(low), converted.get(high)
            both = isinstance(first, dt.date) and isinstance(last, dt.date)
            if both and 0 <= (last - first).days <= MAX_RANGE_DAYS:
                outer.append(date_values(variable, first, last))
        for variable, one, other in self.pairs:
            if converted.get(one) and converted.get(other):
                key = " ".join(sorted((str(converted[one]), str(converted[other]))))
                outer.append(f"VALUES ?{variable} {{ {Literal(key)} }}")
        return bind(_conditional_lines(self.text, converted), converted, " ".join(outer))


def _conditional_lines(text: str, values: dict[str, object]) -> str:
    """Drop the lines whose ``# if [!]NAME`` condition does not hold (kept as blank lines)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        match = _CONDITION.search(line)
        if match and (values.get(match[2]) is not None) == bool(match[1]):
            lines[i] = ""
    return "\n".join(lines)


def _convert(param: Param, value: object) -> object:
    if param.type == "date":
        if isinstance(value, dt.date):
            return value if not isinstance(value, dt.datetime) else value.date()
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            shown = _shown(value)
            raise QueryError(f"parameter {param.name}: '{shown}' is not a date (YYYY-MM-DD)") from None
    if param.type == "country":
        from kb.reference.countries import country_code

        text = str(value).strip()
        code = text.upper() if len(text) == 2 and text.isalpha() else country_code(text)
        if not code:
            raise QueryError(f"parameter {param.name}: unknown country '{_shown(value)}'")
        return code
    if param.type == "name":
        from kb.text import name_key

        key = name_key(str(value))
        if not key:
            raise QueryError(f"parameter {param.name}: '{_shown(value)}' has no letters or digits")
        return key
    if param.type == "int":
        try:
            return int(str(value))
        except ValueError:
            raise QueryError(f"parameter {param.name}: '{_shown(value)}' is not a whole number") from None
    if param.type == "iri":
        text = str(value)
        node = None
        if text.startswith(("http://", "https://", "urn:")) and not any(c in text for c in ' <>"{}|\\^`\n'):
            with suppress(ValueError):  # pyoxigraph refuses the rest: bad hosts, escapes, control codes
                node = NamedNode(text)
        if node is None:
            raise QueryError(f"parameter {param.name}: '{_shown(value)}' is not an IRI")
        return node
    return str(value)


def _shown(value: object) -> str:
    """A user's value for an error message: on one line, and not a page long."""
    text = " ".join(str(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def _parse(name: str, source: str) -> NamedQuery:
    title, description, params, ranges, pairs = name, "", [], [], []
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        key, _, rest = line[1:].strip().partition(":")
        rest = rest.strip()
        if key == "title":
            title = rest
        elif key == "description":
            description = rest
        elif key == "range":
            words = rest.split()
            if len(words) != 3:
                raise QueryError(f"{name}.rq: malformed range line '{line}'")
            ranges.append((words[0], words[1], words[2]))
        elif key == "pair":
            words = rest.split()
            if len(words) != 3:
                raise QueryError(f"{name}.rq: malformed pair line '{line}'")
            pairs.append((words[0], words[1], words[2]))
        elif key == "param":
            head, _, desc = rest.partition(" - ")
            words = head.split()
            if len(words) != 3 or words[1] not in PARAM_TYPES or words[2] not in ("required", "optional"):
                raise QueryError(f"{name}.rq: malformed parameter line '{line}'")
            params.append(Param(words[0], words[1], words[2] == "required", desc.strip()))
    declared = {p.name for p in params}
    for _, low, high in ranges:
        if not {low, high} <= {p.name for p in params if p.type == "date"}:
            raise QueryError(f"{name}.rq: a range needs two declared date parameters, not {low} and {high}")
    for line in source.splitlines():
        match = _CONDITION.search(line)
        if match and not line.startswith("#") and match[2] not in declared:
            raise QueryError(f"{name}.rq: condition on the undeclared parameter '{match[2]}'")
    for _, one, other in pairs:
        if not {one, other} <= declared:
            raise QueryError(f"{name}.rq: a pair needs two declared parameters, not {one} and {other}")
    return NamedQuery(name, title, description, tuple(params), sparql_prologue() + source, tuple(ranges),
                      tuple(pairs))


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every packaged named query, by name (the file name without .rq)."""
    out = {}
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return out


def get(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query '{name}' (known: {', '.join(queries)})")
    return queries[name]


def prepare(sparql: str, bindings: dict[str, object] | None = None) -> str:
    """A user's own query: the standard prefixes added when missing, then ``bindings`` bound."""
    # the prefixes go on the user's first line, so an error's line number is the user's own
    prologue = sparql_prologue().replace("\n", " ")
    text = sparql if "PREFIX dip:" in sparql or "prefix dip:" in sparql else prologue + sparql
    return bind(text, bindings or {})
