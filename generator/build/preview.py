"""Page images of a notice: render it to PDF in a temporary folder, then one PNG per page.

The pages are drawn by `pdftoppm` (poppler-utils, installed by `make setup`), so the
images show the PDF exactly as it will be printed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..check.poppler import POPPLER_HINT, without_output_intent
from ..convert.base import Converter
from ..errors import PreviewError, SourceError
from . import pipeline

DPI = 100
TIMEOUT = 120.0


def find_pdftoppm() -> str:
    """The `pdftoppm` executable; raise PreviewError naming the package to install."""
    found = shutil.which("pdftoppm")
    if found is None:
        raise PreviewError(f"pdftoppm not found: {POPPLER_HINT}, or run `make setup`")
    return found


def page_images(pdf: Path, prefix: Path, *, dpi: int = DPI) -> list[Path]:
    """Draw every page of `pdf` to `<prefix>-<page>.png`, overwriting files of those names.

    Page numbers are zero-padded to the same width (`-01` … `-12`) so the files sort.
    """
    pdftoppm = find_pdftoppm()
    prefix = Path(prefix)
    prefix.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.ExitStack() as stack,
        tempfile.TemporaryDirectory(prefix=".notice-png-", dir=prefix.parent) as tmp,
    ):
        try:
            readable = stack.enter_context(without_output_intent(pdf))
        except OSError as exc:
            raise PreviewError(f"cannot read {pdf}: {exc.strerror}") from exc
        cmd = [pdftoppm, "-png", "-r", str(dpi), str(readable), str(Path(tmp) / "page")]
        try:
            subprocess.run(cmd, capture_output=True, check=True, timeout=TIMEOUT)
        except subprocess.CalledProcessError as exc:
            detail = exc.stderr.decode("utf-8", "replace").strip()
            raise PreviewError(f"pdftoppm failed on {pdf}: {detail}") from exc
        except subprocess.TimeoutExpired as exc:
            raise PreviewError(f"pdftoppm did not finish {pdf} in {TIMEOUT:.0f} s") from exc
        # pdftoppm names pages page-1.png, or page-01.png … when there are ten or more
        drawn = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        width = len(str(len(drawn)))
        pages = []
        for number, image in enumerate(drawn, start=1):
            target = prefix.with_name(f"{prefix.name}-{number:0{width}d}.png")
            os.replace(image, target)
            pages.append(target)
    return pages


def preview(
    source: Path,
    out: Path | None = None,
    *,
    dpi: int = DPI,
    template: Path | None = None,
    converter: Converter | None = None,
) -> list[Path]:
    """Render `source` and draw its pages; return the PNG paths, page 1 first.

    `out` names the images: `out/q7.png` gives `out/q7-1.png`, `out/q7-2.png`, …;
    by default `<stem>.png` in the current folder.
    """
    source = Path(source)
    out = Path(out) if out is not None else Path(f"{source.stem}.png")
    prefix = out.with_suffix("") if out.suffix.lower() == ".png" else out
    with tempfile.TemporaryDirectory(prefix="notice-preview-") as tmp:
        report = pipeline.render(
            [source], Path(tmp), ("pdf",), template=template, converter=converter
        )
        result = report.results[0] if report.results else None
        if result is None:
            raise PreviewError(f"{source}: not a *.yaml source")
        if result.problems:
            raise SourceError(result.problems)
        if result.error or not result.outputs:
            raise PreviewError(f"{source}: {result.error or 'no PDF was written'}")
        return page_images(result.outputs[0], prefix, dpi=dpi)
