"""Reading a DOCX through python-docx objects the way Word lays it out: the effective font
of a run (run, character style, paragraph style chain, document defaults), a paragraph's
inherited format, and a cell's text width. The tests read our outputs back with it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.shared import Length, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from generator.ooxml import wordml

#: Word's default left/right cell margin when a table sets none (0.19 cm).
DEFAULT_CELL_MARGIN = Twips(wordml.DEFAULT_CELL_MARGIN)


@dataclass(frozen=True)
class Font:
    """The effective font of a run or paragraph mark."""

    name: str | None
    size_pt: float | None
    bold: bool
    italic: bool


def _defaults(paragraph: Paragraph):
    styles = paragraph.part.package.main_document_part.styles.element
    return styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))


def _rpr_value(rpr, tag: str):
    if rpr is None:
        return None
    el = rpr.find(qn(tag))
    if el is None:
        return None
    if tag in ("w:b", "w:i"):
        return wordml.is_on(el)
    if tag == "w:sz":
        return int(el.get(qn("w:val"))) / 2
    if tag == "w:rFonts":
        return el.get(qn("w:ascii")) or el.get(qn("w:hAnsi"))
    return None


def _style_chain(style) -> Iterator:
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def effective_font(paragraph: Paragraph, run=None) -> Font:
    """The font a run (or, without one, the paragraph mark) is really shown in."""
    layers = []
    if run is not None:
        rpr = run._r.rPr
        layers.append(rpr)
        if rpr is not None and rpr.rStyle is not None:
            layers += [s.element.rPr for s in _style_chain(run.style)]
    else:
        ppr = paragraph._p.pPr
        if ppr is not None:
            layers.append(ppr.find(qn("w:rPr")))
    layers += [s.element.rPr for s in _style_chain(paragraph.style)]
    layers.append(_defaults(paragraph))
    values = {}
    for tag in ("w:rFonts", "w:sz", "w:b", "w:i"):
        for rpr in layers:
            value = _rpr_value(rpr, tag)
            if value is not None:
                values[tag] = value
                break
    return Font(
        values.get("w:rFonts"),
        values.get("w:sz"),
        bool(values.get("w:b", False)),
        bool(values.get("w:i", False)),
    )


def cell_text_width(cell: _Cell) -> Length:
    """The width a paragraph in `cell` can use: the cell width less its left/right margins."""
    tbl = cell._tc.getparent().getparent()
    margins = 0
    mar = tbl.tblPr.find(qn("w:tblCellMar"))
    for sides in (("w:left", "w:start"), ("w:right", "w:end")):  # LibreOffice: start/end
        found = [mar.find(qn(side)) for side in sides] if mar is not None else []
        el = next((e for e in found if e is not None), None)
        margins += int(el.get(qn("w:w"))) if el is not None else DEFAULT_CELL_MARGIN.twips
    return Length(cell.width - Twips(margins))


def paragraph_value(paragraph: Paragraph, name: str):
    """A paragraph-format property (`alignment`, `first_line_indent`, `space_before`, …) as
    it takes effect: set on the paragraph, or inherited through its style chain."""
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph.style):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    return None
