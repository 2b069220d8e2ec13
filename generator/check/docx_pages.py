"""The DOCX checks of the page rather than of a component: page setup and margins, page
numbers in the headers, and the font, colour and Unicode form of every character."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from .docx_findings import DocxFindings, align, sizes
from .messages import Message, msg
from .reader import DocxView, Para, section_width
from .rules import (
    FONT_NAME,
    MARGIN_TOLERANCE_MM,
    MARGINS_MM,
    PAGE_NUMBER_PT,
    is_a4,
)


def check_page_setup(out: DocxFindings, document) -> None:
    """R-PAGE-1, R-PAGE-2, R-MARGIN for every section."""
    for number, section in enumerate(document.sections, 1):
        where = msg("at.section", n=number)
        if section.page_width is None or section.page_height is None:
            out.add("R-PAGE-1", where, msg("page.no_size"))
            continue
        width, height = section.page_width.mm, section.page_height.mm
        if not is_a4(width, height):
            out.add("R-PAGE-1", where, msg("page.size", width=float(width), height=float(height)))
        if width > height or section.orientation == WD_ORIENT.LANDSCAPE:
            out.add("R-PAGE-2", where, msg("page.landscape"))
        for side, (low, high) in MARGINS_MM.items():
            value = (getattr(section, f"{side}_margin") or 0) / 36000
            if side == "left":
                value += (section.gutter or 0) / 36000  # Word adds the gutter to the left margin
            if not low - MARGIN_TOLERANCE_MM <= value <= high + MARGIN_TOLERANCE_MM:
                out.add("R-MARGIN", where, msg("margin.docx", side=msg(f"side.{side}"),
                                               value=float(value), low=low, high=high))  # fmt: skip


def header_footer_stories(view: DocxView) -> list[tuple[Message, list[Para]]]:
    """The paragraphs of every header and footer a section defines, with where they are."""
    out = []
    for number, section in enumerate(view.document.sections, 1):
        width = section_width(section)
        for kind in ("header", "footer"):
            for variant, suffix in (("", ""), ("first_page_", "_first"), ("even_page_", "_even")):
                part = getattr(section, f"{variant}{kind}")
                if not part.is_linked_to_previous:
                    where = msg(f"story.{kind}{suffix}", n=number)
                    out.append((where, view.story(part.part.element, width)))
    return out


def _page_field(para: Para) -> str | None:
    """The instruction of a PAGE field in a paragraph (simple or complex field), if any."""
    instr = " ".join(el.get(qn("w:instr"), "") for el in para.element.iter(qn("w:fldSimple")))
    instr += "".join(el.text or "" for el in para.element.iter(qn("w:instrText")))
    return instr if re.search(r"(?<![A-Z])PAGE\b", instr.upper()) else None


def check_page_numbers(out: DocxFindings, document,
                       stories: list[tuple[Message, list[Para]]]) -> None:  # fmt: skip
    """R-PGNUM: a PAGE field centred in the header, 13–14 pt, upright, Arabic; none on page 1."""
    section = document.sections[0]
    stories_at = dict(stories)
    default = stories_at.get(msg("story.header", n=1), [])
    first = stories_at.get(msg("story.header_first", n=1), [])
    page_one = first if section.different_first_page_header_footer else default
    if any(_page_field(p) for p in page_one):
        out.add("R-PGNUM", msg("at.header_page1"), msg("pgnum.page1"))
    numbered = [p for p in default if _page_field(p)]
    if not numbered:
        footers = [p for where, paras in stories if where.key.startswith("story.footer")
                   for p in paras]  # fmt: skip
        if any(_page_field(p) for p in footers):
            out.add("R-PGNUM", msg("at.footers"), msg("pgnum.footer"))
        else:
            out.add("R-PGNUM", msg("at.headers"), msg("pgnum.none"), severity="warning")
    where = msg("story.header", n=1)
    for para in numbered:
        if para.fmt.align != "center":
            out.add("R-PGNUM", where, msg("pgnum.align", align=align(para.fmt.align)),
                    text=para.text, part="page_number")  # fmt: skip
        bad = [s for s in sizes(para.pieces) if not PAGE_NUMBER_PT[0] <= s <= PAGE_NUMBER_PT[1]]
        if bad:
            out.add("R-PGNUM", where, msg("size.13_14", sizes=tuple(map(float, bad))),
                    text=para.text, part="page_number")  # fmt: skip
        if any(p.fmt.italic for p in para.pieces):
            out.add("R-PGNUM", where, msg("look.no_italic"), text=para.text, part="page_number")
        if re.search(r"\\\*\s*(roman|alphabetic)", _page_field(para) or "", re.IGNORECASE):
            out.add("R-PGNUM", where, msg("pgnum.arabic"), text=para.text, part="page_number")
    numbering = section._sectPr.find(qn("w:pgNumType"))
    fmt, start = (None, None) if numbering is None else (
        numbering.get(qn("w:fmt")), numbering.get(qn("w:start")))  # fmt: skip
    if fmt not in (None, "decimal"):
        out.add("R-PGNUM", msg("at.section", n=1), msg("pgnum.format", fmt=fmt))
    if start not in (None, "1"):
        out.add("R-PGNUM", msg("at.section", n=1), msg("pgnum.start", start=start))


def check_characters(out: DocxFindings, paras: Sequence[Para], where: Message | None,
                     labels: Mapping[Para, str] | None = None) -> None:  # fmt: skip
    """R-FONT on every paragraph: Times New Roman in every run, black, Unicode NFC.

    Each message names the paragraph's part (its role in `labels`, else a paragraph, or the
    header or footer it stands in) by its text."""
    story = None
    if where is not None:
        story = "header" if where.key.startswith("story.header") else "footer"
    for para in paras:
        at = where or para
        text = para.text
        part = story or (labels or {}).get(para, "paragraph")
        shown = [p for p in para.pieces if p.text.strip() and not p.fmt.hidden]
        names = {name for p in shown for name in p.fmt.fonts}
        bad = sorted(n for n in names if n is not None and n.strip().lower() != FONT_NAME.lower())
        if bad:
            out.add("R-FONT", at, msg("font.wrong", fonts=tuple(bad), font=FONT_NAME), text=text,
                    part=part)  # fmt: skip
        if None in names:
            out.add("R-FONT", at, msg("font.none", font=FONT_NAME), text=text, part=part,
                    severity="warning")  # fmt: skip
        colours = sorted({p.fmt.color for p in shown} - {None, "AUTO", "000000"})
        if colours:
            out.add("R-FONT", at, msg("font.colour", colours=tuple(f"#{c}" for c in colours)),
                    text=text, part=part)  # fmt: skip
        if unicodedata.normalize("NFC", para.raw_text) != para.raw_text:
            out.add("R-FONT", at, msg("font.nfc"), text=text, part=part)
