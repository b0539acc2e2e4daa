"""Country names, demonyms and abbreviations to ISO 3166-1 alpha-2 codes.

pycountry alone is not enough: ``lookup("Russia")`` fails (its name is "Russian Federation"),
it knows no demonyms, and its fuzzy search maps "The United States" to the Virgin Islands.
So this module indexes pycountry's exact names plus the table in ``kb/reference/data/countries.json``
and only ever does exact dictionary lookups on a normalised key. The index is built on
first use, not at import, because the extractor imports this module on every run but may
never need it.

Former countries keep their own codes (ISO 3166-3 style): "Soviet Union" -> "SU",
"East Germany" -> "DD", "Yugoslavia" -> "YU", "Czechoslovakia" -> "CS"; a 1987 article
about the Soviet foreign minister must not become a statement by Russia. "West Germany" is
"DE" (the same state continued). Kosovo uses the widely used user-assigned code "XK".
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources

from kb.text import fold

__all__ = ["country_code", "country_forms", "country_name", "is_demonym", "iso3"]

_POSSESSIVE = re.compile(r"(?:'s|')$")
_SPACES = re.compile(r"\s+")
_PARENS = re.compile(r"\s*\([^)]*\)")


def _key(text: str) -> str:
    """The lookup key: folded, no dots, hyphens as spaces, no leading "the", no possessive."""
    key = fold(text).strip()
    key = _POSSESSIVE.sub("", key)
    key = key.replace(".", "").replace("-", " ").replace("\u2013", " ")
    key = _SPACES.sub(" ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def _abbreviation_key(text: str) -> str | None:
    """Capitalised abbreviations ("U.S.", "UK's") without dots; None unless written in capitals."""
    raw = text.strip().replace("\u2019", "'")
    raw = _POSSESSIVE.sub("", raw)
    if raw[:4].lower() == "the ":
        raw = raw[4:]
    raw = raw.replace(".", "").replace(" ", "")
    return raw if raw.isupper() and raw.isalpha() else None


@cache
def _table() -> dict:
    with resources.files("kb.reference").joinpath("data/countries.json").open(encoding="utf-8") as f:
        return json.load(f)


@cache
def _index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Build (names, demonyms, abbreviations), each mapping a key to an alpha-2 code."""
    import pycountry

    table = _table()
    names: dict[str, str] = {}
    derived: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            names.setdefault(_key(value), code)
            # "Korea, Republic of" also gives "Korea"; "Holy See (Vatican City State)" gives "Holy See".
            # Such derived forms are kept only when they point to one country.
            base = _PARENS.sub("", value)
            forms = {base}
            if ", " in base:
                head, tail = base.split(", ", 1)
                forms |= {head, f"{tail} {head}"}
            for form in forms:
                derived.setdefault(_key(form), set()).add(code)
    for key, codes in derived.items():
        if len(codes) == 1:
            names.setdefault(key, next(iter(codes)))
    # The curated table wins over pycountry: "Congo" is the Republic of the Congo, "Korea" is South Korea.
    for code, values in table["names"].items():
        for value in values:
            names[_key(value)] = code
    demonyms = {_key(value): code for code, values in table["demonyms"].items() for value in values}
    abbreviations = {
        value.replace(".", ""): code for code, values in table["abbreviations"].items() for value in values
    }
    return names, demonyms, abbreviations


def _demonym_code(key: str) -> str | None:
    demonyms = _index()[1]
    code = demonyms.get(key)
    if code is None and key.endswith("s"):  # plurals: "Russians", "Saudis", "Filipinos"
        code = demonyms.get(key[:-1])
    return code


@lru_cache(maxsize=65536)
def country_code(text: str) -> str | None:
    """ISO alpha-2 code for a country name, official name, demonym or capitalised abbreviation.

    Exact matches only (after normalising case, accents, "the", dots and possessives):
    a wrong country is worse than none, so there is no fuzzy matching.
    """
    if not text or not text.strip():
        return None
    names, _, abbreviations = _index()
    abbreviation = _abbreviation_key(text)
    if abbreviation is not None and abbreviation in abbreviations:
        return abbreviations[abbreviation]
    key = _key(text)
    return names.get(key) or _demonym_code(key)


@lru_cache(maxsize=4096)
def is_demonym(text: str) -> bool:
    """True for a nationality word ("Russian", "Saudis"), False for a country name ("Russia")."""
    if not text or not text.strip():
        return False
    key = _key(text)
    return key not in _index()[0] and _demonym_code(key) is not None


@lru_cache(maxsize=1024)
def country_name(code: str) -> str:
    """Short common English name ("Russia", not "Russian Federation"); the code itself if unknown."""
    code = code.upper()
    short = _table()["short_names"].get(code)
    if short:
        return short
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    common = getattr(country, "common_name", None)
    if common:
        return common
    name = _PARENS.sub("", country.name)
    return name.split(", ")[0] if ", " in name else name


@lru_cache(maxsize=1024)
def iso3(code: str) -> str | None:
    """ISO alpha-3 code ("RU" -> "RUS", "SU" -> "SUN"), or None when there is none."""
    code = code.upper()
    historic = _table()["historic_alpha3"]
    if code in historic:
        return historic[code]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return country.alpha_3 if country is not None else None


@cache
def country_forms() -> tuple[str, ...]:
    """The names countries are written with ("Russia", "South Korea", "Côte d'Ivoire"), for
    marking them in a text; abbreviations and demonyms are left out."""
    import pycountry

    forms = {value for values in _table()["names"].values() for value in values}
    for country in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                forms.add(value)
    return tuple(sorted(forms))
