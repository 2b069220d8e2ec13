"""Running the editor: Werkzeug's threaded WSGI server on 127.0.0.1, a free port unless one
is given, the warm LibreOffice started beside it, and a clean stop on Ctrl-C or SIGTERM (the
server closed, LibreOffice's process group killed, the temporary folder removed)."""

from __future__ import annotations

import contextlib
import signal
import socket
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from werkzeug.serving import make_server

from .app import Translate, create_app
from .office import WarmOffice
from .preview import Previewer

HOST = "127.0.0.1"


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
        raise Stopped

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


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
