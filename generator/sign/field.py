"""Signature-ready PDFs: an empty signature field exactly over the signature gap (ô 7c),
found in the PDF itself, with a `<stem>.sigfield.json` sidecar giving its page and rectangle.

The gap is the blank between the last position line (ô 7a) and the signer's name (ô 7b) in
the right-hand column of the signer block (R-KY-CK, R-E-SIGNER): its top is the bottom of
the nearest text line above the name in that column, its bottom the top of the name, its
width the column's (the name's centre, out to the right edge of the text on the page).

The field is added by an incremental update: the PDF/A-2b file written by LibreOffice stays
byte for byte at the start of the new one. PDF/A-2 allows incremental updates and signature
fields; the widget is printable (/F 4 | locked) with a normal appearance, and the metadata
stays consistent (`open_for_update`). The result has not been run through a PDF/A validator.
"""

from __future__ import annotations

import io
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import files
from ..errors import SignatureFieldError
from ..files import write_atomic
from ..source.models import Notice

FIELD_NAME = "ChuKyNguoiCoThamQuyen"  # ô 7c: "chữ ký của người có thẩm quyền"
FIELD_LABEL = "Chữ ký số của người có thẩm quyền (ô 7c, NĐ 30/2020/NĐ-CP)"
SIDECAR_SUFFIX = ".sigfield.json"
PT_PER_MM = 72 / 25.4
_LINE_TOLERANCE_PT = 2.0


@dataclass(frozen=True)
class Gap:
    """The signature gap in PDF user space (points, origin at the page's lower left)."""

    page: int  # 0-based page index
    x0: float
    y0: float
    x1: float
    y1: float
    page_width: float
    page_height: float

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into rows by their top, each row left to right."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE_PT:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _line(words: list[dict]) -> _Line:
    return _Line(
        " ".join(w["text"] for w in words),
        words[0]["x0"],
        words[-1]["x1"],
        min(w["top"] for w in words),
        max(w["bottom"] for w in words),
    )


def _find_name(rows: list[list[dict]], signer_name: str | None) -> _Line | None:
    """The lowest run of words reading `signer_name`; without a name, the lowest row."""
    if signer_name is None:
        return _line(rows[-1]) if rows else None
    wanted = _fold(signer_name)
    for row in reversed(rows):
        for i in range(len(row)):
            for j in range(i + 1, len(row) + 1):
                if _fold(" ".join(w["text"] for w in row[i:j])) == wanted:
                    return _line(row[i:j])
    return None


def find_signature_gap(pdf: Path | bytes, signer_name: str | None = None) -> Gap:
    """The signature gap of a rendered notice, read from the PDF's text positions.

    The signer's name is the run of words reading `signer_name` (any case and spacing) in
    the right part of a page, the last page first; without a name, the lowest line there
    on the last page. Raises SignatureFieldError when the block cannot be found.
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else Path(pdf)
    try:
        with pdfplumber.open(source) as doc:
            for index in range(len(doc.pages) - 1, -1, -1):
                gap = _gap_on_page(doc.pages[index], index, signer_name)
                if gap is not None or signer_name is None:
                    break
    except (PDFSyntaxError, OSError, ValueError) as exc:
        raise SignatureFieldError(f"{_name(pdf)}: cannot read the PDF: {exc}") from exc
    if gap is None:
        who = f"the signer's name «{signer_name}»" if signer_name else "a signer block"
        raise SignatureFieldError(f"{_name(pdf)}: {who} not found in the right-hand column")
    return gap


def _gap_on_page(page: Any, index: int, signer_name: str | None) -> Gap | None:
    width, height = float(page.width), float(page.height)
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    if not words:
        return None
    # the signer block is centred in the right-hand column; Nơi nhận fills the left one
    name = _find_name(_rows([w for w in words if w["x0"] >= width * 0.4]), signer_name)
    if name is None:
        return None
    edge = max(w["x1"] for w in words)  # the right edge of the text area
    half = min(max(edge - name.centre, (name.x1 - name.x0) / 2), width - name.centre)
    left = name.centre - half
    column = [w for w in words if w["x0"] >= left - 1 and w["bottom"] <= name.top + 0.5]
    if not column:
        return None
    position = _line(_rows(column)[-1])  # the last position line, right above the gap
    x0, y0 = page.bbox[0], page.bbox[1]
    return Gap(
        page=index,
        x0=round(x0 + left, 2),
        y0=round(y0 + height - name.top, 2),
        x1=round(x0 + name.centre + half, 2),
        y1=round(y0 + height - position.bottom, 2),
        page_width=round(width, 2),
        page_height=round(height, 2),
    )


def add_signature_field(pdf: Path, signer_name: str | None = None) -> Path:
    """Add an empty signature field over the gap of the PDF at `pdf` (in place, atomically,
    as an incremental update) and write `<stem>.sigfield.json`; return the sidecar's path.

    Raises SignatureFieldError when the gap cannot be found or the PDF cannot be updated.
    """
    from pyhanko.pdf_utils.generic import PdfError
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    pdf = Path(pdf)
    try:
        data = pdf.read_bytes()
    except OSError as exc:
        raise SignatureFieldError(f"{pdf}: cannot read: {exc.strerror}") from exc
    gap = find_signature_gap(data, signer_name)
    try:
        writer = open_for_update(data)
        append_signature_field(
            writer,
            SigFieldSpec(
                FIELD_NAME, on_page=gap.page, box=gap.rect, readable_field_name=FIELD_LABEL
            ),
        )
        out = io.BytesIO()
        writer.write(out)
    except (PdfError, ValueError, KeyError) as exc:
        raise SignatureFieldError(f"{pdf}: cannot add the signature field: {exc}") from exc
    write_atomic(pdf, lambda tmp: tmp.write_bytes(out.getvalue()))
    return write_sidecar(pdf, gap, signer_name)


def open_for_update(data: bytes) -> Any:
    """A pyHanko incremental writer on `data` that keeps PDF/A metadata consistent.

    pyHanko rewrites the XMP `pdf:Producer` to its own name but appends that name to the
    document information's /Producer ("LibreOffice 7.4; pyHanko …"); PDF/A requires the two
    to be equal, so /Producer is set to pyHanko's name as well (the XMP keeps the
    CreatorTool, LibreOffice Writer). Raises pyHanko's PdfError on a broken PDF.
    """
    from pyhanko.pdf_utils.generic import TextStringObject, pdf_name
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.metadata.model import VENDOR

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    try:
        info = writer.trailer["/Info"]
    except KeyError:
        info = None
    if info is not None and "/Metadata" in writer.root:
        info[pdf_name("/Producer")] = TextStringObject(VENDOR)
        writer.update_container(info)
    return writer


def prepare_for_signing(pdf: Path, notice: Notice) -> list[Path]:
    """Make a rendered PDF signature-ready: the Phụ lục VI metadata `<stem>.meta.json`
    (page count read first, from the untouched file), then the empty signature field over
    the signer's gap and `<stem>.sigfield.json`. Returns the two sidecars."""
    from .metadata import write_metadata

    meta = write_metadata(pdf, notice)
    return [add_signature_field(pdf, notice.signer.name), meta]


def write_sidecar(pdf: Path, gap: Gap, signer_name: str | None) -> Path:
    """`<stem>.sigfield.json`: the field's name, page (1-based) and rectangle, in points
    and millimetres, origin at the page's lower left."""
    sidecar = sidecar_path(pdf)
    data = {
        "pdf": Path(pdf).name,
        "field": FIELD_NAME,
        "page": gap.page + 1,
        "rect": list(gap.rect),
        "rect_mm": [round(v / PT_PER_MM, 1) for v in gap.rect],
        "units": "PDF points (1/72 in), origin at the lower left of the page",
        "page_size": [gap.page_width, gap.page_height],
        "signer": signer_name,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomic(sidecar, lambda tmp: tmp.write_text(text, "utf-8"))
    return sidecar


def read_sidecar(pdf: Path) -> Gap | None:
    """The gap recorded beside `pdf`, or None when there is no readable sidecar."""
    try:
        data = json.loads(sidecar_path(pdf).read_text("utf-8"))
        x0, y0, x1, y1 = map(float, data["rect"])
        width, height = map(float, data["page_size"])
        return Gap(int(data["page"]) - 1, x0, y0, x1, y1, width, height)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def sidecar_path(pdf: Path) -> Path:
    """`x.pdf` → `x.sigfield.json` (a signed `x.signed.pdf` shares it)."""
    return files.sidecar_path(pdf, SIDECAR_SUFFIX)


def _name(pdf: Path | bytes) -> str:
    return "PDF" if isinstance(pdf, bytes) else str(pdf)
