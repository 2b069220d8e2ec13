"""The Vietnamese of `notice import`'s messages (imports/), joined to the catalogue of
`messages.py`: its refusals, its summary and the notes it prints about a source to fill in."""

from __future__ import annotations

IMPORT_MESSAGES: list[tuple[str, str]] = [
    (r"(.+): not a regular file", r"\1: không phải tệp thông thường"),
    (r"(.+): cannot be read: (.+)", r"\1: không đọc được: \2"),
    (
        r"(.+): (\d+) MB is too large for a notice \(at most (\d+) MB\)",
        r"\1: \2 MB là quá lớn cho một thông báo (tối đa \3 MB)",
    ),
    (
        r"(.+): a zip file \(a DOCX\?\): name it \.docx to import it",
        r"\1: là tệp zip (DOCX?): đổi đuôi thành .docx để nhập",
    ),
    (
        r"(.+): not UTF-8 text \(byte (\d+)\): save it as UTF-8 \(Unicode\) and retry",
        r"\1: không phải văn bản UTF-8 (byte \2): lưu lại dạng UTF-8 (Unicode) rồi thử lại",
    ),
    (r"(.+): a binary file, not text", r"\1: tệp nhị phân, không phải văn bản"),
    (r"(.+): its parts unzip to more than 200 MB", r"\1: giải nén ra hơn 200 MB"),
    (
        r"(.+) already exists; choose another name or give --force",
        r"\1 đã có; chọn tên khác hoặc thêm --force",
    ),
    (
        r"(.+): the source would overwrite the file it is imported from",
        r"\1: tệp nguồn sẽ ghi đè lên chính tệp được nhập",
    ),
    (
        r"wrote (.+) \((\d+) guesses, (\d+) not placed\): check it, then run",
        r"đã ghi \1 (\2 chỗ đoán, \3 chỗ chưa đặt được): kiểm tra lại, rồi chạy",
    ),
    (r"not placed", "chưa đặt được"),
    (r"not a component of the notice", "không thuộc thành phần nào của thông báo"),
    (r"replaced by --issuer", "thay bằng --issuer"),
    (
        r"a footnote whose mark is in no paragraph",
        "chú thích không có dấu chú thích trong đoạn nào",
    ),
    (
        r"agency\.parent: no parent body line found; fill it in or use --issuer",
        "agency.parent: không thấy dòng cơ quan chủ quản; hãy điền, hoặc dùng --issuer",
    ),
    (
        r"agency\.name: no issuing body found; fill it in or use --issuer",
        "agency.name: không thấy tên cơ quan ban hành; hãy điền, hoặc dùng --issuer",
    ),
    (
        r"subject: no trích yếu found under THÔNG BÁO; fill it in",
        "subject: không thấy trích yếu dưới THÔNG BÁO; hãy điền",
    ),
    (
        r"place, date: no «<địa danh>, ngày … tháng … năm …» line found",
        "place, date: không thấy dòng «<địa danh>, ngày … tháng … năm …»",
    ),
    (
        r"recipients: no Nơi nhận entries found; fill them in",
        "recipients: không thấy Nơi nhận; hãy điền",
    ),
    (
        r"signer\.(\w+): not found under the Nơi nhận; fill it in",
        r"signer.\1: không thấy dưới Nơi nhận; hãy điền",
    ),
    (
        r"conclusions, closing: no body paragraphs found",
        "conclusions, closing: không thấy đoạn nội dung nào",
    ),
    (
        r"conclusions: no paragraph between the opening and the closing",
        "conclusions: không có đoạn nào giữa phần mở đầu và đoạn kết",
    ),
    (r"archive: «(.+)» kept as its units; check it", r"archive: giữ «\1» làm đơn vị; kiểm tra lại"),
]
