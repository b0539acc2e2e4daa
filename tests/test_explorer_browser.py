"""The explorer as a web page: Voila serves notebooks/explorer.ipynb, headless Chromium uses it."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
ROWS = ".dipkb-events-table tbody tr"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"voila exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        with socket.socket() as s:
            s.settimeout(1)
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    pytest.fail(f"voila did not listen on port {port} within {timeout:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    """End Voila and the kernel it started (they share a new session), waiting a bounded time."""
    if process.poll() is None:
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
    with contextlib.suppress(ProcessLookupError):  # the kernel may outlive Voila: clear the whole group
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def voila(store_copy, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium ('make browser') to run browser tests")
    port = _free_port()
    log = tmp_path / "voila.log"
    env = {**os.environ, "KB_STORE": str(store_copy)}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "voila", str(ROOT / "notebooks" / "explorer.ipynb"), "--no-browser",
             f"--port={port}", "--Voila.ip=127.0.0.1"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
    try:
        _wait_for_port(port, process, log)
        yield f"http://127.0.0.1:{port}/"
    finally:
        _stop(process)


def test_explorer_renders_in_voila_and_filters_change_the_table(voila, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=FLAGS,
            viewport={"width": 1280, "height": 1600})
        try:
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(voila, timeout=120_000)
            page.wait_for_selector(ROWS, timeout=180_000)  # the notebook ran and the widgets rendered

            for part in (".dipkb-person input", ".dipkb-country select", ".dipkb-type select",
                         ".dipkb-text input", ".lm-TabBar-tabLabel"):
                assert page.locator(part).first.is_visible(), part
            before = page.locator(ROWS).count()
            assert before > 10
            talks = page.locator(ROWS, has_text="Joe Biden, Xi Jinping").filter(has_text="Bali")
            assert talks.count() == 1  # reported by two articles: one row, with the other report counted
            assert "2022-11-14" in talks.first.inner_text() and "+1 report" in talks.first.inner_text()

            page.locator(".dipkb-country select").select_option(label="India (IN)")
            page.wait_for_function(f"n => document.querySelectorAll('{ROWS}').length !== n", arg=before)
            after = page.locator(ROWS).count()
            assert 0 < after < before
            page.wait_for_function("t => document.querySelector('.dipkb-status').innerText.includes(t)",
                                   arg=f"{after} of {before} events")

            page.locator(".lm-TabBar-tabLabel", has_text="Network").click()
            nodes = page.locator(".dipkb-network .js-plotly-plot .scatterlayer .trace:last-child .point")
            nodes.first.wait_for()
            assert nodes.count() > 2
            nodes.first.click(force=True)  # clicking a person filters by them
            page.wait_for_function("() => document.querySelector('.dipkb-person input').value !== ''")
            page.screenshot(path=str(tmp_path / "explorer.png"), full_page=True)
        finally:
            context.close()
    assert (tmp_path / "explorer.png").stat().st_size > 10_000
