"""DOCX → PDF behind one `Converter` interface; every converter returns one outcome per file
(the PDF's path, or the ConversionError that explains why there is none).

* `LibreOfficeConverter`: a pool of headless `soffice` processes (default one per core), each
  with its own profile directory, converting many documents per start and recycled after
  `recycle` documents; each PDF moved to OUT and reported as soon as it is whole; a hard
  timeout per batch that kills the whole process group; every expected PDF checked (a large
  `soffice` batch has been seen to drop files and still exit 0); a file missing after a batch
  (crash, hang, dropped) is retried once on its own, under a per-document timeout. No
  `soffice` is left behind, also after Ctrl-C.
* `UnoserverConverter`: one or more running unoserver instances (XML-RPC), work spread across
  them; a server that dies is dropped and its file retried on another.
* `WordConverter`: Microsoft Word through docx2pdf, on Windows and macOS only.

Outputs are PDF/A-2b with every font embedded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from .errors import ConversionError, ConverterMissingError

#: writer_pdf_Export with SelectPdfVersion=2: PDF/A-2b, which embeds every font.
PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "fonts-liberation2), or on Windows/macOS Microsoft Word with `pip install docx2pdf`"
)

Outcome = Path | ConversionError
#: How often a running soffice batch is looked at for finished PDFs, in seconds.
_POLL = 0.2
OnDone = Callable[[int, Outcome], None]


class Converter(Protocol):
    """Converts DOCX files to PDF files of the same stem in `out_dir`."""

    name: str

    def convert(
        self, docx_files: list[Path], out_dir: Path, on_done: OnDone | None = None
    ) -> list[Outcome]:
        """One outcome per file, in order; `on_done(index, outcome)` as each one is final."""
        ...

    def version(self) -> str:
        """The engine that lays out the PDFs, with its version (part of the manifest's key:
        an upgraded engine rebuilds every PDF instead of reporting stale ones as current)."""
        ...


def package_version(name: str) -> str:
    """`name version` of an installed Python distribution, or `name unknown`."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{name} {version(name)}"
    except PackageNotFoundError:
        return f"{name} unknown"


@functools.lru_cache(maxsize=8)
def libreoffice_version(soffice: str) -> str:
    """What `soffice --version` says (`LibreOffice 7.4.7.2 40(Build:2)`): ≈ 0.1 s, it starts
    no office; asked once per process and executable."""
    try:
        run = subprocess.run(
            [soffice, "--version"], capture_output=True, text=True, timeout=60,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "LibreOffice unknown"
    return run.stdout.strip().splitlines()[0] if run.stdout.strip() else "LibreOffice unknown"


def is_pdf(path: Path) -> bool:
    """A whole PDF: the header at the start and an end-of-file marker near the end."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(5)
            fh.seek(max(0, path.stat().st_size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def _check_names(docx_files: list[Path]) -> None:
    stems = [Path(f).stem for f in docx_files]
    if len(set(stems)) != len(stems):
        raise ConversionError("two DOCX files share a name; their PDFs would overwrite")


class LibreOfficeConverter:
    """A pool of headless LibreOffice processes, each converting a share of the files."""

    name = "libreoffice"

    def __init__(
        self,
        soffice: str,
        *,
        workers: int | None = None,
        recycle: int = 100,
        timeout: float = 60.0,
        per_file: float = 30.0,
    ) -> None:
        self.soffice = soffice
        self.workers = workers or os.cpu_count() or 1
        self.recycle = max(1, recycle)
        self.timeout = timeout  # start-up allowance of one batch
        self.per_file = per_file  # and of each document in it
        self._live: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()  # set by kill_all: no new soffice, no retry

    def version(self) -> str:
        """`soffice --version` of the executable this pool runs."""
        return libreoffice_version(self.soffice)

    def convert(
        self, docx_files: list[Path], out_dir: Path, on_done: OnDone | None = None
    ) -> list[Outcome]:
        files = [Path(f) for f in docx_files]
        _check_names(files)
        self._stop.clear()
        results: list[Outcome | None] = [None] * len(files)
        workers = max(1, min(self.workers, len(files)))
        shares = [list(range(w, len(files), workers)) for w in range(workers)]
        done_lock = threading.Lock()

        def finish(index: int, outcome: Outcome) -> None:
            results[index] = outcome
            if on_done is not None:
                with done_lock:
                    on_done(index, outcome)

        def run(share: list[int]) -> None:
            for start in range(0, len(share), self.recycle):
                chunk = share[start : start + self.recycle]
                outcomes = self._batch(
                    [files[i] for i in chunk],
                    Path(out_dir),
                    lambda k, pdf, chunk=chunk: finish(chunk[k], pdf),
                )
                for index, outcome in zip(chunk, outcomes, strict=True):
                    if isinstance(outcome, ConversionError):
                        if len(chunk) > 1 and not self._stop.is_set():  # retry alone
                            outcome = self._batch([files[index]], Path(out_dir))[0]
                        finish(index, outcome)

        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="soffice")
        try:
            for future in [pool.submit(run, share) for share in shares if share]:
                future.result()
        except BaseException:
            self.kill_all()  # Ctrl-C or a failure: no soffice is left behind
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return [r for r in results if r is not None]

    def kill_all(self) -> None:
        """Kill every running soffice process group of this converter, and start no other
        (no next batch, no retry) until the next `convert`."""
        with self._lock:
            self._stop.set()
            for proc in list(self._live):
                _kill_group(proc)

    def _batch(
        self,
        files: list[Path],
        out_dir: Path,
        on_pdf: Callable[[int, Path], None] | None = None,
    ) -> list[Outcome]:
        """Convert `files` with one soffice; each PDF is moved to `out_dir` and passed to
        `on_pdf(k, path)` as soon as it is whole — soffice converts in order, so a file is
        finished once the next one has appeared — rather than when the batch ends."""
        with tempfile.TemporaryDirectory(prefix=".notice-pdf-", dir=out_dir) as tmp:
            work = Path(tmp).resolve()
            pdf_dir = work / "pdf"
            cmd = [
                self.soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(pdf_dir),
                *(str(f.resolve()) for f in files),
            ]  # fmt: skip
            timeout = self.timeout + self.per_file * len(files)
            outcomes: list[Outcome | None] = [None] * len(files)

            def harvest(upto: int) -> None:
                """Move every whole PDF among the first `upto` files to `out_dir`."""
                for k in range(upto):
                    produced = pdf_dir / f"{files[k].stem}.pdf"
                    if outcomes[k] is None and is_pdf(produced):
                        target = Path(out_dir) / produced.name
                        os.replace(produced, target)
                        outcomes[k] = target
                        if on_pdf is not None:
                            on_pdf(k, target)

            # started and registered under the lock, so kill_all cannot miss it
            with open(work / "stderr.txt", "wb") as stderr, self._lock:
                if self._stop.is_set():
                    return [ConversionError(f"{f.name}: stopped before conversion") for f in files]
                try:
                    proc = subprocess.Popen(
                        cmd,
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                        stdin=subprocess.DEVNULL,
                        start_new_session=True,  # own process group, so a kill reaches it all
                    )
                except OSError as exc:
                    raise ConverterMissingError(
                        f"cannot start {self.soffice}: {exc}; {INSTALL_HINT}"
                    ) from exc
                self._live.add(proc)
            deadline = time.monotonic() + timeout
            timed_out = False
            try:
                while proc.poll() is None:
                    if time.monotonic() > deadline:
                        timed_out = True
                        break
                    try:
                        present = set(os.listdir(pdf_dir))
                    except FileNotFoundError:  # no PDF written yet
                        present = set()
                    newest = max(
                        (k for k, f in enumerate(files) if f"{f.stem}.pdf" in present), default=0
                    )
                    harvest(newest)  # every file before the newest one is finished
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        proc.wait(timeout=_POLL)
            finally:
                _kill_group(proc)
                proc.wait()
                with self._lock:
                    self._live.discard(proc)
            harvest(len(files))  # a PDF cut short by a kill has no %%EOF: is_pdf refuses it
            if timed_out:
                why = f"LibreOffice did not finish {len(files)} file(s) in {timeout:.0f} s; killed"
            else:
                lines = (work / "stderr.txt").read_text("utf-8", "replace").strip().splitlines()
                why = f"LibreOffice (exit {proc.returncode}) wrote no valid PDF" + (
                    f": {lines[-1]}" if lines else ""
                )
            return [
                o if o is not None else ConversionError(f"{f.name}: {why}")
                for f, o in zip(files, outcomes, strict=True)
            ]


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


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
        _check_names(files)
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

        class Client(UnoClient):
            def _connect(self, proxy, retries=1, sleep=0):  # fail fast: another server waits
                return super()._connect(proxy, retries=retries, sleep=sleep)

        def serve(host: str, port: str) -> None:
            client = Client(server=host, port=port, host_location="remote")
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
                tmp = target.with_name(f".{target.name}.{threading.get_ident()}.tmp")
                tmp.write_bytes(data)
                if is_pdf(tmp):
                    os.replace(tmp, target)
                    finish(index, target)
                else:
                    tmp.unlink()
                    finish(
                        index, ConversionError(f"{files[index].name}: unoserver returned no PDF")
                    )

        with _socket_timeout(self.timeout):
            threads = [threading.Thread(target=serve, args=s, daemon=True) for s in self.servers]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        while not todo.empty():
            index = todo.get_nowait()
            finish(
                index, ConversionError(f"{files[index].name}: no unoserver left: {'; '.join(dead)}")
            )
        return [r for r in results if r is not None]


@contextlib.contextmanager
def _socket_timeout(seconds: float):
    import socket

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)  # xmlrpc.client offers no per-call timeout
    try:
        yield
    finally:
        socket.setdefaulttimeout(previous)


class WordConverter:
    """Microsoft Word through docx2pdf (Windows and macOS only)."""

    name = "word"

    def version(self) -> str:
        """docx2pdf's version (Word's own is not exposed by it)."""
        return package_version("docx2pdf")

    def convert(
        self, docx_files: list[Path], out_dir: Path, on_done: OnDone | None = None
    ) -> list[Outcome]:
        import docx2pdf  # only installed on Windows/macOS

        results: list[Outcome] = []
        for index, f in enumerate(docx_files):
            target = Path(out_dir) / f"{Path(f).stem}.pdf"
            tmp = target.with_name(f".{target.name}.tmp.pdf")
            try:
                docx2pdf.convert(str(f), str(tmp))
                if not is_pdf(tmp):
                    raise ConversionError(f"{Path(f).name}: Microsoft Word wrote no valid PDF")
                os.replace(tmp, target)
                outcome: Outcome = target
            except ConversionError as exc:
                outcome = exc
            except Exception as exc:  # docx2pdf raises bare errors from Word's COM/AppleScript
                outcome = ConversionError(
                    f"{Path(f).name}: Microsoft Word could not convert it: {exc}"
                )
            results.append(outcome)
            if on_done is not None:
                on_done(index, outcome)
        return results


def find_soffice() -> str | None:
    """The LibreOffice executable: $NOTICE_SOFFICE, then PATH, then the usual install places."""
    candidates = [
        os.environ.get("NOTICE_SOFFICE"),
        shutil.which("soffice"),
        shutil.which("libreoffice"),
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def default_converter(
    name: str = "auto", *, servers: list[str] | None = None, workers: int | None = None
) -> Converter:
    """Word via docx2pdf on Windows/macOS when available, LibreOffice otherwise; or unoserver."""
    if name == "unoserver":
        return UnoserverConverter(servers or [])
    if name in ("auto", "word") and sys.platform in ("win32", "darwin"):
        try:
            import docx2pdf  # noqa: F401

            return WordConverter()
        except ImportError:
            if name == "word":
                raise ConverterMissingError(
                    "docx2pdf is not installed: pip install docx2pdf"
                ) from None
    if name == "word":
        raise ConverterMissingError("Microsoft Word (docx2pdf) works only on Windows and macOS")
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissingError(f"no PDF converter found: {INSTALL_HINT}")
    return LibreOfficeConverter(soffice, workers=workers)
