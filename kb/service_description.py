"""The SPARQL 1.1 Service Description of ``kb serve``: what a client learns from a plain GET.

Clients such as YASGUI read it to find the result formats and the features on offer
(https://www.w3.org/TR/sparql11-service-description/).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {"sd": SD, "formats": FORMATS, "dcterms": DCTERMS}
TITLE = "DipKB: a knowledge base of diplomatic events"

# media type -> the W3C name of its format
FORMAT_NAMES = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
    "text/turtle": "Turtle",
    "application/n-triples": "N-Triples",
    "application/rdf+xml": "RDF_XML",
    "application/ld+json": "JSON-LD",
}


def describe(endpoint: str, media_types: Iterable[str], *, timeout: float, max_rows: int,
             allowed_services: Collection[str] = ()) -> list[Triple]:
    """The description of the endpoint at ``endpoint`` serving answers in ``media_types``."""
    service = NamedNode(endpoint)
    dataset, default_graph = BlankNode(), BlankNode()

    def sd(name: str) -> NamedNode:
        return NamedNode(SD + name)

    triples = [
        Triple(service, RDF_TYPE, sd("Service")),
        Triple(service, sd("endpoint"), service),
        Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple(service, NamedNode(DCTERMS + "title"), Literal(TITLE)),
        Triple(service, NamedNode(DCTERMS + "description"), Literal(
            f"Read-only: updates are refused. Each query may run {timeout:g} s; answers are cut at "
            f"{max_rows} rows or triples (flagged by the X-SPARQL-MaxRows header)."
            + ("" if allowed_services else " SERVICE clauses (federated queries) are refused."))),
        Triple(service, sd("defaultEntailmentRegime"), NamedNode("http://www.w3.org/ns/entailment/Simple")),
        Triple(service, sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, sd("Dataset")),
        Triple(dataset, sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, sd("Graph")),
        Triple(default_graph, NamedNode(DCTERMS + "description"), Literal(
            "The merged knowledge base: every triple of every article graph, once. Each article's own "
            "facts are in the named graph named by the article's IRI.")),
    ]
    for media in dict.fromkeys(media_types):
        if media in FORMAT_NAMES:
            triples.append(Triple(service, sd("resultFormat"), NamedNode(FORMATS + FORMAT_NAMES[media])))
    if allowed_services:
        triples.append(Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    return triples
