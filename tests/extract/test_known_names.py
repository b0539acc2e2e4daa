"""Known names marked before the entity recognizer reads a text."""

from __future__ import annotations

import pytest
from reading import read


def entities(extractor, text: str) -> set[tuple[str, str]]:
    doc = read(extractor, text).context.doc
    return {(e.text, e.label_) for e in doc.ents}


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Secretary of State John Kerry will be heading to Kyiv Monday.", ("Kyiv", "GPE")),
        ("Secretary of State John Kerry will be heading to Kyiv Monday.", ("Monday", "DATE")),
        ("Later today the minister will meet the envoy.", ("today", "DATE")),
        ("Lho Shin-yong wrote to the North on Monday.", ("Lho Shin-yong", "PERSON")),
    ],
)
def test_marked(extractor, text, entity):
    assert entity in entities(extractor, text)


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("He told the Kyiv Post that talks were over.", ("Kyiv", "GPE")),  # part of a longer name
        ("Queen Victoria opened the bridge.", ("Victoria", "GPE")),
        ("The Bank of England raised rates.", ("England", "GPE")),
    ],
)
def test_not_marked_inside_a_longer_name(extractor, text, entity):
    assert entity not in entities(extractor, text)


def test_a_users_gazetteer_names_are_marked(tmp_path, monkeypatch):
    from kb.config import Settings
    from kb.extract.pipeline import RuleExtractor
    from kb.model import Article

    people = tmp_path / "people.json"
    people.write_text('[{"name": "Zorblat Quenhammer", "title": "Envoy", "country": "NZ"}]', encoding="utf-8")
    extractor = RuleExtractor(Settings(gazetteers=(people,)))
    x = extractor.extract(Article(id="t", text="Zorblat Quenhammer met the press in Wellington."))
    assert x.people["zorblat-quenhammer"].country == "NZ"
