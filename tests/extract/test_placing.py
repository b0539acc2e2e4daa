"""The placing stage: where each encounter happened — a venue, a city or a country.

Each row is a written sentence and an event it must give, ``"kind Surname+Surname in Place"``.
"""

from __future__ import annotations

import pytest
from reading import events

PLACED = [
    ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday.", "meeting Jinping+Putin in Moscow"),
    ("Vladimir Putin received S. Jaishankar in the Kremlin on Wednesday.", "meeting Jaishankar+Putin in Kremlin"),
    ("Joe Biden hosted Fumio Kishida at the White House.", "meeting Biden+Kishida in White House"),
    ("Joe Biden met Xi Jinping on the sidelines of the G20 summit in Bali.", "meeting Biden+Jinping in Bali"),
    ("Olaf Scholz held talks with Emmanuel Macron in Paris.", "meeting Macron+Scholz in Paris"),
    ("The talks between Olaf Scholz and Emmanuel Macron will take place in Geneva on Friday.", "planned meeting Macron+Scholz in Geneva"),
    ("Secretary of State John Kerry arrived in Kyiv on Tuesday.", "visit Kerry in Kyiv"),
    ("Secretary of State John Kerry will be heading to Kyiv Monday.", "planned visit Kerry in Kyiv"),
    ("Pope Francis flew into Havana on Saturday.", "visit Francis in Havana"),
    ("Olaf Scholz met Emmanuel Macron in Berlin, Germany, on Friday.", "meeting Macron+Scholz in Berlin"),
    # a place the sentence names for something else does not place the encounter
    ("Olaf Scholz met Emmanuel Macron to discuss the war in Ukraine.", "meeting Macron+Scholz in nowhere"),
    ("Olaf Scholz met Emmanuel Macron, who had flown in from Rome.", "meeting Macron+Scholz in nowhere"),
    # a datelined arrival is to the dateline's city
    ("ROME, March 9 - Chilean President Rosa Vidal arrived last night for talks on trade.", "visit Vidal in Rome"),
]


@pytest.mark.parametrize(("text", "expected"), PLACED)
def test_place(extractor, text, expected):
    found = events(extractor, text, place=True)
    assert expected in found, found


def test_a_visit_to_several_places_is_one_visit_each(extractor):
    found = events(extractor, "Iranian President Hassan Rouhani visited Italy and France last month.", place=True)
    assert {"visit Rouhani in Italy", "visit Rouhani in France"} <= set(found), found


def test_a_visit_home_is_no_visit(extractor):
    text = "LONDON, March 9 - British Prime Minister Boris Johnson arrived last night."
    assert not [e for e in events(extractor, text, place=True) if e.startswith("visit")]
