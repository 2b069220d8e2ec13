"""The issuer levels: any body with or without a parent, its ký hiệu computed from its
abbreviation (never typed), its parent rule, and its địa danh rule."""

from __future__ import annotations

import pytest

from generator.errors import SourceError
from generator.profile import doctypes, issuers
from generator.source import issuer
from generator.source.loader import load_source
from generator.source.models import parse_notice

from ..support.readback import NOTICES

SO = NOTICES / "dong-nai-so-tai-chinh-tb-2026.yaml"


def _notice(tmp_path, *changes: tuple[str, str], base=SO):
    text = base.read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    return parse_notice(load_source(path))


def _problems(tmp_path, *changes: tuple[str, str], base=SO) -> list[str]:
    with pytest.raises(SourceError) as caught:
        _notice(tmp_path, *changes, base=base)
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("changes", "symbol"),
    [
        pytest.param([], "TB-STC", id="so"),
        pytest.param([("  abbreviation: STC\n", "  abbreviation: STC\n  unit: VP\n")],
                     "TB-STC-VP", id="unit-suffix"),
        pytest.param([("  level: so\n", "  level: van-phong-chinh-phu\n"),
                      ("  parent: UBND TỈNH ĐỒNG NAI\n", ""),
                      ("  name: SỞ TÀI CHÍNH\n  abbreviation: STC\n",
                       "  name: VĂN PHÒNG CHÍNH PHỦ\n")], "TB-VPCP", id="vpcp-default"),
        pytest.param([("  level: so\n", "  level: ubnd-xa\n"),
                      ("  parent: UBND TỈNH ĐỒNG NAI\n", ""),
                      ("  name: SỞ TÀI CHÍNH\n  abbreviation: STC\n",
                       "  name: [ỦY BAN NHÂN DÂN, XÃ TÂN TRIỀU]\n")], "TB-UBND", id="xa-default"),
    ],
)  # fmt: skip
def test_the_ky_hieu_is_computed_from_the_abbreviation(tmp_path, changes, symbol):
    """TB-<ABBR>, with the office's unit after it where it uses one (R-KH-1)."""
    assert doctypes.symbol_of(_notice(tmp_path, *changes)) == symbol


def test_the_ten_loai_typed_into_the_abbreviation_is_an_error(tmp_path):
    """`abbreviation: TB-VPCP` would print TB-TB-VPCP: refused, with what to write."""
    assert _problems(tmp_path, ("  abbreviation: STC", "  abbreviation: TB-STC")) == [
        "agency.abbreviation: 'TB-STC' starts with the tên loại TB, which the ký hiệu adds "
        "itself: write only the body's abbreviation, e.g. STC (R-KH-1)"
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param([("  level: so\n", "")],
                     ["agency: a TB needs agency.level: one of ubnd-tinh, van-phong-ubnd-tinh, "
                      "so, ubnd-xa, bo, van-phong-chinh-phu, khac"], id="tb-without-level"),
        pytest.param([("  parent: UBND TỈNH ĐỒNG NAI\n", "")],
                     ["agency: a so needs agency.parent, e.g. UBND TỈNH ĐỒNG NAI"],
                     id="so-without-parent"),
        pytest.param([("  level: so\n", "  level: bo\n")],
                     ["agency.parent: a bo has no parent body line; remove it"],
                     id="bo-with-parent"),
        pytest.param([("  abbreviation: STC\n", "")],
                     ["agency: a so needs agency.abbreviation, e.g. STC"], id="no-abbreviation"),
        pytest.param([("  level: so\n", "  level: huyen\n")],
                     ["agency.level: must be one of 'ubnd-tinh', 'van-phong-ubnd-tinh', 'so', "
                      "'ubnd-xa', 'bo', 'van-phong-chinh-phu' or 'khac'"], id="unknown-level"),
        pytest.param([("  organ_id: 000.05.00.H19", "  organ_id: H19")],
                     ["agency.organ_id: 'H19' is not a mã định danh like 000.00.00.G01"],
                     id="bad-organ-id"),
    ],
)  # fmt: skip
def test_the_level_rules(tmp_path, changes, expected):
    """Each rule of a level is one problem at its field."""
    assert _problems(tmp_path, *changes) == expected


def test_a_vpcp_needs_no_workaround(tmp_path):
    """623/TB-VPCP: a central body without a parent, no `kind: TB-UBND` pretence."""
    notice = _notice(
        tmp_path,
        ("  level: so\n", "  level: van-phong-chinh-phu\n"),
        ("  parent: UBND TỈNH ĐỒNG NAI\n", ""),
        ("  name: SỞ TÀI CHÍNH\n  abbreviation: STC\n", "  name: VĂN PHÒNG CHÍNH PHỦ\n"),
        ("place: Đồng Nai", "place: Hà Nội"),
        ("number: 42", "number: 623"),
    )
    assert notice.agency.parent is None and issuer.level_of(notice).key == "van-phong-chinh-phu"
    assert doctypes.symbol_of(notice) == "TB-VPCP"
    assert doctypes.template_for(notice, SO).name == "thong-bao.docx"


@pytest.mark.parametrize(
    ("kind", "lines", "level"),
    [
        ("TB-VP", ["UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG"], "van-phong-ubnd-tinh"),
        ("TB-UBND", ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "ubnd-tinh"),
        ("TB-UBND", ["ỦY BAN NHÂN DÂN", "PHƯỜNG HẢI CHÂU"], "ubnd-xa"),
        ("TB", ["BỘ TÀI CHÍNH"], None),
    ],
)
def test_the_shorthands_imply_a_level(kind, lines, level):
    """TB-VP is a Văn phòng UBND tỉnh; TB-UBND a UBND tỉnh, or a xã when its header says so."""
    implied = issuers.implied_level(kind, lines)
    assert (implied.key if implied else None) == level


@pytest.mark.parametrize(
    ("key", "lines", "expected"),
    [
        ("so", ["UBND TỈNH ĐỒNG NAI", "SỞ TÀI CHÍNH"], "ĐỒNG NAI"),
        ("ubnd-tinh", ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], "HÀ NỘI"),
        ("ubnd-xa", ["ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"], "PHÚ QUỐC"),
        ("bo", ["BỘ TÀI CHÍNH"], None),
    ],
)
def test_the_dia_danh_rule_per_level(key, lines, expected):
    """The province of a provincial body, the commune's own name, none for a central body."""
    assert issuers.expected_place(issuers.level_of(key), lines) == expected
