"""The JSON Schema of the source format, for editors (autocomplete, hover help, red squiggles).

It is generated from the pydantic models in `models.py`, plus what pydantic cannot see:

* the shorthand forms the before-validators accept: a string for a one-line list
  (`agency.name`, `archive.units`, `signer.authority`), one paragraph for a list of them
  (`closing`), a list of lines for text the writer breaks (`subject`, `agency.parent`), a
  plain string for a paragraph or a recipient, and an issue date written YYYY-MM-DD,
  YYYY-MM or YYYY;
* the cross-field rules of `Notice` and of the semantic checks that JSON Schema can say
  (meeting or opening, full date when numbered, parent body by kind, …);
* Vietnamese words for editors (`schema_texts.py`): titles, descriptions, examples, error
  messages, and the snippets of a new notice.

The loader stays the judge: a few checks (numbering depth, footnote spans, TM. position)
exist only there. `tests/test_schema.py` keeps the two in step on a table of sources.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..profile import issuers
from ..profile.doctypes import SOURCE_KINDS, needs_parent
from . import fields, models
from . import schema_texts as texts

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "Thông báo kết luận (TB-VP, TB-UBND): tệp nguồn YAML của `notice`"

#: A day of the calendar written YYYY-MM-DD: 2024-02-29 is one, 2024-02-30 and 2023-02-29 are
#: not. Editors check `format: date` by its shape only, so the pattern says the calendar.
FULL_DATE = (
    r"^(\d{4}-((0[13578]|1[02])-(0[1-9]|[12]\d|3[01])|(0[469]|11)-(0[1-9]|[12]\d|30)"
    r"|02-(0[1-9]|1\d|2[0-8]))"
    r"|(\d{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29)$"
)
DATE: JsonSchemaValue = {
    "type": "string",
    "format": "date",
    "pattern": FULL_DATE,
    "errorMessage": texts.DATE,
    "patternErrorMessage": texts.DATE,
}
#: The issue date as `_notice_date` accepts it; a YAML date reaches an editor as a string.
NOTICE_DATE: JsonSchemaValue = {
    "anyOf": [
        {**DATE, "errorMessage": texts.NOTICE_DATE, "patternErrorMessage": texts.NOTICE_DATE},
        {
            "type": "string",
            "pattern": r"^\s*\d{4}-(0?[1-9]|1[0-2])\s*$",
            "errorMessage": texts.NOTICE_DATE,
        },
        {"type": "string", "pattern": r"^\s*\d{4}\s*$", "errorMessage": texts.NOTICE_DATE},
        {
            "type": "integer",
            "exclusiveMinimum": 1900,
            "exclusiveMaximum": 3000,
            "errorMessage": texts.NOTICE_DATE,
        },
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

#: Rules of one model that JSON Schema can say, added to its definition's `allOf`.
_MODEL_RULES: dict[str, list[JsonSchemaValue]] = {
    # Item._not_empty
    "Item": [
        {
            "anyOf": [
                {
                    "required": ["heading"],
                    "properties": {"heading": {"type": "string"}},
                    "errorMessage": texts.ITEM_NOT_EMPTY,
                },
                {
                    "required": ["paragraphs"],
                    "properties": {"paragraphs": {"contains": {}}},
                    "errorMessage": texts.ITEM_NOT_EMPTY,
                },
            ]
        }
    ],
    # R-NN-12: the number of issued copies follows the drafter's mark
    "Archive": [
        {
            "if": {"required": ["issued_copies"]},
            "then": {"required": ["drafter"], "errorMessage": texts.ISSUED_NEEDS_DRAFTER},
        }
    ],
}


def _agency_parent(required: bool, who: str) -> JsonSchemaValue:
    """R-CQ-CQ, R-CQ-BH: `agency` with its parent line required, or without one, for `who`
    (a kind, or an issuer level)."""
    if required:
        message = texts.PARENT_REQUIRED.format(kind=who)
        return {
            "required": ["parent"],
            "properties": {"parent": {"type": "string", "errorMessage": message}},
            "errorMessage": message,
        }
    message = texts.NO_PARENT.format(kind=who)
    return {"properties": {"parent": {"type": "null", "errorMessage": message}}}


def _parent_rule(kind: str) -> JsonSchemaValue:
    """A Văn phòng prints its parent UBND; a UBND has no parent line."""
    return {
        "if": {"required": ["kind"], "properties": {"kind": {"const": kind}}},
        "then": {"properties": {"agency": _agency_parent(bool(needs_parent(kind)), kind)}},
    }


_NUMBER_STYLES = [s for s in get_args(fields.NumberStyle) if s != "nested"]
#: Rules across the fields of a notice (Notice._consistent and the semantic checks).
_NOTICE_RULES: list[JsonSchemaValue] = [
    {
        "anyOf": [
            {
                "required": ["meeting"],
                "properties": {
                    "meeting": {"type": "object", "errorMessage": texts.MEETING_OR_OPENING}
                },
                "errorMessage": texts.MEETING_OR_OPENING,
            },
            {
                "required": ["opening"],
                "properties": {
                    "opening": {"type": "array", "errorMessage": texts.MEETING_OR_OPENING}
                },
                "errorMessage": texts.MEETING_OR_OPENING,
            },
        ]
    },
    {  # R-DATE-1: an issued notice has its full date
        "if": {"required": ["number"], "properties": {"number": {"type": "integer"}}},
        "then": {
            "required": ["date"],
            "properties": {
                "date": {
                    "type": "string",
                    "pattern": FULL_DATE,
                    "errorMessage": texts.NUMBERED_NEEDS_DATE,
                }
            },
            "errorMessage": texts.NUMBERED_NEEDS_DATE,
        },
    },
    *(_parent_rule(kind) for kind in SOURCE_KINDS if needs_parent(kind) is not None),
    {  # the first level has no level above to nest in (Notice._consistent)
        "properties": {
            "numbering": {
                "prefixItems": [
                    {
                        "if": {"const": "nested"},
                        "then": {"enum": _NUMBER_STYLES, "errorMessage": texts.NESTED_FIRST},
                    }
                ]
            }
        }
    },
    # a TB names its level, whose rule says whether it has a parent line (profile/issuers.py)
    {
        "if": {"required": ["kind"], "properties": {"kind": {"const": "TB"}}},
        "then": {
            "properties": {"agency": {"required": ["level"], "errorMessage": texts.LEVEL_REQUIRED}}
        },
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
                    "agency": _agency_parent(level.parent == issuers.PARENT_REQUIRED, level.key)
                }
            },
        }
        for level in issuers.LEVELS.values()
        if level.parent != issuers.PARENT_OPTIONAL
    ),
]


def _not_suggested(rule: Any) -> Any:
    """`rule` with `doNotSuggest` on every property it names.

    A rule restates fields only to constrain them; without the mark the editor would
    offer each such field again in its completion list, once per rule.
    """
    if isinstance(rule, list):
        return [_not_suggested(r) for r in rule]
    if not isinstance(rule, dict):
        return rule
    out = {k: _not_suggested(v) for k, v in rule.items()}
    if isinstance(rule.get("properties"), dict):
        out["properties"] = {
            k: {**_not_suggested(v), "doNotSuggest": True} for k, v in rule["properties"].items()
        }
    return out


def _help(name: str, field: str, description: str | None) -> dict[str, str]:
    """The hover of one field: its title, and its description with an example in YAML."""
    title, example = texts.FIELD_HELP.get((name, field), (None, None))
    if title is None:
        title = field
    markdown = description or ""
    if example is not None:
        markdown += f"\n\nVí dụ:\n\n```yaml\n{example}\n```"
    return {"title": title, "markdownDescription": markdown}


def _without_null_defaults(value: Any) -> Any:
    """`value` without `default: null`: an editor would insert `null` for an optional field."""
    if isinstance(value, list):
        return [_without_null_defaults(v) for v in value]
    if not isinstance(value, dict):
        return value
    return {
        k: _without_null_defaults(v) for k, v in value.items() if not (k == "default" and v is None)
    }


def _for_editors(value: Any) -> Any:
    """`value` with the alternatives of each `anyOf` typed as lists: `{"type": ["string"]}`.

    The same schema for a validator. An editor, though, merges the wrong-type problems of
    several alternatives into one message it writes itself, in English ("Incorrect type.
    Expected "integer | null""), dropping their `errorMessage`; a type given as a list is
    reported as it is, with its message. A `null` alternative joins the others' types.
    """
    if isinstance(value, list):
        return [_for_editors(v) for v in value]
    if not isinstance(value, dict):
        return value
    value = {k: _for_editors(v) for k, v in value.items()}
    if "anyOf" not in value:
        return value
    branches = value["anyOf"]
    nullable = {"type": "null"} in branches
    branches = [b for b in branches if b != {"type": "null"}]
    typed = []
    for branch in branches:
        kind = branch.get("type")
        if isinstance(kind, str) and kind != "object":
            branch = {**branch, "type": [kind, "null"] if nullable else [kind]}
        typed.append(branch)
    if nullable and any(not isinstance(b.get("type"), list) for b in typed):
        message = next((b["errorMessage"] for b in typed if "errorMessage" in b), texts.TEXT)
        typed.append({"type": ["null"], "errorMessage": message})
    if len(typed) == 1:
        return {**{k: v for k, v in value.items() if k != "anyOf"}, **typed[0]}
    return {**value, "anyOf": typed}


def _not_empty(array: JsonSchemaValue) -> JsonSchemaValue:
    """`minItems: 1` said as `contains: {}`, the one form whose message an editor lets us set."""
    if array.get("minItems") == 1:
        array = {k: v for k, v in array.items() if k != "minItems"}
        array["contains"] = {}
        array["errorMessage"] = texts.LIST_NOT_EMPTY
    return array


class NoticeJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, taught the shorthand forms and rules listed in the module doc."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False  # "Issued Copies" and the like: English; `_help` sets Vietnamese titles

    def str_schema(self, schema: core_schema.StringSchema) -> JsonSchemaValue:
        # every text field of the models is cleaned and must not be empty (`models._text`)
        return {
            **super().str_schema(schema),
            "pattern": r"\S",
            "patternErrorMessage": "không được để trống",
            "errorMessage": texts.TEXT,
        }

    def int_schema(self, schema: core_schema.IntSchema) -> JsonSchemaValue:
        json_schema = super().int_schema(schema)
        minimum = json_schema.get("minimum")
        message = texts.WHOLE_NUMBER if minimum is None else texts.WHOLE_NUMBER_FROM
        return {**json_schema, "errorMessage": message.format(minimum=minimum)}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        return {**super().bool_schema(schema), "errorMessage": texts.BOOLEAN}

    def literal_schema(self, schema: core_schema.LiteralSchema) -> JsonSchemaValue:
        json_schema = super().literal_schema(schema)
        values = json_schema.get("enum", [json_schema.get("const")])
        shown = ", ".join(json.dumps(v, ensure_ascii=False) if v.strip() != v or not v else v
                          for v in values)  # fmt: skip
        return {**json_schema, "errorMessage": texts.ONE_OF.format(values=shown)}

    def list_schema(self, schema: core_schema.ListSchema) -> JsonSchemaValue:
        return _not_empty({**super().list_schema(schema), "errorMessage": texts.LIST})

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return dict(DATE)

    def function_before_schema(
        self, schema: core_schema.BeforeValidatorFunctionSchema
    ) -> JsonSchemaValue:
        function = schema["function"]["function"]
        if function in (fields._as_list, fields._one_or_list):
            array = self.generate_inner(schema["schema"])
            return {"anyOf": [array["items"], array]}
        if function in (fields._lines, fields._upper_lines):  # one line, or a list of lines
            line = self.generate_inner(schema["schema"])
            lines = {"type": "array", "items": line, "minItems": 1, "errorMessage": texts.LIST}
            return {"anyOf": [line, _not_empty(lines)]}
        if function is fields._copies:  # `2`, or as the văn thư writes it: `2b`, `02`
            return {
                "anyOf": [
                    {"type": "integer", "minimum": 1, "errorMessage": texts.COPIES},
                    {
                        "type": "string",
                        "pattern": r"^\s*\d{1,3}[a-z]?\s*$",
                        "errorMessage": texts.COPIES,
                    },
                ]
            }
        if function is fields._notice_date:
            return dict(NOTICE_DATE)
        return super().function_before_schema(schema)

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls = schema["cls"]
        name = cls.__name__
        json_schema["title"] = texts.MODEL_TITLES[name]
        json_schema["description"] = texts.MODEL_DESCRIPTIONS[name]
        properties = json_schema.get("properties", {})
        for field, prop in properties.items():
            prop.setdefault("description", texts.FIELD_DESCRIPTIONS.get((name, field)))
            prop.update(_help(name, field, prop["description"]))
        if cls is models.Signer:
            authority = json_schema["properties"]["authority"]["anyOf"]
            for line in (authority[0], authority[1]["items"]):
                line["pattern"] = AUTHORITY_PATTERN
                line["patternErrorMessage"] = texts.AUTHORITY
        # Each required key and each rule its own schema, so each has its own message: an
        # editor shows one `errorMessage` for every problem of the schema that carries it.
        rules: list[JsonSchemaValue] = [
            {
                "required": [key],
                "errorMessage": texts.MISSING.format(key=key, title=properties[key]["title"]),
            }
            for key in json_schema.pop("required", [])
        ]
        rules += _not_suggested(_MODEL_RULES.get(name, []))
        if rules:
            json_schema["allOf"] = rules
        if json_schema.get("additionalProperties") is False:
            json_schema["errorMessage"] = texts.UNKNOWN_KEY.format(
                title=json_schema["title"], keys=", ".join(properties)
            )
        field = STRING_SHORTHAND.get(cls)
        if field is not None:
            text = {
                k: v
                for k, v in properties[field].items()
                if k not in ("description", "title", "markdownDescription")
            }
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
    schema["allOf"] = [*schema.get("allOf", []), *_not_suggested(_NOTICE_RULES)]
    schema["defaultSnippets"] = [texts.snippet(k, parent=needs_parent(k)) for k in SOURCE_KINDS]
    schema = _for_editors(_without_null_defaults(schema))
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
