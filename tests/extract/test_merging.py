"""The merging stage: an encounter an article tells several times is one event.

Each row is a short written story and the events it must give, all of them and no more.
"""

from __future__ import annotations

import pytest
from reading import events

STORIES = [
    # one meeting told three ways
    (
        "Olaf Scholz met Emmanuel Macron in Paris on Monday. The two leaders discussed trade. "
        "During their talks, Scholz raised the budget.",
        ["meeting Macron+Scholz 2021-03-08"],
    ),
    # the later report gives the precise day; the merged event keeps it
    (
        "Olaf Scholz held talks with Emmanuel Macron this week. Scholz met Macron on Monday in Paris.",
        ["meeting Macron+Scholz 2021-03-08"],
    ),
    # one more participant in the second report joins the first
    (
        "Olaf Scholz met Emmanuel Macron on Monday. Scholz, Macron and Mario Draghi met again on Monday.",
        ["meeting Draghi+Macron+Scholz 2021-03-08"],
    ),
    # two days, two meetings
    (
        "Olaf Scholz met Emmanuel Macron on Monday. Scholz met Macron again on Tuesday.",
        ["meeting Macron+Scholz 2021-03-08", "meeting Macron+Scholz 2021-03-09"],
    ),
    # a meeting and a call are two encounters
    (
        "Olaf Scholz met Emmanuel Macron on Monday. Scholz phoned Macron on Tuesday.",
        ["meeting Macron+Scholz 2021-03-08", "phone_call Macron+Scholz 2021-03-09"],
    ),
    # one side's talks elsewhere, in a sentence of their own, do not date the meeting of two
    (
        "Ghanaian Finance Minister Kofi Asante held talks with British Chancellor Emma Hale.\n\n"
        "Asante said his talks in Paris last week were useful.",
        ["meeting Asante+Hale undated", "meeting Asante 2021-03"],
    ),
    # "accompanied by": the companion joins the encounter
    (
        "Vladimir Putin, who was accompanied by Sergei Lavrov, met Narendra Modi on Monday.",
        ["meeting Lavrov+Modi+Putin 2021-03-08"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), STORIES)
def test_merged(extractor, text, expected):
    found = [e for e in events(extractor, text, date=True) if not e.startswith("visit")]
    assert sorted(found) == sorted(expected)


def test_an_undated_invitation_takes_the_day_of_the_meeting(extractor):
    text = "Vladimir Putin met Narendra Modi in the Kremlin on Wednesday and invited him to visit Moscow."
    found = events(extractor, text, date=True)
    assert "planned invitation Modi+Putin 2021-03-10" in found, found


def test_separate_meetings_are_separate_events(extractor):
    text = "Olaf Scholz held separate meetings with Emmanuel Macron and Mario Draghi on Monday."
    found = [e for e in events(extractor, text) if e.startswith("meeting")]
    assert sorted(found) == ["meeting Draghi+Scholz", "meeting Macron+Scholz"]
