"""The warm LibreOffice pool: headless `soffice` processes (default one per core), each
with its own profile directory, converting many documents per start and recycled after
`recycle` documents; each PDF moved to OUT and reported as soon as it is whole; a hard
timeout per batch that kills the whole process group; every expected PDF checked (a large
`soffice` batch has been seen to drop files and still exit 0); a file missing after a batch
(crash, hang, dropped) is retried once on its own, under a per-document timeout. No
`soffice` is left behind, also after Ctrl-C. Outputs are PDF/A-2b with every font embedded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import ConversionError, ConverterMissingError
from .base import INSTALL_HINT, PDF_FILTER, OnDone, Outcome, check_names, is_pdf

#: How often a running soffice batch is looked at for finished PDFs, in seconds.
_POLL = 0.2


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
        check_names(files)
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

            proc = self._start(self._command(files, work, pdf_dir), work / "stderr.txt")
            if proc is None:
                return [ConversionError(f"{f.name}: stopped before conversion") for f in files]
            try:
                timed_out = not _watch(proc, files, pdf_dir, time.monotonic() + timeout, harvest)
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

    def _command(self, files: list[Path], work: Path, pdf_dir: Path) -> list[str]:
        """The soffice command line: its own profile in `work`, PDFs into `pdf_dir`."""
        return [
            self.soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
            "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(pdf_dir),
            *(str(f.resolve()) for f in files),
        ]  # fmt: skip

    def _start(self, cmd: list[str], stderr_path: Path) -> subprocess.Popen | None:
        """Start soffice in its own process group; None once the pool is stopping."""
        # started and registered under the lock, so kill_all cannot miss it
        with open(stderr_path, "wb") as stderr, self._lock:
            if self._stop.is_set():
                return None
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
        return proc


def _watch(
    proc: subprocess.Popen,
    files: list[Path],
    pdf_dir: Path,
    deadline: float,
    harvest: Callable[[int], None],
) -> bool:
    """Wait for soffice, harvesting each PDF once the next has appeared; False when the
    deadline passed first."""
    while proc.poll() is None:
        if time.monotonic() > deadline:
            return False
        try:
            present = set(os.listdir(pdf_dir))
        except FileNotFoundError:  # no PDF written yet
            present = set()
        newest = max((k for k, f in enumerate(files) if f"{f.stem}.pdf" in present), default=0)
        harvest(newest)  # every file before the newest one is finished
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=_POLL)
    return True


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


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
