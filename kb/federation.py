"""The remote endpoints a query's SERVICE clauses would call, and refusing those not allowed.

A SPARQL engine runs ``SERVICE <iri> { ... }`` by sending part of the query to that address, so a
query written by someone else could make the program connect to internal services or other hosts.
The check reads the parsed query (rdflib's SPARQL 1.1 parser: the grammar Oxigraph implements),
so letter case, ``SILENT``, comments, strings, prefixed names, ``BASE`` and ``\\u`` escapes count
exactly as the engine counts them, and a SERVICE nested anywhere (sub-queries, OPTIONAL, UNION,
MINUS, GRAPH, FILTER EXISTS) is found. A query that cannot be parsed is refused too.

Parsing costs milliseconds, so it runs only when the query could hold the keyword at all: its
text, case-folded, contains ``service`` or a ``\\u`` escape (the only way to spell the keyword
without its letters).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from kb.errors import QueryError
from kb.text import first_line

_PARSING = threading.Lock()  # the parser's grammar objects are shared: one parse at a time


class ServiceRefused(QueryError):
    """A query would call an endpoint the operator did not allow (or could not be checked)."""


@dataclass(frozen=True)
class Service:
    """One SERVICE clause: its endpoint IRI, or the variable naming it."""

    iri: str | None
    variable: str | None = None
    silent: bool = False

    def __str__(self) -> str:
        return f"SERVICE {'SILENT ' if self.silent else ''}" + (f"?{self.variable}" if self.iri is None
                                                                 else f"<{self.iri}>")


def might_call_services(sparql: str) -> bool:
    """False when the text cannot hold a SERVICE keyword; True means it must be parsed to tell."""
    folded = sparql.casefold()
    return "service" in folded or "\\u" in folded


def services(sparql: str) -> list[Service]:
    """Every SERVICE clause of the query, in the order written; raises ``ServiceRefused`` if it
    cannot be parsed (it is then refused: what cannot be read cannot be vouched for)."""
    if not might_call_services(sparql):
        return []
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.algebra import translatePrologue
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes
    from rdflib.term import Variable

    try:
        prologue_part, query_part = _on_a_fresh_stack(_parse, expandUnicodeEscapes(sparql))
        prologue = translatePrologue(prologue_part, None)
    except ParseBaseException as exc:
        raise ServiceRefused(f"invalid SPARQL query (line {exc.lineno}, column {exc.col}): "
                             f"{first_line(exc.msg, 300, 'unreadable')}") from None
    except RecursionError:
        raise ServiceRefused("query refused: nested too deeply to check it for SERVICE clauses") from None
    except Exception as exc:  # rdflib reports a few problems (an unknown prefix, say) as plain exceptions
        raise ServiceRefused(f"invalid SPARQL query: {first_line(exc, 300, 'unreadable')}") from None
    found = []
    for node in _nodes(query_part):
        term = dict.get(node, "term")
        silent = bool(dict.get(node, "silent"))
        if isinstance(term, Variable):
            found.append(Service(None, str(term), silent))
            continue
        try:
            iri = prologue.absolutize(term)
        except Exception as exc:
            raise ServiceRefused(f"invalid SPARQL query: {first_line(exc, 300, 'unreadable')}") from None
        found.append(Service(str(iri), None, silent))
    return found


def check_services(sparql: str, allowed: Collection[str] = (), hint: str = "") -> None:
    """Raise ``ServiceRefused`` unless every SERVICE clause names one of the ``allowed`` endpoints.

    A variable endpoint is always refused: which address it would call is only known while the
    query runs. ``hint`` is added to the message (how this caller's operator allows an endpoint).
    """
    for service in services(sparql):
        if service.iri is not None and service.iri in allowed:
            continue
        why = ("the endpoint must be named, not a variable" if service.iri is None
               else "federated queries are not allowed here" if not allowed
               else f"only {', '.join(f'<{a}>' for a in sorted(allowed))} may be called")
        raise ServiceRefused(f"{service} refused: {why}" + (f" ({hint})" if hint else ""))


_SERVICE_NODE = "ServiceClause"


def _parse(sparql: str):
    with _PARSING:
        return _grammar().parse_string(sparql, parse_all=True)


def _on_a_fresh_stack(function, *args):
    """``function(*args)`` in a thread of its own, raising what it raised.

    The parser recurses a few hundred calls deep on ordinary queries (and copying the grammar,
    once, some 800): from a caller already deep in its stack, a notebook's widget callback say,
    that would pass Python's recursion limit. A new thread starts with the whole limit to spend.
    """
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((True, function(*args)))
        except BaseException as exc:
            outcome.append((False, exc))

    thread = threading.Thread(target=run, name="kb-sparql-parse", daemon=True)
    thread.start()
    thread.join()
    ok, value = outcome[0]
    if not ok:
        raise value
    return value


@functools.cache
def _grammar():
    """rdflib's SPARQL query grammar, copied, without the copy of the text it keeps for each SERVICE.

    rdflib's own ServiceGraphPattern node searches the whole query again for its text (to send it
    to the endpoint when rdflib runs the query). That search recurses without end on a SERVICE
    inside a SERVICE, and it reads a ``#`` inside an IRI as a comment, so that a one-line query
    with ``PREFIX rdfs: <...#>`` and a SERVICE does not parse. The search runs only for a node
    of that name: renamed in a private copy of the grammar, the node parses like any other.
    """
    import copy

    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.parserutils import Comp

    grammar = copy.deepcopy(parser.Query)
    seen, stack, renamed = set(), [grammar], 0
    while stack:
        element = stack.pop()
        if id(element) in seen:
            continue
        seen.add(id(element))
        if isinstance(element, Comp) and element.name == "ServiceGraphPattern":
            element.set_name(_SERVICE_NODE)
            renamed += 1
        for child in [getattr(element, "expr", None), *getattr(element, "exprs", ())]:
            if child is not None:
                stack.append(child)
    if renamed != 1:
        raise RuntimeError(f"rdflib's SPARQL grammar changed: {renamed} SERVICE elements found")
    return grammar


def _nodes(tree) -> Iterator[dict]:
    """Every ServiceGraphPattern node of a parse tree, wherever it is nested (no recursion)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == _SERVICE_NODE:
                yield item
            stack.extend(reversed(list(dict.values(item))))
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(reversed(list(item)))


__all__ = ["Service", "ServiceRefused", "check_services", "might_call_services", "services"]
