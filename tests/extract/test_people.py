"""The people stage: names found in the text, with their titles and countries, and references
to them resolved ("Lavrov", "the Russian minister", "he").

Each row is a sentence written for this table and a person it must give: the last word of
their name (accents dropped), and the title and country the text gives them (None: any).
"""

from __future__ import annotations

import pytest
from reading import read, surname

PEOPLE = [
    # titles before the name, with honorifics and long offices
    ("The President of the Republic of Korea Mr. Moon Jae-in arrived in Hanoi.", "Jae-in", "President", "KR"),
    ("Mexican Foreign Minister Luis Videgaray Caso met the press.", "Caso", "Foreign Minister", "MX"),
    ("Brazilian President Luiz Inacio Lula da Silva spoke on Monday.", "Silva", "President", "BR"),
    ("U.N. Secretary-General Ban Ki-moon called for calm.", "Ki-moon", None, None),
    ("EU foreign policy chief Federica Mogherini will travel to Tehran.", "Mogherini", None, None),
    (
        "European Commission President Jean-Claude Juncker said the deal was done.",
        "Juncker",
        "President",
        None,
    ),
    ("Chinese Premier Li Keqiang toured the factory.", "Keqiang", "Premier", "CN"),
    ("Chinese Foreign Minister Wang Yi said talks would go on.", "Yi", "Foreign Minister", "CN"),
    ("North Korean leader Kim Jong Un watched the test.", "Un", None, "KP"),
    ("Indonesian President Joko Widodo opened the session.", "Widodo", "President", "ID"),
    ("Saudi Foreign Minister Adel al-Jubeir flew to Ankara.", "al-Jubeir", "Foreign Minister", "SA"),
    ("Saudi Arabia's Foreign Minister Adel al-Jubeir flew to Ankara.", "al-Jubeir", "Foreign Minister", "SA"),
    ("Colombian President Juan Manuel Santos signed the accord.", "Santos", "President", "CO"),
    ("Egyptian President Abdel Fattah el-Sissi opened the new canal.", "el-Sissi", "President", "EG"),
    # a name in apposition to an office "of" an institution, which the tagger may call an organisation
    ("The president of the European Commission, Jean-Claude Juncker, left for Athens.", "Juncker", None, None),
    ("The head of the World Bank, Jim Yong Kim, arrived in Lagos.", "Kim", None, None),
    (
        "Venezuelan Foreign Minister Delcy Rodriguez rejected the report.",
        "Rodriguez",
        "Foreign Minister",
        "VE",
    ),
    ("Afghan President Ashraf Ghani thanked the donors.", "Ghani", "President", "AF"),
    ("Turkish Prime Minister Ahmet Davutoglu left for Brussels.", "Davutoglu", "Prime Minister", "TR"),
    ("Israeli Prime Minister Benjamin Netanyahu spoke to the Knesset.", "Netanyahu", "Prime Minister", "IL"),
    # titles after the name, in an apposition
    ("Mr. Abe, the prime minister of Japan, declined to comment.", "Abe", None, "JP"),
    (
        "Josefina Vidal, Cuba's top diplomat for U.S. affairs, said the talks were useful.",
        "Vidal",
        None,
        "CU",
    ),
    ("Sergei Lavrov, Russia's foreign minister, met the envoy.", "Lavrov", None, "RU"),
    # analysts and officials introduced by apposition or by their post
    (
        '"It is hard to see real change," said Michael Shifter, president of the Inter-American Dialogue.',
        "Shifter",
        None,
        None,
    ),
    (
        '"The risks are rising," said Anthony Cordesman, an analyst at the Center for Strategic and'
        " International Studies.",
        "Cordesman",
        None,
        None,
    ),
    (
        '"Cuba is open to discuss any issue," said Cuban Foreign Ministry official Josefina Vidal.',
        "Vidal",
        None,
        "CU",
    ),
    (
        "Russian envoy to Afghanistan Zamir Kabulov told the agency that contacts exist.",
        "Kabulov",
        None,
        "RU",
    ),
    (
        "Putin's special envoy to Afghanistan, Zamir Kabulov, told Interfax the talks went well.",
        "Kabulov",
        None,
        None,
    ),
    ("Ms. Yellen told lawmakers that rates would rise.", "Yellen", None, None),
    ("King Salman bin Abdulaziz Al Saud received the delegation.", "Saud", "King", None),
]


@pytest.mark.parametrize(("text", "name", "title", "country"), PEOPLE)
def test_person(extractor, text, name, title, country):
    x = read(extractor, text).extraction
    found = {surname(x, key): person for key, person in x.people.items()}
    assert name in found, sorted(found)
    person = found[name]
    if title is not None:
        assert person.title == title, person
    if country is not None:
        assert person.country == country, person


NOT_PEOPLE = [
    ("FILE - Senator Tim Kaine speaks to supporters in Richmond, May 2, 2016.", "FILE"),
    ("Likud leader Benjamin Netanyahu addressed the rally.", "Likud"),
    ('"The risks are rising," said an analyst at the American Foreign Policy Council.', "Council"),
    ("Turkish troops crossed into Syria near Kobani on Tuesday.", "Kobani"),
    ("The Lok Sabha elections will be held in May.", "Sabha"),
    (
        "Kerry Heading to Ukraine as Russia Tightens Grip\nSecretary of State John Kerry flew to Kyiv.",
        "Heading",
    ),
    ("The Kremlin said on Friday that the talks in Geneva had ended.", "Kremlin"),
]


@pytest.mark.parametrize(("text", "word"), NOT_PEOPLE)
def test_not_a_person(extractor, text, word):
    x = read(extractor, text).extraction
    names = [p.name for p in x.people.values()]
    assert not [n for n in names if word in n.split()], names


RESOLVED = [
    # later mentions: surname, title, pronoun, the two leaders
    (
        "Russian Foreign Minister Sergei Lavrov arrived in Beijing. The Russian minister met Wang Yi.",
        "The Russian minister",
        "Lavrov",
    ),
    ("President Barack Obama spoke on Monday. Obama said the deal was good.", "Obama", "Obama"),
    ("Japanese Prime Minister Shinzo Abe spoke on Monday. He said the deal was good.", "He", "Abe"),
    ("Sergei Lavrov met Wang Yi on Monday. They talked for an hour and he left.", "he", "Lavrov"),
    (
        "Chinese President Xi Jinping and Russian President Vladimir Putin met. The two leaders smiled.",
        "The two leaders",
        "Jinping+Putin",
    ),
    (
        "The accord was reached with a Ghanaian delegation headed by Foreign Minister Obed Asamoah.",
        "a Ghanaian delegation",
        "Asamoah",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "name"), RESOLVED)
def test_reference(extractor, text, phrase, name):
    trace = read(extractor, text)
    start = text.rindex(phrase)
    doc = trace.context.doc
    token = doc.char_span(start, start + len(phrase), alignment_mode="expand").root
    keys = trace.people.resolve(token)
    wanted = name.split("+")
    assert sorted(surname(trace.extraction, k) for k in keys)[: len(wanted)] == wanted, keys


@pytest.mark.parametrize(
    ("text", "counterpart"),
    [
        ("Sergei Lavrov flew to Geneva on Monday. John Kerry met his counterpart there.", "Lavrov"),
        ("Wang Yi arrived in Berlin. German Foreign Minister Heiko Maas met his counterpart.", "Yi"),
        ("John Kerry met his counterpart on Monday. Sergei Lavrov said the talks were long.", "Lavrov"),
    ],
)
def test_counterpart_of_the_possessor(extractor, text, counterpart):
    from reading import events

    found = events(extractor, text)
    assert any(e.startswith("meeting") and counterpart in e.split(" ")[-1].split("+") for e in found), found
