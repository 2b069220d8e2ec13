"""One LibreOffice kept warm for the editor's previews: a unoserver instance on loopback,
with its own profile, started once and killed with its whole process group when the editor
stops; conversions go through the project's `UnoserverConverter`.

unoserver's server runs in the Python that has LibreOffice's `uno` module (Debian:
python3-uno), which is the system one, not the virtual environment's.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

from ..convert.base import INSTALL_HINT
from ..convert.unoserver import UnoserverConverter
from ..errors import ConverterMissingError

#: Candidates for the Python with `uno`: $NOTICE_UNO_PYTHON, then Debian's.
UNO_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3")
START_TIMEOUT = 90.0
#: The process groups of running LibreOffice instances (unoserver and its soffice), for a stop
#: that cannot wait for the clean one (server.force_stop_after).
LIVE_GROUPS: set[int] = set()


def kill_live_groups() -> None:
    """Kill every LibreOffice this process started, at once."""
    for group in list(LIVE_GROUPS):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _uno_python() -> str:
    for candidate in (os.environ.get("NOTICE_UNO_PYTHON"), *UNO_PYTHONS):
        if candidate and Path(candidate).is_file():
            probe = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=30, check=False
            )
            if probe.returncode == 0:
                return candidate
    raise ConverterMissingError(
        f"no Python with LibreOffice's uno module: install python3-uno; {INSTALL_HINT}"
    )


class WarmOffice:
    """A running unoserver (and its LibreOffice) for as long as the editor runs.

    `start()` returns at once; the first `converter()` call waits until the server answers.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = Path(workdir)
        self.proc: subprocess.Popen | None = None
        self.address = ""
        self._ready = threading.Event()
        self._error: Exception | None = None
        self._lock = threading.Lock()
        self._closed = False  # set by close(): a start still under way starts nothing

    def start(self) -> WarmOffice:
        """Start unoserver in the background; errors are raised by `converter()`."""
        threading.Thread(target=self._start, name="warm-office", daemon=True).start()
        return self

    def _start(self) -> None:
        try:
            if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
                raise ConverterMissingError(f"no PDF converter found: {INSTALL_HINT}")
            import unoserver

            python = _uno_python()
            port = _free_port()
            log = self.workdir / "unoserver.log"
            env = dict(os.environ, PYTHONPATH=str(Path(unoserver.__file__).parent.parent))
            with self._lock:
                if self._closed:  # the editor stopped while the start was under way: its
                    # temporary folder is gone, and nothing may be made again in it
                    raise ConverterMissingError("stopped before LibreOffice started")
                self.workdir.mkdir(parents=True, exist_ok=True)
                with open(log, "w") as stderr:
                    self.proc = subprocess.Popen(
                        [python, "-m", "unoserver.server", "--interface", "127.0.0.1",
                         "--port", str(port), "--uno-port", str(_free_port()),
                         "--user-installation", str(self.workdir / "profile"), "--verbose"],
                        stdout=subprocess.DEVNULL, stderr=stderr, stdin=subprocess.DEVNULL,
                        env=env, start_new_session=True,
                    )  # fmt: skip
                LIVE_GROUPS.add(self.proc.pid)
            self.address = f"127.0.0.1:{port}"
            self._wait(port, log)
        except Exception as exc:  # noqa: BLE001 - handed to the first caller of converter()
            self._error = exc
        finally:
            self._ready.set()

    def _wait(self, port: int, log: Path) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                tail = log.read_text("utf-8", "replace")[-1000:]
                raise ConverterMissingError(f"LibreOffice (unoserver) exited: {tail}")
            if "Started." in log.read_text("utf-8", "replace"):
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                    return
            time.sleep(0.2)
        raise ConverterMissingError(
            f"LibreOffice (unoserver) did not start in {START_TIMEOUT:.0f} s"
        )

    def converter(self) -> UnoserverConverter:
        """The converter for the warm instance; waits for it to be ready."""
        self._ready.wait(START_TIMEOUT + 10)
        if self._error is not None:
            raise self._error
        return UnoserverConverter([self.address])

    def close(self) -> None:
        """Kill unoserver and its LibreOffice (the whole process group)."""
        with self._lock:
            self._closed = True
            proc = self.proc
            if proc is not None and proc.poll() is None:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(proc.pid, signal.SIGKILL)
            if proc is not None:
                proc.wait()
                LIVE_GROUPS.discard(proc.pid)

    def __enter__(self) -> WarmOffice:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
