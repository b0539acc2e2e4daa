"""SHACL validation of every article graph against the shapes shipped in kb/ontology/ (pySHACL)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kb import ontology
from kb.rdf.iris import ENCOUNTERS_GRAPH
from kb.store import Store


@dataclass
class Violation:
    graph: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.focus} {self.path}" if self.path else self.focus
        return f"{self.graph}: {where}: {self.message}"


@dataclass
class ValidationReport:
    graphs: int = 0  # article graphs checked
    violations: list[Violation] = field(default_factory=list)
    encounters: bool = False  # the encounters graph was checked too

    @property
    def conforms(self) -> bool:
        return not self.violations


def shapes_graph():
    """The SHACL shapes as an rdflib graph."""
    import rdflib

    return rdflib.Graph().parse(data=ontology.read_text("shapes.ttl"), format="turtle")


def validate(store: Store, graphs: list | None = None) -> ValidationReport:
    """Validate each named graph on its own: one article's facts must stand by themselves.

    By default: every article graph, and the encounters graph when there is one.
    """
    import pyshacl
    import rdflib
    from pyoxigraph import RdfFormat, serialize

    shapes = shapes_graph()
    report = ValidationReport()
    if graphs is None:
        graphs = store.graph_names()
        if store.ask(f"ASK {{ GRAPH {ENCOUNTERS_GRAPH} {{ ?s ?p ?o }} }}"):
            graphs.append(ENCOUNTERS_GRAPH)
    for name in graphs:
        data = rdflib.Graph()
        triples = [q.triple for q in store.quads(name)]
        data.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
        conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                advanced=True, allow_warnings=True)
        if name == ENCOUNTERS_GRAPH:
            report.encounters = True
        else:
            report.graphs += 1
        if conforms:
            continue
        sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
        for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
            severity = results.value(result, sh.resultSeverity)
            if severity is not None and severity != sh.Violation:
                continue
            report.violations.append(Violation(
                graph=name.value,
                focus=str(results.value(result, sh.focusNode)),
                path=str(results.value(result, sh.resultPath) or ""),
                message=str(results.value(result, sh.resultMessage) or "constraint violated"),
            ))
    return report
