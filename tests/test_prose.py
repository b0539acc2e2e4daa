"""Which texts have English prose to read: newswire tables, figures and results lists are skipped,
and so is prose in another language, while short briefs and articles holding a table are read."""

from __future__ import annotations

import pytest

from kb.errors import Skipped
from kb.readers.prose import check_prose

EARNINGS = """Shr 35 cts vs 31 cts
Net 5,200,000 vs 4,600,000
Revs 92.1 mln vs 81.3 mln
Nine mths
Shr 1.02 dlrs vs 88 cts
Net 15.1 mln vs 13.0 mln
Revs 270.5 mln vs 241.0 mln
NOTE: 1986 net includes gain of 1.2 mln dlrs from sale of unit.
"""
FUTURES = """U.S. GRAIN FUTURES CLOSE
Wheat   MAR 2.85 1/2   MAY 2.77 3/4   JUL 2.63
Corn    MAR 1.58       MAY 1.64 1/4   JUL 1.69 1/2
Soybeans MAR 4.98 1/4  MAY 4.99 1/2   JUL 5.00
Oats    MAR 1.60       MAY 1.55       JUL 1.50
"""
RESULTS = """Leading final positions in the men's World Cup downhill:
1. Pirmin Zurbriggen (Switzerland) 1:59.63
2. Peter Mueller (Switzerland) 2:00.22
3. Karl Alpiger (Switzerland) 2:00.55
4. Franz Heinzer (Switzerland) 2:00.71
5. Markus Wasmeier (West Germany) 2:00.94
"""
NAMES = """The following were named to the new cabinet
Finance Hans Mueller
Foreign Affairs Peter Schmidt
Defence Karl Weber
Interior Franz Huber
Economy Markus Bauer
Justice Otto Keller
Health Anna Fischer
"""
ONE_LINE_FIGURES = ("Shr 35 cts vs 31 cts Net 5,200,000 vs 4,600,000 Revs 92.1 mln vs 81.3 mln "
                    "Shr 1.02 dlrs vs 88 cts")
GERMAN = ("Der russische Präsident Wladimir Putin hat am Montag in Moskau den chinesischen Staatschef "
          "Xi Jinping empfangen. Beide Seiten sprachen über die bilaterale Zusammenarbeit und die Lage "
          "in der Welt.")
WRAPPED = """PEKING, March 3 - Chinese leader Deng Xiaoping told
visiting U.S. Secretary of State George Shultz China's recent
troubles were over.
    The two discussed Washington's scandal over U.S. Arms sales
to Iran and China's political situation after the fall of
Communist Party leader Hu Yaobang.
"""
SHORT_LINES = """Putin met Xi in Moscow on Monday.
They discussed trade and energy.
The talks lasted three hours.
No agreement was signed, officials said.
"""
WITH_A_TABLE = """Indian Prime Minister Narendra Modi met Russian President Vladimir Putin in Moscow
on Tuesday, and the two leaders agreed to raise their trade, the foreign ministry said in a
statement.
Trade between the two countries, in billions of dollars:
2021 13.5
2022 35.0
2023 65.7
"""


@pytest.mark.parametrize(("text", "reason"), [
    (EARNINGS, "table or list"),
    (FUTURES, "table or list"),
    (RESULTS, "table or list"),
    (NAMES, "table or list"),
    (ONE_LINE_FIGURES, "table or list"),
    (GERMAN, "not English"),
])
def test_texts_without_english_prose_are_skipped(text, reason):
    with pytest.raises(Skipped) as caught:
        check_prose("feed.jsonl", text, line=7)
    assert caught.value.reason == reason
    assert caught.value.status == "skipped"
    assert str(caught.value).startswith("feed.jsonl:7: ")


@pytest.mark.parametrize("text", [WRAPPED, SHORT_LINES, WITH_A_TABLE, "Putin met Xi.",
                                  "Putin met Xi on 2023-03-21 at 10:00."])
def test_english_prose_is_read(text):
    check_prose("article.txt", text)


def test_the_problem_says_how_much_is_in_rows():
    with pytest.raises(Skipped, match=r"no prose to read \(a table or list: \d+ of \d+ words in rows\)"):
        check_prose("a.txt", FUTURES)
