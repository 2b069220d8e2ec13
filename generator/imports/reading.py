"""The paragraphs of a file to import, as the checker's reader gives them.

A DOCX is read by `check.reader.DocxView`; a text file becomes paragraphs of the same shape,
one per non-empty line (header lines each in a container of their own, as the cells of a
header table are, the rest in one). Footnotes are taken out with their place in the text.
"""

from __future__ import annotations

import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..check.components import fold
from ..check.formats import ParaFormat
from ..check.reader import Container, DocxView, Para, Piece, RunFormat
from ..errors import ImportSourceError
from ..profile import doctypes
from .autonumber import add_labels

#: Files larger than this are refused (a notice is a few hundred kB at most).
MAX_BYTES = 20 * 1024 * 1024
#: Inflated DOCX parts larger than this are refused (zip bombs).
MAX_UNZIPPED = 200 * 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FN_MARK = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_RULE_LINE = re.compile(r"^[\s\-–—_=*.]{3,}$")
_PLAIN = RunFormat((None, None), 13.0, False, False, None, False, False, False)
_BOLD = RunFormat((None, None), 13.0, True, False, None, False, False, False)


@dataclass
class Mark:
    """A footnote mark in a paragraph: after `offset` characters of its raw text."""

    offset: int
    text: str


@dataclass
class Document:
    """What was read: the paragraphs, the footnote marks of each, and what could not be read."""

    path: Path
    paras: list[Para]
    marks: dict[int, list[Mark]] = field(default_factory=dict)  # by id(para)
    dropped: list[tuple[int, str, str]] = field(default_factory=list)  # (paragraph, text, why)
    from_text: bool = False


def check_file(path: Path) -> None:
    """Refuse what is not a regular, bounded file."""
    try:
        info = path.stat()
    except OSError as exc:
        raise ImportSourceError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ImportSourceError(f"{path}: not a regular file")
    if info.st_size > MAX_BYTES:
        raise ImportSourceError(
            f"{path}: {info.st_size // 1024 // 1024} MB is too large for a notice "
            f"(at most {MAX_BYTES // 1024 // 1024} MB)"
        )


def read_document(path: Path) -> Document:
    """The paragraphs of a .docx or a text file; raise ImportSourceError when unreadable."""
    path = Path(path)
    check_file(path)
    if path.suffix.lower() == ".docx":
        return _read_docx(path)
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise ImportSourceError(f"{path}: a zip file (a DOCX?): name it .docx to import it")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportSourceError(
            f"{path}: not UTF-8 text (byte {exc.start}): save it as UTF-8 (Unicode) and retry"
        ) from None
    if "\x00" in text:
        raise ImportSourceError(f"{path}: a binary file, not text")
    return read_text(path, text)


def _read_docx(path: Path) -> Document:
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_UNZIPPED:
                raise ImportSourceError(f"{path}: its parts unzip to more than 200 MB")
        document = open_docx(str(path))
        view = DocxView(document)
        paras = view.body()
        add_labels(view, paras)
        notes = _footnote_texts(view)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError,
            IndexError, AttributeError, TypeError, etree.XMLSyntaxError) as exc:  # fmt: skip
        # a part missing or malformed (no section, no body): what Word would refuse to open
        raise ImportSourceError(f"{path}: not a readable DOCX file: {exc}") from exc
    out = Document(path, paras)
    for para in paras:
        marks = _marks(para, notes)
        if marks:
            out.marks[id(para)] = marks
    return out


def _footnote_texts(view: DocxView) -> dict[str, str]:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    root = view._part_xml(RT.FOOTNOTES)  # noqa: SLF001 - the reader's own part lookup
    if root is None:
        return {}
    out = {}
    for note in root.iterfind(f"{{{W_NS}}}footnote"):
        if note.get(f"{{{W_NS}}}type") in (None, "normal"):
            text = "".join(t.text or "" for t in note.iter(f"{{{W_NS}}}t"))
            out[note.get(f"{{{W_NS}}}id")] = " ".join(text.split())
    return out


def _marks(para: Para, notes: dict[str, str]) -> list[Mark]:
    """Where each footnote reference of the paragraph stands in its raw text."""
    if not notes or para.element is None:
        return []
    out, offset = [], len(para.label)
    for r in para.element.iter(f"{{{W_NS}}}r"):
        for child in r:
            tag = etree.QName(child).localname
            if tag == "t":
                offset += len(child.text or "")
            elif tag in ("tab", "ptab", "br", "cr", "noBreakHyphen"):
                offset += 1
            elif tag == "footnoteReference":
                text = notes.get(child.get(f"{{{W_NS}}}id"))
                if text:
                    out.append(Mark(offset, text))
    return out


def _fmt(align: str) -> ParaFormat:
    return ParaFormat(align, 0, 0, 0, 0.0, 0.0, None, "auto", False, False, False, None)


def read_text(path: Path, text: str) -> Document:
    """A notice copied as text: one paragraph per line, `**…**` as bold, `¹ …` footnotes."""
    lines = [unicodedata.normalize("NFC", line).strip() for line in text.splitlines()]
    titles = doctypes.titles()
    type_at = next((i for i, line in enumerate(lines) if fold(line) in titles), None)
    body = Container(0, True)
    out = Document(path, [], from_text=True)
    notes: list[tuple[str, str]] = []
    joined: list[tuple[int, str]] = []
    bold_open = False
    for number, line in enumerate(lines, 1):
        if not line or _RULE_LINE.match(line):
            continue
        note = re.match(r"^([¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*(.+)$", line)
        if note and (type_at is None or number - 1 > type_at):
            notes.append((note.group(1), note.group(2)))
            continue
        # markdown bold around a block of lines (`**TL. CHỦ TỊCH … PHÓ CHÁNH VĂN PHÒNG**`)
        starts, ends = line.startswith("**"), line.endswith("**") and len(line) > 2
        bold = bold_open or starts
        if starts:
            bold_open = True
        if ends or (starts and line.endswith("**") and len(line) > 4):
            bold_open = False
        joined.append((number, line.replace("**", "").strip() if bold else line))
        joined[-1] = (number, joined[-1][1])
        if bold:
            joined[-1] = (-number, joined[-1][1])  # negative: bold
    header = True
    previous_title = False
    for number, line in joined:
        bold = number < 0
        if type_at is not None and abs(number) - 1 >= type_at:
            header = False
        container = Container(0, True) if header else body
        is_title = fold(line) in titles
        align = "center" if header or is_title or _subject_like(line, previous_title) else "both"
        previous_title = is_title or (previous_title and align == "center")
        piece = Piece(line, _BOLD if bold else _PLAIN)
        para = Para(abs(number), None, container, _fmt(align), [piece])
        container.paras.append(para)
        out.paras.append(para)
    _attach_text_notes(out, notes)
    return out


def _subject_like(line: str, after_title: bool) -> bool:
    """A line right under THÔNG BÁO that reads like the trích yếu, not the body."""
    if not after_title or len(line) > 400:
        return False
    if line.endswith((".", ";", ":")) and line != line.upper():
        return False
    body_start = ("NGÀY", "CĂN CỨ", "KÍNH GỬI", "SÁNG", "CHIỀU", "TỐI", "TRONG", "THỰC HIỆN",
                  "VỪA QUA", "VỪA", "THEO", "HÔM")  # fmt: skip
    return not fold(line).startswith(body_start)


def _attach_text_notes(out: Document, notes: list[tuple[str, str]]) -> None:
    """`¹ Báo cáo …` lines: the footnote of the paragraph that carries the mark ¹."""
    for mark, text in notes:
        holder = next(
            (p for p in out.paras if p.pieces and mark in p.pieces[0].text
             and not p.pieces[0].text.startswith(mark)), None,
        )  # fmt: skip
        if holder is None:
            out.dropped.append((0, f"{mark} {text}", "a footnote whose mark is in no paragraph"))
            continue
        piece = holder.pieces[0]
        at = piece.text.index(mark)
        holder.pieces[0] = Piece(piece.text[:at] + piece.text[at + len(mark) :], piece.fmt)
        holder.__dict__.pop("lines", None)
        holder.__dict__.pop("text", None)
        out.marks.setdefault(id(holder), []).append(Mark(at, text))
