"""The NĐ 30 checker on real files: rendered notices pass, documents broken one rule at a time
fail with exactly that rule, and notices made without our templates are read correctly."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from generator.check.checker import check, check_docx, check_pdf
from generator.check.poppler import without_output_intent
from generator.check.rules import RULES
from generator.check.text_rules import date_line_problems, number_line_problems
from generator.cli.main import main
from generator.convert.backends import find_soffice
from generator.errors import CheckError
from generator.ooxml import metrics

from ..support.ooxml import exempt, set_border
from ..support.readback import NOTICES

STEMS = sorted(p.stem for p in NOTICES.glob("*.yaml"))
BASE = "quang-ngai-1730-tb-vp-2020"  # a TB-VP: parent body, number, full date


# ---------------------------------------------------------------- editing a rendered notice


def _paragraphs(doc):
    """Body, table-cell and header paragraphs of a python-docx Document."""
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(doc, start: str):
    """The first paragraph whose text starts with `start`."""
    return next(p for p in _paragraphs(doc) if p.text.startswith(start))


def _after(doc, start: str):
    """The paragraph right after the one starting with `start` (in the same container)."""
    para = _find(doc, start)
    return Paragraph(para._p.getnext(), para._parent)


Edit = Callable[[object], None]
Locate = Callable[[object], list]


def at(start: str) -> Locate:
    """The paragraph whose text starts with `start`."""
    return lambda doc: [_find(doc, start)]


def below(start: str) -> Locate:
    """The paragraph right after it: the rule paragraph under a header line."""
    return lambda doc: [_after(doc, start)]


def body(index: int | None = None) -> Locate:
    """One body paragraph of the rendered notice, or all of them."""

    def locate(doc) -> list:
        paras = [
            p for p in doc.paragraphs if p.style.name in ("TB Noi dung", "TB De muc") and p.text
        ]
        return paras if index is None else [paras[index]]

    return locate


def font(locate: Locate, **values) -> Edit:
    """Set font attributes on every run of the located paragraphs."""
    return lambda doc: [
        setattr(r.font, k, v) for p in locate(doc) for r in p.runs for k, v in values.items()
    ]


def layout(locate: Locate, **values) -> Edit:
    """Set paragraph-format attributes (indents, spacing) of the located paragraphs."""
    return lambda doc: [
        setattr(p.paragraph_format, k, v) for p in locate(doc) for k, v in values.items()
    ]


def align(locate: Locate, alignment) -> Edit:
    return lambda doc: [setattr(p, "alignment", alignment) for p in locate(doc)]


def text(locate: Locate, new: str | Callable[[str], str]) -> Edit:
    """Replace the text of the located paragraph, keeping its first run's format."""

    def edit(doc) -> None:
        (para,) = locate(doc)
        para.runs[0].text = new(para.text) if callable(new) else new
        for run in para.runs[1:]:
            run.text = ""

    return edit


def colour(locate: Locate, rgb: RGBColor) -> Edit:
    return lambda doc: [setattr(r.font.color, "rgb", rgb) for p in locate(doc) for r in p.runs]


def section(**values) -> Edit:
    return lambda doc: [setattr(doc.sections[0], k, v) for k, v in values.items()]


def no_border(locate: Locate) -> Edit:
    xml = f'<w:pBdr {nsdecls("w")}><w:top w:val="nil"/></w:pBdr>'
    return lambda doc: [set_border(p._p.get_or_add_pPr(), parse_xml(xml)) for p in locate(doc)]


def delete(locate: Locate) -> Edit:
    return lambda doc: [p._p.getparent().remove(p._p) for p in locate(doc)]


def insert_before(locate: Locate, new: str) -> Edit:
    return lambda doc: [p.insert_paragraph_before(new, style=p.style) for p in locate(doc)]


def page_number(**values) -> Edit:
    return lambda doc: [setattr(doc.sections[0].header.paragraphs[0].style.font, k, v)
                        for k, v in values.items()]  # fmt: skip


DATE, ENTRIES = at("Quảng Ngãi, ngày"), ("- CT", "- VPUB", "- Lưu")
C, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT

#: (id, edit of the rendered BASE notice, the one rule it breaks)
BREAKS: list[tuple[str, Edit, str]] = [
    ("margin-left-25mm", section(left_margin=Mm(25)), "R-MARGIN"),
    ("margin-top-15mm", section(top_margin=Mm(15)), "R-MARGIN"),
    ("page-letter-height", section(page_height=Mm(279.4)), "R-PAGE-1"),
    ("landscape", section(orientation=WD_ORIENT.LANDSCAPE), "R-PAGE-2"),
    ("arial-runs", font(body(2), name="Arial"), "R-FONT"),
    ("red-text", colour(body(1), RGBColor(255, 0, 0)), "R-FONT"),
    ("nfd-text", text(at("Ngày 18/12"), lambda t: unicodedata.normalize("NFD", t)), "R-FONT"),
    ("quoc-hieu-not-bold", font(at("CỘNG HÒA"), bold=False), "R-QH"),
    ("quoc-hieu-14pt", font(at("CỘNG HÒA"), size=Pt(14)), "R-QH"),
    ("quoc-hieu-lower-case", text(at("CỘNG HÒA"), "Cộng hòa xã hội chủ nghĩa Việt Nam"), "R-QH"),
    ("tieu-ngu-en-dashes", text(at("Độc lập"), "Độc lập – Tự do – Hạnh phúc"), "R-TN"),
    ("tieu-ngu-left", align(at("Độc lập"), L), "R-TN"),
    ("tieu-ngu-without-rule", no_border(below("Độc lập")), "R-TN-LINE"),
    ("tieu-ngu-rule-short", layout(below("Độc lập"), left_indent=Mm(30), right_indent=Mm(30)),
     "R-TN-LINE"),
    ("size-profile-13-14-13", font(DATE, size=Pt(13)), "R-SIZE-0"),
    ("parent-bold", font(at("UBND TỈNH"), bold=True), "R-CQ-CQ"),
    ("agency-not-bold", font(at("VĂN PHÒNG"), bold=False), "R-CQ-BH"),
    ("agency-without-rule", no_border(below("VĂN PHÒNG")), "R-CQ-LINE"),
    ("number-unpadded", text(at("Số:"), "Số: 5/TB-VP"), "R-SO-0"),
    ("number-spaced", text(at("Số:"), "Số: 1730 / TB - VP"), "R-KH-FMT"),
    ("number-bold", font(at("Số:"), bold=True), "R-KH-FMT"),
    ("symbol-not-tb", text(at("Số:"), "Số: 1730/BC-VP"), "R-KH-1"),
    ("number-left", align(at("Số:"), L), "R-KH-POS"),
    ("date-month-03", text(DATE, "Quảng Ngãi, ngày 21 tháng 03 năm 2020"), "R-DATE-1"),
    ("date-day-5", text(DATE, "Quảng Ngãi, ngày 5 tháng 12 năm 2020"), "R-DATE-1"),
    ("date-no-comma", text(DATE, "Quảng Ngãi ngày 21 tháng 12 năm 2020"), "R-DATE-FMT"),
    ("date-upright", font(DATE, italic=False), "R-DATE-FMT"),
    ("doc-type-not-bold", font(at("THÔNG BÁO"), bold=False), "R-TL"),
    ("subject-upper-case", text(at("Kết luận"), str.upper), "R-TY"),
    ("subject-rule-full-width", layout(below("Kết luận"), left_indent=0, right_indent=0),
     "R-TY-LINE"),
    ("body-12pt", font(body(), size=Pt(12)), "R-ND-1"),
    ("body-indent-5mm", layout(body(3), first_line_indent=Mm(5)), "R-ND-1"),
    ("body-double-spaced", layout(body(3), line_spacing=2.0), "R-ND-1"),
    ("body-no-gap", layout(body(3), space_before=Pt(0)), "R-ND-1"),
    ("body-centred", align(body(3), C), "R-ND-1"),
    ("no-end-mark", text(at("Nay thông báo"), lambda t: t.removesuffix("/.")), "R-ND-END"),
    ("noi-nhan-upright", font(at("Nơi nhận"), italic=False), "R-NN-HEAD"),
    ("noi-nhan-entries-12pt", lambda d: [font(at(e), size=Pt(12))(d) for e in ENTRIES],
     "R-NN-LIST"),
    ("entry-without-semicolon", text(at("- CT"), "- CT, PCT UBND tỉnh (báo cáo)"), "R-NN-LIST"),
    ("entry-nhu-tren", insert_before(at("- CT"), "- Như trên;"), "R-NN-1"),
    ("no-luu-line", delete(at("- Lưu")), "R-NN-LUU"),
    ("luu-without-vt", text(at("- Lưu"), "- Lưu: HC-TC."), "R-NN-LUU"),
    ("signer-not-bold", font(at("TRƯỞNG PHÒNG"), bold=False), "R-KY-FMT"),
    ("signer-prefix-no-space", text(at("TL. CHÁNH"), "TL.CHÁNH VĂN PHÒNG"), "R-KY-FMT"),
    ("name-upper-case", text(at("Nguyễn Xuân Lộc"), str.upper), "R-KY-TEN"),
    ("name-not-bold", font(at("Nguyễn Xuân Lộc"), bold=False), "R-KY-TEN"),
    ("page-number-on-page-1", section(different_first_page_header_footer=False), "R-PGNUM"),
    ("page-number-italic", page_number(italic=True), "R-PGNUM"),
]  # fmt: skip
EDITS = {name: edit for name, edit, _ in BREAKS}


def _broken(rendered, tmp_path: Path, edit: Edit, name: str = "broken") -> Path:
    doc = Document(str(rendered[BASE]["docx"]))
    edit(doc)
    path = tmp_path / f"{name}.docx"
    doc.save(str(path))
    return path


# ---------------------------------------------------------------- rendered notices


@pytest.mark.parametrize("stem", STEMS)
def test_rendered_docx_has_no_finding(rendered, stem):
    """Every notice in notices/ rendered to DOCX breaks no rule."""
    assert check_docx(rendered[stem]["docx"]) == []


@pytest.mark.parametrize("stem", STEMS)
def test_rendered_pdf_has_no_error(rendered, stem):
    """Every rendered PDF breaks no rule; the only warning names the font put in TNR's place."""
    findings = check_pdf(rendered[stem]["pdf"])
    assert [f for f in findings if f.severity == "error"] == []
    for f in findings:
        assert f.rule == "R-FONT" and "Liberation Serif" in f.message


def test_poppler_reads_a_copy_without_the_output_intent(rendered):
    """The checker hands poppler a copy whose output intent is ignored (each page would cost
    a colour transform): same size, same name, same offsets, the same text read back."""
    pdf = rendered[STEMS[0]]["pdf"]
    assert pdf.read_bytes().count(b"/OutputIntents") == 1  # PDF/A from LibreOffice has one
    with without_output_intent(pdf) as copy:
        assert copy != pdf and copy.name == pdf.name
        data = copy.read_bytes()
        assert len(data) == pdf.stat().st_size and b"/OutputIntents" not in data
        layout = [
            subprocess.run(["pdftotext", "-bbox-layout", str(p), "-"], capture_output=True,
                           check=True).stdout
            for p in (pdf, copy)
        ]  # fmt: skip
    assert layout[0] == layout[1]
    assert not copy.exists()


# ---------------------------------------------------------------- one rule broken at a time


@pytest.mark.parametrize("edit, rule", [pytest.param(e, r, id=i) for i, e, r in BREAKS])
def test_broken_docx_fails_with_exactly_its_rule(rendered, tmp_path, edit, rule):
    """A rendered notice with one defect is reported under that rule and no other."""
    findings = check_docx(_broken(rendered, tmp_path, edit))
    assert {f.rule for f in findings} == {rule}, [f.message for f in findings]
    assert {f.severity for f in findings} == {RULES[rule].severity}
    for f in findings:
        assert f.message.endswith(f"({rule})") and f.location


def test_finding_says_where_and_quotes_the_text(rendered, tmp_path):
    """A finding names the paragraph, quotes its text and explains in Vietnamese."""
    edit = EDITS["date-month-03"]
    (finding,) = check_docx(_broken(rendered, tmp_path, edit))
    assert re.fullmatch(r"đoạn \d+", finding.location)
    assert finding.text == "Quảng Ngãi, ngày 21 tháng 03 năm 2020"
    assert finding.message == (
        'Địa danh, ngày tháng «Quảng Ngãi, ngày 21 tháng 03 năm 2020»: Tháng "03" phải ghi là "3" '
        "(chỉ ngày nhỏ hơn 10 và tháng 1, 2 ghi thêm số 0 phía trước) (R-DATE-1)"
    )


def test_margin_message_quotes_the_range(rendered, tmp_path):
    """The margin finding gives the measured value and the allowed range."""
    edit = EDITS["margin-left-25mm"]
    (finding,) = check_docx(_broken(rendered, tmp_path, edit))
    assert finding.message == "Lề trái 25 mm ngoài khoảng 30–35 mm (R-MARGIN)"


def test_body_findings_are_grouped_by_problem(rendered, tmp_path):
    """A problem shared by every body paragraph is one finding listing the paragraphs."""
    edit = EDITS["body-12pt"]
    findings = check_docx(_broken(rendered, tmp_path, edit))
    assert len(findings) == 1
    assert re.fullmatch(r"đoạn \d+–\d+", findings[0].location)


# ---------------------------------------------------------------- text rules, pure


@pytest.mark.parametrize(
    "text, rules",
    [
        ("Số: 1730/TB-VP", []),
        ("Số: 07/TB-UBND", []),
        ("Số: \u00a0\u00a0\u00a0\u00a0/TB-UBND", []),  # a draft: the number is left blank
        ("Số: 7/TB-UBND", ["R-SO-0"]),
        ("Số: 0123/TB-VP", ["R-SO-0"]),
        ("Số: 12/tb-vp", ["R-KH-FMT"]),
        ("Số: 12/TB VP", ["R-KH-FMT"]),
        ("Số: 12 /TB-VP", ["R-KH-FMT"]),
        ("SỐ: 12/TB-VP", ["R-KH-FMT"]),
        ("Số: 12/KH-VP", ["R-KH-1"]),
    ],
)
def test_number_line(text, rules):
    """R-SO-0, R-KH-1, R-KH-FMT on the Số line."""
    assert [rule for rule, _ in number_line_problems(text)] == rules


@pytest.mark.parametrize(
    "text, rules",
    [
        ("Quảng Ngãi, ngày 21 tháng 12 năm 2020", []),
        ("Hà Nội, ngày 05 tháng 01 năm 2020", []),
        ("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", []),
        ("Bắc Giang, ngày \u00a0\u00a0\u00a0 tháng 5 năm 2020", []),  # a draft
        ("Hà Nội, ngày 5 tháng 01 năm 2020", ["R-DATE-1"]),
        ("Hà Nội, ngày 05 tháng 1 năm 2020", ["R-DATE-1"]),
        ("Sóc Trăng, ngày 27 tháng 09 năm 2022", ["R-DATE-1"]),
        ("Hà Nội, ngày 05 tháng 01 năm 20", ["R-DATE-1"]),
        ("Hà Nội, ngày 32 tháng 1 năm 2020", ["R-DATE-1", "R-DATE-1"]),
        ("Hà Nội ngày 05 tháng 01 năm 2020", ["R-DATE-FMT"]),
        ("hà nội, ngày 05 tháng 01 năm 2020", ["R-DATE-FMT"]),
        ("Hà Nội, Ngày 05 tháng 01 năm 2020", ["R-DATE-FMT"]),
    ],
)
def test_date_line(text, rules):
    """R-DATE-1 padding (day < 10, months 1 and 2) and R-DATE-FMT on the date line."""
    assert [rule for rule, _ in date_line_problems(text)] == rules


# The rule table itself (clauses, wording, docs/rules.md) is tested in test_ruledoc.py.


# ---------------------------------------------------------------- notices not from our templates


def _add_text(container, text: str, size: float, *, bold=False, italic=False, align=C,
              before: float = 0):  # fmt: skip
    """A paragraph typed with direct formatting; `\\n` is a line break (Shift+Enter)."""
    para = container.add_paragraph()
    para.alignment = align
    fmt = para.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(before), Pt(0), 1.0
    for i, line in enumerate(text.split("\n")):
        if i:
            para.runs[-1].add_break(WD_BREAK.LINE)
        run = para.add_run(line)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return para


def _cell(cell):
    """A cell with its first empty paragraph removed, ready for `_add_text`."""
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def _centre_rule(para, side: str, width: int, length_pt: float) -> None:
    """A paragraph border on `side`, the paragraph indented so it is `length_pt` long, centred."""
    fmt = para.paragraph_format
    fmt.left_indent = fmt.right_indent = int((width - Pt(length_pt)) / 2)
    border = f'<w:{side} w:val="single" w:sz="6" w:space="1" w:color="auto"/>'
    set_border(para._p.get_or_add_pPr(), parse_xml(f"<w:pBdr {nsdecls('w')}>{border}</w:pBdr>"))


WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _drawn_line(para, length) -> None:
    """A straight line drawn as a DrawingML shape, the way Word's Insert › Shapes › Line does."""
    para.add_run()._r.append(parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a")} xmlns:wps="{WPS}">'
        f'<wp:inline><wp:extent cx="{int(length)}" cy="0"/><wp:docPr id="9" name="Line"/>'
        f'<a:graphic><a:graphicData uri="{WPS}">'
        '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:prstGeom prst="line"/></wps:spPr><wps:bodyPr/>'
        "</wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    ))  # fmt: skip


def _page_field(para) -> None:
    """A PAGE field as Word writes it: a complex field (begin, instruction, separate, end)."""
    w = nsdecls("w")
    for xml in (f'<w:fldChar {w} w:fldCharType="begin"/>',
                f'<w:instrText {w} xml:space="preserve"> PAGE </w:instrText>',
                f'<w:fldChar {w} w:fldCharType="separate"/>', f"<w:t {w}>2</w:t>",
                f'<w:fldChar {w} w:fldCharType="end"/>'):  # fmt: skip
        run = para.add_run()
        run.font.size = Pt(13)
        run._r.append(parse_xml(xml))


SCRATCH_BODY = (
    "Ngày 18/5/2020, Phó Chủ tịch UBND tỉnh làm việc với Sở Thông tin và Truyền thông về kết "
    "quả công tác 4 tháng đầu năm 2020 và nhiệm vụ thời gian tới.",
    "1. Giao Sở Thông tin và Truyền thông hoàn thiện Hệ thống thông tin Một cửa điện tử.",
    "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.",
)


def _scratch_notice(path: Path, *, typeface: str | None = "Times New Roman") -> None:
    """A TB-VP typed in a blank python-docx document, unlike our templates: margins 25/20/35/20,
    the 12/13/13 profile, Word's default cell margins, a bottom border under the Tiêu ngữ, a
    drawn line under the issuing body, Shift+Enter in the trích yếu and the signer lines,
    1.27 cm indents with space after, a complex PAGE field; no style of ours."""
    doc = Document()
    sect = doc.sections[0]
    sect.page_width, sect.page_height = Mm(210), Mm(297)
    sect.top_margin, sect.bottom_margin, sect.left_margin, sect.right_margin = (
        Mm(25), Mm(20), Mm(35), Mm(20))  # fmt: skip
    if typeface:
        doc.styles["Normal"].font.name = typeface
    left, right = (_cell(c) for c in doc.add_table(rows=1, cols=2).rows[0].cells)
    left.width, right.width = Mm(62), Mm(93)
    _add_text(left, "UBND TỈNH BẮC GIANG", 12)
    _add_text(left, "VĂN PHÒNG", 12, bold=True)
    _drawn_line(
        _add_text(left, "", 12), Pt(0.4 * metrics.text_width_pt("VĂN PHÒNG", 12, bold=True))
    )
    _add_text(left, "Số: 07/TB-VP", 13, before=6)
    _add_text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    tieu_ngu = _add_text(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    cell_width = Mm(93) - Mm(2 * 1.905)  # Word's default cell margins, 0.19 cm a side
    tieu_ngu_pt = metrics.text_width_pt(tieu_ngu.text, 13, bold=True)
    _centre_rule(tieu_ngu, "bottom", cell_width, 1.02 * tieu_ngu_pt)
    _add_text(right, "Bắc Giang, ngày 05 tháng 02 năm 2024", 13, italic=True, before=6)
    _add_text(doc, "THÔNG BÁO", 13, bold=True, before=12)
    first = "Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc"
    _add_text(doc, f"{first}\nvới Sở Thông tin và Truyền thông", 13, bold=True)
    text_width = sect.page_width - sect.left_margin - sect.right_margin
    _centre_rule(
        _add_text(doc, "", 2), "top", text_width, 0.4 * metrics.text_width_pt(first, 13, bold=True)
    )
    for line in SCRATCH_BODY:
        fmt = _add_text(doc, line, 13, align=WD_ALIGN_PARAGRAPH.JUSTIFY).paragraph_format
        fmt.first_line_indent, fmt.space_after, fmt.line_spacing = Mm(12.7), Pt(6), 1.15
    left, right = (_cell(c) for c in doc.add_table(rows=1, cols=2).rows[0].cells)
    left.width, right.width = Mm(70), Mm(85)
    _add_text(left, "Nơi nhận:", 12, bold=True, italic=True, align=L)
    for entry in ("- Sở Thông tin và Truyền thông;", "- Lưu: VT, KGVX."):
        _add_text(left, entry, 11, align=L)
    _add_text(right, "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG", 13, bold=True)
    for _ in range(4):
        _add_text(right, "", 13)
    _add_text(right, "Nguyễn Văn An", 13, bold=True)
    sect.different_first_page_header_footer = True
    page = sect.header.paragraphs[0]
    page.alignment = C
    _page_field(page)
    for rid, rel in list(doc.part.rels.items()):  # python-docx's stale Word 2010 copy
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)
    doc.save(str(path))


def test_notice_typed_from_scratch_is_read_correctly(tmp_path):
    """A notice built without our templates, with other constructions, breaks no rule."""
    path = tmp_path / "scratch.docx"
    _scratch_notice(path)
    assert check_docx(path) == []


def test_theme_font_is_resolved(tmp_path):
    """Text in the document's theme font (Word's default) is not Times New Roman."""
    path = tmp_path / "themed.docx"
    _scratch_notice(path, typeface=None)
    findings = check_docx(path)
    assert {f.rule for f in findings} == {"R-FONT"}
    assert all("Cambria" in f.message for f in findings)


# ---------------------------------------------------------------- through LibreOffice


def line_before(locate: Locate) -> Edit:
    """An empty line pushed in above the located paragraph, in the same cell and style."""

    def edit(doc) -> None:
        (para,) = locate(doc)
        para.insert_paragraph_before("", style=para.style)

    return edit


#: Defects only the PDF shows, where lines really stand (the DOCX checker does not measure
#: rows): the date a line below `Số:`, `Nơi nhận:` a line below the signer's authority.
EDITS.update(
    {
        "date-below-number": line_before(at("Quảng Ngãi, ngày")),
        "noi-nhan-below-authority": line_before(at("Nơi nhận")),
    }
)

#: Broken notices to convert to PDF, and the rule the PDF breaks.
PDF_BREAKS = {
    "margin-top-15mm": "R-MARGIN",
    "page-number-on-page-1": "R-PGNUM",
    "arial-runs": "R-FONT",
    "date-below-number": "R-DATE-FMT",
    "noi-nhan-below-authority": "R-NN-HEAD",
}


def _soffice(target: str, files: list[Path], out: Path) -> subprocess.Popen:
    profile = (out / "profile").resolve().as_uri()
    return subprocess.Popen(
        [find_soffice() or "soffice", f"-env:UserInstallation={profile}", "--headless",
         "--norestore", "--convert-to", target, "--outdir", str(out), *map(str, files)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.fixture(scope="module")
def through_libreoffice(rendered, tmp_path_factory) -> dict[str, Path]:
    """Rendered notices saved again by LibreOffice as DOCX, and broken notices as PDF:
    two LibreOffice batches run side by side. {stem or break id: path}."""
    saved, pdfs, broken = (tmp_path_factory.mktemp(n) for n in ("lo-docx", "lo-pdf", "broken"))
    exempt(saved, "LibreOffice's own DOCX: w:lvlJc 'start' (ECMA-376 2nd edition, not Office's)")
    docx = [_broken(rendered, broken, EDITS[name], name) for name in PDF_BREAKS]
    jobs = [
        _soffice("docx", [rendered[s]["docx"] for s in STEMS], saved),
        _soffice("pdf", docx, pdfs),
    ]
    for job in jobs:
        assert job.wait(timeout=180) == 0
    out = {stem: saved / f"{stem}.docx" for stem in STEMS}
    out.update({name: pdfs / f"{name}.pdf" for name in PDF_BREAKS})
    assert all(p.is_file() for p in out.values()), sorted(out)
    return out


@pytest.mark.parametrize("stem", STEMS)
def test_notice_saved_by_libreoffice_is_read_correctly(through_libreoffice, stem):
    """LibreOffice writes w:start/w:end indents, complex PAGE fields, its own styles: no finding."""
    assert check_docx(through_libreoffice[stem]) == []


@pytest.mark.parametrize("name", sorted(PDF_BREAKS))
def test_broken_pdf_fails_with_its_rule(through_libreoffice, name):
    """Margins, page numbers, fonts and rows are measured in the PDF itself."""
    findings = check_pdf(through_libreoffice[name])
    assert {f.rule for f in findings if f.severity == "error"} == {PDF_BREAKS[name]}


# ---------------------------------------------------------------- the command


def run(*args) -> object:
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_cli_passes_rendered_notices(rendered):
    """Exit 0 on notices with no error; the PDF font warning is printed."""
    result = run(*(rendered[s][k] for s in STEMS for k in ("docx", "pdf")))
    assert result.exit_code == 0, result.output
    assert "R-FONT warning" in result.output


def test_cli_strict_fails_on_warnings(rendered):
    """--strict turns the PDF font warning into a failure."""
    assert run("--strict", rendered[BASE]["pdf"]).exit_code == 1


def test_cli_reports_errors_as_text_and_json(rendered, tmp_path):
    """Exit 1 on errors; text lines name file, paragraph, rule, severity; JSON is a list."""
    path = _broken(rendered, tmp_path, EDITS["number-unpadded"])
    result = run(path)
    assert result.exit_code == 1
    assert re.search(
        rf"{re.escape(str(path))}:đoạn \d+: R-SO-0 error: Số, ký hiệu «Số: 5/TB-VP»: Số \"5\" "
        r"phải ghi là \"05\"",
        result.output,
    )
    rows = json.loads(run("--format", "json", path).stdout)
    assert [(r["rule"], r["severity"], r["text"]) for r in rows] == [
        ("R-SO-0", "error", "Số: 5/TB-VP")
    ]


def test_cli_usage_errors(tmp_path):
    """A file that is neither DOCX nor PDF is a usage error (exit 2)."""
    other = tmp_path / "notice.txt"
    other.write_text("x")
    assert run(other).exit_code == 2


@pytest.mark.ooxml_invalid("not a zip file, on purpose")
def test_unreadable_file_raises_check_error(tmp_path):
    """A damaged DOCX or PDF raises CheckError, which the command reports with exit 1."""
    for name in ("bad.docx", "bad.pdf"):
        (tmp_path / name).write_bytes(b"not a document")
        with pytest.raises(CheckError):
            check(tmp_path / name)
        assert run(tmp_path / name).exit_code == 1
