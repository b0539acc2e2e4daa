"""The gazetteer of known people: lookups, the packaged list, and user files."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections import Counter

import pytest

from kb.errors import ConfigError
from kb.reference.countries import country_name
from kb.reference.gazetteer import Entry, Gazetteer
from kb.text import normalise_name


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("Sergei Lavrov", "Sergey Lavrov"), ("Sergey Lavrov", "Sergey Lavrov"),
        ("SERGEI LAVROV", "Sergey Lavrov"),
        ("sergei  lavrov", "Sergey Lavrov"), ("Lavrov", "Sergey Lavrov"),
        ("S. Jaishankar", "Subrahmanyam Jaishankar"), ("S Jaishankar", "Subrahmanyam Jaishankar"),
        ("Jaishankar", "Subrahmanyam Jaishankar"),
        ("Vladimir Putin", "Vladimir Putin"), ("Putin", "Vladimir Putin"), ("Narendra Modi", "Narendra Modi"),
        ("Xi Jinping", "Xi Jinping"), ("Xi", "Xi Jinping"), ("Wang Yi", "Wang Yi"),
        ("Joe Biden", "Joe Biden"),
        ("Joseph R. Biden Jr.", "Joe Biden"), ("Antony Blinken", "Antony Blinken"),
        ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"), ("Erdoğan", "Recep Tayyip Erdoğan"),
        ("Mikhail Gorbachev", "Mikhail Gorbachev"), ("Eduard Shevardnadze", "Eduard Shevardnadze"),
        ("George P. Shultz", "George Shultz"), ("Ronald Reagan", "Ronald Reagan"),
        ("Margaret Thatcher", "Margaret Thatcher"), ("Yasuhiro Nakasone", "Yasuhiro Nakasone"),
        ("George H.W. Bush", "George H. W. Bush"), ("Kim Jong-un", "Kim Jong Un"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"), ("Antonio Guterres", "António Guterres"),
    ],
)
def test_lookup(gazetteer, name, canonical):
    entry = gazetteer.lookup(name)
    assert entry is not None and entry.name == canonical


@pytest.mark.parametrize(
    "name", ["", "George Bush", "Bush", "Gandhi", "Clinton", "Nobody Atall", "Putin Modi"]
)
def test_lookup_misses(gazetteer, name):
    assert gazetteer.lookup(name) is None


def test_entries_carry_office_country_and_wikidata(gazetteer):
    putin = gazetteer.lookup("Putin")
    assert (putin.title, putin.country, putin.wikidata) == ("President", "RU", "Q7747")
    assert gazetteer.lookup("Gorbachev").country == "SU"
    assert gazetteer.lookup("Jaishankar").title == "External Affairs Minister"
    lavrov = gazetteer.lookup("Sergei Lavrov")
    assert {"Sergei Lavrov", "Sergey Lavrov"} <= {lavrov.name, *lavrov.aliases}


@pytest.mark.parametrize(
    ("surname", "country", "canonical"),
    [
        ("Putin", None, "Vladimir Putin"), ("Lavrov", "RU", "Sergey Lavrov"),
        ("Lavrov", "SU", "Sergey Lavrov"),  # the Soviet and Russian state are one for this purpose
        ("Shevardnadze", None, "Eduard Shevardnadze"), ("bin Salman", None, "Mohammed bin Salman"),
        ("Guterres", "PT", "António Guterres"),  # entries without a country fit any
        ("Nakasone", "JP", "Yasuhiro Nakasone"),
    ],
)
def test_lookup_surname(gazetteer, surname, country, canonical):
    entry = gazetteer.lookup_surname(surname, country)
    assert entry is not None and entry.name == canonical


@pytest.mark.parametrize(
    ("surname", "country"),
    [("Bush", None), ("Gandhi", None), ("Clinton", "US"), ("Abe", "JP"), ("Sharif", None),
     ("Lavrov", "US"), ("Un", None), ("Khan", None), ("Wang", None), ("", None)],
)
def test_lookup_surname_only_when_unambiguous(gazetteer, surname, country):
    assert gazetteer.lookup_surname(surname, country) is None


def test_packaged_list_is_sound(gazetteer):
    curated = [e for e in gazetteer if e.curated]
    assert 80 <= len(curated) <= 140
    assert len(gazetteer) > 7000  # with the office-holders
    names = [normalise_name(e.name) for e in curated]
    assert not [n for n, k in Counter(names).items() if k > 1]
    for entry in curated:
        assert entry.title, entry
        assert entry.country is None or country_name(entry.country) != entry.country, entry
        assert entry.wikidata is None or re.fullmatch(r"Q[1-9]\d*", entry.wikidata), entry
    wikidata = [e.wikidata for e in curated if e.wikidata]
    assert len(wikidata) == len(set(wikidata))
    for name in ("Subrahmanyam Jaishankar", "Narendra Modi", "Xi Jinping", "Wang Yi", "Joe Biden",
                 "Antony Blinken", "Sergey Lavrov", "Ronald Reagan", "Mikhail Gorbachev",
                 "Eduard Shevardnadze", "George Shultz", "Margaret Thatcher", "Yasuhiro Nakasone"):
        assert gazetteer.lookup(name) is not None, name


def test_entry_is_frozen(gazetteer):
    with pytest.raises(dataclasses.FrozenInstanceError):
        gazetteer.lookup("Putin").title = "Tsar"


def test_load_is_cached(gazetteer):
    assert Gazetteer.load() is gazetteer
    assert Gazetteer.load([]) is gazetteer


def write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_user_file_adds_and_overrides(tmp_path):
    user = write(tmp_path / "people.json", [
        {"name": "Sergey Lavrov", "aliases": ["S. V. Lavrov"], "title": "Minister of Foreign Affairs"},
        {"name": "Ada Example", "aliases": ["Example"], "country": "NZ", "title": "Foreign Minister"},
    ])
    gazetteer = Gazetteer.load([user])
    lavrov = gazetteer.lookup("S. V. Lavrov")
    assert lavrov.name == "Sergey Lavrov"
    assert lavrov.title == "Minister of Foreign Affairs"  # overridden
    assert lavrov.country == "RU"  # kept
    assert "Sergei Lavrov" in lavrov.aliases  # aliases accumulate
    assert gazetteer.lookup("Sergei Lavrov") is lavrov
    added = gazetteer.lookup("Ada Example")
    assert added == Entry("Ada Example", ("Example",), "Foreign Minister", "NZ", None)
    assert gazetteer.lookup_surname("Example") is added
    assert len(gazetteer) == len(Gazetteer.load()) + 1


def test_user_file_can_clear_a_field(tmp_path):
    user = write(tmp_path / "people.json", [{"name": "vladimir putin", "wikidata": None}])
    assert Gazetteer.load([user]).lookup("Putin").wikidata is None


def test_user_file_is_read_again_when_changed(tmp_path):
    user = write(tmp_path / "people.json", [{"name": "Ada Example"}])
    assert Gazetteer.load([user]).lookup("Ada Example").title is None
    write(user, [{"name": "Ada Example", "title": "Envoy", "aliases": ["Ada"]}])
    stat = user.stat()
    os.utime(user, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert Gazetteer.load([user]).lookup("Ada").title == "Envoy"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"name": "X"}', "expected a JSON list"),
        ("[1]", "entry 1 is not an object"),
        ('[{"title": "President"}]', 'needs a non-empty "name"'),
        ('[{"name": "  "}]', 'needs a non-empty "name"'),
        ('[{"name": "X", "alias": ["Y"]}]', "unknown field 'alias'"),
        ('[{"name": "X", "aliases": "Y"}]', '"aliases" must be a list of strings'),
        ('[{"name": "X", "title": 3}]', '"title" must be a string or null'),
        ('[{"name": "X", "country": "Russia"}]', '"country" must be a two-letter code'),
        ('[{"name": "X", "wikidata": "7747"}]', '"wikidata" must look like'),
    ],
)
def test_malformed_user_file(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Gazetteer.load([path])
    message = str(info.value)
    assert str(path) in message and problem in message
    assert "\n" not in message


def test_missing_user_file(tmp_path):
    with pytest.raises(ConfigError, match=r"missing\.json"):
        Gazetteer.load([tmp_path / "missing.json"])
