"""The components of a notice found by role, from their content and position in a DOCX.

The Quốc hiệu is the line whose text is the Quốc hiệu, the Tiêu ngữ the line under it;
ô 3 is the `Số:` line and ô 4 the `<địa danh>, ngày … tháng … năm …` line; ô 2 is what
else stands in the header; THÔNG BÁO is followed by the centred trích yếu, then the body
up to `Nơi nhận:` or the first signer line (TM., KT., TL., TUQ., Q.); after the Nơi nhận
entries come the signer lines and, last, the name. Style names are never used, so
notices made in Word or LibreOffice by anyone are read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..profile import doctypes
from ..profile.vietnamese import QUOC_HIEU, TIEU_NGU, upper_vi
from .reader import Line, Para

# Old and new placement of the tone mark (HOÀ / HÒA, UỶ / ỦY) are both in use.
_OLD_TONES = {"OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA",
              "UỲ": "ÙY", "UÝ": "ÚY", "UỶ": "ỦY", "UỸ": "ŨY", "UỴ": "ỤY"}  # fmt: skip
_OLD_TONE = re.compile("|".join(_OLD_TONES))
_NUMBER_START = re.compile(r"^SỐ\s*:")
_DATE_START = re.compile(r"^\D{2,60}?,?\s*NGÀY\b.*\bTHÁNG\b.*\bNĂM\b")
NN_START = re.compile(r"^NƠI NHẬN\b")
AUTHORITY_START = re.compile(r"^(TM|KT|TL|TUQ|Q)(?=[\s.,])")
_STAMP = re.compile(r"^(DỰ THẢO|HỎA TỐC|THƯỢNG KHẨN|KHẨN|MẬT|TỐI MẬT|TUYỆT MẬT)\b")
#: How far down a document without THÔNG BÁO the header lines are looked for.
_HEAD_LINES = 15


def fold(text: str) -> str:
    """Text for comparing by content: NFC, upper case, single spaces, one tone-mark placement."""
    text = upper_vi(" ".join(text.split()))
    return _OLD_TONE.sub(lambda m: _OLD_TONES[m.group()], text)


def _letters(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalpha())


def is_authority(line: Line) -> bool:
    """An upper-case signer line starting with TM., KT., TL., TUQ. or Q. (R-KY-FMT)."""
    text = fold(line.text)
    return bool(AUTHORITY_START.match(text)) and line.text == upper_vi(line.text)


@dataclass
class Roles:
    """The components of a notice, found by content and position."""

    quoc_hieu: Line | None = None
    tieu_ngu: Line | None = None
    parent: list[Line] = field(default_factory=list)
    agency: list[Line] = field(default_factory=list)
    number: Line | None = None
    date: Line | None = None
    doc_type: Line | None = None
    subject: list[Line] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    #: Ô 9a: the "Kính gửi:" line and the addressee lines under it, when there are any.
    addressees: list[Para] = field(default_factory=list)
    #: What follows the signature: the phụ lục (R-PL), not part of ô 7 or 9b.
    appendix: list[Line] = field(default_factory=list)
    nn_head: Line | None = None
    nn_entries: list[list[Line]] = field(default_factory=list)
    signer: list[Line] = field(default_factory=list)
    name: Line | None = None


def find_roles(paras: Sequence[Para]) -> Roles:
    """Find each component of the notice among the paragraphs of its main text."""
    roles = Roles()
    lines = [line for p in paras for line in p.lines if line.text]
    folded = [fold(line.text) for line in lines]
    titles = doctypes.titles()
    type_at = next((i for i, f in enumerate(folded) if f in titles), None)
    head = lines[: type_at if type_at is not None else _HEAD_LINES]
    for i, line in enumerate(head):
        if roles.quoc_hieu is None and folded[i] == fold(QUOC_HIEU):
            roles.quoc_hieu = line
            if i + 1 < len(head) and _letters(head[i + 1].text) == _letters(TIEU_NGU):
                roles.tieu_ngu = head[i + 1]
        elif roles.number is None and _NUMBER_START.match(folded[i]):
            roles.number = line
        elif roles.date is None and _DATE_START.match(folded[i]):
            roles.date = line
    _split_agency(roles, head)
    if type_at is None:
        return roles
    roles.doc_type = lines[type_at]
    rest = lines[type_at + 1 :]
    roles.subject = _subject(roles.doc_type, rest)
    rest = rest[len(roles.subject) :]
    footer_at = next(
        (i for i, line in enumerate(rest) if NN_START.match(fold(line.text)) or is_authority(line)),
        len(rest),
    )
    ends = [i for i, line in enumerate(rest[:footer_at]) if line.text.endswith("./.")]
    if ends:  # R-ND-END: whatever follows the end mark is the footer
        footer_at = ends[-1] + 1
    roles.body = list(dict.fromkeys(
        line.para for line in rest[:footer_at]
        if line.para.container.in_body and not line.para.container.cell
    ))  # fmt: skip
    _split_addressees(roles)
    footer = rest[footer_at:]
    appendix_at = next(
        (i for i, line in enumerate(footer)
         if fold(line.text).startswith("PHỤ LỤC") and not line.para.container.cell),
        len(footer),
    )  # fmt: skip
    roles.appendix = footer[appendix_at:]
    _split_footer(roles, footer[:appendix_at])
    return roles


def _split_addressees(roles: Roles) -> None:
    """Ô 9a: "Kính gửi: …" at the head of the body, with the `- …;` lines under it."""
    if not roles.body or not fold(roles.body[0].text).startswith("KÍNH GỬI"):
        return
    count = 1
    if not roles.body[0].text.rstrip().endswith("."):
        for para in roles.body[1:]:
            if not para.text.startswith("-"):
                break
            count += 1
            if para.text.rstrip().endswith("."):
                break
    roles.addressees, roles.body = roles.body[:count], roles.body[count:]


def _split_agency(roles: Roles, head: list[Line]) -> None:
    """Ô 2: the header lines that are not ô 1, 3 or 4; parent first when there is one."""
    taken = {x for x in (roles.quoc_hieu, roles.tieu_ngu, roles.number, roles.date) if x}
    right = {x.para.container for x in (roles.quoc_hieu, roles.date) if x}
    block = [
        line for line in head
        if line not in taken and line.para.container not in right
        and not _STAMP.match(fold(line.text))
    ]  # fmt: skip
    if not block:
        return
    # TB-VP: the parent is what stands above "VĂN PHÒNG"; TB-UBND has no parent (R-CQ-BH)
    split = next(
        (i for i, line in enumerate(block) if i and fold(line.text).startswith("VĂN PHÒNG")), None
    )
    if split is None and not fold(block[0].text).startswith(("ỦY BAN NHÂN DÂN", "UBND")):
        bold = [line.every("bold") for line in block]
        split = bold.index(True) if not bold[0] and True in bold else None
    roles.parent, roles.agency = (block[:split], block[split:]) if split else ([], block)


def _subject(doc_type: Line, rest: list[Line]) -> list[Line]:
    """Ô 5a: the centred lines right under THÔNG BÁO, up to a rule, a gap or the body."""
    out: list[Line] = []
    previous = doc_type
    for line in rest:
        para = line.para
        adjacent = para is previous.para or previous.para.next is para
        if not adjacent or para.fmt.align != "center" or len(out) >= 8:
            break
        if para is not previous.para and previous.para.fmt.border_bottom:
            break
        out.append(line)
        previous = line
    return out


def _split_footer(roles: Roles, footer: list[Line]) -> None:
    """Ô 9b (Nơi nhận and its entries) and ô 7a–7c (the signer lines, then the name)."""
    head_at = next((i for i, line in enumerate(footer) if NN_START.match(fold(line.text))), None)
    listed: set[Line] = set()
    if head_at is not None:
        roles.nn_head = footer[head_at]
        listed.add(roles.nn_head)
        for line in footer[head_at + 1 :]:
            dashed = line.text[:1] in "-–—•+"
            signer = is_authority(line) or (not dashed and line.text == upper_vi(line.text))
            if line.para.container is not roles.nn_head.para.container or signer:
                break
            listed.add(line)
            starts = dashed or not roles.nn_entries
            closed = roles.nn_entries and roles.nn_entries[-1][-1].text.endswith((";", "."))
            if starts or closed:
                roles.nn_entries.append([line])
            else:
                roles.nn_entries[-1].append(line)
    signer = [
        line for line in footer
        if line not in listed and not re.fullmatch(r"\(.*\)", line.text)
        and not _STAMP.match(fold(line.text))
    ]  # fmt: skip
    if signer:
        roles.signer, roles.name = signer[:-1], signer[-1]
