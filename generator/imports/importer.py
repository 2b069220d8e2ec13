"""A notice read from a DOCX or a text file, turned into the data of a YAML source.

`import_notice(path)` finds the components with the checker's `find_parts`, strips what the
program computes (typed numbers, `- ` and `;` of Nơi nhận, `./.`, `Lưu: VT`), and returns
the source's data with what it guessed and what it could not place. It never prints.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..check.components import Parts, find_parts, fold
from ..check.reader import Line, Para
from ..profile import vietnamese as vi
from . import footer, tasks, tree
from .issuer import agency_of
from .reading import Document, Mark, read_document
from .result import Imported, Leftover

#: Marks stamped above the header (độ khẩn, độ mật, dự thảo), not part of ô 2.
_STAMP = re.compile(r"^(DỰ THẢO|HỎA TỐC|THƯỢNG KHẨN|KHẨN|MẬT|TỐI MẬT|TUYỆT MẬT)\b")
_NUMBER = re.compile(r"^Số\s*:\s*(\d*)\s*/\s*([^\s]+)", re.IGNORECASE)
_DATE = re.compile(
    r"^(?P<place>.*?),?\s*ngày\s*(?P<d>\d{0,2})\s*tháng\s*(?P<m>\d{0,2})\s*năm\s*(?P<y>\d{0,4})",
    re.IGNORECASE,
)


def import_notice(path: Path, *, issuer: str | None = None, kind: str | None = None) -> Imported:
    """Read `path` (.docx or text) and return the source it becomes."""
    document = read_document(Path(path))
    found = find_parts(document.paras)
    out = Imported(Path(path), {})
    out.leftovers += [Leftover(n, t, why) for n, t, why in document.dropped]
    _header_lines(found, document)
    _header(out, found, issuer, kind)
    _body(out, found, document)
    footer.read_footer(out, found)
    _unplaced(out, found, document)
    return out


# -- header -----------------------------------------------------------------------------------


def _header_lines(found: Parts, document: Document) -> None:
    """Ô 2 when the finder found none because the header is not in a table (every line in
    the body, as a plain Word file has it): the lines above THÔNG BÁO that are not ô 1, 3 or 4."""
    if found.agency or found.parent or found.doc_type is None:
        return
    taken = {id(x) for x in (found.quoc_hieu, found.tieu_ngu, found.number, found.date) if x}
    for para in document.paras:
        if para is found.doc_type.para:
            break
        for line in para.lines:
            if line.text and id(line) not in taken and not _STAMP.match(fold(line.text)):
                found.agency.append(line)
    split = next(
        (i for i, line in enumerate(found.agency) if i and fold(line.text).startswith("VĂN PHÒNG")),
        None,
    )
    if split:
        found.parent, found.agency = found.agency[:split], found.agency[split:]


def _tidy_header(out: Imported, found: Parts) -> None:
    """Take out of ô 2 what is plainly ô 1 or ô 4 (a Quốc hiệu with a typo, a date line in a
    header table of one line per row), which the finder may leave there."""
    import difflib

    def near(line: Line, text: str) -> bool:
        return difflib.SequenceMatcher(None, fold(line.text), fold(text)).ratio() > 0.85

    for group in (found.parent, found.agency):
        for line in list(group):
            if near(line, vi.QUOC_HIEU) or near(line, vi.TIEU_NGU):
                group.remove(line)
                out.taken.append(line)
            elif found.date is None and _DATE.match(" ".join(line.text.split())):
                found.date = line
                group.remove(line)


def _header(out: Imported, found: Parts, hint: str | None, kind: str | None) -> None:
    data = out.data
    _tidy_header(out, found)
    parent = [line.text for line in found.parent]
    name = [line.text for line in found.agency]
    if hint:
        out.leftovers += [
            Leftover(line.para.number, line.text, "replaced by --issuer")
            for line in found.parent + found.agency
        ]
        out.taken += found.parent + found.agency
        parts = [p.strip() for p in hint.split("/") if p.strip()]
        parent, name = (parts[:-1], parts[-1:]) if len(parts) > 1 else ([], parts)
    symbol = ""
    number = None
    if found.number is not None:
        m = _NUMBER.match(found.number.text.replace("\u00a0", " "))
        if m:
            number = int(m.group(1)) if m.group(1) else None
            symbol = m.group(2)
    guessed, agency, notes = agency_of(symbol, parent, name, kind)
    data["kind"] = guessed
    if kind is None:
        level = f", level {agency['level']}" if "level" in agency else ""
        out.guesses.append(f"kind: {guessed}{level} (từ ký hiệu «{symbol or '…'}» và cơ quan "
                           "ban hành)")  # fmt: skip
    out.notes += notes
    data["agency"] = agency
    _date(out, found)
    if number is not None:
        data["number"] = number
    data["subject"] = _subject(out, found)
    if not found.subject:
        data["subject"] = ""
        out.notes.append("subject: no trích yếu found under THÔNG BÁO; fill it in")


def _subject(out: Imported, found: Parts) -> str:
    """The trích yếu on one line; one typed in capitals is given in lower case (R-TY)."""
    text = " ".join(" ".join(line.text.split()) for line in found.subject)
    if text and text == vi.upper_vi(text) and any(ch.isalpha() for ch in text):
        text = text.rstrip(" .")
        text = _sentence_case(text, " ".join(p.text for p in found.body))
        out.guesses.append(
            "subject: in capitals in the original, written in lower case (R-TY); "
            "put back the capitals of names"
        )
    return text


def _sentence_case(text: str, body: str) -> str:
    """A trích yếu typed in capitals, in lower case but for the first letter and the words
    the body writes with a capital more often than without (names: Nậm Cang, Đề án 06)."""
    from collections import Counter

    seen = Counter(re.findall(r"\w+", body))
    words = text.lower().split(" ")
    out = [words[0][:1].upper() + words[0][1:]]
    for word in words[1:]:
        core = re.sub(r"\W", "", word)
        if not core:
            out.append(word)
            continue
        cased = max((core.capitalize(), core.upper()), key=lambda w: seen[w])
        out.append(word.replace(core, cased) if seen[cased] > seen[core] else word)
    return " ".join(out)


def _date(out: Imported, found: Parts) -> None:
    data = out.data
    m = _DATE.match(" ".join(found.date.text.split())) if found.date is not None else None
    if m is None:
        data["place"] = ""
        out.notes.append("place, date: no «<địa danh>, ngày … tháng … năm …» line found")
        return
    data["place"] = m.group("place").strip(" ,")
    y, mo, d = m.group("y"), m.group("m"), m.group("d")
    if y and mo and d:
        data["date"] = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    elif y and mo:
        data["date"] = f"{int(y):04d}-{int(mo):02d}"
    elif y:
        data["date"] = f"{int(y):04d}"


# -- body -------------------------------------------------------------------------------------


def paragraph_of(para: Para, document: Document, *, emphasis: bool) -> dict:
    """The source paragraph of a DOCX paragraph: its text (with `**`/`*` when `emphasis`),
    footnotes placed after the unique span that ends at their mark."""
    raw, styled = _texts(para, document.marks.get(id(para), []), emphasis)
    paragraph: dict = {"text": styled}
    notes = []
    for cut, text in raw[1]:
        after = _unique_tail(raw[0], cut)
        if after:
            notes.append({"after": after, "text": text})
    if notes:
        paragraph["footnotes"] = notes
    return paragraph


def _texts(para: Para, marks: list[Mark], emphasis: bool) -> tuple[tuple[str, list], str]:
    """(plain text with the footnote cuts in it, the text with emphasis marks)."""
    pieces = [p for p in para.pieces if not p.fmt.hidden and not p.fmt.raised]
    shown = [p for p in pieces if p.text.strip()]
    whole_bold = all(p.fmt.bold for p in shown)
    whole_italic = all(p.fmt.italic for p in shown)
    plain, offset, cuts = "", len(para.label), []
    pending = sorted(marks, key=lambda m: m.offset)
    groups: list[list] = []  # [bold, italic, text]: runs of one emphasis, spaces joined in
    for piece in pieces:
        chunk = piece.text
        while pending and offset <= pending[0].offset <= offset + len(chunk):
            mark = pending.pop(0)
            cuts.append((len(_norm(para.label + plain + chunk[: mark.offset - offset])), mark.text))
        offset += len(chunk)
        plain += chunk
        flags = [piece.fmt.bold and not whole_bold, piece.fmt.italic and not whole_italic]
        if groups and (groups[-1][:2] == flags or not chunk.strip()):
            groups[-1][2] += chunk
        else:
            groups.append([*flags, chunk])
    styled = ""
    for bold, italic, chunk in groups:
        escaped = chunk.replace("\\", "\\\\").replace("*", "\\*") if emphasis else chunk
        marker = "***" if bold and italic else "**" if bold else "*" if italic else ""
        if emphasis and marker:
            lead, core, tail = _split_space(escaped)
            styled += f"{lead}{marker}{core}{marker}{tail}"
        else:
            styled += escaped
    return (_norm(para.label + plain), cuts), _norm(para.label + styled)


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core) if core else 0
    return text[:start], core, text[start + len(core) :]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _unique_tail(text: str, cut: int) -> str:
    """The shortest span ending at `cut` that occurs once in `text` (a footnote's `after`)."""
    for start in range(cut - 1, -1, -1):
        span = text[start:cut]
        if len(span.strip()) >= 3 and text.count(span) == 1 and span == span.strip():
            return span
    return text[:cut].strip()


def _emphasis_needed(paras: list[Para]) -> bool:
    """Whether some body paragraph has bold or italic inside it (not the whole of it)."""
    for para in paras:
        shown = [p for p in para.pieces if p.text.strip() and not p.fmt.raised and not p.fmt.hidden]
        for attr in ("bold", "italic"):
            flags = {getattr(p.fmt, attr) for p in shown}
            if len(flags) == 2:
                return True
    return False


def _body(out: Imported, found: Parts, document: Document) -> None:
    data = out.data
    if found.kinh_gui:
        data["addressees"] = _addressees(list(dict.fromkeys(x.para for x in found.kinh_gui)))
    body = list(found.body)
    emphasis = _emphasis_needed(body) and not document.from_text
    can_cu = found.can_cu  # the "Căn cứ …" paragraphs that open the body
    bases = [_norm(para.text).rstrip(";.,") for para in can_cu]
    body = body[len(can_cu) :]
    if bases:
        data["bases"] = bases
    if emphasis:
        data["markup"] = True
    entries = []
    for para in body:
        paragraph = paragraph_of(para, document, emphasis=emphasis)
        style, label, rest = tree.split_label(paragraph["text"])
        if style is not None:
            paragraph = {**paragraph, "text": rest}
        heading = style is not None and _is_heading(para, style, rest, document)
        entries.append((style, label, paragraph, heading))
    _place_body(out, entries)


def _is_heading(para: Para, style: str, rest: str, document: Document) -> bool:
    """A bold own-line heading (R-ND-PMK, R-ND-KHOAN): bold in Word; in text, a short
    line of a heading style without a full stop."""
    if not tree.bold_style(style) or not rest:
        return False
    if not document.from_text:
        return all(line.every("bold") for line in para.lines if line.text)
    return len(rest) <= 250 and not rest.endswith((".", ";", "…"))


def _place_body(out: Imported, entries: list[tuple]) -> None:
    data = out.data
    first = next((i for i, e in enumerate(entries) if e[0] is not None), None)
    closing_at = len(entries) - 1
    if not entries:
        out.notes.append("conclusions, closing: no body paragraphs found")
        data["opening"], data["conclusions"], data["closing"] = [""], [{"paragraphs": [""]}], ""
        return
    closing = entries[closing_at][2] if len(entries) > 1 else {"text": ""}
    closing = {**closing, "text": re.sub(r"\s*\./\.\s*$", ".", closing["text"])}
    if first is None or first >= closing_at:
        # no typed numbering: the first paragraph opens, the others are unnumbered items
        data["opening"] = [_plain(entries[0][2])]
        middle = entries[1:closing_at]
        data["numbering"] = ["none"]
        data["conclusions"] = [{"paragraphs": [_plain(e[2])]} for e in middle] or [
            {"paragraphs": [""]}
        ]
        if not middle:
            out.notes.append("conclusions: no paragraph between the opening and the closing")
    else:
        opening = entries[:first]
        if opening:
            data["opening"] = [_plain(e[2]) for e in opening]
        else:
            data["opening"] = []
        nodes = tree.build_tree(entries[first:closing_at])
        styles = tree.styles_of(nodes)
        tree.assign_numbering(nodes, styles)
        out.guesses += tasks.guess_tasks(nodes)
        data["numbering"] = styles
        data["conclusions"] = tree.as_items(nodes)
    data["closing"] = _plain(closing)


def _plain(paragraph: dict) -> str | dict:
    return paragraph["text"] if set(paragraph) == {"text"} else paragraph


def _addressees(paras: list[Para]) -> list[str] | str:
    lines = [_norm(p.text) for p in paras]
    lines[0] = re.sub(r"^Kính gửi\s*:?\s*", "", lines[0], flags=re.IGNORECASE)
    names = [re.sub(r"^[-–—•]\s*", "", x).rstrip(" ;.") for x in lines if x]
    return names[0] if len(names) == 1 else names


def _unplaced(out: Imported, found: Parts, document: Document) -> None:
    """Every shown line no component took: kept as a leftover. The finder may cut a line in
    two (two columns typed with tabs); a line is taken when its pieces are."""
    singles = [found.quoc_hieu, found.tieu_ngu, found.number, found.date, found.doc_type,
               found.nn_head, found.name]  # fmt: skip
    lines: list[Line] = [x for x in singles if x is not None]
    lines += found.parent + found.agency + found.subject + found.signer + found.quoc_hieu_rest
    lines += found.letter_subject
    lines += [line for entry in found.nn_entries for line in entry] + out.taken
    taken = {id(x) for x in lines}
    pieces: dict[int, list[str]] = {}
    for line in lines:
        pieces.setdefault(id(line.para), []).append(_letters(line.text))
    body = {id(p) for p in found.body} | {id(x.para) for x in found.kinh_gui}
    for para in document.paras:
        if id(para) in body:
            continue
        for line in para.lines:
            if not line.text or id(line) in taken:
                continue
            rest = _letters(line.text)
            for piece in pieces.get(id(para), []):
                rest = rest.replace(piece, "", 1) if piece else rest
            if not rest:
                continue
            why = "not a component of the notice"
            out.leftovers.append(Leftover(para.number, line.text, why))


def _letters(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())
