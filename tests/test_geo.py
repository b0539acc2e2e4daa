"""Places on the map: GeoNames ids and coordinates for cities, venues and countries, in the RDF and
the events table; people from the gazetteer keep their Wikidata id."""

from __future__ import annotations

import pytest

from kb.model import Place
from kb.reference.places import locate


@pytest.mark.parametrize(("place", "geonames_id", "city"), [
    (Place("Kremlin", "RU"), 524901, "Moscow"),
    (Place("White House", "US"), 4140963, "Washington"),
    (Place("Diaoyutai State Guesthouse", None), 1816670, "Beijing"),
    (Place("Antalya", "TR"), 323777, None),
    (Place("Washington", "US"), 4140963, None),
])
def test_cities_and_venues_have_their_city_geonames_entry(place, geonames_id, city):
    where = locate(place)
    assert where is not None and (where.geonames_id, where.city) == (geonames_id, city)


def test_a_country_has_its_own_id_and_its_capital_coordinates():
    russia, moscow = locate(Place("Russia", "RU")), locate(Place("Moscow", "RU"))
    assert russia.geonames_id == 2017370
    assert (russia.latitude, russia.longitude) == (moscow.latitude, moscow.longitude)
    assert 55 < moscow.latitude < 56 and 37 < moscow.longitude < 38


def test_places_geonames_does_not_give_have_no_coordinates():
    assert locate(Place("Bali", None)) is None
    assert locate(Place("Nowhere In Particular", "US")) is None


def test_the_rdf_and_the_table_carry_coordinates(sample_kb):
    rows = sample_kb.query("SELECT ?lat ?long ?id ?city WHERE { ?p a dip:Place ; rdfs:label \"Kremlin\" ; "
                           "wgs84:lat ?lat ; wgs84:long ?long ; dip:geonamesId ?id ; dip:city ?city ; "
                           "owl:sameAs <https://sws.geonames.org/524901/> }").rows
    assert len(rows) == 1 and rows[0][2:] == ("524901", "Moscow")
    events = sample_kb.events()
    placed = events[events["place"].notna()]
    assert placed["latitude"].notna().mean() > 0.8
    kremlin = events[events["place"] == "Kremlin"]
    assert len(kremlin) and (kremlin["geonames_id"] == "524901").all()


def test_people_from_the_gazetteer_keep_their_wikidata_id(sample_kb):
    rows = sample_kb.query("SELECT ?w WHERE { ?p dip:nameKey \"putin\" ; owl:sameAs ?w }").rows
    assert [r[0] for r in rows] == ["http://www.wikidata.org/entity/Q7747"]
