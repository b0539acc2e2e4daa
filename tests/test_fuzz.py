"""Generated text through the readers, the extractor and the RDF mapping: nothing ever raises.

Readers turn anything into Articles or one-line ReadErrors; the extractor turns any text into an
Extraction whose every Span points at its own words, and the mapping turns that into quads that
conform to the shapes. Example counts are modest: the spaCy model is real.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kb.errors import ReadError
from kb.model import Article, Extraction, Span
from kb.rdf import article_iri, to_quads
from kb.readers import read_paths

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# -- (a) anything through the readers ------------------------------------------------------------

QUOTES = ['"', "“", "”", "‘", "’", "'", "«", "»", "„"]
PIECES = st.one_of(
    st.text(max_size=40),
    st.sampled_from([*QUOTES, "\n", "\n\n", "\r\n", "\t", "   ", "\x00", "\ufeff", "\u200b", "---", "...",
                     "…", "• Home", "Home > World", "Read more", "Share this:",
                     "By Santosh Kumar May 22, 2025"]),
    st.sampled_from(["<p>", "</p>", "<html>", "<body>", "<article>", "</article>", "<script>x=1</script>",
                     "<nav><a href='/'>Home</a></nav>", "<!--", "-->", "<meta charset='latin-1'>", "&amp;",
                     "<title>", "</title>", "<br/>", "<![CDATA[", "<"]),
    st.sampled_from(["Putin met Xi in Moscow on Monday.", "“We agree,” Lavrov said.",
                     "Jaishankar told Lavrov he would visit.", "Президент встретился.", "会见了"]),
)
prose = st.lists(PIECES, max_size=25).map("".join)
scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), prose,
                   st.sampled_from(["2023-12-28", "2023-02-30", "Dec 28, 2023", "yesterday", "0000-00-00",
                                    "2023-12-28T10:00:00+03:00", "99999-01-01", "1/2/3"]))
front_matter = st.builds(
    lambda fields, body, close: "---\n" + "".join(f"{k}: {v}\n" for k, v in fields) + close + body,
    st.lists(st.tuples(st.sampled_from(["id", "title", "published", "url", "source", "x", "id:"]),
                       st.one_of(prose, scalar.map(str))), max_size=5),
    prose,
    st.sampled_from(["---\n", "...\n", "--\n", ""]),
)
field = st.one_of(scalar, st.lists(scalar, max_size=3))
record = st.one_of(
    st.dictionaries(st.sampled_from(["id", "title", "url", "published", "source", "text", "other"]), field,
                    max_size=6),
    st.fixed_dictionaries({"text": st.one_of(prose, front_matter)},
                          optional={k: field for k in ("id", "title", "url", "published", "source")}),
)
text_file = st.one_of(prose, front_matter)
json_file = st.one_of(prose, record.map(json.dumps), st.lists(record, max_size=4).map(json.dumps),
                      scalar.map(json.dumps))
jsonl_file = st.lists(st.one_of(record.map(json.dumps), prose.map(lambda t: t.replace("\n", " "))),
                      max_size=5).map("\n".join)
CSV_HEADERS = ["text", "id", "title", "url", "published", "source", "other", ""]
table_file = st.builds(
    lambda header, rows, sep: "\n".join(sep.join(cells) for cells in [header, *rows]),
    st.lists(st.sampled_from(CSV_HEADERS), min_size=0, max_size=4),
    st.lists(st.lists(st.one_of(prose, scalar.map(str), st.just('"')), max_size=5), max_size=4),
    st.sampled_from([",", "\t", ";"]),
)
feed_file = st.builds(
    lambda tag, items: "<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
                       + "".join(f"<item><{tag}>{t}</{tag}><link>{u}</link></item>" for t, u in items)
                       + "</channel></rss>",
    st.sampled_from(["description", "title", "content:encoded", "summary"]),
    st.lists(st.tuples(prose, st.sampled_from(["", "https://example.org/a", "file:///etc/passwd", "x"])),
             max_size=3),
)


def _warc_bytes(bodies: list[str], gzip: bool, cut: int) -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for n, body in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                      payload=io.BytesIO(body.encode("utf-8", "replace")),
                                                      http_headers=headers))
    data = buffer.getvalue()
    return data[: len(data) - cut] if cut else data


warc_file = st.builds(_warc_bytes, st.lists(prose, max_size=3), st.booleans(),
                      st.one_of(st.just(0), st.integers(min_value=1, max_value=400)))

FILES = st.one_of(
    st.tuples(st.sampled_from([".txt", ".md"]), text_file),
    st.tuples(st.sampled_from([".csv", ".tsv"]), table_file),
    st.tuples(st.sampled_from([".rss", ".xml"]), st.one_of(feed_file, prose)),
    st.tuples(st.just(".warc.gz"), warc_file),
    st.tuples(st.sampled_from([".html", ".htm"]), prose),
    st.tuples(st.just(".json"), json_file),
    st.tuples(st.just(".jsonl"), jsonl_file),
    st.tuples(st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".rss", ".warc",
                               ".warc.gz"]), st.binary(max_size=200)),
)


@SETTINGS
@given(file=FILES, published=st.one_of(st.none(), st.dates()))
def test_readers_yield_articles_or_one_line_errors(tmp_path, file, published):
    suffix, content = file
    path = tmp_path / f"fuzz{suffix}"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    for item in read_paths([path], published=published):
        assert isinstance(item, Article | ReadError), item
        event(f"{suffix}: {item.problem.split(' (')[0][:24] if isinstance(item, ReadError) else 'article'}")
        if isinstance(item, ReadError):
            assert item.path == str(path)
            assert "\n" not in str(item) and "\r" not in str(item), str(item)
            continue
        assert item.text.strip() and item.id
        assert item.published is None or isinstance(item.published, date)
        article_iri(item.id)
        assert len(item.content_hash) == 64


# -- (b) English-ish text through the extractor and the mapping ----------------------------------

NAMES = ["Vladimir Putin", "Putin", "Xi Jinping", "Xi", "S. Jaishankar", "Jaishankar", "Sergei Lavrov",
         "Lavrov", "Antony Blinken", "Blinken", "Narendra Modi", "Modi", "Wang Yi", "Olaf Scholz", "he",
         "she", "they", "him", "the minister", "his counterpart", "the two leaders", "Russia", "India",
         "China"]
TITLES = ["President", "Russian President", "Prime Minister", "Foreign Minister", "External Affairs Minister",
          "Chancellor", "King", "Secretary of State", "Chinese Premier"]
VERBS = ["met", "met with", "told", "said", "says", "invited", "visited", "called", "hosted",
         "held talks with", "spoke by phone with", "will meet", "is expected to visit", "accompanied by",
         "received", "thanked"]
PLACES = ["in Moscow", "at the Kremlin", "in New Delhi", "to Beijing", "in Washington", "on the sidelines of",
          "the G20 summit", "in Bali"]
WHEN = ["on Monday", "on Wednesday", "March 3", "on 27 December", "last week", "earlier in the day",
        "in 2023", "on Dec. 28, 2023", "tomorrow", "next year", "Tuesday night"]
QUOTED = ['"We agree,"', "“We will meet again,”", '"no', "”", "“", "'", '"', "‘talks’", '"peace."']
PUNCT = [".", ",", ";", ":", "!", "?", "\n", "\n\n", " — ", "(", ")", "and", "that", "the", "a", "to"]
word = st.one_of(*(st.sampled_from(v) for v in (NAMES, TITLES, VERBS, PLACES, WHEN, QUOTED, PUNCT)))
maybe = st.one_of(st.just(""), word)
person = st.one_of(st.sampled_from(NAMES),
                   st.tuples(st.sampled_from(TITLES), st.sampled_from(NAMES)).map(" ".join))
# mostly "<person> <verb> <person> <place> <when>." with noise between, sometimes any words at all
sentence = st.one_of(
    st.tuples(maybe, person, st.sampled_from(VERBS), person, maybe, st.sampled_from(PLACES), maybe,
              st.sampled_from(WHEN), st.sampled_from([".", ",", ".\n\n", ", he said.", ""])).map(" ".join),
    st.tuples(st.sampled_from(QUOTED), st.lists(word, max_size=8).map(" ".join), st.sampled_from(QUOTED),
              person, st.sampled_from(["said", "told reporters", "added"]), maybe).map(" ".join),
    st.lists(word, min_size=1, max_size=30).map(" ".join),
)
article_text = st.lists(sentence, min_size=1, max_size=6).map(lambda s: " ".join(s).strip() or "Putin.")
articles = st.lists(
    st.builds(lambda n, text, published: Article(id=f"fuzz-{n}", text=text, published=published,
                                                 title="Fuzz"),
              st.integers(0, 10**6), article_text, st.one_of(st.none(), st.dates(date(1950, 1, 1)))),
    min_size=1, max_size=4, unique_by=lambda a: a.id,
)


def spans(extraction: Extraction) -> list[Span]:
    return [e.evidence for e in extraction.events] + [s.evidence for s in extraction.statements]


@pytest.fixture(scope="module")
def shapes():
    from kb.validate import shapes_graph

    return shapes_graph()


def conforms(quads, shapes) -> bool:
    import pyshacl
    import rdflib

    from kb.store.base import ntriples

    data = rdflib.Graph().parse(data=ntriples(quads), format="nt")
    ok, _, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                   allow_warnings=True)
    assert ok, text
    return ok


@SETTINGS
@given(batch=articles)
def test_the_extractor_never_raises_and_every_span_is_its_text(extractor, shapes, batch):
    extractions = list(extractor.extract_many(batch))
    assert [e.article.id for e in extractions] == [a.id for a in batch]
    for extraction in extractions:
        text = extraction.article.text
        for span in spans(extraction):
            assert 0 <= span.start <= span.end <= len(text)
            assert text[span.start : span.end] == span.text
        for found in extraction.events:
            assert set(found.participants) <= set(extraction.people)
            assert found.participants or found.actors
        for statement in extraction.statements:
            assert statement.speaker is None or statement.speaker in extraction.people
            assert statement.quote is None or statement.quote.strip()
        event(f"events: {bool(extraction.events)}, statements: {bool(extraction.statements)}")
        graph, quads = to_quads(extraction)
        assert graph == article_iri(extraction.article.id)
        assert all(q.graph_name == graph for q in quads)
        if extraction.events or extraction.statements:
            conforms(quads, shapes)
