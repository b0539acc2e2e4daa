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


# -- dates told elsewhere: in another clause, another sentence, or the dateline -------------------


def dated(extractor, text: str, published: dt.date | None = PUBLISHED) -> dict[tuple, str | None]:
    """(kind, people) -> date of every encounter found."""
    return {
        (e.kind, frozenset(e.participants)): e.date.value if e.date else None
        for e in extract(extractor, text, published).events
    }


@pytest.mark.parametrize(
    ("text", "people", "date"),
    [
        (  # a "where" clause about the trip's stop
            "Canadian Prime Minister Anne Tremblay will fly to Lima on Friday, where she will be received"
            " by Peruvian President Jorge Salas.",
            {"anne-tremblay", "jorge-salas"},
            "2021-03-12",
        ),
        (  # a second clause about the visitor
            "Mexican President Luis Ortega plans to come to Madrid next month for a state visit, and Spanish"
            " Prime Minister Carlos Ruiz will host him.",
            {"luis-ortega", "carlos-ruiz"},
            "2021-04",
        ),
        (  # "after a stopover": the stop came before the dated arrival
            "Austrian Chancellor Franz Huber arrived in Vienna last night after a stopover in Prague,"
            " where he met Czech Prime Minister Jan Novak.",
            {"franz-huber", "jan-novak"},
            None,
        ),
    ],
)
def test_an_encounter_shares_the_date_of_its_clause(extractor, text, people, date):
    assert dated(extractor, text)[("meeting", frozenset(people))] == date


def test_a_date_after_or_before_dates_the_other_event(extractor):
    text = "After the May 18 summit, Irish Prime Minister Sean Byrne will fly to Oslo."
    assert dated(extractor, text)[("visit", frozenset({"sean-byrne"}))] is None


def test_a_gathering_is_dated_by_another_mention_of_it(extractor):
    text = (
        "Irish Prime Minister Sean Byrne will stop in Madrid during a tour of Europe in May to attend the"
        " Lisbon summit. The May 18-19 summit is expected to focus on trade."
    )
    assert dated(extractor, text)[("meeting", frozenset({"sean-byrne"}))] == "2021-05-18"


def test_a_differently_named_gathering_lends_no_date(extractor):
    text = (
        "Irish Prime Minister Sean Byrne will attend the Lisbon summit. The May 18 Oslo summit was cancelled."
    )
    assert dated(extractor, text)[("meeting", frozenset({"sean-byrne"}))] is None


def test_a_stay_of_several_days_is_dated_by_its_first(extractor):
    text = (
        "Kenyan President Grace Wanjiru will host Portuguese Prime Minister Ana Costa in Nairobi"
        " from March 15 to 17."
    )
    assert dated(extractor, text)[("meeting", frozenset({"grace-wanjiru", "ana-costa"}))] == "2021-03-15"


def test_talks_of_one_side_do_not_date_a_meeting_told_elsewhere(extractor):
    text = (
        "Ghanaian Finance Minister Kofi Asante held talks with British Chancellor Emma Hale.\n\n"
        "Asante said his talks in Paris last week were useful."
    )
    x = extract(extractor, text)
    pair = next(e for e in x.events if set(e.participants) == {"kofi-asante", "emma-hale"})
    assert pair.date is None and pair.place is None


def test_a_visit_told_by_its_end(extractor):
    text = (
        "Greek Prime Minister Nikos Pappas repeated the offer before leaving Ankara yesterday"
        " at the end of a three-day visit."
    )
    (visit,) = [e for e in extract(extractor, text).events if e.kind == "visit"]
    assert (visit.participants, visit.date.value, visit.place.name) == (
        ["nikos-pappas"],
        "2021-03-09",
        "Ankara",
    )


def test_relative_dates_count_from_the_dateline(extractor):
    """A story filed on March 8 and published on the 10th: its "yesterday" is the 7th."""
    text = "LIMA, March 8 - Peruvian President Jorge Salas met Chilean President Rosa Vidal yesterday."
    assert dated(extractor, text)[("meeting", frozenset({"jorge-salas", "rosa-vidal"}))] == "2021-03-07"


def test_an_arrival_in_a_datelined_story_is_a_visit_there(extractor):
    text = "ROME, March 9 - Chilean President Rosa Vidal arrived last night for talks on trade."
    (visit,) = extract(extractor, text).events
    assert (visit.kind, visit.date.value, visit.place.name) == ("visit", "2021-03-08", "Rome")


def test_due_somewhere_for_talks_is_a_planned_meeting(extractor):
    text = (
        "Portuguese Prime Minister Ana Costa is due in Nairobi on Friday for talks with Kenyan President"
        " Grace Wanjiru."
    )
    found = encounters(extract(extractor, text))
    assert ("meeting", "planned", frozenset({"ana-costa", "grace-wanjiru"}), "2021-03-12") in found, found


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "LIMA, March 8 - Peruvian President Jorge Salas said after talks with Chilean President"
            " Rosa Vidal that trade would grow.",
            "2021-03-08",
        ),  # the lead of a datelined story: that day
        (
            "Peruvian President Jorge Salas said after talks with Chilean President Rosa Vidal"
            " that trade would grow.",
            None,
        ),  # no dateline: the publication date is only a guess
    ],
)
def test_the_dateline_dates_the_lead(extractor, text, date):
    assert dated(extractor, text)[("meeting", frozenset({"jorge-salas", "rosa-vidal"}))] == date


def test_planned_meetings_in_other_words(extractor):
    found = dated(
        extractor,
        "Portuguese Prime Minister Ana Costa will meet Spanish Prime Minister Carlos Ruiz"
        " on Tuesday next week.",
    )
    assert found[("meeting", frozenset({"ana-costa", "carlos-ruiz"}))] == "2021-03-16"
    found = dated(extractor, "Portuguese Prime Minister Ana Costa will visit Kenya in two weeks.")
    assert found[("visit", frozenset({"ana-costa"}))] == "2021-03"
