"""The editing form, both ways: a source's data → a tree of `Node`s the page template draws,
and the submitted fields → the source's data again; plus the edits the buttons make (add an
entry, remove one, move it up or down).

Every input is named by the dotted path `Source.problem` reports (`agency.name[0]`,
`conclusions[1].children[0].heading`), so a validation message finds its field by name.
A container that is present says so with a hidden `@<path>` input (an empty list is still a
list); a choice between variants with `~<path>`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .shapes import Shape, skeleton, variant_of

#: Keys whose text is a paragraph rather than a line (a presentation hint only).
_BOX_KEYS = {"text", "subject", "title", "heading", "closing"}
_STEP = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")
_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def join(path: str, key: str) -> str:
    """The path of field `key` inside `path`."""
    return f"{path}.{key}" if path else key


def loc_of(path: str) -> tuple[Any, ...]:
    """`conclusions[1].heading` → `("conclusions", 1, "heading")`."""
    return tuple(int(i) if i else k for k, i in _STEP.findall(path))


def element_id(prefix: str, path: str) -> str:
    """A stable HTML id for the element of `path` (ids cannot hold `.[]` safely)."""
    return f"{prefix}-{hashlib.sha1(path.encode()).hexdigest()[:12]}"


@dataclass
class Node:
    """One field of the form as drawn: a group, a list or an input."""

    shape: Shape
    path: str
    key: str
    required: bool
    present: bool = True
    value: str = ""  # scalars: the text in the input
    children: list[Node] = field(default_factory=list)
    #: list entries: their printed label (`II.`, `2.1.`, `a)`) or their position
    item_label: str = ""
    in_list: bool = False
    variant: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.shape.kind

    @property
    def label(self) -> str:
        return self.shape.label or self.key

    @property
    def multiline(self) -> bool:
        return self.key in _BOX_KEYS or len(self.value) > 60 or "\n" in self.value

    @property
    def placeholder(self) -> str:
        default = self.shape.default
        return str(default) if self.shape.has_default and default not in (None, "") else ""

    def input_id(self) -> str:
        return element_id("i", self.path)

    def error_id(self) -> str:
        return element_id("e", self.path)

    def walk(self):
        """This node and every node below it."""
        yield self
        for child in self.children:
            yield from child.walk()


def build_form(shape: Shape, data: Any, labels: Mapping[str, str] | None = None) -> Node:
    """The form of a whole source (`shape` is the root object)."""
    return _build(shape, data if isinstance(data, dict) else {}, "", "", True, labels or {})


def _build(
    shape: Shape, value: Any, path: str, key: str, required: bool, labels: Mapping[str, str]
) -> Node:
    node = Node(shape, path, key, required)
    if shape.kind in ("object", "array", "variants") and value is None and path:
        if not required:
            node.present = False
            return node
        value = skeleton(shape)
    if shape.kind == "variants":
        node.variant = variant_of(shape, value)
        node.children = [_build(shape.variants[node.variant], value, path, key, True, labels)]
    elif shape.kind == "object":
        if shape.shorthand and isinstance(value, str):
            value = {shape.shorthand: value}
        value = value if isinstance(value, dict) else {}
        node.children = [
            _build(sub, value.get(name), join(path, name), name, name in shape.required, labels)
            for name, sub in shape.properties
        ]
    elif shape.kind == "array":
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            child = _build(shape.items, item, f"{path}[{index}]", key, True, labels)
            child.in_list = True
            child.item_label = labels.get(child.path, f"{index + 1}.")
            node.children.append(child)
    else:
        if value is None and shape.kind == "boolean" and shape.has_default:
            value = shape.default  # a checkbox has no placeholder: show what applies
        node.value = _display(value)
    return node


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# -- the submitted form → data ---------------------------------------------------------------


class FormData:
    """The submitted fields: `getlist`-style access to the last value of each name."""

    def __init__(self, pairs: Mapping[str, list[str]]) -> None:
        self.values = {name: values for name, values in pairs.items() if values}

    def has(self, name: str) -> bool:
        return name in self.values

    def get(self, name: str, default: str = "") -> str:
        values = self.values.get(name)
        return values[-1] if values else default

    def indices(self, path: str) -> list[int]:
        """The list positions submitted under `path`, in order."""
        pattern = re.compile(re.escape(path) + r"\[(\d+)\]")
        found = {int(m.group(1)) for name in self.values if (m := pattern.match(name.lstrip("@~")))}
        return sorted(found)


def parse_form(shape: Shape, form: FormData, original: Any = None) -> dict[str, Any]:
    """The source data the form describes; `original` (the data the form was drawn from)
    keeps a default value its author wrote out, e.g. `single_paragraph: false`."""
    present, value = _parse(shape, form, "", True, original)
    return value if present and isinstance(value, dict) else {}


def _parse(shape: Shape, form: FormData, path: str, required: bool, original: Any):
    if shape.kind == "variants":
        if path and not form.has(f"~{path}"):
            return False, None
        index = int(form.get(f"~{path}", "0") or 0)
        index = index if 0 <= index < len(shape.variants) else 0
        return _parse(shape.variants[index], form, path, True, original)
    if shape.kind == "object":
        if path and not form.has(f"@{path}"):
            return False, None
        before = original if isinstance(original, dict) else {}
        out: dict[str, Any] = {}
        for name, sub in shape.properties:
            child = join(path, name)
            present, value = _parse(sub, form, child, name in shape.required, before.get(name))
            if present:
                out[name] = value
        if shape.shorthand and set(out) == {shape.shorthand} and not isinstance(original, dict):
            return True, out[shape.shorthand]  # written as the plain string, like notices/
        return True, out
    if shape.kind == "array":
        if not form.has(f"@{path}"):
            return False, None
        before = original if isinstance(original, list) else []
        if shape.one_or_list and isinstance(original, str):
            before = [original]
        items = []
        for index in form.indices(path):
            item = f"{path}[{index}]"
            old = before[index] if index < len(before) else None
            present, value = _parse(shape.items, form, item, True, old)
            if present:
                items.append(value)
        if shape.one_or_list and len(items) == 1 and isinstance(original, str):
            return True, items[0]
        return True, items
    if not form.has(path):
        return False, None
    return _scalar(shape, form.get(path), required, original)


def _scalar(shape: Shape, raw: str, required: bool, original: Any) -> tuple[bool, Any]:
    text = raw.strip()
    if shape.kind == "boolean":
        value = text == "true"
        if not required and shape.has_default and value == shape.default and original is None:
            return False, None
        return True, value
    if text == "":
        return (True, "") if required else (False, None)
    if shape.kind == "integer":
        return True, int(text) if re.fullmatch(r"-?\d{1,12}", text) else text
    if shape.kind == "enum":
        return True, next((o for o in shape.options if str(o) == text), text)
    if shape.accepts_int and re.fullmatch(r"[1-9]\d{0,11}", text):
        return True, int(text)  # "02" stays text: the văn thư wrote it so
    if shape.accepts_date and _FULL_DATE.fullmatch(text):
        try:
            return True, dt.date.fromisoformat(text)
        except ValueError:
            return True, text
    if "\n" not in text:
        return True, text
    return True, "\n".join(line.rstrip() for line in text.splitlines())


# -- the buttons: add, remove, move ----------------------------------------------------------


def shape_at(root: Shape, data: Any, loc: tuple[Any, ...]) -> Shape | None:
    """The shape of the field at `loc` in `data`."""
    shape, value = root, data
    for step in loc:
        while shape.kind == "variants":
            shape = shape.variants[variant_of(shape, value)]
        if isinstance(step, int) and shape.kind == "array":
            shape = shape.items
        elif isinstance(step, str) and shape.kind == "object":
            shape = shape.prop(step)
        else:
            return None
        if shape is None:
            return None
        value = _child(value, step)
    return shape


def _child(value: Any, step: Any) -> Any:
    if isinstance(step, int):
        return value[step] if isinstance(value, list) and step < len(value) else None
    return value.get(step) if isinstance(value, dict) else None


def apply_edit(root: Shape, data: dict[str, Any], op: str) -> dict[str, Any]:
    """`data` after the button `op`: `add:<path>` (a new list entry, or an absent field
    given its empty value), `remove:<path>`, `up:<path[i]>`, `down:<path[i]>`."""
    verb, _, path = op.partition(":")
    loc = loc_of(path)
    if not loc:
        return data
    parent = data
    for step in loc[:-1]:
        parent = _child(parent, step)
    last = loc[-1]
    shape = shape_at(root, data, loc)
    if verb == "add" and shape is not None:
        target = _child(parent, last)
        if shape.kind == "array" and isinstance(target, list):
            target.append(skeleton(shape.items))
        elif isinstance(parent, dict):
            parent[last] = skeleton(shape)
    elif verb == "remove":
        if isinstance(parent, dict):
            parent.pop(last, None)
        elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
            del parent[last]
    elif verb in ("up", "down") and isinstance(parent, list) and isinstance(last, int):
        other = last - 1 if verb == "up" else last + 1
        if 0 <= other < len(parent) and last < len(parent):
            parent[last], parent[other] = parent[other], parent[last]
    return data
