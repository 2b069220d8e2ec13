"""Conversion through Microsoft Word with docx2pdf, on Windows and macOS only."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ConversionError
from .base import OnDone, Outcome, is_pdf, package_version


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
