"""A generator of synthetic news articles about diplomacy, as text files ``kb ingest`` reads.

The benchmarks need thousands of articles that make spaCy and the rules work as hard as real
wire copy does: varied people with titles and countries, meetings, calls, visits and invitations,
relative and absolute dates, direct quotes and reported speech, and background paragraphs, about
300-450 words each like the samples in data/. The same ``(n, seed)`` always gives the same files.

    python bench/corpus.py /tmp/corpus -n 1000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


COUNTRIES = [
    # name, demonym, capital, venue
    ("India", "Indian", "New Delhi", "Hyderabad House"),
    ("Russia", "Russian", "Moscow", "the Kremlin"),
    ("China", "Chinese", "Beijing", "the Great Hall of the People"),
    ("the United States", "American", "Washington", "the White House"),
    ("France", "French", "Paris", "the Elysee Palace"),
    ("Germany", "German", "Berlin", "the Chancellery"),
    ("Japan", "Japanese", "Tokyo", "the Kantei"),
    ("Brazil", "Brazilian", "Brasilia", "the Planalto Palace"),
    ("Turkey", "Turkish", "Ankara", "the Presidential Complex"),
    ("Ukraine", "Ukrainian", "Kyiv", "the Mariinsky Palace"),
    ("Saudi Arabia", "Saudi", "Riyadh", "Al-Yamamah Palace"),
    ("South Africa", "South African", "Pretoria", "the Union Buildings"),
    ("Australia", "Australian", "Canberra", "Parliament House"),
    ("Indonesia", "Indonesian", "Jakarta", "the Merdeka Palace"),
    ("Egypt", "Egyptian", "Cairo", "the Ittihadiya Palace"),
    ("Italy", "Italian", "Rome", "Palazzo Chigi"),
    ("Canada", "Canadian", "Ottawa", "Rideau Hall"),
    ("Mexico", "Mexican", "Mexico City", "the National Palace"),
    ("Pakistan", "Pakistani", "Islamabad", "the Prime Minister's House"),
    ("Qatar", "Qatari", "Doha", "the Amiri Diwan"),
    ("Kenya", "Kenyan", "Nairobi", "State House"),
    ("Vietnam", "Vietnamese", "Hanoi", "the Presidential Palace"),
    ("Poland", "Polish", "Warsaw", "the Belweder Palace"),
    ("Argentina", "Argentine", "Buenos Aires", "the Casa Rosada"),
]
FIRST = _words("""Anna Arjun Wei Sergei Maria Olaf Kenji Lula Fatima Ahmed Elena Rahul Li Dmitry Sofia
    Hans Yuki Carlos Amina Omar Ivan Priya Chen Pierre Giorgia Justin Andres Shehbaz Mohammed William Jacinta
    Joko Nadia Tomasz Beatriz Kwame Lars Ingrid Hakan Mei Arturo Leila Viktor Helena Rafael Sunita Kofi
    Ayesha""")
LAST = _words("""Sharma Petrov Wang Ivanova Silva Schmidt Tanaka Moreau Rossi Haddad Kuznetsov Gupta Zhang
    Novak Costa Fischer Sato Lopez Okafor Rahman Volkov Iyer Liu Dubois Bianchi Tremblay Herrera Sharif
    Al-Thani Mensah Lindqvist Yilmaz Nguyen Kowalski Fernandez Mwangi Suzuki Becker Orlov Chaudhry Kim Santos
    Jansen Abadi Castillo Hoffmann Nakamura Rao Karimi Morales""")
TITLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "Trade Minister",
          "National Security Adviser", "Finance Minister", "Energy Minister"]
TOPICS = ["trade", "energy security", "defence cooperation", "the war in Ukraine", "climate finance",
          "food security", "maritime security", "nuclear energy", "investment", "counter-terrorism",
          "critical minerals", "space cooperation", "debt relief", "visa rules", "grain exports",
          "the situation in the Middle East", "semiconductor supply chains", "regional stability"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SOURCES = ["Global Wire", "Capital Times", "Diplomatic Herald", "Eastern Post", "World Desk"]
QUOTES = [
    "We have agreed to deepen our cooperation in {topic} and to meet again before the end of the year",
    "Our relations are developing progressively despite all the turbulence in the world",
    "There is no alternative to dialogue, and we will keep talking on {topic}",
    "We discussed {topic} in detail and our positions are closer than many think",
    "This visit opens a new chapter in the partnership between our two countries",
    "We do not agree on everything, but we agree that {topic} needs urgent attention",
    "I told my counterpart frankly that we expect concrete steps on {topic}",
    "Trade between our countries grew again this year, and we want it to grow faster",
]
BACKGROUND = [
    "Bilateral trade reached {n} billion dollars last year, according to official figures, with {topic} "
    "accounting for a growing share.",
    "Analysts said the talks were closely watched in the region, where {topic} has become a point of "
    "friction.",
    "The two countries signed {k} agreements covering {topic}, education and health, officials said.",
    "Relations between the two capitals have warmed since the last summit, diplomats said, although "
    "differences remain over {topic}.",
    "The meeting came a week before a regional summit at which {topic} is expected to dominate the agenda.",
    "Officials declined to give details of the discussions on {topic}, saying talks would continue at the "
    "level of deputy ministers.",
    "Opposition lawmakers criticised the government for moving too slowly on {topic}.",
    "Markets reacted calmly to the news, and the currency was little changed in afternoon trading.",
    "The last meeting between leaders of the two countries took place {k} years ago, when a dispute over "
    "{topic} overshadowed the agenda and a planned joint statement was dropped at the last minute.",
    "Business groups from both countries welcomed the talks and called for faster progress on {topic}, "
    "saying that investors needed clear rules and predictable tariffs before committing new capital.",
    "The foreign ministry said the sides had also exchanged views on {topic} and on the preparations for "
    "the next round of consultations, which is due to take place in the autumn.",
]


class _Person:
    def __init__(self, rng: random.Random, country: tuple[str, str, str, str]):
        self.first, self.last = rng.choice(FIRST), rng.choice(LAST)
        self.title = rng.choice(TITLES)
        self.country, self.demonym, self.capital, self.venue = country

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def full(self) -> str:
        return f"{self.demonym} {self.title} {self.name}"


def articles(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` for ``n`` articles; a pool of recurring people, so names repeat across them."""
    rng = random.Random(seed)
    people = [_Person(rng, rng.choice(COUNTRIES)) for _ in range(max(40, n // 10))]
    start = dt.date(2015, 1, 1)
    for i in range(n):
        yield f"article-{i:06d}.txt", _article(rng, people, start + dt.timedelta(days=rng.randrange(3650)), i)


def _article(rng: random.Random, people: list[_Person], published: dt.date, i: int) -> str:
    host, guest = rng.sample(people, 2)
    while guest.country == host.country:
        guest = rng.choice(people)
    third = rng.choice([p for p in people if p is not host and p is not guest])
    topic, topic2 = rng.sample(TOPICS, 2)
    event_day = published - dt.timedelta(days=rng.choice((0, 1, 1, 2)))
    day_word = "on " + WEEKDAYS[event_day.weekday()] if event_day != published else "today"
    when = rng.choice([day_word, f"on {event_day:%B} {event_day.day}"])
    kind = rng.random()
    if kind < 0.55:
        lead = (f"{host.full()} met {guest.full()} in {host.venue} {when}, and the two discussed {topic} "
                f"and {topic2}, officials said.")
        title = f"{host.last} meets {guest.last} in {host.capital}"
    elif kind < 0.75:
        lead = (f"{host.full()} spoke by phone with {guest.full()} {when}, the first call between the two "
                f"in several months, discussing {topic}.")
        title = f"{host.last} and {guest.last} hold phone call on {topic}"
    else:
        lead = (f"{guest.full()} arrived in {host.capital} {when} for a two-day visit to {host.country} and "
                f"held talks with {host.title} {host.name} on {topic}.")
        title = f"{guest.last} visits {host.country} for talks on {topic}"

    def quote() -> str:
        return rng.choice(QUOTES).format(topic=rng.choice(TOPICS))

    def background() -> str:
        numbers = {"n": rng.randint(5, 300), "k": rng.randint(2, 12)}
        return rng.choice(BACKGROUND).format(topic=rng.choice(TOPICS), **numbers)

    paragraphs = [
        f"{host.capital.upper()} - {lead}",
        f"\u201c{quote()},\u201d {host.last} told {guest.last}, according to a statement released after "
        "the talks.",
        background(),
        f"{guest.last} said the two sides had agreed to set up a working group on {topic2} and that "
        f"ministers would report back within three months.",
        f"\u201c{quote()}. {quote()},\u201d {guest.last} told reporters in {host.capital}.",
        background(),
    ]
    if rng.random() < 0.5:
        paragraphs.append(f"{host.last} also invited {third.title} {third.name} of {third.country} to visit "
                          f"{host.country} next year, the {host.demonym} foreign ministry said.")
    if rng.random() < 0.5:
        paragraphs.append(f"Earlier in the week, {third.title} {third.name} had met {guest.name} in "
                          f"{third.capital} to discuss {rng.choice(TOPICS)}.")
    paragraphs += [background(), f"\u201c{quote()},\u201d {third.last} said in a separate statement.",
                   background(), background()]
    if rng.random() < 0.6:
        aide = rng.choice(people)
        paragraphs.append(f"{host.last}, who was accompanied by {aide.title} {aide.name}, said "
                          f"{rng.choice(TOPICS)} would be on the agenda of the next meeting.")
    front = (f"---\nid: synthetic-{i:06d}\ntitle: {title}\npublished: {published.isoformat()}\n"
             f"source: {rng.choice(SOURCES)}\n---\n")
    return front + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder: str | Path, n: int, seed: int = 0, per_folder: int = 1000) -> Path:
    """Write ``n`` articles under ``folder`` in sub-folders of ``per_folder`` files (skipped when present)."""
    folder = Path(folder)
    marker = folder / f".corpus-{n}-{seed}"
    if marker.exists():
        return folder
    for i, (name, text) in enumerate(articles(n, seed)):
        sub = folder / f"{i // per_folder:04d}"
        if i % per_folder == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / name).write_text(text, encoding="utf-8")
    marker.touch()
    return folder


def texts(folder: str | Path) -> list[str]:
    """The article texts of a written corpus, in file order."""
    return [p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("article-*.txt"))]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Write synthetic diplomacy news articles as text files.")
    parser.add_argument("folder")
    parser.add_argument("-n", "--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.folder, args.articles, args.seed)
    print(f"{args.articles} articles in {args.folder}")
