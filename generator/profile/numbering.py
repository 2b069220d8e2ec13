"""The numbering of the conclusions tree: one style per level, labels computed, never typed.

NĐ 30 numbers mục with Roman numerals, khoản with Arabic ones and điểm with Vietnamese
letters (R-ND-PMK, R-ND-KHOAN, R-ND-DIEM); below điểm notices use `-` then `+`
(R-ND-DASH, project choice). Offices also write `(1)`, `(i)` and "Thứ nhất, …"; a level
may be unlabelled (`none`), and a single item may stand outside the count
(`numbered: false`). The walk over the tree lives here so that the printed body
(`context.py`) and the task list (`tasks.py`) number alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import vietnamese as vi

#: Every style, in the order the schema lists them, with what its first label looks like.
STYLES = {
    "roman": "I.",
    "decimal": "1.",
    "nested": "1.1.",
    "letter": "a)",
    "dash": "-",
    "plus": "+",
    "paren": "(1)",
    "roman-paren": "(i)",
    "ordinal": "Thứ nhất,",
    "none": "",
}
#: The NĐ 30 defaults: khoản `1.`, điểm `a)`, then `-` and `+` (R-ND-KHOAN, R-ND-DIEM,
#: R-ND-DASH); a notice with mục starts with `roman` (R-ND-PMK).
DEFAULT_STYLES = ("decimal", "letter", "dash", "plus")
#: Styles whose headings are bold on their own line (R-ND-PMK, R-ND-KHOAN); điểm and the
#: levels below stay regular (R-ND-DIEM, R-ND-DASH). An unlabelled level's heading is a
#: title too.
BOLD_HEADING_STYLES = frozenset({"roman", "decimal", "nested", "none"})


def item_label(style: str, index: int, parent_label: str) -> str:
    """An item's computed label: `II.`, `2.1.`, `b)`, `-`, `(3)`, `(iv)`, `Thứ hai,`, or
    `""` for an unlabelled level (R-ND-PMK, R-ND-DIEM, R-ND-DASH)."""
    if style == "roman":
        return f"{vi.roman(index + 1)}."
    if style == "decimal":
        return f"{index + 1}."
    if style == "nested":
        return f"{parent_label}{index + 1}."
    if style == "letter":
        return f"{vi.vietnamese_letter(index)})"
    if style == "paren":
        return f"({index + 1})"
    if style == "roman-paren":
        return f"({vi.roman(index + 1).lower()})"
    if style == "ordinal":
        return f"Thứ {vi.ordinal_word(index + 1)},"
    if style == "none":
        return ""
    return "-" if style == "dash" else "+"


@dataclass(frozen=True)
class Placed:
    """An item with its computed label, its depth, the labels from the top down and the
    style of its level."""

    item: Any
    label: str
    depth: int
    path: tuple[str, ...]
    style: str


def walk(items: list[Any], styles: list[str]) -> Iterator[tuple[str, Placed | None]]:
    """The tree in reading order: `("enter", placed)` before an item's children and
    `("leave", placed)` after them. An item with `numbered: false` gets no label and does
    not count; the one after it takes the next number. An item's own `numbering` gives the
    styles of the levels below it (its children first), instead of the notice's."""

    def visit(
        items: list[Any], styles: list[str], depth: int, parent: str, path: tuple[str, ...]
    ) -> Iterator[tuple[str, Placed | None]]:
        style = styles[0]
        index = 0
        for item in items:
            if getattr(item, "numbered", True):
                label = item_label(style, index, parent)
                index += 1
            else:
                label = ""
            # `nested` labels (2.1.) already contain their parent's
            here = path[:-1] if style == "nested" and path else path
            here = (*here, label) if label else path
            placed = Placed(item, label, depth, here, style)
            yield "enter", placed
            if item.children:
                below = list(getattr(item, "numbering", None) or styles[1:])
                yield from visit(item.children, below, depth + 1, label or parent, here)
            yield "leave", placed

    yield from visit(items, list(styles), 0, "", ())
