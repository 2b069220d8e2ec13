"""Messages in Vietnamese or English (`notice --lang vi|en`, default from the locale).

The library words its errors in English; this catalog gives each one its Vietnamese form,
matched by pattern so that the names, values and places inside a message carry over.
A message with no entry is shown as it is.
"""

from __future__ import annotations

import locale
import os
import re

from ..serve.messages import SERVE_MESSAGES
from .fault_messages import FAULT_CATALOG
from .messages_import import IMPORT_MESSAGES
from .messages_stages import STAGE_ERRORS

LANGS = ("vi", "en")

_CATALOG: list[tuple[str, str]] = [
    # sources.py
    (r"cannot read file: (.+)", r"không đọc được tệp: \1"),
    (r"file is larger than ([\d,]+) bytes", r"tệp lớn hơn \1 byte"),
    (r"not UTF-8 text; save the file as UTF-8", "không phải văn bản UTF-8; hãy lưu tệp dạng UTF-8"),
    # the command line's summaries
    (r"(\d+) of (\d+) source\(s\) valid", r"\1/\2 tệp nguồn hợp lệ"),
    (r"(\d+) notice\(s\): (.+)", r"\1 thông báo: \2"),
    (r"(\d+) rendered", r"\1 đã kết xuất"),
    (r"(\d+) unchanged", r"\1 không đổi"),
    (r"(\d+) failed", r"\1 lỗi"),
    (r"(R-[A-Z0-9-]+) warning \((\d+) file\(s\)\): (.+)", r"\1 cảnh báo (\2 tệp): \3"),
    (
        r"(\d+) error\(s\), (\d+) warning\(s\) in (\d+) file\(s\)",
        r"\1 lỗi, \2 cảnh báo trong \3 tệp",
    ),
    (
        r"(\d+) of (\d+) draft\(s\) issued; register: (.+)",
        r"\1/\2 dự thảo đã được cấp số; sổ: \3",
    ),
    (r"(\d+) of (\d+) PDF\(s\) signed; (.+)", r"\1/\2 PDF đã ký; \3"),
    (r"wrote (.+)", r"đã ghi \1"),
    (r"watching (.+); Ctrl-C to stop", r"đang theo dõi \1; Ctrl-C để dừng"),
    (r"first render", "lần kết xuất đầu"),
    (r"stopped", "đã dừng"),
    # source/yaml_syntax.py: the syntax errors told with their fix (before the general form)
    (
        r"YAML syntax error: line (\d+) is indented (\d+) spaces?, deeper than line (\d+) "
        r"\((\d+)\): a key of the same level starts at the same column",
        r"lỗi cú pháp YAML: dòng \1 thụt vào \2 dấu cách, sâu hơn dòng \3 (\4): các khóa "
        "cùng cấp phải bắt đầu ở cùng một cột",
    ),
    (
        r"YAML syntax error: line (\d+) is indented (\d+) spaces?, but the keys of its block "
        r"\(from line (\d+)\) are indented (\d+)",
        r"lỗi cú pháp YAML: dòng \1 thụt vào \2 dấu cách, nhưng các khóa của khối này (từ "
        r"dòng \3) thụt vào \4",
    ),
    (
        r"YAML syntax error: line (\d+) is indented (\d+) spaces?, but the entries `- ` of its "
        r"list \(from line (\d+)\) are indented (\d+)",
        r"lỗi cú pháp YAML: dòng \1 thụt vào \2 dấu cách, nhưng các mục `- ` của danh sách "
        r"(từ dòng \3) thụt vào \4",
    ),
    (
        r"YAML syntax error: line (\d+) is not an entry `- ` of the list above it \(from line "
        r"(\d+)\): start it with `- `, or indent it less to make it a key of its own",
        r"lỗi cú pháp YAML: dòng \1 không phải một mục `- ` của danh sách phía trên (từ dòng "
        r"\2): hãy bắt đầu bằng `- `, hoặc thụt vào ít hơn để thành một khóa riêng",
    ),
    (
        r'YAML syntax error: a text holding ": " must be put in quotes, e\.g\. (.+)',
        r'lỗi cú pháp YAML: văn bản có ": " phải đặt trong dấu ngoặc kép, ví dụ \1',
    ),
    (
        r"YAML syntax error: a tab character: indent with spaces only",
        "lỗi cú pháp YAML: có ký tự tab: chỉ thụt lề bằng dấu cách",
    ),
    (
        r"YAML syntax error: a value cannot start with (.): put it in quotes, e\.g\. (.+)",
        r"lỗi cú pháp YAML: giá trị không được bắt đầu bằng \1: hãy đặt trong dấu ngoặc kép, "
        r"ví dụ \2",
    ),
    (
        r"YAML syntax error: this line has no `:` after its key: write `key: value`, or indent "
        r"a text that goes on from the line above under its key",
        "lỗi cú pháp YAML: dòng này thiếu `:` sau khóa: viết `khóa: giá trị`, hoặc thụt lề phần "
        "văn bản viết tiếp dòng trên vào dưới khóa của nó",
    ),
    (
        r"YAML syntax error: this quote is never closed: add the closing quote",
        "lỗi cú pháp YAML: dấu ngoặc kép mở ở đây không được đóng: hãy thêm dấu đóng",
    ),
    (
        r"YAML syntax error: the list \[ opened here is not closed with \] on its line, or an "
        r"entry lacks its comma",
        "lỗi cú pháp YAML: danh sách [ mở ở đây không được đóng bằng ] trên cùng dòng, hoặc "
        "thiếu dấu phẩy giữa các mục",
    ),
    (
        r"YAML syntax error: the mapping \{ opened here is not closed with \} on its line, or "
        r"an entry lacks its comma",
        "lỗi cú pháp YAML: bảng { mở ở đây không được đóng bằng } trên cùng dòng, hoặc thiếu "
        "dấu phẩy giữa các mục",
    ),
    (
        r"YAML syntax error: text after a closing quote: put the whole value inside the quotes",
        "lỗi cú pháp YAML: có chữ sau dấu ngoặc kép đóng: hãy đặt cả giá trị trong dấu ngoặc kép",
    ),
    (
        r"YAML syntax error: a second document \(`---`\) in the file: a source holds one "
        r"notice; remove the `---` line",
        "lỗi cú pháp YAML: tệp có tài liệu thứ hai (`---`): mỗi tệp chỉ chứa một thông báo; hãy "
        "bỏ dòng `---`",
    ),
    (
        r"YAML syntax error: a value starting with \* must be put in quotes, e\.g\. (.+)",
        r"lỗi cú pháp YAML: giá trị bắt đầu bằng * phải đặt trong dấu ngoặc kép, ví dụ \1",
    ),
    (r"YAML syntax error: (.+)", r"lỗi cú pháp YAML: \1"),
    (r"source too large: nested deeper than (\d+) levels", r"tệp quá lớn: lồng sâu hơn \1 cấp"),
    (
        r"source too large: more than (\d+) YAML nodes \(aliases included\)",
        r"tệp quá lớn: hơn \1 nút YAML (kể cả bí danh)",
    ),
    (r"duplicate key, first given at line (\d+)", r"khóa bị lặp, đã có ở dòng \1"),
    # the reasons Python gives for an impossible date (`date: 2020-02-30`)
    (
        r"invalid value (.+?): month must be in 1\.\.12",
        r"giá trị không hợp lệ \1: tháng phải từ 1 đến 12",
    ),
    (
        r"invalid value (.+?): day is out of range for month",
        r"giá trị không hợp lệ \1: tháng này không có ngày đó",
    ),
    (
        r"invalid value (.+?): year (-?\d+) is out of range",
        r"giá trị không hợp lệ \1: năm \2 nằm ngoài khoảng cho phép",
    ),
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
    (r"must be one of (.+) or (.+)", r"phải là một trong: \1 hoặc \2"),
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
        r"«Như trên» names the addressees of a Kính gửi, and this notice has none: give "
        r"addressees or name the recipient \(R-NN-1\)",
        "«Như trên» chỉ các nơi ở phần Kính gửi, nhưng thông báo này không có Kính gửi: "
        "thêm addressees hoặc ghi rõ tên nơi nhận (R-NN-1)",
    ),
    # textrules.py
    (
        r"the trích yếu is written in lower case, not in capitals \(R-TY\)",
        "trích yếu viết chữ in thường, không viết in hoa (R-TY)",
    ),
    (
        r"starts with the label (.+), which is computed \(numbering\): remove it, or it is "
        r"printed twice \(R-ND-PMK\)",
        r"bắt đầu bằng số thứ tự \1, vốn do chương trình đánh (numbering): hãy bỏ, nếu không "
        r"sẽ in hai lần (R-ND-PMK)",
    ),
    (
        r"a word of (\d+) characters is wider than the line \((.+)\) \((R-[A-Z0-9-]+)\)",
        r"một từ dài \1 ký tự, rộng hơn cả dòng (\2) (\3)",
    ),
    (
        r"the «Lưu:» line is made from archive and printed last; as a recipient it would be "
        r"printed twice: move its units to archive\.units \(R-NN-LUU\)",
        "dòng «Lưu:» do chương trình soạn từ archive và in cuối cùng; ghi ở nơi nhận sẽ in hai "
        "lần: chuyển đơn vị sang archive.units (R-NN-LUU)",
    ),
    (
        r"archive\.units is missing: the Lưu line would be «- Lưu: VT\.» without the drafting "
        r"unit, e\.g\. (.+) \(R-NN-LUU\)",
        r"thiếu archive.units: dòng Lưu sẽ chỉ là «- Lưu: VT.», không có đơn vị soạn thảo, "
        r"ví dụ \1 (R-NN-LUU)",
    ),
    (
        r"«(.+)» looks like the rest of the text before it, split at a comma by the \[a, b\] "
        r"form: write one «- » entry per line, or quote the text \(YAML-FLOW\)",
        r"«\1» có vẻ là phần sau của đoạn trước, bị dạng [a, b] tách ở dấu phẩy: viết mỗi mục "
        r"một dòng «- », hoặc đặt đoạn văn trong dấu ngoặc kép (YAML-FLOW)",
    ),
    (
        r"contains the invisible character (U\+[0-9A-F]{4}) ?(.*), which changes what is read "
        r"without being printed: delete it \(R-FONT\)",
        r"chứa ký tự ẩn \1 \2, làm đổi nội dung đọc được mà không in ra: hãy xóa (R-FONT)",
    ),
    (
        r"the year (\d+) is not plausible: write 1901–2999 \(R-DATE-1\)",
        r"năm \1 không hợp lý: ghi năm từ 1901 đến 2999 (R-DATE-1)",
    ),
    (
        r"(\d+) is not a document number: at most 6 digits \(R-SO-1\)",
        r"\1 không phải số văn bản: tối đa 6 chữ số (R-SO-1)",
    ),
    (
        r"an item needs a heading, a paragraph, children or after",
        "mục cần heading, một đoạn, mục con (children) hoặc đoạn sau (after)",
    ),
    (
        r"footnote after (.+) must occur exactly once in the printed text \(without \*\* and "
        r"\*\) of (.+)",
        r"chú thích after \1 phải xuất hiện đúng một lần trong chữ được in (không kể ** và *) "
        r"của \2",
    ),
    (
        r"(.+) is not a number of copies: write 2, or as written: \"2b\", \"02\"",
        r'\1 không phải số bản lưu: ghi 2, hoặc như văn thư ghi: "2b", "02"',
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
    # the issuer's level (profile/issuers.py)
    (r"a TB needs agency\.level: one of (.+)", r"TB cần agency.level: một trong \1"),
    (r"a ([a-z-]+) needs agency\.parent, e\.g\. (.+)", r"\1 cần agency.parent, ví dụ \2"),
    (
        r"a ([a-z-]+) has no parent body line; remove it",
        r"\1 không có dòng cơ quan chủ quản; hãy bỏ",
    ),
    (
        r"a ([a-z-]+) needs agency\.abbreviation, e\.g\. (.+)",
        r"\1 cần agency.abbreviation (chữ viết tắt trong ký hiệu), ví dụ \2",
    ),
    (
        r"'(.+)' starts with the tên loại (\S+), which the ký hiệu adds itself: write only the "
        r"body's abbreviation, e\.g\. (\S+) \(R-KH-1\)",
        r"'\1' có tên loại \2 ở đầu, mà ký hiệu tự thêm vào: chỉ ghi chữ viết tắt tên cơ quan, "
        r"ví dụ \3 (R-KH-1)",
    ),
    (
        r"'(.+)' is not a mã định danh like 000\.00\.00\.G01",
        r"'\1' không phải mã định danh dạng 000.00.00.G01",
    ),
    (
        r"a TB names its issuer: --issuer (.+)",
        r"TB cần cấp, loại cơ quan ban hành: --issuer \1",
    ),
    (r"unknown issuer (.+): use one of (.+)", r"không có cơ quan loại \1: dùng một trong \2"),
    # warnings (source/review.py, profile/admin_map.py)
    (r"warning", "cảnh báo"),
    (
        r"the địa danh of a ([a-z-]+) is its province, «(.+)» \(NĐ 30, Phụ lục I\)",
        r"địa danh của \1 là tên tỉnh, thành phố: «\2» (NĐ 30, Phụ lục I)",
    ),
    (
        r"the địa danh of a ([a-z-]+) is its commune's own name, «(.+)» \(NĐ 30, Phụ lục I\)",
        r"địa danh của \1 là tên xã, phường, đặc khu: «\2» (NĐ 30, Phụ lục I)",
    ),
    (
        r"tỉnh (.+) no longer exists since (\S+) \((.+?)\): it is part of (.+)",
        r"tỉnh \1 không còn từ ngày \2 (\3): nay thuộc \4",
    ),
    (
        r"(Sở .+) no longer exists since (\S+) \((.+?)\): it is part of (.+)",
        r"\1 không còn từ ngày \2 (\3): nay là \4",
    ),
    (
        r"«(.+)»: a district-level body, and there is no district level since (\S+) \((.+)\)",
        r"«\1»: cơ quan cấp huyện, mà từ ngày \2 không còn cấp huyện (\3)",
    ),
    (
        r"«(.+)»: there is no district level since (\S+) \((.+)\); write e\.g\. «(.+)»",
        r"«\1»: từ ngày \2 không còn cấp huyện (\3); hãy viết, ví dụ «\4»",
    ),
    # the register (register/adoption.py, register/issuance.py)
    (
        r"(.+): the register does not exist, but (\d+) issued source\(s\) lie beside it: (.+)\. "
        r"A new register would give their numbers again: record them first with `notice "
        r"register import (.+)`, or name the register that holds them with --register",
        r"\1: chưa có sổ đăng ký, nhưng bên cạnh có \2 văn bản đã ban hành: \3. Sổ mới sẽ cấp "
        r"lại các số đó: hãy ghi chúng vào sổ trước bằng `notice register import \4`, hoặc chỉ "
        r"đúng sổ đang giữ các số đó bằng --register",
    ),
    (
        r"(.+): the register is empty, but (\d+) issued source\(s\) lie beside it: (.+)\. "
        r"A new register would give their numbers again: record them first with `notice "
        r"register import (.+)`, or name the register that holds them with --register",
        r"\1: sổ đăng ký trống, nhưng bên cạnh có \2 văn bản đã ban hành: \3. Sổ mới sẽ cấp "
        r"lại các số đó: hãy ghi chúng vào sổ trước bằng `notice register import \4`, hoặc chỉ "
        r"đúng sổ đang giữ các số đó bằng --register",
    ),
    (
        r"(.+): (số .+) is already registered for (.+); (.+) was not issued, nothing was written",
        r"\1: \2 đã được cấp cho \3 trong sổ; \4 chưa được ban hành, không có gì bị ghi",
    ),
    (
        r"(.+): (số .+) is also carried by (.+); (.+) was not issued, nothing was written",
        r"\1: \2 đã được ghi tay trong \3; \4 chưa được ban hành, không có gì bị ghi",
    ),
    (r"(.+): (số .+) is already registered for (.+)", r"\1: \2 đã được cấp cho \3 trong sổ"),
    (r"(.+): (số .+) is also carried by (.+)", r"\1: \2 cũng được ghi trong \3"),
    (
        r"(.+): carries (số .+) written by hand, which the register has not given: record it "
        r"with `notice register import (.+)`",
        r"\1: mang \2 ghi tay, số này sổ đăng ký chưa cấp: hãy ghi vào sổ bằng "
        r"`notice register import \3`",
    ),
    (
        r"(.+): (số .+) is already registered \(for (.+)\); the register cannot go back to (\d+)",
        r"\1: \2 đã có trong sổ (của \3); sổ không thể lùi về số \4",
    ),
    (
        r"(.+): already issued as (số .+); a number is given only once",
        r"\1: đã ban hành với \2; mỗi số chỉ cấp một lần",
    ),
    (
        r"(.+): already carries (số .+); a number is given only once",
        r"\1: đã có \2; mỗi số chỉ cấp một lần",
    ),
    (
        r"(\d+) NĐ 30 error\(s\) found by the checker \(--allow-check-errors keeps the notice\)",
        r"trình kiểm tra tìm thấy \1 lỗi NĐ 30 (--allow-check-errors để vẫn giữ văn bản)",
    ),
    # render.py, pdf.py, build.py
    (r"(.+): template not found", r"\1: không tìm thấy mẫu"),
    (
        r"(.+): cannot use this file as a DOCX template: (.+)",
        r"\1: không dùng được tệp này làm mẫu DOCX: \2",
    ),
    (r"(.+): template error: took longer than (.+) s", r"\1: lỗi mẫu: chạy quá \2 giây"),
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
    (
        r"same file name as (.+); outputs would overwrite each other",
        r"trùng tên tệp với \1; kết quả sẽ ghi đè lên nhau",
    ),
    *FAULT_CATALOG,  # before the stages' own: its register entries are more specific
    *STAGE_ERRORS,
]
_CATALOG += IMPORT_MESSAGES
_CATALOG += SERVE_MESSAGES  # notice serve's own, kept beside it
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
