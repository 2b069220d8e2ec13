"""The component finder on a rendered notice with one part gone or misspelt: one finding for
the problem, no cascade onto the parts around it; and the finder's API."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt

from generator.check.checker import check_docx
from generator.check.components import find_parts, read_parts
from generator.check.reader import DocxView
from generator.check.titles import document_kind

BASE = "quang-ngai-1730-tb-vp-2020"


def _paragraphs(doc):
    yield from doc.paragraphs
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _edited(rendered, tmp_path, start: str, new: str | None):
    """The rendered notice with the paragraph starting `start` retyped as `new`, or removed."""
    doc = Document(str(rendered[BASE]["docx"]))
    para = next(p for p in _paragraphs(doc) if p.text.startswith(start))
    if new is None and len(para._p.getparent().findall(para._p.tag)) == 1:
        for run in para.runs:  # a cell keeps one paragraph (OOXML), as Word leaves it
            run._r.getparent().remove(run._r)
    elif new is None:
        para._p.getparent().remove(para._p)
    else:
        para.runs[0].text = new
        for run in para.runs[1:]:
            run.text = ""
    path = tmp_path / "edited.docx"
    doc.save(str(path))
    return path


#: (id, paragraph, its new text or None to delete it, the one rule then reported)
ONE_PROBLEM = [
    ("quoc-hieu-deleted", "CỘNG HÒA", None, "R-QH"),
    ("quoc-hieu-misspelt", "CỘNG HÒA", "CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "R-QH"),
    ("quoc-hieu-letter-missing", "CỘNG HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NA", "R-QH"),
    ("date-deleted", "Quảng Ngãi, ngày", None, "R-DATE-FMT"),
    ("number-deleted", "Số:", None, "R-KH-FMT"),
    ("doc-type-deleted", "THÔNG BÁO", None, "R-TL"),
    ("noi-nhan-deleted", "Nơi nhận", None, "R-NN-HEAD"),
]  # fmt: skip


@pytest.mark.parametrize("start, new, rule", [pytest.param(*r[1:], id=r[0]) for r in ONE_PROBLEM])
def test_one_problem_is_one_finding(rendered, tmp_path, start, new, rule):
    """A part gone or misspelt is one finding; the rules that depend on it are skipped and
    the parts around it are still read (no Tiêu ngữ or date taken for the issuing body)."""
    findings = check_docx(_edited(rendered, tmp_path, start, new))
    assert [f.rule for f in findings] == [rule], [f.message for f in findings]


def test_quoc_hieu_over_two_lines(rendered, tmp_path):
    """A Quốc hiệu broken over two lines (Shift+Enter) is the Quốc hiệu, rightly spelt; the
    Tiêu ngữ is still the line under it."""
    path = _edited(rendered, tmp_path, "CỘNG HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM")
    assert check_docx(path) == []
    parts = read_parts(path)
    assert [x.text for x in (parts.quoc_hieu, *parts.quoc_hieu_rest)] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "VIỆT NAM"]  # fmt: skip
    assert parts.tieu_ngu is not None and parts.misspelt == {}
    misspelt = _edited(rendered, tmp_path, "CỘNG HÒA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAN")
    assert [f.rule for f in check_docx(misspelt)] == ["R-QH"]


def test_misspelt_quoc_hieu_gives_the_right_text(rendered, tmp_path):
    """The near-miss is found, named by its text and given the text it must have."""
    path = _edited(rendered, tmp_path, "CỘNG HÒA", "CỘNG HOÀ XÃ HỘI CHŨ NGHĨA VIỆT NAM")
    (finding,) = check_docx(path)
    assert finding.message == (
        "Quốc hiệu «CỘNG HOÀ XÃ HỘI CHŨ NGHĨA VIỆT NAM»: viết sai; phải viết đúng "
        '"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (R-QH)'
    )
    parts = read_parts(path)
    assert parts.misspelt == {"quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}
    assert parts.tieu_ngu is not None and parts.date is not None


def test_other_text_is_not_a_quoc_hieu(rendered, tmp_path):
    """A line that only shares words with the Quốc hiệu is not taken for it."""
    path = _edited(rendered, tmp_path, "CỘNG HÒA", "CỘNG ĐỒNG DÂN CƯ VIỆT NAM")
    assert read_parts(path).quoc_hieu is None


def test_find_parts_api(rendered):
    """`find_parts` on the reader's paragraphs, `read_parts` on a path: the same parts, each
    with its label and paragraphs, in reading order, the rendered notice's all found."""
    path = rendered[BASE]["docx"]
    parts = find_parts(DocxView(Document(str(path))).body())
    names = [part.name for part in parts.parts()]
    assert names == [part.name for part in read_parts(path).parts()]
    for name in ("quoc_hieu", "tieu_ngu", "parent", "agency", "number", "date", "doc_type",
                 "subject", "body", "closing", "nn_head", "nn_entry", "authority", "name"):
        assert name in names, name
    assert "appendix" not in names and "kinh_gui" not in names
    by_name = {part.name: part for part in parts.parts()}
    assert by_name["agency"].text == "VĂN PHÒNG"
    assert by_name["agency"].label == "Tên cơ quan ban hành"
    assert by_name["closing"].paras[0].text.endswith("./.")
    assert parts.kind.kind == "notice" and parts.kind.name == "Thông báo"


@pytest.mark.parametrize(
    "title, letter, symbol, kind",
    [
        ("THÔNG BÁO", None, "TB-VP", "notice"),
        ("THÔNG BÁO", None, "SCT-CN", "notice"),  # the tên loại decides; R-KH-1 reports the rest
        ("BÁO CÁO", None, "BC-UBND", "other"),
        (None, "V/v tổ chức kiểm tra", "SCT-CN", "letter"),
        (None, None, "SCT-NL", "letter"),  # no tên loại, no type abbreviation
        (None, None, "TB-SCT", "notice"),  # a Thông báo that lost its tên loại (R-TL)
        (None, None, "", "notice"),
    ],
)
def test_document_kind(title, letter, symbol, kind):
    """The type from the tên loại, a "V/v …" trích yếu and the ký hiệu (pure)."""
    assert document_kind(title, letter, symbol).kind == kind


def test_letter_subject_is_checked_as_a_cong_van_s(tmp_path):
    """A Công văn's "V/v …" (ô 5b) in 14 pt bold breaks R-TY-CV, and is named by its text."""
    source = Path(__file__).resolve().parents[1] / "data" / "labelled" / "edited-cong-van.docx"
    doc = Document(str(source))
    para = next(p for t in doc.tables for c in t._cells for p in c.paragraphs
                if p.text.startswith("V/v"))  # fmt: skip
    for run in para.runs:
        run.font.size, run.font.bold = Pt(14), True
    doc.save(str(tmp_path / "cv.docx"))
    findings = [f for f in check_docx(tmp_path / "cv.docx") if f.rule != "R-LOAI"]
    assert [f.rule for f in findings] == ["R-TY-CV"]
    assert findings[0].message.startswith("Trích yếu công văn «V/v triển khai")
    assert "cỡ chữ 14" in findings[0].message and "không được in đậm" in findings[0].message
