"""The checker against a labelled set: real Word documents of an office and notices of ours
edited the way offices edit them (`tests/data/labelled/make.py`), each expected finding
written down as (rule, where) in `tests/data/labelled/expected.json`. Precision and recall
are printed; README shows them."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from generator.check.checker import check_docx, check_pdf
from generator.check.components import read_parts
from generator.convert.backends import find_soffice
from generator.profile.vietnamese import QUOC_HIEU

DATA = Path(__file__).resolve().parents[1] / "data"
EXPECTED = json.loads((DATA / "labelled" / "expected.json").read_text("utf-8"))
REAL = DATA / "real-docx"
TB_1894 = REAL / "TB-1894_9.4.2026_Ket-qua-sau-kiem-tra-chap-hanh.docx"
TB_SCT = REAL / "TB-SCT_KhoVLNCL_ThuydienNamCang1A.docx"
CV_2245 = REAL / "TB-2245_23.4.2026_To-chuc-kiem-tra-ky-chung.docx"
CV_YENHA = REAL / "TB-tham-dinh-TKKT-dieu-chinh-thuy-dien-YenHa.docx"
#: What the checker must reach on the set; the figures it reaches are printed.
PRECISION, RECALL = 0.95, 0.95


def _path(name: str) -> Path:
    return next(p for p in (REAL / name, DATA / "labelled" / name) if p.is_file())


@pytest.fixture(scope="module")
def findings() -> dict[str, list]:
    return {name: check_docx(_path(name)) for name in EXPECTED["files"]}


def test_precision_and_recall(findings, capsys):
    """Every finding the checker gives on the set is labelled true, and every labelled
    finding is given: precision and recall, per file and overall."""
    found = expected = matched = 0
    rows = []
    for name, labels in EXPECTED["files"].items():
        wanted = Counter((rule, where) for rule, where, _ in labels)
        got = Counter((f.rule, f.location) for f in findings[name])
        hit = sum((wanted & got).values())
        found, expected, matched = found + got.total(), expected + wanted.total(), matched + hit
        rows.append(f"{name}: {hit}/{got.total()} findings true, {hit}/{wanted.total()} "
                    f"expected found; false: {sorted(got - wanted)}; missed: "
                    f"{sorted(wanted - got)}")  # fmt: skip
    precision, recall = matched / found, matched / expected
    with capsys.disabled():
        print("\n" + "\n".join(rows))
        print(f"labelled set: {len(EXPECTED['files'])} documents, {expected} expected findings, "
              f"{found} given; precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= PRECISION and recall >= RECALL, rows


def test_no_finding_on_the_wrong_part(findings):
    """No R-TY on "Kính gửi", no R-NN-1 where a Kính gửi exists, no signer rule on what
    follows the signature, the typo reported as a typo with the header still read."""
    for name, found in findings.items():
        assert not [f for f in found if f.rule.startswith("R-TY") and "Kính gửi" in f.text], name
    sct = read_parts(TB_SCT)
    assert sct.kinh_gui and sct.kinh_gui[0].text.startswith("Kính gửi:")
    assert [f for f in findings[TB_SCT.name] if f.rule == "R-NN-1"] == []
    appendix = {f"đoạn {p.number}" for p in sct.appendix}
    assert {"Phụ lục 01", "Ghi chú", "- BTCT: Bê tông cốt thép"} <= {p.text for p in sct.appendix}
    assert not [f for f in findings[TB_SCT.name] if f.rule in ("R-KY-FMT", "R-KY-TEN")
                and f.location in appendix]  # fmt: skip
    assert sct.name is not None and sct.name.text == "Hoàng Văn Thuân"
    typo = read_parts(TB_1894)
    assert typo.quoc_hieu is not None and typo.quoc_hieu.text.startswith("CỘNG HÕA")
    assert typo.tieu_ngu is not None and typo.date is not None and typo.number is not None
    assert [p.text for p in typo.parent + typo.agency] == ["UBND TỈNH LÀO CAI", "SỞ CÔNG THƯƠNG"]
    (qh,) = [f for f in findings[TB_1894.name] if f.rule == "R-QH"]
    assert "CỘNG HÕA" in qh.message and '"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"' in qh.message
    assert not [f for f in findings[TB_1894.name] if f.rule in ("R-CQ-BH", "R-DATE-FMT", "R-TN")]


def test_letters_are_recognised_as_cong_van(findings):
    """The two "V/v …" files are Công văn: a note says so and no Thông báo rule is applied."""
    for path in (CV_2245, CV_YENHA):
        assert read_parts(path).kind.name == "Công văn"
        rules = {f.rule for f in findings[path.name]}
        assert "R-LOAI" in rules and not rules & {"R-TL", "R-TY", "R-KH-1", "R-NN-1"}
    assert read_parts(TB_SCT).kind.name == "Thông báo"


def test_letter_pdfs_are_recognised_as_cong_van(tmp_path):
    """Through LibreOffice, the Công văn's PDF gets the note too, not "no THÔNG BÁO"."""
    profile = (tmp_path / "profile").resolve().as_uri()
    job = subprocess.run(
        [find_soffice() or "soffice", f"-env:UserInstallation={profile}", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(CV_2245)],
        capture_output=True, timeout=300,
    )  # fmt: skip
    assert job.returncode == 0, job.stderr
    rules = [f.rule for f in check_pdf(tmp_path / f"{CV_2245.stem}.pdf")]
    assert "R-LOAI" in rules and "R-TL" not in rules and "R-TY" not in rules, rules


def test_true_findings_stay(findings):
    """What the checker got right on these files is still reported: the theme font
    (Calibri) of a page number, a 15 mm bottom margin, a Nơi nhận list in 12 pt."""
    cv = findings[CV_2245.name]
    assert any(f.rule == "R-FONT" and "Calibri" in f.message for f in cv)
    assert any(f.rule == "R-MARGIN" and f.message.startswith("Lề dưới 15 mm") for f in cv)
    listed = [f for f in findings[TB_1894.name] if f.rule == "R-NN-LIST"]
    assert len(listed) == 5 and all("cỡ chữ 12, phải cỡ chữ 11" in f.message for f in listed)


def test_every_message_names_its_part(findings):
    """A finding about a part of the document quotes that part's text in its message."""
    for found in findings.values():
        for f in found:
            if f.text:
                assert f"«{f.text[:20]}" in f.message, f.message


@pytest.mark.parametrize("name", ["edited-header-one-line-per-row.docx",
                                  "edited-header-typed-with-tabs.docx",
                                  "edited-header-nested-table.docx"])
def test_header_layouts_are_read_by_column(name):
    """A header laid out one line per table row, typed with a tab between its columns, or
    with a table nested in a column, is read as the template's is: each part found, the
    bodies apart from the Quốc hiệu."""
    parts = read_parts(DATA / "labelled" / name)
    assert parts.quoc_hieu is not None and parts.quoc_hieu.text == QUOC_HIEU
    assert parts.tieu_ngu is not None and parts.tieu_ngu.text == "Độc lập - Tự do - Hạnh phúc"
    assert [x.text for x in parts.parent] == ["UBND TỈNH QUẢNG NGÃI"]
    assert [x.text for x in parts.agency] == ["VĂN PHÒNG"]
    assert parts.number is not None and parts.number.text == "Số: 1730/TB-VP"
    assert parts.date is not None and parts.date.text.startswith("Quảng Ngãi, ngày 21")
    assert parts.kind.name == "Thông báo" and parts.subject


@pytest.mark.parametrize("name", ["edited-appendix-after-signature.docx",
                                  "libreoffice-appendix-after-signature.docx"])
def test_appendix_is_its_own_part(name):
    """A phụ lục after the signature, as Word or LibreOffice saves it, is the appendix part;
    the signer's name is still the name."""
    parts = read_parts(DATA / "labelled" / name)
    assert parts.name is not None and parts.name.text == "Nguyễn Xuân Lộc"
    texts = [p.text for p in parts.appendix]
    assert texts[0].startswith("Phụ lục") and "- UBND: Ủy ban nhân dân" in texts


def test_parts_in_reading_order():
    """`read_parts(...).parts()` lists each part once with its paragraphs, top to bottom."""
    parts = read_parts(TB_SCT).parts()
    names = [p.name for p in parts]
    assert names[:3] == ["parent", "agency", "quoc_hieu"] or "quoc_hieu" in names[:3]
    for name in ("kinh_gui", "can_cu", "body", "closing", "nn_head", "authority", "name",
                 "appendix"):  # fmt: skip
        assert name in names, name
    firsts = [p.paras[0].number for p in parts]
    assert firsts == sorted(firsts)
    assert names.index("kinh_gui") < names.index("can_cu") < names.index("appendix")
