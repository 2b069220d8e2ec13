"""The Vietnamese forms of the messages about hostile input and faults (issue 16): special
files, template paths and limits, the manifest, the register's causes, certificates. Part of
the catalogue in `messages.py`, matched after its own entries."""

from __future__ import annotations

FAULT_CATALOG: list[tuple[str, str]] = [
    (r"not a regular file: a named pipe \(FIFO\)", "không phải tệp thường: là đường ống (FIFO)"),
    (r"not a regular file: a character device", "không phải tệp thường: là thiết bị ký tự"),
    (r"not a regular file: a block device", "không phải tệp thường: là thiết bị khối"),
    (r"not a regular file: a socket", "không phải tệp thường: là socket"),
    (r"not a regular file: a folder", "không phải tệp thường: là thư mục"),
    (
        r"(.+): template: (.+) leads outside (.+) \(a source's template must lie in its "
        r"repository or in \$(\S+)\)",
        r"\1: template: \2 trỏ ra ngoài \3 (mẫu của tệp nguồn phải nằm trong kho của nó "
        r"hoặc trong $\4)",
    ),
    (r"(.+): cannot read the template: (.+)", r"\1: không đọc được mẫu: \2"),
    (r"(.+): not a usable DOCX template: (.+)", r"\1: không dùng được làm mẫu DOCX: \2"),
    (
        r"(.+): not a manifest of this tool: (.+); set aside as (.+); a new one is written",
        r"\1: không phải manifest của công cụ này: \2; đã chuyển sang \3; sẽ ghi tệp mới",
    ),
    (
        r"(.+): cannot write: (.+); the previous one is kept",
        r"\1: không ghi được: \2; giữ nguyên tệp cũ",
    ),
    (r"written, but not recorded \((.+)\)", r"đã ghi tệp nhưng chưa ghi vào manifest (\1)"),
    (
        r"(.+): more than (\d+) pages, too long for a notice: not checked",
        r"\1: hơn \2 trang, quá dài đối với một thông báo: không kiểm tra",
    ),
    # register (store.py, database.py)
    (
        r"(.+): the register stayed locked for (\d+) s \(another issuer\?\)",
        r"\1: sổ đăng ký bị khóa suốt \2 giây (có người khác đang cấp số?)",
    ),
    (r"(.+): not a register of this tool: (.+)", r"\1: không phải sổ đăng ký của công cụ này: \2"),
    (
        r"(.+): (?:cannot open the register|not a usable register|cannot write the register|"
        r"cannot read the register|cannot commit): the disk holding (.+) is full \((.+)\)",
        r"\1: ổ đĩa chứa \2 đã đầy (\3)",
    ),
    (
        r"(.+): (?:cannot open the register|not a usable register|cannot write the register|"
        r"cannot read the register|cannot commit): the disk holding (.+) is read-only \((.+)\)",
        r"\1: ổ đĩa chứa \2 chỉ cho đọc (\3)",
    ),
    (r"(.+): cannot write the register: (.+)", r"\1: không ghi được sổ đăng ký: \2"),
    # render/limits.py (inside "template error: …")
    (
        r"a format width or precision of a million or more",
        "độ rộng hoặc độ chính xác định dạng từ một triệu trở lên",
    ),
    (r"a power with more than ([\d,]+) bits", r"lũy thừa có hơn \1 bit"),
    (r"a call with (.+) as an argument", r"lời gọi có đối số \1"),
    (r"cannot print a (.+): print text or a number", r"không in được \1: chỉ in văn bản hoặc số"),
    (r"the template prints more than ([\d,]+) characters", r"mẫu in ra hơn \1 ký tự"),
    (r"(.+) would be longer than ([\d,]+) characters", r"\1 sẽ dài hơn \2 ký tự"),
    # sign (certificate.py)
    (
        r"(.+); nothing signed \(--accept-certificate signs anyway\)",
        r"\1; chưa ký tệp nào (--accept-certificate để vẫn ký)",
    ),
]
