"""Namespaces of the public vocabulary (see ontology/dipkb.ttl) as pyoxigraph terms."""

from __future__ import annotations

from pyoxigraph import NamedNode


class Namespace:
    """A namespace IRI; attribute or item access gives the NamedNode of a term.

    Not a ``str`` subclass: ``DIP.title`` must be the term, not ``str.title``.
    """

    __slots__ = ("_iri",)

    def __init__(self, iri: str):
        self._iri = iri

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        return NamedNode(self._iri + name)

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self._iri + name)

    def __str__(self) -> str:
        return self._iri


DIP = Namespace("https://w3id.org/dipkb/ontology#")
ID = Namespace("https://w3id.org/dipkb/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OA = Namespace("http://www.w3.org/ns/oa#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
WD = Namespace("http://www.wikidata.org/entity/")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEONAMES = Namespace("https://sws.geonames.org/")

PREFIXES: dict[str, str] = {
    "dip": str(DIP),
    "id": str(ID),
    "sem": str(SEM),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "oa": str(OA),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
    "wgs84": str(WGS84),
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace, so queries can use the short names."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
