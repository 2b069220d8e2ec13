"""Messages in Vietnamese or English (`notice --lang vi|en`, default from the locale).

The library words its errors in English; this catalog gives each one its Vietnamese form,
matched by pattern so that the names, values and places inside a message carry over.
A message with no entry is shown as it is.
"""

from __future__ import annotations

import locale
import os
import re

LANGS = ("vi", "en")

_CATALOG: list[tuple[str, str]] = [
    # sources.py
    (r"cannot read file: (.+)", r"không đọc được tệp: \1"),
    (r"file is larger than ([\d,]+) bytes", r"tệp lớn hơn \1 byte"),
    (r"not UTF-8 text; save the file as UTF-8", "không phải văn bản UTF-8; hãy lưu tệp dạng UTF-8"),
    (r"YAML syntax error: (.+)", r"lỗi cú pháp YAML: \1"),
    (r"source too large: nested deeper than (\d+) levels", r"tệp quá lớn: lồng sâu hơn \1 cấp"),
    (
        r"source too large: more than (\d+) YAML nodes \(aliases included\)",
        r"tệp quá lớn: hơn \1 nút YAML (kể cả bí danh)",
    ),
    (r"duplicate key, first given at line (\d+)", r"khóa bị lặp, đã có ở dòng \1"),
    (r"invalid value (.+?): (.+)", r"giá trị không hợp lệ \1: \2"),
    (r"a key must be a plain name", "khóa phải là một tên đơn giản"),
    (r"the file must be a mapping of keys to values", "tệp phải là một bảng khóa: giá trị"),
    # models.py
    (r"required field is missing", "thiếu trường bắt buộc"),
    (r"must be text", "phải là văn bản"),
    (r"must be a whole number", "phải là số nguyên"),
    (r"must be true or false", "phải là true hoặc false"),
    (r"must be a list \(one `- ` entry per line\)", "phải là danh sách (mỗi dòng một mục `- `)"),
    (r"must be a mapping of keys to values", "phải là một bảng khóa: giá trị"),
    (r"must be a date written YYYY-MM-DD, e\.g\. (.+)", r"phải là ngày dạng YYYY-MM-DD, ví dụ \1"),
    (
        r"unknown field; did you mean `(.+?)`\? \(known: (.+)\)",
        r"trường không có trong mẫu; có phải là `\1`? (các trường: \2)",
    ),
    (r"unknown field \(known: (.+)\)", r"trường không có trong mẫu (các trường: \1)"),
    (r"unknown field", "trường không có trong mẫu"),
    (r"must be one of (.+)", r"phải là một trong: \1"),
    (r"must be at least (.+)", r"phải từ \1 trở lên"),
    (r"needs at least (\d+) entry", r"cần ít nhất \1 mục"),
    (r"must not be empty", "không được để trống"),
    (r"contains the control character (U\+[0-9A-F]{4})", r"chứa ký tự điều khiển \1"),
    (
        r"looks like text in the legacy (\w+) encoding, not Unicode: convert it \(e\.g\. UniKey → "
        r"Công cụ chuyển mã, \w+ → Unicode\) and paste it again",
        r"văn bản có vẻ gõ bằng bảng mã cũ \1, không phải Unicode: hãy chuyển mã (ví dụ UniKey → "
        r"Công cụ chuyển mã, \1 → Unicode) rồi dán lại",
    ),
    (
        r"'(.+)' must start with one of (.+) \(the position itself goes in signer\.position\)",
        r"'\1' phải bắt đầu bằng một trong \2 (chức vụ ghi ở signer.position)",
    ),
    (
        r"TM\. can only be the first authority line \(R-KY-TM\)",
        "TM. chỉ được ở dòng quyền hạn đầu tiên (R-KY-TM)",
    ),
    (
        r"(.+) is not an abbreviation like VP, UBND or VPUBND",
        r"\1 không phải chữ viết tắt như VP, UBND hoặc VPUBND",
    ),
    (
        r"(.+) is not a date: write YYYY-MM-DD, or YYYY-MM for a draft without a day",
        r"\1 không phải là ngày: viết YYYY-MM-DD, hoặc YYYY-MM cho dự thảo chưa có ngày",
    ),
    (
        r"an issued notice \(with a number\) needs its full date YYYY-MM-DD",
        "văn bản đã có số phải có đủ ngày ban hành YYYY-MM-DD",
    ),
    (r"a ([A-Z]+-[A-Z]+) needs agency\.parent, e\.g\. (.+)", r"\1 cần agency.parent, ví dụ \2"),
    (
        r"a ([A-Z]+-[A-Z]+) has no parent body line; remove it",
        r"\1 không có dòng cơ quan chủ quản; hãy bỏ",
    ),
    (
        r"give meeting \(the opening is composed from it\) or opening",
        "cần meeting (phần mở đầu được soạn từ đó) hoặc opening",
    ),
    (
        r"the top level cannot be `nested`; use decimal",
        "cấp đầu không thể là `nested`; dùng decimal",
    ),
    (
        r"nested (\d+) levels deep, but numbering names only (\d+) styles \((.+)\)",
        r"lồng \1 cấp nhưng numbering chỉ có \2 kiểu (\3)",
    ),
    (r"(\d+) điểm, but the Vietnamese letters end at y", r"\1 điểm, nhưng bảng chữ cái chỉ đến y"),
    (
        r"an item needs a heading or at least one paragraph",
        "mỗi mục cần heading hoặc ít nhất một đoạn",
    ),
    (
        r"footnotes\[(\d+)\]\.after (.+) (does not occur|occurs \d+ times) in the paragraph text; "
        r"quote a span that occurs exactly once",
        r"footnotes[\1].after \2 không xuất hiện đúng một lần trong đoạn; "
        r"hãy trích một cụm duy nhất",
    ),
    (
        r"issued_copies is written after the drafter's mark: give drafter \(R-NN-12\)",
        "issued_copies đi sau ký hiệu người soạn thảo: cần drafter (R-NN-12)",
    ),
    (
        r"name the template relative to this file, e\.g\. (.+)",
        r"ghi mẫu theo đường dẫn tương đối, ví dụ \1",
    ),
    (r"a template is a \.docx file", "mẫu phải là tệp .docx"),
    # render.py, pdf.py, build.py
    (r"(.+): template not found", r"\1: không tìm thấy mẫu"),
    (
        r"(.+): cannot use this file as a DOCX template: (.+)",
        r"\1: không dùng được tệp này làm mẫu DOCX: \2",
    ),
    (r"(.+): (line \d+ )?template error: (.+)", r"\1: \2lỗi mẫu: \3"),
    (r"(.+): cannot write here: (.+)", r"\1: không ghi được vào đây: \2"),
    (r"cannot write (.+): (.+)", r"không ghi được \1: \2"),
    (
        r"no PDF converter found: .+",
        "không có công cụ chuyển PDF: cài LibreOffice (Debian/Ubuntu: apt-get install "
        "libreoffice-writer-nogui fonts-liberation2), "
        "hoặc Microsoft Word với `pip install docx2pdf`",
    ),
    (
        r"(.+): LibreOffice did not finish (\d+) file\(s\) in (\d+) s; killed",
        r"\1: LibreOffice không xong \2 tệp trong \3 giây; đã dừng",
    ),
    (
        r"(.+): LibreOffice \(exit (-?\d+)\) wrote no valid PDF(.*)",
        r"\1: LibreOffice (mã \2) không tạo được PDF hợp lệ\3",
    ),
    (r"(.+): no unoserver left: (.+)", r"\1: không còn unoserver nào: \2"),
    # serve/
    (r"serving (.+) at (\S+); Ctrl-C to stop", r"đang mở \1 tại \2; nhấn Ctrl-C để dừng"),
    (r"stopped", "đã dừng"),
    (r"cannot listen on (.+): (.+)", r"không mở được cổng \1: \2"),
    (
        r"(.+) is not the name of a source in this folder",
        r"\1 không phải tên một tệp nguồn trong thư mục này",
    ),
    (r"(.+) already exists; choose another name", r"\1 đã có; hãy chọn tên khác"),
    (r"(.+) does not exist in this folder", r"\1 không có trong thư mục này"),
    (r"cannot write (.+): (.+)", r"không ghi được \1: \2"),
    (
        r"(.+) was changed by another program after it was opened; reload the page to edit "
        r"the new version",
        r"\1 đã bị chương trình khác sửa sau khi mở; hãy tải lại trang để sửa bản mới",
    ),
    (
        r"LibreOffice \(unoserver\) did not start in (\d+) s",
        r"LibreOffice (unoserver) không khởi động được trong \1 giây",
    ),
    (r"LibreOffice \(unoserver\) exited: (.*)", r"LibreOffice (unoserver) đã thoát: \1"),
    (
        r"no Python with LibreOffice's uno module: install python3-uno; (.+)",
        r"không có Python kèm mô-đun uno của LibreOffice: hãy cài python3-uno; \1",
    ),
    (
        r"same file name as (.+); outputs would overwrite each other",
        r"trùng tên tệp với \1; kết quả sẽ ghi đè lên nhau",
    ),
]
_COMPILED = [(re.compile(pattern), vi) for pattern, vi in _CATALOG]


def default_lang() -> str:
    """`vi` when the locale is Vietnamese (LC_ALL, LC_MESSAGES, LANG), else `en`."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    code = locale.getlocale()[0] or ""
    return "vi" if code.lower().startswith("vi") else "en"


def localize(message: str, lang: str) -> str:
    """`message` in `lang`: the Vietnamese form when the catalog has one, else unchanged."""
    if lang != "vi":
        return message
    for pattern, vietnamese in _COMPILED:
        match = pattern.fullmatch(message)
        if match:
            return match.expand(vietnamese)
    return message
