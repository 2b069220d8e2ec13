"""`notice render --watermark`: a diagonal "DỰ THẢO" behind every page of a draft (and
never of an issued notice), in the DOCX and, through LibreOffice, in the PDF as real text."""

from __future__ import annotations

import io
import math
import re
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from generator import api
from generator.render.watermark import MARK_NAME, TEXT, add_watermark, has_watermark, mark_emf

from ..support.readback import NOTICES

DRAFT = "bac-giang-tb-ubnd-2020-du-thao"
ISSUED = "quang-ngai-07-tb-ubnd-2024"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(scope="module")
def marked(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """The draft and an issued notice rendered with --watermark (DOCX and PDF)."""
    out = tmp_path_factory.mktemp("marked")
    sources = [NOTICES / f"{DRAFT}.yaml", NOTICES / f"{ISSUED}.yaml"]
    report = api.render(sources, out, watermark=True, check="none")
    assert report.ok, [(r.source, r.problems, r.error) for r in report.failed]
    return {r.source.stem: {p.suffix[1:]: p for p in r.outputs} for r in report.results}


def _headers(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {n: archive.read(n) for n in archive.namelist() if re.match(r"word/header\d+", n)}


def _marks(docx: bytes) -> int:
    return sum(xml.count(f'name="{MARK_NAME}"'.encode()) for xml in _headers(docx).values())


def test_only_drafts_are_marked(marked) -> None:
    """The draft's DOCX carries the mark in both headers (page 1 and the others); the
    issued notice's carries none."""
    draft = marked[DRAFT]["docx"].read_bytes()
    assert has_watermark(draft) and _marks(draft) == len(_headers(draft)) == 2
    assert not has_watermark(marked[ISSUED]["docx"].read_bytes())


def test_marking_twice_changes_nothing(marked) -> None:
    """add_watermark is idempotent: one mark per header."""
    draft = marked[DRAFT]["docx"].read_bytes()
    assert _marks(add_watermark(draft)) == _marks(draft) == 2


def test_a_missing_first_page_header_is_added(marked) -> None:
    """A section that shows a first-page header but has none gets one, with the mark."""
    parts = dict(_zip_parts(marked[ISSUED]["docx"].read_bytes()))
    doc = etree.fromstring(parts["word/document.xml"])
    sect = doc.find(f"{W}body/{W}sectPr")
    for ref in sect.findall(f"{W}headerReference"):
        if ref.get(f"{W}type") == "first":
            sect.remove(ref)
    parts["word/document.xml"] = etree.tostring(doc)
    marked_docx = add_watermark(_zip(parts))
    parts = dict(_zip_parts(marked_docx))
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): f"word/{r.get('Target')}" for r in rels}
    refs = etree.fromstring(parts["word/document.xml"]).iter(f"{W}headerReference")
    shown = {r.get(f"{W}type"): targets[r.get(R_ID)] for r in refs}
    assert set(shown) == {"default", "first"}
    assert all(f'name="{MARK_NAME}"'.encode() in parts[name] for name in shown.values())
    assert b'PartName="/' + shown["first"].encode() + b'"' in parts["[Content_Types].xml"]


def test_the_mark_is_a_well_formed_emf() -> None:
    """The EMF's records add up, it ends with EMR_EOF, and its text is "DỰ THẢO"."""
    data = mark_emf()
    offset, kinds = 0, []
    while offset < len(data):
        kind, size = struct.unpack_from("<II", data, offset)
        assert size % 4 == 0 and size >= 8
        kinds.append(kind)
        if kind == 84:  # EMR_EXTTEXTOUTW
            count, at = struct.unpack_from("<II", data, offset + 44)
            assert data[offset + at : offset + at + 2 * count].decode("utf-16-le") == TEXT
        offset += size
    assert offset == len(data) and kinds[0] == 1 and kinds[-1] == 14
    assert struct.unpack_from("<II", data, 48) == (len(data), len(kinds))  # nBytes, nRecords


def test_the_pdf_carries_the_words_on_every_page(marked) -> None:
    """In the PDF the mark is text (diagonal: pdftotext -raw gives one letter a line), once
    on every page of the draft and nowhere on the issued notice."""
    draft = _text(marked[DRAFT]["pdf"])
    pages = len(
        re.findall(
            r"\f",
            subprocess.run(
                ["pdftotext", str(marked[DRAFT]["pdf"]), "-"], capture_output=True, text=True
            ).stdout,
        )
    )
    assert pages == 3 and draft.count("DỰTHẢO") == pages
    assert "DỰTHẢO" not in _text(marked[ISSUED]["pdf"])


def test_the_mark_looks_right(marked, rendered, tmp_path: Path) -> None:
    """Page 1 with and without the mark differs only along the page's rising diagonal, in
    light grey, over most of its length."""
    with_mark = _grey_page(marked[DRAFT]["pdf"], tmp_path / "with")
    without = _grey_page(rendered[DRAFT]["pdf"], tmp_path / "without")
    width, height, px_per_mm = with_mark["size"][0], with_mark["size"][1], 40 / 25.4
    changed = [
        i
        for i, (a, b) in enumerate(zip(with_mark["px"], without["px"], strict=True))
        if abs(a - b) > 24
    ]
    assert len(changed) > 500
    cx, cy = width / 2, height / 2
    across, along = [], []
    for i in changed:
        x, y = i % width - cx, i // width - cy
        along.append((x - y) / math.sqrt(2))  # rising to the right: x up, y down
        across.append(abs(x + y) / math.sqrt(2))
    near = sum(d < 22 * px_per_mm for d in across) / len(across)
    assert near > 0.95, f"only {near:.0%} of the mark lies on the diagonal"
    assert (max(along) - min(along)) / px_per_mm > 150  # the words span ≥ 150 mm
    marked_only = sorted(with_mark["px"][i] for i in changed if without["px"][i] > 245)
    assert 170 <= marked_only[len(marked_only) // 2] <= 225  # light grey, not black


def test_watermark_is_a_build_option(tmp_path: Path) -> None:
    """Turning --watermark on re-renders an unchanged notice; the same run again skips it."""
    source = NOTICES / f"{DRAFT}.yaml"
    first = api.render([source], tmp_path, ("docx",), check="none")
    again = api.render([source], tmp_path, ("docx",), check="none", watermark=True)
    third = api.render([source], tmp_path, ("docx",), check="none", watermark=True)
    assert not first.results[0].unchanged and not again.results[0].unchanged
    assert third.results[0].unchanged
    assert has_watermark((tmp_path / f"{DRAFT}.docx").read_bytes())


def _text(pdf: Path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True)
    return re.sub(r"\s+", "", raw.stdout)


def _grey_page(pdf: Path, stem: Path) -> dict:
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    from PIL import Image

    with Image.open(f"{stem}.pgm") as image:
        return {"size": image.size, "px": image.tobytes()}


def _zip_parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(n, archive.read(n)) for n in archive.namelist()]


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()
