"""Rules on the text of one line, the same in a DOCX and a PDF: the number line
(`Số: 07/TB-UBND`) and the date line (`Quảng Ngãi, ngày 05 tháng 01 năm 2024`)."""

from __future__ import annotations

import re

from ..profile import doctypes
from ..profile.doctypes import NOTICE
from .messages import Message, msg


def number_line_problems(text: str) -> list[tuple[str, Message]]:
    """R-KH-FMT, R-SO-0, R-KH-1 on `Số: 1730/TB-VP`; a draft may leave the number blank."""
    text = " ".join(text.split())
    match = re.fullmatch(r"Số:\s*(?P<num>\d*)(?P<gap>\s*)/(?P<symbol>.*)", text)
    if match is None:
        return [("R-KH-FMT", msg("so.form"))]
    out = []
    num, symbol = match["num"], match["symbol"]
    if num and match["gap"]:
        out.append(("R-KH-FMT", msg("so.gap")))
    if num and num != f"{int(num):02d}":
        out.append(("R-SO-0", msg("so.zero", num=num, want=f"{int(num):02d}")))
    if not re.fullmatch(r"[A-ZĐ]+(-[A-ZĐ0-9]+)+", symbol):
        out.append(("R-KH-FMT", msg("kh.form", symbol=symbol)))
    elif symbol.split("-")[0] not in doctypes.abbreviations():
        out.append(("R-KH-1", msg("kh.type", start=symbol.split("-")[0],
                                  abbr=NOTICE.abbreviation)))  # fmt: skip
    return out


_DATE = re.compile(
    r"(?P<place>.*?)\s*(?P<comma>,?)\s*(?P<ngay>ngày)(?P<d>.*?)(?P<thang>tháng)(?P<m>.*?)"
    r"(?P<nam>năm)(?P<y>.*)",
    re.IGNORECASE,
)


def date_line_problems(text: str) -> list[tuple[str, Message]]:
    """R-DATE-1, R-DATE-FMT on `Quảng Ngãi, ngày 05 tháng 01 năm 2020`; a draft leaves blanks."""
    match = _DATE.fullmatch(" ".join(text.split()))
    if match is None:
        return [("R-DATE-FMT", msg("date.form"))]
    out = []
    if not match["comma"]:
        out.append(("R-DATE-FMT", msg("date.comma")))
    words = match["place"].split()
    # "Thành phố Hồ Chí Minh": the generic word stays lower case, the name is capitalised
    if not words or any(not w[0].isupper() for w in (words[0], words[-1])):
        out.append(("R-DATE-FMT", msg("date.place_case", place=match["place"])))
    if any(match[k] != match[k].lower() for k in ("ngay", "thang", "nam")):
        out.append(("R-DATE-FMT", msg("date.words")))
    for key, name, high in (
        ("d", msg("date.day"), 31), ("m", msg("date.month"), 12), ("y", msg("date.year"), 9999)
    ):  # fmt: skip
        part = match[key].strip(" .…_")
        if not part:
            continue  # a draft: the văn thư fills it in
        if not part.isdigit() or not 1 <= int(part) <= high:
            out.append(("R-DATE-1", msg("date.digits", name=name, given=part)))
            continue
        value = int(part)
        want = {"d": f"{value:02d}", "m": f"{value:02d}" if value <= 2 else str(value),
                "y": f"{value:04d}"}[key]  # fmt: skip
        if part != want:
            out.append(("R-DATE-1", msg("date.pad", name=name, given=part, want=want)))
    return out
