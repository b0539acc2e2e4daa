"""The dating stage: the day each encounter happened or is planned for, as precise as the text.

Stories here are published on Wednesday 10 March 2021 unless a row says otherwise. Each row is
written for this table: a sentence (or two) and an event it must give, written
``"[planned ]kind Surname+Surname DATE"`` with DATE as YYYY-MM-DD, YYYY-MM or "undated".
"""

from __future__ import annotations

import datetime as dt

import pytest
from reading import events

DATED = [
    # weekdays against the story's day: back for reports, forward for plans
    ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.", "meeting Jinping+Putin 2021-03-08"),
    ("Japanese Prime Minister Fumio Kishida will meet South Korean President Yoon Suk Yeol on Friday.", "planned meeting Kishida+Yeol 2021-03-12"),
    ("Olaf Scholz met Emmanuel Macron on Wednesday.", "meeting Macron+Scholz 2021-03-10"),
    ("Olaf Scholz spoke by telephone with Emmanuel Macron on Sunday.", "phone_call Macron+Scholz 2021-03-07"),
    ("Olaf Scholz will host Emmanuel Macron in Berlin on Tuesday next week.", "planned meeting Macron+Scholz 2021-03-16"),
    # relative days and parts of days
    ("German Chancellor Olaf Scholz held talks with Emmanuel Macron in Paris yesterday.", "meeting Macron+Scholz 2021-03-09"),
    ("Later today Olaf Scholz will meet Emmanuel Macron.", "planned meeting Macron+Scholz 2021-03-10"),
    ("Olaf Scholz will meet Emmanuel Macron tomorrow.", "planned meeting Macron+Scholz 2021-03-11"),
    ("Emmanuel Macron was greeted midmorning at the Elysee by Francois Hollande.", "meeting Hollande+Macron 2021-03-10"),
    ("Olaf Scholz met Emmanuel Macron last night.", "meeting Macron+Scholz 2021-03-09"),
    # calendar dates and ranges
    ("Olaf Scholz met Emmanuel Macron on March 3.", "meeting Macron+Scholz 2021-03-03"),
    ("Kenyan President Grace Wanjiru will host Portuguese Prime Minister Ana Costa in Nairobi from March 15 to 17.", "planned meeting Costa+Wanjiru 2021-03-15"),
    ("Olaf Scholz met Emmanuel Macron on Feb. 26, 2021.", "meeting Macron+Scholz 2021-02-26"),
    ("Olaf Scholz will visit Emmanuel Macron on April 2.", "planned meeting Macron+Scholz 2021-04-02"),
    # a day named without its year is the one near the story's day, not one a year off
    ("In preparation for the visit, Olaf Scholz will meet Emmanuel Macron, April 29 to May 5.", "planned meeting Macron+Scholz 2021-04-29"),
    # weeks and months: the month when they lie inside one, none when they cross one
    ("Olaf Scholz met Emmanuel Macron earlier this week.", "meeting Macron+Scholz 2021-03"),
    ("During a visit to Paris this week, Olaf Scholz met Emmanuel Macron.", "meeting Macron+Scholz 2021-03"),
    ("Olaf Scholz will meet Emmanuel Macron next month.", "planned meeting Macron+Scholz 2021-04"),
    ("Olaf Scholz met Emmanuel Macron last month.", "meeting Macron+Scholz 2021-02"),
    # the dateline's day, and the lead of a datelined story
    ("LIMA, March 8 - Peruvian President Jorge Salas met Chilean President Rosa Vidal yesterday.", "meeting Salas+Vidal 2021-03-07"),
    ("LIMA, March 8 - Peruvian President Jorge Salas said after talks with Chilean President Rosa Vidal that trade would grow.", "meeting Salas+Vidal 2021-03-08"),
    # photo captions end with the day the picture was taken
    ("FILE - German Chancellor Olaf Scholz, left, greets French President Emmanuel Macron in Berlin, Jan. 16, 2020.", "meeting Macron+Scholz 2020-01-16"),
    ("In this Jan. 28, 2020, file photo, President Joe Biden speaks on the telephone with Emmanuel Macron in the Oval Office.", "phone_call Biden+Macron 2020-01-28"),
    ("FILE - Chinese leader Mao Zedong shakes hands with Richard Nixon in Beijing 22 February 1972 during a visit.", "meeting Nixon+Zedong 1972-02-22"),
    # a gathering whose date stands with its verb or its schedule
    ("A telephone conversation between John Kerry and Sergei Lavrov on Friday yielded no progress.", "phone_call Kerry+Lavrov 2021-03-05"),
    ("Two rounds of talks between Joe Biden and Fumio Kishida, scheduled for Thursday and Friday, will focus on trade.", "planned meeting Biden+Kishida 2021-03-11"),
    # dates of something else do not date the encounter
    ("Olaf Scholz met Emmanuel Macron to discuss the 1963 treaty.", "meeting Macron+Scholz undated"),
    ("Olaf Scholz compared his talks with Emmanuel Macron to the 1963 Elysee Treaty.", "meeting Macron+Scholz undated"),
    ("Olaf Scholz met Emmanuel Macron, who had visited Rome in 2019.", "meeting Macron+Scholz undated"),
    ("After the May 18 summit, Irish Prime Minister Sean Byrne will fly to Oslo.", "planned visit Byrne undated"),
    ("Earlier, Olaf Scholz met Emmanuel Macron.", "meeting Macron+Scholz 2021-03-10"),
]


@pytest.mark.parametrize(("text", "expected"), DATED)
def test_date(extractor, text, expected):
    found = events(extractor, text, date=True)
    assert expected in found, found


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a story filed on the 8th and published on the 10th counts from the 8th
        ("LIMA, March 8 - Peruvian President Jorge Salas met Chilean President Rosa Vidal on Saturday.", dt.date(2021, 3, 10), "meeting Salas+Vidal 2021-03-06"),
        # without a publication date only dates with a year can be read
        ("Olaf Scholz met Emmanuel Macron on Monday.", None, "meeting Macron+Scholz undated"),
        ("Olaf Scholz met Emmanuel Macron on March 3, 2021.", None, "meeting Macron+Scholz 2021-03-03"),
    ],
)
def test_date_against_the_story_day(extractor, text, published, expected):
    found = events(extractor, text, published, date=True)
    assert expected in found, found


def test_later_that_day_is_the_day_just_named(extractor):
    text = "Olaf Scholz met Emmanuel Macron on Monday. Later in the day, Scholz met Mario Draghi."
    found = events(extractor, text, date=True)
    assert "meeting Draghi+Scholz 2021-03-08" in found, found


def test_an_encounter_told_beside_a_dated_trip_shares_its_date(extractor):
    text = (
        "Canadian Prime Minister Anne Tremblay will fly to Lima on Friday, where she will be received"
        " by Peruvian President Jorge Salas."
    )
    found = events(extractor, text, date=True)
    assert "planned meeting Salas+Tremblay 2021-03-12" in found, found
