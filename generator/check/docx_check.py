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
from ..profile.doctypes import NOTICE
from ..profile.vietnamese import QUOC_HIEU, TIEU_NGU, upper_vi
from .components import AUTHORITY_START, LABELS, Parts, find_parts, fold
from .docx_findings import ALIGN_VI, DocxFindings, sizes
from .docx_pages import (
    check_characters,
    check_page_numbers,
    check_page_setup,
    header_footer_stories,
)
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
    vi_num,
)
from .shapes import line_shapes
from .text_rules import date_line_problems, number_line_problems
from .widths import lead_and_width, main_size, mm, off_centre_mm, wrapped_widths


def check_docx(path: Path) -> list[Finding]:
    """Every finding in a DOCX notice: page setup, components, body, page numbers, fonts."""
    try:
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
        out.add("R-LOAI", "văn bản", f"Văn bản là {kind.name} ({kind.evidence}), không phải Thông "
                "báo: chỉ kiểm tra các quy định chung về thể thức (Phụ lục I), không kiểm tra các "
                "quy định riêng của Thông báo")  # fmt: skip
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
    labels = {para: part.label for part in reversed(parts.parts()) for para in part.paras}
    check_characters(out, paras, None, labels)
    for where, story in stories:
        check_characters(out, story, where)
    return list(out)


def _check_look(out: DocxFindings, role: str, lines: Sequence[Line]) -> None:
    """Size, weight, slant, case and alignment of one component (`COMPONENTS` in rules.py)."""
    style, label = COMPONENTS[role], LABELS[role]
    low, high = style.sizes
    allowed = (
        f"cỡ chữ {vi_num(low)}" if low == high else f"cỡ chữ từ {vi_num(low)} đến {vi_num(high)}"
    )
    for line in lines:
        problems = []
        bad = [s for s in sizes(line.visible) if not low <= s <= high]
        if bad:
            problems.append(f"cỡ chữ {', '.join(map(vi_num, bad))}, phải {allowed}")
        if style.bold is True and not line.every("bold"):
            problems.append("chưa in đậm")
        if style.bold is False and line.some("bold"):
            problems.append("không được in đậm")
        if style.italic is True and not line.every("italic"):
            problems.append("phải in nghiêng")
        if style.italic is False and line.some("italic"):
            problems.append("phải kiểu chữ đứng, không nghiêng")
        problems += _case_problems(style.case, line.text, first=line is lines[0])
        if problems:
            out.add(style.rule, line, "; ".join(problems), part=label)
    for para in dict.fromkeys(line.para for line in lines if style.align != "any"
                              and not line.segment):  # fmt: skip
        align = para.fmt.align
        if align == style.align or (style.align == "left" and align == "both"):
            continue
        wanted = "sát lề trái" if style.align == "left" else "canh giữa"
        rule = style.align_rule or style.rule
        if style.align == "center" and align == "left":
            off = off_centre_mm(para)
            if off is not None and off <= SPACE_CENTRE_TOLERANCE_MM:
                continue  # as wide as its column: it shows centred
            if next(x for x in para.lines if x.text).indent:
                # centred by hand with spaces or tabs: judged only when it does not fit
                if off is None:
                    out.add(rule, para, f"căn trái, canh bằng dấu cách nên tràn xuống dòng; phải "
                            f"{wanted}", part=label)  # fmt: skip
                continue
        out.add(rule, para, f"{ALIGN_VI[align]}, phải {wanted}", part=label)


def _case_problems(case: str | None, text: str, *, first: bool) -> list[str]:
    """Case rules; a sentence's capital is checked on the first line of its block only."""
    letters = [ch for ch in text if ch.isalpha()]
    if case == "upper" and text != upper_vi(text):
        return ["phải viết chữ in hoa"]
    if case == "sentence" and letters:
        if len(letters) > 3 and text == upper_vi(text):
            return ["phải viết chữ in thường (chỉ viết hoa chữ cái đầu và tên riêng)"]
        if first and not letters[0].isupper():
            return ["chữ cái đầu phải viết hoa"]
    if case == "name":
        words = [w for w in text.split() if w[0].isalpha()]
        if any(not w[0].isupper() or (len(w) > 1 and w[1:] == upper_vi(w[1:])) for w in words):
            return ["phải viết chữ in thường, viết hoa chữ cái đầu của mỗi tiếng"]
    return []


def _check_header(out: DocxFindings, parts: Parts, paras: Sequence[Para]) -> None:
    """Ô 1–4: Quốc hiệu, Tiêu ngữ and its rule, the bodies and their rule, Số, the date.

    Each part missing is one finding, and the rules about it are skipped; a Quốc hiệu
    found by likeness is reported as misspelt and read as the Quốc hiệu.
    """
    qh, tn = parts.quoc_hieu, parts.tieu_ngu
    if qh is None:
        out.add("R-QH", "văn bản", f'Không tìm thấy Quốc hiệu "{QUOC_HIEU}" ở đầu văn bản')
    else:
        if "quoc_hieu" in parts.misspelt:
            out.add("R-QH", qh, f'viết sai; phải viết đúng "{QUOC_HIEU}"', part=LABELS["quoc_hieu"])
        _check_look(out, "quoc_hieu", [qh, *parts.quoc_hieu_rest])
        if tn is None:
            out.add("R-TN", qh, f'Không có Tiêu ngữ "{TIEU_NGU}" ngay dưới Quốc hiệu',
                    part=LABELS["quoc_hieu"])  # fmt: skip
    if tn is not None:
        if " ".join(tn.text.split()) != TIEU_NGU:
            out.add("R-TN", tn, f'phải viết đúng "{TIEU_NGU}" (gạch nối, cách chữ hai bên)',
                    part=LABELS["tieu_ngu"])  # fmt: skip
        _check_look(out, "tieu_ngu", [tn])
        _check_rule_under(out, "R-TN-LINE", "tieu_ngu", [tn], TN_LINE_RATIO, paras)
    if not parts.agency:
        out.add("R-CQ-BH", "văn bản", "Không tìm thấy tên cơ quan ban hành văn bản ở đầu văn bản "
                "(cột bên trái, trên dòng số, ký hiệu)")  # fmt: skip
    else:
        _check_look(out, "parent", parts.parent)
        _check_look(out, "agency", parts.agency)
        _check_rule_under(out, "R-CQ-LINE", "agency", parts.agency, SHORT_LINE_RATIO, paras)
    notice = parts.kind.kind == "notice"
    for role, problems, missing in (
        ("number", number_line_problems, ("R-KH-FMT", 'dòng số, ký hiệu "Số: …/…"')),
        ("date", date_line_problems, ("R-DATE-FMT", "dòng địa danh và ngày, tháng, năm")),
    ):
        line = getattr(parts, role)
        if line is None:
            out.add(missing[0], "văn bản", f"Không tìm thấy {missing[1]} ở đầu văn bản")
            continue
        for rule, detail in problems(line.text):
            if rule != "R-KH-1" or notice:  # the TB abbreviation is a Thông báo's only
                out.add(rule, line, detail, part=LABELS[role])
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
        shown = "/".join(vi_num(s) for s in sizes if s is not None)
        out.add("R-SIZE-0", lines["quoc_hieu"],  # type: ignore[arg-type]
                f"Cỡ chữ Quốc hiệu/Tiêu ngữ/địa danh-ngày là {shown}, không thống nhất; phải là "
                "13/14/14 hoặc 12/13/13", part=LABELS["quoc_hieu"])  # fmt: skip


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
    label = LABELS[role]
    if span is None:
        out.add(rule, lines[-1], "không có đường kẻ ngang, nét liền ở dưới", part=label)
        return
    text_pt = max(w for line in lines for w in wrapped_widths(line))
    share = span / 12700 / text_pt if text_pt else 0.0
    if not ratio[0] <= share <= ratio[1]:
        wanted = "bằng độ dài dòng chữ" if rule == "R-TN-LINE" else "từ 1/3 đến 1/2 độ dài dòng chữ"
        out.add(
            rule,
            lines[-1],
            f"đường kẻ ở dưới dài {mm(span)} mm, bằng "
            f"{vi_num(share * 100)} % dòng chữ ({vi_num(text_pt * 25.4 / 72)} mm); phải {wanted}",
            part=label,
        )
    if centre is not None and last.fmt.align == "center":
        text_centre = last.fmt.left + (last.container.width - last.fmt.left - last.fmt.right) // 2
        if abs(centre - text_centre) > Mm(RULE_CENTRE_TOLERANCE_MM):
            out.add(rule, lines[-1], f"đường kẻ ở dưới lệch {mm(abs(centre - text_centre))} "
                    "mm so với giữa dòng chữ; phải đặt cân đối so với dòng chữ",
                    part=label)  # fmt: skip


def _check_title(out: DocxFindings, parts: Parts) -> None:
    """Ô 5a: the tên loại, the trích yếu and the rule under it."""
    if parts.doc_type is None:
        out.add("R-TL", "văn bản", f'Không tìm thấy tên loại văn bản "{NOTICE.title}" dưới phần '
                "đầu văn bản")  # fmt: skip
        return
    _check_look(out, "doc_type", [parts.doc_type])
    if not parts.subject:
        out.add("R-TY", parts.doc_type, "không có trích yếu (canh giữa) ngay dưới tên loại văn bản",
                part=LABELS["doc_type"])  # fmt: skip
        return
    _check_look(out, "subject", parts.subject)
    _check_rule_under(out, "R-TY-LINE", "subject", parts.subject, SHORT_LINE_RATIO)


def _paragraph_span(numbers: list[int]) -> str:
    """`đoạn 8–12, 15`: paragraph numbers folded into ranges."""
    parts, start = [], numbers[0]
    for prev, cur in zip(numbers, [*numbers[1:], None], strict=True):
        if cur != prev + 1:
            parts.append(f"{start}–{prev}" if prev != start else str(start))
            start = cur
    return "đoạn " + ", ".join(parts)


def _check_body(out: DocxFindings, body: list[Para]) -> None:
    """R-ND-1 on each body paragraph, one finding per problem listing its paragraphs; R-ND-END."""
    issues: dict[str, list[Para]] = {}
    for previous, para in zip([None, *body], body, strict=False):
        for problem in _body_problems(para, previous):
            issues.setdefault(problem, []).append(para)
    for problem, paras in issues.items():
        where = _paragraph_span([p.number for p in paras])
        out.add("R-ND-1", where, problem, text=paras[0].text, part=LABELS["body"])
    if body and not body[-1].text.endswith("./."):
        out.add("R-ND-END", body[-1], 'phải kết thúc bằng dấu "./."', text=body[-1].text[-80:],
                part=LABELS["closing"])  # fmt: skip


def _body_problems(para: Para, previous: Para | None) -> list[str]:
    fmt = para.fmt
    pieces = [p for line in para.lines for p in line.visible]
    out = []
    shown = sizes(pieces)
    bad = [s for s in shown if not BODY_PT[0] <= s <= BODY_PT[1]]
    if bad:
        out.append(f"cỡ chữ {', '.join(map(vi_num, bad))}, phải từ 13 đến 14")
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
            out.append(f"{ALIGN_VI[fmt.align]}, phải canh đều cả hai lề")
        # the first line's start counts the spaces typed before it; the paragraph's own
        # left indent shows only on the lines it wraps into
        start = (fmt.left + fmt.first_line) / 36000 + lead * 25.4 / 72
        if (wraps and abs(fmt.left) > Mm(INDENT_TOLERANCE_MM)) or all(
            abs(start - mm) > INDENT_TOLERANCE_MM for mm in BODY_INDENTS_MM
        ):
            out.append(f"chữ đầu dòng lùi vào {vi_num(start)} mm (lề trái của đoạn {mm(fmt.left)} "
                       "mm), phải lùi vào 1 cm hoặc 1,27 cm")  # fmt: skip
    out += _line_spacing_problems(para, max(shown) if shown else BODY_PT[1])
    if previous is not None and previous.next is para:
        same = previous.fmt.style_id == fmt.style_id
        gap = (0 if previous.fmt.contextual and same else previous.fmt.after) + (
            0 if fmt.contextual and same else fmt.before
        )
        if gap < BODY_MIN_GAP_PT - 0.05:
            out.append(f"khoảng cách giữa các đoạn {vi_num(gap)} pt, phải tối thiểu 6 pt")
    return out


def _line_spacing_problems(para: Para, size: float) -> list[str]:
    fmt = para.fmt
    if fmt.line is None:
        return []
    if fmt.line_rule == "auto":
        lines = fmt.line / 240
        if LINE_MULTIPLE[0] - 0.01 <= lines <= LINE_MULTIPLE[1] + 0.01:
            return []
        return [f"giãn dòng {vi_num(lines)} lines, phải từ dòng đơn đến 1,5 lines"]
    points = fmt.line / 20
    low = 0 if fmt.line_rule == "atLeast" else size * LINE_EXACT_EM[0] - 0.05
    if low <= points <= size * LINE_EXACT_EM[1] + 0.05:
        return []
    low, high = (vi_num(size * em) for em in LINE_EXACT_EM)
    return [f"giãn dòng {vi_num(points)} pt, phải từ dòng đơn đến 1,5 lines ({low}–{high} pt)"]


def _check_recipients(out: DocxFindings, parts: Parts) -> None:
    """Ô 9b: `Nơi nhận:` (R-NN-HEAD), the entries (R-NN-LIST, R-NN-1), the Lưu line (R-NN-LUU).

    "Như trên" (R-NN-1) is wrong only in a Thông báo that has no "Kính gửi"."""
    head = parts.nn_head
    if head is None:
        out.add("R-NN-HEAD", "văn bản", 'Không tìm thấy "Nơi nhận:" ở cuối văn bản')
        return
    _check_look(out, "nn_head", [head])
    if head.text != "Nơi nhận:":
        out.add("R-NN-HEAD", head, 'phải ghi "Nơi nhận:" (chữ in thường, sau có dấu hai chấm)',
                part=LABELS["nn_head"])  # fmt: skip
    entries = parts.nn_entries
    label = LABELS["nn_entry"]
    nhu_tren_wrong = parts.kind.kind == "notice" and not parts.kinh_gui
    _check_look(out, "nn_entry", [line for entry in entries for line in entry])
    _check_flush_left(out, "R-NN-HEAD", "nn_head", [head])
    _check_flush_left(out, "R-NN-LIST", "nn_entry", [entry[0] for entry in entries])
    texts = [" ".join(line.text for line in entry) for entry in entries]
    archive = [i for i, text in enumerate(texts) if fold(text.lstrip("-–—•+ ")).startswith("LƯU")]
    for i, (entry, text) in enumerate(zip(entries, texts, strict=True)):
        if not entry[0].text.startswith("- "):
            out.add("R-NN-LIST", entry[0], "đầu dòng phải có gạch đầu dòng (-)", text=text,
                    part=label)  # fmt: skip
        if nhu_tren_wrong and fold(text.lstrip("-–—•+ ")).startswith("NHƯ TRÊN"):
            out.add("R-NN-1", entry[0], "Thông báo không có phần \"Kính gửi\" nên không ghi "
                    "\"Như trên\"", text=text, part=label)  # fmt: skip
        if i not in archive and not text.endswith(";"):
            out.add("R-NN-LIST", entry[-1], "cuối dòng phải có dấu chấm phẩy (;)", text=text,
                    part=label)  # fmt: skip
    if not archive:
        out.add("R-NN-LUU", head, 'thiếu dòng "- Lưu: VT, <đơn vị soạn thảo>." ở cuối nơi nhận',
                part=LABELS["nn_head"])  # fmt: skip
    for i in archive:
        if i != len(entries) - 1:
            out.add("R-NN-LUU", entries[i][0], 'dòng "Lưu" phải là dòng cuối cùng', text=texts[i],
                    part=label)  # fmt: skip
        if not re.fullmatch(r"- Lưu: VT, \S.*\.", texts[i]):
            detail = 'dòng lưu phải có dạng "- Lưu: VT, <đơn vị soạn thảo>(số bản)."'
            out.add("R-NN-LUU", entries[i][0], f"{detail}, kết thúc bằng dấu chấm", text=texts[i],
                    part=label)  # fmt: skip


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
            out.add(rule, line, f"lùi vào {mm(start)} mm, phải sát lề trái", part=LABELS[role])


def _check_signer(out: DocxFindings, parts: Parts) -> None:
    """Ô 7a–7b: authority and position lines (R-KY-FMT), then the name (R-KY-TEN)."""
    if not parts.signer:
        out.add("R-KY-FMT", "văn bản", "Không tìm thấy quyền hạn, chức vụ của người ký")
    if parts.name is None:
        out.add("R-KY-TEN", "văn bản", "Không tìm thấy họ tên người ký")
        return
    for line in parts.signer:
        if AUTHORITY_START.match(fold(line.text)) and not re.match(
            r"(TM|KT|TL|TUQ|Q)\. \S", line.text
        ):
            out.add("R-KY-FMT", line, "chữ viết tắt quyền hạn viết hoa, có dấu chấm và một dấu "
                    "cách, ví dụ \"KT. CHỦ TỊCH\"", part=LABELS["authority"])  # fmt: skip
    _check_look(out, "authority", parts.signer)
    _check_look(out, "name", [parts.name])


