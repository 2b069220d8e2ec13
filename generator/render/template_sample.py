"""A small notice with every part (a footnote, headings, three levels) of either kind, for
trying a template before a real notice meets it (`notice template check`)."""

from __future__ import annotations

from ..source.models import Notice
from .context import NoticeContext, build_context


def sample_notice(kind: str) -> Notice:
    """A small notice of `kind` with every part (a footnote, headings, three levels), for
    trying a template."""
    data = {
        "kind": kind,
        "agency": {"name": ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]}
        if kind == "TB-UBND"
        else {"parent": "UBND TỈNH QUẢNG NGÃI", "name": "VĂN PHÒNG"},
        "place": "Quảng Ngãi",
        "number": 7,
        "date": "2024-01-05",
        "subject": "Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về công tác chuyển đổi số",
        "opening": ["Ngày 03/01/2024, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp về chuyển đổi số."],
        "numbering": ["roman", "decimal", "letter"],
        "conclusions": [
            {"heading": "Đánh giá chung", "paragraphs": [{
                "text": "Các sở, ngành đã chủ động triển khai Kế hoạch chuyển đổi số.",
                "footnotes": [{"after": "Kế hoạch chuyển đổi số", "text": "Kế hoạch số 12."}]}]},
            {"heading": "Nhiệm vụ", "children": [
                {"paragraphs": ["Sở Thông tin và Truyền thông hoàn thành trong tháng 3."]}]},
        ],
        "closing": "Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện.",
        "recipients": ["Sở Thông tin và Truyền thông", "UBND các huyện, thị xã, thành phố"],
        "archive": {"units": "KGVX", "drafter": "Hùng"},
        "signer": {"authority": ["KT. CHÁNH VĂN PHÒNG"], "position": "PHÓ CHÁNH VĂN PHÒNG",
                   "name": "Nguyễn Văn Hùng"},
    }  # fmt: skip
    if kind == "TB-UBND":
        data["signer"] = {"authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
                          "position": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn Hùng"}  # fmt: skip
    return Notice.model_validate(data)


def sample_context(kind: str) -> NoticeContext:
    """The context of `sample_notice(kind)`, as a template sees it."""
    return build_context(sample_notice(kind))
