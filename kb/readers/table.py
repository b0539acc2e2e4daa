"""Tables of articles (``.csv``, ``.tsv``) with a header row: one article per row.

The header names the columns; ``text`` is required and ``id``, ``title``, ``url``,
``published``, ``source`` are read when present. ``ReadOptions.columns`` maps a field to the
table's own name for it (``--columns text=body,published=date``). The file is read row by row,
so its size is unbounded; a bad row costs that row, named by the line it starts on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from kb.errors import ReadError, Skipped
from kb.model import Article
from kb.readers import common
from kb.readers.common import FIELDS, ReadOptions, check_binary, make_article, optional_str

_SNIFF_BYTES = 8192


def read_table_file(path: Path, options: ReadOptions) -> Iterator[Article | ReadError]:
    with path.open("rb") as f:
        check_binary(path, f.read(_SNIFF_BYTES))
    _allow_long_fields()
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f, delimiter=_delimiter(path), strict=True)  # strict: a cut-off row is an error
        try:
            header = next(rows, None)
            if header is None:
                raise Skipped(str(path), "empty table", reason="empty")
            where = _columns(path, header, options)
            for row in rows:
                line = rows.line_num + 1 - _lines_in(row)
                if not any(cell.strip() for cell in row):
                    continue
                try:
                    yield _row(path, row, len(header), where, line, options)
                except ReadError as exc:
                    yield exc
        except UnicodeDecodeError:
            raise ReadError(str(path), f"not valid UTF-8 text (after line {rows.line_num})",
                            reason="not UTF-8") from None
        except csv.Error as exc:
            raise ReadError(str(path), f"malformed {_kind(path)}: {exc}", rows.line_num,
                            reason="malformed record") from None


def count_rows(path: Path) -> int:
    """Rows below the header, counted with the csv parser (quoted fields may span lines)."""
    _allow_long_fields()
    try:
        with path.open(encoding="utf-8-sig", newline="", errors="replace") as f:
            return max(1, sum(1 for _ in csv.reader(f, delimiter=_delimiter(path))) - 1)
    except (OSError, csv.Error):
        return 1


def _lines_in(row: list[str]) -> int:
    """Lines a parsed row took in the file: one, plus the line breaks inside its quoted fields."""
    return 1 + sum(cell.count("\n") for cell in row)


def _allow_long_fields() -> None:
    # csv refuses fields over 128 KB by default; an article may be longer (make_article has the limit)
    if csv.field_size_limit() < 4 * common.MAX_ARTICLE_CHARS:
        csv.field_size_limit(4 * common.MAX_ARTICLE_CHARS)


def _delimiter(path: Path) -> str:
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _kind(path: Path) -> str:
    return path.suffix.lower().lstrip(".").upper() or "table"


def _columns(path: Path, header: list[str], options: ReadOptions) -> dict[str, int]:
    """Each field's column index; the text column must be there."""
    index = {name.strip().lower(): i for i, name in reversed(list(enumerate(header)))}
    where = {}
    for name in FIELDS:
        column = options.columns.get(name, name)
        if column.strip().lower() in index:
            where[name] = index[column.strip().lower()]
        elif name in options.columns or name == "text":
            shown = ", ".join(h.strip() for h in header if h.strip())[:200]
            hint = "" if name in options.columns else " (name it with --columns text=COLUMN)"
            raise ReadError(str(path), f"no '{column}' column{hint}; the header has: {shown}",
                            reason="no text column" if name == "text" else "missing column")
    return where


def _row(path: Path, row: list[str], width: int, where: dict[str, int], line: int,
         options: ReadOptions) -> Article:
    if len(row) != width:
        raise ReadError(str(path), f"row has {len(row)} fields, the header {width}", line,
                        reason="malformed record")
    value = {name: row[i] for name, i in where.items()}
    text = value["text"]
    if len(text) > common.MAX_ARTICLE_CHARS:
        limit = f"{common.MAX_ARTICLE_CHARS:,}"
        raise ReadError(str(path), f"article too large ({len(text):,} characters, limit {limit})", line,
                        reason="too large")
    return make_article(
        path,
        id=optional_str(value.get("id")) or optional_str(value.get("url")) or f"{path.stem}-{line}",
        text=text,
        title=value.get("title"),
        url=value.get("url"),
        published=value.get("published"),
        source=value.get("source"),
        default_published=options.published,
        line=line,
    )
