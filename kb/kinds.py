"""The table of event kinds that every layer reads: extraction, RDF, queries, evaluation, widgets.

A kind is one row: its name (the value of ``dip:kind``, used in IRIs, tables and filters), its
ontology class, a label for people, the kind whose extraction rules it follows, its PLOVER mode
and CAMEO code (``kb.coding`` refines them with what the text says: planned, hosted, at a third
location), and the words that make an encounter of its base kind one of this kind.

Adding a kind is adding a row (``KINDS.add``, or a line in ``_BUILT_IN``) with its trigger words;
the built-in kinds are their own base, a new kind ("summit") follows the rules of an existing
one ("meeting") and is told apart by its words.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

ONTOLOGY = "https://w3id.org/dipkb/ontology#"


@dataclass(frozen=True)
class Kind:
    name: str  # "phone_call"
    cls: str  # the local name of its class in the dip: namespace, "PhoneCall"
    label: str  # "phone call"
    base: str  # the built-in kind whose extraction rules it follows (itself for a built-in kind)
    cameo: str  # the CAMEO code of an occurred encounter of this kind ("041")
    plover_mode: str | None = None  # the PLOVER CONSULT mode ("phone"); None when it has none
    triggers: frozenset[str] = field(default_factory=frozenset)  # lemmas that make a base encounter this kind

    @property
    def iri(self) -> str:
        return ONTOLOGY + self.cls


_BUILT_IN = (
    Kind("meeting", "Meeting", "meeting", "meeting", "040"),
    Kind("phone_call", "PhoneCall", "phone call", "phone_call", "041", "phone"),
    Kind("visit", "Visit", "visit", "visit", "042", "visit"),
    Kind("invitation", "Invitation", "invitation", "invitation", "036"),
)


class KindTable(Mapping[str, Kind]):
    """The kinds by name, in table order; live, so views taken of it see kinds added later."""

    def __init__(self, kinds: tuple[Kind, ...]):
        self._kinds: dict[str, Kind] = {}
        for kind in kinds:
            self.add(kind)

    def __getitem__(self, name: str) -> Kind:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def add(self, kind: Kind) -> None:
        if kind.name in self._kinds:
            raise ValueError(f"event kind '{kind.name}' is already in the table")
        if kind.base != kind.name and kind.base not in self._kinds:
            raise ValueError(f"event kind '{kind.name}': its base '{kind.base}' is not in the table")
        if any(k.cls == kind.cls for k in self._kinds.values()):
            raise ValueError(f"event kind '{kind.name}': the class dip:{kind.cls} already has a kind")
        self._kinds[kind.name] = kind

    def remove(self, name: str) -> None:
        if any(k.base == name and k.name != name for k in self._kinds.values()):
            raise ValueError(f"event kind '{name}' is the base of another kind")
        del self._kinds[name]

    @contextmanager
    def extended(self, *kinds: Kind):
        """The table with ``kinds`` added, for as long as the block runs."""
        for kind in kinds:
            self.add(kind)
        try:
            yield self
        finally:
            for kind in reversed(kinds):
                self._kinds.pop(kind.name, None)

    def names(self) -> tuple[str, ...]:
        return tuple(self._kinds)

    def by_class(self, iri: str) -> Kind | None:
        """The kind whose class has this IRI."""
        return next((k for k in self._kinds.values() if k.iri == iri), None)

    def base(self, name: str) -> str:
        """The built-in kind ``name`` follows (``name`` itself for a built-in kind or an unknown one)."""
        kind = self._kinds.get(name)
        return kind.base if kind is not None else name

    def trigger_base(self, lemma: str) -> str | None:
        """The base kind of a kind that ``lemma`` triggers ("summit" -> "meeting"), or None."""
        kind = self.refined(None, lemma)
        return kind.base if kind is not None else None

    def refined(self, base: str | None, lemma: str | None) -> Kind | None:
        """The kind that ``lemma`` makes an encounter of kind ``base`` (any base when None)."""
        if not lemma:
            return None
        for kind in self._kinds.values():
            if kind.name != kind.base and lemma in kind.triggers and base in (None, kind.base):
                return kind
        return None


KINDS = KindTable(_BUILT_IN)


class Labels(Mapping[str, str]):
    """Kind name -> label, read from the live table."""

    def __getitem__(self, name: str) -> str:
        return KINDS[name].label

    def __iter__(self) -> Iterator[str]:
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


LABELS = Labels()


class Names(Sequence[str]):
    """The kinds' names in table order, read from the live table (an ordered sequence, as
    widgets' choices and test strategies need)."""

    def __getitem__(self, index):
        return KINDS.names()[index]

    def __len__(self) -> int:
        return len(KINDS)

    def __contains__(self, name: object) -> bool:
        return name in KINDS


NAMES = Names()
