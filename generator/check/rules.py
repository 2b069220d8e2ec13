"""The NĐ 30 rules the checker enforces: one entry per rule of `spec/nd30.md`, with its
clause, its severity and the decree's own wording, then the limits measured against it.

Read this file next to the spec: every finding the checker reports names one of these
IDs, and every number it compares with is defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: "note": what the checker says about the document that is no breach (its type).
Severity = Literal["error", "warning", "note"]
PL1 = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I"


@dataclass(frozen=True)
class Rule:
    """One rule: ID of the spec, where the decree says it, how bad a breach is, its words."""

    id: str
    clause: str
    severity: Severity
    wording: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("R-PAGE-1", f"{PL1}, Mục I (spec §1)", "error",
             "Khổ giấy: Khổ A4 (210 mm x 297 mm)."),
        Rule("R-PAGE-2", f"{PL1}, Mục I (spec §1)", "error",
             "Kiểu trình bày: Theo chiều dài của khổ A4."),
        Rule("R-MARGIN", f"{PL1}, Mục I (spec §1)", "error",
             "Định lề trang: Cách mép trên và mép dưới 20 - 25 mm, cách mép trái 30 - 35 mm, "
             "cách mép phải 15 - 20 mm."),
        # A PDF whose Times New Roman was replaced by a metric twin gets a warning (spec §16 facts)
        Rule("R-FONT", f"{PL1}, Mục I (spec §1)", "error",
             "Phông chữ tiếng Việt Times New Roman, bộ mã ký tự Unicode theo Tiêu chuẩn Việt Nam "
             "TCVN 6909:2001, màu đen."),
        Rule("R-SIZE-0", f"{PL1}, Mục V, chú thích cột Cỡ chữ (spec §1)", "error",
             "Cỡ chữ trong cùng một văn bản tăng, giảm phải thống nhất: Quốc hiệu 13, Tiêu ngữ 14, "
             "địa danh và ngày, tháng, năm 14 hoặc Quốc hiệu 12, Tiêu ngữ 13, địa danh và ngày, "
             "tháng, năm 13."),
        # No page number in a DOCX is a warning: a one-page notice needs none
        Rule("R-PGNUM", f"{PL1}, Mục I (spec §1)", "error",
             "Số trang văn bản: Được đánh từ số 1, bằng chữ số Ả Rập, cỡ chữ 13 đến 14, kiểu chữ "
             "đứng, được đặt canh giữa theo chiều ngang trong phần lề trên của văn bản, không hiển "
             "thị số trang thứ nhất."),
        Rule("R-QH", f"{PL1}, Mục II.1 (spec §2)", "error",
             "Quốc hiệu: chữ in hoa, cỡ chữ từ 12 đến 13, kiểu chữ đứng, đậm và ở phía trên cùng, "
             "bên phải trang đầu tiên của văn bản."),
        Rule("R-TN", f"{PL1}, Mục II.1 (spec §2)", "error",
             "Tiêu ngữ: chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm và được canh giữa "
             "dưới Quốc hiệu; chữ cái đầu của các cụm từ được viết hoa, giữa các cụm từ có gạch "
             "nối (-), có cách chữ."),
        Rule("R-TN-LINE", f"{PL1}, Mục II.1 (spec §2)", "error",
             "Phía dưới Tiêu ngữ có đường kẻ ngang, nét liền, có độ dài bằng độ dài của dòng chữ."),
        Rule("R-CQ-CQ", f"{PL1}, Mục II.2 (spec §3)", "error",
             "Tên cơ quan, tổ chức chủ quản trực tiếp: chữ in hoa, cỡ chữ từ 12 đến 13, kiểu chữ "
             "đứng."),
        Rule("R-CQ-BH", f"{PL1}, Mục II.2 (spec §3)", "error",
             "Tên cơ quan, tổ chức ban hành văn bản: chữ in hoa, cỡ chữ từ 12 đến 13, kiểu chữ "
             "đứng, đậm, được đặt canh giữa dưới tên cơ quan, tổ chức chủ quản trực tiếp."),
        Rule("R-CQ-LINE", f"{PL1}, Mục II.2 (spec §3)", "error",
             "Phía dưới tên cơ quan ban hành có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 "
             "đến 1/2 độ dài của dòng chữ và đặt cân đối so với dòng chữ."),
        Rule("R-SO-0", f"{PL1}, Mục II.3 (spec §4)", "error",
             "Số của văn bản được ghi bằng chữ số Ả Rập; với những số nhỏ hơn 10 phải ghi thêm "
             "số 0 phía trước."),
        Rule("R-KH-1", f"{PL1}, Mục II.3; Phụ lục III (spec §4)", "error",
             "Ký hiệu của văn bản bao gồm chữ viết tắt tên loại văn bản (Thông báo: TB) và chữ "
             "viết tắt tên cơ quan, tổ chức ban hành văn bản."),
        Rule("R-KH-FMT", f"{PL1}, Mục II.3 (spec §4)", "error",
             "Từ \"Số\" được trình bày bằng chữ in thường, cỡ chữ 13, kiểu chữ đứng; sau từ \"Số\" "
             "có dấu hai chấm (:); ký hiệu chữ in hoa; giữa số và ký hiệu văn bản có dấu gạch "
             "chéo (/), giữa các nhóm chữ viết tắt có dấu gạch nối (-), không cách chữ."),
        Rule("R-KH-POS", f"{PL1}, Mục II.3 (spec §4)", "error",
             "Số, ký hiệu được đặt canh giữa dưới tên cơ quan, tổ chức ban hành văn bản."),
        Rule("R-DATE-1", f"{PL1}, Mục II.4 (spec §5)", "error",
             "Thời gian ban hành văn bản phải được viết đầy đủ; các số thể hiện ngày, tháng, năm "
             "dùng chữ số Ả Rập; đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi "
             "thêm số 0 phía trước."),
        Rule("R-DATE-FMT", f"{PL1}, Mục II.4 (spec §5)", "error",
             "Địa danh và thời gian: trên cùng một dòng với số, ký hiệu văn bản; chữ in thường, "
             "cỡ chữ từ 13 đến 14, kiểu chữ nghiêng; các chữ cái đầu của địa danh phải viết hoa; "
             "sau địa danh có dấu phẩy (,); canh giữa so với Quốc hiệu và Tiêu ngữ."),
        Rule("R-TL", f"{PL1}, Mục II.5 (spec §6)", "error",
             "Tên loại văn bản được đặt canh giữa theo chiều ngang văn bản, trình bày bằng chữ in "
             "hoa, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm."),
        Rule("R-TY", f"{PL1}, Mục II.5 (spec §6)", "error",
             "Trích yếu nội dung văn bản được đặt ngay dưới tên loại văn bản, trình bày bằng chữ "
             "in thường, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm."),
        Rule("R-TY-LINE", f"{PL1}, Mục II.5 (spec §6)", "error",
             "Bên dưới trích yếu có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ "
             "dài của dòng chữ và đặt cân đối so với dòng chữ."),
        Rule("R-ND-1", f"{PL1}, Mục II.6 (spec §7)", "error",
             "Nội dung văn bản được canh đều cả hai lề; cỡ chữ từ 13 đến 14; khi xuống dòng, chữ "
             "đầu dòng lùi vào 1 cm hoặc 1,27 cm; khoảng cách giữa các đoạn văn tối thiểu là 6pt; "
             "khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa là 1,5 lines."),
        # Template practice, not a textual rule (spec §16.2): a warning only
        Rule("R-ND-END", "NĐ 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.4 (spec §7)", "warning",
             "Phần nội dung kết thúc bằng dấu ./. ngay sau dấu chấm cuối cùng."),
        Rule("R-NN-1", f"{PL1}, Mục II.9 (spec §11)", "error",
             "Nơi nhận của thông báo gồm từ \"Nơi nhận\" và phần liệt kê; không có phần \"Kính "
             "gửi\" nên không ghi \"Như trên\"."),
        Rule("R-NN-HEAD", f"{PL1}, Mục II.9 (spec §11)", "error",
             "Từ \"Nơi nhận\" được trình bày trên một dòng riêng (ngang hàng với dòng chữ quyền "
             "hạn, chức vụ của người ký và sát lề trái), sau có dấu hai chấm (:), bằng chữ in "
             "thường, cỡ chữ 12, kiểu chữ nghiêng, đậm."),
        Rule("R-NN-LIST", f"{PL1}, Mục II.9 (spec §11)", "error",
             "Phần liệt kê nơi nhận: chữ in thường, cỡ chữ 11, kiểu chữ đứng; mỗi nơi nhận một "
             "dòng riêng, đầu dòng có gạch đầu dòng (-) sát lề trái, cuối dòng có dấu chấm phẩy "
             "(;)."),
        Rule("R-NN-LUU", f"{PL1}, Mục II.9 (spec §11)", "error",
             "Dòng cuối cùng gồm chữ \"Lưu\" sau có dấu hai chấm (:), chữ viết tắt \"VT\", dấu "
             "phẩy (,), chữ viết tắt tên đơn vị soạn thảo và số lượng bản lưu, cuối cùng là dấu "
             "chấm (.)."),
        Rule("R-KY-FMT", f"{PL1}, Mục II.7 (spec §8)", "error",
             "Các chữ viết tắt quyền hạn \"TM.\", \"Q.\", \"KT.\", \"TL.\", \"TUQ.\" và quyền hạn, "
             "chức vụ của người ký được trình bày bằng chữ in hoa, cỡ chữ từ 13 đến 14, kiểu chữ "
             "đứng, đậm."),
        Rule("R-KY-TEN", f"{PL1}, Mục II.7 (spec §8)", "error",
             "Họ và tên của người ký văn bản bằng chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ "
             "đứng, đậm, được đặt canh giữa quyền hạn, chức vụ của người ký."),
        # Not a breach: which rules a document that is not a Thông báo is checked by
        Rule("R-LOAI", "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I; Phụ lục III", "note",
             "Thể thức và kỹ thuật trình bày chung của văn bản hành chính (Phụ lục I); tên loại "
             "văn bản và chữ viết tắt (Phụ lục III): công văn không có tên loại, trích yếu ghi "
             "\"V/v …\" dưới số, ký hiệu."),
    )
}  # fmt: skip

# The limits the checks measure against, each next to the rule it comes from.
MARGINS_MM = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}  # R-MARGIN
MARGIN_NAMES = {"top": "Lề trên", "bottom": "Lề dưới", "left": "Lề trái", "right": "Lề phải"}
A4_MM = (210, 297)  # R-PAGE-1
PAGE_TOLERANCE_MM = 1.0  # R-PAGE-1: rounding of twips and PDF points
MARGIN_TOLERANCE_MM = 0.2  # R-MARGIN in a DOCX: twips rounding only
PDF_MARGIN_TOLERANCE_MM = 1.0  # R-MARGIN in a PDF: glyph side bearings and line leading
PDF_TOP_SLACK_MM = 3.0  # R-MARGIN in a PDF: space before the first line may push it down
FONT_NAME = "Times New Roman"  # R-FONT
#: Fonts with the advance widths of Times New Roman that PDF engines put in its place.
METRIC_TWINS = ("Liberation Serif", "Tinos", "Nimbus Roman", "TeX Gyre Termes", "Times")
SIZE_PROFILES = ((12, 13, 13), (13, 14, 14))  # R-SIZE-0: Quốc hiệu / Tiêu ngữ / địa danh-ngày
PAGE_NUMBER_PT = (13, 14)  # R-PGNUM
BODY_PT = (13, 14)  # R-ND-1
BODY_INDENTS_MM = (10.0, 12.7)  # R-ND-1: "1 cm hoặc 1,27 cm"
INDENT_TOLERANCE_MM = 0.2
BODY_MIN_GAP_PT = 6  # R-ND-1: space between paragraphs
#: R-ND-1 line spacing: 1.0–1.5 lines; as exact/at-least points, from 15/14 of the size (spec
#: §15 allows "at least 15–18 pt" at 14 pt) to 1.5 single lines of Times New Roman (1.15 em).
LINE_MULTIPLE = (1.0, 1.5)
LINE_EXACT_EM = (15 / 14, 1.5 * 1.15)
TN_LINE_RATIO = (0.9, 1.1)  # R-TN-LINE: "bằng độ dài của dòng chữ", ±10 % for a drawn rule
SHORT_LINE_RATIO = (1 / 3 - 0.01, 1 / 2 + 0.01)  # R-CQ-LINE, R-TY-LINE, ±1 % for rounding
RULE_CENTRE_TOLERANCE_MM = 1.0  # "đặt cân đối so với dòng chữ"
#: A header line set in with spaces or tabs counts as centred when its middle is this close
#: to its column's (R-QH, R-TN, R-KH-POS, R-DATE-FMT …). Project choice, not in NĐ 30.
SPACE_CENTRE_TOLERANCE_MM = 5.0
#: Word's default left cell margin: a Nơi nhận line pulled back by it sits on the page's
#: margin, "sát lề trái" (R-NN-HEAD, R-NN-LIST).
CELL_MARGIN_MM = 1.905
PAGE_NUMBER_CENTRE_TOLERANCE_MM = 3.0  # R-PGNUM in a PDF: "canh giữa theo chiều ngang"
#: R-DATE-FMT ("trên cùng một dòng với số") and R-NN-HEAD ("ngang hàng với … quyền hạn"):
#: the tops of two lines on one row may differ by their sizes' ascents (12 vs 14 pt: < 1 pt);
#: a line pushed down by one line of text moves ≥ 12 pt. Project choice, not in NĐ 30.
PDF_ROW_TOLERANCE_PT = 3.0


@dataclass(frozen=True)
class Style:
    """How one component must look: its rule, sizes, weight, slant, case and alignment.

    `bold`/`italic` None means the rule says nothing; `case` is "upper", "sentence"
    (chữ in thường, first letter capital) or "name" (each word capitalised).
    """

    rule: str
    sizes: tuple[float, float]
    bold: bool | None
    italic: bool | None
    case: str | None
    align: str
    align_rule: str | None = None


#: The components found by role, and the look NĐ 30 gives each (Phụ lục I, Mục II and V).
COMPONENTS: dict[str, Style] = {
    "quoc_hieu": Style("R-QH", (12, 13), True, False, "upper", "center"),
    "tieu_ngu": Style("R-TN", (13, 14), True, False, None, "center"),
    "parent": Style("R-CQ-CQ", (12, 13), False, False, "upper", "center"),
    "agency": Style("R-CQ-BH", (12, 13), True, False, "upper", "center"),
    "number": Style("R-KH-FMT", (13, 13), False, False, None, "center", "R-KH-POS"),
    "date": Style("R-DATE-FMT", (13, 14), False, True, None, "center"),
    "doc_type": Style("R-TL", (13, 14), True, False, "upper", "center"),
    "subject": Style("R-TY", (13, 14), True, False, "sentence", "center"),
    "nn_head": Style("R-NN-HEAD", (12, 12), True, True, None, "left"),
    "nn_entry": Style("R-NN-LIST", (11, 11), False, False, None, "left"),
    "authority": Style("R-KY-FMT", (13, 14), True, False, "upper", "center"),
    "name": Style("R-KY-TEN", (13, 14), True, False, "name", "center"),
}


@dataclass(frozen=True)
class Finding:
    """One breach of a rule: which rule, how bad, where, the text concerned, and why."""

    rule: str
    severity: Severity
    location: str
    text: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """The finding with its rule's clause, for JSON output."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "location": self.location,
            "text": self.text,
            "message": self.message,
            "clause": RULES[self.rule].clause,
        }


class Findings(list):
    """The findings of one file as they are collected."""

    def add(
        self,
        rule: str,
        where: str,
        detail: str,
        *,
        text: str = "",
        severity: Severity | None = None,
    ) -> None:
        """Add a finding of `rule` at `where` about `text`."""
        self.append(finding(rule, where, text, detail, severity=severity))


def is_a4(width_mm: float, height_mm: float) -> bool:
    """R-PAGE-1: A4 in either orientation (R-PAGE-2 judges the orientation)."""
    pairs = zip(sorted((width_mm, height_mm)), A4_MM, strict=True)
    return all(abs(a - b) <= PAGE_TOLERANCE_MM for a, b in pairs)


def vi_num(value: float) -> str:
    """A measure the Vietnamese way, for messages: `25`, `12,7`."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def finding(
    rule: str, location: str, text: str, detail: str, *, severity: Severity | None = None
) -> Finding:
    """A finding of `rule` whose message is `detail` followed by the rule ID.

    Raises KeyError for an ID that is not in `RULES`, so no finding cites an unknown rule.
    """
    entry = RULES[rule]
    shown = " ".join(text.split())
    if len(shown) > 80:
        shown = shown[:79] + "…"
    return Finding(rule, severity or entry.severity, location, shown, f"{detail} ({rule})")
