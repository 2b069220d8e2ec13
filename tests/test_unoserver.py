"""Scale-out through two real unoserver instances on loopback."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
import unoserver

from generator import api
from generator.pdf import UnoserverConverter, is_pdf

from .test_build import _copies

SYSTEM_PYTHON = "/usr/bin/python3"  # the Python that has LibreOffice's `uno` (python3-uno)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(tmp: Path, name: str) -> tuple[subprocess.Popen, str, Path]:
    port, uno_port = _free_port(), _free_port()
    log = tmp / f"{name}.log"
    env = dict(os.environ, PYTHONPATH=str(Path(unoserver.__file__).parent.parent))
    with open(log, "w") as stderr:
        proc = subprocess.Popen(
        [SYSTEM_PYTHON, "-m", "unoserver.server", "--interface", "127.0.0.1",
         "--port", str(port), "--uno-port", str(uno_port),
         "--user-installation", str(tmp / f"{name}-profile"), "--verbose"],
        stdout=subprocess.DEVNULL, stderr=stderr, env=env, start_new_session=True,
    )  # fmt: skip
    return proc, f"127.0.0.1:{port}", log


def _wait_ready(address: str, proc: subprocess.Popen, log: Path) -> None:
    host, port = address.split(":")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()
        if "Started." in log.read_text():
            with socket.create_connection((host, int(port)), timeout=1):
                return
        time.sleep(0.2)
    raise AssertionError(f"unoserver {address} did not start:\n{log.read_text()}")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Two unoserver instances, each with its own LibreOffice; killed with their children."""
    tmp = tmp_path_factory.mktemp("unoserver")
    started = [_start(tmp, name) for name in ("a", "b")]
    try:
        for proc, address, log in started:
            _wait_ready(address, proc, log)
        yield started
    finally:
        for proc, _, _ in started:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _conversions(log: Path) -> int:
    return log.read_text().count("Exporting to")


def test_work_is_spread_over_both_servers(servers, tmp_path):
    """Six notices through two servers: every PDF whole, both servers used."""
    src = _copies(tmp_path / "src", 6)
    before = [_conversions(log) for _, _, log in servers]
    converter = UnoserverConverter([address for _, address, _ in servers])
    report = api.render([src], tmp_path / "out", converter=converter)
    assert report.ok, [(r.source, r.error) for r in report.failed]
    assert all(is_pdf(p) for r in report.results for p in r.outputs if p.suffix == ".pdf")
    done = [_conversions(log) - b for (_, _, log), b in zip(servers, before, strict=True)]
    assert sum(done) == 6 and min(done) >= 1, done


def test_a_dead_server_is_dropped_and_its_work_retried(servers, tmp_path):
    """A server that does not answer: its files go to the live one; all are converted."""
    dead = f"127.0.0.1:{_free_port()}"
    converter = UnoserverConverter([dead, servers[0][1]])
    src = _copies(tmp_path / "src", 4)
    started = time.monotonic()
    report = api.render([src], tmp_path / "out", converter=converter)
    assert report.ok, [(r.source, r.error) for r in report.failed]
    assert time.monotonic() - started < 30


def test_no_server_left_names_the_servers(tmp_path):
    """Every server dead: each notice fails with a message naming them, nothing half-written."""
    dead = f"127.0.0.1:{_free_port()}"
    src = _copies(tmp_path / "src", 2)
    report = api.render([src], tmp_path / "out", converter=UnoserverConverter([dead]))
    assert len(report.failed) == 2
    assert all(f"no unoserver left: {dead}" in r.error for r in report.failed)
    assert list((tmp_path / "out").glob("*.pdf")) == []
