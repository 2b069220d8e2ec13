"""The administrative map as data: 63 provincial units before 1 July 2025, 34 after, which
merged into which, the end of the district level; one test per warning rule."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest

from generator.profile.admin_map import load_map, map_warnings

AFTER = dt.date(2026, 3, 12)
BEFORE = dt.date(2020, 12, 21)


def test_the_data_has_63_units_before_and_34_after():
    """Every absorbed unit existed before and is gone after; every successor exists after."""
    admin = load_map()
    assert (len(admin.before), len(admin.after)) == (63, 34)
    assert sum(kind == "thành phố" for kind in admin.after.values()) == 6
    absorbed = [name for m in admin.mergers for name in m.absorbed]
    assert len(absorbed) == len(set(absorbed)) == 30
    assert all(name in admin.before and name not in admin.after for name in absorbed)
    assert all(m.into in admin.after for m in admin.mergers)
    assert set(admin.before) - set(absorbed) == set(admin.after) - {"Huế"}


def test_the_data_cites_its_sources():
    """The resolutions are named in the data file, and every change points at one of them."""
    text = resources.files("generator").joinpath("data/vietnam-admin-map.json").read_text("utf-8")
    data = json.loads(text)
    cited = {s["id"] for s in data["sources"]}
    assert {"NQ 202/2025/QH15", "Luật 72/2025/QH15"} <= cited
    assert {c["source"] for c in data["changes"]} | {data["district_level"]["source"]} <= cited
    assert {c["source"] for c in data["departments"]} <= cited


def test_a_merged_issuer_names_its_successor():
    """The header names an abolished province: the warning says where it went."""
    assert map_warnings(AFTER, ["UBND TỈNH BẮC GIANG", "SỞ TÀI CHÍNH"], "Bắc Ninh", []) == [
        (("agency",), "tỉnh Bắc Giang no longer exists since 01/7/2025 (NQ 202/2025/QH15): "
                      "it is part of tỉnh Bắc Ninh"),
    ]  # fmt: skip


def test_a_merged_dia_danh_names_its_successor():
    """Kon Tum as địa danh in 2026: part of Quảng Ngãi."""
    assert map_warnings(AFTER, ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], "Kon Tum", []) == [
        (("place",), "tỉnh Kon Tum no longer exists since 01/7/2025 (NQ 202/2025/QH15): "
                     "it is part of tỉnh Quảng Ngãi"),
    ]  # fmt: skip


def test_a_merged_recipient_names_its_successor():
    """A recipient of another province that was merged, into a city here."""
    found = map_warnings(AFTER, ["BỘ TÀI CHÍNH"], "Hà Nội", ["Sở Tài chính tỉnh Bình Dương"])
    assert found == [
        (("recipients", 0), "tỉnh Bình Dương no longer exists since 01/7/2025 (NQ 202/2025/QH15): "
                            "it is part of thành phố Hồ Chí Minh"),
    ]  # fmt: skip


def test_a_district_level_issuer_is_warned():
    """A UBND huyện issuing in 2026: there is no such body any more."""
    found = map_warnings(AFTER, ["ỦY BAN NHÂN DÂN", "HUYỆN TƯ NGHĨA"], "Tư Nghĩa", [])
    assert found == [
        (("agency",), "«huyện»: a district-level body, and there is no district level since "
                      "01/7/2025 (Luật 72/2025/QH15)"),
    ]  # fmt: skip


def test_district_level_recipients_are_warned():
    """"UBND các huyện, thị xã, thành phố" is obsolete: the warning gives what to write."""
    found = map_warnings(AFTER, ["BỘ TÀI CHÍNH"], "Hà Nội", ["UBND các huyện, thị xã, thành phố"])
    assert found == [
        (("recipients", 0), "«huyện, thị xã»: there is no district level since 01/7/2025 "
                            "(Luật 72/2025/QH15); write e.g. «UBND các xã, phường, đặc khu»"),
    ]  # fmt: skip


@pytest.mark.parametrize("on", [BEFORE, dt.date(2025, 6, 30), None], ids=["2020", "eve", "none"])
def test_silent_before_the_reform(on):
    """The same names in a notice dated before 1 July 2025 (or undated) are right."""
    assert map_warnings(
        on, ["UBND TỈNH BẮC GIANG", "VĂN PHÒNG"], "Bắc Giang",
        ["UBND các huyện, thị xã, thành phố", "Sở Tài chính tỉnh Kon Tum"],
    ) == []  # fmt: skip


def test_a_person_named_like_a_province_is_not_warned():
    """Only `tỉnh X` is a province: the Phó Thủ tướng Nguyễn Hòa Bình is not Hòa Bình."""
    recipients = ["TTgCP, các PTTg: Nguyễn Hòa Bình, Bùi Thanh Sơn (để b/c)", "Báo Quảng Nam"]
    assert map_warnings(AFTER, ["VĂN PHÒNG CHÍNH PHỦ"], "Hà Nội", recipients) == []


def test_a_merged_department_as_issuer_or_recipient_names_its_successor():
    """Sở Thông tin và Truyền thông (any case, or Sở TT&TT) since 1 March 2025: part of the Sở
    Khoa học và Công nghệ; Sở Kế hoạch và Đầu tư: part of the Sở Tài chính."""
    on = dt.date(2025, 4, 1)
    header = ["UBND TỈNH BẮC NINH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]
    found = map_warnings(on, header, "Bắc Ninh", ["Sở KH&ĐT", "Sở Tài chính"])
    assert found == [
        (("agency",), "Sở Thông tin và Truyền thông no longer exists since 01/3/2025 "
                      "(NĐ 45/2025/NĐ-CP): it is part of Sở Khoa học và Công nghệ"),
        (("recipients", 0), "Sở KH&ĐT no longer exists since 01/3/2025 (NĐ 45/2025/NĐ-CP): "
                            "it is part of Sở Tài chính"),
    ]  # fmt: skip
    assert map_warnings(dt.date(2025, 2, 28), header, "Bắc Ninh", ["Sở KH&ĐT"]) == []
