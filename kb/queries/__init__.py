"""The library of named SPARQL queries (the ``.rq`` files beside this module).

Each file starts with comment lines declaring its title, description and parameters::

    # title: Meetings of a person
    # param: person text required - part of the person's name

Parameter types: ``text``, ``date`` (YYYY-MM-DD), ``country`` (a name, demonym or ISO code,
normalised to ISO 3166 alpha-2), ``int`` and ``iri``.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pyoxigraph import NamedNode

from kb.errors import QueryError
from kb.queries.binding import bind
from kb.rdf.namespaces import sparql_prologue

__all__ = ["NamedQuery", "Param", "bind", "get", "named_queries", "prepare"]

PARAM_TYPES = ("text", "date", "country", "int", "iri")


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
        """The query text with ``values`` bound as RDF terms."""
        return bind(self.text, self.convert(values))


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
        from kb.extract.countries import country_code

        text = str(value).strip()
        code = text.upper() if len(text) == 2 and text.isalpha() else country_code(text)
        if not code:
            raise QueryError(f"parameter {param.name}: unknown country '{_shown(value)}'")
        return code
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
    title, description, params = name, "", []
    for line in source.splitlines():
        if not line.startswith("#"):
            break
        key, _, rest = line[1:].strip().partition(":")
        rest = rest.strip()
        if key == "title":
            title = rest
        elif key == "description":
            description = rest
        elif key == "param":
            head, _, desc = rest.partition(" - ")
            words = head.split()
            if len(words) != 3 or words[1] not in PARAM_TYPES or words[2] not in ("required", "optional"):
                raise QueryError(f"{name}.rq: malformed parameter line '{line}'")
            params.append(Param(words[0], words[1], words[2] == "required", desc.strip()))
    return NamedQuery(name, title, description, tuple(params), sparql_prologue() + source)


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
