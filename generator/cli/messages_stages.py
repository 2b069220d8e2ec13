"""The Vietnamese of the errors of the later stages: preview, check, convert, register,
render, sign, and a few of source/ (`messages.py` holds the source format's messages).

Each entry is (English pattern, Vietnamese form), matched whole; the general forms come last.
"""

from __future__ import annotations

STAGE_ERRORS: list[tuple[str, str]] = [
    # register/esign.py, sign/formfields.py: the electronic flow (issue 17)
    (
        r"(.+): has a number already; an electronic draft is numbered by the văn thư when it "
        r"is issued \(leave out `number:`\)",
        r"\1: đã có số; dự thảo văn bản điện tử do văn thư cấp số khi ban hành "
        r"(bỏ dòng `number:`)",
    ),
    (
        r"(.+): not an electronic draft \(make it with `notice draft`\)",
        r"\1: không phải dự thảo văn bản điện tử (tạo bằng `notice draft`)",
    ),
    (
        r"(.+): must carry exactly the leader's signature \((\w+)\), found (.+)",
        r"\1: phải có đúng chữ ký số của người có thẩm quyền (\2), nhưng có \3",
    ),
    (r"(.+): the number or the date is filled already", r"\1: số hoặc ngày đã được điền"),
    (
        r"(.+): the leader's signature does not hold: (.+)",
        r"\1: chữ ký số của người có thẩm quyền không còn giá trị: \2",
    ),
    (
        r"(.+): no leader-signed PDF for (.+): (.+)",
        r"\1: không có tệp PDF đã ký của người có thẩm quyền cho \2: \3",
    ),
    (
        r"(.+): exists already; an issued PDF is never overwritten",
        r"\1: đã có; văn bản đã ban hành không bao giờ bị ghi đè",
    ),
    (
        r"(.+): is not the notice of this source \(its trích yếu is not on page 1\)",
        r"\1: không phải văn bản của tệp nguồn này (trích yếu không có ở trang 1)",
    ),
    (
        r"attachments go with one source at a time",
        "văn bản kèm theo chỉ đi cùng một tệp nguồn mỗi lần",
    ),
    (
        r"an electronic draft gets the seal with the organisation's signature when it is issued "
        r"\(`notice issue --signed-pdf`\); sign it without --seal-image",
        "dự thảo văn bản điện tử được đóng dấu bằng chữ ký số của cơ quan khi ban hành "
        "(`notice issue --signed-pdf`); hãy ký mà không có --seal-image",
    ),
    (r"the `Số:` line not found on page 1", "không thấy dòng `Số:` ở trang 1"),
    (r"the date line «(.+)» not found on page 1", r"không thấy dòng ngày «\1» ở trang 1"),
    # build/edraft.py, sign/electronic.py, sign/formfields.py, sign/sealing.py,
    # register/store.py: the electronic flow (issue 17)
    (
        r"(.+): the page moved when the number and date lines were left empty \((.+)\); the "
        r"template must keep their paragraphs' height",
        r"\1: trang bị xê dịch khi để trống dòng số và dòng ngày (\2); mẫu phải giữ nguyên "
        r"chiều cao của các đoạn đó",
    ),
    (
        r"(.+): cannot record the signed PDF: (.+)",
        r"\1: không ghi được tệp PDF đã ký vào sổ: \2",
    ),
    (
        r"the electronic draft has no field (.+)",
        r"dự thảo văn bản điện tử không có trường \1",
    ),
    (r"(.+): cannot add the fields: (.+)", r"\1: không thêm được các trường: \2"),
    (
        r"no italic font for the date line: install fonts-liberation2 \(Liberation Serif\)",
        "không có phông chữ nghiêng cho dòng ngày: hãy cài fonts-liberation2 (Liberation Serif)",
    ),
    (r"no text field (.+) in the PDF", r"tệp PDF không có trường văn bản \1"),
    (
        r"the field (.+) is already filled \((.*)\)",
        r"trường \1 đã được điền (\2)",
    ),
    (
        r"(.+): cannot fill the number and date: (.+)",
        r"\1: không điền được số và ngày: \2",
    ),
    (
        r"(.+): no empty field (.+) for the organisation's signature",
        r"\1: không có trường trống \2 cho chữ ký số của cơ quan",
    ),
    # build/preview.py
    (
        r"pdftoppm not found: (.+), or run `make setup`",
        r"không tìm thấy pdftoppm: \1, hoặc chạy `make setup`",
    ),
    (r"(.+): not a \*\.yaml source", r"\1: không phải tệp nguồn *.yaml"),
    (r"pdftoppm failed on (.+): (.+)", r"pdftoppm lỗi với \1: \2"),
    (r"pdftoppm did not finish (.+) in (\d+) s", r"pdftoppm không xong \1 trong \2 giây"),
    # check/: the checker's errors about files it cannot read (its findings are Vietnamese)
    (
        r"(.+): only \.docx and \.pdf files can be checked",
        r"\1: chỉ kiểm tra được tệp .docx và .pdf",
    ),
    (r"(.+): not a readable DOCX file: (.+)", r"\1: không phải tệp DOCX đọc được: \2"),
    (r"(.+): poppler found no pages", r"\1: poppler không thấy trang nào"),
    (r"(.+): (\S+) cannot read it: (.+)", r"\1: \2 không đọc được tệp: \3"),
    (r"(.+): cannot read it: (.+)", r"\1: không đọc được tệp: \2"),
    (r"(.+): (\S+) took over (\d+) s", r"\1: \2 chạy quá \3 giây"),
    # convert/
    (
        r"Microsoft Word \(docx2pdf\) works only on Windows and macOS",
        "Microsoft Word (docx2pdf) chỉ dùng được trên Windows và macOS",
    ),
    (r"docx2pdf is not installed: pip install docx2pdf", "chưa cài docx2pdf: pip install docx2pdf"),
    (
        r"two DOCX files share a name; their PDFs would overwrite",
        "hai tệp DOCX trùng tên; các tệp PDF sẽ ghi đè lên nhau",
    ),
    (r"cannot start (.+?): (.+)", r"không khởi động được \1: \2"),
    (
        r"--converter unoserver needs at least one --server",
        "--converter unoserver cần ít nhất một --server",
    ),
    (r"(.+) is not HOST:PORT", r"\1 không có dạng HOST:PORT"),
    (
        r"the unoserver client is missing: pip install unoserver",
        "thiếu chương trình khách unoserver: pip install unoserver",
    ),
    (r"(.+): Microsoft Word wrote no valid PDF", r"\1: Microsoft Word không tạo được PDF hợp lệ"),
    # profile/vietnamese.py
    (r"a document number starts at 01", "số văn bản bắt đầu từ 01"),
    (r"a khoản has at most (\d+) điểm \(a to y\)", r"một khoản có tối đa \1 điểm (a đến y)"),
    (r"Roman numerals run from 1 to 3999", "số La Mã chỉ từ 1 đến 3999"),
    (r"ordinal words run from 1 \(nhất\) to 99", "số thứ tự bằng chữ chỉ từ 1 (nhất) đến 99"),
    # register/
    (r"unknown format (.+); use one of (.+)", r"không có định dạng \1; dùng một trong: \2"),
    (
        r"the register holds (\d+) issuing bodies \((.+)\); a CSV holds one: choose it with --body",
        r"sổ có \1 cơ quan ban hành (\2); mỗi tệp CSV chỉ chứa một: chọn bằng --body",
    ),
    (
        r"(.+): write the source as a block mapping \(key: value lines\)",
        r"\1: hãy viết tệp nguồn dạng khối (mỗi dòng một cặp khóa: giá trị)",
    ),
    (
        r"(.+): cannot write the number and date safely into this layout",
        r"\1: không ghi được số và ngày một cách an toàn vào cách trình bày này",
    ),
    (
        r"(.+): already issued as số (.+); a number is given only once",
        r"\1: đã được cấp số \2; mỗi văn bản chỉ được cấp số một lần",
    ),
    (
        r"(.+): (.+) was issued on (.+); a later number cannot carry the earlier date (.+)",
        r"\1: số \2 đã cấp ngày \3; số sau không thể mang ngày sớm hơn \4",
    ),
    (r"(.+): cannot read the YAML: (.+)", r"\1: không đọc được YAML: \2"),
    (
        r"(.+): write `(.+):` on one line to let it be filled in",
        r"\1: viết `\2:` trên một dòng để chương trình điền vào",
    ),
    (
        r"(.+): writing the number would break the YAML: (.+)",
        r"\1: ghi số vào sẽ làm hỏng YAML: \2",
    ),
    (
        r"(.+); (.+) was not issued, nothing was written",
        r"\1; \2 chưa được cấp số, chưa ghi gì",
    ),
    (r"(.+): cannot write the number back: (.+)", r"\1: không ghi lại được số: \2"),
    (
        r"(.+): no `place:` line to put the number and date after",
        r"\1: không có dòng `place:` để ghi số và ngày vào sau",
    ),
    (
        r"the sources lie in several folders; name one register for all with --register",
        "các tệp nguồn nằm ở nhiều thư mục; chỉ định một sổ chung bằng --register",
    ),
    (
        r"(.+): no register here \(give --register FILE\)",
        r"\1: không có sổ ở đây (chỉ định --register TỆP)",
    ),
    (r"(.+): cannot open the register: (.+)", r"\1: không mở được sổ: \2"),
    (r"(.+): not a usable register: (.+)", r"\1: không phải sổ dùng được: \2"),
    (
        r"(.+): the register stayed locked for (\d+) s \(another issuer\?\): (.+)",
        r"\1: sổ bị khóa suốt \2 giây (có người khác đang cấp số?): \3",
    ),
    (r"(.+): cannot commit: (.+)", r"\1: không lưu được: \2"),
    (r"(.+): cannot read the register: (.+)", r"\1: không đọc được sổ: \2"),
    (
        r"(.+): register format (.+), this tool reads (.+)",
        r"\1: sổ định dạng \2, chương trình này đọc định dạng \3",
    ),
    (r"(.+): (.+) of (.+) is already registered: (.+)", r"\1: \2 của \3 đã có trong sổ: \4"),
    (
        r"unknown task format (.+): use one of (.+)",
        r"không có định dạng danh sách nhiệm vụ \1: dùng một trong: \2",
    ),
    # render/
    (
        r"(.+): the template has no place for appendices \(phụ lục\): make it again with "
        r"`make templates`, or add the `appendix` loop after the signature",
        r"\1: mẫu không có chỗ cho phụ lục: tạo lại bằng `make templates`, hoặc thêm vòng lặp "
        r"`appendix` sau chữ ký",
    ),
    (
        r"(.+):(\d+) template error: (.+) \(`notice template check (.+)` names the paragraph\)",
        r"\1:\2 lỗi mẫu: \3 (`notice template check \4` chỉ ra đoạn văn có lỗi)",
    ),
    (r"(.+): the template renders to broken XML: (.+)", r"\1: mẫu tạo ra XML hỏng: \2"),
    (
        r"cannot add the draft mark: not a readable DOCX: (.+)",
        r"không thêm được dấu DỰ THẢO: không phải tệp DOCX đọc được: \1",
    ),
    # sign/
    (
        r"no font for the signature text: install fonts-liberation2 \(Liberation Serif\)",
        "không có phông cho chữ trong ô chữ ký: cài fonts-liberation2 (Liberation Serif)",
    ),
    (r"(.+): (.+) not found in the right-hand column", r"\1: không tìm thấy \2 ở cột bên phải"),
    (r"(.+): cannot read the PDF: (.+)", r"\1: không đọc được PDF: \2"),
    (r"(.+): cannot add the signature field: (.+)", r"\1: không thêm được ô chữ ký: \2"),
    (r"(.+): already signed \(field (.+) is filled\)", r"\1: đã được ký (ô \2 đã có chữ ký)"),
    (
        r"(.+): cannot open the PKCS#12 file \(wrong password\?\)",
        r"\1: không mở được tệp PKCS#12 (sai mật khẩu?)",
    ),
    (r"(.+): cannot open token (.+?): (.+)", r"\1: không mở được token \2: \3"),
    (r"(.+): not a readable PDF: (.+)", r"\1: không phải tệp PDF đọc được: \2"),
    (r"(.+): cannot sign: (.+)", r"\1: không ký được: \2"),
    (r"(.+): cannot write: (.+)", r"\1: không ghi được: \2"),
    (r"(.+): not a readable image: (.+)", r"\1: không phải ảnh đọc được: \2"),
    (
        r"the PDFs lie in several folders; name the manifest with -o",
        "các tệp PDF nằm ở nhiều thư mục; chỉ định tệp manifest bằng -o",
    ),
    (
        r"(\d+) tokens found \((.+)\); choose --token-label",
        r"tìm thấy \1 token (\2); chọn bằng --token-label",
    ),
    (
        r"token (.+) holds (\d+) private keys \((.+)\); choose --key-label",
        r"token \1 có \2 khóa riêng (\3); chọn bằng --key-label",
    ),
    (r"token (.+?): key or certificate (.+?): (.+)", r"token \1: khóa hoặc chứng thư \2: \3"),
    (r"(.+): not a PEM or DER certificate: (.+)", r"\1: không phải chứng thư PEM hoặc DER: \2"),
    # source/
    (r"more than (\d+) YAML nodes \(aliases included\)", r"hơn \1 nút YAML (kể cả bí danh)"),
    (r"nested deeper than (\d+) levels", r"lồng sâu hơn \1 cấp"),
    (r"cannot be changed", "không được thay đổi"),
    (r"unknown kind (.+): use one of (.+)", r"không có loại \1: dùng một trong: \2"),
    (
        r"give the kind of the notice \((.+)\), or a notice to copy",
        r"cho biết loại thông báo (\1), hoặc một thông báo để sao chép",
    ),
    (
        r"(.+) is a (.+): its agency and signer do not fit a (.+); leave out --kind or copy "
        r"from a notice of the same kind",
        r"\1 là \2: cơ quan ban hành và người ký không hợp với \3; bỏ --kind, hoặc sao chép "
        r"từ một thông báo cùng loại",
    ),
    (r"(.+) already exists; choose another name", r"\1 đã có; hãy chọn tên khác"),
    # the general forms last: a more particular one above wins
    (r"(.+): cannot read: (.+)", r"\1: không đọc được: \2"),
    (r"cannot read (.+): (.+)", r"không đọc được \1: \2"),
    (r"(.+) not found: (.+)", r"không tìm thấy \1: \2"),
]
