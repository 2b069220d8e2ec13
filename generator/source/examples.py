"""The values a skeleton of `notice new` shows in its comments: those of the reference
notices for the shorthand kinds, and those of each issuer level's body (after the 2025 reform)
for a `kind: TB` skeleton."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..profile import issuers


@dataclass(frozen=True)
class Examples:
    """Values from the seeds, shown in the comments of one kind's skeleton."""

    parent: str
    name_yaml: str
    place: str
    number: str
    date: str
    subject: str
    meeting_date: str
    meeting_day: str
    chair: str
    position: str
    address: str
    action: str
    title: str
    called: str
    attendee: str
    heard: str
    numbering: str
    heading: str
    paragraph: str
    assignee: str
    deadline: str
    closing: str
    recipient: str
    units: str
    drafter: str
    authority: str
    signer_position: str
    signer_name: str


EXAMPLES = {
    # seed 000: 1730/TB-VP of Văn phòng UBND tỉnh Quảng Ngãi
    "TB-VP": Examples(
        parent="UBND TỈNH QUẢNG NGÃI",
        name_yaml="VĂN PHÒNG",
        place="Quảng Ngãi",
        number="1730",
        date="2020-12-21",
        subject="Kết luận của đồng chí Lê Quốc Đạt, Phó Chánh Văn phòng phụ trách tại Hội nghị "
        "tổng kết công tác năm 2020, …",
        meeting_date="2020-12-18",
        meeting_day="18/12/2020",
        chair="Lê Quốc Đạt",
        position="Phó Chánh Văn phòng UBND tỉnh phụ trách Văn phòng UBND tỉnh",
        address="comrade",
        action="dự và chỉ đạo",
        title="Hội nghị tổng kết công tác năm 2020, triển khai nhiệm vụ năm 2021 của …",
        called="Hội nghị",
        attendee="Bí thư Chi đoàn Văn phòng UBND tỉnh",
        heard="công khai tình hình tài chính năm 2020",
        numbering="[decimal, letter, dash]",
        heading="Nhiệm vụ trong thời gian đến:",
        paragraph="Năm 2021 và những năm tiếp theo, … tập trung vào một số nhiệm vụ trọng tâm sau:",
        assignee="Trung tâm Công báo và Tin học",
        deadline="2021-03-31",
        closing="Nay thông báo kết luận của Phó Chánh Văn phòng phụ trách … để các phòng, ban, "
        "đơn vị triển khai thực hiện.",
        recipient="CT, PCT UBND tỉnh",
        units="HC-TC",
        drafter="Cường",
        authority="TL. CHÁNH VĂN PHÒNG",
        signer_position="TRƯỞNG PHÒNG HC-TC",
        signer_name="Nguyễn Xuân Lộc",
    ),
    # after seed 004 (a TB-UBND draft of Bắc Giang, part of Bắc Ninh since 1 July 2025 by
    # NQ 202/2025/QH15), with the bodies of 2026 (Sở Khoa học và Công nghệ took over Thông
    # tin và Truyền thông, Sở Tài chính took over Kế hoạch và Đầu tư)
    "TB-UBND": Examples(
        parent="",
        name_yaml='[ỦY BAN NHÂN DÂN, ""]',
        place="Bắc Ninh",
        number="7",
        date="2026-05 (dự thảo chưa có ngày)",
        subject="Kết luận của Phó Chủ tịch UBND tỉnh Lê Ánh Dương tại buổi làm việc với Sở "
        "Khoa học và Công nghệ",
        meeting_date="2026-05-18",
        meeting_day="18/5/2026",
        chair="Lê Ánh Dương",
        position="Phó Chủ tịch UBND tỉnh",
        address="title",
        action="tổ chức",
        title="buổi làm việc với Sở Khoa học và Công nghệ nhằm đánh giá tình hình, …",
        called="buổi làm việc",
        attendee="đại diện lãnh đạo các Sở, cơ quan: Tài chính, Nội vụ, Văn phòng UBND tỉnh",
        heard="Báo cáo của Sở Khoa học và Công nghệ, ý kiến thảo luận của các đại biểu",
        numbering="[decimal, nested, dash]",
        heading="Về một số đề xuất, kiến nghị",
        paragraph="Đồng ý chủ trương thực hiện giao tự chủ 100% chi thường xuyên đối với …",
        assignee="Sở Tài chính",
        deadline="2026-12-31",
        closing="Văn phòng UBND tỉnh thông báo kết luận của Phó Chủ tịch UBND tỉnh Lê Ánh Dương "
        "để … biết, thực hiện.",
        recipient="Chủ tịch, các PCT UBND tỉnh; UBND các xã, phường",
        units="KGVX",
        drafter="Cường",
        authority="[TL. CHỦ TỊCH, KT. CHÁNH VĂN PHÒNG] hoặc [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]",
        signer_position="PHÓ CHÁNH VĂN PHÒNG",
        signer_name="Bùi Huy Khánh",
    ),
}


LEVEL_NAMES = {
    "ubnd-tinh": '[ỦY BAN NHÂN DÂN, ""]',
    "van-phong-ubnd-tinh": "VĂN PHÒNG",
    "ubnd-xa": '[ỦY BAN NHÂN DÂN, ""]',
    "van-phong-chinh-phu": "VĂN PHÒNG CHÍNH PHỦ",
}


def for_level(level: issuers.IssuerLevel) -> Examples:
    """The examples of a level's skeleton: its body's, and the body text of 2026."""
    ex = level.example
    return replace(
        EXAMPLES["TB-UBND"],
        parent=ex.parent,
        name_yaml=LEVEL_NAMES.get(level.key, '""'),
        place=ex.place,
        number="15",
        date="2026-05-18",
        recipient="; ".join(ex.recipients),
        units=ex.archive_units,
        authority=flow_list(ex.signer_authority),
        signer_position=ex.signer_position,
    )


def flow_list(lines: tuple[str, ...]) -> str:
    """`[TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]`, a line with a comma in double quotes."""
    return "[" + ", ".join(f'"{line}"' if "," in line else line for line in lines) + "]"
