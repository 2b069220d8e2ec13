"""The checker's entry point: which files can be checked, and one call that checks a DOCX
or a PDF notice against NĐ 30. Nothing here prints; `check` returns findings and raises
`CheckError`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import CheckError
from .docx_check import check_docx
from .pdf_check import check_pdf
from .rules import Finding

__all__ = ["CheckError", "Finding", "check", "check_docx", "check_pdf", "checkable_files"]


SUFFIXES = (".docx", ".pdf")


def checkable_files(paths: Iterable[Path]) -> list[Path]:
    """The files to check: each .docx/.pdf given, and those directly inside each folder.

    Raises CheckError for a file of another type.
    """
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(
                p for p in path.iterdir()
                if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$"))
            )  # fmt: skip
        elif path.suffix.lower() in SUFFIXES:
            out.append(path)
        else:
            raise CheckError(f"{path}: only .docx and .pdf files can be checked")
    return out


def check(path: Path, *, accept_twins: bool = False) -> list[Finding]:
    """Check one notice, a .docx or a .pdf; raise CheckError if it cannot be read. With
    `accept_twins` a PDF set in a metric twin of Times New Roman is not reported."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise CheckError(f"{path}: only .docx and .pdf files can be checked")
    if suffix == ".docx":
        return check_docx(path)
    return check_pdf(path, accept_twins=accept_twins)
