"""Safe parameter binding: user values become RDF terms in a VALUES block, never query text.

The values are serialised by pyoxigraph as N-Triples terms (quotes, braces and newlines
escaped), then joined at the start of the query's outermost WHERE group, where they act like
pre-bound variables. This works the same on the embedded store and on any SPARQL 1.1 server.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode

from kb.errors import QueryError

XSD = "http://www.w3.org/2001/XMLSchema#"
_VAR = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def to_term(value: object) -> NamedNode | Literal | None:
    """A Python value as an RDF term: str -> string literal, date -> xsd:date, None -> unbound."""
    if value is None or isinstance(value, NamedNode | Literal):
        return value
    if isinstance(value, BlankNode):
        raise QueryError("blank nodes cannot be bound as parameters")
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "double"))
    if isinstance(value, dt.datetime):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=NamedNode(XSD + "date"))
    if hasattr(value, "toPython") and hasattr(value, "n3"):  # an rdflib term
        from rdflib import Literal as RLiteral
        from rdflib import URIRef

        if isinstance(value, URIRef):
            return NamedNode(str(value))
        if isinstance(value, RLiteral):
            if value.language:
                return Literal(str(value), language=value.language)
            return Literal(str(value), datatype=NamedNode(str(value.datatype)) if value.datatype else None)
    if isinstance(value, str):
        return Literal(value)
    raise QueryError(f"cannot bind a value of type {type(value).__name__}")


def values_block(bindings: Mapping[str, object]) -> str:
    names = list(bindings)
    for name in names:
        if not _VAR.fullmatch(name):
            raise QueryError(f"invalid parameter name {name!r}")
    row = " ".join("UNDEF" if (t := to_term(bindings[n])) is None else str(t) for n in names)
    return "VALUES (" + " ".join("?" + n for n in names) + ") { (" + row + ") }"


def bind(sparql: str, bindings: Mapping[str, object], outer: str = "") -> str:
    """The query with ``bindings`` joined into its outermost WHERE group and into the WHERE group
    of every sub-query (a sub-query does not see its parent's bindings), and ``outer`` (more
    VALUES blocks) into the outermost group only."""
    if not bindings and not outer:
        return sparql
    block = " " + values_block(bindings) + " " if bindings else " "  # no new lines: positions stay
    where = _where_brace(sparql)
    for at in sorted({where, *_subquery_braces(sparql)}, reverse=True):
        text = block + outer + " " if at == where and outer else block
        sparql = sparql[: at + 1] + text + sparql[at + 1 :]
    return sparql


def date_values(variable: str, first: dt.date, last: dt.date) -> str:
    """``VALUES ?variable`` listing every date literal from ``first`` to ``last``: each day, and each
    month and year they touch, typed as the knowledge base types dates by precision. Joined to
    ``?event dip:date ?variable`` it makes a date range a set of index lookups instead of a scan
    of every event."""
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    months = sorted({d.isoformat()[:7] for d in days})
    years = sorted({d.isoformat()[:4] for d in days})
    terms = [f'"{d.isoformat()}"^^<{XSD}date>' for d in days]
    terms += [f'"{m}"^^<{XSD}gYearMonth>' for m in months] + [f'"{y}"^^<{XSD}gYear>' for y in years]
    return f"VALUES ?{variable} {{ {' '.join(terms)} }}"


def _subquery_braces(sparql: str) -> list[int]:
    """Offsets of the '{' after each WHERE that follows the first one."""
    tokens = _scan(sparql)
    wheres = [i for i, (kind, word, _) in enumerate(tokens) if kind == "word" and word.upper() == "WHERE"]
    out = []
    for i in wheres[1:]:
        if i + 1 < len(tokens) and tokens[i + 1][0] == "{":
            out.append(tokens[i + 1][2])
    return out


def _where_brace(sparql: str) -> int:
    """Offset of the '{' opening the outermost group pattern (skipping IRIs, strings, comments)."""
    tokens = _scan(sparql)
    form = next((word.upper() for kind, word, _ in tokens if kind == "word" and word.upper()
                 in {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}), None)
    if form is None:
        raise QueryError("parameters can only be bound in SELECT, CONSTRUCT, ASK or DESCRIBE queries")
    seen_where = False
    for kind, word, pos in tokens:
        if kind == "word" and word.upper() == "WHERE":
            seen_where = True
        if kind == "{" and (seen_where or form != "CONSTRUCT"):
            return pos
    raise QueryError("the query has no WHERE group to bind parameters in")


_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      | (?P<iri><[^<>"{}|^`\\\s]*>)
      | (?P<var>[?$]\w+)
      | (?P<pname>[A-Za-z_][\w.-]*:[\w.-]*|:[\w.-]+)
      | (?P<brace>\{)
      | (?P<word>[A-Za-z]+)""",
    re.VERBOSE | re.DOTALL,
)


def _scan(sparql: str) -> list[tuple[str, str, int]]:
    out = []
    for m in _TOKEN.finditer(sparql):
        if m.lastgroup == "brace":
            out.append(("{", "{", m.start()))
        elif m.lastgroup == "word":
            out.append(("word", m.group(), m.start()))
    return out
