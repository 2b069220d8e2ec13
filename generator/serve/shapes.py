"""What the editor's form makes of the source schema: every schema node reduced to one of a
few shapes (an object of fields, a list, a line or a box of text, a whole number, a yes/no,
a choice of values, or a choice between variants), with its Vietnamese label and help.

Nothing here knows the fields of a notice: it reads the JSON Schema of `notice schema`, so a
field added to the models appears in the form with its description as label and help.
The shorthand forms of the loader are folded into their long form: a string-or-list
(`agency.name`) is a list, a string-or-mapping (a paragraph, a recipient) is the mapping,
written back as the string when only its one required field is filled.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

Schema = dict[str, Any]

#: Strings longer than this (in the source) or described as text get a box, not a line.
LONG_TEXT = 70
_LABEL_END = re.compile(r"[;:,(]| — | - ")


@dataclass(frozen=True)
class Shape:
    """One schema node as the form shows it."""

    kind: str  # object | array | text | integer | boolean | enum | variants
    schema: Schema
    label: str = ""
    help: str = ""
    #: object: its properties in schema order; array: its item shape.
    properties: tuple[tuple[str, Shape], ...] = ()
    required: frozenset[str] = frozenset()
    #: array: its item schema, read into a shape when asked (lists of items nest items)
    item_schema: Schema | None = None
    options: tuple[Any, ...] = ()  # enum values
    variants: tuple[Shape, ...] = ()
    #: mapping shorthand: the field a plain string fills (Paragraph.text, Recipient.name).
    shorthand: str | None = None
    #: a list that may be written as its one entry (`name: VĂN PHÒNG`), kept so when it was
    one_or_list: bool = False
    default: Any = None
    has_default: bool = False
    accepts_date: bool = False
    #: a text that may also be a whole number (`copies: 2` or "02"): digits become an int
    accepts_int: bool = False
    multiline: bool = False
    reader: ShapeReader | None = field(default=None, compare=False, repr=False)

    def prop(self, key: str) -> Shape | None:
        return next((shape for name, shape in self.properties if name == key), None)

    @property
    def items(self) -> Shape | None:
        """An array's item shape."""
        if self.item_schema is None or self.reader is None:
            return None
        return self.reader.shape(self.item_schema)


def label_of(schema: Schema, key: str = "") -> tuple[str, str]:
    """The label and the help text of a node: its title if it has a human one, else the
    first phrase of its description; the help is the whole description."""
    description = (schema.get("description") or "").strip()
    title = (schema.get("title") or "").strip()
    if title and not re.fullmatch(r"[A-Z][A-Za-z0-9]*", title):  # not a pydantic class name
        return title, description
    if description:
        return _first_phrase(description), description
    return key, ""


def _first_phrase(text: str) -> str:
    """The description up to its first `;`, `:`, `,` or `(` outside «…»; a leading code
    word such as `true:` is skipped."""
    phrases, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"«": 1, "»": -1}.get(char, 0)
        if depth == 0 and _LABEL_END.match(text, i):
            phrases.append(text[start:i].strip())
            start = i + 1
    phrases.append(text[start:].strip())
    phrases = [p for p in phrases if p]
    while len(phrases) > 1 and re.fullmatch(r"`?[\w.-]+`?", phrases[0], re.ASCII):
        phrases.pop(0)
    return (phrases[0] if phrases else text)[:60]


class ShapeReader:
    """Reads a JSON Schema (with `$defs`) into `Shape`s, once per schema."""

    def __init__(self, root: Schema) -> None:
        self.root = root
        self.defs = root.get("$defs", {})
        self._cache: dict[tuple[str, str], Shape] = {}

    def resolve(self, schema: Schema) -> Schema:
        """`schema` with its `$ref` followed (its own description and default kept)."""
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            target = self.defs[name]
            schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    def shape(self, schema: Schema, key: str = "") -> Shape:
        """The shape of `schema`; `key` names the field for a label of last resort."""
        memo = (json.dumps(schema, sort_keys=True), key)
        if memo not in self._cache:
            self._cache[memo] = self._read(schema, key)
        return self._cache[memo]

    def _read(self, schema: Schema, key: str) -> Shape:
        resolved = self.resolve(schema)
        types = resolved.get("type")
        if isinstance(types, list):  # `"type": ["integer", "null"]`: the types but null
            kept = [t for t in types if t != "null"]
            if len(kept) == 1:
                resolved = {**resolved, "type": kept[0]}
            else:
                plain = {k: v for k, v in resolved.items() if k != "type"}
                resolved = {**plain, "anyOf": [{**plain, "type": t} for t in kept]}
        label, help_text = label_of(resolved, key)
        common = {"schema": resolved, "label": label, "help": help_text, "reader": self}
        if "default" in resolved:
            common.update(default=resolved["default"], has_default=True)
        alternatives = [
            alt
            for s in resolved.get("anyOf") or resolved.get("oneOf") or []
            if (alt := _normal(self.resolve(s))).get("type") != "null"
        ]
        if "properties" in resolved or resolved.get("type") == "object" or not alternatives:
            return self._plain(resolved, common)
        if len(alternatives) == 1:
            return self._plain({**alternatives[0], **_meta(resolved)}, common)
        arrays = [a for a in alternatives if a.get("type") == "array"]
        objects = [a for a in alternatives if "properties" in a]
        scalars = [a for a in alternatives if a.get("type") in ("string", "integer", "number")]
        if len(arrays) == 1 and len(alternatives) == 2:  # X or a list of X: the list
            return _with(self._plain({**arrays[0], **_meta(resolved)}, common), one_or_list=True)
        if len(objects) == 1 and len(alternatives) == 2 and scalars:  # "text" or {text, …}
            inner = self._plain({**objects[0], **_meta(resolved)}, common)
            required = sorted(inner.required)
            if len(required) == 1:
                return _with(inner, shorthand=required[0])
            return inner
        if len(scalars) == len(alternatives):  # e.g. a date: YYYY-MM-DD, YYYY-MM or YYYY
            text = _with(self._plain({"type": "string"}, common), schema=resolved)
            return _with(
                text,
                accepts_date=any(s.get("format") == "date" for s in scalars),
                accepts_int=any(s.get("type") == "integer" for s in scalars),
            )
        variants = tuple(self.shape(a, key) for a in alternatives)
        return Shape("variants", variants=variants, **common)

    def _plain(self, schema: Schema, common: dict[str, Any]) -> Shape:
        kind = schema.get("type")
        if "properties" in schema or kind == "object":
            props = tuple(
                (key, self.shape(sub, key)) for key, sub in schema.get("properties", {}).items()
            )
            return Shape(
                "object",
                properties=props,
                required=_required(schema),
                **{**common, "schema": schema},
            )
        if kind == "array":
            items = schema.get("items", {})
            return Shape("array", item_schema=items, **{**common, "schema": schema})
        if "enum" in schema:
            return Shape("enum", options=tuple(schema["enum"]), **{**common, "schema": schema})
        if "const" in schema:
            return Shape("enum", options=(schema["const"],), **{**common, "schema": schema})
        if kind == "boolean":
            return Shape("boolean", **{**common, "schema": schema})
        if kind == "integer":
            return Shape("integer", **{**common, "schema": schema})
        return Shape(
            "text",
            accepts_date=schema.get("format") == "date",
            **{**common, "schema": schema},
        )


def _normal(schema: Schema) -> Schema:
    """`"type": ["string"]` as `"type": "string"`; a pattern or a format alone is a string."""
    types = schema.get("type")
    if isinstance(types, list):
        kept = [t for t in types if t != "null"] or ["null"]
        schema = {**schema, "type": kept[0]} if len(kept) == 1 else schema
    if "type" not in schema and ("pattern" in schema or "format" in schema):
        schema = {**schema, "type": "string"}
    return schema


def _required(schema: Schema) -> frozenset[str]:
    """Required keys, also those a schema states inside `allOf` (to word its message)."""
    keys = set(schema.get("required", ()))
    for part in schema.get("allOf", ()):
        if isinstance(part, dict) and "if" not in part:
            keys.update(part.get("required", ()))
    return frozenset(keys)


def _meta(schema: Schema) -> Schema:
    return {k: schema[k] for k in ("description", "title", "default") if k in schema}


def _with(shape: Shape, **changes: Any) -> Shape:
    from dataclasses import replace

    return replace(shape, **changes)


def skeleton(shape: Shape) -> Any:
    """A new, empty value of `shape`: what "add" puts in the form before anything is typed.
    Required text is `""` (so the validator names it until it is filled), lists hold one
    empty entry when they need at least one."""
    if shape.kind == "object":
        return {key: skeleton(sub) for key, sub in shape.properties if key in shape.required}
    if shape.kind == "array":
        needs_one = (shape.schema.get("minItems") or 0) >= 1
        return [skeleton(shape.items)] if needs_one and shape.items is not None else []
    if shape.kind == "variants":
        return skeleton(shape.variants[0])
    if shape.kind == "boolean":
        return bool(shape.default) if shape.has_default else False
    if shape.kind == "enum" and shape.has_default:
        return shape.default
    return ""


def variant_of(shape: Shape, value: Any) -> int:
    """Which of a `variants` shape's alternatives `value` is (the first that fits)."""
    for index, variant in enumerate(shape.variants):
        if _fits(variant, value):
            return index
    return 0


def _fits(shape: Shape, value: Any) -> bool:
    if shape.kind == "object":
        if shape.shorthand and isinstance(value, str):
            return True
        if not isinstance(value, dict):
            return False
        names = {key for key, _ in shape.properties}
        consts = {
            key: sub.options[0]
            for key, sub in shape.properties
            if "const" in sub.schema and sub.options
        }
        return (
            set(value) <= names
            and shape.required <= set(value)
            and all(value.get(k) == v for k, v in consts.items())
        )
    if shape.kind == "array":
        return isinstance(value, list)
    if shape.kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if shape.kind == "boolean":
        return isinstance(value, bool)
    if shape.kind == "enum":
        return value in shape.options
    return isinstance(value, str)
