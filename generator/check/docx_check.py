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
from ..ooxml import metrics
from ..profile.doctypes import NOTICE
from ..profile.vietnamese import QUOC_HIEU, TIEU_NGU, upper_vi
from .components import AUTHORITY_START, Roles, find_roles, fold
from .docx_findings import ALIGN_VI, DocxFindings, sizes
from .docx_pages import (
    check_characters,
    check_page_numbers,
    check_page_setup,
    header_footer_stories,
)
from .reader import DocxView, Line, Para, Piece
from .rules import (
    BODY_INDENTS_MM,
    BODY_MIN_GAP_PT,
    BODY_PT,
    COMPONENTS,
    INDENT_TOLERANCE_MM,
    LINE_EXACT_EM,
    LINE_MULTIPLE,
    RULE_CENTRE_TOLERANCE_MM,
    SHORT_LINE_RATIO,
    SIZE_PROFILES,
    TN_LINE_RATIO,
    Finding,
    vi_num,
)
from .shapes import line_shapes
from .text_rules import date_line_problems, number_line_problems

LABELS = {
    "quoc_hieu": "Quốc hiệu", "tieu_ngu": "Tiêu ngữ", "parent": "Tên cơ quan chủ quản",
    "agency": "Tên cơ quan ban hành", "number": "Số, ký hiệu", "date": "Địa danh, ngày tháng",
    "doc_type": "Tên loại văn bản", "subject": "Trích yếu", "nn_head": "Từ \"Nơi nhận\"",
    "nn_entry": "Nơi nhận", "authority": "Quyền hạn, chức vụ người ký", "name": "Họ tên người ký",
}  # fmt: skip


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
    roles = find_roles(paras)
    out = DocxFindings()
    check_page_setup(out, document)
    _check_header(out, roles)
    _check_title(out, roles)
    _check_body(out, roles.body)
    _check_recipients(out, roles)
    _check_signer(out, roles)
    check_page_numbers(out, document, stories)
    check_characters(out, paras, None)
    for where, story in stories:
        check_characters(out, story, where)
    return list(out)


def _mm(emu: float) -> str:
    return vi_num(emu / 36000)


def _main_size(line: Line) -> float | None:
    weights: dict[float, int] = {}
    for piece in line.visible:
        weights[piece.fmt.size] = weights.get(piece.fmt.size, 0) + len(piece.text)
    return max(weights, key=weights.__getitem__) if weights else None


def _width_pt(piece: Piece, text: str | None = None) -> float:
    fmt = piece.fmt
    shown = piece.shown if text is None else text
    return metrics.text_width_pt(shown, fmt.size, bold=fmt.bold, italic=fmt.italic)


def _wrapped_widths(line: Line) -> list[float]:
    """The widths (pt) of the lines a paragraph line wraps into within its indents."""
    para = line.para
    avail = (para.container.width - para.fmt.left - para.fmt.right) / 12700
    widths, current, space = [], 0.0, 0.0
    for piece in line.pieces:
        for token in filter(None, re.split(r"(\s+)", piece.shown)):
            width = _width_pt(piece, token)
            if token.isspace():
                space += width
            elif current and current + space + width > avail:
                widths.append(current)
                current, space = width, 0.0
            else:
                current, space = current + space + width, 0.0
    return [*widths, current]


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
            out.add(style.rule, line, f"{label}: {'; '.join(problems)}")
    for para in dict.fromkeys(line.para for line in lines):
        align = para.fmt.align
        if align != style.align and not (style.align == "left" and align == "both"):
            wanted = "sát lề trái" if style.align == "left" else "canh giữa"
            out.add(
                style.align_rule or style.rule, para, f"{label}: {ALIGN_VI[align]}, phải {wanted}"
            )


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


def _check_header(out: DocxFindings, roles: Roles) -> None:
    """Ô 1–4: Quốc hiệu, Tiêu ngữ and its rule, the bodies and their rule, Số, the date."""
    if roles.quoc_hieu is None:
        out.add("R-QH", "văn bản", f'Không tìm thấy Quốc hiệu "{QUOC_HIEU}"')
    else:
        _check_look(out, "quoc_hieu", [roles.quoc_hieu])
        if roles.tieu_ngu is None:
            out.add("R-TN", roles.quoc_hieu, f'Không có Tiêu ngữ "{TIEU_NGU}" ngay dưới Quốc hiệu')
    if roles.tieu_ngu is not None:
        if " ".join(roles.tieu_ngu.text.split()) != TIEU_NGU:
            out.add(
                "R-TN",
                roles.tieu_ngu,
                f'Tiêu ngữ phải viết đúng "{TIEU_NGU}" (gạch nối, cách chữ hai bên)',
            )
        _check_look(out, "tieu_ngu", [roles.tieu_ngu])
        _check_rule_under(out, "R-TN-LINE", "Tiêu ngữ", [roles.tieu_ngu], TN_LINE_RATIO)
    if not roles.agency:
        out.add("R-CQ-BH", "văn bản", "Không tìm thấy tên cơ quan ban hành văn bản")
    else:
        _check_look(out, "parent", roles.parent)
        _check_look(out, "agency", roles.agency)
        _check_rule_under(out, "R-CQ-LINE", "tên cơ quan ban hành", roles.agency, SHORT_LINE_RATIO)
    for role, problems, missing in (
        ("number", number_line_problems, ("R-KH-FMT", 'dòng số, ký hiệu "Số: …/TB-…"')),
        ("date", date_line_problems, ("R-DATE-FMT", "dòng địa danh và ngày, tháng, năm")),
    ):
        line = getattr(roles, role)
        if line is None:
            out.add(missing[0], "văn bản", f"Không tìm thấy {missing[1]}")
            continue
        for rule, detail in problems(line.text):
            out.add(rule, line, detail)
        _check_look(out, role, [line])
    _check_size_profile(out, roles)


def _check_size_profile(out: DocxFindings, roles: Roles) -> None:
    """R-SIZE-0, only when each of the three sizes is within its own rule's range."""
    lines = {"quoc_hieu": roles.quoc_hieu, "tieu_ngu": roles.tieu_ngu, "date": roles.date}
    sizes = tuple(_main_size(line) if line else None for line in lines.values())
    for size, role in zip(sizes, lines, strict=True):
        if size is None or not COMPONENTS[role].sizes[0] <= size <= COMPONENTS[role].sizes[1]:
            return
    if sizes not in SIZE_PROFILES:
        shown = "/".join(vi_num(s) for s in sizes if s is not None)
        out.add("R-SIZE-0", lines["quoc_hieu"],  # type: ignore[arg-type]
                f"Cỡ chữ Quốc hiệu/Tiêu ngữ/địa danh-ngày là {shown}, không thống nhất; phải là "
                "13/14/14 hoặc 12/13/13")  # fmt: skip


def _check_rule_under(out: DocxFindings, rule: str, label: str, lines: Sequence[Line],
                      ratio: tuple[float, float]) -> None:  # fmt: skip
    """R-TN-LINE, R-CQ-LINE, R-TY-LINE: the rule under a block of lines, its length, its centre.

    The rule is the bottom border of the block's last paragraph, the top border of the
    paragraph after it (or the bottom border of an empty one) — its length is the
    container width less that paragraph's indents — or a line drawn in either.
    """
    last, below = lines[-1].para, lines[-1].para.next
    bordered = [last] if last.fmt.border_bottom else []
    if below is not None and (below.fmt.border_top or (not below.text and below.fmt.border_bottom)):
        bordered.append(below)
    span = centre = None
    if bordered:
        fmt = bordered[0].fmt
        span = last.container.width - fmt.left - fmt.right
        centre = fmt.left + span // 2
    else:
        drawn = (length for p in (last, below) if p is not None for length in line_shapes(p))
        span = next(drawn, None)
    if span is None:
        out.add(rule, lines[-1], f"Không có đường kẻ ngang, nét liền dưới {label}")
        return
    text_pt = max(w for line in lines for w in _wrapped_widths(line))
    share = span / 12700 / text_pt if text_pt else 0.0
    if not ratio[0] <= share <= ratio[1]:
        wanted = "bằng độ dài dòng chữ" if rule == "R-TN-LINE" else "từ 1/3 đến 1/2 độ dài dòng chữ"
        out.add(
            rule,
            lines[-1],
            f"Đường kẻ dưới {label} dài {_mm(span)} mm, bằng "
            f"{vi_num(share * 100)} % dòng chữ ({vi_num(text_pt * 25.4 / 72)} mm); phải {wanted}",
        )
    if centre is not None and last.fmt.align == "center":
        text_centre = last.fmt.left + (last.container.width - last.fmt.left - last.fmt.right) // 2
        if abs(centre - text_centre) > Mm(RULE_CENTRE_TOLERANCE_MM):
            out.add(rule, lines[-1], f"Đường kẻ dưới {label} lệch {_mm(abs(centre - text_centre))} "
                    "mm so với giữa dòng chữ; phải đặt cân đối so với dòng chữ")  # fmt: skip


def _check_title(out: DocxFindings, roles: Roles) -> None:
    """Ô 5a: THÔNG BÁO, the trích yếu and the rule under it."""
    if roles.doc_type is None:
        out.add("R-TL", "văn bản", f'Không tìm thấy tên loại văn bản "{NOTICE.title}"')
        return
    _check_look(out, "doc_type", [roles.doc_type])
    if not roles.subject:
        out.add("R-TY", roles.doc_type, "Không có trích yếu (canh giữa) ngay dưới tên loại văn bản")
        return
    _check_look(out, "subject", roles.subject)
    _check_rule_under(out, "R-TY-LINE", "trích yếu", roles.subject, SHORT_LINE_RATIO)


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
        out.add("R-ND-1", where, f"Nội dung: {problem}", text=paras[0].text)
    if body and not body[-1].text.endswith("./."):
        out.add(
            "R-ND-END",
            body[-1],
            'Đoạn cuối của nội dung phải kết thúc bằng dấu "./."',
            text=body[-1].text[-80:],
        )


def _body_problems(para: Para, previous: Para | None) -> list[str]:
    fmt = para.fmt
    pieces = [p for line in para.lines for p in line.visible]
    out = []
    shown = sizes(pieces)
    bad = [s for s in shown if not BODY_PT[0] <= s <= BODY_PT[1]]
    if bad:
        out.append(f"cỡ chữ {', '.join(map(vi_num, bad))}, phải từ 13 đến 14")
    heading = fmt.align == "center" and pieces and all(p.fmt.bold for p in pieces)  # R-ND-PH
    if not heading:
        avail = (para.container.width - fmt.left - fmt.right - fmt.first_line) / 12700
        wraps = sum(_width_pt(p) for p in pieces) > avail
        # a left-aligned line that does not wrap looks justified
        if fmt.align in ("center", "right") or (fmt.align == "left" and wraps):
            out.append(f"{ALIGN_VI[fmt.align]}, phải canh đều cả hai lề")
        start = (fmt.left + fmt.first_line) / 36000
        if abs(fmt.left) > Mm(INDENT_TOLERANCE_MM) or all(
            abs(start - mm) > INDENT_TOLERANCE_MM for mm in BODY_INDENTS_MM
        ):
            out.append(f"chữ đầu dòng lùi vào {vi_num(start)} mm (lề trái của đoạn {_mm(fmt.left)} "
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


def _check_recipients(out: DocxFindings, roles: Roles) -> None:
    """Ô 9b: `Nơi nhận:` (R-NN-HEAD), the entries (R-NN-LIST, R-NN-1), the Lưu line (R-NN-LUU)."""
    head = roles.nn_head
    if head is None:
        out.add("R-NN-HEAD", "văn bản", 'Không tìm thấy "Nơi nhận:"')
        return
    _check_look(out, "nn_head", [head])
    if head.text != "Nơi nhận:":
        out.add("R-NN-HEAD", head, 'Phải ghi "Nơi nhận:" (chữ in thường, sau có dấu hai chấm)')
    entries = roles.nn_entries
    _check_look(out, "nn_entry", [line for entry in entries for line in entry])
    _check_flush_left(out, "R-NN-HEAD", [head])
    _check_flush_left(out, "R-NN-LIST", [entry[0] for entry in entries])
    texts = [" ".join(line.text for line in entry) for entry in entries]
    archive = [i for i, text in enumerate(texts) if fold(text.lstrip("-–—•+ ")).startswith("LƯU")]
    for i, (entry, text) in enumerate(zip(entries, texts, strict=True)):
        if not entry[0].text.startswith("- "):
            out.add("R-NN-LIST", entry[0], "Đầu dòng nơi nhận phải có gạch đầu dòng (-)", text=text)
        if fold(text.lstrip("-–—•+ ")).startswith("NHƯ TRÊN") and not roles.addressees:
            out.add("R-NN-1", entry[0], "Thông báo không có phần \"Kính gửi\" nên không ghi "
                    "\"Như trên\"", text=text)  # fmt: skip
        if i not in archive and not text.endswith(";"):
            out.add(
                "R-NN-LIST", entry[-1], "Cuối dòng nơi nhận phải có dấu chấm phẩy (;)", text=text
            )
    if not archive:
        out.add("R-NN-LUU", head, 'Thiếu dòng "- Lưu: VT, <đơn vị soạn thảo>." ở cuối nơi nhận')
    for i in archive:
        if i != len(entries) - 1:
            out.add("R-NN-LUU", entries[i][0], 'Dòng "Lưu" phải là dòng cuối cùng', text=texts[i])
        if not re.fullmatch(r"- Lưu: VT, \S.*\.", texts[i]):
            detail = 'Dòng lưu phải có dạng "- Lưu: VT, <đơn vị soạn thảo>(số bản)."'
            out.add("R-NN-LUU", entries[i][0], f"{detail}, kết thúc bằng dấu chấm", text=texts[i])


def _check_flush_left(out: DocxFindings, rule: str, lines: Sequence[Line]) -> None:
    """ "sát lề trái": the first line of each paragraph starts at the container's left edge."""
    for line in lines:
        fmt = line.para.fmt
        start = fmt.left + max(fmt.first_line, 0)
        if line is line.para.lines[0] and abs(start) > Mm(INDENT_TOLERANCE_MM):
            out.add(rule, line, f"Lùi vào {_mm(start)} mm, phải sát lề trái")


def _check_signer(out: DocxFindings, roles: Roles) -> None:
    """Ô 7a–7b: authority and position lines (R-KY-FMT), then the name (R-KY-TEN)."""
    if not roles.signer:
        out.add("R-KY-FMT", "văn bản", "Không tìm thấy quyền hạn, chức vụ của người ký")
    if roles.name is None:
        out.add("R-KY-TEN", "văn bản", "Không tìm thấy họ tên người ký")
        return
    for line in roles.signer:
        if AUTHORITY_START.match(fold(line.text)) and not re.match(
            r"(TM|KT|TL|TUQ|Q)\. \S", line.text
        ):
            out.add("R-KY-FMT", line, "Chữ viết tắt quyền hạn viết hoa, có dấu chấm và một dấu "
                    "cách, ví dụ \"KT. CHỦ TỊCH\"")  # fmt: skip
    _check_look(out, "authority", roles.signer)
    _check_look(out, "name", [roles.name])
