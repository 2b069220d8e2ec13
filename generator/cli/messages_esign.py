"""The Vietnamese forms of the electronic flow's messages (esign.py, formfields.py; issue 17),
part of the catalogue in `messages.py`."""

from __future__ import annotations

ESIGN_MESSAGES: list[tuple[str, str]] = [
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
]
