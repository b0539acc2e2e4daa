"""Real SPARQL servers on loopback for tests and benchmarks: ``oxigraph serve`` and Virtuoso.

Each runs in a folder of its own on free ports and is waited for until it answers a query; the
caller stops it (``stop``). Neither is ever given a port another process may be using.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a fresh Virtuoso database's administrator


@dataclass
class Server:
    process: subprocess.Popen
    url: str  # the store location to give DipKB (with the layout and credentials for Virtuoso)
    folder: Path
    sql_port: int | None = None  # Virtuoso's SQL port (isql-vt), for its bulk loader

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent
    return shutil.which("oxigraph", path=str(here)) or shutil.which("oxigraph")


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def start_oxigraph(folder: Path, timeout: float = 20) -> Server:
    """``oxigraph serve`` on the store folder ``folder`` (created or reused)."""
    binary = oxigraph_binary()
    if binary is None:
        raise FileNotFoundError("the oxigraph server binary is not installed (pip install oxigraph)")

    def launch(port: int) -> subprocess.Popen:
        return subprocess.Popen([binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    return _start(launch, lambda port: f"http://127.0.0.1:{port}", "/query", folder, timeout)


def start_virtuoso(folder: Path, timeout: float = 120, buffers: int = 10_000) -> Server:
    """A Virtuoso with a fresh database in ``folder``: its own virtuoso.ini, loopback ports only.

    ``buffers``: Virtuoso's page cache, 8 kB pages (10,000 is its default; benchmarks give more).
    The row cap of SPARQL answers is lifted (Virtuoso's default, 10,000 rows, would cut exports).
    """
    binary = virtuoso_binary()
    if binary is None:
        raise FileNotFoundError("virtuoso-t is not installed (make virtuoso, or apt-get install "
                                "virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port = free_port()

    def launch(http_port: int) -> subprocess.Popen:
        ini = folder / "virtuoso.ini"
        ini.write_text(_VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port,
                                            buffers=buffers, dirty=buffers * 3 // 4), encoding="utf-8")
        return subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def url(port: int) -> str:
        return (f"http://{VIRTUOSO_USER}:{VIRTUOSO_PASSWORD}@127.0.0.1:{port}#layout=virtuoso")

    server = _start(launch, url, "/sparql", folder, timeout)
    server.sql_port = sql_port
    return server


def _start(launch, url_of, probe: str, folder: Path, timeout: float) -> Server:
    import requests

    for _ in range(3):  # a free port can be taken between choosing it and binding it
        port = free_port()
        process = launch(port)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            try:
                requests.get(f"http://127.0.0.1:{port}{probe}", params={"query": "ASK {}"}, timeout=2)
                return Server(process, url_of(port), folder)
            except requests.RequestException:
                time.sleep(0.2)
        if process.poll() is None:
            process.kill()
        process.wait(10)
    raise RuntimeError(f"the server in {folder} did not start: "
                       f"{(process.stderr.read() or b'').decode(errors='replace')[-500:]}")


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


def comparable(rows: list[tuple]) -> list[str]:
    """Rows in an order-free form, to compare one query's answers from different servers.

    Row order aside, SPARQL leaves the order of a GROUP_CONCAT list to the server (Virtuoso's
    differs from Oxigraph's): the parts of each ", "-joined cell are sorted.
    """
    def cell(value: object) -> object:
        return ", ".join(sorted(value.split(", "))) if isinstance(value, str) and ", " in value else value

    return sorted(repr(tuple(cell(v) for v in row)) for row in rows)
