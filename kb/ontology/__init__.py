"""The published OWL ontology and SHACL shapes, shipped inside the package.

They are read through ``importlib.resources``, so validation works from an installed wheel as
from a checkout. ``ontology/`` at the top of the repository holds the same files for reading
(a test keeps the two byte for byte equal).
"""

from __future__ import annotations

from importlib import resources

from kb.errors import ConfigError

FILES = ("dipkb.ttl", "shapes.ttl", "codes.ttl")


def read_text(name: str) -> str:
    """The text of one of ``FILES``."""
    if name not in FILES:
        raise ConfigError(f"{name}: not one of the ontology files ({', '.join(FILES)})")
    resource = resources.files(__package__).joinpath(name)
    try:
        return resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{resource}: ontology file missing from the installed package") from None
