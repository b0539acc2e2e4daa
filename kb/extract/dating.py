"""Dating: the day (or month, or year) each drafted encounter happened or is planned for.

A date phrase counts for a trigger when it modifies it ("met on Monday"), ties it to the day
just reported ("later in the day"), or stands in its clause; a date inside an "after"/"before"
phrase, or in another clause, dates something else. Relative phrases resolve against the story's
day (its dateline, else the publication date), backwards for reports and forwards for plans.
An undated encounter takes the date of another told beside it about the same person, of the
same gathering dated elsewhere ("the May 18-19 summit"), of the trip it is part of, or, in the
first sentence of a datelined story, the dateline's day.
"""

from __future__ import annotations

import re
from datetime import date

from kb.extract.context import ArticleContext, is_caption, sentence_ents
from kb.extract.dates import resolve_date
from kb.extract.lexicon import GATHERING_NOUNS, SHIFTING_MARKS, VENUE_NOUNS, VISIT_NOUNS
from kb.extract.quotes import speech_verb
from kb.extract.syntax import reaches
from kb.model import DateValue

__all__ = ["date_encounters"]

_SAME_DAY = re.compile(r"\b(earlier|later) (in|that|on) the day\b|\b(the )?same day\b|\bthat day\b", re.I)
_LEAD_CHARS = 200  # a trigger this close to the start is in the story's first sentence


def date_encounters(ctx: ArticleContext, drafts: list) -> None:
    """Set each draft's date, and its status: planned if the words say so, or if its date lies
    after the story's day."""
    dater = _Dater(ctx)
    for sent, group in _by_sentence(drafts):
        told = [d for d in group if d.told]
        read = [d for d in group if not d.told]
        for draft in read:
            planned = draft.found.planned and draft.found.kind != "invitation"
            draft.event.date = dater.date(sent, draft.trigger, planned)
            _set_status(draft, ctx.story_day)
        _share_dates(sent, read)
        for draft in told:
            draft.event.date = dater.date(sent, draft.trigger, False)
            _set_status(draft, ctx.story_day)
        dater.trips.extend(d.event.date for d in group if d.found.kind == "visit" and d.event.date)


def _by_sentence(drafts: list) -> list[tuple[object, list]]:
    groups: dict[int, tuple[object, list]] = {}
    for draft in drafts:
        groups.setdefault(draft.sent.start, (draft.sent, []))[1].append(draft)
    return [groups[k] for k in sorted(groups)]


def _set_status(draft, story_day: date | None) -> None:
    value = draft.event.date
    later = (
        value is not None
        and story_day is not None
        and value.value > story_day.isoformat()[: len(value.value)]
    )
    draft.event.status = "planned" if draft.found.planned or later else "occurred"


class _Dater:
    """Dates triggers in text order, remembering the last day named ("later that day")."""

    def __init__(self, ctx: ArticleContext):
        self.ctx = ctx
        self.last_date: DateValue | None = None
        self.trips: list[DateValue] = []  # dates of the visits told in earlier sentences
        self._gatherings: list | None = None

    def date(self, sent, trigger, planned: bool) -> DateValue | None:
        ctx = self.ctx
        # inside a quote, "today" is the speaker's day, not the publication's: only absolute dates count
        published = None if ctx.in_quote[trigger.i] else ctx.story_day
        worded = False  # a date phrase of its own, even one that names no day ("weeks earlier")
        for ent in _date_tokens(sent, trigger):
            if ctx.in_quote[ent.start] != ctx.in_quote[trigger.i] or ent.start_char < ctx.dateline_end:
                continue
            worded = worded or not _offset_word(ent)
            phrase = _same_day_phrase(_context(ent))
            if phrase:  # "later in the day": the last day named, or nothing
                return DateValue(self.last_date.value, phrase) if self.last_date is not None else None
            prefer = "future" if planned or _present(trigger) else "past"
            value = _nearer(_whole_date(sent, ent), published, prefer)
            if value is not None:
                if value.precision != "day":  # "a trip in June to attend the summit": its days, if told
                    value = self._gathering_date(trigger, planned, value) or value
                if value.precision == "day":
                    self.last_date = value
                return value
        named = self._gathering_date(trigger, planned, None)
        if named is not None:
            return named
        caption = _caption_date(sent, trigger, ctx)
        if caption is not None:
            return caption
        same_day = _bare_same_day(trigger)
        if same_day is not None and not worded:  # "Earlier, he visited a school": that day
            day = self.last_date or (DateValue(published.isoformat(), same_day) if published else None)
            return DateValue(day.value, same_day) if day is not None else None
        lead = sent.start_char < _LEAD_CHARS and not worded and not _time_offset(trigger)
        if published is not None and not planned and ctx.dateline is not None and lead:
            return ctx.dateline  # the first sentence of a datelined story happened on that day
        return self._date_of_trip(trigger)

    def _gathering_date(self, trigger, planned: bool, coarse: DateValue | None) -> DateValue | None:
        """ "will attend the Lisbon summit ... The May 18-19 summit will discuss trade": a gathering
        told without a date takes the one another mention of it carries, if the article dates only
        one such gathering (and, when the first date is coarse, only one that fits inside it)."""
        if self.ctx.in_quote[trigger.i]:
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
            value = resolve_date(_whole_date(noun.sent, ent), self.ctx.article.published, prefer=prefer)
            if value is not None and (coarse is None or value.value.startswith(coarse.value)):
                values[value.value] = value
        return next(iter(values.values())) if len(values) == 1 else None

    def _dated_gatherings(self) -> list:
        """Gathering nouns the article dates in their own phrase: "the June 8-10 summit",
        "Tuesday's talks", "the meeting on May 3"."""
        if self._gatherings is None:
            ctx = self.ctx
            self._gatherings = []
            by_token = {t: e for e in ctx.doc.ents if e.label_ == "DATE" for t in range(e.start, e.end)}
            for tok in ctx.doc:
                if tok.lemma_.lower() not in _DATED_GATHERINGS or tok.pos_ != "NOUN" or ctx.in_quote[tok.i]:
                    continue
                if tok.idx < ctx.dateline_end:
                    continue
                for child in tok.children:
                    date_tok = child
                    if child.dep_ == "prep" and child.lower_ in ("on", "in", "of"):
                        date_tok = next((g for g in child.children if g.dep_ == "pobj"), child)
                    elif child.dep_ not in ("compound", "nmod", "amod", "poss", "npadvmod"):
                        continue
                    ent = by_token.get(date_tok.i)
                    if ent is not None and not ctx.in_quote[ent.start]:
                        self._gatherings.append((tok, ent))
                        break
        return self._gatherings

    def _date_of_trip(self, trigger) -> DateValue | None:
        """ "will hold talks with X during the visit": the date of the visit already reported."""
        head = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
        verbs = [head, *head.conjuncts]  # "will hold talks ... and meet the Queen during the visit"
        for prep in (child for verb in verbs for child in verb.children):
            trip = any(c.lemma_.lower() in VISIT_NOUNS and c.dep_ == "pobj" for c in prep.children)
            if prep.dep_ == "prep" and prep.lower_ in ("during", "on", "in") and trip and self.trips:
                return self.trips[-1]
        return None


# The gatherings another mention can date ("the May 18-19 summit"); a dialogue or a dinner is not one.
_DATED_GATHERINGS = GATHERING_NOUNS - {"dialogue"}


def _gathering_nouns(trigger) -> list:
    """The gathering a trigger names: the noun itself ("the summit"), or what a verb attends or
    holds ("attend the Venice summit meeting"), with the nouns compounded into it."""
    heads = (
        [trigger] if trigger.pos_ in ("NOUN", "PROPN") else [c for c in trigger.children if c.dep_ == "dobj"]
    )
    out = []
    for head in heads:
        for tok in (head, *(c for c in head.children if c.dep_ == "compound")):
            if tok.lemma_.lower() in _DATED_GATHERINGS:
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


def _share_dates(sent, drafts: list) -> None:
    """ "X will fly to Lima on Friday, where she will be received by Y", "Z plans to come next
    week, and W will host him": one clause dates the trip, and the encounter told beside it,
    about the same person and with no date of its own, happens then too."""
    for draft in drafts:
        event = draft.event
        if event.date is not None or event.kind == "invitation" or _time_shifted(draft.trigger):
            continue
        if _date_tokens(sent, draft.trigger):
            continue  # a date phrase of its own that names no calendar day ("two days later")
        people = set(event.participants)
        for other in drafts:
            dated = other.event
            if (
                other is draft
                or _about_a_person(other.trigger)
                or dated.date is None
                or dated.kind == "invitation"
                or dated.status != event.status
                or not people & set(dated.participants)
                or _time_shifted(other.trigger)
            ):
                continue
            event.date = dated.date
            break


def _nearer(phrase: str, day, prefer: str) -> DateValue | None:
    """The phrase's date the preferred way, unless that is more than half a year off and the other
    way is near: news does not name "April 29" for a day a year ago without its year."""
    value = resolve_date(phrase, day, prefer=prefer)
    if value is None or day is None or value.precision == "year" or _EXPLICIT_YEAR.search(phrase):
        return value
    if abs((_first_day(value) - day).days) <= _FAR_DAYS:
        return value
    other = resolve_date(phrase, day, prefer="future" if prefer == "past" else "past")
    if other is None or other.precision != value.precision:
        return value
    return other if abs((_first_day(other) - day).days) <= _FAR_DAYS else value


_FAR_DAYS = 183
_MONTH_START = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_EXPLICIT_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b|'\d\d\b")


def _first_day(value: DateValue) -> date:
    return date.fromisoformat((value.value + "-01-01")[:10])


def _caption_date(sent, trigger, ctx: ArticleContext) -> DateValue | None:
    """ "X, right, greets Y before a meeting in Ankara, Oct. 15, 2015.": a photo caption ends
    with the day the picture was taken, after a comma."""
    ents = [e for e in sentence_ents(sent) if e.label_ == "DATE"]
    if not ents or ctx.in_quote[trigger.i]:
        return None
    if is_caption(sent) or "file photo" in sent.text.lower():  # "In this Jan. 28, 2017, file photo, X ..."
        dated = [e for e in ents if _CALENDAR_DAY.search(e.text)]
        return resolve_date(_whole_date(sent, dated[0]), ctx.article.published) if dated else None
    last = ents[-1]
    tail = [t for t in sent[last.end - sent.start :] if not t.is_punct and not t.is_space]
    before = sent.doc[last.start - 1] if last.start > sent.start else None
    if tail or before is None or before.text != "," or not _CALENDAR_DAY.search(last.text):
        return None
    return resolve_date(last.text, ctx.article.published)


_CALENDAR_DAY = re.compile(r"\b(?:1[89]|20)\d\d\b")  # a caption's date carries its year


def _bare_same_day(trigger) -> str | None:
    """ "Earlier, he visited", "Later, they met": the word that puts it on the day just told."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in ("earlier", "later") and not list(child.children):
            return child.text
    return None


def _about_a_person(trigger) -> bool:
    """ "met Macron, who had visited Rome in 2019": a relative clause telling of a person's past."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return verb.dep_ == "relcl" and verb.head.ent_type_ == "PERSON"


def _whole_date(sent, ent) -> str:
    """The tagger splits "Tuesday night" into a date and a time: read adjacent ones together."""
    ents = [e for e in sentence_ents(sent) if e.label_ in ("DATE", "TIME")]
    start, end = ent.start, ent.end
    for other in sorted(ents, key=lambda e: e.start):
        if other.start == end:
            end = other.end
    for other in sorted(ents, key=lambda e: -e.start):
        if other.end == start:
            start = other.start
    doc = sent.doc
    before = doc[start - 1] if start > sent.start else None
    day = before is not None and before.text.isdigit() and 1 <= int(before.text) <= 31
    if day and _MONTH_START.match(doc[start].text):
        start -= 1  # "22 February 1972": the tagger left the day out
    if start > sent.start and doc[start - 1].lower_ == "in" and doc[start].lower_ != "in":
        start -= 1  # "in two weeks" is a date to come, "two weeks" only a length of time
    return doc[start:end].text


def _present(trigger) -> bool:
    """ "King Fahd begins a visit on Tuesday": news in the present tense announces what is coming."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return verb.tag_ in ("VBZ", "VBP") and not speech_verb(verb)


def _time_shifted(trigger) -> bool:
    """Whether the trigger sits in a clause placed before or after another time ("after he met
    X", "ahead of his visit"): such a clause does not share the main clause's date."""
    node = trigger
    for _ in range(12):
        if any(c.dep_ == "mark" and c.lower_ in SHIFTING_MARKS for c in node.children):
            return True
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in SHIFTING_MARKS:
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _shifter(node):
    """The "after"/"before" that places this clause or phrase at another time, if any."""
    mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in SHIFTING_MARKS), None)
    if mark is not None:
        return mark
    if node.dep_ == "prep" and node.lower_ in SHIFTING_MARKS:
        return node
    if node.lower_ in ("ahead", "prior") and any(c.lower_ in ("of", "to") for c in node.children):
        return node  # "ahead of her visit next week"
    return None


def _offset_of(node, shifter) -> bool:
    """ "weeks after", "two days before": a stated length of time on either word."""
    return any(
        c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME") for n in (node, shifter) for c in n.children
    )


def _offset_word(ent) -> bool:
    """ "weeks after X visited Y": a length of time that places one event from another."""
    head = ent.root.head
    return ent.root.dep_ == "npadvmod" and (head.lower_ in SHIFTING_MARKS or _shifter(head) is not None)


def _time_offset(trigger) -> bool:
    """Whether the trigger sits in a clause a stated time away ("weeks after X visited Y")."""
    node = trigger
    for _ in range(12):
        shifter = _shifter(node)
        if shifter is not None and _offset_of(node, shifter):
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _dates_another_time(ent, trigger) -> bool:
    """ "After the May 18 summit, X will fly home": a date inside an after/before phrase the
    trigger is not part of dates the other event."""
    node = ent.root
    for _ in range(12):
        if _shifter(node) is not None:
            return not any(t.i == trigger.i for t in node.subtree)
        if node.head == node:
            return False
        node = node.head
    return False


def _date_tokens(sent, trigger) -> list:
    """DATE/TIME entities that date the trigger: those modifying it ("met on Monday") first, then
    "earlier in the day" phrases, then the rest of its clause. A date inside another clause
    ("talks ..., which were suspended in 2011") dates something else."""
    subtree = {t.i for t in trigger.subtree}

    def usable(ent) -> bool:
        if ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("since", "until", "till"):
            return False
        head = ent.root.head
        if (
            ent.root.dep_ in ("compound", "nmod", "amod", "nummod")
            and head.i != trigger.i
            and (head.pos_ == "NOUN" or (head.pos_ == "PROPN" and head.ent_type_ not in ("DATE", "TIME")))
        ) and head.lemma_.lower() not in VENUE_NOUNS:
            return False  # "the 1977 treaty", "the 1977 Panama Canal Treaty": a date of something else
        if _dates_another_time(ent, trigger):
            return False
        if _same_day_phrase(_context(ent)) is not None or reaches(ent.root, trigger):
            return True
        # "X arrived on Monday and met Y": the date of the first conjunct covers the second
        return trigger.dep_ == "conj" and reaches(ent.root, trigger.head)

    def rank(ent) -> tuple:
        root = ent.root
        direct = root.head == trigger or (root.head.dep_ == "prep" and root.head.head == trigger)
        return (
            not direct,
            not _same_day_phrase(_context(ent)),
            root.i not in subtree,
            abs(ent.start - trigger.i),
        )

    return sorted((e for e in sentence_ents(sent) if e.label_ in ("DATE", "TIME") and usable(e)), key=rank)


def _context(ent) -> str:
    """The entity with the two words before it: "Earlier in" + "the day"."""
    doc = ent.doc
    start = ent.start
    while start > 0 and start > ent.start - 2 and not doc[start].is_sent_start:
        start -= 1
    return doc[start : ent.end].text


def _same_day_phrase(text: str) -> str | None:
    """The words that tie a time to the day just reported ("earlier in the day"), if any."""
    match = _SAME_DAY.search(text)
    return match.group() if match else None
