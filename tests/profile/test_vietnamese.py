"""Vietnamese text rules of NĐ 30 (generator/vietnamese.py): plain tables of input → expected."""

from __future__ import annotations

import unicodedata

import pytest

from generator.profile import vietnamese as vi
from generator.profile.vietnamese import BLANK, Recipient


def nfd(text: str) -> str:
    """The decomposed form a keyboard or a PDF copy sometimes produces."""
    return unicodedata.normalize("NFD", text)


# -- R-DATE-1: địa danh và ngày tháng năm ------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "year", "month", "day", "expected"),
    [
        pytest.param("Hà Nội", 2020, 1, 5, "Hà Nội, ngày 05 tháng 01 năm 2020", id="jan-day-5"),
        pytest.param("Quảng Nam", 2023, 2, 6, "Quảng Nam, ngày 06 tháng 02 năm 2023", id="feb"),
        pytest.param("Bắc Giang", 2020, 3, 9, "Bắc Giang, ngày 09 tháng 3 năm 2020", id="march"),
        pytest.param(
            "Thành phố Hồ Chí Minh",
            2019,
            6,
            29,
            "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019",
            id="june",
        ),
        pytest.param("Sóc Trăng", 2022, 9, 27, "Sóc Trăng, ngày 27 tháng 9 năm 2022", id="sept"),
        pytest.param("Nghệ An", 2021, 10, 1, "Nghệ An, ngày 01 tháng 10 năm 2021", id="oct-day-1"),
        pytest.param("Quảng Ngãi", 2020, 12, 21, "Quảng Ngãi, ngày 21 tháng 12 năm 2020", id="dec"),
        pytest.param("Lai Châu", 2024, 4, 10, "Lai Châu, ngày 10 tháng 4 năm 2024", id="day-10"),
        pytest.param(
            "Bắc Giang",
            2020,
            5,
            None,
            f"Bắc Giang, ngày {BLANK} tháng 5 năm 2020",
            id="draft-no-day",
        ),
        pytest.param(
            "Bắc Giang",
            2020,
            None,
            None,
            f"Bắc Giang, ngày {BLANK} tháng {BLANK} năm 2020",
            id="draft-year-only",
        ),
        pytest.param(
            "Bắc Giang",
            None,
            None,
            None,
            f"Bắc Giang, ngày {BLANK} tháng {BLANK} năm {BLANK}",
            id="draft-all-blank",
        ),
    ],
)
def test_format_date_line(place, year, month, day, expected):
    """R-DATE-1: day < 10 and months 1–2 zero-padded, months 3–12 not, 4-digit year."""
    assert vi.format_date_line(place, year, month, day) == expected


@pytest.mark.parametrize("month", range(3, 13), ids=lambda m: f"month-{m}")
def test_format_date_line_never_pads_months_3_to_12(month):
    """R-DATE-1: months 3–12 are written `3`…`12`, never `03`…`09`."""
    assert vi.format_date_line("Hà Nội", 2020, month, 15).endswith(f" tháng {month} năm 2020")


def test_blank_is_visible_width():
    """R-DATE-1, R-SO-0: a draft's blank is non-breaking space the văn thư writes over."""
    assert BLANK.strip() == "" and len(BLANK) >= 3 and " " not in BLANK


@pytest.mark.parametrize(
    ("year", "month", "day", "expected"),
    [
        pytest.param(2020, 12, 18, "18/12/2020", id="seed-000"),
        pytest.param(2020, 5, 18, "18/5/2020", id="seed-004"),
        pytest.param(2019, 5, 4, "04/5/2019", id="day-padded"),
        pytest.param(2020, 1, 5, "05/01/2020", id="january-padded"),
        pytest.param(2020, 2, 29, "29/02/2020", id="february-padded"),
    ],
)
def test_format_short_date(year, month, day, expected):
    """R-DATE-1 (project choice): dates in the body keep the padding of the date line."""
    assert vi.format_short_date(year, month, day) == expected


# -- R-SO-0, R-KH-1, R-KH-FMT: số và ký hiệu -----------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        pytest.param(1, "01", id="1"),
        pytest.param(9, "09", id="9"),
        pytest.param(10, "10", id="10"),
        pytest.param(99, "99", id="99"),
        pytest.param(1730, "1730", id="1730"),
        pytest.param(None, BLANK, id="draft"),
    ],
)
def test_format_number(number, expected):
    """R-SO-0: numbers below 10 get a leading zero; a draft gets a blank."""
    assert vi.format_number(number) == expected


@pytest.mark.parametrize("number", [0, -1], ids=["zero", "negative"])
def test_format_number_rejects_below_one(number):
    """R-SO-1: numbering starts at 01, so 0 is not a document number."""
    with pytest.raises(ValueError, match="starts at 01"):
        vi.format_number(number)


@pytest.mark.parametrize(
    ("type_abbr", "body_abbr", "expected"),
    [
        pytest.param("TB", "vp", "TB-VP", id="lower-vp"),
        pytest.param("TB", "UBND", "TB-UBND", id="ubnd"),
        pytest.param("TB", "VP UBND", "TB-VPUBND", id="spaces-removed"),
        pytest.param("tb", "sở tc", "TB-SỞTC", id="diacritics-upper"),
    ],
)
def test_format_symbol(type_abbr, body_abbr, expected):
    """R-KH-1, R-KH-FMT: ký hiệu is upper-case, joined by `-`, without spaces."""
    assert vi.format_symbol(type_abbr, body_abbr) == expected


@pytest.mark.parametrize(
    ("number", "symbol", "expected"),
    [
        pytest.param(1730, "TB-VP", "Số: 1730/TB-VP", id="issued"),
        pytest.param(7, "TB-UBND", "Số: 07/TB-UBND", id="padded"),
        pytest.param(None, "TB-UBND", f"Số: {BLANK}/TB-UBND", id="draft"),
    ],
)
def test_format_number_line(number, symbol, expected):
    """R-KH-FMT: `Số: 1730/TB-VP`; a draft leaves a blank before the slash."""
    assert vi.format_number_line(number, symbol) == expected


def test_format_number_line_draft_blank_sits_before_slash():
    """R-KH-FMT: the draft blank is between `Số: ` and `/`, with no other characters."""
    head, _, tail = vi.format_number_line(None, "TB-VP").partition("/")
    assert head.startswith("Số: ") and head[4:] and not head[4:].strip()
    assert tail == "TB-VP"


# -- R-FONT: Unicode text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "ủy ban nhân dân tỉnh bắc giang", "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG", id="bac-giang"
        ),
        pytest.param("đ", "Đ", id="d-stroke"),
        pytest.param("văn phòng", "VĂN PHÒNG", id="van-phong"),
        pytest.param("ữ ợ ỳ ỹ ẫ", "Ữ Ợ Ỳ Ỹ Ẫ", id="stacked-marks"),
        pytest.param(nfd("trưởng phòng hành chính"), "TRƯỞNG PHÒNG HÀNH CHÍNH", id="decomposed"),
        pytest.param("UBND tỉnh Quảng Ngãi", "UBND TỈNH QUẢNG NGÃI", id="mixed-case"),
    ],
)
def test_upper_vi(text, expected):
    """R-CQ-CQ, R-KY-FMT: upper-case keeps every diacritic and comes out NFC."""
    result = vi.upper_vi(text)
    assert result == expected
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(nfd("Tiếng Việt"), id="decomposed"),
        pytest.param("Tiếng Việt", id="already-composed"),
        pytest.param("Tie\u0302\u0301ng Vie\u0323\u0302t", id="marks-in-other-order"),
    ],
)
def test_nfc(text):
    """R-FONT (TCVN 6909:2001): every string is composed to NFC."""
    assert vi.nfc(text) == "Tiếng Việt"
    assert len(vi.nfc(text)) == 10


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("  Văn   phòng\n UBND\ttỉnh ", "Văn phòng UBND tỉnh", id="folds-whitespace"),
        pytest.param("Quảng\u00a0Ngãi", "Quảng Ngãi", id="no-break-space"),
        pytest.param("a\r\nb", "a b", id="crlf"),
        pytest.param(nfd("Tiếng Việt"), "Tiếng Việt", id="nfc"),
        pytest.param("   ", "", id="only-space"),
    ],
)
def test_clean_text(text, expected):
    """R-FONT: clean_text is NFC with single spaces between words."""
    assert vi.clean_text(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param("chuông\x07", "U+0007", id="bell"),
        pytest.param("trang\x0cmới", "U+000C", id="form-feed"),
        pytest.param("dọc\x0btab", "U+000B", id="vertical-tab"),
        pytest.param("nul\x00", "U+0000", id="nul"),
        pytest.param("del\x7f", "U+007F", id="delete"),
        pytest.param("c1\x85", "U+0085", id="c1-next-line"),
    ],
)
def test_clean_text_rejects_control_characters(text, code):
    """R-FONT: control characters (they corrupt DOCX XML) raise a ValueError naming them."""
    with pytest.raises(ValueError) as caught:
        vi.clean_text(text)
    assert str(caught.value) == f"contains the control character {code}"


def test_national_motto_strings():
    """R-QH, R-TN: the exact Quốc hiệu and Tiêu ngữ strings."""
    assert (vi.QUOC_HIEU, vi.TIEU_NGU) == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )


# -- R-NN-LIST, R-NN-LUU, R-NN-12: nơi nhận ----------------------------------------------------


@pytest.mark.parametrize(
    ("recipients", "archive", "expected"),
    [
        pytest.param(
            [Recipient("CT, PCT UBND tỉnh", "báo cáo"), Recipient("Ban Tuyên giáo TU")],
            "Lưu: VT, HC-TC.",
            ["- CT, PCT UBND tỉnh (báo cáo);", "- Ban Tuyên giáo TU;", "- Lưu: VT, HC-TC."],
            id="remark-in-parentheses",
        ),
        pytest.param(
            [Recipient("Ban Tuyên giáo TU;"), Recipient("UBND huyện, thành phố ; ")],
            "Lưu: VT, KGVX.Cường.",
            ["- Ban Tuyên giáo TU;", "- UBND huyện, thành phố;", "- Lưu: VT, KGVX.Cường."],
            id="typed-semicolon-not-doubled",
        ),
        pytest.param(
            [Recipient("CT UBND tỉnh;", "báo cáo")],
            "Lưu: VT, TCCB.",
            ["- CT UBND tỉnh (báo cáo);", "- Lưu: VT, TCCB."],
            id="typed-semicolon-before-remark",
        ),
        pytest.param(
            [Recipient("VP UBND tỉnh: LĐVP, TKCT; các phòng, đơn vị")],
            "Lưu: VT, KGVX.",
            ["- VP UBND tỉnh: LĐVP, TKCT; các phòng, đơn vị;", "- Lưu: VT, KGVX."],
            id="inner-semicolon-kept",
        ),
        pytest.param([], "Lưu: VT.", ["- Lưu: VT."], id="archive-only"),
    ],
)
def test_format_recipients(recipients, archive, expected):
    """R-NN-LIST, R-NN-LUU: `- <nơi nhận>;` per entry, the Lưu line last ending with `.`."""
    lines = vi.format_recipients(recipients, archive)
    assert lines == expected
    assert lines[-1].startswith("- Lưu: ") and lines[-1].endswith(".")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        pytest.param({"units": ["HC-TC"]}, "Lưu: VT, HC-TC.", id="unit"),
        pytest.param({"units": ["KGVX"], "drafter": "Cường"}, "Lưu: VT, KGVX.Cường.", id="drafter"),
        pytest.param({"units": ["TCCB"], "copies": 2}, "Lưu: VT, TCCB(2).", id="copies"),
        pytest.param(
            {"units": ["TCCB"], "copies": 2, "drafter": "PL", "issued_copies": 300},
            "Lưu: VT, TCCB(2).PL(300).",
            id="copies-drafter-issued",
        ),
        pytest.param({"units": ["TCCB", "NVĐP"]}, "Lưu: VT, TCCB, NVĐP.", id="two-units"),
        pytest.param({"units": []}, "Lưu: VT.", id="vt-only"),
    ],
)
def test_format_archive_line(kwargs, expected):
    """R-NN-LUU, R-NN-12: `Lưu: VT, <đơn vị>[(bản lưu)][.<người soạn>[(bản phát hành)]].`"""
    assert vi.format_archive_line(**kwargs) == expected


# -- R-ND-END, R-ND-DIEM, R-ND-PMK: nội dung --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("biết, thực hiện", "biết, thực hiện./.", id="no-stop"),
        pytest.param("biết, thực hiện.", "biết, thực hiện./.", id="final-stop"),
        pytest.param("biết, thực hiện./.", "biết, thực hiện./.", id="already-marked"),
        pytest.param("biết, thực hiện.  \n", "biết, thực hiện./.", id="trailing-space"),
    ],
)
def test_with_end_mark(text, expected):
    """R-ND-END: the body ends with `./.` straight after the last sentence, never doubled."""
    assert vi.with_end_mark(text) == expected


def test_vietnamese_letters_order():
    """R-ND-DIEM: a b c d đ e g h i k l m n o p q r s t u v x y (no f, j, w, z)."""
    letters = [vi.vietnamese_letter(i) for i in range(23)]
    assert " ".join(letters) == "a b c d đ e g h i k l m n o p q r s t u v x y"


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        pytest.param(0, "a", id="0"),
        pytest.param(3, "d", id="3"),
        pytest.param(4, "đ", id="4-d-stroke"),
        pytest.param(5, "e", id="5"),
        pytest.param(6, "g", id="6-no-f"),
        pytest.param(9, "k", id="9-no-j"),
        pytest.param(22, "y", id="22-last"),
    ],
)
def test_vietnamese_letter(index, expected):
    """R-ND-DIEM: the index-th điểm letter in Vietnamese alphabet order."""
    assert vi.vietnamese_letter(index) == expected


@pytest.mark.parametrize("index", [23, 26, -1], ids=["23", "26", "negative"])
def test_vietnamese_letter_out_of_range(index):
    """R-ND-DIEM: a khoản has at most 23 điểm, a to y."""
    with pytest.raises(ValueError, match="a to y"):
        vi.vietnamese_letter(index)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        pytest.param(1, "I", id="1"),
        pytest.param(2, "II", id="2"),
        pytest.param(4, "IV", id="4"),
        pytest.param(9, "IX", id="9"),
        pytest.param(14, "XIV", id="14"),
        pytest.param(40, "XL", id="40"),
        pytest.param(90, "XC", id="90"),
        pytest.param(400, "CD", id="400"),
        pytest.param(1994, "MCMXCIV", id="1994"),
        pytest.param(3999, "MMMCMXCIX", id="3999"),
    ],
)
def test_roman(number, expected):
    """R-ND-PMK: mục are numbered with Roman numerals."""
    assert vi.roman(number) == expected


@pytest.mark.parametrize("number", [0, -3, 4000], ids=["zero", "negative", "4000"])
def test_roman_out_of_range(number):
    """R-ND-PMK: Roman numerals run from 1 to 3999."""
    with pytest.raises(ValueError, match="1 to 3999"):
        vi.roman(number)


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param([], "", id="none"),
        pytest.param(["Sở Tài chính"], "Sở Tài chính", id="one"),
        pytest.param(["Sở Tài chính", "Sở Nội vụ"], "Sở Tài chính và Sở Nội vụ", id="two"),
        pytest.param(["A", "B", "C", "D"], "A, B, C và D", id="four"),
        pytest.param(("A", "B"), "A và B", id="tuple"),
    ],
)
def test_join_vi(items, expected):
    """R-ND-1 (wording of the seeds): `A, B, C và D` with `và` before the last item."""
    assert vi.join_vi(items) == expected


# -- R-KY-*: quyền hạn của người ký ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("KT. CHÁNH VĂN PHÒNG", ("KT.", "CHÁNH VĂN PHÒNG"), id="kt"),
        pytest.param("TM. ỦY BAN NHÂN DÂN", ("TM.", "ỦY BAN NHÂN DÂN"), id="tm"),
        pytest.param("TL. CHỦ TỊCH", ("TL.", "CHỦ TỊCH"), id="tl"),
        pytest.param("TUQ. CHỦ TỊCH", ("TUQ.", "CHỦ TỊCH"), id="tuq"),
        pytest.param("Q. CHÁNH VĂN PHÒNG", ("Q.", "CHÁNH VĂN PHÒNG"), id="q"),
        pytest.param("tl. chủ tịch", ("TL.", "CHỦ TỊCH"), id="lower-case"),
        pytest.param("KT.CHỦ TỊCH", ("KT.", "CHỦ TỊCH"), id="no-space"),
        pytest.param("  KT .  CHỦ   TỊCH ", ("KT.", "CHỦ TỊCH"), id="loose-spaces"),
        pytest.param(nfd("tm. ủy ban nhân dân"), ("TM.", "ỦY BAN NHÂN DÂN"), id="decomposed"),
    ],
)
def test_parse_authority(line, expected):
    """R-KY-FMT: the prefix and the title, upper-case, normalised to `KT. CHỦ TỊCH`."""
    prefix, title = vi.parse_authority(line)
    assert (prefix, title) == expected
    assert " ".join((prefix, title)) == f"{expected[0]} {expected[1]}"


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("PHÓ CHỦ TỊCH", id="position-only"),
        pytest.param("KT CHỦ TỊCH", id="no-full-stop"),
        pytest.param("KT.", id="prefix-only"),
        pytest.param("THỨ TRƯỞNG", id="position-with-t"),
    ],
)
def test_parse_authority_rejects(line):
    """R-KY-TM … R-KY-TUQ: a line without TM./KT./TL./TUQ./Q. is rejected, listing them."""
    with pytest.raises(ValueError) as caught:
        vi.parse_authority(line)
    assert str(caught.value) == (
        f"{line!r} must start with one of TM., KT., TL., TUQ., Q. "
        "(the position itself goes in signer.position)"
    )


VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Th«ng b¸o kÕt luËn cña Phã Chñ tÞch", "TCVN3", id="tcvn3"),
        pytest.param("Thoâng baùo keát luaän cuûa Phoù Chuû tòch ñoàng chí", "VNI", id="vni"),
        pytest.param("Thông báo kết luận của Phó Chủ tịch, rõ ràng, HÌNH THỨC", None, id="unicode"),
        pytest.param(" ".join(f"b{c}{c}" for c in VIETNAMESE + VIETNAMESE.upper()), None,
                     id="every-vietnamese-letter"),
    ],
)  # fmt: skip
def test_legacy_encoding(text, expected):
    """R-FONT: text typed in TCVN3 (.VnTime) or VNI fonts is recognised; Unicode never is."""
    assert vi.legacy_encoding(text) == expected


def test_clean_text_rejects_legacy_encodings_with_the_fix():
    """R-FONT: the message names the encoding and how to convert it."""
    with pytest.raises(ValueError, match=r"legacy TCVN3 encoding.*TCVN3 → Unicode"):
        vi.clean_text("Th«ng b¸o kÕt luËn")
