"""Fillable text fields for the number and the date of an electronic notice (ô 3, ô 4).

In the electronic order of NĐ 30 (Điều 13.7, Điều 15.3, Phụ lục I §II.7–8) the leader signs
the final text first; the văn thư then gives it its number and issue date. So the draft PDF
carries the `Số:` line and the date line as two text fields, blank, exactly where the unsigned
render prints them (R-KH-FMT, R-DATE-FMT: `Số:` 13 pt, the date line 14 pt italic, centred in
their header columns, on one row); filling them is an incremental update whose appearance
streams draw the lines as the unsigned render would, in Liberation Serif (the metric twin of
Times New Roman, R-FONT), embedded as a subset.

A field's rectangle spans its header column; its baseline sits `DESCENT` of the font size above
the rectangle's bottom and its size is in its `/DA`, so the filler needs nothing but the PDF.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import SignatureFieldError

NUMBER_FIELD = "SoKyHieu"  # ô 3: số, ký hiệu của văn bản
DATE_FIELD = "NgayBanHanh"  # ô 4: địa danh và thời gian ban hành văn bản
NUMBER_LABEL = "Số, ký hiệu của văn bản (ô 3), do văn thư cấp"
DATE_LABEL = "Địa danh và ngày ban hành (ô 4), do văn thư cấp"
DESCENT = 0.3  # of the font size, from the rectangle's bottom to the baseline
ASCENT = 1.0
ITALIC_FONT_FILES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
    "C:/Windows/Fonts/timesi.ttf",
    "/System/Library/Fonts/Supplemental/Times New Roman Italic.ttf",
    "/Library/Fonts/Times New Roman Italic.ttf",
)
_SIZE = re.compile(rb"([\d.]+)\s+Tf")


@dataclass(frozen=True)
class LineSlot:
    """Where a header line is printed: page, the centre and edges of its column, baseline
    and size (PDF points, origin at the lower left), and whether it is italic."""

    page: int
    column: tuple[float, float]
    centre: float
    baseline: float
    size: float
    italic: bool

    @property
    def rect(self) -> tuple[float, float, float, float]:
        half = min(self.centre - self.column[0], self.column[1] - self.centre)
        return (
            round(self.centre - half, 2),
            round(self.baseline - DESCENT * self.size, 2),
            round(self.centre + half, 2),
            round(self.baseline + ASCENT * self.size, 2),
        )


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\u00a0", " ")


def header_rows(pdf: bytes, page: int = 0) -> list[tuple[float, list[dict]]]:
    """The characters of a page grouped by baseline, top first: [(baseline, chars)]."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = doc.pages[page].chars
    rows: dict[float, list[dict]] = {}
    for char in chars:
        baseline = round(float(char["matrix"][5]), 1)
        key = next((k for k in rows if abs(k - baseline) < 0.6), baseline)
        rows.setdefault(key, []).append(char)
    return [(k, sorted(v, key=lambda c: c["x0"])) for k, v in sorted(rows.items(), reverse=True)]


def _runs(chars: list[dict], gap: float = 18.0) -> list[list[dict]]:
    """A row split where the characters leave a wide gap (the two header columns)."""
    runs: list[list[dict]] = []
    for char in chars:
        if runs and char["x0"] - runs[-1][-1]["x1"] < gap:
            runs[-1].append(char)
        else:
            runs.append([char])
    return runs


def find_header_lines(pdf: bytes, place: str) -> tuple[LineSlot, LineSlot]:
    """The `Số:` line (ô 3) and the date line (ô 4, `<place>, ngày …`) on page 1 of a
    rendered notice. Their columns: the left one from the left text edge to the middle
    between the lines, the right one from there to the right text edge (R-DATE-FMT puts
    both on one row). Raises SignatureFieldError when either is missing."""
    rows = header_rows(pdf)
    left = min(c["x0"] for _, chars in rows for c in chars)
    right = max(c["x1"] for _, chars in rows for c in chars)
    number = date = None
    wanted = _fold(f"{place}, ngày")
    for baseline, chars in rows:
        for run in _runs(chars):
            text = _fold("".join(c["text"] for c in run))
            found = (run[0]["x0"], run[-1]["x1"], baseline, float(run[0]["size"]), run[0])
            if number is None and text.startswith("Số:"):
                number = found
            elif date is None and text.startswith(wanted):
                date = found
        if number and date:
            break
    if number is None or date is None:
        if number is None:
            raise SignatureFieldError("the `Số:` line not found on page 1")
        raise SignatureFieldError(f"the date line «{place}, ngày …» not found on page 1")
    middle = (number[1] + date[0]) / 2
    slots = []
    for (x0, x1, baseline, size, char), column in (
        (number, (left, middle)),
        (date, (middle, right)),
    ):
        slots.append(
            LineSlot(
                page=0,
                column=(round(column[0], 2), round(column[1], 2)),
                centre=round((x0 + x1) / 2, 2),
                baseline=baseline,
                size=size,
                italic="italic" in str(char["fontname"]).lower(),
            )
        )
    return slots[0], slots[1]


def add_text_field(writer: Any, name: str, label: str, slot: LineSlot) -> None:
    """An empty, printable text field over `slot` (its appearance blank), in the AcroForm."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string

    page_ref = writer.find_page_for_modification(slot.page)[0]
    x0, y0, x1, y1 = slot.rect
    widget = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): pdf_string(name),
            pdf_name("/TU"): pdf_string(label),
            pdf_name("/F"): generic.NumberObject(4),  # printable
            pdf_name("/P"): page_ref,
            pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in slot.rect),
            pdf_name("/DA"): pdf_string(
                f"/LiberationSerif{'-Italic' if slot.italic else ''} {slot.size:g} Tf 0 g"
            ),
            pdf_name("/Q"): generic.NumberObject(1),  # centred
            pdf_name("/AP"): generic.DictionaryObject(
                {pdf_name("/N"): writer.add_object(_form_xobject(x1 - x0, y1 - y0, b"", None))}
            ),
        }
    )
    ref = writer.add_object(widget)
    root = writer.root
    if "/AcroForm" not in root:
        root["/AcroForm"] = writer.add_object(
            generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        )
        writer.update_root()
    form_ref = root.raw_get("/AcroForm")
    form = root["/AcroForm"]
    form["/Fields"].append(ref)
    if isinstance(form_ref, generic.IndirectObject):
        writer.update_container(form)
    else:
        writer.update_root()
    page = page_ref.get_object()
    annots = page.get("/Annots")
    if annots is None:
        page["/Annots"] = generic.ArrayObject([ref])
        writer.update_container(page)
    else:
        annots.append(ref)
        container = page.raw_get("/Annots")
        if isinstance(container, generic.IndirectObject):
            writer.update_container(annots)
        else:
            writer.update_container(page)


def _form_xobject(width: float, height: float, content: bytes, font: Any) -> Any:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    resources = generic.DictionaryObject()
    if font is not None:
        resources[pdf_name("/Font")] = generic.DictionaryObject({pdf_name("/F1"): font})
    return generic.StreamObject(
        {
            pdf_name("/Type"): pdf_name("/XObject"),
            pdf_name("/Subtype"): pdf_name("/Form"),
            pdf_name("/BBox"): generic.ArrayObject(
                [
                    generic.FloatObject(0),
                    generic.FloatObject(0),
                    generic.FloatObject(round(width, 2)),
                    generic.FloatObject(round(height, 2)),
                ]
            ),
            pdf_name("/Resources"): resources,
        },
        stream_data=content,
    )


def text_fields(reader: Any) -> dict[str, tuple[str | None, Any]]:
    """The text fields of a PDF: {name: (value or None, field reference)}."""
    from pyhanko.pdf_utils.form_tools import enumerate_fields_in

    try:
        fields = reader.root["/AcroForm"]["/Fields"]
    except KeyError:
        return {}
    found = enumerate_fields_in(fields, refs_seen=set(), target_field_type="/Tx")
    return {name: (str(value) if value else None, ref) for name, value, ref in found}


def fill_text_field(writer: Any, name: str, text: str) -> None:
    """Fill the empty text field `name` with `text`: /V, read-only, and an appearance that
    draws `text` centred in the field on its baseline, in the size of its /DA and the serif
    (italic when the /DA names the italic face). Raises SignatureFieldError."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name

    from .appearance import SerifFont, find_font

    found = text_fields(writer).get(name)
    if found is None:
        raise SignatureFieldError(f"no text field {name} in the PDF")
    if found[0] is not None:
        raise SignatureFieldError(f"the field {name} is already filled ({found[0]})")
    field = found[1].get_object()
    da = bytes(str(field.get("/DA", "")), "latin-1")
    match = _SIZE.search(da)
    size = float(match.group(1)) if match else 13.0
    italic = b"Italic" in da
    x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
    font_path = _italic_font() if italic else find_font()
    engine = SerifFont(font_path, size).create_font_engine(writer)
    shaped = engine.shape(text)
    width = shaped.x_advance * size
    x = (x1 - x0 - width) / 2
    content = b"/Tx BMC q BT 0 g /F1 %g Tf 1 0 0 1 %.3f %.3f Tm %s ET Q EMC" % (
        size,
        x,
        DESCENT * size,
        shaped.graphics_ops,
    )
    stream = _form_xobject(x1 - x0, y1 - y0, content, engine.as_resource())
    field["/AP"] = generic.DictionaryObject({pdf_name("/N"): writer.add_object(stream)})
    field["/V"] = generic.TextStringObject(text)
    field["/Ff"] = generic.NumberObject(int(field.get("/Ff", 0)) | 1)  # read-only once filled
    writer.mark_update(found[1])


def _italic_font() -> Path:
    for name in ITALIC_FONT_FILES:
        if Path(name).is_file():
            return Path(name)
    raise SignatureFieldError(
        "no italic font for the date line: install fonts-liberation2 (Liberation Serif)"
    )
