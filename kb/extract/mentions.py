"""Name mentions in a parsed article: each name with the title and country written beside it.

The tagger's PERSON spans are the start; a title announces the names it missed ("Trade Minister
Denis Manturov"), and a headline's capitals are not trusted further than the story bears them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.lexicon import (
    HONORIFICS,
    NAME_PARTICLES,
    OFFICE_WORDS,
    ORGANISATION_WORDS,
    PERSON_NOUNS,
    TITLE_FILLERS,
)
from kb.reference.countries import country_code, is_demonym
from kb.reference.places import lookup_place
from kb.text import normalise_name

_NAME_TOKEN = re.compile(
    r"^[A-Z][\w'’.-]*$|^(?i:" + "|".join(sorted(NAME_PARTICLES)) + r")(?:-[A-Z][\w'’.-]*)?$"
)
_POSSESSIVE = ("'s", "’s", "'", "’")
_GLUED_HEADER = re.compile(r"-(?:The|A|An|In|On|At|As|But|And|For|With|It|This|That)$")
_GLUED_WORD = re.compile(r"^(?:The|A|An|In|On|At|As|But|And|For|With|It|This|That)$")
_POSTING_PREPS = {"to", "in", "at", "for"}
_PARTICLES = NAME_PARTICLES
# Words that spaCy sometimes tags as people but never are names on their own.
_NOT_NAMES = {
    "god",
    "allah",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
    "president",
    "minister",
    "said",
    "tass",
    "file",  # "FILE - ...": a photo caption's mark
}


@dataclass
class Mention:
    """One name as written, with the title and country the text gives it there."""

    start: int  # token index of the name's first token
    end: int  # one past the last token
    name: str
    title: str | None = None
    country: str | None = None
    key: str = ""


def trim_headline(doc, mentions: list[Mention], end: int) -> list[Mention]:
    """Names in a headline are kept as far as the story names them too: a headline's capitals
    make the tagger read "Kerry Heading to Ukraine" as a person "Kerry Heading"."""
    if not end:
        return mentions
    body = {w for m in mentions if doc[m.start].idx >= end for w in normalise_name(m.name).split()}
    out = []
    for m in mentions:
        if doc[m.start].idx >= end:
            out.append(m)
            continue
        words = [normalise_name(t.text) for t in doc[m.start : m.end]]
        keep = m.end
        while keep > m.start and words[keep - m.start - 1] not in body:
            keep -= 1
        if keep > m.start:
            name = doc[m.start : keep].text
            out.append(Mention(m.start, keep, name, m.title, m.country) if keep < m.end else m)
    return out


def find_mentions(doc) -> list[Mention]:
    """Every name mention of the document, in text order, none overlapping another."""
    mentions: list[Mention] = []
    taken: set[int] = set()
    for start, end in _person_spans(doc):
        # "Haddadi" + "Gholam-reza": a first part of the name the tagger left outside it
        while start > 0 and end - start < 4 and _name_part(doc[start - 1]):
            start -= 1
        mention = _mention_from_span(doc, start, end)
        if mention and not taken.intersection(range(mention.start, mention.end)):
            mentions.append(mention)
            taken.update(range(mention.start, mention.end))
    # names the tagger missed but a title announces: "Trade Minister Denis Manturov"
    for token in doc:
        if token.i in taken or token.lower_ not in OFFICE_WORDS:
            continue
        j = token.i + 1
        while j < len(doc) and (
            doc[j].lower_ in TITLE_FILLERS
            or doc[j].lower_ in OFFICE_WORDS
            or (
                (country_code(doc[j].text) or doc[j].ent_type_ == "GPE")
                and doc[j - 1].lower_ in _POSTING_PREPS
            )
        ):
            j += 1
        k = j
        while (
            k < len(doc)
            and k - j < 4
            and doc[k].pos_ == "PROPN"
            and _NAME_TOKEN.match(doc[k].text)
            and doc[k].lower_ not in OFFICE_WORDS
            and not country_code(doc[k].text)
            and k not in taken
            and doc[k].ent_type_ in ("", "PERSON", "ORG", "NORP", "GPE")
        ):
            k += 1
        single_ok = (
            k - j == 1
            and j == token.i + 1
            and doc[j].ent_type_ in ("", "PERSON")
            and doc[j].lower_ not in TITLE_FILLERS
        )
        if (k - j >= 2 or single_ok) and not any(doc[x].ent_type_ == "GPE" for x in range(j, k)):
            mention = _mention_from_span(doc, j, k)
            if mention and not taken.intersection(range(mention.start, mention.end)):
                mentions.append(mention)
                taken.update(range(mention.start, mention.end))
    # names an apposition says are people's: "Volodymyr Horbach, a political analyst at ...",
    # "the president of the commission, Jean-Claude Juncker,"
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        after_noun = any(c.dep_ == "appos" and c.lemma_.lower() in PERSON_NOUNS for c in token.children)
        if not after_noun and not _names_an_office_holder(token):
            continue
        start = token.i
        while (
            start > 0
            and (doc[start - 1].dep_ == "compound" or _inner_hyphen(doc, start - 1))
            and doc[start - 1].pos_ in ("PROPN", "PUNCT")
            and token.i - start < 4
        ):
            start -= 1
        if not after_noun and (token.i == start or doc[start].pos_ != "PROPN"):
            continue  # a one-word apposition after an office is as often an organisation's name
        mention = _mention_from_span(doc, start, token.i + 1)
        if mention and not taken.intersection(range(mention.start, mention.end)):
            mentions.append(mention)
            taken.update(range(mention.start, mention.end))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _names_an_office_holder(token) -> bool:
    """A name in apposition to an office, or to what the office is of: "the president of the
    European Commission, Jean-Claude Juncker" (the parse may hang the name on either noun)."""
    if token.dep_ != "appos" or token.ent_type_ == "GPE" or token.lower_ in ORGANISATION_WORDS:
        return False
    head = token.head
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        if head.pos_ != "PROPN":
            return False  # "the director of the company, Gazprom Neft": the company's name
        head = head.head.head
    return head.lemma_.lower() in OFFICE_WORDS


def _inner_hyphen(doc, i: int) -> bool:
    """A hyphen joining two parts of one name ("Jean-Claude")."""
    return i > 0 and doc[i].text in ("-", "‐") and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def _name_part(tok) -> bool:
    """A capitalised word that can begin a name: not an office, a country, a demonym or a filler."""
    return (
        tok.pos_ == "PROPN"
        and tok.is_title
        and tok.whitespace_ != ""
        and tok.ent_type_ in ("", "PERSON")
        and not tok.is_sent_start
        and tok.lower_ not in OFFICE_WORDS
        and tok.lower_ not in TITLE_FILLERS
        and tok.lower_ not in HONORIFICS
        and not country_code(tok.text)
        and not is_demonym(tok.text)
        and _NAME_TOKEN.match(tok.text) is not None
    )


def _person_spans(doc) -> list[tuple[int, int]]:
    """The tagger's PERSON entities, adjacent ones joined: it cuts long names into pieces
    ("King Salman" + "bin Abd al-Aziz" + "Al Saud")."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if spans and spans[-1][1] == ent.start and doc[ent.start - 1].whitespace_:
            spans[-1] = (spans[-1][0], ent.end)
        else:
            spans.append((ent.start, ent.end))
    return spans


def _mention_from_span(doc, start: int, end: int) -> Mention | None:
    # drop titles and honorifics the entity swallowed ("President Putin"), and a trailing "'s"
    while start < end and (
        doc[start].lower_ in HONORIFICS
        or _office(doc[start].lower_)
        or doc[start].lower_ in TITLE_FILLERS
        or is_demonym(doc[start].text)
        or not doc[start].text[:1].isalnum()
    ):
        start += 1
    while start < end - 1:  # "the Prime Minister of New Zealand Bill English": a country before the name
        code, size = _country_starting(doc, start, end - 1)
        if not code:
            break
        start += size
    while end > start and (doc[end - 1].text in _POSSESSIVE or not doc[end - 1].text[:1].isalnum()):
        end -= 1
    # "Yoon Suk" + "Yeol": a last name part the tagger left untagged
    extra = 0
    while (
        end < len(doc)
        and extra < 2
        and doc[end].pos_ == "PROPN"
        and not doc[end].ent_type_
        and doc[end].text[:1].isupper()
        and doc[end].lower_ not in OFFICE_WORDS
        and doc[end - 1].whitespace_
    ):
        end += 1
        extra += 1
    # "Daniel arap" + "Moi": a name the tagger cut after its particle
    if (
        end < len(doc)
        and end - start >= 2
        and doc[end - 1].lower_ in _PARTICLES
        and doc[end].text[:1].isupper()
    ):
        end += 1
    # "Abdel Fattah" + "el-Sissi": a particle joined to the last name by a hyphen
    if (
        end + 2 < len(doc)
        and doc[end].lower_ in _PARTICLES
        and _inner_hyphen(doc, end + 1)
        and doc[end + 2].text[:1].isupper()
        and doc[end - 1].whitespace_
    ):
        end += 3
    # "Ursula von" + "der Leyen": particles the tagger left outside the name
    while (
        end + 1 < len(doc)
        and doc[end].lower_ in _PARTICLES
        and (doc[end + 1].lower_ in _PARTICLES or doc[end + 1].text[:1].isupper())
    ):
        end += 1
        while end < len(doc) and doc[end].lower_ in _PARTICLES:
            end += 1
        if end < len(doc) and doc[end].text[:1].isupper():
            end += 1
    # hyphenated given names the tagger cut short: "Lho Shin" + "-yong"
    while (
        end + 1 < len(doc)
        and doc[end].text in ("-", "‐")
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
    ):
        end += 2
    for n in range(start + 1, end - 1):  # "Meeting with Merkel-On Monday": the name ends at the hyphen
        if doc[n].text in ("-", "‐") and _GLUED_WORD.match(doc[n + 1].text):
            end = n
            break
    if start >= end:
        return None
    words = [t.text for t in doc[start:end]]
    name = doc[start:end].text
    if any(_GLUED_HEADER.search(w) for w in words):
        return None  # "Trump, Abe-The comments ...": a subheading glued to the next sentence
    glued = next(
        (n for n in range(1, len(words) - 1) if words[n] in ("-", "‐") and _GLUED_WORD.match(words[n + 1])),
        None,
    )
    if glued is not None:  # "Meeting with Merkel-On Monday": the name ends at the hyphen
        return _mention_from_span(doc, start, start + glued)
    inner_ok = all(
        _NAME_TOKEN.match(w)
        or (w in ("-", "‐") and 0 < n < len(words) - 1)
        or (n > 1 and words[n - 1] in ("-", "‐") and w.isalpha())  # "Hwang-sik"
        for n, w in enumerate(words)
    )
    if any(ch.isdigit() for ch in name) or not inner_ok:
        return None
    if name.lower() in _NOT_NAMES or country_code(name) or (len(words) == 1 and is_demonym(name)):
        return None
    if words[-1].lower() in ORGANISATION_WORDS:
        return None  # "Policy Council": an organisation the tagger read as a person

    if name.isupper() and len(name) > 4:  # a shouted headline word, not a name
        return None
    root = doc[start:end].root
    if (
        root.dep_ == "compound"
        and root.head.pos_ == "NOUN"
        and root.head.text.islower()
        and not _office(root.head.lower_)
        and root.head.i >= end
    ):
        return None  # a name modifying a common noun ("Lok Sabha elections") is not a person here
    title, country = title_before(doc, start)
    if title is None:
        title, country = _title_apposition(doc, start, end)
    if title is None and len(words) == 1 and lookup_place(name) is not None:
        return None  # "Kyiv" tagged as a person; "Queen Elizabeth" keeps her title and stays one
    return Mention(start=start, end=end, name=name, title=title, country=country)


def _office(word: str) -> bool:
    """An office word, singular or plural ("Ministers Manturov and Lavrov")."""
    return word in OFFICE_WORDS or (word.endswith("s") and word[:-1] in OFFICE_WORDS)


def title_before(doc, start: int) -> tuple[str | None, str | None]:
    """The office written before a name: "Russian President", "India's External Affairs Minister",
    "North Korean leader", "Saudi Arabia's Foreign Minister"."""
    i = start - 1
    tokens = []
    country = None
    while i >= 0:
        t = doc[i]
        lower = t.lower_
        if lower in HONORIFICS:
            i -= 1
            continue
        if t.text in _POSSESSIVE and i > 0:
            code, size = _country_ending(doc, i - 1)
            if code:
                country = country or code
                i -= size + 1
                continue
        code, size = _country_ending(doc, i)
        if code or t.text in ("U.S.", "U.N.", "EU", "UN"):
            posting = i - size >= 0 and doc[i - size].lower_ in _POSTING_PREPS
            if posting:  # "Ambassador to Russia": a posting, not a nationality
                tokens[:0] = list(doc[i - size + 1 : i + 1])
            else:
                country = country or code
            i -= size
            continue
        if (
            lower in OFFICE_WORDS
            or lower in TITLE_FILLERS
            or (t.text == "-" and tokens and not t.whitespace_)
        ):
            tokens.insert(0, t)
            i -= 1
            continue
        break
    while tokens and tokens[0].lower_ in ("of", "and", "the", "to", "in", "for", "-", "at"):
        tokens.pop(0)
    if not any(t.lower_ in OFFICE_WORDS for t in tokens):
        return None, None
    title, inner = _split_title(tokens)
    return title, country or inner


def _country_starting(doc, i: int, limit: int) -> tuple[str | None, int]:
    """The country a name starting at token ``i`` (and ending before ``limit``) denotes, if any."""
    for size in (4, 3, 2, 1):
        if i + size > limit:
            continue
        words = doc[i : i + size]
        if (
            all(w.text[:1].isupper() for w in words)
            and country_code(words.text)
            and not is_demonym(words.text)
        ):
            return country_code(words.text), size
    return None, 1


def _country_ending(doc, i: int) -> tuple[str | None, int]:
    """The country a name or demonym ending at token ``i`` denotes, and how many tokens it takes
    ("Russia", "North Korean", "Saudi Arabia", "United Arab Emirates")."""
    for size in (4, 3, 2, 1):
        if i - size + 1 < 0:
            continue
        words = doc[i - size + 1 : i + 1]
        if size > 1 and not all(w.text[:1].isupper() or w.lower_ == "of" for w in words):
            continue
        code = country_code(words.text)
        if code:
            return code, size
    return None, 1


def _title_apposition(doc, start: int, end: int) -> tuple[str | None, str | None]:
    """The office in an apposition: "Sergei Lavrov, Russia's foreign minister," or the reverse."""
    head = doc[start:end].root
    candidates = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        candidates.append(head.head)
    for noun in candidates:
        if noun.lower_ not in OFFICE_WORDS or noun.i in range(start, end):
            continue
        # the words before the office, and a country after it ("the prime minister of Japan")
        after = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
        words = [t for t in noun.subtree if t.i <= noun.i] + [g for g in after if country_code(g.text)]
        words = [t for t in words if t.dep_ not in ("det", "punct") and not (start <= t.i < end)]
        words = [
            t
            for t in words
            if t.lower_ in OFFICE_WORDS
            or t.lower_ in TITLE_FILLERS
            or country_code(t.text)
            or t.text in _POSSESSIVE
        ]
        if words:
            return _split_title(words)
    return None, None


def _split_title(tokens) -> tuple[str | None, str | None]:
    country = None
    words = []
    for n, t in enumerate(tokens):
        code = country_code(t.text) if t.lower_ not in OFFICE_WORDS else None
        posting = n > 0 and tokens[n - 1].lower_ in _POSTING_PREPS
        if code and not posting:
            country = country or code
            continue
        if t.text in _POSSESSIVE:
            continue
        words.append(t.text)
    while words and words[-1].lower() in ("of", "and", "the", "to", "in", "for", "-"):
        words.pop()
    while words and words[0].lower() in ("of", "and", "the", "to", "in", "for", "-"):
        words.pop(0)
    if not words:
        return None, country
    title = " ".join(words).replace(" - ", "-")
    if title.islower():
        title = " ".join(
            w if w in ("of", "and", "the", "for", "to", "in") else w.capitalize() for w in title.split()
        )
    return title, country
