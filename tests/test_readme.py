"""The README quickstart is a real session: its `$ kb ...` lines and Python snippets run as written.

Commands run in order against a temporary store (every ``--store`` value and ``./kb-store`` is
replaced by it), from a temporary folder in which the project's files are visible, so that
``data/`` works and files the session writes stay out of the project. Only exit statuses are
checked: the output shown in the README is illustrative.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

_FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```", re.MULTILINE | re.DOTALL)
_STORE_NAMES = {"./kb-store", "kb-store", "./kb-store/", "kb-store/"}

pytestmark = pytest.mark.slow


def blocks(lang: str) -> list[str]:
    if not README.exists():
        return []
    text = README.read_text(encoding="utf-8")
    return [m.group("body") for m in _FENCE.finditer(text) if m.group("lang") == lang]


def kb_commands(block: str) -> list[str]:
    """The `$ kb ...` lines of a console block, with backslash continuations joined."""
    commands: list[str] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.startswith("$ kb "):
            continue
        command = line[2:]
        while command.rstrip().endswith("\\") and i < len(lines):
            command = command.rstrip()[:-1] + " " + lines[i].strip()
            i += 1
        commands.append(command)
    return commands


def session_args(command: str, store: Path) -> tuple[list[str], str | None]:
    """The arguments after `kb`, the store replaced, and a file to redirect standard output to."""
    words = shlex.split(command, comments=True)[1:]
    if "|" in words:  # `kb export | head`: only the kb part runs
        words = words[: words.index("|")]
    redirect = None
    if ">" in words:
        at = words.index(">")
        redirect, words = words[at + 1], words[:at]
    args: list[str] = []
    after_store = False
    for word in words:
        if after_store:
            word, after_store = str(store), False
        elif word == "--store":
            after_store = True
        elif word.startswith("--store="):
            word = f"--store={store}"
        elif word in _STORE_NAMES:
            word = str(store)
        args.append(word)
    return args, redirect


@pytest.fixture
def session_dir(tmp_path, monkeypatch) -> Path:
    """A working folder where the project's files (data/, examples, ...) are visible."""
    work = tmp_path / "work"
    work.mkdir()
    for entry in ROOT.iterdir():
        if not entry.name.startswith(".") and entry.name not in {"kb-store", "README.md"}:
            (work / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    monkeypatch.chdir(work)
    monkeypatch.setenv("KB_STORE", str(tmp_path / "store"))
    return work


def test_readme_console_session(session_dir):
    commands = [c for block in blocks("console") for c in kb_commands(block)]
    if not commands:
        pytest.skip("README.md has no ```console block with `$ kb ` lines yet")
    store = Path(os.environ["KB_STORE"])
    runner = CliRunner()
    for command in commands:
        args, redirect = session_args(command, store)
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, f"$ {command}\n{result.stdout}{result.stderr}"
        if redirect:
            (session_dir / redirect).write_bytes(result.stdout_bytes)


def test_readme_python_snippets(session_dir):
    snippets = [b for b in blocks("python") if "import kb" in b or "from kb" in b]
    if not snippets:
        pytest.skip("README.md has no ```python block using kb yet")
    store = os.environ["KB_STORE"]
    namespace: dict[str, object] = {"__name__": "readme"}
    for snippet in snippets:
        code = re.sub(r"""(["'])(?:\./)?kb-store/?\1""", repr(store), snippet)
        exec(compile(code, str(README), "exec"), namespace)  # the README's own code
