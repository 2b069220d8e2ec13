"""The body of a notice as the source writes it: the meeting its opening is composed from,
paragraphs with footnotes, the conclusions tree with its tasks, and the phụ lục."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, Strict, model_validator

from .fields import (
    Date,
    Model,
    NumberStyle,
    Text,
    _as_list,
    _phrase_template,
)


class Person(Model):
    """Who chaired the meeting, and how the notice names them."""

    name: Text | None = None
    position: Text = Field(description="Chức vụ người chủ trì, ví dụ: Phó Chủ tịch UBND tỉnh")
    address: Literal["comrade", "title"] = Field(
        "title",
        description="Cách gọi: `title` → «Phó Chủ tịch UBND tỉnh Lê Ánh Dương»; "
        "`comrade` → «đồng chí Lê Quốc Đạt, Phó Chánh Văn phòng»",
    )
    also: Text | None = Field(
        None, description="Chức danh thứ hai, in sau tên: «…Phạm Minh Chính, Trưởng Ban Chỉ đạo»"
    )
    also_separator: Literal[", ", " - "] = Field(
        ", ", description='Dấu trước chức danh thứ hai: ", " hoặc " - "'
    )


class Meeting(Model):
    """The meeting concluded on; the opening paragraphs are composed from it."""

    date: Date
    chair: Person
    action: Text = Field("chủ trì", description="Việc người chủ trì làm: chủ trì, dự và chỉ đạo, …")
    title: Text = Field(description="Cuộc họp là gì: Hội nghị …, buổi làm việc với …")
    called: Text = Field("cuộc họp", description="Tên gọi ngắn dùng về sau: Hội nghị, cuộc họp")
    attendance: Text | None = Field(
        None, description="Cụm từ trước thành phần tham dự; mặc định «Tham dự <called> có»"
    )
    attendees: list[Text] = Field(default_factory=list)
    heard: list[Text] = Field(
        default_factory=list, description="Các báo cáo, ý kiến đã nghe trước khi kết luận"
    )
    refer_as: Text | None = Field(
        None, description="Cách gọi người chủ trì trong câu «Sau khi nghe …, <refer_as> kết luận»"
    )
    single_paragraph: Annotated[bool, Strict()] = Field(
        False, description="true: viết phần mở đầu thành một đoạn thay vì hai"
    )
    time_of_day: Text | None = Field(None, description="Buổi: Sáng, Chiều, Tối → «Chiều ngày …»")
    date_style: Literal["short", "long"] = Field(
        "short", description="short: 18/12/2020; long: ngày 18 tháng 12 năm 2020"
    )
    when: Text | None = Field(
        None,
        description="Cụm thời gian viết sẵn thay cho «Ngày …»: «Trong các ngày 08 và 09 tháng "
        "11 năm 2025»",
    )
    venue: Text | None = Field(None, description="Địa điểm: «tại Trụ sở Chính phủ»")
    attendance_separator: Literal[".", ","] = Field(
        ".", description="Dấu trước câu thành phần tham dự"
    )
    attendees_separator: Literal["và", ",", ";"] = Field(
        "và", description="Nối thành phần tham dự: và (A, B và C), «,» hoặc «;»"
    )
    heard_separator: Literal[";", ",", "và"] = Field(
        ";", description="Nối các nội dung đã nghe: «;» (mặc định), «,» hoặc và"
    )
    concludes: Text = Field(
        "kết luận như sau:", description="Cụm cuối phần mở đầu: «thống nhất kết luận như sau:»"
    )
    phrasing: list[Annotated[Text, AfterValidator(_phrase_template)]] | None = Field(
        None,
        description="Mẫu câu cho từng đoạn mở đầu, với các chỗ trống {when}, {date}, {venue}, "
        "{chair}, {chair_short}, {action}, {title}, {called}, {attendees}, {heard}, "
        "{concluder}, {concludes}, {date_short}, {date_long}",
    )


class Footnote(Model):
    """A real Word footnote, placed right after the span `after` of its paragraph (R-ND-FN)."""

    after: Text
    text: Text


class Paragraph(Model):
    """One body paragraph; written as plain text, or with footnotes as a mapping."""

    text: Text
    footnotes: list[Footnote] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _spans_found(self) -> Paragraph:
        for i, note in enumerate(self.footnotes):
            count = self.text.count(note.after)
            if count != 1:
                where = "does not occur" if count == 0 else f"occurs {count} times"
                raise ValueError(
                    f"footnotes[{i}].after {note.after!r} {where} in the paragraph text; "
                    "quote a span that occurs exactly once"
                )
        return self


#: What a unit does in a task (Thông báo write "X chủ trì, phối hợp với Y …").
Role = Literal["chủ trì", "phối hợp"]


class Assignee(Model):
    """A unit given a task; a plain string, or with its role: `{unit: Bộ Tài chính,
    role: chủ trì}`."""

    unit: Text = Field(description="Đơn vị được giao, ví dụ: Bộ Tài chính")
    role: Role | None = Field(None, description="Vai trò: chủ trì hoặc phối hợp")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"unit": value} if isinstance(value, str) else value


class Item(Model):
    """A node of the conclusions tree; its number is computed, never typed (R-ND-PMK).

    Printed in order: the heading, the paragraphs, the children, then `after`.
    """

    heading: Text | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    children: list[Item] = Field(default_factory=list)
    after: list[Paragraph] = Field(
        default_factory=list, description="Các đoạn văn in sau các mục con, không đánh số"
    )
    numbered: Annotated[bool, Strict()] = Field(
        True,
        description="false: mục không đánh số và không tính vào thứ tự, ví dụ một đoạn văn "
        "giữa hai mục có số",
    )
    numbering: list[NumberStyle] | None = Field(
        None,
        description="Kiểu đánh số các cấp bên dưới mục này (mục con trước), thay cho numbering "
        "của thông báo, ví dụ [ordinal] hoặc [paren]",
    )
    assignee: Annotated[list[Assignee], BeforeValidator(_as_list)] = Field(
        default_factory=list,
        description="Đơn vị được giao thực hiện nhiệm vụ: một đơn vị, hoặc danh sách, mỗi "
        "đơn vị có thể ghi vai trò {unit: …, role: chủ trì | phối hợp}",
    )
    deadline: Date | None = Field(None, description="Thời hạn hoàn thành, YYYY-MM-DD")

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if self.heading is None and not self.paragraphs:
            if self.numbered:
                raise ValueError("an item needs a heading or at least one paragraph")
            if not (self.children or self.after):
                raise ValueError("an item needs a heading, a paragraph, children or after")
        return self


class Appendix(Model):
    """A phụ lục printed after the signature, on a new page (R-PL)."""

    title: Text = Field(description="Tên phụ lục, ví dụ: Danh mục từ viết tắt (in hoa, R-PL)")
    note: Text | None = Field(
        None,
        description="Dòng «(Kèm theo …)» viết sẵn, không có ngoặc; mặc định: Kèm theo Thông "
        "báo số … ngày … (R-PL)",
    )
    paragraphs: list[Paragraph] = Field(min_length=1, description="Nội dung phụ lục")


def all_paragraphs(notice: Any) -> list[Paragraph]:
    """Every paragraph of the source that prints in the body."""
    out = list(notice.opening or [])

    def walk(items: list[Item]) -> None:
        for item in items:
            out.extend(item.paragraphs)
            walk(item.children)
            out.extend(item.after)

    walk(notice.conclusions)
    return out + list(notice.closing) + [p for a in notice.appendices for p in a.paragraphs]
