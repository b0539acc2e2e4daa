"""Fetching a feed or a feed item's page over HTTP, within limits a hostile server cannot stretch.

Only http and https URLs are opened, redirects are followed by hand so that none leads to
another scheme, each read waits at most ``TIMEOUT`` seconds, the whole download at most
``DEADLINE``, and a body over ``MAX_FILE_BYTES`` is refused.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from kb.errors import ReadError
from kb.readers.common import MAX_FILE_BYTES

TIMEOUT = 15.0  # seconds to connect, and between two pieces of a body
DEADLINE = 60.0  # seconds for a whole download, redirects included
MAX_REDIRECTS = 5
USER_AGENT = "dipkb"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str


def is_url(text: str) -> bool:
    """An absolute http(s) URL: the only kind ever fetched."""
    parts = urlsplit(text)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def fetch(url: str, *, where: str, line: int | None = None) -> Fetched:
    """The body at ``url``; a ``ReadError`` at ``where`` names what went wrong."""
    import requests

    started = time.monotonic()
    with requests.Session() as session:
        for _ in range(MAX_REDIRECTS + 1):
            _check_scheme(url, where, line)
            try:
                response = session.get(url, stream=True, timeout=TIMEOUT, allow_redirects=False,
                                       headers={"User-Agent": USER_AGENT})
            except requests.RequestException as exc:
                raise _failed(where, url, _reason(exc), line) from None
            with response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                if response.status_code >= 400:
                    raise _failed(where, url, f"HTTP {response.status_code}", line)
                data = _body(response, where, url, line, started)
                return Fetched(url, data, response.headers.get("Content-Type", ""))
    raise _failed(where, url, f"more than {MAX_REDIRECTS} redirects", line)


def _body(response, where: str, url: str, line: int | None, started: float) -> bytes:
    import requests

    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_FILE_BYTES:
        raise _too_large(where, url, line)
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(65536):
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise _too_large(where, url, line)
            if time.monotonic() - started > DEADLINE:
                raise _failed(where, url, f"took longer than {DEADLINE:g} s", line)
            chunks.append(chunk)
    except requests.RequestException as exc:
        raise _failed(where, url, _reason(exc), line) from None
    return b"".join(chunks)


def _check_scheme(url: str, where: str, line: int | None) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ReadError(where, f"not an http(s) URL, not fetched: '{url[:200]}'", line,
                        reason="fetch refused")


def _failed(where: str, url: str, why: str, line: int | None) -> ReadError:
    return ReadError(where, f"cannot fetch {url[:200]}: {why}", line, reason="fetch failed")


def _too_large(where: str, url: str, line: int | None) -> ReadError:
    return ReadError(where, f"{url[:200]} is too large (limit {MAX_FILE_BYTES // (1024 * 1024)} MB)", line,
                     reason="too large")


def _reason(exc: Exception) -> str:
    import requests

    if isinstance(exc, requests.Timeout):
        return f"no answer within {TIMEOUT:g} s"
    if isinstance(exc, requests.ConnectionError):
        return "cannot connect"
    return " ".join(str(exc).split())[:200] or type(exc).__name__
