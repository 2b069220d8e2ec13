"""The choice of a converter backend, made once per build: Word on Windows/macOS when
docx2pdf is there, else the LibreOffice pool; or unoserver instances when asked."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..errors import ConverterMissingError
from .base import INSTALL_HINT, Converter
from .libreoffice import LibreOfficeConverter
from .unoserver import UnoserverConverter
from .word import WordConverter


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
