"""Make the edited notices of the labelled set from a notice rendered by `notice render`,
each edited the way an office edits a Word file (python-docx doing what a clerk does by
hand). Run again after a template change and review the expected findings in
`expected.json`:

    .venv/bin/notice render notices/quang-ngai-1730-tb-vp-2020.yaml -o /tmp/base --format docx
    .venv/bin/python tests/data/labelled/make.py /tmp/base/quang-ngai-1730-tb-vp-2020.docx

`libreoffice-*.docx` are two of them opened and saved again by LibreOffice (7.4), as an
office working in LibreOffice hands them on:

    soffice --headless --convert-to docx:"MS Word 2007 XML" --outdir OUT edited-….docx
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent


def _paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(doc, start: str) -> Paragraph:
    return next(p for p in _paragraphs(doc) if p.text.startswith(start))


def _retype(para: Paragraph, text: str) -> None:
    para.runs[0].text = text
    for run in para.runs[1:]:
        run.text = ""


def _typed(after: Paragraph, text: str, *, size: float = 14, bold=False, italic=False,
           align=WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:  # fmt: skip
    """A paragraph typed after another with direct formatting, in Times New Roman."""
    new = copy.deepcopy(after._p)
    for child in list(new):
        if child.tag.endswith("}r") or child.tag.endswith("}hyperlink"):
            new.remove(child)
    after._p.addnext(new)
    para = Paragraph(new, after._parent)
    para.alignment = align
    fmt = para.paragraph_format
    fmt.first_line_indent, fmt.left_indent, fmt.right_indent = 0, 0, 0
    run = para.add_run(text)
    run.font.name, run.font.size, run.font.bold, run.font.italic = (
        "Times New Roman", Pt(size), bold, italic)  # fmt: skip
    return para


def quoc_hieu_typo(doc) -> None:
    """The Quốc hiệu typed "CỘNG HÕA" (ã for à), as in a real draft."""
    _retype(_find(doc, "CỘNG HÒA"), "CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def kinh_gui(doc) -> None:
    """A "Kính gửi:" line under the trích yếu's rule and "- Như trên;" first in Nơi nhận."""
    rule = Paragraph(_find(doc, "Kết luận")._p.getnext(), _find(doc, "Kết luận")._parent)
    _typed(rule, "Kính gửi: Sở Thông tin và Truyền thông tỉnh Quảng Ngãi.")
    first = _find(doc, "- CT")
    first.insert_paragraph_before("- Như trên;", style=first.style)


def appendix(doc) -> None:
    """A Phụ lục after the signature, with a note and a list of abbreviations."""
    last = doc.add_paragraph()  # after the signer's table, at the end of the document
    last.add_run().add_break(WD_BREAK.PAGE)
    para = _typed(last, "Phụ lục", bold=True)
    para = _typed(para, "DANH MỤC CÁC NHIỆM VỤ GIAO SỞ THÔNG TIN VÀ TRUYỀN THÔNG", bold=True)
    para = _typed(para, "(Kèm theo Thông báo số 1730/TB-VP ngày 21/12/2020 của Văn phòng "
                  "UBND tỉnh)", italic=True)  # fmt: skip
    para = _typed(para, "Ghi chú", bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    para = _typed(para, "Danh mục từ viết tắt:", bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for line in ("- UBND: Ủy ban nhân dân", "- TT&TT: Thông tin và Truyền thông"):
        para = _typed(para, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def cong_van(doc) -> None:
    """The notice made into a công văn: no tên loại, "V/v …" under the number, the ký hiệu
    of the body's own unit."""
    number = _find(doc, "Số:")
    _retype(number, "Số: 1730/VP-KGVX")
    _typed(number, "V/v triển khai Hệ thống thông tin Một cửa điện tử", size=12)
    title = _find(doc, "THÔNG BÁO")
    subject = Paragraph(title._p.getnext(), title._parent)
    for para in (title, subject):
        para._p.getparent().remove(para._p)


def nn_12pt(doc) -> None:
    """The Nơi nhận list retyped in 12 pt (three true R-NN-LIST findings)."""
    for start in ("- CT", "- VPUB", "- Lưu"):
        for run in _find(doc, start).runs:
            run.font.size = Pt(12)


def header_rows(doc) -> None:
    """The header table re-made with one line per row (bodies | Quốc hiệu, VĂN PHÒNG |
    Tiêu ngữ, the two rules, Số | date), as many offices lay it out."""
    table = doc.tables[0]._tbl
    first, second = table.findall(qn("w:tr"))
    lines = len(first.findall(qn("w:tc"))[0].findall(qn("w:p")))
    for k in reversed(range(lines)):
        row = copy.deepcopy(first)
        for tc in row.findall(qn("w:tc")):
            for i, p in enumerate(tc.findall(qn("w:p"))):
                if i != k:
                    tc.remove(p)
        first.addnext(row)
    table.remove(first)
    assert second.getparent() is table


def header_tabs(doc) -> None:
    """The header typed without a table: each line holds both columns, a tab between them
    set by a tab stop; no rules under the Tiêu ngữ or the body (none drawn)."""
    table = doc.tables[0]._tbl
    anchor = table.getprevious()
    rows = [("UBND TỈNH QUẢNG NGÃI", False, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, 12),
            ("VĂN PHÒNG", True, "Độc lập - Tự do - Hạnh phúc", True, False, 13),
            ("Số: 1730/TB-VP", False, "Quảng Ngãi, ngày 21 tháng 12 năm 2020", False, True, 13)]
    previous = None
    for left, left_bold, right, right_bold, right_italic, size in rows:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Mm(70))
        p.paragraph_format.first_line_indent = 0
        for text, bold, italic, pt in ((left, left_bold, False, 12 if left != rows[2][0] else 13),
                                       ("\t", False, False, 12), (right, right_bold, right_italic,
                                                                 size)):  # fmt: skip
            run = p.add_run(text)
            run.font.name, run.font.size, run.font.bold, run.font.italic = (
                "Times New Roman", Pt(pt), bold, italic)  # fmt: skip
        (table.addprevious if previous is None else previous.addnext)(p._p)
        previous = p._p
    table.getparent().remove(table)
    assert anchor is None or anchor.getparent() is not None


def header_nested(doc) -> None:
    """The Quốc hiệu, Tiêu ngữ and date put in a table of their own inside the header's right
    column (a nested table, as pasting a header from another file makes)."""
    outer = doc.tables[0]
    for row in outer.rows:
        cell = row.cells[1]
        inner = cell.add_table(rows=1, cols=1)
        target = inner.cell(0, 0)
        target._tc.remove(target.paragraphs[0]._p)
        for p in [p for p in cell._tc.findall(qn("w:p"))]:
            target._tc.append(p)
        cell._tc.append(copy.deepcopy(target._tc.findall(qn("w:p"))[-1]))  # a cell ends in a w:p
        for r in cell._tc.findall(qn("w:p"))[-1].findall(qn("w:r")):
            r.getparent().remove(r)


EDITS = {
    "edited-quoc-hieu-typo": quoc_hieu_typo,
    "edited-kinh-gui-nhu-tren": kinh_gui,
    "edited-appendix-after-signature": appendix,
    "edited-cong-van": cong_van,
    "edited-noi-nhan-12pt": nn_12pt,
    "edited-header-one-line-per-row": header_rows,
    "edited-header-typed-with-tabs": header_tabs,
    "edited-header-nested-table": header_nested,
}


def main(base: Path) -> None:
    for name, edit in EDITS.items():
        doc = Document(str(base))
        edit(doc)
        doc.save(str(HERE / f"{name}.docx"))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
