"""Web archives (``.warc``, ``.warc.gz``), the form bulk news crawls come in.

Each HTML response record is one article, read by the same path as a saved ``.html`` page;
its id and URL are the record's target URI, its date the page's, else ``--published``, else
the record's capture date. Every other record (requests, metadata, images, redirects, errors)
is skipped and counted. warcio stops quietly at a cut-off record, so the reader checks that
each record and the file were read to their end and reports a truncated archive as a failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kb.errors import ReadError, Skipped
from kb.model import Article
from kb.readers.common import MAX_FILE_BYTES, ReadOptions, media_type, parse_published
from kb.readers.html import HTML_TYPES, html_article


def read_warc_file(path: Path, options: ReadOptions) -> Iterator[Article | ReadError]:
    """Every record in order; a bad record costs one item, a cut-off archive ends with one failure."""
    from warcio.archiveiterator import ArchiveIterator

    number, end, at = 0, 0, 1  # records read, where they end, the record being read
    with path.open("rb") as f:
        records = ArchiveIterator(f)
        try:
            for record in records:
                number += 1
                at = number
                if record.format != "warc":  # warcio also reads the older ARC format, and reads text as it
                    raise ReadError(str(path), "not a WARC file", reason="invalid WARC")
                try:
                    item: Article | ReadError = _record(path, record, number, options)
                except ReadError as exc:
                    item = exc
                except Exception as exc:  # a page body warcio cannot decode (a bad Content-Encoding, say)
                    why = " ".join(str(exc).split())[:120] or type(exc).__name__
                    item = ReadError(str(path), f"unreadable page: {why}", number, reason="invalid WARC")
                while record.raw_stream.read(1 << 16):  # the rest of the record, to see it is all there
                    pass
                if record.raw_stream.limit > 0:  # a page cut short is not an article
                    raise _truncated(path, number)
                yield item
                end = records.get_record_offset() + records.get_record_length()
                at = number + 1
        except ReadError:
            raise
        except Exception as exc:  # warcio raises several kinds on a damaged archive
            if number == 0 and "Unknown archive format" in str(exc):
                raise ReadError(str(path), "not a WARC file", reason="invalid WARC") from None
            raise _truncated(path, at) from None
        f.seek(end)
        if f.read(65536).strip():  # bytes warcio gave up on: a record cut off in its headers
            raise _truncated(path, number + 1)
    if number == 0:
        raise Skipped(str(path), "no records in WARC file", reason="empty")


def _truncated(path: Path, number: int) -> ReadError:
    return ReadError(str(path), f"truncated or malformed WARC: record {number} is incomplete",
                     reason="invalid WARC")


def _record(path: Path, record, number: int, options: ReadOptions) -> Article:
    kind = record.rec_type
    url = record.rec_headers.get_header("WARC-Target-URI")
    if kind == "response":
        if record.http_headers is None:
            raise _other(path, number, "response without HTTP headers")
        status = record.http_headers.get_statuscode()
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not status.startswith("2"):
            raise _other(path, number, f"HTTP {status} response")
    elif kind == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        raise _other(path, number, f"{kind} record")
    media, charset = media_type(content_type)
    if media not in HTML_TYPES:
        raise _other(path, number, f"{media or 'untyped'} {kind}, not a web page")
    data = record.content_stream().read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(str(path), f"page too large (over {MAX_FILE_BYTES // (1024 * 1024)} MB)", number,
                        reason="too large")
    captured = parse_published(record.rec_headers.get_header("WARC-Date"), path, number)
    return html_article(path, data, id=url or f"{path.name}-{number}", url=url, charset=charset,
                        default_published=options.published or captured, line=number)


def _other(path: Path, number: int, what: str) -> Skipped:
    return Skipped(str(path), what, number, reason="not a web page")
