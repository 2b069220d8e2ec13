"""Tasks recognised where the text states them plainly, marked as guesses.

"Giao Sở Tài chính hướng dẫn …" or an item that opens with "Bộ Công an: …" names the
assignee; "hoàn thành trước ngày 25 tháng 11 năm 2025" or "… trước ngày 10/12/2025" the
deadline. Anything less plain is left to the person who checks the import.
"""

from __future__ import annotations

import re

from .tree import Node

_UNIT = (r"(?:Sở|Bộ|Phòng|Ủy ban nhân dân|UBND|Trung tâm|Văn phòng|Ban|Cục|Chi cục|Công an"
         r"|Thanh tra|Ngân hàng|Đài|Kho bạc|Tổng cục|Viện|Trường|Báo|Hội đồng)")  # fmt: skip
_VERBS = (r"chủ trì|phối hợp|hướng dẫn|tham mưu|thực hiện|xây dựng|nghiên cứu|rà soát|tổ chức"
          r"|triển khai|khẩn trương|kiểm tra|tách|bố trí|báo cáo|đề xuất|theo dõi|trình|có"
          r"|tiếp tục|quản lý|cập nhật|đôn đốc|giải quyết|bổ sung|hoàn thành|phải|cần"
          r"|chịu")  # fmt: skip
_GIAO = re.compile(rf"\b[Gg]iao (?:cho )?(?P<unit>{_UNIT}\s.{{2,80}}?)\s+(?={_VERBS}\b|[,:;(])")
_LEAD = re.compile(rf"^(?P<unit>{_UNIT}\s[^:;,.]{{2,80}}?)\s*(?::|\s(?=(?:{_VERBS})\b))")
_DAY = re.compile(
    r"(?:hoàn thành|trước|thời hạn)[^.;]{0,40}?ngày\s+(?P<d>\d{1,2})"
    r"(?:\s+tháng\s+|/)(?P<m>\d{1,2})(?:\s+năm\s+|/)(?P<y>\d{4})"
)


def guess_tasks(nodes: list[Node], path: str = "") -> list[str]:
    """Set `assignee`/`deadline` on items that state them plainly; one line per guess."""
    out: list[str] = []
    for i, node in enumerate(nodes, 1):
        where = f"{path}{i}."
        text = " ".join([node.heading or "", *(p["text"] for p in node.paragraphs)])
        first = node.heading or (node.paragraphs[0]["text"] if node.paragraphs else "")
        unit = _GIAO.search(text) or _LEAD.match(first)
        if unit:
            name = unit.group("unit").strip(" ,:")
            node.extra["assignee"] = name
            out.append(f"mục {where[:-1]}: assignee: {name}")
        day = _DAY.search(text)
        if day:
            d, m, y = int(day.group("d")), int(day.group("m")), int(day.group("y"))
            if _valid(y, m, d):
                node.extra["deadline"] = f"{y:04d}-{m:02d}-{d:02d}"
                out.append(f"mục {where[:-1]}: deadline: {node.extra['deadline']}")
        out += guess_tasks(node.children, where)
    return out


def _valid(year: int, month: int, day: int) -> bool:
    import datetime

    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True
