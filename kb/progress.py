"""Progress of a long run on standard error: a bar with the total when it is known, the rate and
the time left, and counts beside it. Safe to advance from two threads (ingest writes on one)."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator


class Progress:
    """A tqdm bar, or nothing at all when disabled (``-q``, or the library called without it)."""

    def __init__(self, enabled: bool, *, desc: str, unit: str, total: int | None = None):
        self._lock = threading.RLock()  # aside() may call code that advances the bar
        self._counts: dict[str, int] = {}
        self._bar = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True,
                             leave=True, smoothing=0.05)

    def advance(self, n: int = 1, **counts: int) -> None:
        """``n`` more items done; ``counts`` are added to the figures shown beside the bar."""
        if self._bar is None:
            return
        with self._lock:
            bar = self._bar
            if bar.total is not None and bar.n + n > bar.total:
                bar.total = bar.n + n  # a JSON list held more articles than counted: stretch
            for key, value in counts.items():
                self._counts[key] = self._counts.get(key, 0) + value
            if counts:
                bar.set_postfix({k: f"{v:,}" for k, v in self._counts.items() if v}, refresh=False)
            bar.update(n)

    @contextlib.contextmanager
    def aside(self) -> Iterator[None]:
        """Write other lines to the terminal: the bar is cleared first and drawn again after."""
        if self._bar is None:
            yield
            return
        with self._lock, self._bar.external_write_mode(file=sys.stderr):
            yield

    def close(self) -> None:
        if self._bar is not None:
            with self._lock:
                self._bar.close()
