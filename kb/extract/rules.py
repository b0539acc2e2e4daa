"""The rule-based extractor: spaCy's parse read with rules about people, quotes and encounters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from kb.config import Settings
from kb.extract import events as ev
from kb.extract.countries import country_code
from kb.extract.dates import dateline_date, dateline_end, resolve_date
from kb.extract.gazetteer import Gazetteer
from kb.extract.lexicon import PARTY_NOUNS, VISIT_NOUNS
from kb.extract.nlp import load_model, prepare_text
from kb.extract.people import People
from kb.extract.places import lookup_place, place_entity
from kb.extract.quotes import (
    QuoteSpan,
    addressee_of,
    find_quotes,
    normalise_quote,
    speech_verb,
    subject_candidates,
    subject_of,
)
from kb.model import Article, DateValue, Event, Extraction, Place, Span, Statement

NAME = "spacy-rules/1"
_MAX_PARSE_CHARS = 200_000  # longer texts are cut: no news article is this long


class RuleExtractor:
    """Extracts people, encounters and statements from articles with one spaCy pipeline."""

    name = NAME

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings.from_env()
        self._nlp = None
        self._gazetteer = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_model(self.settings.model)
        return self._nlp

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer.load(list(self.settings.gazetteers) or None)
        return self._gazetteer

    def extract(self, article: Article) -> Extraction:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Extraction]:
        """Parse articles in batches with ``nlp.pipe`` (much faster than one at a time)."""
        pairs = ((prepare_text(a.text[:_MAX_PARSE_CHARS]), a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield _ArticleReader(article, doc, self.gazetteer, self.name).run()


class _ArticleReader:
    """The state of reading one article: its quotes, people, events and statements."""

    def __init__(self, article: Article, doc, gazetteer: Gazetteer, name: str):
        self.article = article
        self.doc = doc
        self.quotes = find_quotes(article.text[:_MAX_PARSE_CHARS])
        self.in_quote = _quote_mask(doc, self.quotes)
        self.dateline_end = dateline_end(article.text)
        self.people = People(doc, gazetteer, self.in_quote, article.id, skip_before=self.dateline_end)
        self.extraction = Extraction(article=article, extractor=name, people=self.people.persons)
        self.quote_speaker: dict[int, str | None] = {}  # quote index -> speaker key
        self.dateline = dateline_date(article.text[:200], article.published)
        self.last_date: DateValue | None = None  # the last event date read, for "earlier in the day"
        self._gatherings: list | None = None  # gathering nouns dated in their own phrase, read once
        self.story_day = _story_day(self.dateline, article.published)

    def run(self) -> Extraction:
        self._statements()
        self._events()
        self._link_statements()
        self._countries()
        return self.extraction

    # -- statements ----------------------------------------------------------------------------

    def _statements(self) -> None:
        self._indirect_speech()
        for qi, quote in enumerate(self.quotes):
            verb, speaker_tok = self._attribution(quote)
            speaker = None
            addressee = None
            if verb is not None:
                for candidate in subject_candidates(verb) if speaker_tok is not None else []:
                    found = self.people.resolve(candidate)
                    if found:
                        speaker = found[0]
                        break
                target = addressee_of(verb) if verb.lemma_.lower() != "according" else None
                if target is not None:
                    found = self.people.resolve(target)
                    addressee = found[0] if found else None
            else:
                speaker = self._recent_speaker(quote.start)
            if speaker == addressee:
                addressee = None
            self.quote_speaker[qi] = speaker
            if speaker is None:
                continue  # an organisation's statement, a title in quotes, or words nobody is named for
            evidence = self._evidence(quote.start, quote.end, verb)
            self.extraction.statements.append(
                Statement(
                    speaker=speaker,
                    quote=normalise_quote(quote.text),
                    addressee=addressee,
                    evidence=evidence,
                    confidence=0.9 if verb is not None else 0.6,
                )
            )

    def _attribution(self, quote: QuoteSpan):
        """The speech verb (and its subject) that introduces a quote, in or around its sentence."""
        doc = self.doc
        first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if first is None:
            return None, None
        sents = [first[0].sent, first[-1].sent]
        candidates = []
        for sent in dict.fromkeys(sents):
            for tok in sent:
                if self.in_quote[tok.i]:
                    continue
                if speech_verb(tok):
                    subject = subject_of(tok)
                    distance = min(abs(tok.idx - quote.end), abs(tok.idx - quote.start))
                    candidates.append((subject is None, distance, tok, subject))
                elif (
                    tok.lower_ == "according" and tok.nbor(1).lower_ == "to"
                    if tok.i + 1 < len(doc)
                    else False
                ):
                    pobj = next((c for c in tok.nbor(1).children if c.dep_ == "pobj"), None)
                    candidates.append((pobj is None, abs(tok.idx - quote.start), tok, pobj))
        if not candidates:
            # "Lavrov said:" at the end of the previous sentence, then the quote
            start_sent = first[0].sent
            if start_sent.start > 0:
                prev = doc[start_sent.start - 1].sent
                tail = doc.text[prev.end_char - 2 : prev.end_char].strip()
                if tail.endswith(":") or tail.endswith(","):
                    for tok in reversed(list(prev)):
                        if speech_verb(tok) and not self.in_quote[tok.i]:
                            return tok, subject_of(tok)
            return None, None
        candidates.sort(key=lambda c: (c[0], c[1]))
        _, _, verb, subject = candidates[0]
        return verb, subject

    def _recent_speaker(self, offset: int) -> str | None:
        """A quote with no attribution of its own continues the words of the last person reported
        speaking just before it (a paragraph that is only a quote, after "Putin said ...")."""
        best = None
        for statement in self.extraction.statements:
            ev_ = statement.evidence
            near = statement.speaker and ev_.start < offset and offset - ev_.end < 600
            if near and (best is None or ev_.start >= best.evidence.start):
                best = statement
        return best.speaker if best else None

    def _indirect_speech(self) -> None:
        """Reported speech: "Putin said the calendar is difficult" -> content, not quote."""
        quoted = [0]  # quoted[i]: tokens inside quotes before token i
        for flag in self.in_quote:
            quoted.append(quoted[-1] + flag)
        for tok in self.doc:
            if self.in_quote[tok.i] or not speech_verb(tok):
                continue
            comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            if comp is None:
                continue
            # the clause's edges, not list(comp.subtree): its nested generators made deep parses cubic
            first, last = comp.left_edge, comp.right_edge
            size = last.i - first.i + 1
            if quoted[last.i + 1] - quoted[first.i] > size / 2 or size < 4:
                continue
            subject = subject_of(tok)
            speakers = self.people.resolve(subject) if subject is not None else []
            if not speakers:
                continue
            start, end = first.idx, last.idx + len(last)
            if first.lower_ == "that":
                start = self.doc[first.i + 1].idx
            content = self.article.text[start:end].strip(" ,.;")
            target = addressee_of(tok)
            addressee = (self.people.resolve(target) or [None])[0] if target is not None else None
            self.extraction.statements.append(
                Statement(
                    speaker=speakers[0],
                    content=" ".join(content.split()),
                    addressee=addressee if addressee != speakers[0] else None,
                    evidence=self._evidence(tok.sent.start_char, tok.sent.end_char, None),
                    confidence=0.6,
                )
            )

    # -- events --------------------------------------------------------------------------------

    def _events(self) -> None:
        for sent in self.doc.sents:
            drafts = [d for found in ev.find_encounters(sent) if (d := self._draft(sent, found)) is not None]
            _share_dates(sent, drafts)
            for draft in drafts:
                self._file(draft)
            self._told_in_place(sent)
            self._accompanied(sent)
        self._date_invitations()

    def _draft(self, sent, found: ev.Found) -> _Draft | None:
        """The event one trigger reports, with its people, date and place, or None if it names
        too few people to be an encounter worth keeping."""
        trigger = self.doc[found.trigger]
        speaker = self._speaker_at(trigger.idx) if self.in_quote[trigger.i] else None
        if self.in_quote[trigger.i] and speaker is None:
            return None
        subjects = self._persons(found.subjects, speaker)
        objects = [p for p in self._persons(found.objects, speaker) if p not in subjects]
        if self.in_quote[trigger.i] and not subjects and not found.subjects and trigger.pos_ == "VERB":
            subjects = [speaker]  # "Honored to meet President Putin": the speaker met him
        companions = self._companions(found.subjects + found.objects)
        participants = list(dict.fromkeys(subjects + objects + companions))
        actors: list[str] = []
        if not participants:  # "The US, Russia and Switzerland met": states as the parties
            actors = self._country_actors(found.subjects + found.objects)
            # "Georgian demonstrators received ministers": a state on one side, people on the other
            both_sides = bool(self._country_actors(found.subjects)) and self._unnamed_party(found.objects)
            enough = 1 if found.kind == "visit" or both_sides else 2
            if len(actors) < enough or found.kind == "invitation" or self.in_quote[trigger.i]:
                return None
        if (
            found.kind in ("meeting", "phone_call")
            and len(participants) == 1
            and not found.solo
            and not self._unnamed_party(found.objects)
        ):
            return None
        if found.kind == "invitation" and not objects:
            return None
        date = self._date(sent, trigger, found.planned and found.kind != "invitation")
        event = Event(
            kind=found.kind,
            participants=participants,
            status="occurred",
            date=date,
            place=ev.place_of(sent, trigger, found.place_tokens),
            evidence=self._evidence(sent.start_char, sent.end_char, None),
            hosts=subjects if found.hosted else [],
            guests=objects if found.hosted else [],
            companions=[c for c in companions if c not in subjects and c not in objects],
            actors=actors,
            confidence=found.confidence,
        )
        draft = _Draft(found, trigger, event, objects)
        draft.set_status(self.story_day)
        return draft

    def _file(self, draft: _Draft) -> None:
        """Add a drafted event to the article's events, merged with any earlier report of it."""
        found, trigger, event = draft.found, draft.trigger, draft.event
        participants, actors = event.participants, event.actors
        if trigger.pos_ != "VERB" and participants and self._restates(event):
            return
        if found.kind == "visit" and event.place is None:
            event.place = self._dateline_place(participants)
        if (
            found.kind == "visit"
            and (event.place is None or event.place.country in actors)
            and not draft.objects
        ):
            return
        if found.kind == "visit":
            for place in self._places(found.place_tokens, event.place):
                _add(self.extraction.events, replace(event, place=place, participants=list(participants)))
            return
        _add(self.extraction.events, event)

    def _date_invitations(self) -> None:
        """An undated invitation between two people who met or spoke in the story was made then."""
        for invitation in self.extraction.events:
            if invitation.kind != "invitation" or invitation.date is not None:
                continue
            pair = set(invitation.participants)
            for event in self.extraction.events:
                if (
                    event.kind in ("meeting", "phone_call")
                    and event.status == "occurred"
                    and event.date
                    and pair <= set(event.participants)
                ):
                    invitation.date = event.date
                    break

    def _accompanied(self, sent) -> None:
        """ "Putin, who was accompanied by Lavrov, said ...": Lavrov joins Putin's last encounter."""
        for tok in sent:
            key = self.people.person_at(tok)
            if key is None or self.in_quote[tok.i] or tok.dep_ == "compound":
                continue
            companions = [c for c in self._companions([tok]) if c != key]
            if not companions:
                continue
            for event in reversed(self.extraction.events):
                if key in event.participants and event.status == "occurred" and event.kind != "invitation":
                    new = [c for c in companions if c not in event.participants]
                    event.participants.extend(new)
                    event.companions.extend(new)
                    break

    def _restates(self, event: Event) -> bool:
        """ "spoke by phone with Putin, the first conversation between the two leaders": a noun in
        the same sentence naming an encounter already found, with the same people."""
        talks = ("meeting", "phone_call")
        return event.kind in talks and any(
            other.kind in talks
            and other.evidence.start == event.evidence.start
            and set(event.participants) <= set(other.participants)
            for other in self.extraction.events
        )

    def _told_in_place(self, sent) -> None:
        """ "X told Y in the Kremlin on Wednesday": saying something to someone at a place means they met."""
        for tok in sent:
            if tok.lemma_.lower() != "tell" or self.in_quote[tok.i] or tok.pos_ not in ("VERB", "AUX"):
                continue
            target = addressee_of(tok)
            subject = subject_of(tok)
            if target is None or subject is None:
                continue
            place = ev.place_of(sent, tok, [])
            if place is None:
                continue
            a, b = self.people.resolve(subject), self.people.resolve(target)
            companions = [c for c in self._companions([subject, target]) if c not in a + b]
            participants = list(dict.fromkeys(a + b + companions))
            if len(participants) < 2 or not a or not b:
                continue
            _add(
                self.extraction.events,
                Event(
                    kind="meeting",
                    participants=participants,
                    status="occurred",
                    date=self._date(sent, tok, False),
                    place=place,
                    companions=companions,
                    evidence=self._evidence(sent.start_char, sent.end_char, None),
                    confidence=0.6,
                ),
            )

    def _unnamed_party(self, tokens: list) -> bool:
        """ "met with West German officials": the other side is real but has no name."""
        for tok in tokens:
            if self.people.resolve(tok):
                continue
            if tok.lemma_.lower() in PARTY_NOUNS or tok.ent_type_ in ("ORG", "NORP"):
                return True
        return False

    def _country_actors(self, tokens: list) -> list[str]:
        """States named as parties: "the US, Russia and Switzerland", "Georgian demonstrators"."""
        codes: list[str] = []
        for tok in tokens:
            for t in [tok, *tok.conjuncts]:
                ent = next((e for e in self.doc.ents if e.start <= t.i < e.end), None)
                if ent is not None and ent.label_ == "GPE":
                    code = country_code(ent.text)
                elif t.pos_ == "NOUN":
                    code = next(
                        (
                            country_code(c.text)
                            for c in t.children
                            if c.dep_ in ("amod", "compound", "poss") and country_code(c.text)
                        ),
                        None,
                    )
                else:
                    code = None
                if code and code not in codes:
                    codes.append(code)
        return codes

    def _places(self, tokens: list, first: Place | None) -> list[Place | None]:
        """A visit to "Gabon, Algeria and Libya" is three visits, one per place."""
        places = [first]
        for tok in tokens:
            for conj in tok.conjuncts:
                ent = next((e for e in self.doc.ents if e.start <= conj.i < e.end), None)
                place = place_entity(ent) if ent is not None else None
                if place is not None and place not in places:
                    places.append(place)
        return places

    def _persons(self, tokens: list, speaker: str | None) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            out.extend(self.people.resolve(tok, speaker))
        return list(dict.fromkeys(out))

    def _companions(self, tokens: list) -> list[str]:
        """People "accompanied by" a participant were in the room too."""
        out: list[str] = []
        for tok in tokens:
            for child in tok.children:
                if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in ("accompany", "join", "flank"):
                    for agent in child.children:
                        if agent.dep_ == "agent":
                            for pobj in agent.children:
                                if pobj.dep_ == "pobj":
                                    out.extend(self.people.resolve(pobj))
        return out

    def _date(self, sent, trigger, planned: bool) -> DateValue | None:
        # inside a quote, "today" is the speaker's day, not the publication's: only absolute dates count
        published = None if self.in_quote[trigger.i] else self.story_day
        worded = False  # a date phrase of its own, even one that names no day ("weeks earlier")
        for ent in ev.date_tokens(sent, trigger):
            if self.in_quote[ent.start] != self.in_quote[trigger.i] or ent.start_char < self.dateline_end:
                continue
            worded = worded or not ev.offset_word(ent)
            phrase = ev.same_day_phrase(ev.context(ent))
            if phrase:  # "later in the day": the last day named, or nothing
                return DateValue(self.last_date.value, phrase) if self.last_date is not None else None
            value = resolve_date(
                _whole_date(sent, ent), published, prefer="future" if planned or _present(trigger) else "past"
            )
            if value is not None:
                if value.precision != "day":  # "a trip in June to attend the summit": its days, if told
                    value = self._gathering_date(trigger, planned, value) or value
                if value.precision == "day":
                    self.last_date = value
                return value
        named = self._gathering_date(trigger, planned, None)
        if named is not None:
            return named
        lead = sent.start_char < 200 and not worded and not ev.time_offset(trigger)
        if published is not None and not planned and self.dateline is not None and lead:
            return self.dateline  # the first sentence of a datelined story happened on that day
        return self._date_of_trip(trigger)

    def _gathering_date(self, trigger, planned: bool, coarse: DateValue | None) -> DateValue | None:
        """ "will attend the Lisbon summit ... The May 18-19 summit will discuss trade": a gathering
        told without a date takes the one another mention of it carries, if the article dates only
        one such gathering (and, when the first date is coarse, only one that fits inside it)."""
        if self.in_quote[trigger.i]:
            return None
        nouns = _gathering_nouns(trigger)
        if not nouns:
            return None
        names = {n for noun in nouns for n in _gathering_names(noun)}
        own = {noun.i for noun in nouns}
        lemmas = {noun.lemma_.lower() for noun in nouns}
        prefer = "future" if planned or _present(trigger) else "past"
        values: dict[str, DateValue] = {}
        for noun, ent in self._dated_gatherings():
            other_names = _gathering_names(noun)
            if (
                noun.i in own
                or noun.lemma_.lower() not in lemmas
                or (names and other_names and not names & other_names)
            ):
                continue
            value = resolve_date(_whole_date(noun.sent, ent), self.article.published, prefer=prefer)
            if value is not None and (coarse is None or value.value.startswith(coarse.value)):
                values[value.value] = value
        return next(iter(values.values())) if len(values) == 1 else None

    def _dated_gatherings(self) -> list:
        """Gathering nouns the article dates in their own phrase: "the June 8-10 summit",
        "Tuesday's talks", "the meeting on May 3"."""
        if self._gatherings is None:
            self._gatherings = []
            by_token = {t: e for e in self.doc.ents if e.label_ == "DATE" for t in range(e.start, e.end)}
            for tok in self.doc:
                if tok.lemma_.lower() not in _GATHERING_NOUNS or tok.pos_ != "NOUN" or self.in_quote[tok.i]:
                    continue
                if tok.idx < self.dateline_end:
                    continue
                for child in tok.children:
                    date_tok = child
                    if child.dep_ == "prep" and child.lower_ in ("on", "in", "of"):
                        date_tok = next((g for g in child.children if g.dep_ == "pobj"), child)
                    elif child.dep_ not in ("compound", "nmod", "amod", "poss", "npadvmod"):
                        continue
                    ent = by_token.get(date_tok.i)
                    if ent is not None and not self.in_quote[ent.start]:
                        self._gatherings.append((tok, ent))
                        break
        return self._gatherings

    def _dateline_place(self, visitors: list[str]) -> Place | None:
        """A visit with no destination in a datelined story ("LONDON, March 22 - King Fahd begins a
        state visit") is to the dateline's city, unless the visitors are from there."""
        if not self.dateline_end:
            return None
        city = re.split(r"[,(/–—]| - ", self.article.text[: self.dateline_end])[0].strip()
        place = lookup_place(city.title()) if city else None
        persons = self.people.persons
        if place is None or any(persons[v].country == place.country for v in visitors if v in persons):
            return None
        return place

    def _date_of_trip(self, trigger) -> DateValue | None:
        """ "will hold talks with X during the visit": the date of the visit already reported."""
        head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        verbs = [head, *head.conjuncts]  # "will hold talks ... and meet the Queen during the visit"
        for prep in (child for verb in verbs for child in verb.children):
            trip = any(c.lemma_.lower() in VISIT_NOUNS and c.dep_ == "pobj" for c in prep.children)
            if prep.dep_ == "prep" and prep.lower_ in ("during", "on", "in") and trip:
                for event in reversed(self.extraction.events):
                    if event.kind == "visit" and event.date is not None:
                        return event.date
        return None

    def _speaker_at(self, offset: int) -> str | None:
        for qi, quote in enumerate(self.quotes):
            if quote.start <= offset < quote.end:
                return self.quote_speaker.get(qi)
        return None

    # -- linking -------------------------------------------------------------------------------

    def _link_statements(self) -> None:
        """A statement belongs to an event when they share a sentence, or when speaker and
        addressee met, or when the speaker's only occurred encounter is the article's subject."""
        events = self.extraction.events
        for statement in self.extraction.statements:
            if not statement.speaker:
                continue
            best = None
            for i, event in enumerate(events):
                if event.status != "occurred" or statement.speaker not in event.participants:
                    continue
                overlap = event.evidence.start <= statement.evidence.start < event.evidence.end
                both = statement.addressee and statement.addressee in event.participants
                if overlap or both:
                    best = i
                    break
            if best is None:
                mine = [
                    i
                    for i, e in enumerate(events)
                    if e.status == "occurred" and e.kind == "meeting" and statement.speaker in e.participants
                ]
                if len(mine) == 1:
                    best = mine[0]
            statement.event = best

    def _countries(self) -> None:
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                code = country_code(ent.text)
                if code:
                    self.extraction.countries.add(code)

    def _evidence(self, start: int, end: int, verb) -> Span:
        """The sentence(s) from ``start`` to ``end`` (widened to whole sentences) as evidence."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            start = min(start, span[0].sent.start_char)
            end = max(end, span[-1].sent.end_char)
        if verb is not None:
            start = min(start, verb.sent.start_char)
            end = max(end, verb.sent.end_char)
        text = self.article.text
        while end < len(text) and text[end] in '”"»’':
            end += 1
        while start > 0 and text[start - 1] in '“"«‘':
            start -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end, text[start:end])


@dataclass
class _Draft:
    """An encounter read from one trigger, before it joins (or merges into) the article's events."""

    found: ev.Found
    trigger: object  # the spaCy token
    event: Event
    objects: list[str]

    def set_status(self, published) -> None:
        """Planned if the words say so, or if the date lies after the day the story was written."""
        date = self.event.date
        later = (
            date is not None
            and published is not None
            and date.value > published.isoformat()[: len(date.value)]
        )
        self.event.status = "planned" if self.found.planned or later else "occurred"


_GATHERING_NOUNS = {"summit", "conference", "meeting", "session", "talks", "forum", "negotiations"}


def _gathering_nouns(trigger) -> list:
    """The gathering a trigger names: the noun itself ("the summit"), or what a verb attends or
    holds ("attend the Venice summit meeting"), with the nouns compounded into it."""
    heads = (
        [trigger] if trigger.pos_ in ("NOUN", "PROPN") else [c for c in trigger.children if c.dep_ == "dobj"]
    )
    out = []
    for head in heads:
        for tok in (head, *(c for c in head.children if c.dep_ == "compound")):
            if tok.lemma_.lower() in _GATHERING_NOUNS:
                out.append(tok)
    return out


def _gathering_names(noun) -> set[str]:
    """The proper names that tell one summit from another ("the Venice summit", "the NATO summit")."""
    head = noun.head if noun.dep_ == "compound" else noun
    return {
        c.lower_
        for c in head.children
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN" and c.ent_type_ != "DATE"
    }


def _share_dates(sent, drafts: list[_Draft]) -> None:
    """ "X will fly to Lima on Friday, where she will be received by Y", "Z plans to come next
    week, and W will host him": one clause dates the trip, and the encounter told beside it,
    about the same person and with no date of its own, happens then too."""
    for draft in drafts:
        event = draft.event
        if event.date is not None or event.kind == "invitation" or ev.time_shifted(draft.trigger):
            continue
        if ev.date_tokens(sent, draft.trigger):
            continue  # a date phrase of its own that names no calendar day ("two days later")
        people = set(event.participants)
        for other in drafts:
            dated = other.event
            if (
                other is draft
                or dated.date is None
                or dated.kind == "invitation"
                or dated.status != event.status
                or not people & set(dated.participants)
                or ev.time_shifted(other.trigger)
            ):
                continue
            event.date = dated.date
            break


def _story_day(dateline: DateValue | None, published):
    """The day relative dates count from: a wire story's dateline names the day it was written,
    which a later publication date (a weekly's, an archive's) need not."""
    if dateline is not None and dateline.precision == "day":
        return date.fromisoformat(dateline.value)
    return published


def _whole_date(sent, ent) -> str:
    """The tagger splits "Tuesday night" into a date and a time: read adjacent ones together."""
    ents = [e for e in ev.sentence_ents(sent) if e.label_ in ("DATE", "TIME")]
    start, end = ent.start, ent.end
    for other in sorted(ents, key=lambda e: e.start):
        if other.start == end:
            end = other.end
    for other in sorted(ents, key=lambda e: -e.start):
        if other.end == start:
            start = other.start
    doc = sent.doc
    if start > sent.start and doc[start - 1].lower_ == "in" and doc[start].lower_ != "in":
        start -= 1  # "in two weeks" is a date to come, "two weeks" only a length of time
    return doc[start:end].text


def _present(trigger) -> bool:
    """ "King Fahd begins a visit on Tuesday": news in the present tense announces what is coming."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return verb.tag_ in ("VBZ", "VBP") and not speech_verb(verb)


def _quote_mask(doc, quotes: list[QuoteSpan]) -> list[bool]:
    mask = [False] * len(doc)
    if not quotes:
        return mask
    qi = 0
    for tok in doc:
        while qi < len(quotes) and quotes[qi].end <= tok.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi].start <= tok.idx < quotes[qi].end:
            mask[tok.i] = True
    return mask


def _add(events: list[Event], event: Event) -> None:
    """Add an event, or merge it into one already found: reports of the same kind whose people
    overlap (one set inside the other) and whose dates agree are the same encounter told twice."""
    for other in events:
        if other.kind != event.kind or other.status != event.status:
            continue
        a = (set(other.participants) - set(other.companions)) or {f"state:{c}" for c in other.actors}
        b = (set(event.participants) - set(event.companions)) or {f"state:{c}" for c in event.actors}
        if not (a <= b or b <= a):
            continue
        if (
            other.date
            and event.date
            and not (
                other.date.value.startswith(event.date.value) or event.date.value.startswith(other.date.value)
            )
        ):
            continue  # "in June" and "on June 12" agree; "June 3" and "June 6" do not
        if event.kind == "visit" and other.place and event.place and other.place != event.place:
            continue
        if _one_sided(other, event, a, b) or _one_sided(event, other, b, a):
            continue
        other.participants = list(dict.fromkeys(other.participants + event.participants))
        other.hosts = list(dict.fromkeys(other.hosts + event.hosts))
        other.guests = list(dict.fromkeys(other.guests + event.guests))
        principals = a | b
        other.companions = [
            c for c in dict.fromkeys(other.companions + event.companions) if c not in principals
        ]
        if other.date is None or (event.date and len(event.date.value) > len(other.date.value)):
            other.date = event.date or other.date
        other.place = other.place or event.place
        other.confidence = max(other.confidence, event.confidence)
        return
    events.append(event)


def _one_sided(small: Event, big: Event, small_people: set, big_people: set) -> bool:
    """ "his talks in Washington last week", in a sentence of its own, names one side only: it does
    not date or place a meeting of several people that the story tells without a date or place."""
    if small.kind == "visit" or len(small_people) != 1 or len(big_people) < 2:
        return False
    if small.evidence.start == big.evidence.start:
        return False  # one sentence: "travel to Moscow for talks with officials and meet Putin"
    return (small.date is not None and big.date is None) or (
        small.place is not None and small.place != big.place
    )
