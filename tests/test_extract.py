"""Extraction rules on sentences written for these tests, with the real spaCy model.

Each case names one construction news uses; the gold set in tests/gold scores the whole.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kb.model import Article

PUBLISHED = dt.date(2021, 3, 10)  # a Wednesday


def extract(extractor, text: str, published: dt.date | None = PUBLISHED):
    return extractor.extract(Article(id="t", text=text, published=published))


def encounters(extraction) -> set[tuple]:
    return {
        (e.kind, e.status, frozenset(e.participants), e.date.value if e.date else None)
        for e in extraction.events
    }


@pytest.mark.parametrize(
    ("text", "kind", "status", "people", "date"),
    [
        (
            "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.",
            "meeting",
            "occurred",
            {"vladimir-putin", "xi-jinping"},
            "2021-03-08",
        ),
        (
            "German Chancellor Olaf Scholz held talks with French President Emmanuel Macron"
            " in Paris yesterday.",
            "meeting",
            "occurred",
            {"olaf-scholz", "emmanuel-macron"},
            "2021-03-09",
        ),
        (
            "Turkish President Tayyip Erdogan spoke by phone with Russian President Vladimir Putin"
            " on Sunday.",
            "phone_call",
            "occurred",
            {"recep-tayyip-erdogan", "vladimir-putin"},
            "2021-03-07",
        ),
        (
            "Indian Prime Minister Narendra Modi received U.S. Secretary of State Antony Blinken on Tuesday.",
            "meeting",
            "occurred",
            {"narendra-modi", "antony-blinken"},
            "2021-03-09",
        ),
        (
            "Chinese President Xi Jinping invited Brazilian President Luiz Inacio Lula da Silva"
            " to visit Beijing.",
            "invitation",
            "planned",
            {"xi-jinping", "luiz-inacio-lula-da-silva"},
            None,
        ),
        (
            "Japanese Prime Minister Fumio Kishida will meet South Korean President Yoon Suk Yeol"
            " in Tokyo next month.",
            "meeting",
            "planned",
            {"fumio-kishida", "yoon-suk-yeol"},
            "2021-04",
        ),
        (
            "Barack Obama and Vladimir Putin will meet in Zurich to discuss trade.",
            "meeting",
            "planned",
            {"barack-obama", "vladimir-putin"},
            None,
        ),
        (
            "Italian Trade Minister Marco Rossi reviewed the budget in talks here today with Spanish Economy "
            "Minister Ana Lopez, an official said.",
            "meeting",
            "occurred",
            {"marco-rossi", "ana-lopez"},
            "2021-03-10",
        ),
        (
            "U.S. Secretary of State Antony Blinken is due to fly to Tokyo next week.",
            "visit",
            "planned",
            {"antony-blinken"},
            "2021-03",
        ),
    ],
)
def test_encounter_constructions(extractor, text, kind, status, people, date):
    found = encounters(extract(extractor, text))
    assert (kind, status, frozenset(people), date) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "The summit between Joe Biden and Vladimir Putin was called off on Monday.",
        "Antony Blinken did not meet Wang Yi during the conference.",
        "Volodymyr Zelensky said he wanted to speak with Xi Jinping.",
        "Putin does not usually meet visiting foreign ministers.",
    ],
)
def test_encounters_that_did_not_happen_are_not_occurred(extractor, text):
    assert not [e for e in extract(extractor, text).events if e.status == "occurred" and e.kind == "meeting"]


def test_relative_dates_resolve_against_publication(extractor):
    text = (
        "Russian President Vladimir Putin told Foreign Minister S. Jaishankar in the Kremlin"
        " on Wednesday that ties grow."
    )
    events = extract(extractor, text, dt.date(2023, 12, 28)).events
    meeting = next(e for e in events if e.kind == "meeting")
    assert meeting.date.value == "2023-12-27" and meeting.date.precision == "day"
    assert meeting.place.name == "Kremlin" and meeting.place.country == "RU"


def test_visits_to_several_places_are_one_visit_each(extractor):
    text = "Treasury Secretary James Baker was scheduled to visit Norway and Denmark this week."
    places = {e.place.name for e in extract(extractor, text).events if e.kind == "visit"}
    assert places == {"Norway", "Denmark"}


def test_people_titles_countries_and_coreference(extractor):
    text = (
        "Sergei Lavrov, Russia's foreign minister, met his Chinese counterpart Wang Yi in Beijing on Monday. "
        "Lavrov said the talks were useful. The Russian minister later met Xi Jinping."
    )
    x = extract(extractor, text)
    lavrov = x.people["sergey-lavrov"]  # the gazetteer merges the two spellings
    assert lavrov.country == "RU" and "minister" in (lavrov.title or "").lower()
    assert {"Lavrov", "Sergei Lavrov"} <= lavrov.aliases
    assert ("meeting", "occurred", frozenset({"sergey-lavrov", "wang-yi"}), "2021-03-08") in encounters(x)


def test_officials_named_by_office_only(extractor):
    text = "Iraq's national security advisor met with Syrian President Bashar Assad on Tuesday."
    x = extract(extractor, text)
    (event,) = [e for e in x.events if e.kind == "meeting"]
    role = next(k for k in event.participants if k != "bashar-assad" and k != "bashar-al-assad")
    assert x.people[role].country == "IQ" and "Advisor" in x.people[role].title


def test_states_as_parties(extractor):
    x = extract(extractor, "The United States, Russia and Switzerland met yesterday in Geneva.")
    (event,) = x.events
    assert event.participants == [] and set(event.actors) == {"US", "RU", "CH"}


@pytest.mark.parametrize(
    ("text", "speaker", "addressee", "quote"),
    [
        (
            '"We will be glad to see you in Moscow soon," Vladimir Putin told Narendra Modi.',
            "vladimir-putin",
            "narendra-modi",
            "We will be glad to see you in Moscow soon",
        ),
        (
            'Angela Merkel said: "Europe must stand together in this difficult hour."',
            "angela-merkel",
            None,
            "Europe must stand together in this difficult hour.",
        ),
        (
            "“The talks were frank and useful,” said Wang Yi, China's foreign minister.",
            "wang-yi",
            None,
            "The talks were frank and useful",
        ),
        (
            'Joe Biden met reporters in Delaware. "Nobody wants a new cold war with anyone," he said.',
            "joe-biden",
            None,
            "Nobody wants a new cold war with anyone",
        ),
    ],
)
def test_quote_attribution(extractor, text, speaker, addressee, quote):
    statements = [s for s in extract(extractor, text).statements if s.quote]
    assert [(s.speaker, s.addressee, s.quote) for s in statements] == [(speaker, addressee, quote)]


def test_a_quote_split_by_its_attribution_has_one_speaker(extractor):
    text = (
        '"We have agreed to meet again," Antony Blinken said, "and to keep our channels open at all times."'
    )
    statements = [s for s in extract(extractor, text).statements if s.quote]
    assert len(statements) == 2 and {s.speaker for s in statements} == {"antony-blinken"}


def test_a_paragraph_that_is_only_a_quote_continues_the_last_speaker(extractor):
    text = (
        "Emmanuel Macron said Europe needed its own defence.\n\n"
        '"We cannot depend on others for our security, and we will not."'
    )
    statements = [s for s in extract(extractor, text).statements if s.quote]
    assert [s.speaker for s in statements] == ["emmanuel-macron"]


def test_indirect_speech_is_content(extractor):
    x = extract(extractor, "Vladimir Putin said the domestic political calendar in India is difficult.")
    (statement,) = x.statements
    assert statement.quote is None and statement.content.startswith("the domestic political calendar")


def test_evidence_spans_index_the_article(extractor):
    text = 'MOSCOW, March 9 (Wire) - Sergei Lavrov met Wang Yi.\n\n"It went well," Lavrov said afterwards.'
    x = extract(extractor, text)
    for item in [*x.events, *x.statements]:
        span = item.evidence
        assert text[span.start : span.end] == span.text
    assert "wire" not in {k.split("-")[0] for k in x.people}  # nothing in the dateline is a person
