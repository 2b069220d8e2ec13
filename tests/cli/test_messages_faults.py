"""The Vietnamese forms of the messages of issue 16 (special files, templates, manifest,
register, certificates)."""

from __future__ import annotations

import pytest

from generator.cli.messages import localize


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("not a regular file: a named pipe (FIFO)", "không phải tệp thường: là đường ống (FIFO)"),
        ("t.docx: template error: took longer than 5 s", "t.docx: lỗi mẫu: chạy quá 5 giây"),
        ("t.docx: not a usable DOCX template: more than 1000 parts",
         "t.docx: không dùng được làm mẫu DOCX: more than 1000 parts"),
        ("x.yaml: template: ../a.docx leads outside /r (a source's template must lie in its "
         "repository or in $NOTICE_TEMPLATE_PATH)",
         "x.yaml: template: ../a.docx trỏ ra ngoài /r (mẫu của tệp nguồn phải nằm trong kho của "
         "nó hoặc trong $NOTICE_TEMPLATE_PATH)"),
        ("o/manifest.json: not a manifest of this tool: the file: x; set aside as m.bad; a new "
         "one is written",
         "o/manifest.json: không phải manifest của công cụ này: the file: x; đã chuyển sang "
         "m.bad; sẽ ghi tệp mới"),
        ("r.sqlite: the register stayed locked for 60 s (another issuer?)",
         "r.sqlite: sổ đăng ký bị khóa suốt 60 giây (có người khác đang cấp số?)"),
        ("r.sqlite: not a usable register: the disk holding /d is full (disk I/O error)",
         "r.sqlite: ổ đĩa chứa /d đã đầy (disk I/O error)"),
        ("a.csv: cannot write: Read-only file system",
         "a.csv: không ghi được: Read-only file system"),
        ("k.p12: A: the certificate expired on 2026-11-30 (valid 2026-10-02 – 2026-11-30); "
         "nothing signed (--accept-certificate signs anyway)",
         "k.p12: A: the certificate expired on 2026-11-30 (valid 2026-10-02 – 2026-11-30); "
         "chưa ký tệp nào (--accept-certificate để vẫn ký)"),
        ("x.pdf: more than 100 pages, too long for a notice: not checked",
         "x.pdf: hơn 100 trang, quá dài đối với một thông báo: không kiểm tra"),
    ],
)
def test_the_new_messages_in_vietnamese(english, vietnamese):
    """Each new message has its Vietnamese form; names and values carry over."""
    assert localize(english, "vi") == vietnamese
