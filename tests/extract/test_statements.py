"""Quotes and statements: where quotations are in a text, and who said them to whom.

The first table is about finding the words between the marks in text as it is scraped (mixed,
reversed, lost or unclosed marks), without a parse; the second about attributing them.
"""

from __future__ import annotations

import pytest
from reading import read, surname

from kb.extract.quotes import find_quotes

SPANS = [
    ('He said "we will go," and left.', ["we will go,"]),
    ("“We will go,” he said. “And we will stay.”", ["We will go,", "And we will stay."]),
    ('"Yes," he said, "we will."', ["Yes,", "we will."]),
    # a curly opening mark closed by a straight one
    ('“There are no choices here, and it has to be reciprocal." Next sentence.', ["There are no choices here, and it has to be reciprocal."]),
    # an opening mark written where the closing one belongs
    ("“We were there,“ he said.", ["We were there,"]),
    # a straight mark opening, a curly one closing
    ('Tajikistan, he said, "played a crucial role in the contacts.” It is not clear.', ["played a crucial role in the contacts."]),
    # the opening mark lost at the start of a paragraph: the quote began with its sentence
    ("The new talks objectively serve our interests,” he said, referring to the group.", ["The new talks objectively serve our interests,"]),
    # a quote left open at the end of a line ends there, and the next quote is still found
    ("“By any measure, the record is poor.\nSlow progress - Even supporters agree. “I think it is hard,” said Anna Berg.", ["By any measure, the record is poor.", "I think it is hard,"]),
    # a quote left open within one line ends with its sentence
    ("“The talks were useful. The minister left early. “We will return,” she said.", ["The talks were useful.", "We will return,"]),
    # a paragraph that opens a quote and never closes it: multi-paragraph quotes
    ('"The first part of it.\n\n"The second part," said X.', ["The first part of it.", "The second part,"]),
    # apostrophes, single quotes inside double ones, inch marks and scare quotes
    ("Putin’s aide said the talks, which he called “useful”, would go on.", ["useful"]),
    ("“He told me ‘never again’ and left,” she said.", ["He told me ‘never again’ and left,"]),
    ('He said the 5" gun was old, and "we will replace it soon," he added.', ["we will replace it soon,"]),
    ("« Nous y allons », a-t-il dit.", ["Nous y allons"]),
    ("No quotation marks at all here.", []),
]


@pytest.mark.parametrize(("text", "quotes"), SPANS)
def test_quote_spans(text, quotes):
    assert [q.text for q in find_quotes(text)] == quotes


def test_a_quote_span_indexes_the_text():
    text = 'Lavrov said: "We agreed." Then “we left,“ he said.'
    for q in find_quotes(text):
        assert text[q.start : q.end] == q.text


SPEAKERS = [
    ('"We will be glad to see you in Moscow soon," Vladimir Putin told Narendra Modi.', "Putin", "Modi"),
    ('Angela Merkel said: "Europe must stand together in this difficult hour."', "Merkel", None),
    ("“The talks were frank and useful,” said Wang Yi, China's foreign minister.", "Yi", None),
    ("“It is very hard to point to real change,” said Michael Shifter, president of the Inter-American Dialogue.", "Shifter", None),
    ("“Cuba is open to discuss any issue,” said Cuban Foreign Ministry official Josefina Vidal.", "Vidal", None),
    ('"Our channels are open," Russian envoy to Afghanistan Zamir Kabulov told the Interfax agency.', "Kabulov", None),
    ('"The risks are rising," according to Anthony Cordesman of the Center for Strategic Studies.', "Cordesman", None),
    ('"We have no plans to leave," Prime Minister Justin Trudeau said in a statement.', "Trudeau", None),
    # "he said" after a sentence that names the speaker
    ('Joe Biden met reporters in Delaware. "Nobody wants a new cold war with anyone," he said.', "Biden", None),
    ("Analyst Faysal Itani does not see Gulf states joining. “Their strength is in their money,” he said.", "Itani", None),
    # "he said" right after another quote of the same speaker
    ('"We will wait," Canadian Foreign Minister Joe Clark said. "There is a lot more attention to our files," he added.', "Clark", None),
    # "he said" is the last sentence's own subject, not a person its clauses tell of
    ("Bulent Aliriza told VOA that it would be a success for Trump if Andrew Brunson is released. \"This shows it matters to the president,\" he said.", "Aliriza", None),
    ("Joe Clark told a news conference he was persuaded. But he admitted he had won no promises. \"There is a lot more attention to our files,\" he told reporters.", "Clark", None),
    # a photo caption between the speaker's introduction and the quote
    ("Volodymyr Horbach, a political analyst in Kyiv, offered a grim view.\nFILE - Joe Biden, left, shakes hands with Petro Poroshenko in Kyiv, Dec. 7, 2015.\n“Ukraine will be used as a bargaining chip,” he said.", "Horbach", None),
    # words quoted inside a sentence about a person
    ('Vladimir Putin called the downing of the jet "a stab in the back from our partners."', "Putin", None),
    ('Kyodo quoted Yasuhiro Nakasone as telling reporters, "I entirely accept what the envoy recommended."', "Nakasone", None),
]


@pytest.mark.parametrize(("text", "speaker", "addressee"), SPEAKERS)
def test_quote_speaker(extractor, text, speaker, addressee):
    x = read(extractor, text).extraction
    quoted = [s for s in x.statements if s.quote]
    assert quoted, x.statements
    said = quoted[-1]
    assert surname(x, said.speaker) == speaker, said
    assert (surname(x, said.addressee) if said.addressee else None) == addressee, said


NO_SPEAKER = [
    '"We will not allow this," a government spokesman said.',
    '"The deal is done," the Foreign Ministry said in a statement.',
    '"It is a good day," an official who asked not to be named told reporters.',
]


@pytest.mark.parametrize("text", NO_SPEAKER)
def test_quote_without_a_named_speaker(extractor, text):
    x = read(extractor, text).extraction
    assert not [s for s in x.statements if s.quote], x.statements


def test_a_quote_split_by_its_attribution_has_one_speaker(extractor):
    text = '"We have agreed to meet again," Antony Blinken said, "and to keep our channels open at all times."'
    x = read(extractor, text).extraction
    quoted = [s for s in x.statements if s.quote]
    assert len(quoted) == 2 and {s.speaker for s in quoted} == {"antony-blinken"}


def test_a_paragraph_that_is_only_a_quote_continues_the_last_speaker(extractor):
    text = 'Emmanuel Macron said Europe needed its own defence.\n\n"We cannot depend on others for our security."'
    x = read(extractor, text).extraction
    assert [s.speaker for s in x.statements if s.quote] == ["emmanuel-macron"]


def test_indirect_speech_is_content(extractor):
    x = read(extractor, "Vladimir Putin said the domestic political calendar in India is difficult.").extraction
    (statement,) = x.statements
    assert statement.quote is None and statement.content.startswith("the domestic political calendar")
