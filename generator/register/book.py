"""The Sổ đăng ký văn bản đi (NĐ 30/2020, Phụ lục IV, I.2: "Tối thiểu gồm 10 nội dung")
written from the register, as CSV for any tool or XLSX for the văn thư.

The ten columns, in the decree's order and wording: Số, ký hiệu văn bản (1); Ngày tháng văn
bản (2); Tên loại và trích yếu nội dung văn bản (3); Người ký (4); Nơi nhận văn bản (5);
Đơn vị, người nhận bản lưu (6); Số lượng bản (7); Ngày chuyển (8); Ký nhận (9); Ghi chú (10).
Columns 8 and 9 are filled in by hand when the copies are handed over, so they stay empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from ..errors import RegisterError
from ..profile import vietnamese as vi
from .store import Register, RegisterEntry

COLUMNS = (
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
)
FORMATS = ("csv", "xlsx")
TITLE = "SỔ ĐĂNG KÝ VĂN BẢN ĐI"
WIDTHS = (16, 13, 60, 22, 45, 24, 10, 12, 12, 20)  # XLSX column widths, in characters


def export_register(
    register: Path, fmt: str, *, year: int | None = None, body: str | None = None
) -> bytes:
    """The Sổ đăng ký of the register file `register` (of `year`, of the bodies matching
    `body`) as `fmt` bytes. Raises RegisterError."""
    with Register.open(register, create=False) as opened:
        entries = select(opened.entries(year), body)
    return export_book(entries, fmt)


def row_of(entry: RegisterEntry) -> list[str | int | None]:
    """The ten cells of one entry (dates as text `05/01/2024`, R-DATE-1 padding)."""
    return [
        entry.number_symbol,
        entry.date_text,
        f"{entry.type_name} {entry.subject}",
        entry.signer,
        "; ".join(entry.recipients),
        entry.archive,
        entry.copies,
        None,
        None,
        entry.note or None,
    ]


def select(entries: Sequence[RegisterEntry], body: str | None) -> list[RegisterEntry]:
    """The entries of the issuing bodies whose name contains `body` (any case, lines joined
    by spaces); all of them when `body` is None."""
    if body is None:
        return list(entries)
    wanted = vi.upper_vi(body).split()
    return [e for e in entries if " ".join(wanted) in " ".join(vi.upper_vi(e.body).split())]


def export_book(entries: Sequence[RegisterEntry], fmt: str) -> bytes:
    """The Sổ đăng ký as `csv` (UTF-8 with BOM, for Excel) or `xlsx` bytes.

    A CSV holds one book, so entries of several issuing bodies are refused (choose one);
    an XLSX gets one sheet per body. Raises RegisterError.
    """
    if fmt == "csv":
        bodies = {e.body for e in entries}
        if len(bodies) > 1:
            names = "; ".join(sorted(b.replace("\n", " ") for b in bodies))
            raise RegisterError(
                f"the register holds {len(bodies)} issuing bodies ({names}); "
                "a CSV holds one: choose it with --body"
            )
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerows(["" if c is None else c for c in row_of(e)] for e in entries)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(entries)
    raise RegisterError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def _xlsx(entries: Sequence[RegisterEntry]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    by_body: dict[str, list[RegisterEntry]] = {}
    for entry in entries:
        by_body.setdefault(entry.body, []).append(entry)
    if not by_body:
        by_body[""] = []
    font = "Times New Roman"  # R-FONT, as on the notices
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, (body, rows) in enumerate(by_body.items(), start=1):
        sheet = book.create_sheet(_sheet_name(body, i))
        lines = body.split("\n") if body else []
        years = sorted({e.year for e in rows})
        heading = [*lines, TITLE]
        if years:
            heading.append("Năm " + ", ".join(map(str, years)))
            numbers = [e.number_symbol for e in rows]
            heading.append(f"Từ số {numbers[0]} đến số {numbers[-1]}")
        for r, text in enumerate(heading, start=1):
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(COLUMNS))
            cell = sheet.cell(r, 1, text)
            cell.font = Font(name=font, size=14 if text == TITLE else 12, bold=r <= len(lines) + 1)
            cell.alignment = centre
        top = len(heading) + 2
        for c, name in enumerate(COLUMNS, start=1):
            for r, value in ((top, name), (top + 1, f"({c})")):
                cell = sheet.cell(r, c, value)
                cell.font = Font(name=font, size=12, bold=r == top)
                cell.alignment, cell.border = centre, box
            sheet.column_dimensions[get_column_letter(c)].width = WIDTHS[c - 1]
        for r, entry in enumerate(rows, start=top + 2):
            for c, value in enumerate(row_of(entry), start=1):
                cell = sheet.cell(r, c, value)
                cell.font = Font(name=font, size=12)
                cell.alignment, cell.border = wrap, box
        sheet.freeze_panes = sheet.cell(top + 2, 1)
        sheet.print_title_rows = f"{top}:{top + 1}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(body: str, index: int) -> str:
    """A valid, unique sheet title: the body's last line, at most 31 characters."""
    name = (body.split("\n")[-1] if body else "Sổ đăng ký").strip()
    for ch in "[]:*?/\\":
        name = name.replace(ch, " ")
    return f"{index}. {name}"[:31]
