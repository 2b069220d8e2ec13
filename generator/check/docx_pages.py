"""The DOCX checks of the page rather than of a component: page setup and margins, page
numbers in the headers, and the font, colour and Unicode form of every character."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from .docx_findings import ALIGN_VI, DocxFindings, sizes
from .reader import DocxView, Para, section_width
from .rules import (
    FONT_NAME,
    MARGIN_NAMES,
    MARGIN_TOLERANCE_MM,
    MARGINS_MM,
    PAGE_NUMBER_PT,
    is_a4,
    vi_num,
)


def check_page_setup(out: DocxFindings, document) -> None:
    """R-PAGE-1, R-PAGE-2, R-MARGIN for every section."""
    for number, section in enumerate(document.sections, 1):
        where = f"section {number}"
        if section.page_width is None or section.page_height is None:
            out.add("R-PAGE-1", where, "Không khai báo khổ giấy; phải là A4 (210 × 297 mm)")
            continue
        width, height = section.page_width.mm, section.page_height.mm
        if not is_a4(width, height):
            out.add(
                "R-PAGE-1",
                where,
                f"Khổ giấy {vi_num(width)} × {vi_num(height)} mm, không phải A4 (210 × 297 mm)",
            )
        if width > height or section.orientation == WD_ORIENT.LANDSCAPE:
            out.add("R-PAGE-2", where, "Trang nằm ngang; phải trình bày theo chiều dài của khổ A4")
        for side, (low, high) in MARGINS_MM.items():
            value = (getattr(section, f"{side}_margin") or 0) / 36000
            if side == "left":
                value += (section.gutter or 0) / 36000  # Word adds the gutter to the left margin
            if not low - MARGIN_TOLERANCE_MM <= value <= high + MARGIN_TOLERANCE_MM:
                out.add(
                    "R-MARGIN",
                    where,
                    f"{MARGIN_NAMES[side]} {vi_num(value)} mm ngoài khoảng {low}–{high} mm",
                )


def header_footer_stories(view: DocxView) -> list[tuple[str, list[Para]]]:
    """The paragraphs of every header and footer a section defines, with where they are."""
    out = []
    for number, section in enumerate(view.document.sections, 1):
        width = section_width(section)
        for kind, label in (("header", "đầu trang"), ("footer", "chân trang")):
            for variant, suffix in (
                ("", ""),
                ("first_page_", " trang 1"),
                ("even_page_", " trang chẵn"),
            ):
                part = getattr(section, f"{variant}{kind}")
                if not part.is_linked_to_previous:
                    where = f"{label}{suffix}, section {number}"
                    out.append((where, view.story(part.part.element, width)))
    return out


def _page_field(para: Para) -> str | None:
    """The instruction of a PAGE field in a paragraph (simple or complex field), if any."""
    instr = " ".join(el.get(qn("w:instr"), "") for el in para.element.iter(qn("w:fldSimple")))
    instr += "".join(el.text or "" for el in para.element.iter(qn("w:instrText")))
    return instr if re.search(r"(?<![A-Z])PAGE\b", instr.upper()) else None


def check_page_numbers(out: DocxFindings, document, stories: list[tuple[str, list[Para]]]) -> None:
    """R-PGNUM: a PAGE field centred in the header, 13–14 pt, upright, Arabic; none on page 1."""
    section = document.sections[0]
    stories_at = dict(stories)
    default = stories_at.get("đầu trang, section 1", [])
    first = stories_at.get("đầu trang trang 1, section 1", [])
    page_one = first if section.different_first_page_header_footer else default
    if any(_page_field(p) for p in page_one):
        out.add("R-PGNUM", "đầu trang, trang 1", "Trang 1 hiển thị số trang; không hiển thị số "
                "trang thứ nhất (dùng đầu trang riêng cho trang đầu)")  # fmt: skip
    numbered = [p for p in default if _page_field(p)]
    if not numbered:
        footers = [p for where, paras in stories if where.startswith("chân") for p in paras]
        if any(_page_field(p) for p in footers):
            out.add("R-PGNUM", "chân trang", "Số trang đặt ở chân trang; phải canh giữa trong "
                    "phần lề trên")  # fmt: skip
        else:
            out.add("R-PGNUM", "đầu trang", "Không có số trang ở đầu trang; văn bản từ 2 trang trở "
                    "lên phải đánh số trang từ trang 2", severity="warning")  # fmt: skip
    where = "đầu trang, section 1"
    for para in numbered:
        if para.fmt.align != "center":
            out.add("R-PGNUM", where, f"{ALIGN_VI[para.fmt.align]}, phải canh giữa",
                    text=para.text, part="Số trang")  # fmt: skip
        bad = [s for s in sizes(para.pieces) if not PAGE_NUMBER_PT[0] <= s <= PAGE_NUMBER_PT[1]]
        if bad:
            out.add("R-PGNUM", where, f"cỡ chữ {', '.join(map(vi_num, bad))}, phải từ 13 đến 14",
                    text=para.text, part="Số trang")  # fmt: skip
        if any(p.fmt.italic for p in para.pieces):
            out.add("R-PGNUM", where, "phải kiểu chữ đứng, không nghiêng", text=para.text,
                    part="Số trang")  # fmt: skip
        if re.search(r"\\\*\s*(roman|alphabetic)", _page_field(para) or "", re.IGNORECASE):
            out.add("R-PGNUM", where, "phải dùng chữ số Ả Rập", text=para.text, part="Số trang")
    numbering = section._sectPr.find(qn("w:pgNumType"))
    fmt, start = (None, None) if numbering is None else (
        numbering.get(qn("w:fmt")), numbering.get(qn("w:start")))  # fmt: skip
    if fmt not in (None, "decimal"):
        out.add("R-PGNUM", "section 1", f"Số trang dạng {fmt}, phải dùng chữ số Ả Rập")
    if start not in (None, "1"):
        out.add("R-PGNUM", "section 1", f"Số trang bắt đầu từ {start}, phải đánh từ số 1")


def check_characters(out: DocxFindings, paras: Sequence[Para], where: str | None,
                     labels: Mapping[Para, str] | None = None) -> None:  # fmt: skip
    """R-FONT on every paragraph: Times New Roman in every run, black, Unicode NFC.

    Each message names the paragraph's part (`labels`, else "Đoạn", or the header or footer
    it stands in) by its text."""
    story = None if where is None else ("Đầu trang" if where.startswith("đầu") else "Chân trang")
    for para in paras:
        at = where or para
        text = para.text
        part = story or (labels or {}).get(para, "Đoạn")
        shown = [p for p in para.pieces if p.text.strip() and not p.fmt.hidden]
        names = {name for p in shown for name in p.fmt.fonts}
        bad = sorted(n for n in names if n is not None and n.strip().lower() != FONT_NAME.lower())
        if bad:
            out.add("R-FONT", at, f"phông chữ {', '.join(bad)}; phải dùng {FONT_NAME}", text=text,
                    part=part)  # fmt: skip
        if None in names:
            out.add("R-FONT", at, "không khai báo phông chữ; máy khác có thể hiển thị bằng phông "
                    f"khác {FONT_NAME}", text=text, part=part, severity="warning")  # fmt: skip
        colours = sorted({p.fmt.color for p in shown} - {None, "AUTO", "000000"})
        if colours:
            out.add("R-FONT", at, f"màu chữ #{', #'.join(colours)}; phải màu đen", text=text,
                    part=part)  # fmt: skip
        if unicodedata.normalize("NFC", para.raw_text) != para.raw_text:
            out.add("R-FONT", at, "chữ tiếng Việt gõ bằng Unicode tổ hợp; phải dùng Unicode dựng "
                    "sẵn (NFC) theo TCVN 6909:2001", text=text, part=part)  # fmt: skip
