"""Reading article files: every format, every refusal, folders, streaming and text cleanup."""

from __future__ import annotations

import inspect
import json
from datetime import date
from pathlib import Path

import pytest
from helpers import write

from kb.errors import ReadError
from kb.model import Article
from kb.readers import MAX_FILE_BYTES, clean_text, read_paths
from kb.readers import common as readers_common

DATA = Path(__file__).parent / "data" / "readers"
SEED = Path("/work/shared/seed/000_20da175ad7725155.txt")

BODY = (
    "Russian President Vladimir Putin met Indian Foreign Minister S. Jaishankar in Moscow on Wednesday.\n\n"
    "“We will be glad to see our friend in Russia,” Putin said after the talks."
)


def read_all(*paths, published=None) -> list[Article | ReadError]:
    return list(read_paths(paths, published=published))


def read_one(path, published=None) -> Article | ReadError:
    [result] = read_all(path, published=published)
    return result


def article(path, published=None) -> Article:
    result = read_one(path, published)
    assert isinstance(result, Article), result
    return result


def error(path, published=None) -> ReadError:
    result = read_one(path, published)
    assert isinstance(result, ReadError), result
    return result




# --- plain text and Markdown -------------------------------------------------------------------------


def test_txt_without_front_matter_takes_its_id_from_the_file_name(tmp_path):
    path = write(tmp_path / "putin-jaishankar.txt", BODY)
    got = article(path)
    assert got.id == "putin-jaishankar"
    assert got.text == BODY
    assert got.path == str(path)
    assert (got.title, got.url, got.published, got.source) == (None, None, None, None)


def test_txt_front_matter_gives_the_metadata(tmp_path):
    path = write(
        tmp_path / "a.txt",
        "---\n"
        "id: seed-1\n"
        'title: "Putin: Modi is welcome in Russia"\n'
        "url: 'https://news.example.org/putin-modi'\n"
        "published: 28 December 2023\n"
        "source: Example News\n"
        "author: ignored\n"
        "---\n" + BODY,
    )
    got = article(path)
    assert got.id == "seed-1"
    assert got.title == "Putin: Modi is welcome in Russia"
    assert got.url == "https://news.example.org/putin-modi"
    assert got.published == date(2023, 12, 28)
    assert got.source == "Example News"
    assert got.text == BODY


def test_front_matter_with_an_unquoted_colon_still_reads(tmp_path):
    path = write(
        tmp_path / "a.txt", "---\ntitle: Lavrov: ties are strong\npublished: 2023-12-27\n---\n" + BODY
    )
    got = article(path)
    assert got.title == "Lavrov: ties are strong"
    assert got.published == date(2023, 12, 27)


def test_front_matter_null_means_no_value(tmp_path):
    path = write(tmp_path / "a.md", f"---\ntitle: ~\npublished: null\nsource:\n---\n{BODY}")
    got = article(path, published=date(2024, 1, 1))
    assert (got.title, got.published, got.source) == (None, date(2024, 1, 1), None)


def test_rules_around_ordinary_text_are_not_front_matter(tmp_path):
    path = write(tmp_path / "a.txt", "---\nThe talks lasted two hours.\n---\n" + BODY)
    got = article(path)
    assert got.title is None
    assert got.text.startswith("The talks lasted two hours.")


def test_md_front_matter_and_markup_are_removed(tmp_path):
    path = write(
        tmp_path / "visit.md",
        "---\ntitle: Putin invites Modi\npublished: 2023-12-28\n---\n"
        "# Putin invites Modi\n\n"
        "![Putin and Jaishankar](img/kremlin.jpg)\n\n"
        "Russian President **Vladimir Putin** met [S. Jaishankar](https://example.org/j) in Moscow.\n\n"
        "> “We will be glad to see our friend in Russia,” Putin said.\n",
    )
    got = article(path)
    assert got.id == "visit"
    assert got.title == "Putin invites Modi"
    assert got.published == date(2023, 12, 28)
    assert got.text == (
        "Putin invites Modi\n\n"
        "Russian President Vladimir Putin met S. Jaishankar in Moscow.\n\n"
        "“We will be glad to see our friend in Russia,” Putin said."
    )


# --- HTML ---------------------------------------------------------------------------------------------


def test_html_gives_main_text_and_metadata():
    got = article(DATA / "page.html")
    assert got.id == "page"
    assert got.title == "Scholz meets Kishida in Tokyo"
    assert got.url == "https://daily.example.org/world/scholz-kishida-tokyo"
    assert got.published == date(2024, 3, 18)
    assert got.source == "The Daily Example"
    assert "German Chancellor Olaf Scholz met Japanese Prime Minister Fumio Kishida in Tokyo" in got.text
    assert "“We will work more closely together.”" in got.text
    assert "\n\n" in got.text
    for furniture in ("Related stories", "Macron hosts Lula", "All rights reserved", "Subscribe now", "Home"):
        assert furniture not in got.text
    assert clean_text(got.text) == got.text  # cleaning trafilatura's output again changes nothing


def test_html_in_a_declared_legacy_encoding(tmp_path):
    page = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 talks</title></head><body><article>'
        "<p>The minister met his counterpart at a caf\xe9 in Paris on Tuesday and they discussed the "
        "situation in the region at length, officials said afterwards.</p></article></body></html>"
    )
    path = write(tmp_path / "legacy.htm", page.encode("cp1252"))
    got = article(path)
    assert got.title == "Café talks"
    assert "at a café in Paris" in got.text


def test_html_without_main_text(tmp_path):
    path = write(
        tmp_path / "menu.html",
        '<html><head><title>Menu</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a>'
        "</nav></body></html>",
    )
    assert error(path).problem == "no main text found in HTML"


# --- JSON and JSON Lines ------------------------------------------------------------------------------


def test_json_object_ignores_other_keys(tmp_path):
    record = {
        "id": "seed-putin-jaishankar",
        "title": "Putin invites Modi",
        "url": "https://news.example.org/x",
        "published": "2023-12-28",
        "source": "Example News",
        "text": BODY,
        "events": [{"type": "meeting"}],
        "statements": [],
        "people": {"putin": {"aliases": ["Putin"]}},
    }
    path = write(tmp_path / "gold.json", json.dumps(record))
    got = article(path)
    assert (got.id, got.title, got.url, got.source) == (
        "seed-putin-jaishankar",
        "Putin invites Modi",
        "https://news.example.org/x",
        "Example News",
    )
    assert got.published == date(2023, 12, 28)
    assert got.text == BODY


def test_json_object_without_id_takes_the_file_name(tmp_path):
    assert article(write(tmp_path / "kremlin.json", json.dumps({"text": BODY}))).id == "kremlin"


def test_json_list_reads_every_object_and_reports_bad_items(tmp_path):
    items = [
        {"text": BODY},
        {"id": "own", "text": BODY},
        "not an object",
        {"title": "no text"},
        {"text": BODY},
    ]
    results = read_all(write(tmp_path / "batch.json", json.dumps(items)))
    assert [r.id if isinstance(r, Article) else str(r) for r in results] == [
        "batch-1",
        "own",
        f"{tmp_path / 'batch.json'}: item 3: not a JSON object",
        f"{tmp_path / 'batch.json'}: item 4: no 'text' field",
        "batch-5",
    ]


def test_jsonl_reads_line_by_line_and_reports_bad_lines_with_their_number(tmp_path):
    lines = [
        json.dumps({"id": "first", "text": BODY, "published": "Dec 28, 2023"}),
        "",
        '{"text": "unterminated',
        json.dumps({"text": BODY}),
        json.dumps(["a", "list"]),
        json.dumps({"text": 42}),
        "   ",
        json.dumps({"text": BODY, "published": "2023-13-45"}),
        json.dumps({"text": BODY, "extra": {"nested": True}}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    results = read_all(path)
    articles = [r for r in results if isinstance(r, Article)]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [a.id for a in articles] == ["first", "feed-4", "feed-9"]
    assert articles[0].published == date(2023, 12, 28)
    assert [(e.line, e.problem.split(":")[0]) for e in errors] == [
        (3, "invalid JSON"),
        (5, "expected a JSON object"),
        (6, "no 'text' field"),
        (8, "invalid published date '2023-13-45'"),
    ]
    assert str(errors[0]).startswith(f"{path}:3: invalid JSON: ")


def test_jsonl_limit_applies_per_line(tmp_path, monkeypatch):
    monkeypatch.setattr(readers_common, "MAX_ARTICLE_CHARS", 200)
    long_text = "Putin met Jaishankar. " * 20  # 440 characters
    path = write(
        tmp_path / "big.jsonl",
        "\n".join([json.dumps({"text": long_text}), json.dumps({"text": BODY[:150]})]) + "\n",
    )
    first, second = read_all(path)
    assert isinstance(first, ReadError)
    assert (first.line, first.problem) == (1, "article too large (440 characters, limit 200)")
    assert isinstance(second, Article) and second.id == "big-2"


def test_jsonl_line_past_the_byte_cap_is_skipped_without_loading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(readers_common, "MAX_ARTICLE_CHARS", 10)
    huge = json.dumps({"text": "x" * 100_000})
    path = write(tmp_path / "huge.jsonl", huge + "\n" + json.dumps({"text": "Putin met."}) + "\n")
    first, second = read_all(path)
    assert isinstance(first, ReadError) and first.line == 1
    assert first.problem.startswith("line too large")
    assert isinstance(second, Article) and second.id == "huge-2"


# --- published dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["2023-12-28", "2023-12-28T10:00:00Z", "2023-12-28T10:00:00+05:30", "28 December 2023", "Dec 28, 2023"],
)
def test_published_date_forms(tmp_path, value):
    path = write(tmp_path / "a.json", json.dumps({"text": BODY, "published": value}))
    assert article(path).published == date(2023, 12, 28)


@pytest.mark.parametrize("value", ["2023-02-30", "2023-12-28T25:00:00", "sometime soon", "December 2023"])
def test_invalid_published_date(tmp_path, value):
    path = write(tmp_path / "a.txt", f"---\npublished: {value}\n---\n{BODY}")
    assert error(path).problem == f"invalid published date '{value}'"


def test_published_fallback_only_for_articles_without_a_date(tmp_path):
    undated = write(tmp_path / "a-undated.txt", BODY)
    dated = write(tmp_path / "b-dated.txt", f"---\npublished: 2023-12-27\n---\n{BODY}")
    fallback = date(2024, 1, 1)
    got = read_all(undated, dated, published=fallback)
    assert [a.published for a in got] == [fallback, date(2023, 12, 27)]
    assert article(undated).published is None


# --- refusals -----------------------------------------------------------------------------------------


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    got = error(missing)
    assert (got.path, got.problem) == (str(missing), "no such file or directory")
    assert str(got) == f"{missing}: no such file or directory"


def test_folder_without_articles(tmp_path):
    write(tmp_path / "notes.pdf", b"%PDF-1.4")
    write(tmp_path / ".hidden.txt", BODY)
    got = error(tmp_path)
    assert got.problem == ("no articles found (supported: .txt .md .html .htm .json .jsonl .csv .tsv .warc "
                           ".warc.gz .rss .atom .xml)")


def test_unsupported_file_named_explicitly(tmp_path):
    assert error(write(tmp_path / "a.docx", "x")).problem.startswith("unsupported file type '.docx'")


@pytest.mark.parametrize("name", ["blank.txt", "blank.md"])
def test_whitespace_only_text_is_an_empty_article(tmp_path, name):
    assert error(write(tmp_path / name, " \n\t\n\n  ")).problem == "empty article"


def test_json_with_blank_text_is_an_empty_article(tmp_path):
    assert error(write(tmp_path / "a.json", json.dumps({"text": "   "}))).problem == "empty article"


def test_text_of_nothing_but_furniture_is_an_empty_article(tmp_path):
    path = write(tmp_path / "a.txt", "Leave a Reply\n\nScroll to Top\n\nSubscribe now\n")
    assert error(path).problem == "empty article"


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n...",
        b"\x89PNG\r\n\x1a\n....",
        b"\xff\xd8\xff\xe0..JFIF",
        b"PK\x03\x04zipped",
        b"GIF89a......",
        b"Text with a \x00 byte in it.",
    ],
    ids=["pdf", "png", "jpeg", "zip", "gif", "nul"],
)
@pytest.mark.parametrize("suffix", [".txt", ".html", ".json", ".jsonl"])
def test_binary_content(tmp_path, content, suffix):
    assert error(write(tmp_path / f"a{suffix}", content)).problem == "binary file, not an article"


def test_invalid_utf8_names_the_byte(tmp_path):
    head = "Café talks — Putin met ".encode()  # multi-byte characters: the offset counts bytes
    path = write(tmp_path / "a.txt", head + b"\xe9 Jaishankar.")
    assert error(path).problem == f"not valid UTF-8 text (byte {len(head)})"
    assert len(head) == 26


def test_invalid_utf8_in_a_jsonl_line(tmp_path):
    path = write(tmp_path / "a.jsonl", json.dumps({"text": BODY}).encode() + b'\n{"text": "caf\xe9"}\n')
    good, bad = read_all(path)
    assert isinstance(good, Article)
    assert isinstance(bad, ReadError) and (bad.line, bad.problem) == (2, "not valid UTF-8 text (byte 13)")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json"])
def test_file_too_large_is_refused_before_reading(tmp_path, monkeypatch, suffix):
    path = tmp_path / f"big{suffix}"
    with path.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + MAX_FILE_BYTES // 20)  # sparse: 21 MB on paper, nothing on disk

    def refuse(*args, **kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    assert error(path).problem == "file too large (21 MB, limit 20 MB)"


def test_json_without_text_field(tmp_path):
    assert error(write(tmp_path / "a.json", json.dumps({"title": "x"}))).problem == "no 'text' field"


def test_json_with_non_string_text(tmp_path):
    assert error(write(tmp_path / "a.json", json.dumps({"text": ["a", "b"]}))).problem == "no 'text' field"


def test_malformed_json(tmp_path):
    got = error(write(tmp_path / "a.json", '{"text": "Putin met Jaishankar.",}'))
    assert got.problem.startswith("invalid JSON: ")
    assert "\n" not in str(got)


def test_json_of_another_shape(tmp_path):
    got = error(write(tmp_path / "a.json", "42"))
    assert got.problem == "expected a JSON object or a list of objects"


# --- folders and streaming ----------------------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order(tmp_path):
    write(tmp_path / "b.txt", BODY)
    write(tmp_path / "a" / "z.md", BODY)
    write(tmp_path / "a" / "c.json", json.dumps({"text": BODY}))
    write(
        tmp_path / "a" / "deeper" / "d.jsonl", json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY})
    )
    write(tmp_path / "c.htm", (DATA / "page.html").read_text(encoding="utf-8"))
    write(tmp_path / "notes.docx", "a,b")
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / ".git" / "x.txt", BODY)
    write(tmp_path / "e.txt", "")
    got = read_all(tmp_path)
    assert [(Path(r.path).relative_to(tmp_path).as_posix(), getattr(r, "id", None)) for r in got] == [
        ("a/c.json", "c"),
        ("a/deeper/d.jsonl", "d-1"),
        ("a/deeper/d.jsonl", "d-2"),
        ("a/z.md", "z"),
        ("b.txt", "b"),
        ("c.htm", "c"),
        ("e.txt", None),
    ]
    assert isinstance(got[-1], ReadError) and got[-1].problem == "empty article"


def test_bad_inputs_do_not_stop_the_rest(tmp_path):
    good = write(tmp_path / "good.txt", BODY)
    results = read_all(tmp_path / "missing.txt", write(tmp_path / "bad.json", "{"), good)
    assert [type(r).__name__ for r in results] == ["ReadError", "ReadError", "Article"]


def test_read_paths_is_lazy(tmp_path):
    first = write(tmp_path / "1.txt", BODY)
    consumed = []

    def paths():
        for p in (first, tmp_path / "missing.txt"):
            consumed.append(p)
            yield p

    stream = read_paths(paths())
    assert inspect.isgenerator(stream)
    assert consumed == []  # nothing is touched before the first article is asked for
    assert isinstance(next(stream), Article)
    assert consumed == [first]
    assert isinstance(next(stream), ReadError)


def test_jsonl_is_not_read_ahead(tmp_path):
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": BODY}) + "\n")
    stream = read_paths([path])
    assert next(stream).id == "feed-1"
    with path.open("a", encoding="utf-8") as f:  # written after the first article was handed out
        f.write(json.dumps({"text": BODY}) + "\n")
    assert next(stream).id == "feed-2"


# --- cleanup ------------------------------------------------------------------------------------------

SCRAPED_SENTENCES = [
    "TOKYO — German Chancellor Olaf Scholz met Japanese Prime Minister Fumio Kishida in Tokyo on Monday, "
    "and the two leaders agreed to deepen cooperation on defence and economic security.",
    "“Our countries share the same values and the same worries,” Scholz told reporters after the talks. "
    "“We will work more closely together.”",
    "Kishida said Japan would host a meeting of the two countries’ foreign and defence ministers "
    "in the autumn.",
    "He declined to comment.",
    "The visit was Scholz’s second to Japan since he took office in December 2021.",
    "Officials from both governments said a new agreement on the supply of military equipment could be "
    "signed before the end of the year…",
]
SCRAPED_FURNITURE = [
    "Home",
    "» World",
    "Menu",
    "Share this",
    "Facebook",
    "Sign up for our daily newsletter",
    "Click here",
    "Advertisement",
    "Related Posts",
    "Macron hosts Lula",
    "French President Emmanuel Macron welcomed",
    "ByByAnna Weber",
    "Albanese",
    "Leave a Reply",
    "Your email address will not be published",
    "Required fields are marked",
    "Comment *",
    "Save my name",
    "Post Comment",
    "Scroll to Top",
    "Discover more from",
    "Subscribe now",
    "Continue reading",
]


def test_clean_text_removes_furniture_and_keeps_every_sentence():
    cleaned = clean_text((DATA / "scraped.txt").read_text(encoding="utf-8"))
    for sentence in SCRAPED_SENTENCES:
        assert sentence in cleaned
    for furniture in SCRAPED_FURNITURE:
        assert furniture not in cleaned
    assert cleaned == "\n\n".join(SCRAPED_SENTENCES)  # the headline may go too: it sits among furniture


def test_teasers_are_removed_even_without_a_heading():
    text = (DATA / "scraped.txt").read_text(encoding="utf-8").replace("Related Posts", "")
    cleaned = clean_text(text)
    assert "Macron" not in cleaned and "Albanese" not in cleaned
    assert SCRAPED_SENTENCES[-1] in cleaned


def test_a_teaser_right_after_the_last_paragraph_leaves_that_paragraph():
    last = "Scholz said: “We will meet again in the spring.”"
    teaser = "Albanese spoke to Biden by phone on Thursday about…\n\nFeb 29, 2024"
    text = f"{SCRAPED_SENTENCES[0]}\n\n{last}\n\n{teaser}"
    assert clean_text(text) == f"{SCRAPED_SENTENCES[0]}\n\n{last}"


def test_a_related_heading_early_in_the_text_does_not_cut_the_article():
    text = "Related\n\n" + "\n\n".join(SCRAPED_SENTENCES)
    assert clean_text(text) == "\n\n".join(SCRAPED_SENTENCES)


def test_bulleted_key_points_that_are_sentences_stay():
    text = (
        "• Home\n• World\n\n"
        "• Putin and Jaishankar discussed trade, energy and the war in Ukraine during their meeting.\n"
        "• Putin said he would be glad to welcome Prime Minister Modi in Moscow next year."
    )
    assert clean_text(text) == text.split("\n\n", 1)[1]


def test_hard_wrapped_newswire_text_is_kept_whole():
    raw = (DATA / "newswire.txt").read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert cleaned.split() == raw.split()  # not a word lost
    assert cleaned.startswith("OTTAWA, June 3 - Canadian Prime Minister Brian Mulroney\nmet visiting")
    assert "officials said.\n\nThe two leaders" in cleaned  # indented lines start paragraphs


def test_clean_text_normalises_whitespace_only():
    raw = (
        "  Putin   met\tJaishankar\u00a0in “Moscow” — on Wednesday.  \r\n\r\n\r\n\r\nHe said: ‘fine’.\u200b\n"
    )
    assert clean_text(raw) == "Putin met Jaishankar in “Moscow” — on Wednesday.\n\nHe said: ‘fine’."


def test_clean_text_is_idempotent():
    once = clean_text((DATA / "scraped.txt").read_text(encoding="utf-8"))
    assert clean_text(once) == once


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_cleanup():
    cleaned = clean_text(SEED.read_text(encoding="utf-8"))
    assert (
        "Russian President Vladimir Putin told Foreign Minister S. Jaishankar in the Kremlin on Wednesday"
        in cleaned
    )
    assert "Jaishankar’s meeting with Putin is being considered important" in cleaned
    last_lavrov = next(
        p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.startswith("Lavrov praised India’s")
    )
    assert last_lavrov.strip() in cleaned
    assert cleaned.endswith(last_lavrov.strip())
    for furniture in (
        "Releated Posts",
        "Leave a Reply",
        "Scroll to Top",
        "Subscribe now",
        "Biden’s Farewell Speech",
        "ByBySantosh",
        "Home",
        "WhatsApp Channels",
    ):
        assert furniture not in cleaned
    assert clean_text(cleaned) == cleaned


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_reads_as_one_article():
    got = article(SEED, published=date(2023, 12, 27))
    assert got.id == SEED.stem
    assert got.published == date(2023, 12, 27)
    assert "Scroll to Top" not in got.text


# --- tables, feeds, web archives, standard input -----------------------------------------------------


def test_csv_maps_columns_and_names_rows_by_their_first_line(tmp_path):
    path = write(tmp_path / "export.csv", 'Headline,Body,When\n"Talks","' + BODY + '",2023-12-27\n'
                                          "Second,The second story has no events at all in it.,\n")
    first, second = read_paths([path], columns={"text": "body", "title": "headline", "published": "when"})
    assert (first.id, first.title, first.published) == ("export-2", "Talks", date(2023, 12, 27))
    assert first.text == BODY
    assert second.id == "export-5"  # the first row's text spans three lines


def test_csv_with_a_mapped_column_that_is_not_there(tmp_path):
    path = write(tmp_path / "export.csv", "headline,text\nTalks,Putin met Xi.\n")
    [got] = list(read_paths([path], columns={"title": "title_en"}))
    assert isinstance(got, ReadError)
    assert got.problem == "no 'title_en' column; the header has: headline, text"


def test_counting_items_for_the_progress_bar(tmp_path):
    from kb.readers import count_articles

    table = write(tmp_path / "t.csv", 'text,id\n"two\nlines",a\nplain,b\n')
    feed = write(tmp_path / "f.rss", "<rss version='2.0'><channel><item><title>a</title></item><item/>"
                                     "<item><title>c</title></item></channel></rss>")
    atom = write(tmp_path / "f.atom", "<feed xmlns='http://www.w3.org/2005/Atom'><entry/><entry/></feed>")
    lines = write(tmp_path / "l.jsonl", '{"text": "a"}\n{"text": "b"}\n')
    assert count_articles([table, feed, atom, lines]) == 2 + 3 + 2 + 2
    archive = write(tmp_path / "a.warc.gz", b"")
    for unknown in ([table, archive], [tmp_path], ["-"], [table, "https://example.org/feed.xml"]):
        assert count_articles(unknown) is None, unknown


def test_an_atom_feed_of_summaries(tmp_path):
    path = write(tmp_path / "news.atom", f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id><updated>2023-12-28T00:00:00Z</updated>
<entry><title>Talks in Moscow</title><id>urn:wire:1</id><updated>2023-12-27T18:00:00Z</updated>
<link href="https://example.org/talks"/><summary type="text">{BODY}</summary></entry>
<entry><title>No text</title><id>urn:wire:2</id><updated>2023-12-27T18:00:00Z</updated>
<link href="https://example.org/empty"/></entry></feed>""")
    first, second = read_all(path)
    link = "https://example.org/talks"
    assert (first.id, first.url, first.title, first.source) == (link, link, "Talks in Moscow", "Wire")
    assert first.published == date(2023, 12, 27)
    assert "Putin met Indian Foreign Minister" in first.text
    assert isinstance(second, ReadError) and second.skipped and second.line == 2
    assert second.problem == "item has no text (--fetch reads its linked page)"


def test_standard_input_lines_are_named_by_url_or_text(tmp_path, monkeypatch):
    import io
    import sys

    lines = [json.dumps({"text": BODY, "url": "https://example.org/a"}), json.dumps({"text": BODY}),
             json.dumps({"text": BODY, "id": "mine"})]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    got = read_all("-")
    assert [a.id for a in got[:1] + got[2:]] == ["https://example.org/a", "mine"]
    assert got[1].id.startswith("stdin-") and len(got[1].id) == len("stdin-") + 16
    assert {a.path for a in got} == {"<stdin>"}


def _warc(path, records):
    """records: (type, url, content type, body, http status or None)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.suffix == ".gz")
        for kind, url, content_type, body, status in records:
            http = (StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
                    if status else None)
            writer.write_record(writer.create_warc_record(
                url, kind, payload=io.BytesIO(body), http_headers=http,
                warc_content_type=None if status else content_type))
    return path


def test_warc_resource_records_and_a_charset_from_the_http_headers(tmp_path):
    page = ("<html><body><article><p>" + BODY.replace("\n\n", "</p><p>") + " Café talks followed.</p>"
            "</article></body></html>")
    path = _warc(tmp_path / "pages.warc", [
        ("response", "https://example.org/cp1252", "text/html; charset=windows-1252", page.encode("cp1252"),
         "200 OK"),
        ("resource", "https://example.org/saved", "text/html", page.encode(), None),
        ("resource", "https://example.org/notes.txt", "text/plain", b"Putin met Xi.", None),
    ])
    first, second, third = read_all(path)
    assert "Café talks" in first.text and first.id == "https://example.org/cp1252"
    assert second.url == "https://example.org/saved"
    assert isinstance(third, ReadError) and third.skipped and third.reason == "not a web page"
    assert third.problem == "text/plain resource, not a web page" and third.line == 3


def test_an_empty_warc_file_is_skipped(tmp_path):
    got = error(write(tmp_path / "none.warc.gz", b""))
    assert got.skipped and got.problem == "no records in WARC file"


def test_a_table_cut_off_inside_a_quoted_field_keeps_its_complete_rows(tmp_path):
    path = write(tmp_path / "cut.csv", f'id,text\na,"{BODY}"\nb,"Jaishankar met Lavrov in Moscow on Wednes')
    first, second = read_all(path)
    assert first.id == "a" and first.text == BODY
    assert (second.line, second.skipped) == (5, False)
    assert second.problem == "malformed CSV: unexpected end of data"
