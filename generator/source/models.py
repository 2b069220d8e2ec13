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

from ..errors import SourceError
from ..profile import vietnamese as vi
from ..profile.doctypes import PARENT_EXAMPLE, SOURCE_KINDS, kind_of, needs_parent
from .loader import Source


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


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


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


Text = Annotated[str, Strict(), AfterValidator(_text)]
UpperText = Annotated[str, Strict(), AfterValidator(_upper)]
Date = Annotated[dt.date, Strict(), BeforeValidator(_iso_date)]
Count = Annotated[int, Strict(), Field(ge=1)]
NumberStyle = Literal["roman", "decimal", "nested", "letter", "dash", "plus"]


class Model(BaseModel):
    """Base of every source model: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Agency(Model):
    """The issuing body (ô 2): its parent, its own name, and its abbreviation in the ký hiệu."""

    parent: UpperText | None = Field(
        None, description="Cơ quan chủ quản (chỉ TB-VP), ví dụ: UBND TỈNH QUẢNG NGÃI (R-CQ-CQ)"
    )
    name: Annotated[list[UpperText], BeforeValidator(_as_list), Field(min_length=1)] = Field(
        description="Tên cơ quan ban hành, viết hoa: một dòng hoặc danh sách các dòng (R-CQ-BH)"
    )
    abbreviation: Annotated[str, Strict(), AfterValidator(_abbreviation)] | None = Field(
        None, description="Chữ viết tắt trong ký hiệu; mặc định VP hoặc UBND theo kind (R-KH-1)"
    )


class Person(Model):
    """Who chaired the meeting, and how the notice names them."""

    name: Text
    position: Text = Field(description="Chức vụ người chủ trì, ví dụ: Phó Chủ tịch UBND tỉnh")
    address: Literal["comrade", "title"] = Field(
        "title",
        description="Cách gọi: `title` → «Phó Chủ tịch UBND tỉnh Lê Ánh Dương»; "
        "`comrade` → «đồng chí Lê Quốc Đạt, Phó Chánh Văn phòng»",
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


class Item(Model):
    """A node of the conclusions tree; its number is computed, never typed (R-ND-PMK)."""

    heading: Text | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    children: list[Item] = Field(default_factory=list)
    assignee: Text | None = Field(None, description="Đơn vị được giao thực hiện nhiệm vụ")
    deadline: Date | None = Field(None, description="Thời hạn hoàn thành, YYYY-MM-DD")

    @model_validator(mode="after")
    def _not_empty(self) -> Item:
        if self.heading is None and not self.paragraphs:
            raise ValueError("an item needs a heading or at least one paragraph")
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

    units: Annotated[list[UpperText], BeforeValidator(_as_list)] = Field(
        default_factory=list, description="Đơn vị soạn thảo, ví dụ: HC-TC, KGVX (R-NN-LUU)"
    )
    copies: Count | None = Field(None, description="Số lượng bản lưu, ví dụ: 2")
    drafter: Text | None = Field(None, description="Người soạn thảo, ví dụ: Cường, PL (R-NN-12)")
    issued_copies: Count | None = Field(None, description="Số bản phát hành, ví dụ: 40 (R-NN-12)")

    @model_validator(mode="after")
    def _issued_with_drafter(self) -> Archive:
        if self.issued_copies is not None and not self.drafter:
            raise ValueError(
                "issued_copies is written after the drafter's mark: give drafter (R-NN-12)"
            )
        return self


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
        return {"year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if match and 1 <= int(match.group(2)) <= 12:
            return {"year": int(match.group(1)), "month": int(match.group(2))}
        match = re.fullmatch(r"(\d{4})", value.strip())
        if match:
            return {"year": int(match.group(1))}
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 3000:
        return {"year": value}
    raise ValueError(
        f"{value!r} is not a date: write YYYY-MM-DD, or YYYY-MM for a draft without a day"
    )


class Notice(Model):
    """A Thông báo kết luận, TB-VP or TB-UBND, as written in a YAML source."""

    kind: Literal[SOURCE_KINDS] = Field(description="TB-VP hoặc TB-UBND: chọn mẫu và ký hiệu")
    template: Annotated[Text, AfterValidator(_template_path)] | None = Field(
        None, description="Mẫu DOCX khác, tính từ thư mục tệp"
    )
    agency: Agency
    place: Text = Field(description="Địa danh, ví dụ: Quảng Ngãi (R-DD-PROV)")
    number: Annotated[int, Strict(), Field(ge=1)] | None = Field(
        None, description="Số văn bản; bỏ trống khi còn là dự thảo (R-SO-0)"
    )
    date: Annotated[NoticeDate, BeforeValidator(_notice_date)] | None = Field(
        None, description="Ngày ban hành YYYY-MM-DD; dự thảo có thể ghi YYYY-MM (R-DATE-1)"
    )
    subject: Text = Field(description="Trích yếu nội dung (R-TY)")
    meeting: Meeting | None = None
    opening: list[Paragraph] | None = Field(
        None, description="Các đoạn mở đầu viết sẵn, thay cho các đoạn soạn từ meeting"
    )
    numbering: list[NumberStyle] = Field(
        default_factory=lambda: ["decimal", "letter", "dash", "plus"],
        min_length=1,
        description="Kiểu đánh số từng cấp: roman, decimal, nested, letter, dash, plus",
    )
    conclusions: list[Item] = Field(min_length=1)
    closing: Paragraph = Field(description="Câu kết thúc; dấu ./. do chương trình thêm (R-ND-END)")
    recipients: list[Recipient] = Field(min_length=1)
    archive: Archive = Field(default_factory=Archive)
    signer: Signer

    @property
    def abbreviation(self) -> str:
        """The body's abbreviation in the ký hiệu: given, or VP / UBND from the kind."""
        return self.agency.abbreviation or kind_of(self.kind).issuer

    @property
    def is_draft(self) -> bool:
        return self.number is None


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
        if needs_parent(kind) is True and agency.get("parent") is None:  # "" is reported as empty
            problems.append((("agency",), f"a {kind} needs agency.parent, e.g. {PARENT_EXAMPLE}"))
        if needs_parent(kind) is False and agency.get("parent") is not None:
            problems.append((("agency", "parent"), f"a {kind} has no parent body line; remove it"))
    if "meeting" not in data and "opening" not in data:
        problems.append(((), "give meeting (the opening is composed from it) or opening"))
    styles = data.get(
        "numbering", Notice.model_fields["numbering"].get_default(call_default_factory=True)
    )
    if not (isinstance(styles, list) and styles and all(isinstance(x, str) for x in styles)):
        return problems
    if styles[0] == "nested":
        problems.append((("numbering", 0), "the top level cannot be `nested`; use decimal"))

    def walk(items: Any, depth: int, loc: tuple[Any, ...]) -> None:
        if not isinstance(items, list):
            return
        if depth >= len(styles):
            problems.append(
                (loc, f"nested {depth + 1} levels deep, but numbering names only "
                      f"{len(styles)} styles ({', '.join(styles)})")
            )  # fmt: skip
            return
        if styles[depth] == "letter" and len(items) > len(vi.VIETNAMESE_LETTERS):
            problems.append((loc, f"{len(items)} điểm, but the Vietnamese letters end at y"))
        for i, item in enumerate(items):
            if isinstance(item, dict) and item.get("children"):
                walk(item["children"], depth + 1, (*loc, i, "children"))

    walk(data.get("conclusions"), 0, ("conclusions",))
    return problems


def parse_notice(source: Source) -> Notice:
    """Validate a loaded source; raise `SourceError` listing every problem, in file order."""
    from pydantic import ValidationError

    problems = list(source.problems)
    problems += [source.problem(loc, message) for loc, message in _semantic_problems(source.data)]
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
                    tuple(err["loc"]), error_message(err), key=err["type"] == "extra_forbidden"
                )
            ).field
            not in already
        ]
    if problems or notice is None:
        raise SourceError(sorted(problems, key=lambda p: (p.line, p.column)))
    return notice
