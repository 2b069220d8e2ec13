"""The NĐ 30 rules of the project: those the checker enforces (`RULES`), each with its
clause, its severity, the decree's own wording and what the checker looks at; those the
project applies by construction without checking them (`APPLIED`); then the limits the
checks measure against (`LIMITS` says what each is and whether the project chose it).

`docs/rules.md` is generated from these tables by `generator/ruledoc.py` (`make docs`):
every finding the checker reports names one of these IDs, and every number it compares
with is defined here once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: "note": what the checker says about the document that is no breach (its type).
Severity = Literal["error", "warning", "note"]
PL1 = "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I"
NOT_IN_ND30 = "not in NĐ 30/2020/NĐ-CP"


@dataclass(frozen=True)
class Rule:
    """A checked rule: its ID, where the decree says it, how bad a breach is, its words,
    and what the checker looks at for it."""

    id: str
    clause: str
    severity: Severity
    wording: str
    checks: str


@dataclass(frozen=True)
class AppliedRule:
    """A rule the project follows by construction but does not check: its ID, where the
    decree says it (`NOT_IN_ND30` when it does not), the decree's words, where the project
    applies it, and — for a value NĐ 30 does not fix — why the project chose it."""

    id: str
    clause: str
    wording: str
    applied: str
    choice: str = ""


@dataclass(frozen=True)
class Limit:
    """A number the checks compare with: the constant's name, the rules it serves, what it
    is, why the project chose it when NĐ 30 does not give it (empty when the decree does),
    and how a pair of values is shown ("–" for a range)."""

    name: str
    rules: tuple[str, ...]
    meaning: str
    choice: str = ""
    join: str = "–"


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("R-PAGE-1", f"{PL1}, Mục I.1", "error",
             "Khổ giấy: Khổ A4 (210 mm x 297 mm).",
             "DOCX: every section declares a page size within 1 mm of 210 × 297 mm (either "
             "orientation); PDF: every page's size, within 1 mm."),
        Rule("R-PAGE-2", f"{PL1}, Mục I.2", "error",
             "Kiểu trình bày: Theo chiều dài của khổ A4.",
             "DOCX: no section is landscape (set so, or wider than tall); PDF: no page is wider "
             "than tall."),
        Rule("R-MARGIN", f"{PL1}, Mục I.3", "error",
             "Định lề trang: Cách mép trên và mép dưới 20 - 25 mm, cách mép trái 30 - 35 mm, "
             "cách mép phải 15 - 20 mm.",
             "DOCX: each section's four margins (the gutter added to the left one), within 0.2 mm "
             "of their ranges; PDF: margins measured from where the text sits (left and right "
             "from the widest lines, top from the highest line, bottom only as a minimum on full "
             "pages), within 1 mm, the top up to 3 mm lower."),
        # A PDF whose Times New Roman was replaced by a metric twin gets a warning, or nothing
        # when the twin is accepted (`notice check --accept-twin`)
        Rule("R-FONT", f"{PL1}, Mục I.4", "error",
             "Phông chữ tiếng Việt Times New Roman, bộ mã ký tự Unicode theo Tiêu chuẩn Việt Nam "
             "TCVN 6909:2001, màu đen.",
             "DOCX: every run of the body, headers and footers in Times New Roman (no font "
             "declared: a warning), black or automatic colour, text in precomposed Unicode (NFC); "
             "PDF: every font embedded, the text in Times New Roman (the body in a metric twin "
             "such as Liberation Serif: a warning, nothing with --accept-twin)."),
        Rule("R-SIZE-0", f"{PL1}, Mục V, chú thích cột Cỡ chữ", "error",
             "Cỡ chữ trong cùng một văn bản tăng, giảm phải thống nhất: Quốc hiệu 13, Tiêu ngữ 14, "
             "địa danh và ngày, tháng, năm 14 hoặc Quốc hiệu 12, Tiêu ngữ 13, địa danh và ngày, "
             "tháng, năm 13.",
             "DOCX: when the Quốc hiệu, the Tiêu ngữ and the date line are each within their own "
             "size range, their main sizes are 13/14/14 or 12/13/13."),
        # No page number in a DOCX is a warning: a one-page notice needs none
        Rule("R-PGNUM", f"{PL1}, Mục I.7", "error",
             "Số trang văn bản: Được đánh từ số 1, bằng chữ số Ả Rập, cỡ chữ 13 đến 14, kiểu chữ "
             "đứng, được đặt canh giữa theo chiều ngang trong phần lề trên của văn bản, không hiển "
             "thị số trang thứ nhất.",
             "DOCX: a PAGE field in the header, centred, 13–14 pt, upright, Arabic, numbered from "
             "1, none on page 1, not in a footer instead (none at all: a warning); PDF of "
             "two pages or more: from page 2 the page's number above the text, centred on the "
             "text within 3 mm, 13–14 pt, and none on page 1."),
        Rule("R-QH", f"{PL1}, Mục II.1.a", "error",
             "Quốc hiệu: chữ in hoa, cỡ chữ từ 12 đến 13, kiểu chữ đứng, đậm và ở phía trên cùng, "
             "bên phải trang đầu tiên của văn bản.",
             "DOCX: a line reading CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM in the header, upper case, "
             "12–13 pt, bold, upright, centred."),
        Rule("R-TN", f"{PL1}, Mục II.1.b", "error",
             "Tiêu ngữ: chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm và được canh giữa "
             "dưới Quốc hiệu; chữ cái đầu của các cụm từ được viết hoa, giữa các cụm từ có gạch "
             "nối (-), có cách chữ.",
             "DOCX: the line right under the Quốc hiệu reads exactly \"Độc lập - Tự do - Hạnh "
             "phúc\" and is 13–14 pt, bold, upright, centred."),
        Rule("R-TN-LINE", f"{PL1}, Mục II.1.b", "error",
             "Phía dưới Tiêu ngữ có đường kẻ ngang, nét liền, có độ dài bằng độ dài của dòng chữ.",
             "DOCX: a rule under the Tiêu ngữ (a paragraph border or a drawn line) 90–110 % "
             "as long as the text, a border centred on it within 1 mm."),
        Rule("R-CQ-CQ", f"{PL1}, Mục II.2.b", "error",
             "Tên cơ quan, tổ chức chủ quản trực tiếp: chữ in hoa, cỡ chữ từ 12 đến 13, kiểu chữ "
             "đứng.",
             "DOCX: the parent body's lines, above the issuing body, are upper case, 12–13 pt, "
             "not bold, upright, centred."),
        Rule("R-CQ-BH", f"{PL1}, Mục II.2.b", "error",
             "Tên cơ quan, tổ chức ban hành văn bản: chữ in hoa, cỡ chữ từ 12 đến 13, kiểu chữ "
             "đứng, đậm, được đặt canh giữa dưới tên cơ quan, tổ chức chủ quản trực tiếp.",
             "DOCX: the issuing body's name is in the header and is upper case, 12–13 pt, bold, "
             "upright, centred."),
        Rule("R-CQ-LINE", f"{PL1}, Mục II.2.b", "error",
             "Phía dưới tên cơ quan ban hành có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 "
             "đến 1/2 độ dài của dòng chữ và đặt cân đối so với dòng chữ.",
             "DOCX: a rule under the issuing body's name, 1/3 to 1/2 (±1 %) as long as its "
             "longest line, a border centred on it within 1 mm."),
        Rule("R-SO-0", f"{PL1}, Mục II.3.a, c", "error",
             "Số của văn bản được ghi bằng chữ số Ả Rập; với những số nhỏ hơn 10 phải ghi thêm "
             "số 0 phía trước.",
             "DOCX: the number on the Số line has one leading zero below 10 (01–09) and none from "
             "10 on; a blank number (a draft) passes."),
        Rule("R-KH-1", f"{PL1}, Mục II.3.b; Phụ lục III", "error",
             "Ký hiệu của văn bản bao gồm chữ viết tắt tên loại văn bản (Thông báo: TB) và chữ "
             "viết tắt tên cơ quan, tổ chức ban hành văn bản.",
             "DOCX: the ký hiệu after the slash starts with TB, the abbreviation of Thông báo."),
        Rule("R-KH-FMT", f"{PL1}, Mục II.3.c", "error",
             "Từ \"Số\" được trình bày bằng chữ in thường, cỡ chữ 13, kiểu chữ đứng; sau từ \"Số\" "
             "có dấu hai chấm (:); ký hiệu chữ in hoa; giữa số và ký hiệu văn bản có dấu gạch "
             "chéo (/), giữa các nhóm chữ viết tắt có dấu gạch nối (-), không cách chữ.",
             "DOCX: the line reads `Số: <number>/<KÝ-HIỆU>` (no space before the slash, upper-case "
             "groups joined by hyphens) in 13 pt, not bold, upright; PDF: page 1's text layer "
             "yields such a line."),
        Rule("R-KH-POS", f"{PL1}, Mục II.3.c", "error",
             "Số, ký hiệu được đặt canh giữa dưới tên cơ quan, tổ chức ban hành văn bản.",
             "DOCX: the Số paragraph is centred."),
        Rule("R-DATE-1", f"{PL1}, Mục II.4.b", "error",
             "Thời gian ban hành văn bản phải được viết đầy đủ; các số thể hiện ngày, tháng, năm "
             "dùng chữ số Ả Rập; đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi "
             "thêm số 0 phía trước.",
             "DOCX: day, month and year on the date line in Arabic numerals, the day padded below "
             "10, the month padded for 1 and 2 only, a four-digit year; a blank part (a draft) "
             "passes."),
        Rule("R-DATE-FMT", f"{PL1}, Mục II.4.c", "error",
             "Địa danh và thời gian: trên cùng một dòng với số, ký hiệu văn bản; chữ in thường, "
             "cỡ chữ từ 13 đến 14, kiểu chữ nghiêng; các chữ cái đầu của địa danh phải viết hoa; "
             "sau địa danh có dấu phẩy (,); canh giữa so với Quốc hiệu và Tiêu ngữ.",
             "DOCX: the line reads `<Địa danh>, ngày … tháng … năm …` with a capitalised place, a "
             "comma after it and lower-case ngày, tháng, năm, in 13–14 pt, italic, not bold, "
             "centred; PDF: "
             "it stands on the row of the Số line (tops within 3 pt)."),
        Rule("R-TL", f"{PL1}, Mục II.5.b", "error",
             "Tên loại văn bản được đặt canh giữa theo chiều ngang văn bản, trình bày bằng chữ in "
             "hoa, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm.",
             "DOCX: a THÔNG BÁO line, upper case, 13–14 pt, bold, upright, centred; PDF: page 1's "
             "text layer yields THÔNG BÁO."),
        Rule("R-TY", f"{PL1}, Mục II.5.b", "error",
             "Trích yếu nội dung văn bản được đặt ngay dưới tên loại văn bản, trình bày bằng chữ "
             "in thường, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm.",
             "DOCX: centred lines right under THÔNG BÁO, in sentence case, 13–14 pt, bold, "
             "upright; PDF: page 1's text layer has bold text of two words or more right after "
             "THÔNG BÁO."),
        Rule("R-TY-LINE", f"{PL1}, Mục II.5.b", "error",
             "Bên dưới trích yếu có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ "
             "dài của dòng chữ và đặt cân đối so với dòng chữ.",
             "DOCX: a rule under the trích yếu, 1/3 to 1/2 (±1 %) as long as its longest "
             "line, a border centred on it within 1 mm."),
        Rule("R-ND-1", f"{PL1}, Mục II.6.e", "error",
             "Nội dung văn bản được canh đều cả hai lề; cỡ chữ từ 13 đến 14; khi xuống dòng, chữ "
             "đầu dòng lùi vào 1 cm hoặc 1,27 cm; khoảng cách giữa các đoạn văn tối thiểu là 6pt; "
             "khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa là 1,5 lines.",
             "DOCX: every body paragraph in 13–14 pt, at least 6 pt from the one before, line "
             "spacing from single to 1.5 lines; all but centred all-bold headings justified (a "
             "left-aligned paragraph that does not wrap passes), with no left indent and a "
             "first-line indent of 1 cm or 1.27 cm (±0.2 mm)."),
        # Template practice, not a textual rule: a warning only
        Rule("R-ND-END", "NĐ 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.4", "warning",
             "Phần nội dung kết thúc bằng dấu ./. ngay sau dấu chấm cuối cùng.",
             "DOCX: the last body paragraph ends with `./.` (a warning: every template of Phụ "
             "lục III does so, the text of Phụ lục I does not say it)."),
        Rule("R-NN-1", f"{PL1}, Mục II.9.c", "error",
             "Nơi nhận của thông báo gồm từ \"Nơi nhận\" và phần liệt kê; không có phần \"Kính "
             "gửi\" nên không ghi \"Như trên\".",
             "DOCX: no Nơi nhận entry starts with \"Như trên\"."),
        Rule("R-NN-HEAD", f"{PL1}, Mục II.9.d", "error",
             "Từ \"Nơi nhận\" được trình bày trên một dòng riêng (ngang hàng với dòng chữ quyền "
             "hạn, chức vụ của người ký và sát lề trái), sau có dấu hai chấm (:), bằng chữ in "
             "thường, cỡ chữ 12, kiểu chữ nghiêng, đậm.",
             "DOCX: a line reading exactly `Nơi nhận:`, 12 pt, bold, italic, flush left; PDF: its "
             "top level with the signer's first upper-case line, within 3 pt."),
        Rule("R-NN-LIST", f"{PL1}, Mục II.9.d", "error",
             "Phần liệt kê nơi nhận: chữ in thường, cỡ chữ 11, kiểu chữ đứng; mỗi nơi nhận một "
             "dòng riêng, đầu dòng có gạch đầu dòng (-) sát lề trái, cuối dòng có dấu chấm phẩy "
             "(;).",
             "DOCX: every entry in 11 pt, not bold, upright, flush left, starting with `- ` and, "
             "but for the Lưu line, ending with `;`."),
        Rule("R-NN-LUU", f"{PL1}, Mục II.9.d", "error",
             "Dòng cuối cùng gồm chữ \"Lưu\" sau có dấu hai chấm (:), chữ viết tắt \"VT\", dấu "
             "phẩy (,), chữ viết tắt tên đơn vị soạn thảo và số lượng bản lưu, cuối cùng là dấu "
             "chấm (.).",
             "DOCX: the last entry reads `- Lưu: VT, <đơn vị>…` and ends with a full stop; no "
             "entry follows it."),
        Rule("R-KY-FMT", f"{PL1}, Mục II.7.đ", "error",
             "Các chữ viết tắt quyền hạn \"TM.\", \"Q.\", \"KT.\", \"TL.\", \"TUQ.\" và quyền hạn, "
             "chức vụ của người ký được trình bày bằng chữ in hoa, cỡ chữ từ 13 đến 14, kiểu chữ "
             "đứng, đậm.",
             "DOCX: authority and position lines present, upper case, 13–14 pt, bold, upright, "
             "centred, each abbreviation written with its full stop and one space (`KT. CHỦ "
             "TỊCH`)."),
        Rule("R-KY-TEN", f"{PL1}, Mục II.7.đ", "error",
             "Họ và tên của người ký văn bản bằng chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ "
             "đứng, đậm, được đặt canh giữa quyền hạn, chức vụ của người ký.",
             "DOCX: the signer's name, the last line of the signer block, has each word "
             "capitalised and is 13–14 pt, bold, upright, centred."),
        Rule("R-TY-CV", f"{PL1}, Mục II.5.b", "error",
             "Trích yếu nội dung công văn được trình bày tại ô số 5b, sau chữ \"V/v\" bằng chữ "
             "in thường, cỡ chữ từ 12 đến 13, kiểu chữ đứng; được đặt canh giữa dưới số và ký "
             "hiệu văn bản.",
             "DOCX, a Công văn only: the \"V/v …\" lines under the number are 12–13 pt, not "
             "bold, upright. Their place is the number's column; the paragraph's alignment "
             "(centred or justified, both in use) is not judged."),
        # Not a breach: which rules a document that is not a Thông báo is checked by
        Rule("R-LOAI", "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I; Phụ lục III", "note",
             "Thể thức và kỹ thuật trình bày chung của văn bản hành chính (Phụ lục I); tên loại "
             "văn bản và chữ viết tắt (Phụ lục III): công văn không có tên loại, trích yếu ghi "
             "\"V/v …\" dưới số, ký hiệu.",
             "DOCX: the document's type, from its tên loại (a Phụ lục III title), a \"V/v …\" "
             "trích yếu under the number and a ký hiệu that opens with no type abbreviation; a "
             "Công văn or another type gets this note and only the rules common to all "
             "administrative documents (not R-KH-1, R-NN-1, nor, for a Công văn, R-TL and R-TY); "
             "PDF: a page 1 with a \"V/v …\" line and no tên loại gets the note instead of R-TL."),
    )
}  # fmt: skip

_AUTHORITY = ("Source validation: each line of `signer.authority` must start with TM., KT., "
              "TL., TUQ. or Q.; it is upper-cased and written with one space after the full "
              "stop, the lines kept in the order given.")  # fmt: skip

#: Rules the project applies by construction (templates, source validation, rendering,
#: signing) but does not check in a finished notice, so no finding names them.
APPLIED: dict[str, AppliedRule] = {
    r.id: r
    for r in (
        AppliedRule("R-SO-1", "NĐ 30/2020/NĐ-CP, Điều 15; Phụ lục I, Phần I, Mục II.3.a",
                    "Số của văn bản là số thứ tự văn bản do cơ quan, tổ chức ban hành trong một "
                    "năm …; bắt đầu liên tiếp từ số 01 vào ngày 01 tháng 01 và kết thúc vào ngày "
                    "31 tháng 12 hàng năm.",
                    "Register: `notice` gives each notice the next number of its issuing body, "
                    "ký hiệu and year, from 1 again on 1 January; a number given twice is refused "
                    "and a number below 1 rejected."),
        AppliedRule("R-DD-PROV", f"{PL1}, Mục II.4.a",
                    "Địa danh ghi trên văn bản do cơ quan nhà nước ở địa phương ban hành là tên "
                    "gọi chính thức của đơn vị hành chính nơi cơ quan ban hành văn bản đóng trụ "
                    "sở.",
                    "Source: `place` is printed as written; the issuer's level says what it is "
                    "(profile/issuers.py): the province for a provincial body, the commune's own "
                    "name for a xã, phường or đặc khu, the city of the seat for a central body; "
                    "`notice new --issuer` asks for it so and `notice validate` warns when it "
                    "differs from the province or commune the header names.",
                    "The decree gives no example for a province; its name without «tỉnh» is "
                    "current practice of provincial bodies, not a rule of NĐ 30."),
        AppliedRule("R-ND-PMK", f"{PL1}, Mục V, bảng, mục 6.b (gồm phần, mục, khoản, điểm)",
                    "Số thứ tự và tiêu đề của mục: In hoa, 13 - 14, Đứng, đậm (I. NHỮNG KẾT "
                    "QUẢ...).",
                    "Render: every number is computed from the item's place in the conclusions "
                    "tree, never typed (`I.`, `1.` or `2.1.`, `a)`, `-`, `+` as the source's "
                    "`numbering` says); a Roman-numbered heading is upper case and bold."),
        AppliedRule("R-ND-KHOAN", f"{PL1}, Mục II.6.đ",
                    "Số thứ tự các khoản trong mỗi mục dùng chữ số Ả Rập, sau số thứ tự có dấu "
                    "chấm (.), … kiểu chữ đứng. Nếu khoản có tiêu đề, số thứ tự và tiêu đề của "
                    "khoản được trình bày trên một dòng riêng, bằng chữ in thường, … kiểu chữ "
                    "đứng, đậm.",
                    "Render and template: a khoản is numbered `1.` (`2.1.` when nested); a titled "
                    "khoản has its number and title on a line of their own in bold (style "
                    "`TB De muc`), its text below."),
        AppliedRule("R-ND-DIEM", f"{PL1}, Mục II.6.đ",
                    "Thứ tự các điểm trong mỗi khoản dùng các chữ cái tiếng Việt theo thứ tự bảng "
                    "chữ cái tiếng Việt, sau có dấu đóng ngoặc đơn, bằng chữ in thường, cỡ chữ "
                    "bằng cỡ chữ của phần lời văn, kiểu chữ đứng.",
                    "Render: điểm are lettered `a)` … `d)`, `đ)`, `e)`, `g)` … `y)` (no f, j, w, "
                    "z), not bold; a khoản with more than 23 điểm is rejected."),
        AppliedRule("R-ND-DASH", NOT_IN_ND30, "",
                    "Render: the levels below điểm are `-`, then `+`, not bold, in the body's "
                    "size and first-line indent.",
                    "NĐ 30 defines no level below điểm; real notices use `-`, then `+`."),
        AppliedRule("R-ND-FN", NOT_IN_ND30, "",
                    "Render and template: real Word footnotes, each mark right after its span, "
                    "numbered 1, 2, 3 … in reading order; their text in the style FootnoteText, "
                    "Times New Roman 10 pt, regular, justified.",
                    "NĐ 30 sets no size or style for footnotes; 10 pt follows the one footnote "
                    "of the decree's own Phụ lục I."),
        AppliedRule("R-ND-CC", f"{PL1}, Mục II.6",
                    "chữ in thường, kiểu chữ nghiêng, cỡ chữ từ 13 đến 14, trình bày dưới phần "
                    "tên loại và trích yếu …; sau mỗi căn cứ phải xuống dòng, cuối dòng có dấu "
                    "chẩm phẩy (;), dòng cuối cùng kết thúc bằng dấu chấm (.).",
                    "Source and render: `bases` are printed one a line before the opening, in "
                    "italics, the `;` after each and the `.` after the last computed."),
        AppliedRule("R-PL", f"{PL1}, Mục V, bảng, dòng «Phụ lục» + số / tiêu đề",
                    "\"Phụ lục\" + số / tiêu đề: In thường / In hoa; 14 / 13 - 14; Đứng, đậm "
                    "(Phụ lục I / BẢNG CHỮ VIẾT TẮT).",
                    "Source and render: `appendices` follow the signature, each on a new page: "
                    "`Phụ lục` (numbered I, II, … when there are two or more) bold and centred, "
                    "its title in capitals, bold, `(Kèm theo Thông báo số … ngày …)` in italics, "
                    "then its paragraphs; the checker reads them apart from ô 7 and ô 9b.",
                    "The phụ lục pages continue the notice's page numbers: numbering each phụ "
                    "lục on its own (Phần I §III.1.đ) is not done yet."),
        AppliedRule("R-ND-PH", f"{PL1}, Mục II.6.đ",
                    "Từ \"Phần\", \"Chương\" và số thứ tự của phần, chương được trình bày trên một "
                    "dòng riêng, canh giữa, bằng chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ "
                    "đứng, đậm. Số thứ tự của phần, chương dùng chữ số La Mã.",
                    "Checker, recognition only: a centred, all-bold body paragraph is taken for "
                    "such a heading and not held to the justification and first-line indent of "
                    "R-ND-1. The generator writes no phần or chương."),
        AppliedRule("R-NN-12", f"{PL1}, Mục III.3",
                    "Ký hiệu người soạn thảo văn bản và số lượng bản phát hành: … ký hiệu bằng "
                    "chữ in hoa, số lượng bản bằng chữ số Ả Rập, cỡ chữ 11, kiểu chữ đứng.",
                    "Source validation and render: `archive.drafter` and `archive.issued_copies` "
                    "follow the units on the Lưu line (`Lưu: VT, TCCB(2).PL(300).`), in the "
                    "11 pt of the Nơi nhận list; issued copies without a drafter are rejected.",
                    "The drafter's mark is written as the source gives it, not forced to upper "
                    "case: the reference notices write a name there (`KGVX.Cường.`)."),
        AppliedRule("R-KY-TM", f"{PL1}, Mục II.7.b",
                    "Trường hợp ký thay mặt tập thể thì phải ghi chữ viết tắt \"TM.\" vào trước "
                    "tên tập thể lãnh đạo hoặc tên cơ quan, tổ chức.",
                    f"{_AUTHORITY} TM. is allowed on the first line only."),
        AppliedRule("R-KY-Q", f"{PL1}, Mục II.7.b",
                    "Trường hợp được giao quyền cấp trưởng thì phải ghi chữ viết tắt \"Q.\" vào "
                    "trước chức vụ của người đứng đầu cơ quan, tổ chức.",
                    _AUTHORITY),
        AppliedRule("R-KY-KT", f"{PL1}, Mục II.7.b",
                    "Trường hợp ký thay người đứng đầu cơ quan, tổ chức thì phải ghi chữ viết tắt "
                    "\"KT.\" vào trước chức vụ của người đứng đầu.",
                    _AUTHORITY),
        AppliedRule("R-KY-TL", f"{PL1}, Mục II.7.b",
                    "Trường hợp ký thừa lệnh thì phải ghi chữ viết tắt \"TL.\" vào trước chức vụ "
                    "của người đứng đầu cơ quan, tổ chức.",
                    _AUTHORITY),
        AppliedRule("R-KY-TUQ", f"{PL1}, Mục II.7.b",
                    "Trường hợp ký thừa uỷ quyền thì phải ghi chữ viết tắt \"TUQ.\" vào trước "
                    "chức vụ của người đứng đầu cơ quan, tổ chức.",
                    _AUTHORITY),
        AppliedRule("R-KY-CK", f"{PL1}, Mục II.7.đ",
                    "Chữ ký của người có thẩm quyền được trình bày tại ô số 7c Mục IV Phần I Phụ "
                    "lục này.",
                    "Template: a 28 mm gap (style `TB Khoang ky`, exact line height) between the "
                    "position lines and the name; `notice render --sign-field` puts an empty "
                    "signature field exactly over it.",
                    "NĐ 30 sets no height for the gap; practice is three to five blank lines, "
                    "about 25–35 mm."),
        AppliedRule("R-E-SIGNER", f"{PL1}, Mục II.7.d",
                    "Hình ảnh, vị trí chữ ký số của người có thẩm quyền là hình ảnh chữ ký của "
                    "người có thẩm quyền trên văn bản giấy, màu xanh, định dạng Portable Network "
                    "Graphics (.png) nền trong suốt; đặt canh giữa chức vụ của người ký và họ tên "
                    "người ký.",
                    "Signing: `notice sign --signature-image` draws the signer's PNG centred in "
                    "the gap between the position lines and the name; its colour and "
                    "transparency are the image's own."),
        AppliedRule("R-E-ORG", f"{PL1}, Mục II.8.a",
                    "Hình ảnh, vị trí chữ ký số của cơ quan, tổ chức là hình ảnh dấu của cơ quan, "
                    "tổ chức ban hành văn bản trên văn bản, màu đỏ, kích thước bằng kích thước "
                    "thực tế của dấu, định dạng (.png) nền trong suốt, trùm lên khoảng 1/3 hình "
                    "ảnh chữ ký số của người có thẩm quyền về bên trái.",
                    "Signing: `notice sign --seal-image` draws the seal's PNG at the size given "
                    "(`--seal-mm`) over about the left third of the signature image.",
                    "NĐ 30 asks for the seal's real size without giving it (seal specimens are "
                    "regulated elsewhere): the 40 mm of `--seal-mm` is only a default."),
        AppliedRule("R-E-ATT", f"{PL1}, Mục II.8.b",
                    "Vị trí: Góc trên, bên phải, trang đầu của văn bản kèm theo. Hình ảnh chữ ký "
                    "số của cơ quan, tổ chức: Không hiển thị. Thông tin: Số và ký hiệu văn bản; "
                    "thời gian ký (ngày tháng năm; giờ phút giây; múi giờ Việt Nam theo tiêu "
                    "chuẩn ISO 8601) … Times New Roman, chữ in thường, kiểu chữ đứng, cỡ chữ 10, "
                    "màu đen.",
                    "Electronic issue: `notice issue --signed-pdf … --attachment FILE` signs each "
                    "attachment in a separate file with the organisation's key, no image, the "
                    "number and ký hiệu and the signing time (ISO 8601, +07:00) at the top right "
                    "of page 1 in Liberation Serif 10 pt, black."),
        AppliedRule("R-E-NOTE", "NĐ 30/2020/NĐ-CP, Điều 13.7",
                    "Đối với văn bản điện tử, người có thẩm quyền thực hiện ký số. Vị trí, hình "
                    "ảnh chữ ký số theo quy định tại Phụ lục I.",
                    "Electronic issue: `notice draft` leaves the number and date as blank fields, "
                    "the leader signs first (`notice sign`, a certification permitting only form "
                    "filling and signing), then `notice issue --signed-pdf` fills them and adds "
                    "the organisation's signature, shown as the seal image only.",
                    "NĐ 30 gives no text block for the organisation's signature on the main "
                    "document (only attachments and copies have one), so none is drawn."),
    )
}  # fmt: skip

# The limits the checks measure against, each next to the rule it comes from (`LIMITS`).
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
#: R-ND-1 line spacing: 1.0–1.5 lines; as exact/at-least points, from 15/14 of the size (15 pt
#: exactly at 14 pt counts as single) to 1.5 single lines of Times New Roman (1.15 em).
LINE_MULTIPLE = (1.0, 1.5)
LINE_EXACT_EM = (15 / 14, 1.5 * 1.15)
TN_LINE_RATIO = (0.9, 1.1)  # R-TN-LINE: "bằng độ dài của dòng chữ", ±10 % for a drawn rule
SHORT_LINE_RATIO = (1 / 3 - 0.01, 1 / 2 + 0.01)  # R-CQ-LINE, R-TY-LINE, ±1 % for rounding
RULE_CENTRE_TOLERANCE_MM = 1.0  # "đặt cân đối so với dòng chữ"
#: A left-aligned header line as wide as its column counts as centred when its middle is
#: this close to the column's (R-QH, R-TN, R-KH-POS, R-DATE-FMT …). Project choice.
SPACE_CENTRE_TOLERANCE_MM = 5.0
#: Word's default left cell margin: a Nơi nhận line pulled back by it sits on the page's
#: margin, "sát lề trái" (R-NN-HEAD, R-NN-LIST).
CELL_MARGIN_MM = 1.905
PAGE_NUMBER_CENTRE_TOLERANCE_MM = 3.0  # R-PGNUM in a PDF: "canh giữa theo chiều ngang"
#: R-DATE-FMT ("trên cùng một dòng với số") and R-NN-HEAD ("ngang hàng với … quyền hạn"):
#: the tops of two lines on one row may differ by their sizes' ascents (12 vs 14 pt: < 1 pt);
#: a line pushed down by one line of text moves ≥ 12 pt. Project choice, not in NĐ 30.
PDF_ROW_TOLERANCE_PT = 3.0

_LINES = ("R-TN-LINE", "R-CQ-LINE", "R-TY-LINE")
#: What each limit above is, the rules it serves and, when NĐ 30 does not give it, why the
#: project chose it. `docs/rules.md` shows each with its value.
LIMITS: tuple[Limit, ...] = (
    Limit("A4_MM", ("R-PAGE-1",), "A4 page size (mm).", join=" × "),
    Limit("PAGE_TOLERANCE_MM", ("R-PAGE-1",), "Largest difference from A4 on each side (mm).",
          "Rounding of twips and PDF points."),
    Limit("MARGINS_MM", ("R-MARGIN",), "Range of each margin (mm)."),
    Limit("MARGIN_TOLERANCE_MM", ("R-MARGIN",),
          "DOCX: how far a margin may lie outside its range (mm).", "Rounding of twips only."),
    Limit("PDF_MARGIN_TOLERANCE_MM", ("R-MARGIN",),
          "PDF: how far a margin measured from the text may lie outside its range (mm).",
          "Glyph side bearings and line leading put the text a little inside the margin."),
    Limit("PDF_TOP_SLACK_MM", ("R-MARGIN",),
          "PDF: how much lower than 25 mm (plus the tolerance) the first line may start (mm).",
          "Space before the first paragraph may push it down."),
    Limit("FONT_NAME", ("R-FONT",), "The font of every character."),
    Limit("METRIC_TWINS", ("R-FONT",),
          "Fonts with the widths of Times New Roman: in a PDF's body a warning, not an error.",
          "PDF engines without Times New Roman put these in its place; the layout is unchanged.",
          join=", "),
    Limit("SIZE_PROFILES", ("R-SIZE-0",),
          "Quốc hiệu / Tiêu ngữ / date line sizes (pt): the decree's two examples."),
    Limit("PAGE_NUMBER_PT", ("R-PGNUM",), "Page number size (pt)."),
    Limit("PAGE_NUMBER_CENTRE_TOLERANCE_MM", ("R-PGNUM",),
          "PDF: largest offset of the page number from the centre of the text (mm).",
          "«Canh giữa theo chiều ngang» gives no number."),
    Limit("BODY_PT", ("R-ND-1",), "Body text size (pt)."),
    Limit("BODY_INDENTS_MM", ("R-ND-1",), "First-line indent of a body paragraph (mm).",
          join=" or "),
    Limit("INDENT_TOLERANCE_MM", ("R-ND-1", "R-NN-HEAD", "R-NN-LIST"),
          "Largest difference from a first-line indent, and the largest indent that is still "
          "flush left (mm).", "Rounding of twips."),
    Limit("BODY_MIN_GAP_PT", ("R-ND-1",), "Smallest space between two body paragraphs (pt)."),
    Limit("LINE_MULTIPLE", ("R-ND-1",), "Line spacing in lines, set as a multiple."),
    Limit("LINE_EXACT_EM", ("R-ND-1",),
          "Line spacing set in points (exactly, or at least for the upper bound), as a multiple "
          "of the font size.",
          "The decree counts lines, not points: one single line of Times New Roman is taken as "
          "1.15 em, and 15 pt at 14 pt still counts as single spacing."),
    Limit("TN_LINE_RATIO", ("R-TN-LINE",),
          "Length of the rule under the Tiêu ngữ, as a share of the text's width.",
          "«Bằng độ dài của dòng chữ», with 10 % either way for a drawn rule."),
    Limit("SHORT_LINE_RATIO", ("R-CQ-LINE", "R-TY-LINE"),
          "Length of the rule under the issuing body and the trích yếu, as a share of the "
          "longest line.", "1/3 to 1/2 is the decree's; the 1 % either way is for rounding."),
    Limit("RULE_CENTRE_TOLERANCE_MM", _LINES,
          "Largest offset of a rule's centre from its text's centre (mm).",
          "«Đặt cân đối so với dòng chữ» gives no number."),
    Limit("SPACE_CENTRE_TOLERANCE_MM", ("R-QH", "R-TN", "R-CQ-BH", "R-KH-POS", "R-DATE-FMT"),
          "DOCX: a left-aligned header line as wide as its column counts as centred when its "
          "middle is this close to the column's (mm); one set in with spaces or tabs is judged "
          "only when it does not fit its column.",
          "Word users centre header lines by hand; spaces cannot be measured as Word lays them "
          "out, so only a line that overflows is reported."),
    Limit("CELL_MARGIN_MM", ("R-NN-HEAD", "R-NN-LIST"),
          "DOCX: how far a Nơi nhận line in a table cell may start left of the cell's text "
          "(mm): a line pulled back by Word's default cell margin sits on the page margin.",
          "Word's default left cell margin, 0,19 cm."),
    Limit("PDF_ROW_TOLERANCE_PT", ("R-DATE-FMT", "R-NN-HEAD"),
          "PDF: largest difference between the tops of two lines on one row (pt).",
          "The tops of a 12 pt and a 14 pt line differ by under 1 pt; a line pushed down by one "
          "line of text moves 12 pt or more."),
)  # fmt: skip


@dataclass(frozen=True)
class Style:
    """How one component must look: its rule, sizes, weight, slant, case and alignment.

    `bold`/`italic` None means the rule says nothing; `case` is "upper", "sentence"
    (chữ in thường, first letter capital) or "name" (each word capitalised); `align` "any"
    means the paragraph's alignment is not judged (the column gives the place).
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
    "letter_subject": Style("R-TY-CV", (12, 13), False, False, None, "any"),
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
