"""The Vietnamese of what `notice serve` says in English (the command line's catalogue,
`cli/messages.py`, takes these in): English pattern → Vietnamese, as there."""

from __future__ import annotations

SERVE_MESSAGES: list[tuple[str, str]] = [
    (r"serving (.+) at (\S+); Ctrl-C to stop", r"đang mở \1 tại \2; nhấn Ctrl-C để dừng"),
    (r"cannot listen on (.+): (.+)", r"không mở được cổng \1: \2"),
    (
        r"(.+) is not the name of a source in this folder",
        r"\1 không phải tên một tệp nguồn trong thư mục này",
    ),
    (r"stopped before LibreOffice started", "đã dừng trước khi LibreOffice khởi động"),
    (r"(.+) does not exist in this folder", r"\1 không có trong thư mục này"),
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
]
