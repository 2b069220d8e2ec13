"""Running the editor: Werkzeug's threaded WSGI server on 127.0.0.1, a free port unless one
is given, the warm LibreOffice started beside it, and a clean stop on Ctrl-C or SIGTERM (the
server closed, LibreOffice's process group killed, the temporary folder removed)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import make_server

from .app import Translate, create_app
from .office import WarmOffice, kill_live_groups
from .preview import Previewer

HOST = "127.0.0.1"
#: How long a stop may take: past it, LibreOffice's process groups are killed and the process
#: exits (a request thread blocked in a conversion must not hold the stop up).
STOP_GRACE = 10.0


_watchdogs: list[threading.Timer] = []


def force_stop_after(grace: float = STOP_GRACE) -> None:
    """From now on the stop takes at most `grace` seconds: unless `serve` finishes its clean
    stop first (and cancels it), a daemon timer kills every LibreOffice started here and ends
    the process with exit 0."""

    def force() -> None:
        kill_live_groups()
        os._exit(0)

    timer = threading.Timer(grace, force)
    timer.daemon = True
    _watchdogs.append(timer)
    timer.start()


@dataclass(frozen=True)
class Running:
    """The editor, listening."""

    url: str
    port: int
    folder: Path


class Stopped(Exception):
    """Raised in the main thread by SIGTERM, so it unwinds like Ctrl-C."""


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        force_stop_after()  # the clean stop below is bounded
        raise Stopped if signum == signal.SIGTERM else KeyboardInterrupt

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)


def serve(
    folder: Path,
    *,
    port: int = 0,
    translate: Translate = str,
    on_ready: Callable[[Running], None] | None = None,
) -> None:
    """Serve the editor over `folder` until Ctrl-C (KeyboardInterrupt) or SIGTERM; returns
    normally after a clean stop. `on_ready` is called once the socket listens."""
    folder = Path(folder).resolve()
    listener = _listen(port)  # bound first, by us: Werkzeug would print and exit on a taken port
    try:
        with (  # the SIGTERM handler first: a stop while LibreOffice starts still cleans up
            _stop_on_sigterm(),
            contextlib.closing(listener),
            tempfile.TemporaryDirectory(prefix="notice-serve-") as tmp,
            WarmOffice(Path(tmp) / "office") as office,
        ):
            previewer = Previewer(office.converter, Path(tmp))
            app = create_app(folder, previewer, translate)
            server = make_server(HOST, port, app, threaded=True, fd=listener.fileno())
            actual = server.socket.getsockname()[1]
            app.config["ALLOWED_HOSTS"] = {f"{HOST}:{actual}", f"localhost:{actual}"}
            try:
                if on_ready is not None:
                    on_ready(Running(f"http://{HOST}:{actual}/", actual, folder))
                server.serve_forever()
            finally:
                server.server_close()
    except (KeyboardInterrupt, Stopped):
        pass
    while _watchdogs:  # stopped cleanly in time
        _watchdogs.pop().cancel()


def _listen(port: int) -> socket.socket:
    """A TCP socket listening on 127.0.0.1:`port` (0: a free one); raises OSError."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, port))
        listener.listen(128)
    except OSError:
        listener.close()
        raise
    return listener
