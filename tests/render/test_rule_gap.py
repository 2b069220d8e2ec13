"""The rules under the issuing body (R-CQ-LINE), the Tiêu ngữ (R-TN-LINE) and the trích yếu
(R-TY-LINE) stand clearly below their text, as in the decree's model forms, not touching the
descenders like an underline: measured on page 1 of every rendered PDF at 600 dpi, and in the
DOCX as the space before each rule paragraph.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length

from ..support.docxfmt import paragraph_value
from ..support.readback import NOTICES

STEMS = sorted(p.stem for p in NOTICES.glob("*.yaml"))
DPI = 600
PX_PER_MM = DPI / 25.4
#: Project choice (NĐ 30 gives no figure): at least 1 mm of clear paper between the lowest
#: glyph pixel above a rule and the rule; the templates leave 4 pt (≈ 1.4 mm).
MIN_GAP_MM = 1.0
#: …and at most this much, or the rule no longer belongs to the text above it.
MAX_GAP_MM = 4.0
MIN_RULE_MM = 6  # a dark run this long on one pixel row is a rule: no glyph is that wide
TOP_MM = 110  # the three rules are in the top of page 1
DARK = 128  # grey level below which a pixel is ink


@dataclass(frozen=True)
class Rule:
    """A horizontal rule found on the page image: pixel rows and columns."""

    top: int
    bottom: int
    left: int
    right: int


def _page_image(pdf: Path, tmp_path: Path) -> tuple[int, int, list[bytes]]:
    """Page 1's top TOP_MM at DPI in grey: width, height and one bytes object per row,
    each pixel 1 for ink and 0 for paper."""
    height = round(TOP_MM * PX_PER_MM)
    width = round(210 * PX_PER_MM)
    target = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", "1", "-l", "1", "-x", "0", "-y", "0",
         "-W", str(width), "-H", str(height), "-singlefile", str(pdf), str(target)],
        check=True, timeout=120,
    )  # fmt: skip
    data = target.with_suffix(".pgm").read_bytes()
    magic, w, h, maxval, pixels = data.split(maxsplit=4)
    assert (magic, int(maxval)) == (b"P5", 255)
    w, h = int(w), int(h)
    ink = bytes(1 if level < DARK else 0 for level in range(256))
    rows = [pixels[y * w : (y + 1) * w].translate(ink) for y in range(h)]
    return w, h, rows


def _rules(rows: list[bytes]) -> list[Rule]:
    """Every horizontal rule: consecutive rows holding one dark run of MIN_RULE_MM or more."""
    run = b"\x01" * round(MIN_RULE_MM * PX_PER_MM)
    found: list[Rule] = []
    for y, row in enumerate(rows):
        start = row.find(run)
        if start < 0:
            continue
        end = row.find(b"\x00", start)
        end = len(row) if end < 0 else end
        last = found[-1] if found else None
        if last and last.bottom == y - 1 and abs(last.left - start) < 3:
            found[-1] = Rule(last.top, y, min(last.left, start), max(last.right, end))
        else:
            found.append(Rule(y, y, start, end))
    return found


def _gap_rows(rows: list[bytes], rule: Rule) -> int:
    """Rows of clear paper between the rule and the lowest ink above it, over the rule's span."""
    for y in range(rule.top - 1, -1, -1):
        if 1 in rows[y][rule.left : rule.right]:
            return rule.top - 1 - y
    return rule.top


@pytest.mark.parametrize("stem", STEMS)
def test_rules_stand_clear_of_their_text_in_the_pdf(rendered, tmp_path, stem):
    """R-CQ-LINE, R-TN-LINE, R-TY-LINE: above each of the three rules of page 1, a band of
    paper 1–4 mm high separates the rule from the lowest glyph pixel of its text."""
    width, _, rows = _page_image(rendered[stem]["pdf"], tmp_path)
    rules = _rules(rows)
    assert len(rules) >= 3, rules
    agency, tieu_ngu, subject = sorted(rules[:2], key=lambda r: r.left) + [rules[2]]
    assert agency.right < width / 2 < tieu_ngu.left  # the header: left cell, right cell
    assert subject.top > max(agency.bottom, tieu_ngu.bottom)
    for name, rule in (("R-CQ-LINE", agency), ("R-TN-LINE", tieu_ngu), ("R-TY-LINE", subject)):
        assert rule.bottom - rule.top < 0.5 * PX_PER_MM, name  # a thin rule, not a block
        gap_mm = _gap_rows(rows, rule) / PX_PER_MM
        assert MIN_GAP_MM <= gap_mm <= MAX_GAP_MM, (name, round(gap_mm, 2))


def _containers(document):
    """The body and every table cell: the lists of paragraphs a rule may sit in."""
    yield document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield cell.paragraphs


def _is_rule(paragraph) -> bool:
    """Drawn as a rule: a top border on the paragraph or on a style it is based on."""
    layers = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        layers.append(style.element.pPr)
        style = style.base_style
    borders = [ppr.find(qn("w:pBdr")) for ppr in layers if ppr is not None]
    return any(b is not None and b.find(qn("w:top")) is not None for b in borders)


@pytest.mark.parametrize("stem", STEMS)
def test_rules_have_space_before_them_in_the_docx(rendered, stem):
    """R-CQ-LINE, R-TN-LINE, R-TY-LINE: each rule paragraph follows its text with at least
    1 mm of space (its space before plus the text's space after), which Word and LibreOffice
    put above the border."""
    document = Document(str(rendered[stem]["docx"]))
    found = 0
    for paragraphs in _containers(document):
        for above, rule in zip(paragraphs, paragraphs[1:], strict=False):
            if not _is_rule(rule):
                continue
            found += 1
            assert above.text.strip(), "a rule right below its text"
            gap = Length(
                (paragraph_value(rule, "space_before") or 0)
                + (paragraph_value(above, "space_after") or 0)
            )
            assert gap.mm >= MIN_GAP_MM, above.text
    assert found == 3
