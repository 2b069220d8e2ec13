"""The parts of an administrative document found the way a văn thư finds them: by content
(with tolerance for a misspelt Quốc hiệu), by place on the page, and by what surrounds them;
never by style name, so documents made in Word or LibreOffice by anyone are read alike.

`find_parts(paras)` returns a `Parts`: each part as lines of the `reader` paragraphs, and
`Parts.parts()` lists them in reading order as `Part` (name, label, lines, paragraphs) — the
API for anyone who needs a document's parts (`read_parts(path)` reads a DOCX first).

- **Header** (ô 1–4, 5b): the lines before the tên loại, or, with none, before "Kính gửi" or
  the first body paragraph. A header table of any shape (one cell per column, one row per
  line, nested tables) is read by columns: the Quốc hiệu's column holds the Tiêu ngữ and the
  date, the other holds the bodies, `Số:` and a công văn's "V/v …". Two columns typed on
  one line with tabs or runs of spaces are cut apart.
- **Tên loại and trích yếu** (ô 5a): a title of Phụ lục III (THÔNG BÁO, BÁO CÁO, …), then
  the centred lines under it.
- **Kính gửi** (ô 9a), **Căn cứ** paragraphs, the **body** and its **closing** paragraph.
- **Footer**: `Nơi nhận:` and its entries (ô 9b), the signer's lines and name (ô 7a–7b) —
  in their own table cell when there is one — and **whatever follows the signature**
  (phụ lục, ghi chú, danh mục), which is its own part and no signer's.
- **Document type** (`DocumentKind`): Thông báo, Công văn ("V/v …", a ký hiệu without a
  type abbreviation) or another type, from the tên loại and the ký hiệu.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..profile import doctypes
from ..profile.vietnamese import QUOC_HIEU, TIEU_NGU, upper_vi
from .reader import Line, Para
from .titles import TITLES, DocumentKind, document_kind

# Old and new placement of the tone mark (HOÀ / HÒA, UỶ / ỦY) are both in use.
_OLD_TONES = {"OÀ": "ÒA", "OÁ": "ÓA", "OẢ": "ỎA", "OÃ": "ÕA", "OẠ": "ỌA",
              "UỲ": "ÙY", "UÝ": "ÚY", "UỶ": "ỦY", "UỸ": "ŨY", "UỴ": "ỤY"}  # fmt: skip
_OLD_TONE = re.compile("|".join(_OLD_TONES))
_NUMBER_START = re.compile(r"^SỐ\s*:")
_DATE_START = re.compile(r"^\D{2,60}?,?\s*NGÀY(?!\w).*THÁNG.*NĂM")
_CV_SUBJECT = re.compile(r"^V/V\b")
_KINH_GUI = re.compile(r"^KÍNH GỬI\b")
_CAN_CU = re.compile(r"^CĂN CỨ\b")
NN_START = re.compile(r"^NƠI NHẬN\b")
AUTHORITY_START = re.compile(r"^(TM|KT|TL|TUQ|Q)(?=[\s.,])")
_STAMP = re.compile(r"^(DỰ THẢO|HỎA TỐC|THƯỢNG KHẨN|KHẨN|MẬT|TỐI MẬT|TUYỆT MẬT)\b")
#: Names that open the issuing body's line under a parent body (R-CQ-CQ, R-CQ-BH).
_BODY_WORDS = ("VĂN PHÒNG", "SỞ ", "BAN ", "CỤC ", "CHI CỤC", "VỤ ", "PHÒNG ", "TRUNG TÂM",
               "THANH TRA", "TỔNG CỤC", "BỘ ")  # fmt: skip
#: How far down a document without a tên loại the header lines are looked for.
_HEAD_LINES = 15
#: Share of letters a near-miss of the Quốc hiệu or Tiêu ngữ has in common with it.
_NEAR_MISS = 0.8


def fold(text: str) -> str:
    """Text for comparing by content: NFC, upper case, single spaces, one tone-mark placement."""
    text = upper_vi(" ".join(text.split()))
    return _OLD_TONE.sub(lambda m: _OLD_TONES[m.group()], text)


def _letters(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalpha())


def likeness(text: str, wanted: str) -> float:
    """How much a line reads like `wanted` (1.0: the same letters), for near-misses."""
    return SequenceMatcher(None, _letters(text), _letters(wanted), autojunk=False).ratio()


def is_authority(line: Line) -> bool:
    """An upper-case signer line starting with TM., KT., TL., TUQ. or Q. (R-KY-FMT)."""
    text = fold(line.text)
    return bool(AUTHORITY_START.match(text)) and line.text == upper_vi(line.text)


@dataclass(frozen=True)
class Part:
    """One part of the document: its name (`quoc_hieu`, `kinh_gui`, `appendix` …), the
    label a văn thư knows it by, and its lines."""

    name: str
    label: str
    lines: tuple[Line, ...]

    @property
    def paras(self) -> list[Para]:
        """The paragraphs the part's lines belong to, once each, in reading order."""
        return list(dict.fromkeys(line.para for line in self.lines))

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


LABELS = {
    "quoc_hieu": "Quốc hiệu", "tieu_ngu": "Tiêu ngữ", "parent": "Tên cơ quan chủ quản",
    "agency": "Tên cơ quan ban hành", "number": "Số, ký hiệu", "date": "Địa danh, ngày tháng",
    "letter_subject": "Trích yếu công văn", "doc_type": "Tên loại văn bản",
    "subject": "Trích yếu", "kinh_gui": "Kính gửi", "can_cu": "Căn cứ", "body": "Nội dung",
    "closing": "Đoạn kết", "nn_head": "Từ \"Nơi nhận\"", "nn_entry": "Nơi nhận",
    "authority": "Quyền hạn, chức vụ người ký", "name": "Họ tên người ký",
    "appendix": "Phần sau chữ ký (phụ lục, ghi chú)",
}  # fmt: skip


@dataclass
class Parts:
    """The parts of a document, found by content and position (see the module docstring).

    `misspelt` maps a part found by likeness, not by its exact text, to the text it must
    have (`{"quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}`).
    """

    kind: DocumentKind = DocumentKind("notice", "Thông báo", "")
    quoc_hieu: Line | None = None
    quoc_hieu_rest: list[Line] = field(default_factory=list)  # its second line, if any
    tieu_ngu: Line | None = None
    parent: list[Line] = field(default_factory=list)
    agency: list[Line] = field(default_factory=list)
    number: Line | None = None
    date: Line | None = None
    letter_subject: list[Line] = field(default_factory=list)
    doc_type: Line | None = None
    subject: list[Line] = field(default_factory=list)
    kinh_gui: list[Line] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    nn_head: Line | None = None
    nn_entries: list[list[Line]] = field(default_factory=list)
    signer: list[Line] = field(default_factory=list)
    name: Line | None = None
    appendix: list[Para] = field(default_factory=list)
    misspelt: dict[str, str] = field(default_factory=dict)

    @property
    def can_cu(self) -> list[Para]:
        """The "Căn cứ …" paragraphs that open the body."""
        out = []
        for para in self.body:
            if not _CAN_CU.match(fold(para.text)):
                break
            out.append(para)
        return out

    @property
    def closing(self) -> Para | None:
        """The body's last paragraph (with the end mark `./.`)."""
        return self.body[-1] if self.body else None

    def parts(self) -> list[Part]:
        """Every part found, in reading order, each with its lines."""
        def lines(paras: Sequence[Para]) -> list[Line]:
            return [line for p in paras for line in p.lines if line.text]

        can_cu, closing = self.can_cu, self.closing
        middle = [p for p in self.body if p not in can_cu and p is not closing]
        found: list[tuple[str, list[Line]]] = [
            ("quoc_hieu", [self.quoc_hieu, *self.quoc_hieu_rest] if self.quoc_hieu else []),
            ("tieu_ngu", [self.tieu_ngu] if self.tieu_ngu else []),
            ("parent", self.parent), ("agency", self.agency),
            ("number", [self.number] if self.number else []),
            ("date", [self.date] if self.date else []),
            ("letter_subject", self.letter_subject),
            ("doc_type", [self.doc_type] if self.doc_type else []),
            ("subject", self.subject), ("kinh_gui", self.kinh_gui),
            ("can_cu", lines(can_cu)), ("body", lines(middle)),
            ("closing", lines([closing] if closing else [])),
            ("nn_head", [self.nn_head] if self.nn_head else []),
            ("nn_entry", [line for entry in self.nn_entries for line in entry]),
            ("authority", self.signer), ("name", [self.name] if self.name else []),
            ("appendix", lines(self.appendix)),
        ]  # fmt: skip
        parts = [Part(name, LABELS[name], tuple(found_lines)) for name, found_lines in found
                 if found_lines]  # fmt: skip
        return sorted(parts, key=lambda part: part.paras[0].number)


def read_parts(path: Path) -> Parts:
    """The parts of a DOCX file's main text (raises what python-docx raises on a bad file)."""
    from docx import Document

    from .reader import DocxView

    return find_parts(DocxView(Document(str(path))).body())


def find_parts(paras: Sequence[Para]) -> Parts:
    """Find each part of the document among the paragraphs of its main text."""
    parts = Parts()
    lines = [line for p in paras for line in p.lines if line.text]
    folded = [fold(line.text) for line in lines]
    type_at = _title_at(lines, folded)
    head_end = type_at if type_at is not None else _head_end(lines, folded)
    _read_header(parts, lines[:head_end])
    after = head_end
    if type_at is not None:
        parts.doc_type = lines[type_at]
        parts.subject = _subject(parts.doc_type, lines[type_at + 1 :])
        after = type_at + 1 + len(parts.subject)
    parts.kind = _kind(parts)
    rest = lines[after:]
    parts.kinh_gui = _kinh_gui(rest)
    if parts.kinh_gui:
        rest = rest[rest.index(parts.kinh_gui[-1]) + 1 :]
    footer_at = next(
        (i for i, line in enumerate(rest) if NN_START.match(fold(line.text)) or is_authority(line)),
        len(rest),
    )
    ends = [i for i, line in enumerate(rest[:footer_at]) if line.text.endswith("./.")]
    if ends:  # R-ND-END: whatever follows the end mark is the footer
        footer_at = ends[-1] + 1
    parts.body = list(dict.fromkeys(
        line.para for line in rest[:footer_at]
        if line.para.container.in_body and not line.para.container.cell
    ))  # fmt: skip
    _split_footer(parts, rest[footer_at:])
    return parts


def _title_at(lines: list[Line], folded: list[str]) -> int | None:
    """Where the tên loại stands: a Phụ lục III title alone on its line, near the top."""
    titles = TITLES | doctypes.titles()
    for i, text in enumerate(folded[:40]):
        if text in titles:
            return i
        if _KINH_GUI.match(text) or NN_START.match(text):
            return None
    return None


def _head_end(lines: list[Line], folded: list[str]) -> int:
    """Without a tên loại: the header ends at "Kính gửi" or the first body paragraph."""
    for i, (line, text) in enumerate(zip(lines[:_HEAD_LINES], folded, strict=False)):
        para = line.para
        body_like = not para.container.cell and (
            para.fmt.align == "both" or para.fmt.first_line > 0 or len(text) > 120
        )
        if i and (_KINH_GUI.match(text) or body_like):
            return i
    return min(len(lines), _HEAD_LINES)


def _reads_as_header(line: Line) -> bool:
    """Whether a line reads as the Quốc hiệu, the Tiêu ngữ or the date line."""
    return bool(_DATE_START.match(fold(line.text))) or any(
        likeness(line.text, wanted) >= _NEAR_MISS for wanted in (QUOC_HIEU, TIEU_NGU)
    )


def _header_lines(head: list[Line]) -> list[Line]:
    """The header's lines, those typed as two columns on one line (a tab or a run of spaces
    between them) cut in two: when a stretch of it reads as the Quốc hiệu, the Tiêu ngữ or
    the date — not the blanks of a draft's `Số:      /TB-…` or `ngày    tháng`."""
    out = []
    for line in head:
        segments = line.segments()
        cut = len(segments) > 1 and any(_reads_as_header(s) for s in segments)
        out += segments if cut else [line]
    return out


def _read_header(parts: Parts, head: list[Line]) -> None:
    """Ô 1–4 and 5b: Quốc hiệu, Tiêu ngữ, the bodies, `Số:`, the date, "V/v …"."""
    head = _header_lines(head)
    best = max(head, key=lambda line: likeness(line.text, QUOC_HIEU), default=None)
    if best is not None and likeness(best.text, QUOC_HIEU) >= _NEAR_MISS:
        parts.quoc_hieu = best
        below = _below(best, head)
        whole = best.text
        if below and likeness(f"{whole} {below[0].text}", QUOC_HIEU) > likeness(whole, QUOC_HIEU):
            parts.quoc_hieu_rest = [below[0]]  # over two lines: "… CHỦ NGHĨA" / "VIỆT NAM"
            whole = f"{whole} {below[0].text}"
        if fold(whole) != fold(QUOC_HIEU):
            parts.misspelt["quoc_hieu"] = QUOC_HIEU
        parts.tieu_ngu = _tieu_ngu(parts.quoc_hieu_rest[-1] if parts.quoc_hieu_rest else best, head)
    else:  # no Quốc hiệu: the Tiêu ngữ is still a part of its own
        motto = max(head, key=lambda line: likeness(line.text, TIEU_NGU), default=None)
        if motto is not None and likeness(motto.text, TIEU_NGU) >= _NEAR_MISS:
            parts.tieu_ngu = motto
    for line in head:
        text = fold(line.text)
        if line in (parts.quoc_hieu, parts.tieu_ngu, *parts.quoc_hieu_rest):
            continue
        if parts.number is None and _NUMBER_START.match(text):
            parts.number = line
        elif parts.date is None and _DATE_START.match(text):
            parts.date = line
        elif not parts.letter_subject and _CV_SUBJECT.match(text):
            parts.letter_subject = [x for x in line.para.lines if x.text]
    _split_agency(parts, head)


def _below(line: Line, head: list[Line]) -> list[Line]:
    """The header lines under `line` in its column, top to bottom."""
    column = _column(line)
    return [other for other in head[head.index(line) + 1 :] if _column(other) == column]


def _tieu_ngu(quoc_hieu: Line, head: list[Line]) -> Line | None:
    """The line under the Quốc hiệu in its column, when it reads like the Tiêu ngữ."""
    below = _below(quoc_hieu, head)
    if below and likeness(below[0].text, TIEU_NGU) >= _NEAR_MISS:
        return below[0]
    return None


def _column(line: Line):
    """The page column of a header line: its table column, its side of a line cut in two,
    or, for a plain paragraph, its paragraph's own container."""
    container = line.para.container
    if line.segment:
        return ("typed", container.column, min(line.index, 1))
    if container.column is not None:
        return container.column
    return id(container)


def _split_agency(parts: Parts, head: list[Line]) -> None:
    """Ô 2: the header lines of the other column than the Quốc hiệu's, above `Số:`; the
    parent body first when there is one."""
    taken = {x for x in (parts.quoc_hieu, parts.tieu_ngu, parts.number, parts.date) if x}
    taken |= set(parts.quoc_hieu_rest)
    taken |= set(parts.letter_subject)
    right = {_column(x) for x in (parts.quoc_hieu, parts.tieu_ngu, parts.date) if x}
    stop = head.index(parts.number) if parts.number in head else len(head)
    block = [
        line for line in head[:stop]
        if line not in taken and _column(line) not in right and not _STAMP.match(fold(line.text))
    ]  # fmt: skip
    if not block:
        return
    split = next(
        (i for i, line in enumerate(block) if i and fold(line.text).startswith(_BODY_WORDS)), None
    )
    if split is None and not block[0].every("bold"):
        bold = [line.every("bold") for line in block]
        split = bold.index(True) if True in bold else None
    parts.parent, parts.agency = (block[:split], block[split:]) if split else ([], block)


def _kind(parts: Parts) -> DocumentKind:
    """Thông báo, Công văn or another type: from the tên loại, "V/v …" and the ký hiệu."""
    number = parts.number.text if parts.number is not None else ""
    symbol = number.split("/", 1)[1].strip() if "/" in number else ""
    title = fold(parts.doc_type.text) if parts.doc_type is not None else None
    letter = parts.letter_subject[0].text if parts.letter_subject else None
    return document_kind(title, letter, symbol)


def _subject(doc_type: Line, rest: list[Line]) -> list[Line]:
    """Ô 5a: the centred lines right under the tên loại, up to a rule, a gap or the body."""
    out: list[Line] = []
    previous = doc_type
    for line in rest:
        para = line.para
        adjacent = para is previous.para or previous.para.next is para
        if not adjacent or para.fmt.align != "center" or len(out) >= 8:
            break
        if _KINH_GUI.match(fold(line.text)):
            break
        if para is not previous.para and previous.para.fmt.border_bottom:
            break
        out.append(line)
        previous = line
    return out


def _kinh_gui(rest: list[Line]) -> list[Line]:
    """Ô 9a: "Kính gửi:" near the top of the text, with the recipients listed under it and
    a bracketed line right under it ("(Theo Kế hoạch số …)")."""
    start = next((i for i, line in enumerate(rest[:4]) if _KINH_GUI.match(fold(line.text))), None)
    if start is None:
        return []
    out = [line for line in rest[start].para.lines if line.text]
    for line in rest[start + len(out) :]:
        text = line.text
        listed = text[:1] in "-–+•"
        bracketed = text.startswith("(") and text.endswith(")")
        if not (listed or bracketed) or line.para.fmt.align == "both" and not listed:
            break
        out += [x for x in line.para.lines if x.text and x not in out]
    return out


def _split_footer(parts: Parts, footer: list[Line]) -> None:
    """Ô 9b (Nơi nhận and its entries), ô 7a–7b (the signer's lines, then the name) and
    what follows the signature (the appendix part)."""
    head_at = next((i for i, line in enumerate(footer) if NN_START.match(fold(line.text))), None)
    listed: set[Line] = set()
    if head_at is not None:
        parts.nn_head = footer[head_at]
        listed.add(parts.nn_head)
        for line in footer[head_at + 1 :]:
            dashed = line.text[:1] in "-–—•+"
            signer = is_authority(line) or (not dashed and line.text == upper_vi(line.text))
            if line.para.container is not parts.nn_head.para.container or signer:
                break
            listed.add(line)
            starts = dashed or not parts.nn_entries
            closed = parts.nn_entries and parts.nn_entries[-1][-1].text.endswith((";", "."))
            if starts or closed:
                parts.nn_entries.append([line])
            else:
                parts.nn_entries[-1].append(line)
    rest = [
        line for line in footer
        if line not in listed and not re.fullmatch(r"\(.*\)", line.text)
        and not _STAMP.match(fold(line.text))
    ]  # fmt: skip
    signer = _signer_block(rest, parts.nn_head)
    if signer:
        parts.signer, parts.name = signer[:-1], signer[-1]
    used = listed | set(signer)
    last = max((footer.index(line) for line in used), default=-1)
    parts.appendix = list(dict.fromkeys(
        line.para for line in footer[last + 1 :] if line.para.container.in_body
    ))  # fmt: skip


def _signer_block(lines: list[Line], nn_head: Line | None) -> list[Line]:
    """The signer's lines and, last, the name: the whole cell they stand in, or, typed
    without a table, the upper-case lines and the first line after them."""
    first = next((line for line in lines if is_authority(line)), None)
    if first is None:  # no TM./KT./…: the cell beside Nơi nhận, or the upper-case lines
        beside = [line for line in lines if nn_head is not None and line.para.container.cell
                  and line.para.container.table is nn_head.para.container.table]  # fmt: skip
        first = beside[0] if beside else next(
            (line for line in lines[:3] if line.text == upper_vi(line.text)), None
        )
        if first is None:
            return []
    container = first.para.container
    if container.cell:
        return [line for line in lines if line.para.container is container]
    start = lines.index(first)
    block = []
    for line in lines[start:]:
        block.append(line)
        if line.text != upper_vi(line.text):  # the name: the first line in lower case
            break
    return block
