"""The source format: pydantic models of a Thông báo kết luận.

Keys are English, content is Vietnamese. Every string is NFC-normalised and
has its whitespace folded (`vietnamese.clean_text`); upper-case components are
upper-cased here so the templates never have to.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    model_validator,
)

from . import vietnamese as vi
from .errors import SourceError
from .sources import Source


def _text(value: str) -> str:
    value = vi.clean_text(value)
    if not value:
        raise ValueError("must not be empty")
    return value


def _upper(value: str) -> str:
    return vi.upper_vi(_text(value))


def _abbreviation(value: str) -> str:
    value = _upper(value)
    if not re.fullmatch(r"[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*", value):
        raise ValueError(f"{value!r} is not an abbreviation like VP, UBND or VPUBND")
    return value


def _template_path(value: str) -> str:
    """A template named by a source: a relative `.docx` path, so a shared source cannot point
    at an arbitrary file of the machine that renders it."""
    if value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value):
        raise ValueError("name the template relative to this file, e.g. ../templates/my.docx")
    if not value.lower().endswith(".docx"):
        raise ValueError("a template is a .docx file")
    return value


def _phrase_template(value: str) -> str:
    from .opening import template_problems

    problems = template_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _one_or_list(value: Any) -> Any:
    """A paragraph field written as one paragraph (a string or a mapping) or as a list."""
    return [value] if isinstance(value, (str, dict)) else value


def _lines(value: Any, clean: Any = None) -> Any:
    """Text that may be broken into lines where the writer says: a string (one line, its
    whitespace folded as always) or a list of lines, kept as lines joined by `\n`."""
    clean = clean or _text
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(clean(v) for v in value)
    if isinstance(value, list) and not value:
        raise ValueError("must not be empty")
    return clean(value) if isinstance(value, str) else value


def _upper_lines(value: Any) -> Any:
    return _lines(value, _upper)


def _authority(value: str) -> str:
    prefix, title = vi.parse_authority(value)
    return f"{prefix} {title}"


def _iso_date(value: Any) -> Any:
    """Accept `2020-12-18` whether YAML read it as a date, a timestamp or quoted text."""
    if isinstance(value, dt.datetime):
        return value.date()
    match = (
        re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value) if isinstance(value, str) else None
    )
    if match:  # only YYYY-MM-DD: Python 3.11's fromisoformat also takes 20240103 and weeks
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return value
    return value


def _plausible_year(value: dt.date) -> dt.date:
    """R-DATE-1: a date of this century's documents, not `0001-01-01` or `9999-12-31`."""
    if not 1900 < value.year < 3000:
        raise ValueError(f"the year {value.year:04d} is not plausible: write 1901–2999 (R-DATE-1)")
    return value


def _document_number(value: int) -> int:
    """R-SO-1: numbers run through one year from 01; six digits are more than enough."""
    if value > 999_999:
        raise ValueError(f"{value} is not a document number: at most 6 digits (R-SO-1)")
    return value


Text = Annotated[str, Strict(), AfterValidator(_text)]
UpperText = Annotated[str, Strict(), AfterValidator(_upper)]
Date = Annotated[dt.date, Strict(), BeforeValidator(_iso_date), AfterValidator(_plausible_year)]
Count = Annotated[int, Strict(), Field(ge=1)]


def _copies(value: Any) -> Any:
    """Copies kept: a whole number (`2` → `(2)`), or as the văn thư writes them (`2b`, `02`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError("must be at least 1")
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}[a-z]?", value.strip()):
        return value.strip()
    raise ValueError(f'{value!r} is not a number of copies: write 2, or as written: "2b", "02"')


#: Copies kept as the văn thư writes them: `2`, `2b` (bản), `02`.
Copies = Annotated[int | str, BeforeValidator(_copies)]
#: Text broken into lines where the source says (`[line 1, line 2]`), e.g. the trích yếu.
Lines = Annotated[str, Strict(), BeforeValidator(_lines)]
UpperLines = Annotated[str, Strict(), BeforeValidator(_upper_lines)]
NumberStyle = Literal[
    "roman", "decimal", "nested", "letter", "dash", "plus", "paren", "roman-paren", "ordinal",
    "none",
]  # fmt: skip


class Model(BaseModel):
    """Base of every source model: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Agency(Model):
    """The issuing body (ô 2): its parent, its own name, and its abbreviation in the ký hiệu."""

    parent: UpperLines | None = Field(
        None,
        description="Cơ quan chủ quản (chỉ TB-VP), ví dụ: UBND TỈNH QUẢNG NGÃI (R-CQ-CQ); "
        "danh sách các dòng để tự ngắt dòng",
    )
    name: Annotated[list[UpperLines], BeforeValidator(_as_list), Field(min_length=1)] = Field(
        description="Tên cơ quan ban hành, viết hoa: một dòng hoặc danh sách các dòng (R-CQ-BH)"
    )
    abbreviation: Annotated[str, Strict(), AfterValidator(_abbreviation)] | None = Field(
        None, description="Chữ viết tắt trong ký hiệu; mặc định VP hoặc UBND theo kind (R-KH-1)"
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


class Recipient(Model):
    """One line of Nơi nhận; a plain string, or a name with a remark like `báo cáo`."""

    name: Text
    remark: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class Archive(Model):
    """The `Lưu:` line (R-NN-LUU) and the drafter's mark (R-NN-12)."""

    units: Annotated[list[Text], BeforeValidator(_as_list)] = Field(
        default_factory=list, description="Đơn vị soạn thảo, ví dụ: HC-TC, KGVX (R-NN-LUU)"
    )
    spelling: Literal["upper", "as-written"] = Field(
        "upper", description="upper: viết hoa tên đơn vị (mặc định); as-written: giữ như đã viết"
    )
    copies: Copies | None = Field(
        None, description='Số lượng bản lưu, ví dụ: 2, hoặc như văn thư ghi: "2b", "02"'
    )
    copies_space: Annotated[bool, Strict()] = Field(
        False, description="true: có dấu cách trước số bản lưu: «QHĐP (2b)»"
    )
    drafter: Text | None = Field(None, description="Người soạn thảo, ví dụ: Cường, PL (R-NN-12)")
    drafter_separator: Literal[".", ". ", " ", ""] = Field(
        ".", description='Dấu trước ký hiệu người soạn thảo: "." (mặc định), ". ", " " hoặc ""'
    )
    issued_copies: Count | None = Field(None, description="Số bản phát hành, ví dụ: 40 (R-NN-12)")

    @property
    def unit_names(self) -> list[str]:
        """The units as printed: upper-cased unless `spelling: as-written`."""
        return [vi.upper_vi(u) if self.spelling == "upper" else u for u in self.units]

    def line(self) -> str:
        """The `Lưu:` line (R-NN-LUU, R-NN-12)."""
        return vi.format_archive_line(
            self.unit_names,
            self.copies,
            self.drafter,
            self.issued_copies,
            copies_space=self.copies_space,
            drafter_separator=self.drafter_separator,
        )

    @model_validator(mode="after")
    def _issued_with_drafter(self) -> Archive:
        if self.issued_copies is not None and not self.drafter:
            raise ValueError(
                "issued_copies is written after the drafter's mark: give drafter (R-NN-12)"
            )
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


class Signer(Model):
    """The signature block (ô 7a–7c): authority chain, position and name (R-KY-*)."""

    authority: Annotated[
        list[Annotated[str, Strict(), AfterValidator(_authority)]], BeforeValidator(_as_list)
    ] = Field(default_factory=list, description="Dòng TM./KT./TL./TUQ./Q., từ trên xuống")
    position: UpperText
    name: Text

    @model_validator(mode="after")
    def _chain(self) -> Signer:
        for line in self.authority[1:]:
            if line.startswith("TM."):
                raise ValueError("TM. can only be the first authority line (R-KY-TM)")
        return self


class NoticeDate(Model):
    """The issue date; a draft may leave the day (or all of it) blank (R-DATE-1)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> bool:
        return self.day is not None


def _notice_date(value: Any) -> Any:
    value = _iso_date(value)
    if isinstance(value, dt.date):
        _plausible_year(value)
        return {"year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if match and 1 <= int(match.group(2)) <= 12:
            _plausible_year(dt.date(int(match.group(1)) or 1, 1, 1))
            return {"year": int(match.group(1)), "month": int(match.group(2))}
        match = re.fullmatch(r"(\d{4})", value.strip())
        if match:
            _plausible_year(dt.date(int(match.group(1)) or 1, 1, 1))
            return {"year": int(match.group(1))}
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 3000:
        return {"year": value}
    raise ValueError(
        f"{value!r} is not a date: write YYYY-MM-DD, or YYYY-MM for a draft without a day"
    )


class Notice(Model):
    """A Thông báo kết luận, TB-VP or TB-UBND, as written in a YAML source."""

    kind: Literal["TB-VP", "TB-UBND"] = Field(description="TB-VP hoặc TB-UBND: chọn mẫu và ký hiệu")
    template: Annotated[Text, AfterValidator(_template_path)] | None = Field(
        None, description="Mẫu DOCX khác, tính từ thư mục tệp"
    )
    agency: Agency
    place: Text = Field(description="Địa danh, ví dụ: Quảng Ngãi (R-DD-PROV)")
    number: Annotated[int, Strict(), Field(ge=1), AfterValidator(_document_number)] | None = Field(
        None, description="Số văn bản; bỏ trống khi còn là dự thảo (R-SO-0)"
    )
    date: Annotated[NoticeDate, BeforeValidator(_notice_date)] | None = Field(
        None, description="Ngày ban hành YYYY-MM-DD; dự thảo có thể ghi YYYY-MM (R-DATE-1)"
    )
    subject: Lines = Field(
        description="Trích yếu nội dung (R-TY); danh sách các dòng để tự ngắt dòng"
    )
    addressees: Annotated[list[Text], BeforeValidator(_as_list)] = Field(
        default_factory=list,
        description="Kính gửi (ô 9a): một nơi, hoặc danh sách; khi có, Nơi nhận được ghi "
        "«Như trên» (R-NN-1)",
    )
    bases: list[Text] = Field(
        default_factory=list,
        description="Các căn cứ «Căn cứ …», in nghiêng trước phần mở đầu; dấu «;» và «.» cuối "
        "dòng do chương trình thêm (R-ND-CC)",
    )
    meeting: Meeting | None = None
    opening: list[Paragraph] | None = Field(
        None, description="Các đoạn mở đầu viết sẵn, thay cho các đoạn soạn từ meeting"
    )
    numbering: list[NumberStyle] = Field(
        default_factory=lambda: ["decimal", "letter", "dash", "plus"],
        min_length=1,
        description="Kiểu đánh số từng cấp: roman (I.), decimal (1.), nested (1.1.), letter "
        "(a)), dash (-), plus (+), paren ((1)), roman-paren ((i)), ordinal (Thứ nhất,), none",
    )
    markup: Annotated[bool, Strict()] = Field(
        False,
        description="true: **chữ đậm** và *chữ nghiêng* trong các đoạn văn (\\* để in dấu *)",
    )
    conclusions: list[Item] = Field(min_length=1)
    closing: Annotated[list[Paragraph], BeforeValidator(_one_or_list), Field(min_length=1)] = (
        Field(description="Đoạn kết thúc, một hoặc nhiều đoạn; dấu ./. do chương trình thêm "
              "(R-ND-END)")
    )  # fmt: skip
    recipients: list[Recipient] = Field(min_length=1)
    archive: Archive = Field(default_factory=Archive)
    signer: Signer
    appendices: list[Appendix] = Field(
        default_factory=list, description="Các phụ lục in sau chữ ký, mỗi phụ lục một trang mới"
    )

    @model_validator(mode="after")
    def _spans_in_printed_text(self) -> Notice:
        """With `markup: true` a footnote's `after` is looked up in the text as printed."""
        if not self.markup:
            return self
        from .markup import plain

        for paragraph in _all_paragraphs(self):
            text = plain(paragraph.text)
            for note in paragraph.footnotes:
                if text.count(note.after) != 1:
                    raise ValueError(
                        f"footnote after {note.after!r} must occur exactly once in the printed "
                        f"text (without ** and *) of {text[:60]!r}"
                    )
        return self

    @property
    def abbreviation(self) -> str:
        """The body's abbreviation in the ký hiệu: given, or VP / UBND from the kind."""
        return self.agency.abbreviation or self.kind.split("-", 1)[1]

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def subject_line(self) -> str:
        """The trích yếu on one line, as registers and metadata give it."""
        return " ".join(self.subject.split("\n"))


def _all_paragraphs(notice: Notice) -> list[Paragraph]:
    """Every paragraph of the source that prints in the body."""
    out = list(notice.opening or [])

    def walk(items: list[Item]) -> None:
        for item in items:
            out.extend(item.paragraphs)
            walk(item.children)
            out.extend(item.after)

    walk(notice.conclusions)
    return out + list(notice.closing) + [p for a in notice.appendices for p in a.paragraphs]


# -- turning validation errors into messages a clerk can act on ------------------------------

_MESSAGES = {
    "missing": "required field is missing",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "bool_type": "must be true or false",
    "list_type": "must be a list (one `- ` entry per line)",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "dict_type": "must be a mapping of keys to values",
    "date_type": "must be a date written YYYY-MM-DD, e.g. 2020-12-18",
    "frozen_instance": "cannot be changed",
}


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that holds the field at `loc` (for listing its known keys)."""
    model: type[BaseModel] = Notice
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        found = _find_model(field.annotation)
        if found is None:
            return None
        model = found
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found = _find_model(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _find_model(origin) if origin not in (None, annotation) else None


def error_message(error: dict[str, Any]) -> str:
    """A plain message for one pydantic error (no `Value error,` noise, known keys listed)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        import difflib

        model = _model_at(tuple(error["loc"]))
        known = sorted(model.model_fields) if model else []
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else ""
        return f"unknown field{hint} (known: {', '.join(known)})" if known else "unknown field"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} entry"
    if kind.startswith("date"):
        return _MESSAGES["date_type"]
    return _MESSAGES.get(kind, error["msg"])


def _semantic_problems(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """Checks across fields, made on the raw data so they are reported even when some
    fields are invalid: issue date, parent body, opening, numbering depth, điểm alphabet."""
    if not isinstance(data, dict):
        return []
    problems: list[tuple[tuple[Any, ...], str]] = []
    kind, agency = data.get("kind"), data.get("agency")
    date = data.get("date")
    if data.get("number") is not None and (
        date is None or (isinstance(date, str) and re.fullmatch(r"\s*\d{4}(-\d{1,2})?\s*", date))
    ):
        where = ("date",) if "date" in data else ("number",)
        problems.append((where, "an issued notice (with a number) needs its full date YYYY-MM-DD"))
    # R-CQ-CQ, R-CQ-BH: a Văn phòng prints its parent UBND above it; a UBND has no parent line
    if isinstance(agency, dict):
        if kind == "TB-VP" and agency.get("parent") is None:  # "" is reported as empty
            problems.append((("agency",), "a TB-VP needs agency.parent, e.g. UBND TỈNH QUẢNG NGÃI"))
        if kind == "TB-UBND" and agency.get("parent") is not None:
            problems.append((("agency", "parent"), "a TB-UBND has no parent body line; remove it"))
    # R-NN-1: "Như trên" stands for the addressees of the Kính gửi; without one it names nobody
    recipients = data.get("recipients")
    if not data.get("addressees") and isinstance(recipients, list):
        for i, entry in enumerate(recipients):
            name = entry.get("name") if isinstance(entry, dict) else entry
            if isinstance(name, str) and vi.upper_vi(name).strip().startswith("NHƯ TRÊN"):
                problems.append(
                    (("recipients", i), "«Như trên» names the addressees of a Kính gửi, and "
                     "this notice has none: give addressees or name the recipient (R-NN-1)")
                )  # fmt: skip
    if "meeting" not in data and "opening" not in data:
        problems.append(((), "give meeting (the opening is composed from it) or opening"))
    styles = data.get(
        "numbering", Notice.model_fields["numbering"].get_default(call_default_factory=True)
    )
    if not (isinstance(styles, list) and styles and all(isinstance(x, str) for x in styles)):
        return problems
    if styles[0] == "nested":
        problems.append((("numbering", 0), "the top level cannot be `nested`; use decimal"))

    def walk(items: Any, here: list[str], loc: tuple[Any, ...]) -> None:
        if not isinstance(items, list):
            return
        if not here:
            depth = sum(1 for part in loc if part in ("conclusions", "children"))
            problems.append(
                (loc, f"nested {depth} levels deep, but numbering names only "
                      f"{len(styles)} styles ({', '.join(styles)})")
            )  # fmt: skip
            return
        counted = [x for x in items if not (isinstance(x, dict) and x.get("numbered") is False)]
        if here[0] == "letter" and len(counted) > len(vi.VIETNAMESE_LETTERS):
            problems.append((loc, f"{len(counted)} điểm, but the Vietnamese letters end at y"))
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("children"):
                own = item.get("numbering")
                below = own if isinstance(own, list) and own else here[1:]
                walk(item["children"], below, (*loc, i, "children"))

    walk(data.get("conclusions"), list(styles), ("conclusions",))
    return problems


def _as_written(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A location as the source wrote it: `closing.0.text` is `closing.text` when it wrote one
    paragraph, `….assignee.0.unit` is `….assignee` when it wrote one unit as a string."""
    if not isinstance(data, dict):
        return loc
    if len(loc) > 1 and loc[0] == "closing" and loc[1] == 0:
        return (loc[0], *loc[2:]) if not isinstance(data.get("closing"), list) else loc
    if "assignee" in loc:
        at = loc.index("assignee")
        raw: Any = data
        for part in loc[: at + 1]:
            try:
                raw = raw[part]
            except (KeyError, IndexError, TypeError):
                return loc
        if isinstance(raw, str) and loc[at + 1 : at + 3] == (0, "unit"):
            return loc[: at + 1]
    return loc


def parse_notice(source: Source) -> Notice:
    """Validate a loaded source; raise `SourceError` listing every problem, in file order."""
    from pydantic import ValidationError

    from .textrules import text_problems

    problems = list(source.problems)
    problems += [source.problem(loc, message) for loc, message in _semantic_problems(source.data)]
    problems += [source.problem(loc, message) for loc, message in text_problems(source)]
    notice = None
    try:
        notice = Notice.model_validate(source.data)
    except ValidationError as exc:
        already = {p.field for p in source.problems}  # e.g. `2020-13-45`, said once by the loader
        problems += [
            problem
            for err in exc.errors(include_url=False)
            if (
                problem := source.problem(
                    _as_written(source.data, tuple(err["loc"])),
                    error_message(err),
                    key=err["type"] == "extra_forbidden",
                )
            ).field
            not in already
        ]
    if problems or notice is None:
        raise SourceError(sorted(problems, key=lambda p: (p.line, p.column)))
    return notice
