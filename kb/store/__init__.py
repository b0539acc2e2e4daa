"""Where the knowledge base lives: an embedded Oxigraph folder or a remote SPARQL 1.1 server.

Only this package knows which backend is behind a location; everything above it speaks SPARQL.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from kb.errors import StoreError, StoreLocked
from kb.store.base import Store
from kb.store.embedded import EmbeddedStore

DEFAULT_LOCATION = "./kb-store"

__all__ = ["DEFAULT_LOCATION", "EmbeddedStore", "Store", "StoreLocked", "default_location", "open_store"]


def default_location() -> str:
    return os.environ.get("KB_STORE") or DEFAULT_LOCATION


def open_store(location: str | os.PathLike[str] | None = None, *, read_only: bool = False, wait: float = 0.0,
               on_wait: Callable[[], None] | None = None) -> Store:
    """Open the store at ``location``: an ``http(s)://`` URL means a remote server, anything else a folder.

    A folder another process is writing to is waited for up to ``wait`` seconds (``on_wait`` is
    called once when the waiting starts), then refused with ``StoreLocked``.
    """
    loc = str(location) if location is not None else default_location()
    if loc.startswith(("http://", "https://")):
        from kb.store.remote import RemoteStore

        return RemoteStore(loc, read_only=read_only)  # opening a remote store sends no request
    store = EmbeddedStore(Path(loc), read_only=read_only, wait=wait, on_wait=on_wait)
    if not read_only:
        store.upgrade()
    elif store.needs_upgrade():
        store.close()
        raise StoreError(f"{loc}: written by an earlier version of DipKB; "
                         "open it once for writing (any 'kb ingest') to upgrade it")
    return store
