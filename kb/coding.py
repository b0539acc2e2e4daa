"""PLOVER and CAMEO codes of an event, from its kind and what the text says of it.

Every DipKB event is a PLOVER ``CONSULT``. Its kind gives the mode and the CAMEO code of an
occurred encounter (``kb.kinds``); the text refines them:

- planned encounters and invitations: CAMEO 036 (express intent to meet), PLOVER context "future";
- a meeting with a named host: CAMEO 043 (host a visit), mode "visit", the hosts as CAMEO source
  and the guests as target;
- a meeting in a country none of its participants is from: CAMEO 044, mode "third-party";
- a meeting of people from three or more countries: mode "multilateral";
- a meeting reported as negotiations ("negotiated", "negotiations"): CAMEO 046;
- a visit: CAMEO 042, the visitors (its guests) as source, the host or the country visited as target.

Without hosts and guests the source is the first party named and the target the others.
The concepts are in ``ontology/codes.ttl``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kb.kinds import KINDS
from kb.model import Event

PLOVER = "https://w3id.org/dipkb/codes/plover/"
CAMEO = "https://w3id.org/dipkb/codes/cameo/"
NEGOTIATION_WORDS = frozenset({"negotiate", "negotiation", "negotiations"})


@dataclass(frozen=True)
class Coding:
    plover: str  # "CONSULT"
    plover_mode: str | None  # "phone", "visit", "third-party", "multilateral"
    plover_context: str | None  # "future"
    cameo: str  # "041"
    source: tuple[str, ...]  # ISO alpha-2 codes of the CAMEO source's countries
    target: tuple[str, ...]

    @property
    def iris(self) -> dict[str, str | None]:
        """The concept IRIs of the codes."""
        return {
            "plover": PLOVER + self.plover,
            "plover_mode": PLOVER + "mode-" + self.plover_mode if self.plover_mode else None,
            "plover_context": PLOVER + "context-" + self.plover_context if self.plover_context else None,
            "cameo": CAMEO + self.cameo,
        }


def code_event(event: Event, countries: Mapping[str, str | None]) -> Coding:
    """The codes of ``event``; ``countries`` gives each participant's (person key's) country."""
    kind = KINDS.get(event.kind)
    base = kind.base if kind else event.kind
    cameo = kind.cameo if kind else "040"
    mode = kind.plover_mode if kind else None
    context = None

    def of(keys) -> list[str]:
        return list(dict.fromkeys(c for c in (countries.get(k) for k in keys) if c))

    parties = of(event.participants) if event.participants else list(dict.fromkeys(event.actors))
    place = event.place.country if event.place else None
    if event.hosts and event.guests and base == "visit":  # the visitor makes the visit
        source, target = of(event.guests), of(event.hosts)
    elif event.hosts and event.guests:
        source, target = of(event.hosts), of(event.guests)
    elif base == "visit":
        source = parties
        target = [place] if place else []
    else:
        source, target = parties[:1], parties[1:]
    target = [c for c in target if c not in source] or ([] if base != "visit" else target)

    if base == "meeting":
        third = bool(place and parties and place not in parties and _all_known(event, countries))
        if event.hosts and event.guests:
            cameo, mode = "043", "visit"
        elif third:
            cameo, mode = "044", "third-party"
        if len(parties) >= 3 and not event.hosts:
            mode = "multilateral"
        if event.trigger in NEGOTIATION_WORDS:
            cameo = "046"
    if base == "visit" and place and place in source:
        target = []  # a trip at home is no visit to another state
    if event.status == "planned" or base == "invitation":
        cameo, context = "036", "future"
    return Coding("CONSULT", mode, context, cameo, tuple(source), tuple(target))


# CAMEO's country codes are ISO 3166-1 alpha-3 but for the states ISO has no code for.
_CAMEO_COUNTRIES = {"XK": "KSV"}


def cameo_country(code: str) -> str | None:
    """The CAMEO actor code of a country ("RU" -> "RUS", "XK" -> "KSV"), or None when there is none."""
    from kb.reference.countries import iso3

    code = code.upper()
    if code in _CAMEO_COUNTRIES:
        return _CAMEO_COUNTRIES[code]
    code3 = iso3(code)
    return code3 if code3 and code3.isalpha() and len(code3) == 3 else None


def _all_known(event: Event, countries: Mapping[str, str | None]) -> bool:
    """Whether every party's country is known (a state named as a party is its own country)."""
    return not event.participants or all(countries.get(k) for k in event.participants)
