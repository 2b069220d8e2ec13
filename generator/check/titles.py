"""The tên loại of Phụ lục III, NĐ 30/2020/NĐ-CP, and their abbreviations in a ký hiệu: how
the component finder tells a Thông báo from a Công văn (which has none) and another type."""

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
