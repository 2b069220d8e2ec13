"""Vietnamese text rules of NĐ 30, one function each, pure and table-tested.

Every function names the rule it implements (its ID is listed in `docs/rules.md`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

#: R-ND-DIEM: the Vietnamese alphabet order for điểm (đ after d; no f, j, w, z).
VIETNAMESE_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")

#: R-KY-TM … R-KY-TUQ: the abbreviations allowed before an authority line.
AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

#: R-TN: the exact Tiêu ngữ string; R-QH: the Quốc hiệu.
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

#: Width of a blank left for the văn thư to fill in by hand (draft number, day).
BLANK = "\u00a0" * 6

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def nfc(text: str) -> str:
    """R-FONT (TCVN 6909:2001 Unicode): compose every string to NFC."""
    return unicodedata.normalize("NFC", text)


#: Letters of the pre-Unicode Vietnamese encodings read as Windows-1252/Latin-1: none of them
#: occurs in Unicode Vietnamese. TCVN3 (ABC, `.VnTime`) puts tone marks on ¸µ¶·¹ and ă â ê ô
#: ơ ư đ on ¨©ª«¬­®; VNI (`VNI-Times`) writes marks as a second letter such as ø û ï ö ä, and đ as ñ.
_TCVN3 = re.compile(r"[¸µ¶·¹¨©ª«¬®¡¢£¤¥¦§ÆÇËÎÏÑÖØÜÞßå]")
_VNI = re.compile(r"[a-zA-Z][øûïöäØÛÏÖÄ]|ñ")
#: Characters that print nothing but change what is read: bidi overrides and isolates (an
#: "evil" shown as "live"), zero-width spaces and joiners, the word joiner, a stray BOM.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Any character the checks above look for: most text has none and is scanned once.
_SUSPECT = re.compile(
    f"{_CONTROL.pattern[:-1]}{_TCVN3.pattern[1:-1]}øûïöäØÛÏÖÄñ{_INVISIBLE.pattern[1:-1]}]"
)


def legacy_encoding(text: str) -> str | None:
    """`TCVN3` or `VNI` when `text` looks typed in a pre-Unicode Vietnamese font (R-FONT)."""
    for name, pattern in (("TCVN3", _TCVN3), ("VNI", _VNI)):
        first = pattern.search(text)
        if first and pattern.search(text, first.end()):  # two or more
            return name
    return None


def clean_text(text: str) -> str:
    """NFC, one space between words, no control characters (they corrupt DOCX XML), and no
    text in a legacy encoding (R-FONT requires Unicode, TCVN 6909:2001).

    Raises ValueError naming the offending character or encoding.
    """
    if not _SUSPECT.search(text):
        return " ".join(nfc(text).split())  # str.split() splits where `\s+` matches
    bad = _CONTROL.search(text)
    if bad:
        raise ValueError(f"contains the control character U+{ord(bad.group()):04X}")
    hidden = _INVISIBLE.search(text)
    if hidden:
        name = unicodedata.name(hidden.group(), "")
        raise ValueError(
            f"contains the invisible character U+{ord(hidden.group()):04X} {name}, which changes "
            "what is read without being printed: delete it (R-FONT)"
        )
    legacy = legacy_encoding(text)
    if legacy:
        raise ValueError(
            f"looks like text in the legacy {legacy} encoding, not Unicode: convert it "
            f"(e.g. UniKey → Công cụ chuyển mã, {legacy} → Unicode) and paste it again"
        )
    return " ".join(nfc(text).split())


def upper_vi(text: str) -> str:
    """Upper-case keeping Vietnamese diacritics (`ủy ban` → `ỦY BAN`), in NFC."""
    return nfc(nfc(text).upper())


def format_number(number: int | None) -> str:
    """R-SO-0: numbers below 10 get a leading zero; a draft (None) gets a blank."""
    if number is None:
        return BLANK
    if number < 1:
        raise ValueError("a document number starts at 01")
    return f"{number:02d}"


def format_symbol(type_abbr: str, body_abbr: str) -> str:
    """R-KH-1, R-KH-FMT: `TB` + `-` + body abbreviation, upper-case, no spaces."""
    return upper_vi(f"{type_abbr}-{body_abbr}").replace(" ", "")


def format_number_line(number: int | None, symbol: str) -> str:
    """R-KH-FMT: `Số: 1730/TB-VP`; a draft keeps a blank before the slash."""
    return f"Số: {format_number(number)}/{symbol}"


def format_date_line(
    place: str, year: int | None, month: int | None = None, day: int | None = None
) -> str:
    """R-DATE-1: `Quảng Ngãi, ngày 05 tháng 01 năm 2020`.

    Days below 10 and the months 1 and 2 are zero-padded; months 3–12 are not.
    A part that is None (a draft) is left blank for the văn thư.
    """
    d = BLANK if day is None else f"{day:02d}"
    m = BLANK if month is None else (f"{month:02d}" if month <= 2 else str(month))
    y = BLANK if year is None else f"{year:04d}"
    return f"{place}, ngày {d} tháng {m} năm {y}"


def format_short_date(year: int, month: int, day: int) -> str:
    """Dates inside the body, as the seeds write them: `18/12/2020`, `04/5/2019`.

    Project choice: the padding of R-DATE-1 (day < 10, months 1 and 2) applies here too.
    """
    m = f"{month:02d}" if month <= 2 else str(month)
    return f"{day:02d}/{m}/{year}"


def vietnamese_letter(index: int) -> str:
    """R-ND-DIEM: the 0-based `index`-th điểm letter (`a`, …, `d`, `đ`, `e`, `g`, …)."""
    if not 0 <= index < len(VIETNAMESE_LETTERS):
        raise ValueError(f"a khoản has at most {len(VIETNAMESE_LETTERS)} điểm (a to y)")
    return VIETNAMESE_LETTERS[index]


def roman(number: int) -> str:
    """R-ND-PMK: the Roman numeral of a mục (`I`, `II`, … `XIV`)."""
    if not 0 < number < 4000:
        raise ValueError("Roman numerals run from 1 to 3999")
    out = ""
    for value, glyph in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while number >= value:
            out += glyph
            number -= value
    return out


_DIGITS = ("", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


def ordinal_word(number: int) -> str:
    """The ordinal after "Thứ" as notices write it: `nhất`, `hai`, `ba`, `tư`, …, `mười`,
    `mười một`, `hai mươi mốt`, `hai mươi tư` (1–99)."""
    if not 0 < number < 100:
        raise ValueError("ordinal words run from 1 (nhất) to 99")
    if number == 1:
        return "nhất"
    if number == 4:
        return "tư"
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if units == 0:
        return head
    if units == 1 and tens > 1:
        return f"{head} mốt"
    if units == 4 and tens > 1:
        return f"{head} tư"
    if units == 5:
        return f"{head} lăm"
    return f"{head} {_DIGITS[units]}"


def with_end_mark(text: str) -> str:
    """R-ND-END: the last sentence of the body ends with `./.` (`…thực hiện./.`)."""
    text = text.rstrip()
    if text.endswith("./."):
        return text
    return text + ("/." if text.endswith(".") else "./.")


def join_vi(items: Sequence[str]) -> str:
    """`A, B, C và D`: a Vietnamese enumeration with `và` before the last item."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


@dataclass(frozen=True)
class Recipient:
    """One entry of the Nơi nhận list, with an optional remark such as `báo cáo`."""

    name: str
    remark: str | None = None


def format_recipients(recipients: Sequence[Recipient], archive_line: str) -> list[str]:
    """R-NN-LIST, R-NN-LUU: `- <nơi nhận>;` for each entry, then `- Lưu: ….` last."""
    lines = []
    for entry in recipients:
        name = entry.name.rstrip(" ;")
        remark = f" ({entry.remark})" if entry.remark else ""
        lines.append(f"- {name}{remark};")
    lines.append(f"- {archive_line}")
    return lines


def format_archive_line(
    units: Sequence[str],
    copies: int | str | None = None,
    drafter: str | None = None,
    issued_copies: int | None = None,
    *,
    copies_space: bool = False,
    drafter_separator: str = ".",
) -> str:
    """R-NN-LUU, R-NN-12: `Lưu: VT, HC-TC.`, `Lưu: VT, KGVX.Cường.`, `Lưu: VT, TCCB(2).PL(300).`

    What the decree fixes is computed: `Lưu`, the colon, `VT`, the comma, one full stop at
    the end (a drafter's mark that ends with one, `Hg.`, is not given a second). What it
    leaves to the office is as written: copies like `2b` or `02`, a space before them
    (`QHĐP (2b)`), and what separates the drafter's mark (`.`, `. `, a space or nothing).
    """
    text = "Lưu: " + ", ".join(["VT", *units])
    if copies is not None:
        text += f"{' ' if copies_space else ''}({copies})"
    if drafter:
        text += f"{drafter_separator}{drafter}"
        if issued_copies is not None:
            text += f"({issued_copies})"
    return text if text.endswith(".") else text + "."


def parse_authority(line: str) -> tuple[str, str]:
    """R-KY-FMT: split `KT. CHÁNH VĂN PHÒNG` into (`KT.`, `CHÁNH VĂN PHÒNG`), upper-cased.

    Raises ValueError when the line does not start with TM., KT., TL., TUQ. or Q.
    """
    text = upper_vi(clean_text(line))
    for prefix in AUTHORITY_PREFIXES:
        bare = prefix[:-1]
        match = re.fullmatch(rf"{bare}\s*\.\s*(\S.*)", text)
        if match:
            return prefix, match.group(1)
    raise ValueError(
        f"{line!r} must start with one of {', '.join(AUTHORITY_PREFIXES)} "
        "(the position itself goes in signer.position)"
    )
