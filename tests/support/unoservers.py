"""unoserver instances started on loopback, to try scale-out on one machine (the tests and the
benchmark use them too). In production the servers run as services on other machines and
`notice render --converter unoserver --server HOST:PORT` only connects to them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import ConverterMissingError

#: unoserver's server runs in the Python that has LibreOffice's `uno` (Debian: python3-uno).
SYSTEM_PYTHON = "/usr/bin/python3"


@dataclass
class LocalServer:
    """One running unoserver: its process (leader of its own group), address and log."""

    proc: subprocess.Popen
    address: str
    log: Path

    def conversions(self) -> int:
        """Documents it has converted so far, from its log."""
        return self.log.read_text("utf-8", "replace").count("Exporting to")


def free_port() -> int:
    """A TCP port nothing listens on, on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def local_servers(
    folder: Path, count: int = 2, timeout: float = 60.0
) -> Iterator[list[LocalServer]]:
    """`count` unoserver instances, each with its own LibreOffice and profile under `folder`;
    killed with their LibreOffice on exit. Raises ConverterMissingError if one does not start."""
    import unoserver

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(Path(unoserver.__file__).parent.parent))
    servers: list[LocalServer] = []
    try:
        for i in range(count):
            port, log = free_port(), folder / f"unoserver-{i}.log"
            with open(log, "w") as stderr:
                proc = subprocess.Popen(
                    [SYSTEM_PYTHON, "-m", "unoserver.server", "--interface", "127.0.0.1",
                     "--port", str(port), "--uno-port", str(free_port()),
                     "--user-installation", str(folder / f"profile-{i}"), "--verbose"],
                    stdout=subprocess.DEVNULL, stderr=stderr, env=env, start_new_session=True,
                )  # fmt: skip
            servers.append(LocalServer(proc, f"127.0.0.1:{port}", log))
        for server in servers:
            _wait_ready(server, timeout)
        yield servers
    finally:
        for server in servers:
            if server.proc.poll() is None:
                os.killpg(server.proc.pid, signal.SIGKILL)
            server.proc.wait()


def _wait_ready(server: LocalServer, timeout: float) -> None:
    host, port = server.address.split(":")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = server.log.read_text("utf-8", "replace")
        if server.proc.poll() is not None:
            raise ConverterMissingError(f"unoserver {server.address} exited:\n{log[-2000:]}")
        if "Started." in log:
            with contextlib.suppress(OSError), socket.create_connection((host, int(port)), 1):
                return
        time.sleep(0.2)
    raise ConverterMissingError(f"unoserver {server.address} did not start in {timeout:.0f} s")
