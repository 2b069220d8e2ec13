"""The tên loại of Phụ lục III, NĐ 30/2020/NĐ-CP, and their abbreviations in a ký hiệu: how
the component finder tells a Thông báo from a Công văn (which has none) and another type."""

from __future__ import annotations

from dataclasses import dataclass

from ..profile import doctypes

#: The tên loại of Phụ lục III besides the registered ones (a công văn has none).
TITLES = frozenset({
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "CHỈ THỊ", "QUY CHẾ", "QUY ĐỊNH", "THÔNG CÁO", "THÔNG BÁO",
    "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "KẾ HOẠCH", "PHƯƠNG ÁN", "ĐỀ ÁN", "DỰ ÁN", "BÁO CÁO",
    "BIÊN BẢN", "TỜ TRÌNH", "HỢP ĐỒNG", "CÔNG ĐIỆN", "BẢN GHI NHỚ", "BẢN THỎA THUẬN",
    "GIẤY ỦY QUYỀN", "GIẤY MỜI", "GIẤY GIỚI THIỆU", "GIẤY NGHỈ PHÉP", "PHIẾU GỬI",
    "PHIẾU CHUYỂN", "PHIẾU BÁO", "THƯ CÔNG",
})  # fmt: skip
#: Abbreviations of those types that open a ký hiệu (Phụ lục III).
TITLE_ABBREVIATIONS = frozenset({
    "NQ", "QĐ", "CT", "QC", "QYĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC",
    "BB", "TTr", "HĐ", "CĐ", "GNT", "TTh", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "TCg",
})  # fmt: skip


@dataclass(frozen=True)
class DocumentKind:
    """What the document is: `notice` (Thông báo, checked by every rule), `letter` (Công
    văn: no tên loại, "V/v …") or `other` (another tên loại), and the evidence."""

    kind: str  # "notice", "letter", "other"
    name: str  # "Thông báo", "Công văn", "Báo cáo"
    evidence: str  # for the note given to a document that is not a Thông báo


def document_kind(title: str | None, letter: str | None, symbol: str) -> DocumentKind:
    """The type of a document from its tên loại (upper case, None without one), its "V/v …"
    trích yếu (None without one) and its ký hiệu (`SCT-CN`)."""
    first = symbol.split("-")[0].strip()
    if title is not None:
        registered = {d.title: d for d in doctypes.doc_types()}
        if title in registered:
            return DocumentKind("notice", registered[title].name, "")
        return DocumentKind("other", title.capitalize(), f'tên loại "{title}"')
    if letter is not None:
        evidence = f'trích yếu "{letter[:40]}…" và ký hiệu "{symbol}"'
        return DocumentKind("letter", "Công văn", evidence)
    if first and first not in TITLE_ABBREVIATIONS and first.upper() not in doctypes.abbreviations():
        return DocumentKind("letter", "Công văn", f'ký hiệu "{symbol}" không có tên loại')
    return DocumentKind("notice", "Thông báo", "")
