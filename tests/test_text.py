"""The shared text helpers: the four ways of folding a name to a key, lenient name matching, first lines.

The keys are written into stores (IRIs, dip:nameKey values, person keys), so these tables pin
them: a change here is a change of the data.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kb.rdf.iris import slug
from kb.text import (
    ascii_words,
    first_line,
    first_names_agree,
    fold,
    name_key,
    normalise_name,
    same_surname_leniently,
    strip_accents,
)


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("Sergei Lavrov", "sergei lavrov"), ("  SERGEI   LAVROV ", "sergei lavrov"),
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"), ("Mevlüt Çavuşoğlu", "mevlut cavusoglu"),
        ("Gerhard Schröder", "gerhard schroder"), ("François Mitterrand", "francois mitterrand"),
        ("S. Jaishankar", "s jaishankar"), ("George H.W. Bush", "george h w bush"),
        ("Kim Jong-un", "kim jong un"), ("O'Brien", "obrien"), ("India’s", "indias"),
        ("Łukasz Støre", "lukasz store"), ("Binali Yıldırım", "binali yildirim"), ("Strauß", "strauss"),
        ("", ""), ("...", ""),
    ],
)
def test_normalise_name(raw, normalised):
    assert normalise_name(raw) == normalised


@pytest.mark.parametrize(("text", "key"), [
    ("Sergey Lavrov", "sergey lavrov"),
    ("  S. JAISHANKAR ", "s jaishankar"),
    ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("Jean-Yves Le Drian", "jean yves le drian"),
    ("O'Brien", "o brien"),
    ("Пу́тин", "путин"),
    ("?!", ""),
])
def test_name_key_folds_case_accents_and_punctuation(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(("text", "words"), [
    ("Sergei Lavrov", ["sergei", "lavrov"]),
    ("Recep Tayyip Erdoğan", ["recep", "tayyip", "erdogan"]),
    ("“Lavrov’s” visit, Lavrov's 2023!", ["lavrovs", "visit", "lavrov", "s", "2023"]),  # ’ is not ASCII
    ("Łukasz Путин", ["ukasz"]),  # letters with no ASCII base are dropped, not spelled out
    ("", []),
])
def test_ascii_words_keep_only_ascii_letters_and_digits(text, words):
    assert ascii_words(text) == words


@pytest.mark.parametrize(("text", "expected"), [
    ("Sergei Lavrov", "sergei-lavrov"), ("  Élysée Palace ", "elysee-palace"),
    ("spacy-rules/2", "spacy-rules-2"),
    ("--", ""),
])
def test_slugs_are_ascii_words_joined_by_hyphens(text, expected):
    assert slug(text) == expected


@pytest.mark.parametrize(("text", "folded"), [
    ("Côte d’Ivoire", "cote d'ivoire"), ("The U.S.", "the u.s."), ("São  Tomé", "sao  tome"), ("ﬁ", "fi"),
])
def test_fold_changes_only_case_accents_and_curly_apostrophes(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(("text", "name", "key", "words"), [
    ("O'Brien", "obrien", "o brien", ["o", "brien"]),
    ("Wałęsa", "walesa", "wałesa", ["waesa"]),
    ("Пу́тин", "путин", "путин", []),
    ("ʼAbd", "abd", "ʼabd", ["abd"]),  # a modifier letter apostrophe is a letter to the name key
    ("ϒ", "υ", "Υ", []),  # case is folded before the accent goes: what stores hold
])
def test_the_keys_differ_on_purpose(text, name, key, words):
    assert (normalise_name(text), name_key(text), ascii_words(text)) == (name, key, words)


@given(st.text())
def test_ascii_words_are_stable_when_folded_again(text):
    assert ascii_words(" ".join(ascii_words(text))) == ascii_words(text)


@given(st.text())
def test_no_key_keeps_an_accent(text):
    for key in (normalise_name(text), name_key(text), " ".join(ascii_words(text)), fold(text)):
        assert strip_accents(key) == key


@pytest.mark.parametrize(("a", "b", "agree"), [
    ("s", "subrahmanyam", True), ("subrahmanyam", "s", True), ("joe", "joe", True),
    ("joe", "jill", False), ("s", "t", False),
])
def test_first_names_agree_only_when_equal_or_an_initial(a, b, agree):
    assert first_names_agree(a, b) is agree


@pytest.mark.parametrize(("a", "b", "same"), [
    (("lavrov",), ("sergey", "lavrov"), True),
    (("a", "blinken"), ("antony", "blinken"), True),
    (("joe", "biden"), ("jill", "biden"), True),  # the scorer is looser than the extractor
    (("vladimir", "putin"), ("ivan", "putin"), False),
    (("wang", "yi"), ("li", "qiang"), False),
    ((), ("putin",), False),
])
def test_same_surname_leniently(a, b, same):
    assert same_surname_leniently(a, b) is same
    assert same_surname_leniently(b, a) is same


def test_first_line():
    assert first_line(ValueError("bad value\n  at line 3")) == "bad value"
    assert first_line(ValueError()) == "ValueError"
    assert first_line(ValueError("  "), default="") == ""
    assert first_line("x" * 500, limit=200) == "x" * 200
    assert first_line("", 300, "no message") == "no message"
    assert first_line("\n\n  second\nthird") == "second"
