"""What an editor shows from the JSON Schema, in Vietnamese: titles, examples, error messages.

`schema.py` builds the schema's structure; this module holds its words. An editor running
`yaml-language-server` (VS Code's YAML extension) shows a field's `title` as the heading of
its hover, its `markdownDescription` (description and example) there and beside each
completion, and an `errorMessage` (or `patternErrorMessage`) instead of its own English
message ("Property x is not allowed", "Incorrect type", "String is not a RFC3339 date").
"""

from __future__ import annotations

from typing import Any

#: What each model is, shown under its title.
MODEL_DESCRIPTIONS = {
    "Notice": "Một Thông báo kết luận (TB-VP hoặc TB-UBND) viết trong tệp nguồn YAML",
    "Agency": "Cơ quan ban hành (ô số 2): cơ quan chủ quản, tên cơ quan, chữ viết tắt",
    "Person": "Người chủ trì cuộc họp và cách thông báo gọi người đó",
    "Meeting": "Cuộc họp được kết luận; các đoạn mở đầu được soạn từ đây",
    "Footnote": "Chú thích cuối trang, đặt ngay sau đoạn chữ `after` (R-ND-FN)",
    "Paragraph": "Một đoạn văn: chuỗi chữ, hoặc {text, footnotes} khi có chú thích",
    "Item": "Một mục của phần kết luận; số thứ tự do chương trình đánh (R-ND-PMK)",
    "Assignee": "Một đơn vị được giao nhiệm vụ: chuỗi chữ, hoặc {unit, role} khi ghi vai trò",
    "Recipient": "Một dòng Nơi nhận: chuỗi chữ, hoặc {name, remark} khi có ghi chú",
    "Archive": "Dòng «Lưu:» (R-NN-LUU) và ký hiệu người soạn thảo (R-NN-12)",
    "Appendix": "Một phụ lục in sau chữ ký, trang mới (R-PL)",
    "Signer": "Khối chữ ký (ô số 7): thẩm quyền ký, chức vụ, họ tên (R-KY-*)",
}

#: Descriptions of the fields that have no `description=` in models.py.
FIELD_DESCRIPTIONS = {
    ("Notice", "agency"): "Cơ quan ban hành (ô số 2)",
    ("Notice", "meeting"): "Cuộc họp được kết luận; các đoạn mở đầu được soạn từ đây",
    ("Notice", "conclusions"): "Nội dung kết luận: danh sách các mục, mỗi mục có thể có mục con",
    ("Notice", "recipients"): "Nơi nhận, mỗi dòng một nơi (R-NN-LIST)",
    ("Notice", "archive"): "Dòng «Lưu:» cuối Nơi nhận (R-NN-LUU)",
    ("Notice", "signer"): "Người ký (ô số 7)",
    ("Person", "name"): "Họ và tên người chủ trì, ví dụ: Lê Quốc Đạt",
    ("Meeting", "date"): "Ngày họp YYYY-MM-DD, ví dụ: 2020-12-18",
    ("Meeting", "chair"): "Người chủ trì cuộc họp",
    ("Meeting", "attendees"): "Thành phần tham dự, mỗi dòng một thành phần",
    ("Footnote", "after"): "Đoạn chữ của đoạn văn (xuất hiện đúng một lần) mà chú thích đứng sau",
    ("Footnote", "text"): "Nội dung chú thích, ví dụ: Báo cáo số 88/BC-STTTT ngày 15/5/2020.",
    ("Paragraph", "text"): "Nội dung đoạn văn",
    ("Paragraph", "footnotes"): "Các chú thích cuối trang của đoạn văn (R-ND-FN)",
    ("Item", "heading"): "Tiêu đề của mục, không gõ số thứ tự",
    ("Item", "paragraphs"): "Các đoạn văn của mục",
    ("Item", "children"): "Các mục con (khoản, điểm, gạch đầu dòng)",
    ("Recipient", "name"): "Tên nơi nhận, ví dụ: Các sở, ban, ngành thuộc UBND tỉnh",
    ("Recipient", "remark"): "Ghi chú in trong ngoặc sau tên, ví dụ: báo cáo",
    ("Signer", "position"): "Chức vụ người ký, viết hoa, ví dụ: PHÓ CHỦ TỊCH",
    ("Signer", "name"): "Họ và tên người ký, ví dụ: Nguyễn Văn Hùng",
}

#: Vietnamese names of the models, the hover heading of a block.
MODEL_TITLES = {
    "Notice": "Thông báo kết luận",
    "Agency": "Cơ quan ban hành",
    "Person": "Người chủ trì",
    "Meeting": "Cuộc họp",
    "Footnote": "Chú thích cuối trang",
    "Paragraph": "Đoạn văn",
    "Item": "Mục kết luận",
    "Assignee": "Đơn vị được giao",
    "Recipient": "Nơi nhận",
    "Archive": "Dòng «Lưu:»",
    "Appendix": "Phụ lục",
    "Signer": "Người ký",
}

#: (model, field) → (title, example): the example is the field written in YAML, as a
#: văn thư would write it in a source (values from the seed notices).
FIELD_HELP: dict[tuple[str, str], tuple[str, str]] = {
    ("Notice", "kind"): ("Loại thông báo", "kind: TB"),
    ("Notice", "template"): ("Mẫu DOCX riêng", "template: mau/tb-vp-so-noi-vu.docx"),
    ("Notice", "agency"): (
        "Cơ quan ban hành",
        "agency:\n  parent: UBND TỈNH QUẢNG NGÃI\n  name: VĂN PHÒNG",
    ),
    ("Notice", "place"): ("Địa danh", "place: Quảng Ngãi"),
    ("Notice", "number"): ("Số văn bản", "number: 1730"),
    ("Notice", "date"): ("Ngày ban hành", "date: 2020-12-21"),
    ("Notice", "subject"): (
        "Trích yếu",
        "subject: Kết luận của Phó Chánh Văn phòng tại Hội nghị tổng kết công tác năm 2020",
    ),
    ("Notice", "addressees"): ("Kính gửi", "addressees: Sở Tài chính"),
    ("Notice", "bases"): (
        "Căn cứ",
        "bases:\n  - Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
    ),
    ("Notice", "meeting"): (
        "Cuộc họp",
        "meeting:\n  date: 2020-12-18\n  chair:\n    name: Lê Quốc Đạt\n"
        "    position: Phó Chánh Văn phòng\n  title: Hội nghị tổng kết công tác năm 2020",
    ),
    ("Notice", "opening"): (
        "Đoạn mở đầu viết sẵn",
        "opening:\n  - Ngày 18/12/2020, Văn phòng UBND tỉnh tổ chức Hội nghị tổng kết.",
    ),
    ("Notice", "numbering"): ("Kiểu đánh số các cấp", "numbering: [decimal, letter, dash]"),
    ("Notice", "markup"): ("Chữ đậm, chữ nghiêng", "markup: true"),
    ("Notice", "conclusions"): (
        "Nội dung kết luận",
        "conclusions:\n  - heading: Nhiệm vụ trong thời gian đến\n    paragraphs:\n"
        "      - Tập trung vào một số nhiệm vụ trọng tâm sau:",
    ),
    ("Notice", "closing"): (
        "Đoạn kết thúc",
        "closing: Nay thông báo để các phòng, ban, đơn vị triển khai thực hiện.",
    ),
    ("Notice", "recipients"): (
        "Nơi nhận",
        "recipients:\n  - name: CT, PCT UBND tỉnh\n    remark: báo cáo\n  - Các phòng, ban",
    ),
    ("Notice", "archive"): ("Lưu", "archive:\n  units: HC-TC\n  drafter: Cường"),
    ("Notice", "signer"): (
        "Người ký",
        "signer:\n  authority: TL. CHÁNH VĂN PHÒNG\n  position: TRƯỞNG PHÒNG HC-TC\n"
        "  name: Nguyễn Xuân Lộc",
    ),
    ("Notice", "appendices"): (
        "Phụ lục",
        "appendices:\n  - title: Danh mục nhiệm vụ\n    paragraphs: [Nhiệm vụ 1.]",
    ),
    ("Agency", "level"): ("Cấp, loại cơ quan ban hành", "level: so"),
    ("Agency", "parent"): ("Cơ quan chủ quản", "parent: UBND TỈNH QUẢNG NGÃI"),
    ("Agency", "name"): ("Tên cơ quan ban hành", "name: [ỦY BAN NHÂN DÂN, TỈNH BẮC GIANG]"),
    ("Agency", "abbreviation"): ("Chữ viết tắt trong ký hiệu", "abbreviation: VP"),
    ("Agency", "unit"): ("Đơn vị soạn thảo trong ký hiệu", "unit: VP"),
    ("Agency", "organ_id"): ("Mã định danh cơ quan", "organ_id: 000.05.00.H19"),
    ("Appendix", "title"): ("Tên phụ lục", "title: Danh mục từ viết tắt"),
    ("Appendix", "note"): (
        "Dòng «Kèm theo»",
        "note: Kèm theo Thông báo số 1730/TB-VP ngày 21/12/2020",
    ),
    ("Appendix", "paragraphs"): ("Nội dung phụ lục", "paragraphs:\n  - UBND: Ủy ban nhân dân."),
    ("Archive", "units"): ("Đơn vị soạn thảo", "units: [HC-TC, KGVX]"),
    ("Archive", "spelling"): ("Cách viết tên đơn vị", "spelling: as-written"),
    ("Archive", "copies"): ("Số bản lưu", "copies: 2b"),
    ("Archive", "copies_space"): ("Dấu cách trước số bản lưu", "copies_space: true"),
    ("Archive", "drafter"): ("Người soạn thảo", "drafter: Cường"),
    ("Archive", "drafter_separator"): ("Dấu trước người soạn thảo", 'drafter_separator: ". "'),
    ("Archive", "issued_copies"): ("Số bản phát hành", "issued_copies: 40"),
    ("Assignee", "unit"): ("Đơn vị được giao", "unit: Sở Tài chính"),
    ("Assignee", "role"): ("Vai trò", "role: chủ trì"),
    ("Footnote", "after"): ("Chú thích đứng sau", "after: Báo cáo số 88"),
    ("Footnote", "text"): ("Nội dung chú thích", "text: Báo cáo số 88/BC-STTTT ngày 15/5/2020."),
    ("Paragraph", "text"): ("Nội dung đoạn văn", "text: Ghi nhận sự nỗ lực của tập thể."),
    ("Paragraph", "footnotes"): (
        "Chú thích cuối trang",
        "footnotes:\n  - after: Báo cáo số 88\n    text: Báo cáo số 88/BC-STTTT ngày 15/5/2020.",
    ),
    ("Item", "heading"): ("Tiêu đề mục", "heading: Đánh giá chung"),
    ("Item", "paragraphs"): ("Các đoạn văn", "paragraphs:\n  - Ghi nhận sự nỗ lực của tập thể."),
    ("Item", "children"): (
        "Mục con",
        "children:\n  - paragraphs: [Trung tâm xây dựng kế hoạch.]",
    ),
    ("Item", "after"): ("Đoạn sau mục con", "after:\n  - Các đơn vị báo cáo kết quả."),
    ("Item", "numbered"): ("Có đánh số", "numbered: false"),
    ("Item", "numbering"): ("Kiểu đánh số bên dưới", "numbering: [ordinal]"),
    ("Item", "assignee"): ("Đơn vị thực hiện", "assignee: Trung tâm Công báo và Tin học"),
    ("Item", "deadline"): ("Thời hạn", "deadline: 2021-03-31"),
    ("Meeting", "date"): ("Ngày họp", "date: 2020-12-18"),
    ("Meeting", "chair"): (
        "Người chủ trì",
        "chair:\n  name: Lê Quốc Đạt\n  position: Phó Chánh Văn phòng\n  address: comrade",
    ),
    ("Meeting", "action"): ("Việc người chủ trì làm", "action: dự và chỉ đạo"),
    ("Meeting", "title"): ("Tên cuộc họp", "title: Hội nghị tổng kết công tác năm 2020"),
    ("Meeting", "called"): ("Tên gọi ngắn", "called: Hội nghị"),
    ("Meeting", "attendance"): ("Cụm trước thành phần", "attendance: Cùng dự có"),
    ("Meeting", "attendees"): ("Thành phần tham dự", "attendees:\n  - Lãnh đạo các phòng"),
    ("Meeting", "heard"): ("Nội dung đã nghe", "heard:\n  - báo cáo của Trung tâm"),
    ("Meeting", "refer_as"): ("Cách gọi người kết luận", "refer_as: Phó Chủ tịch UBND tỉnh"),
    ("Meeting", "single_paragraph"): ("Mở đầu một đoạn", "single_paragraph: true"),
    ("Meeting", "time_of_day"): ("Buổi", "time_of_day: Chiều"),
    ("Meeting", "date_style"): ("Cách viết ngày", "date_style: long"),
    ("Meeting", "when"): ("Thời gian viết sẵn", "when: Trong các ngày 08 và 09 tháng 11 năm 2025"),
    ("Meeting", "venue"): ("Địa điểm", "venue: tại Trụ sở UBND tỉnh"),
    ("Meeting", "attendance_separator"): ("Dấu trước thành phần", 'attendance_separator: ","'),
    ("Meeting", "attendees_separator"): ("Nối thành phần", 'attendees_separator: ";"'),
    ("Meeting", "heard_separator"): ("Nối nội dung đã nghe", "heard_separator: và"),
    ("Meeting", "concludes"): ("Cụm kết phần mở đầu", "concludes: thống nhất kết luận như sau:"),
    ("Meeting", "phrasing"): (
        "Mẫu câu mở đầu",
        "phrasing:\n  - '{when}, {chair} đã {action} {title}.'",
    ),
    ("Person", "name"): ("Họ và tên", "name: Lê Quốc Đạt"),
    ("Person", "position"): ("Chức vụ", "position: Phó Chủ tịch UBND tỉnh"),
    ("Person", "address"): ("Cách gọi", "address: comrade"),
    ("Person", "also"): ("Chức danh thứ hai", "also: Trưởng Ban Chỉ đạo"),
    ("Person", "also_separator"): ("Dấu trước chức danh thứ hai", 'also_separator: " - "'),
    ("Recipient", "name"): ("Tên nơi nhận", "name: Các sở, ban, ngành thuộc UBND tỉnh"),
    ("Recipient", "remark"): ("Ghi chú", "remark: báo cáo"),
    ("Signer", "authority"): ("Thẩm quyền ký", "authority: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]"),
    ("Signer", "position"): ("Chức vụ người ký", "position: PHÓ CHỦ TỊCH"),
    ("Signer", "name"): ("Họ và tên người ký", "name: Nguyễn Văn Hùng"),
}

#: Messages for values of the wrong kind, replacing the editor's English ones.
TEXT = "phải là chữ, không để trống"
BOOLEAN = "phải là true hoặc false"
LIST = "phải là một danh sách: mỗi mục một dòng bắt đầu bằng «- », hoặc [a, b] trên một dòng"
LIST_NOT_EMPTY = LIST + "; ít nhất một mục"
WHOLE_NUMBER = "phải là số nguyên"
WHOLE_NUMBER_FROM = "phải là số nguyên từ {minimum} trở lên"
ONE_OF = "phải là một trong: {values}"
DATE = (
    "không phải một ngày có thật viết YYYY-MM-DD, ví dụ 2020-12-18 "
    "(tháng 01–12, ngày có trong tháng đó)"
)
NOTICE_DATE = (
    "ngày ban hành viết YYYY-MM-DD, ví dụ 2020-12-21 (dự thảo chưa có số có thể ghi "
    "YYYY-MM hoặc YYYY); ngày phải có thật"
)
COPIES = 'số bản: một số nguyên từ 1, hoặc như văn thư ghi: "2b", "02"'
AUTHORITY = "bắt đầu bằng TM., KT., TL., TUQ. hoặc Q."
MISSING = "thiếu khoá bắt buộc `{key}` ({title})"
#: A key of a block that is not one of its own (a typo, or indented under the wrong block).
UNKNOWN_KEY = (
    "khoá này không có trong «{title}» (sai chính tả, hoặc thụt lề nhầm vào khối khác); "
    "các khoá được phép: {keys}"
)
MEETING_OR_OPENING = (
    "thiếu `meeting` (cuộc họp, để soạn các đoạn mở đầu) hoặc `opening` (các đoạn mở đầu viết sẵn)"
)
NUMBERED_NEEDS_DATE = (
    "thông báo đã có số (`number`) phải ghi đủ ngày ban hành `date` YYYY-MM-DD (R-DATE-1)"
)
PARENT_REQUIRED = (
    "{kind} ghi cơ quan chủ quản `parent` trên tên cơ quan, ví dụ: UBND TỈNH QUẢNG NGÃI (R-CQ-CQ)"
)
LEVEL_REQUIRED = (
    "một thông báo TB ghi cấp của cơ quan ban hành `agency.level`, ví dụ: so, ubnd-xa (R-CQ-BH)"
)
NO_PARENT = "{kind} không ghi cơ quan chủ quản: bỏ dòng `parent` (R-CQ-BH)"
NESTED_FIRST = (
    "`nested` (1.1.) ghép số của cấp trên nên không dùng được cho cấp thứ nhất: "
    "chọn roman, decimal, … cho cấp thứ nhất, ví dụ [decimal, nested]"
)
ITEM_NOT_EMPTY = "một mục phải có `heading` (tiêu đề) hoặc `paragraphs` (các đoạn văn)"
ISSUED_NEEDS_DRAFTER = (
    "số bản phát hành `issued_copies` đi sau ký hiệu người soạn thảo: ghi cả `drafter` (R-NN-12)"
)

#: The snippets an editor offers for a new, empty source (`defaultSnippets`).
SNIPPET_LABEL = "Thông báo kết luận mới ({kind})"
SNIPPET_DESCRIPTION = "Khung một thông báo {kind}: điền các chỗ trống, Tab để sang chỗ tiếp theo"


def snippet(kind: str, *, parent: bool | None) -> dict[str, Any]:
    """A new notice of `kind` for the editor's completion list, its blanks as tab stops."""
    agency = {"parent": "${1:UBND TỈNH …}", "name": "${2:VĂN PHÒNG}"}
    if parent is None:  # a TB names its level (here a Sở, which has its parent line)
        agency = {"level": "so", "parent": "${1:UBND TỈNH …}", "name": "${2:SỞ …}"}
    elif not parent:
        agency = {"name": ["${2:ỦY BAN NHÂN DÂN}", "${1:TỈNH …}"]}
    return {
        "label": SNIPPET_LABEL.format(kind=kind),
        "description": SNIPPET_DESCRIPTION.format(kind=kind),
        "body": {
            "kind": kind,
            "agency": agency,
            "place": "${3:Quảng Ngãi}",
            "date": "${4:2020-12-21}",
            "subject": "${5:Kết luận của … tại …}",
            "meeting": {
                "date": "${6:2020-12-18}",
                "chair": {"name": "${7:Họ và tên}", "position": "${8:Chức vụ}"},
                "title": "${9:Hội nghị …}",
            },
            "numbering": ["decimal", "letter", "dash"],
            "conclusions": [{"heading": "${10:Tiêu đề mục}", "paragraphs": ["${11:Nội dung}"]}],
            "closing": "${12:Nay thông báo để các cơ quan, đơn vị biết, thực hiện.}",
            "recipients": ["${13:Nơi nhận}"],
            "archive": {"units": "${14:VT}"},
            "signer": {
                "authority": "${15:TL. CHỦ TỊCH}",
                "position": "${16:CHỨC VỤ NGƯỜI KÝ}",
                "name": "${17:Họ và tên}",
            },
        },
    }
