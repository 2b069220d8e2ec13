"""The source format: pydantic models of a Thông báo kết luận.

Keys are English, content is Vietnamese. Every string is NFC-normalised and
has its whitespace folded (`vietnamese.clean_text`); upper-case components are
upper-cased here so the templates never have to.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    Strict,
    model_validator,
)

from ..errors import SourceError
from ..profile import issuers
from ..profile import vietnamese as vi
from ..profile.doctypes import SOURCE_KINDS
from . import issuer
from .body import (
    Appendix,
    Assignee,
    Footnote,
    Item,
    Meeting,
    Paragraph,
    Person,
    Role,
    all_paragraphs,
)
from .fields import (
    Copies,
    Count,
    Date,
    Lines,
    Model,
    NoticeDate,
    NumberStyle,
    Text,
    UpperLines,
    UpperText,
    _as_list,
    _authority,
    _document_number,
    _notice_date,
    _one_or_list,
    _template_path,
)
from .loader import Source

__all__ = [
    "Agency", "Appendix", "Archive", "Assignee", "Count", "Date", "Footnote", "Item", "Lines",
    "Meeting", "Model", "Notice", "NoticeDate", "Paragraph", "Person", "Recipient", "Role",
    "Signer", "Text", "UpperText", "error_message", "parse_notice",
]  # fmt: skip


Abbreviation = Annotated[Text, AfterValidator(issuer.abbreviation)]


class Agency(Model):
    """The issuing body (ô 2): its level, parent, own name, abbreviation in the ký hiệu, and
    mã định danh for the document-exchange systems (see `issuer.py`)."""

    level: Literal[tuple(issuers.LEVELS)] | None = Field(
        None, description="Cấp, loại cơ quan ban hành (bắt buộc với kind: TB): "
        + "; ".join(f"{k}: {v.label}" for k, v in issuers.LEVELS.items()),
    )  # fmt: skip
    parent: UpperLines | None = Field(
        None,
        description="Cơ quan chủ quản, ví dụ: UBND TỈNH ĐỒNG NAI (R-CQ-CQ); "
        "danh sách các dòng để tự ngắt dòng",
    )
    name: Annotated[list[UpperLines], BeforeValidator(_as_list), Field(min_length=1)] = Field(
        description="Tên cơ quan ban hành, viết hoa: một dòng hoặc danh sách các dòng (R-CQ-BH)"
    )
    abbreviation: Abbreviation | None = Field(None, description="Chữ viết tắt tên cơ quan trong "
        "ký hiệu, không kèm tên loại: STC, VPCP; mặc định VP, UBND theo kind, level (R-KH-1)")
    unit: Abbreviation | None = Field(None, description="Đơn vị soạn thảo sau ký hiệu: TB-STC-VP")
    organ_id: Annotated[Text, AfterValidator(issuer.organ_id)] | None = Field(
        None, description="Mã định danh (OrganId)")


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


class Notice(Model):
    """A Thông báo kết luận, TB-VP or TB-UBND, as written in a YAML source."""

    kind: Literal[SOURCE_KINDS] = Field(description="TB (theo agency.level), TB-VP, TB-UBND")
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

        for paragraph in all_paragraphs(self):
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
        """The body's abbreviation in the ký hiệu: given, or from the level or the kind."""
        return issuer.abbreviation_of(self)

    @property
    def is_draft(self) -> bool:
        return self.number is None

    @property
    def subject_line(self) -> str:
        """The trích yếu on one line, as registers and metadata give it."""
        return " ".join(self.subject.split("\n"))


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
    if isinstance(agency, dict):  # R-CQ-CQ, R-CQ-BH: the parent line as kind and level say
        problems += issuer.issuer_problems(kind, agency)
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
