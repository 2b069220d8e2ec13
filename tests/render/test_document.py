"""End to end: the seed notices rendered from their sources, read back from DOCX and PDF."""

from __future__ import annotations

import re
import subprocess

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from generator.ooxml import metrics
from generator.profile.vietnamese import QUOC_HIEU, TIEU_NGU
from generator.source import issuer
from generator.source.notices import load_notice
from tests.support.docxfmt import cell_text_width, effective_font, paragraph_value

from ..support.readback import (
    NOTICES,
    SEEDS,
    SUPERSCRIPT,
    docx_blocks,
    normalise,
    pdf_text,
    seed_lines,
)

SEED_SOURCES = {
    "000_f4cb9baf85425591.txt": "quang-ngai-1730-tb-vp-2020",
    "004_3114f037d4245cc2.txt": "bac-giang-tb-ubnd-2020-du-thao",
}
#: Pages of each rendered notice with LibreOffice 7.4 and Liberation Serif.
PAGES = {
    "quang-ngai-1730-tb-vp-2020": 3,
    "bac-giang-tb-ubnd-2020-du-thao": 3,
    "quang-ngai-07-tb-ubnd-2024": 2,
    "dong-nai-so-tai-chinh-tb-2026": 1,  # a Sở: parent line, then its name (kind TB)
    "tan-trieu-ubnd-xa-tb-2025": 1,  # a xã: no parent, the commune's own name as địa danh
    "bo-tai-chinh-tb-2025": 1,  # a Bộ: no parent, the city of its seat
}
C, J, L = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def test_every_source_renders(rendered):
    """Smoke: each file in notices/ gives a DOCX and a PDF."""
    assert sorted(rendered) == sorted(p.stem for p in NOTICES.glob("*.yaml"))
    assert all(set(files) == {"docx", "pdf"} for files in rendered.values())


def _is_footnote(line: str) -> bool:
    return line[:1] in "¹²³⁴⁵⁶⁷⁸⁹"


@pytest.mark.parametrize("seed", sorted(SEED_SOURCES), ids=lambda s: SEED_SOURCES[s])
def test_docx_has_every_seed_line_in_order(rendered, seed):
    """Fidelity: every line of the seed text appears in the DOCX, in the seed's order."""
    body, notes = docx_blocks(rendered[SEED_SOURCES[seed]]["docx"])
    stream = normalise(" ".join(body))
    cursor = 0
    for line in seed_lines(SEEDS / seed):
        if _is_footnote(line):
            assert line in [normalise(n) for n in notes]
            continue
        found = stream.find(line, cursor)
        assert found >= 0, f"not found after position {cursor}: {line!r}"
        cursor = found + len(line)


@pytest.mark.parametrize("seed", sorted(SEED_SOURCES), ids=lambda s: SEED_SOURCES[s])
def test_pdf_has_every_seed_line(rendered, seed):
    """Fidelity: every seed line is in the PDF's text layer (page numbers and footnotes aside)."""
    pages = pdf_text(rendered[SEED_SOURCES[seed]]["pdf"])
    lines = []
    for number, page in enumerate(pages, start=1):
        page_lines = [x for x in page.splitlines() if x.strip()]
        if number > 1 and page_lines and page_lines[0].strip() == str(number):
            page_lines = page_lines[1:]  # R-PGNUM: the page number in the header
        lines += page_lines
    stream = normalise(" ".join(lines))
    footnotes = [line for line in seed_lines(SEEDS / seed) if _is_footnote(line)]
    for note in footnotes:
        printed = note.translate(SUPERSCRIPT)
        digits = re.match(r"\d+", printed).group()
        printed = normalise(f"{digits} {printed[len(digits) :]}")
        assert printed in stream
        stream = normalise(stream.replace(printed, " "))
    stream = stream.translate(SUPERSCRIPT)
    for line in seed_lines(SEEDS / seed):
        if not _is_footnote(line):
            assert line.translate(SUPERSCRIPT) in stream, line


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_pdf_is_a4_with_header_block_and_page_count(rendered, stem):
    """R-PAGE-1, R-QH, R-TN: A4 pages, the header block in the text, the expected page count."""
    info = subprocess.run(
        ["pdfinfo", str(rendered[stem]["pdf"])], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    assert re.search(rf"Pages:\s+{PAGES[stem]}\n", info)
    first = normalise(pdf_text(rendered[stem]["pdf"])[0])
    for text in (QUOC_HIEU, TIEU_NGU, "THÔNG BÁO", "Nơi nhận:" if PAGES[stem] == 1 else "Số:"):
        assert text in first
    agency = load_notice(NOTICES / f"{stem}.yaml").agency
    for line in issuer.header_lines(agency):  # R-CQ-CQ, R-CQ-BH
        assert line in first


def test_pdf_embeds_every_font(rendered):
    """PDF/A-2b: every font embedded; the body font is the Times New Roman metric twin."""
    for files in rendered.values():
        fonts = subprocess.run(
            ["pdffonts", str(files["pdf"])], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
        assert any("LiberationSerif" in line or "TimesNewRoman" in line for line in fonts)
        assert (
            b"pdfaid:part>2<" in files["pdf"].read_bytes()
            or b'pdfaid:part="2"' in files["pdf"].read_bytes()
        )


# -- layout read back with python-docx -------------------------------------------------------


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _find(document, predicate):
    found = [p for p in _paragraphs(document) if p.text.strip() and predicate(normalise(p.text))]
    assert found, "component not found"
    return found


def _assert_format(paragraph, size, bold, italic, align):
    assert paragraph_value(paragraph, "alignment") == align, paragraph.text
    for run in paragraph.runs:
        if run.text.strip():
            font = effective_font(paragraph, run)
            assert (font.size_pt, font.bold, font.italic) == (size, bold, italic), paragraph.text


def _following(document, paragraph):
    return Paragraph(paragraph._p.getnext(), paragraph._parent)


def _rule_length_pt(document, rule, width) -> float:
    assert (
        rule._p.pPr.find(qn("w:pBdr")) is not None
        or rule.style.element.pPr.find(qn("w:pBdr")) is not None
    ), "no rule"
    fmt = rule.paragraph_format
    return (width - (fmt.left_indent or 0) - (fmt.right_indent or 0)) / 12700


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_docx_layout_follows_nd30(rendered, stem):
    """Page, margins, font and every component's size, weight, slant and alignment
    (NĐ 30 Phụ lục I, Mục V; docs/rules.md)."""
    assert_nd30_layout(rendered[stem]["docx"])


def assert_nd30_layout(docx) -> None:
    """The layout assertions of `test_docx_layout_follows_nd30`, for any rendered notice."""
    document = Document(str(docx))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297  # R-PAGE-1
    assert section.orientation == WD_ORIENT.PORTRAIT  # R-PAGE-2
    assert 20 <= section.top_margin.mm <= 25 and 20 <= section.bottom_margin.mm <= 25  # R-MARGIN
    assert 30 <= section.left_margin.mm <= 35 and 15 <= section.right_margin.mm <= 20
    for paragraph in _paragraphs(document):  # R-FONT
        for run in paragraph.runs:
            assert effective_font(paragraph, run).name == "Times New Roman", run.text

    quoc_hieu = _find(document, lambda t: t == QUOC_HIEU)[0]
    _assert_format(quoc_hieu, 13, True, False, C)  # R-QH
    tieu_ngu = _find(document, lambda t: t == TIEU_NGU)[0]
    _assert_format(tieu_ngu, 14, True, False, C)  # R-TN
    cell = document.tables[0].cell(0, 1)
    rule = _following(document, tieu_ngu)
    tn_width = metrics.text_width_pt(TIEU_NGU, 14, bold=True)
    assert _rule_length_pt(document, rule, cell_text_width(cell)) == pytest.approx(tn_width, abs=1)

    agency_cell = document.tables[0].cell(0, 0)
    names = [p for p in agency_cell.paragraphs if p.text.strip()]
    issuing = [p for p in names if effective_font(p, p.runs[0]).bold]
    for p in names:
        _assert_format(p, 13, p in issuing, False, C)  # R-CQ-CQ, R-CQ-BH
        assert p.text == p.text.upper()
    line = max(metrics.text_width_pt(p.text, 13, bold=True) for p in issuing)
    rule = _following(document, issuing[-1])
    ratio = _rule_length_pt(document, rule, cell_text_width(agency_cell)) / line
    assert 1 / 3 <= ratio <= 1 / 2  # R-CQ-LINE

    _assert_format(_find(document, lambda t: t.startswith("Số:"))[0], 13, False, False, C)
    _assert_format(_find(document, lambda t: ", ngày " in t)[0], 14, False, True, C)
    title = _find(document, lambda t: t == "THÔNG BÁO")[0]
    _assert_format(title, 14, True, False, C)  # R-TL
    subject = _following(document, title)
    _assert_format(subject, 14, True, False, C)  # R-TY
    rule = _following(document, subject)
    width = section.page_width - section.left_margin - section.right_margin
    line = min(metrics.text_width_pt(subject.text, 14, bold=True), width / 12700)
    assert 1 / 3 <= _rule_length_pt(document, rule, width) / line <= 1 / 2  # R-TY-LINE

    elements = [p._p for p in document.paragraphs]
    body = document.paragraphs[elements.index(rule._p) + 1 :]
    body = [p for p in body if p.text.strip()]
    assert body[-1].text.endswith("./.")  # R-ND-END
    for p in body:  # R-ND-1
        assert paragraph_value(p, "alignment") == J
        assert round(paragraph_value(p, "first_line_indent").mm) == 10
        assert paragraph_value(p, "space_before").pt >= 6
        assert 1.0 <= paragraph_value(p, "line_spacing") <= 1.5
        for run in p.runs:
            assert effective_font(p, run).size_pt == 14

    noi_nhan = _find(document, lambda t: t == "Nơi nhận:")[0]
    _assert_format(noi_nhan, 12, True, True, L)  # R-NN-HEAD
    entries = _find(document, lambda t: t.startswith("- "))
    entries = [e for e in entries if e._p.getparent() is noi_nhan._p.getparent()]
    for entry in entries:
        _assert_format(entry, 11, False, False, L)  # R-NN-LIST
        assert entry.text.endswith(";") or entry.text.startswith("- Lưu: VT, ")
    assert entries[-1].text.startswith("- Lưu: VT, ") and entries[-1].text.endswith(".")

    signer_cell = document.tables[-1].cell(0, 1)
    lines = [p for p in signer_cell.paragraphs if p.text.strip()]
    for p in lines[:-1]:
        _assert_format(p, 14, True, False, C)  # R-KY-FMT
        assert p.text == p.text.upper()
    _assert_format(lines[-1], 14, True, False, C)  # R-KY-TEN
    gap = _following(document, lines[-2])
    assert not gap.text.strip()
    assert 25 <= paragraph_value(gap, "line_spacing").mm <= 35  # R-KY-CK: a 25–35 mm gap


@pytest.mark.parametrize("stem", sorted(PAGES))
def test_page_numbers_in_header_from_page_two(rendered, stem):
    """R-PGNUM: a centred PAGE field in the header, 14 pt upright; none on page 1."""
    section = Document(str(rendered[stem]["docx"])).sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert not section.first_page_header._element.xpath(".//w:fldSimple | .//w:instrText")
    para = section.header.paragraphs[0]
    assert para._p.xpath(".//w:fldSimple[contains(@w:instr, 'PAGE')]")
    assert paragraph_value(para, "alignment") == C
    font = effective_font(para)
    assert 13 <= font.size_pt <= 14 and not font.bold and not font.italic


def test_footnote_is_a_real_word_footnote(rendered):
    """R-ND-FN: seed 004's footnote is a w:footnoteReference with its text in footnotes.xml."""
    body, notes = docx_blocks(rendered["bac-giang-tb-ubnd-2020-du-thao"]["docx"])
    assert notes == ["¹ Báo cáo số 88/BC-STTTT ngày 15/5/2020."]
    assert any("Báo cáo của Sở Thông tin và Truyền thông¹. Trong thời gian tới" in b for b in body)
