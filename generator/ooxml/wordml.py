"""The pieces of WordprocessingML that both the writer (`render`) and the reader (`check`)
need, with one behaviour each: the namespace, the on/off flag, the size/bold/italic of a run
resolved through its layers of properties, and a table cell's left/right margins."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
#: Word's default left/right cell margin when a table sets none (0.19 cm), in twips.
DEFAULT_CELL_MARGIN = 108
#: OOXML's own default font size when neither styles nor document defaults set one.
DEFAULT_SIZE_PT = 10.0
#: The values of ST_OnOff (ECMA-376 Part 1, §17.17.4) that switch a property off. The type
#: has six values — "true", "false", "on", "off", "1", "0" — and an absent `w:val` means on;
#: "none" is not one of them (it belongs to ST_Underline and ST_Border), so it is not "off".
OFF_VALUES = frozenset({"0", "false", "off"})


def is_on(el: Any) -> bool:
    """Whether a toggle property element (`w:b`, `w:i`, `w:caps`, `w:vanish`, …) is on; a
    missing element (None) is off."""
    return el is not None and el.get(f"{W}val") not in OFF_VALUES


@dataclass(frozen=True)
class RunFont:
    """Size in points and weight and slant of a run, a paragraph mark or a style."""

    size_pt: float
    bold: bool
    italic: bool


def overlay_font(rpr: Any, base: RunFont) -> RunFont:
    """`base` with what a `w:rPr` (or None) sets on top of it."""
    if rpr is None:
        return base
    sz, b, i = rpr.find(f"{W}sz"), rpr.find(f"{W}b"), rpr.find(f"{W}i")
    return RunFont(
        int(sz.get(f"{W}val")) / 2 if sz is not None else base.size_pt,
        is_on(b) if b is not None else base.bold,
        is_on(i) if i is not None else base.italic,
    )


def resolve_font(layers: Iterable[Any], default: RunFont | None = None) -> RunFont:
    """The font of `layers` of `w:rPr` elements, nearest first (direct formatting, character
    style chain, paragraph style chain, document defaults): the first layer that sets a
    property wins."""
    font = default or RunFont(DEFAULT_SIZE_PT, False, False)
    for rpr in reversed(list(layers)):
        font = overlay_font(rpr, font)
    return font


def cell_margin(holders: Iterable[Any], side: str) -> int:
    """A cell's `side` ("left" or "right") margin in twips: from the first of `holders`
    (`w:tcMar`, then the `w:tblCellMar` of the table and its style) that sets it, also under
    the `w:start`/`w:end` names LibreOffice writes, else Word's default."""
    names = (f"{W}{side}", f"{W}{'start' if side == 'left' else 'end'}")
    for holder in holders:
        if holder is None:
            continue
        el = next((e for e in (holder.find(n) for n in names) if e is not None), None)
        if el is not None:
            return int(el.get(f"{W}w", "0"))
    return DEFAULT_CELL_MARGIN
