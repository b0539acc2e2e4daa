"""Writing a ``Result`` in the W3C SPARQL results formats (JSON, XML, CSV, TSV) and graphs in RDF syntaxes.

Answers come from any backend as ``kb.results.Result``, so they are written here rather than by
the backend's own serialiser. Graphs (CONSTRUCT, DESCRIBE) are written by pyoxigraph's RDF
serialisers; the four results formats are short W3C texts, written with ``json``, ``csv`` and
``xml.sax.saxutils`` as the specifications lay them out.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import XMLGenerator

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from kb.results import Result, Term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULTS_NS = "http://www.w3.org/2005/sparql-results#"

RESULT_TYPES = {  # media type -> writer, for SELECT and ASK answers
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # media type -> RDF syntax, for CONSTRUCT and DESCRIBE answers
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}


def serialize(result: Result, media_type: str) -> bytes:
    """``result`` as ``media_type`` (a key of ``RESULT_TYPES`` or, for graphs, of ``GRAPH_TYPES``)."""
    if result.triples is not None:
        return graph_bytes(result.triples, GRAPH_TYPES[media_type])
    return _WRITERS[RESULT_TYPES[media_type]](result)


def graph_bytes(triples: list[Triple], fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in an RDF syntax; Turtle uses the DipKB prefixes (and ``prefixes``) to stay readable."""
    import pyoxigraph

    from kb.rdf.namespaces import PREFIXES

    chosen = {**PREFIXES, **(prefixes or {})} if fmt == RdfFormat.TURTLE else None
    return pyoxigraph.serialize(triples, format=fmt, prefixes=chosen) or b""


def _json(result: Result) -> bytes:
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}).encode()
    bindings = [{name: _json_term(term) for name, term in zip(result.columns, row, strict=True)
                 if term is not None} for row in result.terms]
    return json.dumps({"head": {"vars": result.columns}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode()


def _json_term(term: Term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _xml(result: Result) -> bytes:
    out = io.BytesIO()
    xml = XMLGenerator(out, encoding="utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement("sparql", {"xmlns": RESULTS_NS})
    xml.startElement("head", {})
    for name in result.columns if result.boolean is None else ():
        xml.startElement("variable", {"name": name})
        xml.endElement("variable")
    xml.endElement("head")
    if result.boolean is not None:
        _element(xml, "boolean", "true" if result.boolean else "false")
    else:
        xml.startElement("results", {})
        for row in result.terms:
            xml.startElement("result", {})
            for name, term in zip(result.columns, row, strict=True):
                if term is not None:
                    xml.startElement("binding", {"name": name})
                    _xml_term(xml, term)
                    xml.endElement("binding")
            xml.endElement("result")
        xml.endElement("results")
    xml.endElement("sparql")
    xml.endDocument()
    return out.getvalue()


def _xml_term(xml: XMLGenerator, term: Term) -> None:
    if isinstance(term, NamedNode):
        _element(xml, "uri", term.value)
    elif isinstance(term, BlankNode):
        _element(xml, "bnode", term.value)
    elif isinstance(term, Literal):
        attrs = {"xml:lang": term.language} if term.language else (
            {"datatype": term.datatype.value} if term.datatype.value != XSD_STRING else {})
        _element(xml, "literal", term.value, attrs)
    else:
        xml.startElement("triple", {})
        for part in ("subject", "predicate", "object"):
            xml.startElement(part, {})
            _xml_term(xml, getattr(term, part))
            xml.endElement(part)
        xml.endElement("triple")


def _element(xml: XMLGenerator, name: str, text: str, attrs: dict[str, str] | None = None) -> None:
    xml.startElement(name, attrs or {})
    xml.characters(text)
    xml.endElement(name)


def _csv(result: Result) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.boolean is not None:
        writer.writerows([["_askResult"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.columns)
        writer.writerows([_csv_term(t) for t in row] for row in result.terms)
    return out.getvalue().encode()


def _csv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)


def _tsv(result: Result) -> bytes:
    """Terms in their N-Triples form (``str`` of a term), as the TSV results format says."""
    if result.boolean is not None:
        return b"_askResult\n" + (b"true\n" if result.boolean else b"false\n")
    lines = ["\t".join("?" + c for c in result.columns)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.terms]
    return ("\n".join(lines) + "\n").encode()


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}
