"""Conversion through running unoserver instances (XML-RPC): work spread across them; a
server that dies is dropped and its file retried on another."""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from pathlib import Path

from ..errors import ConversionError, ConverterMissingError
from .base import OnDone, Outcome, check_names, is_pdf, package_version


class UnoserverConverter:
    """Conversion through running unoserver instances (`HOST:PORT`), spread across them."""

    name = "unoserver"

    def __init__(self, servers: list[str], *, timeout: float = 120.0) -> None:
        if not servers:
            raise ConverterMissingError("--converter unoserver needs at least one --server")
        self.servers = []
        for server in servers:
            host, _, port = server.rpartition(":")
            if not host or not port.isdigit():
                raise ConverterMissingError(f"{server!r} is not HOST:PORT")
            self.servers.append((host, port))
        self.timeout = timeout

    def version(self) -> str:
        """The client's version: the servers' LibreOffice is not asked (one request per
        server for every build); restart them with a new `--server` list after an upgrade."""
        return package_version("unoserver")

    def convert(
        self, docx_files: list[Path], out_dir: Path, on_done: OnDone | None = None
    ) -> list[Outcome]:
        try:
            from unoserver.client import UnoClient
        except ImportError as exc:
            raise ConverterMissingError(
                "the unoserver client is missing: pip install unoserver"
            ) from exc
        files = [Path(f) for f in docx_files]
        check_names(files)
        results: list[Outcome | None] = [None] * len(files)
        todo: queue.Queue[int] = queue.Queue()
        for index in range(len(files)):
            todo.put(index)
        lock = threading.Lock()
        dead: list[str] = []

        def finish(index: int, outcome: Outcome) -> None:
            results[index] = outcome
            if on_done is not None:
                with lock:
                    on_done(index, outcome)

        def serve(host: str, port: str) -> None:
            client = _fail_fast(UnoClient)(server=host, port=port, host_location="remote")
            while True:
                try:
                    index = todo.get_nowait()
                except queue.Empty:
                    return
                target = Path(out_dir) / f"{files[index].stem}.pdf"
                try:
                    data = client.convert(
                        indata=files[index].read_bytes(),
                        convert_to="pdf",
                        filter_options=["SelectPdfVersion=2"],
                    )
                except (OSError, ConnectionError) as exc:  # server gone: hand the file back
                    with lock:
                        dead.append(f"{host}:{port} ({exc})")
                    todo.put(index)
                    return
                except Exception as exc:  # an XML-RPC fault: LibreOffice could not load the file
                    finish(
                        index,
                        ConversionError(f"{files[index].name}: unoserver {host}:{port}: {exc}"),
                    )
                    continue
                finish(index, _store(data, files[index], target))

        _each_in_a_thread(serve, self.servers, self.timeout)
        while not todo.empty():
            index = todo.get_nowait()
            finish(
                index, ConversionError(f"{files[index].name}: no unoserver left: {'; '.join(dead)}")
            )
        return [r for r in results if r is not None]


def _each_in_a_thread(serve, servers: list[tuple[str, str]], timeout: float) -> None:
    """Run `serve(host, port)` for every server at once, and wait for them all."""
    with _socket_timeout(timeout):
        threads = [threading.Thread(target=serve, args=s, daemon=True) for s in servers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def _fail_fast(client_class: type) -> type:
    """The unoserver client, connecting once instead of retrying: another server waits."""

    class Client(client_class):
        def _connect(self, proxy, retries=1, sleep=0):
            return super()._connect(proxy, retries=retries, sleep=sleep)

    return Client


def _store(data: bytes, source: Path, target: Path) -> Outcome:
    """Write the bytes a server returned under a temporary name and rename them to `target`
    when they are a whole PDF; else the error."""
    tmp = target.with_name(f".{target.name}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    if is_pdf(tmp):
        os.replace(tmp, target)
        return target
    tmp.unlink()
    return ConversionError(f"{source.name}: unoserver returned no PDF")


@contextlib.contextmanager
def _socket_timeout(seconds: float):
    import socket

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)  # xmlrpc.client offers no per-call timeout
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)
