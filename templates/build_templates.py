"""Build the DOCX templates (and the font width table) from code, so that every layout
value can be reviewed here against its rule in docs/rules.md. Clerks may then edit the .docx in
Word.

    python templates/build_templates.py           # templates/tb-vp.docx and tb-ubnd.docx
    python templates/build_templates.py --widths  # generator/data/serif_widths.json

Layout: the "13/14" size profile of NĐ 30 (R-SIZE-0), every value inside the decree's ranges.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm, Pt, Twips

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FONT = "Times New Roman"  # R-FONT

# R-MARGIN: top/bottom 20–25, left 30–35, right 15–20 mm; the project's default profile, in whole
# twips rounded *into* the ranges (15 mm is 850.4 twips: 850 would be 14.99 mm, out of range).
MARGINS = {side: Twips(math.ceil(mm * 1440 / 25.4)) for side, mm in
           {"top": 20, "bottom": 20, "left": 30, "right": 15}.items()}  # fmt: skip
PAGE_WIDTH = Twips(11906)  # 210 mm
TEXT_TWIPS = PAGE_WIDTH.twips - MARGINS["left"].twips - MARGINS["right"].twips  # 164.98 mm


def _columns(left_mm: int) -> tuple[Length, Length]:
    """Two table columns filling the text width exactly, the left one `left_mm` wide."""
    left = round(left_mm * 1440 / 25.4)
    return Twips(left), Twips(TEXT_TWIPS - left)


# Project choice (NĐ 30 fixes no widths, docs/rules.md): column widths of the header and footer
# tables.
HEADER_COLS = _columns(62)
FOOTER_COLS = _columns(75)
# R-KY-CK: the gap for the signature; practice 25–35 mm (project choice: 28 mm).
SIGNATURE_GAP_MM = 28
BODY_INDENT_MM = 10  # R-ND-1: first-line indent 1 cm
# R-TN-LINE, R-CQ-LINE, R-TY-LINE: in the decree's model forms each rule stands clearly
# below its text; the decree gives no figure (project choice: 4 pt, ≈ 1.4 mm, of space
# before the rule paragraph, so the descenders never touch the rule).
RULE_GAP_PT = 4
#: w:pPr children that come after w:pBdr (ECMA-376 Part 1, §17.3.1.26, CT_PPrBase order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
               "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
               "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
               "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip

C, J, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT

# name: (size pt, bold, italic, alignment, extra) — the rule each one follows in the comment
STYLES = {
    "TB Co quan chu quan": (13, False, False, C, {}),  # R-CQ-CQ
    "TB Co quan ban hanh": (13, True, False, C, {}),  # R-CQ-BH
    "TB So ky hieu": (13, False, False, C, {"before": 6}),  # R-KH-FMT
    "TB Quoc hieu": (13, True, False, C, {}),  # R-QH
    "TB Tieu ngu": (14, True, False, C, {}),  # R-TN
    "TB Dia danh ngay": (14, False, True, C, {"before": 6}),  # R-DATE-FMT
    "TB Ke tieu ngu": (2, False, False, C, {"rule": True}),  # R-TN-LINE (full length)
    "TB Ke ngan": (2, False, False, C, {"rule": True}),  # R-CQ-LINE, R-TY-LINE (1/3–1/2)
    "TB Ten loai": (14, True, False, C, {"before": 18, "keep": True}),  # R-TL
    "TB Trich yeu": (14, True, False, C, {"keep": True}),  # R-TY
    "TB Noi dung": (14, False, False, J, {"before": 6, "indent": True}),  # R-ND-1
    "TB De muc": (14, True, False, J, {"before": 6, "indent": True, "keep": True}),  # R-ND-KHOAN
    "TB Noi nhan": (12, True, True, L, {}),  # R-NN-HEAD
    "TB Noi nhan DS": (11, False, False, L, {}),  # R-NN-LIST
    "TB Quyen han": (14, True, False, C, {}),  # R-KY-FMT
    "TB Khoang ky": (14, False, False, C, {"gap": True}),  # R-KY-CK
    "TB Ho ten": (14, True, False, C, {}),  # R-KY-TEN
    "TB So trang": (14, False, False, C, {}),  # R-PGNUM
}


def _rpr_fonts(rpr, size_pt: float | None = None) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = OxmlElement(tag)
                rpr.append(el)
            el.set(qn("w:val"), str(int(size_pt * 2)))


def _doc_defaults(doc) -> None:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
            '<w:sz w:val="28"/><w:szCs w:val="28"/>'
            '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    for style in doc.styles:
        rpr = style.element.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _rpr_fonts(rpr)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    _rpr_fonts(normal.element.get_or_add_rPr())


def _add_styles(doc) -> None:
    for name, (size, bold, italic, align, extra) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
        font = style.font
        font.size, font.bold, font.italic = Pt(size), bold, italic
        _rpr_fonts(style.element.get_or_add_rPr(), size)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.space_before = Pt(extra.get("before", 0))
        fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        if extra.get("indent"):
            fmt.first_line_indent = Mm(BODY_INDENT_MM)
        if extra.get("keep"):
            fmt.keep_with_next = True
        if extra.get("rule"):
            fmt.space_before = Pt(RULE_GAP_PT)
            fmt.keep_with_next = name == "TB Ke ngan"
            style.element.get_or_add_pPr().insert_element_before(
                parse_xml(
                    f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1" '
                    'w:color="000000"/></w:pBdr>'
                ),
                *_AFTER_PBDR,
            )
        if extra.get("gap"):
            fmt.line_spacing = Mm(SIGNATURE_GAP_MM)  # exact height of the 7c gap
    for style_id, name, size in (
        ("FootnoteText", "footnote text", 10),
        ("FootnoteReference", "footnote reference", None),
    ):
        kind = WD_STYLE_TYPE.PARAGRAPH if size else WD_STYLE_TYPE.CHARACTER
        style = doc.styles.add_style(name, kind)
        style.element.set(qn("w:styleId"), style_id)
        if size:  # R-ND-FN: project choice, TNR 10 pt regular, justified
            style.base_style = doc.styles["Normal"]
            style.font.size = Pt(size)
            _rpr_fonts(style.element.get_or_add_rPr(), size)
            style.paragraph_format.alignment = J
        else:
            style.font.superscript = True


def _table(doc, rows: int, widths: tuple[Length, Length]):
    table = doc.add_table(rows=rows, cols=2)
    tbl = table._tbl
    tblpr = tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:tblLook"):
        for el in tblpr.findall(qn(tag)):
            tblpr.remove(el)
    total = sum(w.twips for w in widths)
    tblpr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{total}" w:type="dxa"/>'))
    tblpr.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="0" w:type="dxa"/>'))
    borders = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tblpr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/>'
            '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        )
    )
    table.autofit = False
    for col, width in zip(table.columns, widths, strict=True):
        col.width = width
        for cell in col.cells:
            cell.width = width
    return table


def _fill(cell, lines: list[tuple[str, str]]) -> None:
    """Write (style, text) paragraphs into a cell, reusing its first empty paragraph."""
    first = True
    for style, text in lines:
        para = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        para.style = style
        if text:
            para.add_run(text)


def _page_number_header(section) -> None:
    """R-PGNUM: a centred PAGE field in the header, none on page 1 (titlePg)."""
    section.different_first_page_header_footer = True
    para = section.header.paragraphs[0]
    para.style = "TB So trang"
    para._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
        )
    )
    section.first_page_header.paragraphs[0].style = "TB So trang"


def build_template(kind: str) -> Document:
    """The DOCX template of one kind: TB-VP (with a parent body line), TB-UBND (without), or
    TB, any issuing body, one layout for all: the parent line printed when there is one."""
    doc = Document()
    _doc_defaults(doc)
    _add_styles(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT  # R-PAGE-2
    section.page_width, section.page_height = PAGE_WIDTH, Twips(16838)  # R-PAGE-1: 210 × 297 mm
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)
    _page_number_header(section)
    body = doc.element.body
    body.remove(body[0]) if body[0].tag == qn("w:p") else None

    # ô 1–4: the header table; row 1 the names, row 2 Số and the date on one line (R-DATE-FMT)
    header = _table(doc, 2, HEADER_COLS)
    agency = [("TB Co quan chu quan", "{{ parent }}")] if kind == "TB-VP" else []
    if kind == "TB":
        agency = [("TB Co quan chu quan", "{%p if parent %}"),
                  ("TB Co quan chu quan", "{{ parent }}"),
                  ("TB Co quan chu quan", "{%p endif %}")]  # fmt: skip
    agency += [
        ("TB Co quan ban hanh", "{%p for line in agency_lines %}"),
        ("TB Co quan ban hanh", "{{ line }}"),
        ("TB Co quan ban hanh", "{%p endfor %}"),
        ("TB Ke ngan", ""),
    ]
    _fill(header.cell(0, 0), agency)
    _fill(
        header.cell(0, 1),
        [("TB Quoc hieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
         ("TB Tieu ngu", "Độc lập - Tự do - Hạnh phúc"),
         ("TB Ke tieu ngu", "")],
    )  # fmt: skip
    _fill(header.cell(1, 0), [("TB So ky hieu", "{{ number_line }}")])
    _fill(header.cell(1, 1), [("TB Dia danh ngay", "{{ date_line }}")])

    # ô 5a and ô 6: tên loại, trích yếu, body
    for style, text in (
        ("TB Ten loai", "THÔNG BÁO"),
        ("TB Trich yeu", "{{ subject }}"),
        ("TB Ke ngan", ""),
        ("TB Noi dung", "{%p for p in body %}"),
        ("TB Noi dung", "{%p if p.role == 'heading' %}"),
        ("TB De muc", "{{r p.runs }}"),
        ("TB Noi dung", "{%p elif p.role == 'block' %}"),  # Kính gửi (ô 9a): generator/blocks.py
        ("TB Noi dung", "{{p p.xml }}"),
        ("TB Noi dung", "{%p else %}"),
        ("TB Noi dung", "{{r p.runs }}"),
        ("TB Noi dung", "{%p endif %}"),
        ("TB Noi dung", "{%p endfor %}"),
    ):
        doc.add_paragraph(text, style=style)
    doc.add_paragraph("", style="TB Noi dung")

    # ô 9b and ô 7a–7c: Nơi nhận on the left, the signer on the right, tops level (R-NN-HEAD)
    footer = _table(doc, 1, FOOTER_COLS)
    _fill(
        footer.cell(0, 0),
        [("TB Noi nhan", "Nơi nhận:"),
         ("TB Noi nhan DS", "{%p for line in recipients %}"),
         ("TB Noi nhan DS", "{{ line }}"),
         ("TB Noi nhan DS", "{%p endfor %}")],
    )  # fmt: skip
    _fill(
        footer.cell(0, 1),
        [("TB Quyen han", "{%p for line in authority %}"),
         ("TB Quyen han", "{{ line }}"),
         ("TB Quyen han", "{%p endfor %}"),
         ("TB Quyen han", "{{ position }}"),
         ("TB Khoang ky", ""),
         ("TB Ho ten", "{{ signer_name }}")],
    )  # fmt: skip
    # R-PL: the phụ lục after the signature, each on a new page (generator/blocks.py)
    for text in ("{%p for b in appendix %}", "{{p b.xml }}", "{%p endfor %}"):
        doc.add_paragraph(text, style="TB Noi dung")
    props = doc.core_properties
    props.author, props.title, props.language = "", "", "vi-VN"
    props.comments = f"Mẫu {kind} theo Nghị định 30/2020/NĐ-CP (notice)"
    _trim(doc)
    return doc


def _trim(doc) -> None:
    """Drop what python-docx's default document carries and a notice never uses: 99 table
    styles (≈ 350 KB of styles.xml; Word still offers them, from its latent styles), the
    Word 2010 stylesWithEffects.xml copy (≈ 440 KB), and the thumbnail of a blank page that
    file managers would show for every notice. Every document then parses ≈ 20× less XML:
    LibreOffice converts a notice ≈ 30 % faster (measured, bench/batch.py)."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:default")) != "1":
            styles.remove(style)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package_rels.pop(rid)


def build_widths(out: Path) -> None:
    """Advance widths of Liberation Serif (metric twin of Times New Roman) for metrics.py."""
    from fontTools.ttLib import TTFont

    base = Path("/usr/share/fonts/truetype/liberation2")
    files = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bolditalic": "BoldItalic"}
    chars = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x250)]
    chars += [chr(c) for c in range(0x1EA0, 0x1F00)] + list("–—‘’“”…•№")
    table: dict = {}
    for key, suffix in files.items():
        font = TTFont(base / f"LiberationSerif-{suffix}.ttf")
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        widths = {ch: hmtx[cmap[ord(ch)]][0] for ch in chars if ord(ch) in cmap}
        widths["\x00"] = hmtx[cmap[ord("n")]][0]  # fallback for a glyph not listed
        table[key] = widths
        table["meta"] = {"units_per_em": font["head"].unitsPerEm, "font": "Liberation Serif 2"}
    out.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0), "utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", action="store_true", help="rebuild the width table only")
    args = parser.parse_args(argv)
    if args.widths:
        build_widths(ROOT / "generator" / "data" / "serif_widths.json")
        return 0
    for kind, name in (("TB-VP", "tb-vp"), ("TB-UBND", "tb-ubnd"), ("TB", "thong-bao")):
        build_template(kind).save(HERE / f"{name}.docx")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
