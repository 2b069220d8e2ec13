"""The DOCX checks: every breach of `rules.py` in a DOCX notice, as findings.

`check_docx` reads the document through `reader.py` (the formatting Word really shows),
finds each component by role with `components.py` (never by style name), then checks page
setup, the look of each component, the rules under the header lines, the body, Nơi nhận,
the signer, page numbers and every character's font (`docx_pages.py`). `check_pdf` lives in
`pdf_check.py`, the entry point `check` in `checker.py`.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from lxml import etree

from ..errors import CheckError
from ..ooxml.package import package_problem
from ..profile.doctypes import NOTICE
from ..profile.vietnamese import QUOC_HIEU, TIEU_NGU, upper_vi
from .components import AUTHORITY_START, Parts, find_parts, fold
from .docx_findings import DocxFindings, align, sizes
from .docx_pages import (
    check_characters,
    check_page_numbers,
    check_page_setup,
    header_footer_stories,
)
from .messages import Message, msg
from .reader import DocxView, Line, Para
from .rules import (
    BODY_INDENTS_MM,
    BODY_MIN_GAP_PT,
    BODY_PT,
    CELL_MARGIN_MM,
    COMPONENTS,
    INDENT_TOLERANCE_MM,
    LINE_EXACT_EM,
    LINE_MULTIPLE,
    RULE_CENTRE_TOLERANCE_MM,
    SHORT_LINE_RATIO,
    SIZE_PROFILES,
    SPACE_CENTRE_TOLERANCE_MM,
    TN_LINE_RATIO,
    Finding,
)
from .shapes import line_shapes
from .text_rules import date_line_problems, number_line_problems
from .widths import lead_and_width, main_size, off_centre_mm, wrapped_widths

DOCUMENT = msg("at.document")


def check_docx(path: Path) -> list[Finding]:
    """Every finding in a DOCX notice: page setup, components, body, page numbers, fonts."""
    try:
        with zipfile.ZipFile(path) as archive:
            problem = package_problem(archive)  # a zip bomb, a climbing entry name
        if problem:
            raise CheckError(f"{path}: not a readable DOCX file: {problem}")
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError) as exc:  # fmt: skip
        raise CheckError(f"{path}: not a readable DOCX file: {exc}") from exc
    view = DocxView(document)
    paras = view.body()
    stories = header_footer_stories(view)
    parts = find_parts(paras)
    out = DocxFindings()
    kind = parts.kind
    if kind.kind != "notice":
        out.add("R-LOAI", DOCUMENT, msg("kind.other", name=kind.name, evidence=_evidence(kind)))
    check_page_setup(out, document)
    _check_header(out, parts, paras)
    if kind.kind != "letter":  # a công văn has no tên loại, and its trích yếu is "V/v …"
        _check_title(out, parts)
    else:
        _check_look(out, "letter_subject", parts.letter_subject)
    _check_body(out, parts.body)
    _check_recipients(out, parts)
    _check_signer(out, parts)
    check_page_numbers(out, document, stories)
    labels = {para: part.name for part in reversed(parts.parts()) for para in part.paras}
    check_characters(out, paras, None, labels)
    for where, story in stories:
        check_characters(out, story, where)
    return list(out)


def _check_look(out: DocxFindings, role: str, lines: Sequence[Line]) -> None:
    """Size, weight, slant, case and alignment of one component (`COMPONENTS` in rules.py)."""
    style = COMPONENTS[role]
    low, high = style.sizes
    allowed = (
        msg("look.size_one", size=float(low)) if low == high
        else msg("look.size_range", low=float(low), high=float(high))
    )  # fmt: skip
    for line in lines:
        problems = []
        bad = [s for s in sizes(line.visible) if not low <= s <= high]
        if bad:
            problems.append(msg("look.size", sizes=tuple(map(float, bad)), allowed=allowed))
        if style.bold is True and not line.every("bold"):
            problems.append(msg("look.not_bold"))
        if style.bold is False and line.some("bold"):
            problems.append(msg("look.no_bold"))
        if style.italic is True and not line.every("italic"):
            problems.append(msg("look.not_italic"))
        if style.italic is False and line.some("italic"):
            problems.append(msg("look.no_italic"))
        problems += _case_problems(style.case, line.text, first=line is lines[0])
        if problems:
            out.add(style.rule, line, msg("look", problems=tuple(problems)), part=role)
    for para in dict.fromkeys(line.para for line in lines if style.align != "any"
                              and not line.segment):  # fmt: skip
        shown = para.fmt.align
        if shown == style.align or (style.align == "left" and shown == "both"):
            continue
        wanted = msg("align.flush_left") if style.align == "left" else align("center")
        rule = style.align_rule or style.rule
        if style.align == "center" and shown == "left":
            off = off_centre_mm(para)
            if off is not None and off <= SPACE_CENTRE_TOLERANCE_MM:
                continue  # as wide as its column: it shows centred
            if next(x for x in para.lines if x.text).indent:
                # centred by hand with spaces or tabs: judged only when it does not fit
                if off is None:
                    out.add(rule, para, msg("align.spaces", wanted=wanted), part=role)
                continue
        out.add(rule, para, msg("align.wrong", align=align(para.fmt.align), wanted=wanted),
                part=role)  # fmt: skip


def _case_problems(case: str | None, text: str, *, first: bool) -> list[Message]:
    """Case rules; a sentence's capital is checked on the first line of its block only."""
    letters = [ch for ch in text if ch.isalpha()]
    if case == "upper" and text != upper_vi(text):
        return [msg("case.upper")]
    if case == "sentence" and letters:
        if len(letters) > 3 and text == upper_vi(text):
            return [msg("case.sentence")]
        if first and not letters[0].isupper():
            return [msg("case.first")]
    if case == "name":
        words = [w for w in text.split() if w[0].isalpha()]
        if any(not w[0].isupper() or (len(w) > 1 and w[1:] == upper_vi(w[1:])) for w in words):
            return [msg("case.name")]
    return []


def _check_header(out: DocxFindings, parts: Parts, paras: Sequence[Para]) -> None:
    """Ô 1–4: Quốc hiệu, Tiêu ngữ and its rule, the bodies and their rule, Số, the date.

    Each part missing is one finding, and the rules about it are skipped; a Quốc hiệu
    found by likeness is reported as misspelt and read as the Quốc hiệu.
    """
    qh, tn = parts.quoc_hieu, parts.tieu_ngu
    if qh is None:
        out.add("R-QH", DOCUMENT, msg("qh.missing", text=QUOC_HIEU))
    else:
        if "quoc_hieu" in parts.misspelt:
            out.add("R-QH", qh, msg("qh.misspelt", text=QUOC_HIEU), part="quoc_hieu")
        _check_look(out, "quoc_hieu", [qh, *parts.quoc_hieu_rest])
        if tn is None:
            out.add("R-TN", qh, msg("tn.missing", text=TIEU_NGU), part="quoc_hieu")
    if tn is not None:
        if " ".join(tn.text.split()) != TIEU_NGU:
            out.add("R-TN", tn, msg("tn.wrong", text=TIEU_NGU), part="tieu_ngu")
        _check_look(out, "tieu_ngu", [tn])
        _check_rule_under(out, "R-TN-LINE", "tieu_ngu", [tn], TN_LINE_RATIO, paras)
    if not parts.agency:
        out.add("R-CQ-BH", DOCUMENT, msg("agency.missing"))
    else:
        _check_look(out, "parent", parts.parent)
        _check_look(out, "agency", parts.agency)
        _check_rule_under(out, "R-CQ-LINE", "agency", parts.agency, SHORT_LINE_RATIO, paras)
    notice = parts.kind.kind == "notice"
    for role, problems, missing in (
        ("number", number_line_problems, ("R-KH-FMT", msg("what.number"))),
        ("date", date_line_problems, ("R-DATE-FMT", msg("what.date"))),
    ):
        line = getattr(parts, role)
        if line is None:
            out.add(missing[0], DOCUMENT, msg("top.missing", what=missing[1]))
            continue
        for rule, detail in problems(line.text):
            if rule != "R-KH-1" or notice:  # the TB abbreviation is a Thông báo's only
                out.add(rule, line, detail, part=role)
        _check_look(out, role, [line])
    _check_size_profile(out, parts)


def _check_size_profile(out: DocxFindings, parts: Parts) -> None:
    """R-SIZE-0, only when each of the three sizes is within its own rule's range."""
    lines = {"quoc_hieu": parts.quoc_hieu, "tieu_ngu": parts.tieu_ngu, "date": parts.date}
    sizes = tuple(main_size(line) if line else None for line in lines.values())
    for size, role in zip(sizes, lines, strict=True):
        if size is None or not COMPONENTS[role].sizes[0] <= size <= COMPONENTS[role].sizes[1]:
            return
    if sizes not in SIZE_PROFILES:
        q, t, d = (float(s) for s in sizes if s is not None)
        out.add("R-SIZE-0", lines["quoc_hieu"],  # type: ignore[arg-type]
                msg("size.profile", q=q, t=t, d=d), part="quoc_hieu")  # fmt: skip


def _column_below(para: Para, paras: Sequence[Para]) -> list[Para]:
    """The paragraphs under a header cell's paragraph in the same page column, down to the
    first with text: where Word anchors a line drawn under a header line laid out one line
    per table row."""
    column = para.container.column
    if column is None:
        return []
    out = []
    for other in paras[paras.index(para) + 1 :]:
        if other.container.column == column and other.container is not para.container:
            out.append(other)
            if other.text:
                break
    return out


def _check_rule_under(out: DocxFindings, rule: str, role: str, lines: Sequence[Line],
                      ratio: tuple[float, float], paras: Sequence[Para] = ()) -> None:  # fmt: skip
    """R-TN-LINE, R-CQ-LINE, R-TY-LINE: the rule under a block of lines, its length, its centre.

    The rule is the bottom border of the block's last paragraph, the top border of the
    paragraph after it (or the bottom border of an empty one) — its length is the
    container width less that paragraph's indents — or a line drawn in either, or drawn in
    the paragraphs under it in its column of a header table (`paras`: the document's).
    """
    last, below = lines[-1].para, lines[-1].para.next
    column = _column_below(last, paras)
    under = [p for p in (last, below) if p is not None] + column
    bordered = [last] if last.fmt.border_bottom else []
    nxt = below if below is not None else (column[0] if column else None)
    if nxt is not None and (nxt.fmt.border_top or (not nxt.text and nxt.fmt.border_bottom)):
        bordered.append(nxt)
    span = centre = None
    if bordered:
        fmt = bordered[0].fmt
        span = bordered[0].container.width - fmt.left - fmt.right
        centre = fmt.left + span // 2
    else:
        drawn = (length for p in under for length in line_shapes(p))
        span = next(drawn, None)
    if span is None:
        out.add(rule, lines[-1], msg("line.missing"), part=role)
        return
    text_pt = max(w for line in lines for w in wrapped_widths(line))
    share = span / 12700 / text_pt if text_pt else 0.0
    if not ratio[0] <= share <= ratio[1]:
        wanted = msg("line.full") if rule == "R-TN-LINE" else msg("line.short")
        out.add(
            rule,
            lines[-1],
            msg("line.length", length=span / 36000, share=share * 100.0,
                text=text_pt * 25.4 / 72, wanted=wanted),
            part=role,
        )  # fmt: skip
    if centre is not None and last.fmt.align == "center":
        text_centre = last.fmt.left + (last.container.width - last.fmt.left - last.fmt.right) // 2
        if abs(centre - text_centre) > Mm(RULE_CENTRE_TOLERANCE_MM):
            out.add(rule, lines[-1], msg("line.off_centre", off=abs(centre - text_centre) / 36000),
                    part=role)  # fmt: skip


def _check_title(out: DocxFindings, parts: Parts) -> None:
    """Ô 5a: the tên loại, the trích yếu and the rule under it."""
    if parts.doc_type is None:
        out.add("R-TL", DOCUMENT, msg("tl.missing", title=NOTICE.title))
        return
    _check_look(out, "doc_type", [parts.doc_type])
    if not parts.subject:
        out.add("R-TY", parts.doc_type, msg("ty.missing"), part="doc_type")
        return
    _check_look(out, "subject", parts.subject)
    _check_rule_under(out, "R-TY-LINE", "subject", parts.subject, SHORT_LINE_RATIO)


def _paragraph_span(numbers: list[int]) -> Message:
    """`đoạn 8–12, 15`: paragraph numbers folded into ranges."""
    parts, start = [], numbers[0]
    for prev, cur in zip(numbers, [*numbers[1:], None], strict=True):
        if cur != prev + 1:
            parts.append(f"{start}–{prev}" if prev != start else str(start))
            start = cur
    if len(numbers) == 1:
        return msg("at.para", n=parts[0])
    return msg("at.paras", n=", ".join(parts))


def _check_body(out: DocxFindings, body: list[Para]) -> None:
    """R-ND-1 on each body paragraph, one finding per problem listing its paragraphs; R-ND-END."""
    issues: dict[Message, list[Para]] = {}
    for previous, para in zip([None, *body], body, strict=False):
        for problem in _body_problems(para, previous):
            issues.setdefault(problem, []).append(para)
    for problem, paras in issues.items():
        where = _paragraph_span([p.number for p in paras])
        out.add("R-ND-1", where, problem, text=paras[0].text, part="body")
    if body and not body[-1].text.endswith("./."):
        out.add("R-ND-END", body[-1], msg("nd.end"), text=body[-1].text[-80:], part="closing")


def _body_problems(para: Para, previous: Para | None) -> list[Message]:
    fmt = para.fmt
    pieces = [p for line in para.lines for p in line.visible]
    out = []
    shown = sizes(pieces)
    bad = [s for s in shown if not BODY_PT[0] <= s <= BODY_PT[1]]
    if bad:
        out.append(msg("size.13_14", sizes=tuple(map(float, bad))))
    heading = fmt.align == "center" and pieces and all(p.fmt.bold for p in pieces)  # R-ND-PH
    avail = (para.container.width - fmt.left - fmt.right - fmt.first_line) / 12700
    lead, width = lead_and_width(next((x for x in para.lines if x.text), para.lines[0]))
    wraps = lead + width > avail or len([x for x in para.lines if x.text]) > 1
    # a centred "(Chi tiết tại Phụ lục 2 …)" under a paragraph is a note, not running text
    note = fmt.align == "center" and not wraps and para.text.startswith("(") and para.text.endswith(
        ")"
    )
    if not heading and not note:
        # a left-aligned line that does not wrap looks justified
        if fmt.align in ("center", "right") or (fmt.align == "left" and wraps):
            out.append(msg("body.align", align=align(fmt.align)))
        # the first line's start counts the spaces typed before it; the paragraph's own
        # left indent shows only on the lines it wraps into
        start = (fmt.left + fmt.first_line) / 36000 + lead * 25.4 / 72
        if (wraps and abs(fmt.left) > Mm(INDENT_TOLERANCE_MM)) or all(
            abs(start - mm) > INDENT_TOLERANCE_MM for mm in BODY_INDENTS_MM
        ):
            out.append(msg("body.indent", start=float(start), left=fmt.left / 36000))
    out += _line_spacing_problems(para, max(shown) if shown else BODY_PT[1])
    if previous is not None and previous.next is para:
        same = previous.fmt.style_id == fmt.style_id
        gap = (0 if previous.fmt.contextual and same else previous.fmt.after) + (
            0 if fmt.contextual and same else fmt.before
        )
        if gap < BODY_MIN_GAP_PT - 0.05:
            out.append(msg("body.gap", gap=float(gap)))
    return out


def _line_spacing_problems(para: Para, size: float) -> list[Message]:
    fmt = para.fmt
    if fmt.line is None:
        return []
    if fmt.line_rule == "auto":
        lines = fmt.line / 240
        if LINE_MULTIPLE[0] - 0.01 <= lines <= LINE_MULTIPLE[1] + 0.01:
            return []
        return [msg("body.lines", lines=float(lines))]
    points = fmt.line / 20
    low = 0 if fmt.line_rule == "atLeast" else size * LINE_EXACT_EM[0] - 0.05
    if low <= points <= size * LINE_EXACT_EM[1] + 0.05:
        return []
    low, high = (float(size * em) for em in LINE_EXACT_EM)
    return [msg("body.points", points=float(points), low=low, high=high)]


def _check_recipients(out: DocxFindings, parts: Parts) -> None:
    """Ô 9b: `Nơi nhận:` (R-NN-HEAD), the entries (R-NN-LIST, R-NN-1), the Lưu line (R-NN-LUU).

    "Như trên" (R-NN-1) is wrong only in a Thông báo that has no "Kính gửi"."""
    head = parts.nn_head
    if head is None:
        out.add("R-NN-HEAD", DOCUMENT, msg("nn.missing"))
        return
    _check_look(out, "nn_head", [head])
    if head.text != "Nơi nhận:":
        out.add("R-NN-HEAD", head, msg("nn.head"), part="nn_head")
    entries = parts.nn_entries
    label = "nn_entry"
    nhu_tren_wrong = parts.kind.kind == "notice" and not parts.kinh_gui
    _check_look(out, "nn_entry", [line for entry in entries for line in entry])
    _check_flush_left(out, "R-NN-HEAD", "nn_head", [head])
    _check_flush_left(out, "R-NN-LIST", "nn_entry", [entry[0] for entry in entries])
    texts = [" ".join(line.text for line in entry) for entry in entries]
    archive = [i for i, text in enumerate(texts) if fold(text.lstrip("-–—•+ ")).startswith("LƯU")]
    for i, (entry, text) in enumerate(zip(entries, texts, strict=True)):
        if not entry[0].text.startswith("- "):
            out.add("R-NN-LIST", entry[0], msg("nn.dash"), text=text, part=label)
        if nhu_tren_wrong and fold(text.lstrip("-–—•+ ")).startswith("NHƯ TRÊN"):
            out.add("R-NN-1", entry[0], msg("nn.nhu_tren"), text=text, part=label)
        if i not in archive and not text.endswith(";"):
            out.add("R-NN-LIST", entry[-1], msg("nn.semicolon"), text=text, part=label)
    if not archive:
        out.add("R-NN-LUU", head, msg("nn.no_luu"), part="nn_head")
    for i in archive:
        if i != len(entries) - 1:
            out.add("R-NN-LUU", entries[i][0], msg("nn.luu_last"), text=texts[i], part=label)
        if not re.fullmatch(r"- Lưu: VT, \S.*\.", texts[i]):
            out.add("R-NN-LUU", entries[i][0], msg("nn.luu_form"), text=texts[i], part=label)


def _check_flush_left(out: DocxFindings, rule: str, role: str, lines: Sequence[Line]) -> None:
    """ "sát lề trái": the first line of each paragraph starts at the container's left edge,
    or, in a table cell, anywhere from there back to the table's edge (Word's cell margin)."""
    for line in lines:
        fmt = line.para.fmt
        start = fmt.left + max(fmt.first_line, 0)
        low = -Mm(CELL_MARGIN_MM) if line.para.container.cell else 0
        if line is line.para.lines[0] and not low - Mm(INDENT_TOLERANCE_MM) <= start <= Mm(
            INDENT_TOLERANCE_MM
        ):
            out.add(rule, line, msg("flush.indent", indent=start / 36000), part=role)


def _check_signer(out: DocxFindings, parts: Parts) -> None:
    """Ô 7a–7b: authority and position lines (R-KY-FMT), then the name (R-KY-TEN)."""
    if not parts.signer:
        out.add("R-KY-FMT", DOCUMENT, msg("ky.missing"))
    if parts.name is None:
        out.add("R-KY-TEN", DOCUMENT, msg("ky.name_missing"))
        return
    for line in parts.signer:
        if AUTHORITY_START.match(fold(line.text)) and not re.match(
            r"(TM|KT|TL|TUQ|Q)\. \S", line.text
        ):
            out.add("R-KY-FMT", line, msg("ky.abbr"), part="authority")
    _check_look(out, "authority", parts.signer)
    _check_look(out, "name", [parts.name])


def _evidence(kind) -> Message:
    """Why a document is not taken for a Thông báo (R-LOAI), worded in either language."""
    values = dict(kind.values)
    if kind.evidence == "kind.evidence.title":
        return msg("kind.evidence.title", title=values["title"])
    if kind.evidence == "kind.evidence.letter":
        return msg("kind.evidence.letter", letter=values["letter"], symbol=values["symbol"])
    return msg("kind.evidence.symbol", symbol=values["symbol"])
