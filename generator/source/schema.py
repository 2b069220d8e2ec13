"""The JSON Schema of the source format, for editors (autocomplete, hover help, red squiggles).

It is generated from the pydantic models in `models.py`, plus what pydantic cannot see:

* the shorthand forms the before-validators accept: a string for a one-line list
  (`agency.name`, `archive.units`, `signer.authority`), one paragraph for a list of them
  (`closing`), a list of lines for text the writer breaks (`subject`, `agency.parent`), a
  plain string for a paragraph or a recipient, and an issue date written YYYY-MM-DD,
  YYYY-MM or YYYY;
* the cross-field rules of `Notice` and of the semantic checks that JSON Schema can say
  (meeting or opening, full date when numbered, parent body by kind, …);
* Vietnamese descriptions for the models, and for the fields `models.py` leaves undescribed.

The loader stays the judge: a few checks (numbering depth, footnote spans, TM. position)
exist only there. `tests/test_schema.py` keeps the two in step on a table of sources.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..profile import issuers
from ..profile.doctypes import SOURCE_KINDS, needs_parent
from . import fields, models

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "Thông báo kết luận (TB-VP, TB-UBND): tệp nguồn YAML của `notice`"

FULL_DATE = r"^\d{4}-\d{2}-\d{2}$"
#: The issue date as `_notice_date` accepts it; a YAML date reaches an editor as a string.
NOTICE_DATE: JsonSchemaValue = {
    "anyOf": [
        {"type": "string", "format": "date", "pattern": FULL_DATE},
        {"type": "string", "pattern": r"^\s*\d{4}-(0?[1-9]|1[0-2])\s*$"},
        {"type": "string", "pattern": r"^\s*\d{4}\s*$"},
        {"type": "integer", "exclusiveMinimum": 1900, "exclusiveMaximum": 3000},
    ],
}
#: `vietnamese.parse_authority`: an authority line starts with TM., KT., TL., TUQ. or Q.
AUTHORITY_PATTERN = r"^\s*([Tt][Mm]|[Kk][Tt]|[Tt][Ll]|[Tt][Uu][Qq]|[Qq])\s*\.\s*\S"
#: Models written as a plain string: the field the string fills (their `_from_text`).
STRING_SHORTHAND = {
    models.Paragraph: "text",
    models.Recipient: "name",
    models.Assignee: "unit",
}

_MODEL_DESCRIPTIONS = {
    "Notice": "Một Thông báo kết luận (TB-VP hoặc TB-UBND) viết trong tệp nguồn YAML",
    "Agency": "Cơ quan ban hành (ô số 2): cơ quan chủ quản, tên cơ quan, chữ viết tắt",
    "Person": "Người chủ trì cuộc họp và cách thông báo gọi người đó",
    "Meeting": "Cuộc họp được kết luận; các đoạn mở đầu được soạn từ đây",
    "Footnote": "Chú thích cuối trang, đặt ngay sau đoạn chữ `after` (R-ND-FN)",
    "Paragraph": "Một đoạn văn: chuỗi chữ, hoặc {text, footnotes} khi có chú thích",
    "Item": "Một mục của phần kết luận; số thứ tự do chương trình đánh (R-ND-PMK)",
    "Assignee": "Một đơn vị được giao nhiệm vụ: chuỗi chữ, hoặc {unit, role} khi ghi vai trò",
    "Recipient": "Một dòng Nơi nhận: chuỗi chữ, hoặc {name, remark} khi có ghi chú",
    "Archive": "Dòng «Lưu:» (R-NN-LUU) và ký hiệu người soạn thảo (R-NN-12)",
    "Appendix": "Một phụ lục in sau chữ ký, trang mới (R-PL)",
    "Signer": "Khối chữ ký (ô số 7): thẩm quyền ký, chức vụ, họ tên (R-KY-*)",
}

#: Descriptions of the fields that have no `description=` in models.py.
_FIELD_DESCRIPTIONS = {
    ("Notice", "agency"): "Cơ quan ban hành (ô số 2)",
    ("Notice", "meeting"): "Cuộc họp được kết luận; các đoạn mở đầu được soạn từ đây",
    ("Notice", "conclusions"): "Nội dung kết luận: danh sách các mục, mỗi mục có thể có mục con",
    ("Notice", "recipients"): "Nơi nhận, mỗi dòng một nơi (R-NN-LIST)",
    ("Notice", "archive"): "Dòng «Lưu:» cuối Nơi nhận (R-NN-LUU)",
    ("Notice", "signer"): "Người ký (ô số 7)",
    ("Person", "name"): "Họ và tên người chủ trì, ví dụ: Lê Quốc Đạt",
    ("Meeting", "date"): "Ngày họp YYYY-MM-DD, ví dụ: 2020-12-18",
    ("Meeting", "chair"): "Người chủ trì cuộc họp",
    ("Meeting", "attendees"): "Thành phần tham dự, mỗi dòng một thành phần",
    ("Footnote", "after"): "Đoạn chữ của đoạn văn (xuất hiện đúng một lần) mà chú thích đứng sau",
    ("Footnote", "text"): "Nội dung chú thích, ví dụ: Báo cáo số 88/BC-STTTT ngày 15/5/2020.",
    ("Paragraph", "text"): "Nội dung đoạn văn",
    ("Paragraph", "footnotes"): "Các chú thích cuối trang của đoạn văn (R-ND-FN)",
    ("Item", "heading"): "Tiêu đề của mục, không gõ số thứ tự",
    ("Item", "paragraphs"): "Các đoạn văn của mục",
    ("Item", "children"): "Các mục con (khoản, điểm, gạch đầu dòng)",
    ("Recipient", "name"): "Tên nơi nhận, ví dụ: Các sở, ban, ngành thuộc UBND tỉnh",
    ("Recipient", "remark"): "Ghi chú in trong ngoặc sau tên, ví dụ: báo cáo",
    ("Signer", "position"): "Chức vụ người ký, viết hoa, ví dụ: PHÓ CHỦ TỊCH",
    ("Signer", "name"): "Họ và tên người ký, ví dụ: Nguyễn Văn Hùng",
}

#: Rules of one model that JSON Schema can say, added to its definition.
_MODEL_RULES: dict[str, JsonSchemaValue] = {
    # Item._not_empty
    "Item": {
        "anyOf": [
            {"required": ["heading"], "properties": {"heading": {"type": "string"}}},
            {"required": ["paragraphs"], "properties": {"paragraphs": {"minItems": 1}}},
        ]
    },
    # R-NN-12: the number of issued copies follows the drafter's mark
    "Archive": {"dependentRequired": {"issued_copies": ["drafter"]}},
}

_PARENT_REQUIRED = {"required": ["parent"], "properties": {"parent": {"type": "string"}}}
_NO_PARENT = {"properties": {"parent": {"type": "null"}}}
#: Rules across the fields of a notice (Notice._consistent and the semantic checks).
_NOTICE_RULES: list[JsonSchemaValue] = [
    {
        "anyOf": [
            {"required": ["meeting"], "properties": {"meeting": {"type": "object"}}},
            {"required": ["opening"], "properties": {"opening": {"type": "array"}}},
        ]
    },
    {  # R-DATE-1: an issued notice has its full date
        "if": {"required": ["number"], "properties": {"number": {"type": "integer"}}},
        "then": {
            "required": ["date"],
            "properties": {"date": {"type": "string", "pattern": FULL_DATE}},
        },
    },
    # R-CQ-CQ, R-CQ-BH: a Văn phòng prints its parent UBND; a UBND has no parent line
    *(
        {
            "if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
            "then": {
                "properties": {"agency": _PARENT_REQUIRED if needs_parent(kind) else _NO_PARENT}
            },
        }
        for kind in SOURCE_KINDS
        if needs_parent(kind) is not None
    ),
    # a TB names its level, whose rule says whether it has a parent line (profile/issuers.py)
    {
        "if": {"required": ["kind"], "properties": {"kind": {"const": "TB"}}},
        "then": {"properties": {"agency": {"required": ["level"]}}},
    },
    *(
        {
            "if": {
                "required": ["agency"],
                "properties": {
                    "agency": {"required": ["level"], "properties": {"level": {"const": level.key}}}
                },
            },
            "then": {
                "properties": {
                    "agency": _PARENT_REQUIRED
                    if level.parent == issuers.PARENT_REQUIRED
                    else _NO_PARENT
                }
            },
        }
        for level in issuers.LEVELS.values()
        if level.parent != issuers.PARENT_OPTIONAL
    ),
    {"properties": {"numbering": {"prefixItems": [{"not": {"const": "nested"}}]}}},
]


class NoticeJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, taught the shorthand forms and rules listed in the module doc."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # "Issued Copies" and the like: English noise over the descriptions

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        # every text field of the models is cleaned and must not be empty (`models._text`)
        return {
            **super().str_schema(schema),
            "pattern": r"\S",
            "patternErrorMessage": "không được để trống",
        }

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        function = schema["function"]["function"]
        if function in (fields._as_list, fields._one_or_list):
            array = self.generate_inner(schema["schema"])
            return {"anyOf": [array["items"], array]}
        if function in (fields._lines, fields._upper_lines):  # one line, or a list of lines
            line = self.generate_inner(schema["schema"])
            return {"anyOf": [line, {"type": "array", "items": line, "minItems": 1}]}
        if function is fields._copies:  # `2`, or as the văn thư writes it: `2b`, `02`
            return {
                "anyOf": [
                    {"type": "integer", "minimum": 1},
                    {"type": "string", "pattern": r"^\s*\d{1,3}[a-z]?\s*$"},
                ]
            }
        if function is fields._notice_date:
            return dict(NOTICE_DATE)
        return super().function_before_schema(schema)

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls = schema["cls"]
        name = cls.__name__
        json_schema["description"] = _MODEL_DESCRIPTIONS[name]
        for field, prop in json_schema.get("properties", {}).items():
            prop.setdefault("description", _FIELD_DESCRIPTIONS.get((name, field)))
        if cls is models.Signer:
            authority = json_schema["properties"]["authority"]["anyOf"]
            for line in (authority[0], authority[1]["items"]):
                line["pattern"] = AUTHORITY_PATTERN
                line["patternErrorMessage"] = "bắt đầu bằng TM., KT., TL., TUQ. hoặc Q."
        json_schema.update(_MODEL_RULES.get(name, {}))
        field = STRING_SHORTHAND.get(cls)
        if field is not None:
            text = {k: v for k, v in json_schema["properties"][field].items() if k != "description"}
            mapping = {k: v for k, v in json_schema.items() if k not in ("title", "description")}
            json_schema = {
                "title": json_schema["title"],
                "description": json_schema["description"],
                "anyOf": [text, mapping],
            }
        return json_schema


def notice_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a notice source."""
    schema = models.Notice.model_json_schema(schema_generator=NoticeJsonSchema)
    schema["allOf"] = _NOTICE_RULES
    return {"$schema": DIALECT, "title": TITLE, **{k: v for k, v in schema.items() if k != "title"}}


def schema_text() -> str:
    """The schema as the committed `schema/notice.schema.json` holds it."""
    return json.dumps(notice_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema(path: Path) -> Path:
    """Write the schema to `path` (UTF-8, LF line ends), creating its folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8", newline="\n")
    return path
