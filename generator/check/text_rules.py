"""Rules on the text of one line, the same in a DOCX and a PDF: the number line
(`Số: 07/TB-UBND`) and the date line (`Quảng Ngãi, ngày 05 tháng 01 năm 2024`)."""

from __future__ import annotations

import re

from ..profile import doctypes
from ..profile.doctypes import NOTICE


def number_line_problems(text: str) -> list[tuple[str, str]]:
    """R-KH-FMT, R-SO-0, R-KH-1 on `Số: 1730/TB-VP`; a draft may leave the number blank."""
    text = " ".join(text.split())
    match = re.fullmatch(r"Số:\s*(?P<num>\d*)(?P<gap>\s*)/(?P<symbol>.*)", text)
    if match is None:
        return [("R-KH-FMT", "Số, ký hiệu phải có dạng \"Số: 1730/TB-VP\" (chữ \"Số\" in thường, "
                 "sau có dấu hai chấm; giữa số và ký hiệu có dấu gạch chéo)")]  # fmt: skip
    out = []
    num, symbol = match["num"], match["symbol"]
    if num and match["gap"]:
        out.append(("R-KH-FMT", "Không được cách chữ giữa số và dấu gạch chéo (/)"))
    if num and num != f"{int(num):02d}":
        out.append(("R-SO-0", f"Số \"{num}\" phải ghi là \"{int(num):02d}\" (số nhỏ hơn 10 ghi "
                    "thêm số 0 phía trước, từ 10 trở lên ghi nguyên)"))  # fmt: skip
    if not re.fullmatch(r"[A-ZĐ]+(-[A-ZĐ0-9]+)+", symbol):
        out.append(("R-KH-FMT", f"Ký hiệu \"{symbol}\" phải viết chữ in hoa, các nhóm chữ nối "
                    "bằng gạch nối (-), không cách chữ"))  # fmt: skip
    elif symbol.split("-")[0] not in doctypes.abbreviations():
        out.append(("R-KH-1", f"Ký hiệu bắt đầu bằng \"{symbol.split('-')[0]}\"; chữ viết tắt "
                    f"tên loại Thông báo là \"{NOTICE.abbreviation}\""))  # fmt: skip
    return out


_DATE = re.compile(
    r"(?P<place>.*?)\s*(?P<comma>,?)\s*(?P<ngay>ngày)(?P<d>.*?)(?P<thang>tháng)(?P<m>.*?)"
    r"(?P<nam>năm)(?P<y>.*)",
    re.IGNORECASE,
)


def date_line_problems(text: str) -> list[tuple[str, str]]:
    """R-DATE-1, R-DATE-FMT on `Quảng Ngãi, ngày 05 tháng 01 năm 2020`; a draft leaves blanks."""
    match = _DATE.fullmatch(" ".join(text.split()))
    if match is None:
        return [("R-DATE-FMT", 'Dòng ngày tháng phải có dạng "<Địa danh>, ngày … tháng … năm …"')]
    out = []
    if not match["comma"]:
        out.append(("R-DATE-FMT", "Sau địa danh phải có dấu phẩy (,)"))
    words = match["place"].split()
    # "Thành phố Hồ Chí Minh": the generic word stays lower case, the name is capitalised
    if not words or any(not w[0].isupper() for w in (words[0], words[-1])):
        out.append(("R-DATE-FMT", f'Chữ cái đầu của địa danh "{match["place"]}" phải viết hoa'))
    if any(match[k] != match[k].lower() for k in ("ngay", "thang", "nam")):
        out.append(("R-DATE-FMT", '"ngày", "tháng", "năm" viết chữ in thường'))
    for key, name, high in (("d", "Ngày", 31), ("m", "Tháng", 12), ("y", "Năm", 9999)):
        part = match[key].strip(" .…_")
        if not part:
            continue  # a draft: the văn thư fills it in
        if not part.isdigit() or not 1 <= int(part) <= high:
            out.append(("R-DATE-1", f'{name} "{part}" phải viết bằng chữ số Ả Rập'))
            continue
        value = int(part)
        want = {"d": f"{value:02d}", "m": f"{value:02d}" if value <= 2 else str(value),
                "y": f"{value:04d}"}[key]  # fmt: skip
        if part != want:
            out.append(("R-DATE-1", f"{name} \"{part}\" phải ghi là \"{want}\" (chỉ ngày nhỏ hơn "
                        "10 và tháng 1, 2 ghi thêm số 0 phía trước)"))  # fmt: skip
    return out
