"""Who issues a notice: the levels of issuing body (cơ quan ban hành, ô 2) a source names in
`agency.level`, each with its parent rule, the default abbreviation of its ký hiệu, its địa
danh rule (NĐ 30, Phụ lục I) and the examples its skeleton shows.

A body with a parent line (Văn phòng UBND, Sở) and one without (UBND tỉnh or xã, Bộ, Văn
phòng Chính phủ) share one header layout: the parent line, when there is one, stands above
the body's name (R-CQ-CQ, R-CQ-BH). Adding a level is one `register_level` call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import vietnamese as vi

#: How the parent line (cơ quan chủ quản) of a level is ruled.
PARENT_REQUIRED, PARENT_OPTIONAL, PARENT_NONE = "required", "optional", "none"
#: The địa danh rules of NĐ 30, Phụ lục I: the province of a provincial body, the commune's
#: own name for a xã/phường/đặc khu, the city of the seat for a central body; none for others.
PLACE_PROVINCE, PLACE_COMMUNE, PLACE_SEAT, PLACE_FREE = "province", "commune", "seat", "free"


@dataclass(frozen=True)
class IssuerExample:
    """Real-looking values (after 1 July 2025) a skeleton of the level shows in its comments."""

    parent: str  # "" when the level has no parent line
    name: tuple[str, ...]  # the lines of ô 2
    abbreviation: str
    place: str
    organ_id: str  # mã định danh, as the document-exchange systems key on it
    signer_authority: tuple[str, ...]  # the TM./KT./TL. lines, top to bottom
    signer_position: str
    recipients: tuple[str, ...]
    archive_units: str


@dataclass(frozen=True)
class IssuerLevel:
    """A level of issuing body a source may name in `agency.level`."""

    key: str  # "so"
    label: str  # for people: `notice new`, the schema
    parent: str  # PARENT_REQUIRED | PARENT_OPTIONAL | PARENT_NONE
    place: str  # PLACE_PROVINCE | PLACE_COMMUNE | PLACE_SEAT | PLACE_FREE
    abbreviation: str | None  # the ký hiệu's body part when the source gives none
    example: IssuerExample

    @property
    def place_rule(self) -> str:
        """The địa danh rule in Vietnamese, for comments and messages."""
        return PLACE_RULES[self.place]


PLACE_RULES = {
    PLACE_PROVINCE: "tên tỉnh, thành phố trực thuộc trung ương nơi cơ quan đóng trụ sở, "
    "không có chữ «tỉnh»",
    PLACE_COMMUNE: "tên chính thức của xã, phường, đặc khu, không có chữ «xã», «phường»",
    PLACE_SEAT: "tên thành phố nơi cơ quan trung ương đóng trụ sở",
    PLACE_FREE: "tên đơn vị hành chính nơi cơ quan đóng trụ sở",
}

#: Every level, in the order shown to people.
LEVELS: dict[str, IssuerLevel] = {}


def register_level(level: IssuerLevel) -> IssuerLevel:
    """Add (or replace) a level in the registry and return it."""
    LEVELS[level.key] = level
    return level


_PROVINCE_RECIPIENTS = (
    "Thường trực Tỉnh ủy (để b/c)",
    "Thường trực HĐND tỉnh (để b/c)",
    "CT, các PCT UBND tỉnh",
    "Các sở, ban, ngành tỉnh",
    "UBND các xã, phường, đặc khu",
)

register_level(IssuerLevel(
    "ubnd-tinh", "UBND tỉnh, thành phố trực thuộc trung ương", PARENT_NONE, PLACE_PROVINCE,
    "UBND",
    IssuerExample("", ("ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI"), "UBND", "Đồng Nai", "000.00.00.H19",
                  ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), "PHÓ CHỦ TỊCH", _PROVINCE_RECIPIENTS,
                  "KGVX"),
))  # fmt: skip
register_level(IssuerLevel(
    "van-phong-ubnd-tinh", "Văn phòng UBND tỉnh, thành phố", PARENT_REQUIRED, PLACE_PROVINCE,
    "VP",
    IssuerExample("UBND TỈNH ĐỒNG NAI", ("VĂN PHÒNG",), "VP", "Đồng Nai", "000.01.00.H19",
                  ("KT. CHÁNH VĂN PHÒNG",), "PHÓ CHÁNH VĂN PHÒNG", _PROVINCE_RECIPIENTS,
                  "KGVX"),
))  # fmt: skip
register_level(IssuerLevel(
    "so", "Sở, ban, ngành thuộc UBND tỉnh, thành phố", PARENT_REQUIRED, PLACE_PROVINCE, None,
    IssuerExample("UBND TỈNH ĐỒNG NAI", ("SỞ TÀI CHÍNH",), "STC", "Đồng Nai", "000.05.00.H19",
                  ("KT. GIÁM ĐỐC",), "PHÓ GIÁM ĐỐC",
                  ("UBND tỉnh (để b/c)", "Các sở, ban, ngành tỉnh",
                   "UBND các xã, phường, đặc khu"), "VP, QLNS"),
))  # fmt: skip
register_level(IssuerLevel(
    "ubnd-xa", "UBND xã, phường, đặc khu", PARENT_NONE, PLACE_COMMUNE, "UBND",
    IssuerExample("", ("ỦY BAN NHÂN DÂN", "XÃ TÂN TRIỀU"), "UBND", "Tân Triều", "000.00.27.H19",
                  ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), "PHÓ CHỦ TỊCH",
                  ("Thường trực Đảng ủy xã (để b/c)", "CT, các PCT UBND xã",
                   "Các phòng, đơn vị thuộc UBND xã"), "VP"),
))  # fmt: skip
register_level(IssuerLevel(
    "bo", "Bộ, cơ quan ngang Bộ", PARENT_NONE, PLACE_SEAT, None,
    IssuerExample("", ("BỘ TÀI CHÍNH",), "BTC", "Hà Nội", "000.00.00.G12",
                  ("KT. BỘ TRƯỞNG",), "THỨ TRƯỞNG",
                  ("Các đơn vị thuộc Bộ", "UBND các tỉnh, thành phố trực thuộc trung ương"),
                  "VP"),
))  # fmt: skip
register_level(IssuerLevel(
    "van-phong-chinh-phu", "Văn phòng Chính phủ", PARENT_NONE, PLACE_SEAT, "VPCP",
    IssuerExample("", ("VĂN PHÒNG CHÍNH PHỦ",), "VPCP", "Hà Nội", "000.00.00.G01",
                  ("KT. BỘ TRƯỞNG, CHỦ NHIỆM",), "PHÓ CHỦ NHIỆM",
                  ("Thủ tướng, các Phó Thủ tướng Chính phủ (để b/c)",
                   "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
                   "UBND các tỉnh, thành phố trực thuộc trung ương"), "KGVX"),
))  # fmt: skip
register_level(IssuerLevel(
    "khac", "Cơ quan, tổ chức khác (có hoặc không có cơ quan chủ quản)", PARENT_OPTIONAL,
    PLACE_FREE, None,
    IssuerExample("BỘ TÀI CHÍNH", ("CỤC THUẾ",), "CT", "Hà Nội", "000.00.00.G12",
                  ("KT. CỤC TRƯỞNG",), "PHÓ CỤC TRƯỞNG", ("Các đơn vị thuộc Cục",), "VP"),
))  # fmt: skip


def level_of(key: str) -> IssuerLevel:
    """The registered level called `key`; KeyError when there is none."""
    return LEVELS[key]


#: The header line of a commune-level UBND (R-CQ-BH): `XÃ TÂN TRIỀU`, `PHƯỜNG …`, `ĐẶC KHU …`.
_COMMUNE_LINE = re.compile(r"(XÃ|PHƯỜNG|ĐẶC KHU)\s+(\S.*)")
#: A line naming a province-level unit: `TỈNH ĐỒNG NAI`, `UBND TỈNH …`, `THÀNH PHỐ HÀ NỘI`.
_PROVINCE_LINE = re.compile(r"(?:^|\s)(?:TỈNH|THÀNH PHỐ|TP\.)\s+(\S.*)")


def commune_in(lines: list[str]) -> str | None:
    """The commune a body's header names (`XÃ TÂN TRIỀU` → `TÂN TRIỀU`), or None."""
    for line in lines:
        match = _COMMUNE_LINE.fullmatch(vi.upper_vi(line))
        if match:
            return match.group(2)
    return None


def province_in(lines: list[str]) -> str | None:
    """The province a body's header names (`UBND TỈNH ĐỒNG NAI` → `ĐỒNG NAI`), or None."""
    for line in lines:
        match = _PROVINCE_LINE.search(vi.upper_vi(line))
        if match:
            return match.group(1)
    return None


def implied_level(kind: str, lines: list[str]) -> IssuerLevel | None:
    """The level of a source that gives none: TB-VP is a Văn phòng UBND tỉnh; TB-UBND is a
    UBND tỉnh or, when its header names a xã/phường/đặc khu, a UBND xã."""
    if kind == "TB-VP":
        return LEVELS["van-phong-ubnd-tinh"]
    if kind == "TB-UBND":
        return LEVELS["ubnd-xa" if commune_in(lines) else "ubnd-tinh"]
    return None


def expected_place(level: IssuerLevel, lines: list[str]) -> str | None:
    """The địa danh the level's rule gives for a header (upper-case), when it can be told
    from the header alone: the province or the commune it names."""
    if level.place == PLACE_PROVINCE:
        return province_in(lines)
    if level.place == PLACE_COMMUNE:
        return commune_in(lines)
    return None


def typed_document_type(abbreviation: str, doc_types: frozenset[str]) -> str | None:
    """The tên loại (`TB`) typed at the start of a body's abbreviation (`TB-VPCP`), or None:
    the ký hiệu puts it there itself (R-KH-1)."""
    head = abbreviation.split("-", 1)[0]
    return head if head in doc_types else None
