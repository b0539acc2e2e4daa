"""The vocabulary and IRI minting: the only place that names RDF terms.

``to_quads(extraction)`` maps one article's extraction to the quads of its named graph.
"""

from kb.rdf.iris import article_iri
from kb.rdf.mapping import to_quads
from kb.rdf.namespaces import DIP, ID, PREFIXES

__all__ = ["DIP", "ID", "PREFIXES", "article_iri", "to_quads"]
