"""A DOCX as the checker sees it: every paragraph in reading order, split into lines, with
the formatting Word really shows and the width it has to itself.

Formatting is resolved through direct formatting → numbering → character and paragraph
style chains → table style → document defaults. This reads the raw XML because
python-docx reads neither the `w:start`/`w:end` indents and cell margins that
LibreOffice writes, nor theme fonts (`w:asciiTheme`), which Word writes by default.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Length, Twips
from lxml import etree

from ..ooxml.wordml import cell_margin, is_on, resolve_font
from .formats import ParaFormat, find, first_in, para_format, val

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

#: Elements a run may sit in and still be shown as part of its paragraph.
_RUN_PARENTS = frozenset(
    qn(t)
    for t in ("w:hyperlink", "w:ins", "w:fldSimple", "w:smartTag", "w:sdt", "w:sdtContent",
              "w:customXml", "w:moveTo", "w:dir", "w:bdo")
)  # fmt: skip
_BREAKS = frozenset({qn("w:br"), qn("w:cr")})
_TABS = frozenset({qn("w:tab"), qn("w:ptab")})
_GAP = re.compile(r"\t+|[ \u00a0]{3,}")


@dataclass(frozen=True)
class RunFormat:
    """The effective look of a run: fonts of the ASCII and other-Latin slots, size in pt…"""

    fonts: tuple[str | None, str | None]
    size: float
    bold: bool
    italic: bool
    color: str | None
    caps: bool
    hidden: bool
    raised: bool  # superscript or subscript, e.g. a footnote reference mark


@dataclass(frozen=True)
class Piece:
    """A stretch of text shown in one format (a run, or its part on one line)."""

    text: str
    fmt: RunFormat

    @property
    def shown(self) -> str:
        """The text as displayed: NFC, upper-cased when the run has `w:caps`."""
        text = unicodedata.normalize("NFC", self.text)
        return text.upper() if self.fmt.caps else text


@dataclass(eq=False)
class Container:
    """A run of sibling paragraphs (the body of a section, a table cell, a header)."""

    width: int  # EMU
    in_body: bool  # the main text, not a header or footer
    cell: bool = False
    paras: list[Para] = field(default_factory=list)
    #: For a table cell: its table (`w:tbl`), row and first grid column, and the container
    #: the table stands in (a cell, for a nested table).
    table: object = None
    row: int = 0
    col: int = 0
    outer: Container | None = None

    @property
    def column(self) -> tuple[int, int] | None:
        """Which column of the page layout a cell belongs to: its outermost table and grid
        column, so the rows of a header laid out one line per row share a column."""
        cell = self
        while cell.outer is not None and cell.outer.cell:
            cell = cell.outer
        return (id(cell.table), cell.col) if cell.cell else None


@dataclass(eq=False)
class Line:
    """One line of a paragraph, as split by line breaks (Shift+Enter)."""

    para: Para
    pieces: list[Piece]
    #: A stretch of a line set apart by tabs or runs of spaces (two header columns typed on
    #: one line), not a whole line: its alignment is the tab stops', not the paragraph's.
    segment: bool = False
    index: int = 0  # which stretch of the line, from the left, for a segment

    @cached_property
    def text(self) -> str:
        return "".join(p.shown for p in self.pieces).strip()

    @cached_property
    def indent(self) -> str:
        """The spaces and tabs the line starts with (centring by hand)."""
        shown = "".join(p.shown for p in self.pieces)
        return shown[: len(shown) - len(shown.lstrip())]

    def segments(self) -> list[Line]:
        """The line cut where a tab or three spaces or more stand between words: what a
        header typed without a table puts on one line for its two columns."""
        out: list[list[Piece]] = [[]]
        for piece in self.pieces:
            parts = _GAP.split(piece.text)
            for i, part in enumerate(parts):
                if i and any(p.text.strip() for p in out[-1]):
                    out.append([])
                if part:
                    out[-1].append(Piece(part, piece.fmt))
        kept = [pieces for pieces in out if any(p.text.strip() for p in pieces)]
        if len(kept) < 2:
            return [self]
        return [Line(self.para, pieces, segment=True, index=i) for i, pieces in enumerate(kept)]

    @cached_property
    def visible(self) -> list[Piece]:
        """The pieces with printed characters, footnote marks and hidden text left out."""
        return [p for p in self.pieces if p.text.strip() and not p.fmt.hidden and not p.fmt.raised]

    def every(self, attr: str) -> bool:
        """Whether every visible piece has a format flag (`bold`, `italic`)."""
        return bool(self.visible) and all(getattr(p.fmt, attr) for p in self.visible)

    def some(self, attr: str) -> bool:
        """Whether any visible piece has a format flag."""
        return any(getattr(p.fmt, attr) for p in self.visible)


@dataclass(eq=False)
class Para:
    """A paragraph: its reading-order number (đoạn N), its container, format and lines."""

    number: int
    element: etree._Element
    container: Container
    fmt: ParaFormat
    pieces: list[Piece]
    label: str = ""  # a bullet drawn by Word's numbering, e.g. "-"

    @property
    def raw_text(self) -> str:
        return self.label + "".join(p.text for p in self.pieces)

    @cached_property
    def lines(self) -> list[Line]:
        bullet = [Piece(self.label, self.pieces[0].fmt)] if self.label and self.pieces else []
        out: list[Line] = [Line(self, bullet)]
        for piece in self.pieces:
            parts = piece.text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    out.append(Line(self, []))
                if part:
                    out[-1].pieces.append(Piece(part, piece.fmt))
        return out

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines).strip()

    @property
    def next(self) -> Para | None:
        """The paragraph after this one in the same container."""
        siblings = self.container.paras
        i = siblings.index(self)
        return siblings[i + 1] if i + 1 < len(siblings) else None


class DocxView:
    """Styles, theme fonts and numbering of one document, and its paragraphs in reading order."""

    def __init__(self, document: Document) -> None:
        self.document = document
        root = document.styles.element
        self._styles = {s.get(qn("w:styleId")): s for s in root.iterchildren(qn("w:style"))}
        self._default_para = next(
            (sid for sid, s in self._styles.items()
             if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in ("1", "true")),
            None,
        )  # fmt: skip
        defaults = root.find(qn("w:docDefaults"))
        self._rpr_default = find(defaults, "w:rPrDefault", "w:rPr")
        self._ppr_default = find(defaults, "w:pPrDefault", "w:pPr")
        self._theme = self._theme_fonts()
        self._numbering = self._part_xml(RT.NUMBERING)
        self._count = 0

    def _part_xml(self, reltype: str):
        for rel in self.document.part.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                part = rel.target_part
                element = getattr(part, "element", None)
                return element if element is not None else etree.fromstring(part.blob)
        return None

    def _theme_fonts(self) -> dict[str, str]:
        theme = self._part_xml(RT.THEME)
        fonts: dict[str, str] = {}
        for kind in ("major", "minor"):
            latin = (
                None if theme is None else theme.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
            )
            if latin is not None:
                fonts[kind] = latin.get("typeface")
        return fonts

    def _chain(self, style_id: str | None) -> list:
        out, seen = [], set()
        while style_id and style_id in self._styles and style_id not in seen:
            seen.add(style_id)
            style = self._styles[style_id]
            out.append(style)
            based = style.find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None
        return out

    def body(self) -> list[Para]:
        """Every paragraph of the main text in reading order, numbered from 1 (đoạn N).

        Each section's paragraphs get that section's text width.
        """
        widths = [section_width(s) for s in self.document.sections]
        return self._story(self.document.element.body, widths, in_body=True)

    def story(self, root, width: int) -> list[Para]:
        """Every paragraph of another story (a header or footer) in reading order."""
        return self._story(root, [width], in_body=False)

    def _story(self, root, widths: list[int], *, in_body: bool) -> list[Para]:
        self._count = 0
        out: list[Para] = []
        self._walk(root, Container(widths[0], in_body), None, out, widths)
        return out

    def _walk(
        self, root, container: Container, table_style, out: list[Para], widths: list[int]
    ) -> None:
        for child in root.iterchildren():
            if child.tag == qn("w:p"):
                para = self._para(child, container, table_style)
                container.paras.append(para)
                out.append(para)
                if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None and len(widths) > 1:
                    widths.pop(0)
                    container = Container(widths[0], container.in_body)
            elif child.tag == qn("w:tbl"):
                self._table(child, container, out, widths)
            elif child.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
                self._walk(child, container, table_style, out, widths)

    def _table(self, tbl, outer: Container, out: list[Para], widths: list[int]) -> None:
        tbl_pr = tbl.find(qn("w:tblPr"))
        style_id = val(find(tbl_pr, "w:tblStyle"))
        table_style = self._chain(style_id)
        grid = [
            int(c.get(qn("w:w"), "0")) for c in tbl.iterfind(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
        ]
        for row, tr in enumerate(tbl.iterfind(qn("w:tr"))):
            col = int(val(find(tr, "w:trPr", "w:gridBefore")) or 0)
            for tc in tr.iterfind(qn("w:tc")):
                span = int(val(find(tc, "w:tcPr", "w:gridSpan")) or 1)
                twips = _cell_twips(tc, grid[col : col + span], [tbl_pr, *_tbl_prs(table_style)])
                cell = Container(int(Twips(max(twips, 0))), outer.in_body, cell=True, table=tbl,
                                 row=row, col=col, outer=outer)  # fmt: skip
                col += span
                self._walk(tc, cell, table_style, out, widths)

    def _para(self, p, container: Container, table_style) -> Para:
        self._count += 1
        ppr = p.find(qn("w:pPr"))
        style_id = val(find(ppr, "w:pStyle")) or self._default_para
        chain = self._chain(style_id)
        num_ppr, label = self._numbering_level(ppr, chain)
        layers = [ppr, num_ppr, *(s.find(qn("w:pPr")) for s in chain),
                  *(s.find(qn("w:pPr")) for s in table_style or ()), self._ppr_default]  # fmt: skip
        rpr_styles = [s.find(qn("w:rPr")) for s in chain] + [
            s.find(qn("w:rPr")) for s in table_style or ()
        ]
        pieces = []
        for r in p.iter(qn("w:r")):
            if _shown_run(r, p):
                text = _run_text(r)
                if text:
                    pieces.append(Piece(text, self._run_format(r, rpr_styles)))
        return Para(self._count, p, container, para_format(layers, style_id), pieces, label)

    def _numbering_level(self, ppr, chain) -> tuple:
        """The `w:pPr` of the list level a paragraph belongs to, and its bullet text if any."""
        num_pr = None
        for layer in [ppr, *(s.find(qn("w:pPr")) for s in chain)]:
            num_pr = find(layer, "w:numPr")
            if num_pr is not None:
                break
        if num_pr is None or self._numbering is None:
            return None, ""
        num_id, ilvl = val(find(num_pr, "w:numId")), val(find(num_pr, "w:ilvl")) or "0"
        num = self._numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")
        abstract_id = val(find(num, "w:abstractNumId"))
        abstract = self._numbering.find(
            f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']"
        )
        lvl = (
            None if abstract is None else abstract.find(f"{qn('w:lvl')}[@{qn('w:ilvl')}='{ilvl}']")
        )
        if lvl is None:
            return None, ""
        bullet = val(find(lvl, "w:numFmt")) == "bullet"
        text = val(find(lvl, "w:lvlText")) or ""
        return lvl.find(qn("w:pPr")), (text + " " if bullet and text.strip() in ("-", "–") else "")

    def _run_format(self, r, rpr_styles: list) -> RunFormat:
        rpr = r.find(qn("w:rPr"))
        char_style = [s.find(qn("w:rPr")) for s in self._chain(val(find(rpr, "w:rStyle")))]
        layers = [rpr, *char_style, *rpr_styles, self._rpr_default]
        first = first_in(layers)
        font = resolve_font(layers)
        vert = val(first("w:vertAlign"))
        color = val(first("w:color"))
        return RunFormat(
            fonts=(self._font(layers, "ascii"), self._font(layers, "hAnsi")),
            size=font.size_pt,
            bold=font.bold,
            italic=font.italic,
            color=color.upper() if color else None,
            caps=is_on(first("w:caps")),
            hidden=is_on(first("w:vanish")),
            raised=vert in ("superscript", "subscript"),
        )

    def _font(self, layers: list, slot: str) -> str | None:
        for rpr in layers:
            fonts = find(rpr, "w:rFonts")
            if fonts is None:
                continue
            theme = fonts.get(qn(f"w:{slot}Theme"))
            if theme:
                return self._theme.get("major" if theme.startswith("major") else "minor")
            if fonts.get(qn(f"w:{slot}")):
                return fonts.get(qn(f"w:{slot}"))
        return None


def _shown_run(r, p) -> bool:
    parent = r.getparent()
    while parent is not p:
        if parent.tag not in _RUN_PARENTS:
            return False
        parent = parent.getparent()
    return True


def _run_text(r) -> str:
    out = []
    for child in r.iterchildren():
        if child.tag == qn("w:t"):
            out.append(child.text or "")
        elif child.tag in _TABS:
            out.append("\t")
        elif child.tag in _BREAKS:
            out.append("\n")
        elif child.tag == qn("w:noBreakHyphen"):
            out.append("-")
    return "".join(out)


def _tbl_prs(table_style: list) -> list:
    return [s.find(qn("w:tblPr")) for s in table_style]


def _cell_twips(tc, grid_cols: list[int], tbl_prs: list) -> int:
    """A cell's text width: its `w:tcW` in twips (else its grid columns) less its margins."""
    tcw = find(tc, "w:tcPr", "w:tcW")
    if tcw is not None and tcw.get(qn("w:type"), "dxa") == "dxa" and int(tcw.get(qn("w:w"), "0")):
        width = int(tcw.get(qn("w:w")))
    else:
        width = sum(grid_cols)
    holders = [find(tc, "w:tcPr", "w:tcMar"), *(find(t, "w:tblCellMar") for t in tbl_prs)]
    return width - cell_margin(holders, "left") - cell_margin(holders, "right")


def section_width(section) -> int:
    """The text width of a section in EMU: page width less the margins and the gutter."""
    if section.page_width is None:
        return int(Length(0))
    return int(
        section.page_width
        - (section.left_margin or 0)
        - (section.right_margin or 0)
        - (section.gutter or 0)
    )


