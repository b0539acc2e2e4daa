"""Whether a text has English prose for the extractor to read; tables, lists and other languages
are skipped (``Skipped``), not failed.

Cheap signals, no model. A news feed carries many items without prose: price tables, earnings
figures, results lists. Their lines are *rows*: short or full of numbers, and not ending a
sentence. Text in another language is prose with few English function words, or mostly letters
outside the Latin script.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from kb.errors import Skipped

# The extractor reads English only. English prose is about a third function words (0.29-0.42 in
# the sample and gold articles); French, German or Spanish news has a few per cent of these.
_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for from with by and or but as that this is are was were be been has have "
    "had he she it its his her they their we our you will would said says not who which after also".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_MIN_WORDS_TO_JUDGE = 20  # fewer words say too little about the language, or about a layout
_MIN_FUNCTION_SHARE = 0.12
_ROW_WORDS = 5  # a line with fewer words, not ending a sentence, is a row of a table or list


def check_prose(path: Path | str, text: str, line: int | None = None) -> None:
    """Raise ``Skipped`` unless ``text`` (cleaned, not empty) holds English prose."""
    letters = "".join(_LETTERS.findall(text))
    if len(letters) < 10:
        return
    other = [c for c in letters if ord(c) > 0x24F]  # beyond Latin Extended-B
    if len(other) * 2 > len(letters):
        script = Counter(unicodedata.name(c, "OTHER").split()[0] for c in other).most_common(1)[0][0]
        name = script if script == "CJK" else script.title()
        raise Skipped(str(path), f"not English text (mostly {name} script)", line, reason="not English")

    tokens = rows = 0
    prose: list[str] = []
    for text_line in text.splitlines():
        parts = text_line.split()
        numbers = sum(1 for p in parts if _DIGIT.search(p))
        words = [w for p in parts if not _DIGIT.search(p) for w in _LETTERS.findall(p)]
        tokens += numbers + len(words)
        ends_sentence = bool(_SENTENCE_END.search(text_line.rstrip()))
        if parts and not ends_sentence and (len(words) < _ROW_WORDS or numbers * 2 >= len(words)):
            rows += numbers + len(words)
        else:
            prose.extend(words)
    if tokens < _MIN_WORDS_TO_JUDGE:
        return
    if len(prose) < _MIN_WORDS_TO_JUDGE and rows * 2 >= tokens:
        raise Skipped(str(path), f"no prose to read (a table or list: {rows} of {tokens} words in rows)",
                      line, reason="table or list")
    judged = prose if len(prose) >= _MIN_WORDS_TO_JUDGE else _LETTERS.findall(text)
    if len(judged) >= _MIN_WORDS_TO_JUDGE:
        share = sum(1 for w in judged if w.lower() in _FUNCTION_WORDS) / len(judged)
        if share < _MIN_FUNCTION_SHARE:
            raise Skipped(str(path), f"not English text (only {share:.0%} common English words)", line,
                          reason="not English")
