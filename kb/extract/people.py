"""People in one article: its name mentions (``kb.extract.mentions``) grouped into persons.

Every later mention ("Putin", "the Russian President", "he") resolves to the same person;
the gazetteer of known people gives canonical names, so the same person is one key across
articles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kb.extract.context import ArticleContext, is_caption
from kb.extract.lexicon import (
    COLLECTIVE_NOUNS,
    GROUP_NOUNS,
    OFFICE_WORDS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    TITLE_FILLERS,
)
from kb.extract.mentions import Mention, find_mentions, title_before, trim_headline
from kb.extract.syntax import subjects
from kb.model import Person
from kb.reference.countries import country_code
from kb.text import first_names_agree, normalise_name

_NAME_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative", "attr", "ROOT", "poss"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
_GROUP_OFFICES = {
    "leader": (
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "leader",
        "emir",
        "pope",
    ),
    "president": ("president",),
    "minister": ("minister", "secretary"),
}
_GENERIC_TITLES = {
    "counterpart",
    "leader",
    "official",
    "head",
    "chief",
    "monarch",
    "ruler",
    "envoy",
    "diplomat",
}
_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "both": 2,
}


@dataclass
class Cluster:
    tokens: list[str]  # normalised tokens of the fullest name
    mentions: list[Mention] = field(default_factory=list)
    key: str = ""


def read_people(ctx: ArticleContext) -> People:
    """The people the article names, grouped into persons, ready to resolve references."""
    return People(ctx)


class People:
    """The people of one parsed article and the resolution of references to them."""

    def __init__(self, ctx: ArticleContext):
        doc = ctx.doc
        self.doc = doc
        self.article_id = ctx.article.id  # scopes people known only by their office
        self.gazetteer = ctx.gazetteer
        self.in_quote = ctx.in_quote
        skip_before = ctx.dateline_end
        # nothing in the dateline is a person, nor are its place names anywhere else ("Nusa Dua")
        dateline = normalise_name(doc.text[:skip_before])
        mentions = [
            m
            for m in find_mentions(doc)
            if doc[m.start].idx >= skip_before and not (dateline and normalise_name(m.name) in dateline)
        ]
        self.mentions = trim_headline(doc, mentions, ctx.headline_end)
        self._known_surnames()
        self.persons: dict[str, Person] = {}
        self.titles: dict[str, set[str]] = {}  # every office a person is given, for "the President"
        self.token_person: dict[int, str] = {}
        self._cluster()

    # -- building --------------------------------------------------------------------------

    def _cluster(self) -> None:
        clusters: list[Cluster] = []
        ordered = sorted(self.mentions, key=lambda m: (-len(normalise_name(m.name).split()), m.start))
        for mention in ordered:
            tokens = normalise_name(mention.name).split()
            if not tokens:
                continue
            target = self._match(clusters, tokens, mention)
            if target is None:
                target = Cluster(tokens=tokens)
                clusters.append(target)
            target.mentions.append(mention)
        for cluster in clusters:
            self._make_person(cluster)
        for mention in self.mentions:
            if mention.key:
                for i in range(mention.start, mention.end):
                    self.token_person[i] = mention.key
        self._propagate(clusters)

    def _propagate(self, clusters: list[Cluster]) -> None:
        """The tagger misses some mentions of a name it found elsewhere ("Modi" in a headline):
        a proper noun equal to a known person's surname is that person."""
        surnames: dict[str, set[str]] = {}
        for c in clusters:
            if c.key:
                surnames.setdefault(c.tokens[-1], set()).add(c.key)
        firsts: dict[str, set[str]] = {}
        for c in clusters:
            if c.key and len(c.tokens) >= 2 and len(c.tokens[0]) > 2:
                firsts.setdefault(c.tokens[0], set()).add(c.key)
        for tok in self.doc:
            if tok.i in self.token_person or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            if tok.ent_type_ in ("GPE", "NORP", "ORG", "LOC", "FAC") and tok.dep_ not in _NAME_ROLES:
                continue  # "Albanese officials" is a demonym; "Albanese said" is the prime minister
            word = normalise_name(tok.text)
            keys = surnames.get(word) or (firsts.get(word) if word not in surnames else None)
            if keys and len(keys) == 1:
                key = next(iter(keys))
                self.token_person[tok.i] = key
                self.mentions.append(Mention(tok.i, tok.i + 1, tok.text, key=key))
        self.mentions.sort(key=lambda m: m.start)

    def _known_surnames(self) -> None:
        """A lone surname the tagger missed ("Biden's invitation" read as an organisation) is a
        person when the gazetteer knows exactly one person by it."""
        taken = {i for m in self.mentions for i in range(m.start, m.end)}
        for tok in self.doc:
            if tok.i in taken or tok.pos_ != "PROPN" or tok.dep_ not in _NAME_ROLES or len(tok.text) < 3:
                continue
            if tok.ent_type_ not in ("", "PERSON", "ORG", "NORP") or not tok.text[:1].isupper():
                continue
            if tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].pos_ == "PROPN":
                continue
            entry = self.gazetteer.lookup_surname(tok.text)
            if entry is not None:
                title, country = title_before(self.doc, tok.i)
                self.mentions.append(Mention(tok.i, tok.i + 1, tok.text, title=title, country=country))
        self.mentions.sort(key=lambda m: m.start)

    def _match(self, clusters: list[Cluster], tokens: list[str], mention: Mention) -> Cluster | None:
        if len(tokens) >= 2:
            for c in clusters:
                if c.tokens == tokens:
                    return c
                if (len(c.tokens) >= 2 and c.tokens[-1] == tokens[-1]
                        and first_names_agree(c.tokens[0], tokens[0])):
                    return c
            return None
        word = tokens[0]
        by_last = [c for c in clusters if c.tokens[-1] == word]
        by_first = [c for c in clusters if len(c.tokens) >= 2 and c.tokens[0] == word and len(word) > 1]
        candidates = by_last or by_first
        if len(candidates) > 1:  # the most recently mentioned one before this mention

            def last_before(c: Cluster) -> int:
                return max((m.start for m in c.mentions if m.start < mention.start), default=-1)

            def same_office(c: Cluster) -> bool:  # "President Biden" is Joe, not Jill
                return bool(mention.title) and any(m.title == mention.title for m in c.mentions)

            candidates.sort(key=lambda c: (same_office(c), last_before(c)), reverse=True)
        return candidates[0] if candidates else None

    def _make_person(self, cluster: Cluster) -> None:
        mentions = sorted(cluster.mentions, key=lambda m: m.start)
        fullest = max(mentions, key=lambda m: (len(m.name.split()), len(m.name), -m.start)).name
        # the first specific office: "his Chinese counterpart" or "Chinese leader" say less than the gazetteer
        titles = [m.title for m in mentions if m.title]
        title = next((t for t in titles if t.lower() not in _GENERIC_TITLES), None)
        country = next((m.country for m in mentions if m.country), None)
        entry = self.gazetteer.lookup(fullest)
        if entry is None and len(cluster.tokens) == 1:
            entry = self.gazetteer.lookup_surname(fullest, country)
        if (
            entry is not None
            and country
            and entry.country
            and entry.country != country
            and (entry.country, country) not in {("RU", "SU"), ("SU", "RU")}
        ):
            entry = None  # same name, different person
        name = entry.name if entry else fullest
        key = normalise_name(name).replace(" ", "-")
        person = self.persons.get(key)
        if person is None:
            person = Person(
                key=key,
                name=name,
                title=title or (entry.title if entry else None) or (titles[0] if titles else None),
                country=country or (entry.country if entry else None),
                wikidata=entry.wikidata if entry else None,
            )
            self.persons[key] = person
        seen_titles = self.titles.setdefault(key, set())
        seen_titles.update(m.title.lower() for m in mentions if m.title)
        if entry and entry.title:
            seen_titles.add(entry.title.lower())
        person.aliases.update(m.name for m in mentions)
        # the name with its office as written ("Pope John Paul II"), which is how many readers search
        person.aliases.update(f"{m.title} {m.name}" for m in mentions if m.title and len(m.title) <= 40)
        if entry:
            person.aliases.add(entry.name)
        for m in mentions:
            m.key = key
        cluster.key = key

    # -- resolving references ------------------------------------------------------------------

    def person_at(self, token) -> str | None:
        return self.token_person.get(token.i)

    def resolve(self, token, speaker: str | None = None) -> list[str]:
        """The persons a token refers to: a name, its conjuncts' and appositions' names, a pronoun
        or a title phrase ("the Russian President", "his Chinese counterpart")."""
        found: list[str] = []
        self._resolve_into(token, speaker, found, depth=0)
        return list(dict.fromkeys(found))

    def _resolve_into(self, token, speaker: str | None, found: list[str], depth: int) -> None:
        if depth > 6:
            return
        key = self.person_at(token)
        named_by = None  # the child naming a title noun: "counterpart Wang Yi"
        if key is None:
            for child in token.children:
                if child.dep_ in ("appos", "compound", "npadvmod") and self.person_at(child):
                    key, named_by = self.person_at(child), child
                    break
        lower = token.lower_
        if key is None and speaker and lower in ("i", "me", "we", "us", "my") and self.in_quote[token.i]:
            key = speaker
        if key is None and lower in PERSON_PRONOUNS and not self.in_quote[token.i]:
            key = self.antecedent(token)
        if key is None and token.dep_ == "attr" and token.head.lemma_ == "be":
            # "Hunter ... is a former Marine who visited": the one the copula describes
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject is not token:
                key = self.person_at(subject)
        # a singular office noun ("the Russian President"); "the two presidents" is a group
        office = (
            token.tag_ not in ("NNS", "NNPS")
            and token.pos_ in ("NOUN", "PROPN")
            and token.lemma_.lower() in OFFICE_WORDS
        )
        if key is None and office and token.i + 1 < len(self.doc):
            key = self.person_at(self.doc[token.i + 1])  # "U.S. President | Barack Obama", parsed apart
        if key is None and office:
            key = self.by_title(token)
        if key is None and token.lower_ in GROUP_NOUNS and _definite_group(token):
            found.extend(self.group(token))
        if key is None and token.lemma_.lower() in COLLECTIVE_NOUNS:  # "the group of ministers"
            members = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
            for member in members:
                if member.lower_ in GROUP_NOUNS and member.tag_ in ("NNS", "NNPS"):
                    found.extend(self.group(member))
        if key is None:  # "a delegation headed by Foreign Minister X": X
            leader = _leader(token)
            if leader is not None:
                self._resolve_into(leader, speaker, found, depth + 1)
        if key is None and lower in _PLURAL_PRONOUNS and not self.in_quote[token.i]:
            found.extend(self.group(token, within_sentences=2))
        if key is None and office:
            key = self.role_person(token)
        if key is None and office and token.lemma_.lower() in _GENERIC_TITLES and _definite(token):
            key = self.antecedent(token)  # "the Roman Catholic Church leader": the one just named
        if key is None and office and token.right_edge.i > token.i:
            # "minister of state in the presidency Balaki Kirya", "the president of the commission, X,"
            edge = token.right_edge
            while edge.i > token.i + 1 and edge.is_punct:
                edge = self.doc[edge.i - 1]
            key = self.person_at(edge)
        if key is None and _plural_office(token):  # "the presidents of Russia and Iran, Putin and Rouhani"
            found.extend(self._named_within(token))
        for included in _included_later(token) if key is None else ():
            self._resolve_into(included, speaker, found, depth + 1)
        if key is not None:
            found.append(key)
        # the children of the whole name, since a bad parse may hang "and Putin" on "Barack"
        if key is not None and self.person_at(token) == key:
            span = self._mention_tokens(token)
        elif named_by is not None:
            span = [token, *self._mention_tokens(named_by)]
        else:
            span = [token]
        for tok in span:
            for child in tok.children:
                if child.i in (t.i for t in span):
                    continue
                named = self.person_at(child)
                if (
                    child.dep_ == "conj"
                    or (child.dep_ == "appos" and (key is None or (named and named != key)))
                    or (
                        child.dep_ in ("nmod", "pobj")
                        and self.person_at(child)
                        and self.person_at(child) != key
                    )
                ):
                    self._resolve_into(child, speaker, found, depth + 1)

    def _named_within(self, token) -> list[str]:
        """The people a plural noun lists inside its own phrase, outside any clause in it."""
        out: list[str] = []
        stack = [token]
        while stack:
            node = stack.pop()
            for child in node.children:
                clause = child.pos_ in ("VERB", "AUX") and child.dep_ != "prep"  # "including" is a prep
                if child.dep_ in ("relcl", "acl", "ccomp", "advcl") or clause:
                    continue
                key = self.person_at(child)
                if key and key not in out:
                    out.append(key)
                stack.append(child)
        return out

    def _mention_tokens(self, token) -> list:
        for m in self.mentions:
            if m.start <= token.i < m.end:
                return list(self.doc[m.start : m.end])
        return [token]

    def role_person(self, token) -> str | None:
        """An official named only by office and country ("Iraq's national security advisor"):
        a person of this article, keyed by the office so later mentions of it agree."""
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        country = next((country_code(c.text) for c in mods if country_code(c.text)), None)
        if country is None or token.lemma_.lower() in _GENERIC_TITLES or token.tag_ in ("NNS", "NNPS"):
            return None
        words = [
            c
            for c in mods
            if c.i < token.i
            and not country_code(c.text)
            and c.dep_ != "poss"
            and (c.lower_ in OFFICE_WORDS or c.lower_ in TITLE_FILLERS or c.pos_ in ("NOUN", "PROPN", "ADJ"))
        ]
        title = " ".join(w.text for w in sorted([*words, token], key=lambda t: t.i))
        title = " ".join(w if w in ("of", "and", "the") else w[:1].upper() + w[1:] for w in title.split())
        from kb.reference.countries import country_name

        name = f"{title} of {country_name(country)}"
        key = f"{self.article_id}-{normalise_name(name).replace(' ', '-')}"
        if key not in self.persons:
            self.persons[key] = Person(key=key, name=name, title=title, country=country)
        self.persons[key].aliases.add(self.doc[min(t.i for t in [*mods, token]) : token.i + 1].text)
        return key

    def antecedent(self, token, depth: int = 0) -> str | None:
        """The person a third-person pronoun most likely means: the last person named as a subject
        in this or the previous two sentences, else the last person named. The subject of "he
        said" is the last sentence's own subject, not a person its clauses tell of."""
        own = token.sent
        sents = [s for s in self.doc.sents if s.start == own.start or not is_caption(s)]
        current = max(i for i, s in enumerate(sents) if s.start <= token.i)
        window_start = sents[max(0, current - 2)].start
        captions = {
            i for s in self.doc.sents if s.start != own.start and is_caption(s) for i in range(s.start, s.end)
        }
        # "Biden called him": an object pronoun never means its own clause's subject
        excluded: set[str] = set()
        if token.dep_ in ("dobj", "dative", "pobj", "iobj"):
            verb = token.head if token.dep_ != "pobj" else token.head.head
            for subject in subjects(verb):  # "Putin met Modi and invited him": not Putin
                for t in subject.subtree:
                    if self.token_person.get(t.i):
                        excluded.add(self.token_person[t.i])
        # "Francis looks at X and Y as he arrives": the subject of the clause the pronoun's hangs from
        verb = token.head
        if (
            token.dep_ in ("nsubj", "nsubjpass")
            and verb.dep_ in ("advcl", "ccomp", "conj")
            and verb.head != verb
        ):
            for subject in subjects(verb.head):
                key = self.token_person.get(subject.i)
                if key and not self.in_quote[subject.i] and key not in excluded:
                    return key
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS and depth < 3:
            speaker = self._main_subject(token, sents[max(0, current - 2) : current + 1], excluded, depth)
            if speaker is not None:
                return speaker
        best_subject, best_any = None, None
        for i in range(token.i - 1, window_start - 1, -1):
            key = self.token_person.get(i)
            if key is None or self.in_quote[i] or key in excluded or i in captions:
                continue
            if best_any is None:
                best_any = key
            head = self.doc[i]
            if head.dep_ in ("nsubj", "nsubjpass") or any(
                t.dep_ in ("nsubj", "nsubjpass")
                for t in (head, head.head)
                if self.token_person.get(t.i) == key
            ):
                best_subject = key
                break
        if best_subject or best_any:
            return best_subject or best_any
        for i in range(window_start - 1, -1, -1):
            key = self.token_person.get(i)
            if key and not self.in_quote[i] and key not in excluded:
                return key
        return None

    def _main_subject(self, pronoun, sents: list, excluded: set[str], depth: int) -> str | None:
        """The nearest main-clause subject before a pronoun that names a person (a pronoun there
        is resolved in turn): "Clark told a press conference ... '...,' he told reporters"."""
        for sent in reversed(sents):
            subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or subject.i >= pronoun.i or self.in_quote[subject.i]:
                continue
            key = self.person_at(subject) or next(
                (
                    self.person_at(c)
                    for c in subject.children
                    if c.dep_ in ("appos", "compound") and self.person_at(c)
                ),
                None,
            )
            if key is None and subject.lower_ in ("he", "she"):
                key = self.antecedent(subject, depth + 1)
            if key is not None and key not in excluded:
                return key
        return None

    def by_title(self, token) -> str | None:
        """Resolve "the Russian President" / "the foreign minister" / "his counterpart" /
        "the Saudi leader" (a generic word: anyone of that country)."""
        word = token.lemma_.lower()
        if not any(c.dep_ in ("det", "poss") for c in token.children) and word not in ("counterpart",):
            return None  # "a president", or a bare title inside a name
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
        country = next((country_code(c.text) for c in mods if country_code(c.text)), None)
        if word == "counterpart" and country is None:
            return self._counterpart(token)
        title_words = {c.lower_ for c in mods if c.lower_ in OFFICE_WORDS or c.lower_ in TITLE_FILLERS}
        title_words.add(word)
        candidates = []
        for key, person in self.persons.items():
            if country and person.country != country:
                continue
            ptitle = " ".join(self.titles.get(key, ())) or (person.title or "").lower()
            if word in _GENERIC_TITLES:
                if not country:
                    continue
            elif word not in ptitle.split() or not all(w in ptitle for w in title_words if w != word):
                continue
            candidates.append(key)
        if not candidates:
            return None
        last = {k: -1 for k in candidates}
        for i, key in self.token_person.items():
            if key in last and i < token.i:
                last[key] = max(last[key], i)
        return max(candidates, key=lambda k: last[k])

    def _counterpart(self, token) -> str | None:
        """ "Kerry met his counterpart": the person last named who is not Kerry nor of his country."""
        owner_token = next((c for c in token.children if c.dep_ == "poss"), None)
        owner = None
        if owner_token is not None:
            owner = self.person_at(owner_token)
            if owner is None and owner_token.lower_ in ("his", "her"):
                owner = self.antecedent(owner_token)
        if owner is None:
            return None
        home = self.persons[owner].country if owner in self.persons else None
        before, after = None, None
        for i, key in sorted(self.token_person.items()):
            if key == owner or self.in_quote[i]:
                continue
            person = self.persons.get(key)
            if person is None or (home and person.country == home):
                continue
            if i < token.i:
                before = key
            elif after is None:
                after = key
        return before or after

    def group(self, token, within_sentences: int | None = None) -> list[str]:
        """ "The two leaders" / "the four leaders" / "the ministers": the last N people named."""
        words = [token.lower_] + [c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet")]
        wanted = next((_NUMBERS[w] for w in words if w in _NUMBERS), 2)
        # "Parmelin welcomed both leaders": the group is not the clause's own subject
        verb = token.head if token.dep_ != "pobj" else token.head.head
        own = {self.token_person.get(c.i) for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
        if token.dep_ in ("nsubj", "nsubjpass"):
            own = set()
        office = _GROUP_OFFICES.get(token.lemma_.lower())
        seen: list[str] = []
        first = 0
        if within_sentences is not None:
            starts = [s.start for s in self.doc.sents if s.start <= token.i]
            first = starts[max(0, len(starts) - within_sentences)]
        for titled_only in (True, False) if office else (False,):
            # "the two leaders" are those named with an office first; the rest only if need be
            seen = []
            for i in range(token.i - 1, first - 1, -1):
                key = self.token_person.get(i)
                if not key or key in seen or key in own or self.in_quote[i]:
                    continue
                title = " ".join(self.titles.get(key, ()))
                if office and title and not any(word in title for word in office):
                    continue  # "the two leaders" are heads of state or government, not their ministers
                if titled_only and not title:
                    continue
                seen.append(key)
                if len(seen) == wanted:
                    break
            if len(seen) == wanted:
                break
        if within_sentences is None and wanted > 2 and len(seen) >= 2:
            return seen  # "the four leaders" when only some were named before
        return seen if len(seen) == wanted else []


def _leader(token):
    """The person a group is "headed by" or "led by", if the text names one."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in token.children:
        if child.dep_ == "acl" and child.lemma_.lower() in ("head", "lead"):
            for agent in child.children:
                if agent.dep_ == "agent":
                    return next((g for g in agent.children if g.dep_ == "pobj"), None)
    return None


def _plural_office(token) -> bool:
    """ "the presidents of Russia, Iran and Azerbaijan", "world leaders including Putin"."""
    return (
        token.tag_ in ("NNS", "NNPS")
        and (token.lemma_.lower() in OFFICE_WORDS or token.lower_ in GROUP_NOUNS)
        and any(c.dep_ == "prep" and c.lower_ in ("of", "including", "like") for c in token.children)
    )


def _included_later(token) -> list:
    """ "spoke to several leaders on Sunday, including X": the names a clause lists for its plural object."""
    if token.tag_ not in ("NNS", "NNPS") or token.lemma_.lower() not in OFFICE_WORDS | GROUP_NOUNS:
        return []
    verb = token.head.head if token.dep_ == "pobj" else token.head if token.dep_ == "dobj" else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return []
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "including" for g in c.children
            if g.dep_ == "pobj"]


def _definite(token) -> bool:
    """ "the leader", "the Catholic leader" — not "a leader", "Chinese leaders"."""
    return token.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _definite_group(token) -> bool:
    """ "the two leaders", "both sides", "the ministers" — not "Chinese officials"."""
    children = {c.lower_ for c in token.children}
    if token.lower_ in _NUMBERS:
        return "the" in children
    if any(c.dep_ in ("amod", "compound", "poss") for c in token.children):
        return False
    return bool(children & ({"the"} | set(_NUMBERS)))
