"""Small HTML builders for the views: tables and links in an ``ipywidgets.HTML`` render fast and
need no extra front-end extension, in JupyterLab and in Voila alike."""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Iterable, Sequence

STYLE = """<style>
.dipkb-table {border-collapse: collapse; font-size: 13px; width: 100%;}
.dipkb-table th {text-align: left; border-bottom: 2px solid #ccc; padding: 3px 8px; position: sticky; top: 0;
  background: var(--jp-layout-color1, white);}
.dipkb-table td {border-bottom: 1px solid #eee; padding: 3px 8px; vertical-align: top;}
.dipkb-muted {color: #777; font-size: 12px;}
.dipkb-quote {font-size: 14px;}
.dipkb-error {color: #b00020; font-family: monospace; white-space: pre-wrap;}
</style>"""


def text(value: object) -> str:
    """Escaped text; missing values (None, NaN) become empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value))


def link(url: object, label: object) -> str:
    """A link that opens in a new tab, only for http(s) URLs (anything else is shown as text)."""
    shown = text(label) or text(url)
    if isinstance(url, str) and url.startswith(("http://", "https://")):
        return f'<a href="{html.escape(url, quote=True)}" target="_blank" rel="noopener">{shown}</a>'
    return shown


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], css_class: str = "dipkb-table") -> str:
    """An HTML table from already escaped cells."""
    head = "".join(f"<th>{text(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{css_class}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def muted(message: str, inline: bool = False) -> str:
    tag = "span" if inline else "div"
    return f'<{tag} class="dipkb-muted">{text(message)}</{tag}>'


def scrolling(widget, max_height: str):
    """``widget`` in a box that scrolls past ``max_height``, so long tables do not push the tabs away."""
    import ipywidgets as w

    return w.Box([widget], layout=w.Layout(max_height=max_height, overflow="auto"))


def error(message: str) -> str:
    return f'<div class="dipkb-error">{text(message)}</div>'


def download_link(data: bytes, filename: str, mime: str, label: str | None = None) -> str:
    """A link that saves ``data`` in the browser: works in JupyterLab and Voila without a server route."""
    encoded = base64.b64encode(data).decode("ascii")
    name = html.escape(filename, quote=True)
    return (f'<a download="{name}" href="data:{mime};base64,{encoded}" class="dipkb-download">'
            f"{text(label or 'Download ' + filename)}</a>")
