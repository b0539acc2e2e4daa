"""A gazetteer of known people: canonical names, aliases, offices, countries, Wikidata IDs.

News names the same person many ways ("Sergei Lavrov", "Sergey Lavrov", "Lavrov"); the
gazetteer maps them all to one entry so that one person gets one key across articles, and
links well-known people to Wikidata. Two lists are packaged:

- ``kb/reference/data/gazetteer.json``, made by hand: leaders and foreign ministers of major countries
  since the 1980s. Its entries are *curated*: a surname alone may find a person in the text.
- ``kb/reference/data/officeholders.json``: 7,702 heads of state and government, deputies, ambassadors,
  foreign ministers and heads of international organisations, 1990-2025, with dated offices
  (CIA World Factbook, public domain; Wikidata, CC0). Their full names find people; their
  surnames only resolve a mention already found, and only among those in office on the
  story's day, since many surnames are ordinary words ("Said", "May", "Rice").

Users add or correct entries with their own JSON files in the same format::

    [{"name": "Vladimir Putin", "aliases": ["Putin"], "title": "President",
      "country": "RU", "wikidata": "Q7747",
      "offices": [{"title": "President of Russia", "country": "RU", "start": "2012-05-07"}]}]

A user entry whose name matches a packaged one (after ``kb.text.normalise_name``) overrides the
fields it gives and adds its aliases; any other entry is added. User entries are curated.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from kb.errors import ConfigError
from kb.text import normalise_name

__all__ = ["COMMON_SURNAMES", "Entry", "Gazetteer", "Office"]

_FIELDS = {"name", "aliases", "title", "country", "wikidata", "offices"}
_OFFICE_FIELDS = {"title", "country", "start", "end"}
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_QID = re.compile(r"^Q[1-9]\d*$")
# Surnames so common that one alone never identifies a person, even when the gazetteer has one.
COMMON_SURNAMES = frozenset(
    {
        "khan",
        "singh",
        "kim",
        "lee",
        "li",
        "wang",
        "zhang",
        "chen",
        "liu",
        "ali",
        "ahmed",
        "mohammed",
        "muhammad",
        "smith",
        "johnson",
        "brown",
        "jones",
        "williams",
        "nguyen",
        "park",
    }
)
_SAME_STATE = {("RU", "SU"), ("SU", "RU")}


@dataclass(frozen=True)
class Office:
    """An office held, with the dates known (ISO, as precise as the source gives)."""

    title: str
    country: str | None = None
    start: str | None = None
    end: str | None = None

    def held_on(self, day: date) -> bool:
        """Whether the office was held on ``day``; an open or unknown end counts as still held."""
        when = day.isoformat()
        started = self.start is None or self.start[: len(when)] <= when
        ended = self.end is not None and self.end < when[: len(self.end)]
        return started and not ended


@dataclass(frozen=True)
class Entry:
    """One known person. ``title`` is the office they are best known for."""

    name: str
    aliases: tuple[str, ...] = ()
    title: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 ("SU" for the Soviet Union, "EU" for EU offices)
    wikidata: str | None = None  # a Q-identifier, only where certain
    offices: tuple[Office, ...] = ()
    curated: bool = True  # checked by hand: a surname alone may find this person in a text

    def in_office(self, day: date | None) -> bool:
        """Whether the person held one of their dated offices on ``day`` (True when nothing is known)."""
        if day is None or not self.offices:
            return True
        return any(office.held_on(day) for office in self.offices)

    @property
    def forms(self) -> tuple[str, ...]:
        """Every written form of the name: the name and its aliases."""
        return (self.name, *self.aliases)


class Gazetteer:
    """Exact, normalised lookups of people by full name, alias or unambiguous surname."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._by_name: dict[str, Entry] = {}
        self._by_alias: dict[str, list[Entry]] = {}
        self._by_surname: dict[str, list[Entry]] = {}
        for entry in self.entries:
            self._by_name.setdefault(normalise_name(entry.name), entry)
            for form in (entry.name, *entry.aliases):
                tokens = normalise_name(form).split()
                if not tokens:
                    continue
                if len(tokens) > 1 or entry.curated:  # an office-holder's surname only resolves
                    _add(self._by_alias, " ".join(tokens), entry)
                if len(tokens) == 1:  # a one-word alias is how the person is called alone ("Xi", "Lula")
                    _add(self._by_surname, tokens[0], entry)
                for i in range(1, len(tokens)):  # "Putin", "bin Salman", "de Cuellar"
                    suffix = " ".join(tokens[i:])
                    if len(suffix) >= 3:  # not "un" from "Kim Jong Un"
                        _add(self._by_surname, suffix, entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def lookup(self, name: str) -> Entry | None:
        """The entry whose name or alias is ``name`` (normalised); None if none or several.

        A curated entry wins over office-holders that share the form.
        """
        key = normalise_name(name)
        if not key:
            return None
        entry = self._by_name.get(key)
        if entry is not None:
            return entry
        return _one(self._by_alias.get(key, ()))

    def lookup_surname(
        self, surname: str, country: str | None = None, on: date | None = None, finding: bool = False
    ) -> Entry | None:
        """The one entry with this surname (in this country, if given); None when ambiguous.

        "Bush" or "Gandhi" name two entries and so give None: a wrong person is worse than none.
        Office-holders count only when they held an office ``on`` the story's day, and never
        when ``finding`` a person in the text rather than resolving a mention already found.
        """
        key = normalise_name(surname)
        if not key or key in COMMON_SURNAMES:
            return None
        candidates = self._by_surname.get(key, [])
        if country:
            country = country.upper()
            candidates = [
                e
                for e in candidates
                if e.country is None or e.country == country or (e.country, country) in _SAME_STATE
            ]
        if finding:
            candidates = [e for e in candidates if e.curated]
        else:
            candidates = [e for e in candidates if e.curated or (on is not None and e.in_office(on))]
        return _one(candidates)

    @classmethod
    def load(cls, paths: Iterable[Path | str] | None = None) -> Gazetteer:
        """The packaged gazetteer extended by the user files in ``paths``, read once and cached.

        The cache is keyed on each file's modification time and size, so an edited file is
        read again. A missing or malformed file raises ConfigError naming it.
        """
        files = tuple(Path(p) for p in paths or ())
        stamps = []
        for path in files:
            try:
                stat = path.stat()
            except OSError as exc:
                raise ConfigError(f"gazetteer file {path}: cannot read it ({exc.strerror or exc})") from None
            stamps.append((str(path.resolve()), stat.st_mtime_ns, stat.st_size))
        key = tuple(stamps)
        cached = _CACHE.get(key)
        if cached is None:
            curated = _merge([_packaged(), *(_read_file(p) for p in files)])
            cached = _CACHE[key] = cls(_with_officeholders(curated, _officeholders()))
        return cached


_CACHE: dict[tuple, Gazetteer] = {}


def _add(index: dict[str, list[Entry]], key: str, entry: Entry) -> None:
    entries = index.setdefault(key, [])
    if entry not in entries:
        entries.append(entry)


def _one(entries) -> Entry | None:
    """The entry meant, if only one can be: a single curated one, else a single one."""
    curated = [e for e in entries if e.curated]
    if len(curated) == 1:
        return curated[0]
    return entries[0] if len(entries) == 1 else None


def _packaged() -> list[dict[str, Any]]:
    source = resources.files("kb.reference").joinpath("data/gazetteer.json")
    return _parse(source.read_text(encoding="utf-8"), "packaged gazetteer kb/reference/data/gazetteer.json")


def _officeholders() -> list[Entry]:
    """The packaged office-holders, their names cleaned of the sources' notes and nicknames."""
    source = resources.files("kb.reference").joinpath("data/officeholders.json")
    rows = _parse(source.read_text(encoding="utf-8"), "packaged list kb/reference/data/officeholders.json")
    return [_officeholder(row) for row in rows]


_NOTE = re.compile(r"\[[^\]]*\]|\([^)]*\)?|\)|`|^[A-Z][a-z]+s: ")  # "[Interim]", "(acting)", "Premiers: "
_NICKNAME = re.compile(r'\s*"([^"]+)"\s*')
_INTERNATIONAL = "XX"  # the list's code for an international organisation, which has no country


def _officeholder(row: dict[str, Any]) -> Entry:
    name = " ".join(_NOTE.sub(" ", row["name"]).split())
    aliases = [" ".join(_NOTE.sub(" ", a).split()) for a in row.get("aliases", [])]
    nickname = _NICKNAME.search(name)
    if nickname:  # 'Anthony John "Tony" Abbott' is "Anthony John Abbott", called "Tony Abbott"
        name = " ".join(_NICKNAME.sub(" ", name).split())
        aliases.append(f"{nickname.group(1).strip().title()} {name.split()[-1]}")
    aliases = [a.replace('"', "") for a in aliases]
    offices = tuple(
        Office(o["title"], _country(o.get("country")), o.get("start"), o.get("end"))
        for o in row.get("offices", [])
    )
    return Entry(
        name=name,
        aliases=tuple(a for a in dict.fromkeys(aliases) if a and a != name),
        title=row.get("title") or None,
        country=_country(row.get("country")),
        wikidata=row.get("wikidata") or None,
        offices=offices,
        curated=False,
    )


def _country(code: str | None) -> str | None:
    return None if not code or code == _INTERNATIONAL else code


def _with_officeholders(curated: list[Entry], officeholders: list[Entry]) -> list[Entry]:
    """Office-holders who are already curated entries give them their offices; the rest are added."""
    by_form: dict[str, list[int]] = {}
    for i, entry in enumerate(curated):
        for form in entry.forms:
            key = normalise_name(form)
            if len(key.split()) >= 2:
                by_form.setdefault(key, []).append(i)
    merged = list(curated)
    added: list[Entry] = []
    ends: dict[tuple[str, str], set[int]] = {}  # (first, last) name word -> curated entries
    lasts: dict[str, set[int]] = {}  # last name word -> curated entries
    for i, entry in enumerate(curated):
        for form in entry.forms:
            words = normalise_name(form).split()
            if words:
                lasts.setdefault(words[-1], set()).add(i)
            if len(words) >= 2:
                ends.setdefault((words[0], words[-1]), set()).add(i)

    def compatible(i: int, holder: Entry) -> bool:
        country = curated[i].country
        return (
            country is None
            or holder.country is None
            or country == holder.country
            or ((country, holder.country) in _SAME_STATE)
        )

    for holder in officeholders:
        matches = {
            i for form in holder.forms for i in by_form.get(normalise_name(form), ()) if compatible(i, holder)
        }
        if not matches:  # "George Bush" may be one of two curated Bushes: then neither is added
            words = normalise_name(holder.name).split()
            namesakes = (
                {i for i in ends.get((words[0], words[-1]), ()) if compatible(i, holder)} if words else set()
            )
            if len(namesakes) > 1:
                continue
            matches = namesakes
        if len(matches) == 1:
            i = matches.pop()
            known = {normalise_name(f) for f in merged[i].forms}

            def unambiguous(form: str, i: int = i) -> bool:  # "George Bush", "Bush": two curated people
                words = normalise_name(form).split()
                if len(words) == 1:
                    return lasts.get(words[0], {i}) <= {i}
                return ends.get((words[0], words[-1]), {i}) <= {i}

            new_aliases = [f for f in holder.forms if normalise_name(f) not in known and unambiguous(f)]
            merged[i] = dataclasses.replace(
                merged[i],
                aliases=merged[i].aliases + tuple(dict.fromkeys(new_aliases)),
                offices=merged[i].offices + holder.offices,
            )
        else:
            added.append(holder)
    return merged + added


def _read_file(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"gazetteer file {path}: cannot read it ({exc})") from None
    return _parse(text, f"gazetteer file {path}")


def _parse(text: str, where: str) -> list[dict[str, Any]]:
    """Check one file's entries; keep only the fields each gives, so overrides can be partial."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, list):
        raise ConfigError(f"{where}: expected a JSON list of entries, found {type(data).__name__}")
    rows = []
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: entry {i} is not an object")
        name = item.get("name")
        if not isinstance(name, str) or not normalise_name(name):
            raise ConfigError(f'{where}: entry {i} needs a non-empty "name"')
        label = f"entry {i} ({name})"
        unknown = sorted(set(item) - _FIELDS)
        if unknown:
            raise ConfigError(
                f"{where}: {label} has unknown field {unknown[0]!r}; allowed: {', '.join(sorted(_FIELDS))}"
            )
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f'{where}: {label}: "aliases" must be a list of strings')
        for field in ("title", "country", "wikidata"):
            if item.get(field) is not None and not isinstance(item[field], str):
                raise ConfigError(f'{where}: {label}: "{field}" must be a string or null')
        if item.get("country") and not _COUNTRY.match(item["country"]):
            raise ConfigError(
                f'{where}: {label}: "country" must be a two-letter code like "RU", not {item["country"]!r}'
            )
        offices = item.get("offices", [])
        if not isinstance(offices, list) or not all(_office_ok(o) for o in offices):
            raise ConfigError(
                f'{where}: {label}: "offices" must be a list of {{"title", "country", "start", "end"}} '
                "objects with dates as YYYY, YYYY-MM or YYYY-MM-DD"
            )
        if item.get("wikidata") and not _QID.match(item["wikidata"]):
            raise ConfigError(
                f'{where}: {label}: "wikidata" must look like "Q7747", not {item["wikidata"]!r}'
            )
        rows.append(item)
    return rows


def _office_ok(office: Any) -> bool:
    if (
        not isinstance(office, dict)
        or not isinstance(office.get("title"), str)
        or set(office) - _OFFICE_FIELDS
    ):
        return False
    dates = [office.get(k) for k in ("start", "end") if office.get(k) is not None]
    return all(isinstance(d, str) and _PARTIAL_DATE.match(d) for d in dates)


def _merge(sources: list[list[dict[str, Any]]]) -> list[Entry]:
    """Later sources override earlier ones field by field; aliases accumulate."""
    merged: dict[str, dict[str, Any]] = {}
    for rows in sources:
        for row in rows:
            key = normalise_name(row["name"])
            current = merged.get(key)
            if current is None:
                merged[key] = {**row, "aliases": list(row.get("aliases", []))}
                continue
            known = {normalise_name(a) for a in current["aliases"]} | {key}
            for alias in row.get("aliases", []):
                if normalise_name(alias) not in known:
                    current["aliases"].append(alias)
                    known.add(normalise_name(alias))
            for field in ("title", "country", "wikidata", "offices"):
                if field in row:
                    current[field] = row[field]
    return [
        Entry(
            name=row["name"],
            aliases=tuple(row["aliases"]),
            title=row.get("title") or None,
            country=row.get("country") or None,
            wikidata=row.get("wikidata") or None,
            offices=tuple(
                Office(o["title"], o.get("country"), o.get("start"), o.get("end"))
                for o in row.get("offices", [])
            ),
        )
        for row in merged.values()
    ]
