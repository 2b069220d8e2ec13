"""DOCX → PDF behind one `Converter` interface.

* `LibreOfficeConverter`: headless `soffice` on Linux (and anywhere it is installed), with its
  own profile directory, a hard timeout that kills the whole process group, batches of at most
  `BATCH_LIMIT` files, and a check that every expected PDF exists and is a whole PDF
  (a large `soffice` batch has been seen to drop files and still exit 0).
* `WordConverter`: Microsoft Word through docx2pdf, on Windows and macOS only.

Outputs are PDF/A-2b with every font embedded.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Protocol

from .errors import ConversionError, ConverterMissingError

BATCH_LIMIT = 100
#: writer_pdf_Export with SelectPdfVersion=2: PDF/A-2b, which embeds every font.
PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "fonts-liberation2), or on Windows/macOS Microsoft Word with `pip install docx2pdf`"
)


class Converter(Protocol):
    """Converts DOCX files to PDF files of the same stem in `out_dir`."""

    name: str

    def convert(self, docx_files: list[Path], out_dir: Path) -> list[Path]:
        """Convert every file; return the PDF paths, in order. Raise ConversionError."""
        ...


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


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


class LibreOfficeConverter:
    """Headless LibreOffice, one process per batch of up to BATCH_LIMIT files."""

    name = "libreoffice"

    def __init__(self, soffice: str, *, timeout: float = 120.0, per_file: float = 10.0) -> None:
        self.soffice = soffice
        self.timeout = timeout
        self.per_file = per_file

    def convert(self, docx_files: list[Path], out_dir: Path) -> list[Path]:
        out_dir = Path(out_dir)
        stems = [Path(f).stem for f in docx_files]
        if len(set(stems)) != len(stems):
            raise ConversionError("two DOCX files share a name; their PDFs would overwrite")
        results: list[Path] = []
        for start in range(0, len(docx_files), BATCH_LIMIT):
            results += self._batch(
                [Path(f) for f in docx_files[start : start + BATCH_LIMIT]], out_dir
            )
        return results

    def _batch(self, files: list[Path], out_dir: Path) -> list[Path]:
        with tempfile.TemporaryDirectory(prefix=".notice-pdf-", dir=out_dir) as tmp:
            work = Path(tmp).resolve()
            cmd = [
                self.soffice,
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(work / "pdf"),
                *(str(f.resolve()) for f in files),
            ]  # fmt: skip
            timeout = self.timeout + self.per_file * len(files)
            try:
                proc = subprocess.Popen(
                    cmd,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,  # own process group, so a timeout kills it all
                )
            except OSError as exc:
                raise ConverterMissingError(
                    f"cannot start {self.soffice}: {exc}; {INSTALL_HINT}"
                ) from exc
            try:
                _, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired as exc:
                _kill_group(proc)
                proc.communicate()
                raise ConversionError(
                    f"LibreOffice did not finish {len(files)} file(s) in {timeout:.0f} s; killed"
                ) from exc
            finally:
                _kill_group(proc)
            results, missing = [], []
            for f in files:
                produced = work / "pdf" / f"{f.stem}.pdf"
                if not is_pdf(produced):
                    missing.append(f.name)
                    continue
                target = out_dir / produced.name
                os.replace(produced, target)
                results.append(target)
            if missing:
                detail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
                raise ConversionError(
                    f"LibreOffice (exit {proc.returncode}) wrote no valid PDF for: "
                    f"{', '.join(missing)}" + (f" ({' '.join(detail)})" if detail else "")
                )
            return results


class WordConverter:
    """Microsoft Word through docx2pdf (Windows and macOS only)."""

    name = "word"

    def convert(self, docx_files: list[Path], out_dir: Path) -> list[Path]:
        import docx2pdf  # only installed on Windows/macOS

        results = []
        for f in docx_files:
            target = Path(out_dir) / f"{Path(f).stem}.pdf"
            tmp = target.with_name(f".{target.name}.tmp.pdf")
            try:
                docx2pdf.convert(str(f), str(tmp))
            except Exception as exc:  # docx2pdf raises bare exceptions from Word's COM/AppleScript
                raise ConversionError(f"{f}: Microsoft Word could not convert it: {exc}") from exc
            if not is_pdf(tmp):
                raise ConversionError(f"{f}: Microsoft Word wrote no valid PDF")
            os.replace(tmp, target)
            results.append(target)
        return results


def find_soffice() -> str | None:
    """The LibreOffice executable: $NOTICE_SOFFICE, then PATH, then the usual install places."""
    candidates = [
        os.environ.get("NOTICE_SOFFICE"),
        shutil.which("soffice"),
        shutil.which("libreoffice"),
    ]
    candidates += [
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ]
    return next((c for c in candidates if c and Path(c).is_file()), None)


def default_converter(name: str = "auto") -> Converter:
    """Word via docx2pdf on Windows/macOS when available, LibreOffice otherwise."""
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
    return LibreOfficeConverter(soffice)
