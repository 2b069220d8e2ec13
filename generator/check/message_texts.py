"""Every text of the checker's findings in Vietnamese and in English: the parts' names,
the places, the shared words, and what each finding says, keyed for `messages.msg`.

Each entry is key → (Vietnamese, English) with the same `{values}` in both; the Vietnamese
is the checker's wording as văn thư know it, the English is for `notice --lang en`.
"""

from __future__ import annotations

from collections.abc import Mapping

from .components import LABELS

#: The English names of the parts the component finder labels (`LABELS` holds the
#: Vietnamese), and of the other places a finding names.
_PART_EN = {
    "quoc_hieu": "Quốc hiệu (national title)", "tieu_ngu": "Tiêu ngữ (motto)",
    "parent": "Parent body's name", "agency": "Issuing body's name",
    "number": "Number and ký hiệu", "date": "Place and date",
    "letter_subject": "Trích yếu of the công văn", "doc_type": "Document type",
    "subject": "Trích yếu (subject line)", "kinh_gui": "Kính gửi (addressees)",
    "can_cu": "Căn cứ (legal bases)", "body": "Body", "closing": "Closing paragraph",
    "nn_head": "The word \"Nơi nhận\"", "nn_entry": "Nơi nhận (recipients)",
    "authority": "Signer's authority and position", "name": "Signer's name",
    "appendix": "After the signature (appendices, notes)",
}  # fmt: skip
_PARTS = {
    # a part labelled without an English name yet keeps its label (the catalogue test fails)
    **{f"part.{role}": (label, _PART_EN.get(role, label)) for role, label in LABELS.items()},
    "part.page_number": ("Số trang", "Page number"),
    "part.paragraph": ("Đoạn", "Paragraph"),
    "part.header": ("Đầu trang", "Header"),
    "part.footer": ("Chân trang", "Footer"),
}

#: Where a finding is.
_PLACES = {
    "at.document": ("văn bản", "document"),
    "at.para": ("đoạn {n}", "paragraph {n}"),
    "at.paras": ("đoạn {n}", "paragraphs {n}"),
    "at.section": ("section {n}", "section {n}"),
    "at.page": ("trang {n}", "page {n}"),
    "at.pages": ("các trang", "all pages"),
    "at.pdf": ("tệp PDF", "PDF file"),
    "story.header": ("đầu trang, section {n}", "header, section {n}"),
    "story.header_first": ("đầu trang trang 1, section {n}", "first-page header, section {n}"),
    "story.header_even": ("đầu trang trang chẵn, section {n}", "even-page header, section {n}"),
    "story.footer": ("chân trang, section {n}", "footer, section {n}"),
    "story.footer_first": ("chân trang trang 1, section {n}", "first-page footer, section {n}"),
    "story.footer_even": ("chân trang trang chẵn, section {n}", "even-page footer, section {n}"),
    "at.header_page1": ("đầu trang, trang 1", "header, page 1"),
    "at.headers": ("đầu trang", "header"),
    "at.footers": ("chân trang", "footer"),
}

#: The words the messages share: alignments, margins, parts of a date, what is wanted.
_WORDS = {
    "aligned.left": ("căn trái", "left-aligned"),
    "aligned.right": ("căn phải", "right-aligned"),
    "aligned.center": ("canh giữa", "centred"),
    "aligned.both": ("canh đều", "justified"),
    "align.flush_left": ("sát lề trái", "flush left"),
    "side.top": ("Lề trên", "Top margin"),
    "side.bottom": ("Lề dưới", "Bottom margin"),
    "side.left": ("Lề trái", "Left margin"),
    "side.right": ("Lề phải", "Right margin"),
    "date.day": ("Ngày", "Day"),
    "date.month": ("Tháng", "Month"),
    "date.year": ("Năm", "Year"),
    "look.size_one": ("cỡ chữ {size}", "{size} pt"),
    "look.size_range": ("cỡ chữ từ {low} đến {high}", "from {low} to {high} pt"),
    "line.full": ("bằng độ dài dòng chữ", "as long as the text"),
    "line.short": ("từ 1/3 đến 1/2 độ dài dòng chữ", "1/3 to 1/2 as long as the text"),
    "what.number": ('dòng số, ký hiệu "Số: …/…"', 'number line "Số: …/…"'),
    "what.date": ("dòng địa danh và ngày, tháng, năm", "place and date line"),
    "font.body": ("Nội dung", "The body text"),
    "font.chars": ("{n} ký tự", "{n} characters"),
    "pgnum.in_footer": ("đặt ở chân trang", "has its number in the footer"),
    "pgnum.absent": ("không có số trang", "has no page number"),
}

#: What the checker says about a DOCX or a PDF: (Vietnamese, English).
_FINDINGS = {
    # the kind of document (R-LOAI)
    "kind.other": (
        "Văn bản là {name} ({evidence}), không phải Thông báo: chỉ kiểm tra các quy định chung "
        "về thể thức (Phụ lục I), không kiểm tra các quy định riêng của Thông báo",
        "The document is a {name} ({evidence}), not a Thông báo: only the general layout rules "
        "(Phụ lục I) are checked, not those of a Thông báo",
    ),
    "kind.evidence.title": ('tên loại "{title}"', 'tên loại (document type) "{title}"'),
    "kind.evidence.letter": (
        'trích yếu "{letter}…" và ký hiệu "{symbol}"',
        'trích yếu (subject) "{letter}…" and ký hiệu "{symbol}"',
    ),
    "kind.evidence.symbol": (
        'ký hiệu "{symbol}" không có tên loại',
        'ký hiệu "{symbol}" without a document type',
    ),
    "kind.letter": (
        'Văn bản là Công văn (trích yếu "V/v …", không có tên loại), không phải Thông báo: chỉ '
        "kiểm tra các quy định chung về thể thức (Phụ lục I)",
        'The document is a Công văn (trích yếu "V/v …", no document type), not a Thông báo: '
        "only the general layout rules (Phụ lục I) are checked",
    ),
    # the look of a part (COMPONENTS in rules.py)
    "look": ("{problems}", "{problems}"),
    "look.size": ("cỡ chữ {sizes}, phải {allowed}", "size {sizes} pt, must be {allowed}"),
    "look.not_bold": ("chưa in đậm", "not bold"),
    "look.no_bold": ("không được in đậm", "must not be bold"),
    "look.not_italic": ("phải in nghiêng", "must be italic"),
    "look.no_italic": ("phải kiểu chữ đứng, không nghiêng", "must be upright, not italic"),
    "case.upper": ("phải viết chữ in hoa", "must be in capitals"),
    "case.sentence": (
        "phải viết chữ in thường (chỉ viết hoa chữ cái đầu và tên riêng)",
        "must be in lower case (capitals only for the first letter and proper names)",
    ),
    "case.first": ("chữ cái đầu phải viết hoa", "the first letter must be a capital"),
    "case.name": (
        "phải viết chữ in thường, viết hoa chữ cái đầu của mỗi tiếng",
        "must be in lower case with the first letter of each word a capital",
    ),
    "align.wrong": ("{align}, phải {wanted}", "{align}, must be {wanted}"),
    "align.spaces": (
        "căn trái, canh bằng dấu cách nên tràn xuống dòng; phải {wanted}",
        "left-aligned and set in with spaces, so it wraps; must be {wanted}",
    ),
    # the header (ô 1–4)
    "qh.missing": (
        'Không tìm thấy Quốc hiệu "{text}" ở đầu văn bản',
        'No Quốc hiệu "{text}" at the top of the document',
    ),
    "qh.misspelt": ('viết sai; phải viết đúng "{text}"', 'misspelt; must read exactly "{text}"'),
    "tn.missing": (
        'Không có Tiêu ngữ "{text}" ngay dưới Quốc hiệu',
        'No Tiêu ngữ "{text}" right under the Quốc hiệu',
    ),
    "tn.wrong": (
        'phải viết đúng "{text}" (gạch nối, cách chữ hai bên)',
        'must read exactly "{text}" (hyphens with a space on each side)',
    ),
    "agency.missing": (
        "Không tìm thấy tên cơ quan ban hành văn bản ở đầu văn bản (cột bên trái, trên dòng "
        "số, ký hiệu)",
        "No issuing body's name at the top of the document (left column, above the number line)",
    ),
    "top.missing": (
        "Không tìm thấy {what} ở đầu văn bản",
        "No {what} at the top of the document",
    ),
    "size.profile": (
        "Cỡ chữ Quốc hiệu/Tiêu ngữ/địa danh-ngày là {q}/{t}/{d}, không thống nhất; phải là "
        "13/14/14 hoặc 12/13/13",
        "The sizes of the Quốc hiệu/Tiêu ngữ/date line are {q}/{t}/{d} pt, which do not go "
        "together; they must be 13/14/14 or 12/13/13",
    ),
    # the rules under the header lines and the trích yếu
    "line.missing": (
        "không có đường kẻ ngang, nét liền ở dưới",
        "no solid horizontal rule under it",
    ),
    "line.length": (
        "đường kẻ ở dưới dài {length} mm, bằng {share} % dòng chữ ({text} mm); phải {wanted}",
        "the rule under it is {length} mm long, {share} % of the text ({text} mm); must be "
        "{wanted}",
    ),
    "line.off_centre": (
        "đường kẻ ở dưới lệch {off} mm so với giữa dòng chữ; phải đặt cân đối so với dòng chữ",
        "the rule under it is {off} mm off the centre of the text; must be centred on it",
    ),
    # the number line and the date line (text_rules.py)
    "so.form": (
        'Số, ký hiệu phải có dạng "Số: 1730/TB-VP" (chữ "Số" in thường, sau có dấu hai chấm; '
        "giữa số và ký hiệu có dấu gạch chéo)",
        'The number line must read "Số: 1730/TB-VP" ("Số" in lower case followed by a colon; '
        "a slash between the number and the ký hiệu)",
    ),
    "so.gap": (
        "Không được cách chữ giữa số và dấu gạch chéo (/)",
        "No space may stand between the number and the slash (/)",
    ),
    "so.zero": (
        'Số "{num}" phải ghi là "{want}" (số nhỏ hơn 10 ghi thêm số 0 phía trước, từ 10 trở lên '
        "ghi nguyên)",
        'Number "{num}" must be written "{want}" (a leading zero below 10, none from 10 on)',
    ),
    "kh.form": (
        'Ký hiệu "{symbol}" phải viết chữ in hoa, các nhóm chữ nối bằng gạch nối (-), không '
        "cách chữ",
        'Ký hiệu "{symbol}" must be in capitals, its groups joined by hyphens (-) without spaces',
    ),
    "kh.type": (
        'Ký hiệu bắt đầu bằng "{start}"; chữ viết tắt tên loại Thông báo là "{abbr}"',
        'The ký hiệu starts with "{start}"; the abbreviation of Thông báo is "{abbr}"',
    ),
    "date.form": (
        'Dòng ngày tháng phải có dạng "<Địa danh>, ngày … tháng … năm …"',
        'The date line must read "<Place>, ngày … tháng … năm …"',
    ),
    "date.comma": ("Sau địa danh phải có dấu phẩy (,)", "A comma (,) must follow the place"),
    "date.place_case": (
        'Chữ cái đầu của địa danh "{place}" phải viết hoa',
        'The place "{place}" must start with capitals',
    ),
    "date.words": (
        '"ngày", "tháng", "năm" viết chữ in thường',
        '"ngày", "tháng", "năm" are written in lower case',
    ),
    "date.digits": (
        '{name} "{given}" phải viết bằng chữ số Ả Rập',
        '{name} "{given}" must be written in Arabic numerals',
    ),
    "date.pad": (
        '{name} "{given}" phải ghi là "{want}" (chỉ ngày nhỏ hơn 10 và tháng 1, 2 ghi thêm số 0 '
        "phía trước)",
        '{name} "{given}" must be written "{want}" (a leading zero only for days below 10 and '
        "for months 1 and 2)",
    ),
    # the tên loại and the trích yếu (ô 5)
    "tl.missing": (
        'Không tìm thấy tên loại văn bản "{title}" dưới phần đầu văn bản',
        'No document type "{title}" under the header',
    ),
    "ty.missing": (
        "không có trích yếu (canh giữa) ngay dưới tên loại văn bản",
        "no trích yếu (centred) right under the document type",
    ),
    # the body (R-ND-1, R-ND-END)
    "nd.end": ('phải kết thúc bằng dấu "./."', 'must end with "./."'),
    "size.13_14": ("cỡ chữ {sizes}, phải từ 13 đến 14", "size {sizes} pt, must be 13 to 14 pt"),
    "body.align": ("{align}, phải canh đều cả hai lề", "{align}, must be justified"),
    "body.indent": (
        "chữ đầu dòng lùi vào {start} mm (lề trái của đoạn {left} mm), phải lùi vào 1 cm hoặc "
        "1,27 cm",
        "first line indented {start} mm (the paragraph's left indent {left} mm), must be "
        "indented 1 cm or 1.27 cm",
    ),
    "body.gap": (
        "khoảng cách giữa các đoạn {gap} pt, phải tối thiểu 6 pt",
        "space between paragraphs {gap} pt, must be at least 6 pt",
    ),
    "body.lines": (
        "giãn dòng {lines} lines, phải từ dòng đơn đến 1,5 lines",
        "line spacing {lines} lines, must be from single to 1.5 lines",
    ),
    "body.points": (
        "giãn dòng {points} pt, phải từ dòng đơn đến 1,5 lines ({low}–{high} pt)",
        "line spacing {points} pt, must be from single to 1.5 lines ({low}–{high} pt)",
    ),
    # Nơi nhận (ô 9b)
    "nn.missing": (
        'Không tìm thấy "Nơi nhận:" ở cuối văn bản',
        'No "Nơi nhận:" (recipients) at the end of the document',
    ),
    "nn.head": (
        'phải ghi "Nơi nhận:" (chữ in thường, sau có dấu hai chấm)',
        'must read "Nơi nhận:" (lower case, followed by a colon)',
    ),
    "nn.dash": ("đầu dòng phải có gạch đầu dòng (-)", "must start with a dash (-)"),
    "nn.nhu_tren": (
        'Thông báo không có phần "Kính gửi" nên không ghi "Như trên"',
        'A Thông báo has no "Kính gửi", so no entry may read "Như trên"',
    ),
    "nn.semicolon": ("cuối dòng phải có dấu chấm phẩy (;)", "must end with a semicolon (;)"),
    "nn.no_luu": (
        'thiếu dòng "- Lưu: VT, <đơn vị soạn thảo>." ở cuối nơi nhận',
        'the line "- Lưu: VT, <drafting unit>." is missing at the end of the recipients',
    ),
    "nn.luu_last": ('dòng "Lưu" phải là dòng cuối cùng', 'the "Lưu" line must be the last'),
    "nn.luu_form": (
        'dòng lưu phải có dạng "- Lưu: VT, <đơn vị soạn thảo>(số bản).", kết thúc bằng dấu chấm',
        'the Lưu line must read "- Lưu: VT, <drafting unit>(copies).", ending with a full stop',
    ),
    "flush.indent": ("lùi vào {indent} mm, phải sát lề trái", "indented {indent} mm, must be "
                     "flush left"),  # fmt: skip
    # the signer (ô 7)
    "ky.missing": (
        "Không tìm thấy quyền hạn, chức vụ của người ký",
        "No authority and position of the signer",
    ),
    "ky.name_missing": ("Không tìm thấy họ tên người ký", "No name of the signer"),
    "ky.abbr": (
        'chữ viết tắt quyền hạn viết hoa, có dấu chấm và một dấu cách, ví dụ "KT. CHỦ TỊCH"',
        "the authority's abbreviation is in capitals with a full stop and one space, e.g. "
        '"KT. CHỦ TỊCH"',
    ),
    # the page (R-PAGE-1, R-PAGE-2, R-MARGIN)
    "page.no_size": (
        "Không khai báo khổ giấy; phải là A4 (210 × 297 mm)",
        "No page size declared; must be A4 (210 × 297 mm)",
    ),
    "page.size": (
        "Khổ giấy {width} × {height} mm, không phải A4 (210 × 297 mm)",
        "Page size {width} × {height} mm, not A4 (210 × 297 mm)",
    ),
    "page.landscape": (
        "Trang nằm ngang; phải trình bày theo chiều dài của khổ A4",
        "Landscape page; must be A4 portrait",
    ),
    "margin.docx": (
        "{side} {value} mm ngoài khoảng {low}–{high} mm",
        "{side} {value} mm, outside {low}–{high} mm",
    ),
    "margin.pdf": (
        "{side} đo từ vị trí chữ là {value} mm, ngoài khoảng {low}–{high} mm",
        "{side} measured from the text is {value} mm, outside {low}–{high} mm",
    ),
    # page numbers (R-PGNUM)
    "pgnum.page1": (
        "Trang 1 hiển thị số trang; không hiển thị số trang thứ nhất (dùng đầu trang riêng cho "
        "trang đầu)",
        "Page 1 shows a page number; the first page's number is not shown (give the first page "
        "a header of its own)",
    ),
    "pgnum.footer": (
        "Số trang đặt ở chân trang; phải canh giữa trong phần lề trên",
        "The page number is in the footer; it must be centred in the top margin",
    ),
    "pgnum.none": (
        "Không có số trang ở đầu trang; văn bản từ 2 trang trở lên phải đánh số trang từ trang 2",
        "No page number in the header; a document of 2 pages or more is numbered from page 2",
    ),
    "pgnum.align": ("{align}, phải canh giữa", "{align}, must be centred"),
    "pgnum.arabic": ("phải dùng chữ số Ả Rập", "must use Arabic numerals"),
    "pgnum.format": (
        "Số trang dạng {fmt}, phải dùng chữ số Ả Rập",
        "Page numbers in {fmt} form; must use Arabic numerals",
    ),
    "pgnum.start": (
        "Số trang bắt đầu từ {start}, phải đánh từ số 1",
        "Page numbers start at {start}; must start at 1",
    ),
    "pgnum.pdf_page1": (
        "Trang 1 hiển thị số trang; không hiển thị số trang thứ nhất",
        "Page 1 shows a page number; the first page's number is not shown",
    ),
    "pgnum.pdf_missing": (
        "Trang {page} {detail}; số trang phải canh giữa trong phần lề trên",
        "Page {page} {detail}; the page number must be centred in the top margin",
    ),
    "pgnum.pdf_wrong": (
        "Trang {page} ghi số trang {shown}; số trang được đánh từ số 1",
        "Page {page} is numbered {shown}; pages are numbered from 1",
    ),
    "pgnum.pdf_centre": (
        "Số trang lệch {off} mm so với giữa vùng chữ; phải canh giữa",
        "The page number is {off} mm off the centre of the text; must be centred",
    ),
    "pgnum.pdf_size": (
        "Số trang cỡ chữ {size}, phải từ 13 đến 14",
        "Page number in {size} pt, must be 13 to 14 pt",
    ),
    # fonts, colour and Unicode (R-FONT)
    "font.wrong": ("phông chữ {fonts}; phải dùng {font}", "font {fonts}; must be {font}"),
    "font.none": (
        "không khai báo phông chữ; máy khác có thể hiển thị bằng phông khác {font}",
        "no font declared; another computer may show it in a font other than {font}",
    ),
    "font.colour": ("màu chữ {colours}; phải màu đen", "text colour {colours}; must be black"),
    "font.nfc": (
        "chữ tiếng Việt gõ bằng Unicode tổ hợp; phải dùng Unicode dựng sẵn (NFC) theo TCVN "
        "6909:2001",
        "Vietnamese typed in decomposed Unicode; must be precomposed Unicode (NFC) as TCVN "
        "6909:2001 says",
    ),
    "font.embed": (
        "Phông {font} không được nhúng vào tệp PDF; máy khác sẽ hiển thị bằng phông khác",
        "Font {font} is not embedded in the PDF; another computer will show another font",
    ),
    "font.twin": (
        "Phông {font} đã được thay bằng {twin} khi tạo PDF (máy tạo PDF không có {font}; cùng độ "
        "rộng chữ nhưng không phải {font})",
        "{font} was replaced by {twin} when the PDF was made (the machine that made it has no "
        "{font}; the same letter widths, but not {font})",
    ),
    "font.pdf_wrong": ("{what} dùng phông {family}; phải dùng {font}",
                       "{what} in {family}; must be {font}"),  # fmt: skip
    # what a PDF's rows and text layer show
    "pdf.row": (
        "Dòng địa danh, ngày tháng không cùng dòng với số, ký hiệu (lệch {off} mm)",
        "The place and date line is not on the row of the number line ({off} mm off)",
    ),
    "pdf.nn_row": (
        '"Nơi nhận:" không ngang hàng với dòng quyền hạn, chức vụ của người ký «{line}» (lệch '
        "{off} mm)",
        '"Nơi nhận:" is not level with the signer\'s authority line «{line}» ({off} mm off)',
    ),
    "pdf.no_number": (
        'Lớp chữ của trang 1 không cho đọc được số, ký hiệu "Số: …/TB-…" (PDF là ảnh quét hoặc '
        "mất phông)",
        'The text layer of page 1 yields no number line "Số: …/TB-…" (a scanned image, or '
        "lost fonts)",
    ),
    "pdf.no_title": (
        'Lớp chữ của trang 1 không cho đọc được tên loại "{title}"',
        'The text layer of page 1 yields no document type "{title}"',
    ),
    "pdf.no_subject": (
        'Lớp chữ của trang 1 không cho đọc được trích yếu (chữ in đậm) ngay dưới "{title}"',
        'The text layer of page 1 yields no trích yếu (bold text) right under "{title}"',
    ),
}

#: Every message the checker words: key → (Vietnamese, English).
MESSAGES: Mapping[str, tuple[str, str]] = {**_PARTS, **_PLACES, **_WORDS, **_FINDINGS}
