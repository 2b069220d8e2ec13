"""Files to check that would cost without bound (issue 16): a DOCX holding a 1 GiB part or a
climbing entry name, a PDF of thousands of pages — refused in seconds with the file named."""

from __future__ import annotations

import resource
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest

from generator import api
from generator.check.checker import check
from generator.check.pdf_check import MAX_PAGES
from generator.errors import CheckError

from ..support.readback import NOTICES, ROOT

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


def _docx_with(path: Path, name: str, data: bytes) -> Path:
    shutil.copy(ROOT / "templates" / "tb-ubnd.docx", path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return path


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    """A notice's PDF repeated past MAX_PAGES pages (poppler's pdfunite)."""
    out = tmp_path_factory.mktemp("long")
    (result,) = api.render([SEED], out, ("pdf",), check="none").results
    pdf = next(p for p in result.outputs if p.suffix == ".pdf")
    target = out / "long.pdf"
    subprocess.run(["pdfunite", *[str(pdf)] * (MAX_PAGES // 2 + 10), str(target)], check=True)
    return target


@pytest.mark.ooxml_invalid("hostile packages, refused by this test before any use")
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("bomb", "more than 100,000,000 bytes uncompressed"),
        ("climbing", "entry name '../../x'"),
        ("long-pdf", f"more than {MAX_PAGES} pages, too long for a notice: not checked"),
    ],
)
def test_a_file_that_would_cost_without_bound(tmp_path, long_pdf, case, message):
    """CheckError naming the file, within seconds and without a gigabyte of memory."""
    if case == "bomb":
        path = _docx_with(tmp_path / "x.docx", "word/media/big.bin", b"\0" * (101 * 2**20))
    elif case == "climbing":
        path = _docx_with(tmp_path / "x.docx", "../../x", b"x")
    else:
        path = long_pdf
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(CheckError) as caught:
        check(path)
    assert time.monotonic() - started < 30
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 300
    assert str(path) in str(caught.value) and message in str(caught.value), caught.value
