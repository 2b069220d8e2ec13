"""The one interface every DOCX → PDF backend implements, and the choice of a backend.

A converter returns one outcome per file, in order: the PDF's path, or the ConversionError
that explains why there is none. Backends: `libreoffice.py` (a warm pool of `soffice`),
`unoserver.py` (running unoserver instances), `word.py` (Microsoft Word via docx2pdf);
`backends.py` picks one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ..errors import ConversionError

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
