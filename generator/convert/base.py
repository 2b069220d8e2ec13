"""The one interface every DOCX → PDF backend implements, and the choice of a backend.

A converter returns one outcome per file, in order: the PDF's path, or the ConversionError
that explains why there is none. Backends: `libreoffice.py` (a warm pool of `soffice`),
`unoserver.py` (running unoserver instances), `word.py` (Microsoft Word via docx2pdf).
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ..errors import ConversionError, ConverterMissingError

#: writer_pdf_Export with SelectPdfVersion=2: PDF/A-2b, which embeds every font.
PDF_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "fonts-liberation2), or on Windows/macOS Microsoft Word with `pip install docx2pdf`"
)

Outcome = Path | ConversionError
OnDone = Callable[[int, Outcome], None]


class Converter(Protocol):
    """Converts DOCX files to PDF files of the same stem in `out_dir`."""

    name: str

    def convert(
        self, docx_files: list[Path], out_dir: Path, on_done: OnDone | None = None
    ) -> list[Outcome]:
        """One outcome per file, in order; `on_done(index, outcome)` as each one is final."""
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


def check_names(docx_files: list[Path]) -> None:
    """Refuse two inputs of the same stem: their PDFs would overwrite each other."""
    stems = [Path(f).stem for f in docx_files]
    if len(set(stems)) != len(stems):
        raise ConversionError("two DOCX files share a name; their PDFs would overwrite")


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
        from .unoserver import UnoserverConverter

        return UnoserverConverter(servers or [])
    if name in ("auto", "word") and sys.platform in ("win32", "darwin"):
        try:
            import docx2pdf  # noqa: F401

            from .word import WordConverter

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
    from .libreoffice import LibreOfficeConverter

    return LibreOfficeConverter(soffice, workers=workers)
