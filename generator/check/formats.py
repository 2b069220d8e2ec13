"""Paragraph formatting as Word shows it, resolved through layers of `w:pPr` (direct,
numbering, style chain, table style, defaults), and the small XML look-ups the reader uses."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.shared import Twips

from ..ooxml.wordml import OFF_VALUES, is_on

_ALIGN = {"start": "left", "end": "right", "both": "both", "distribute": "both", "justify": "both",
          "center": "center", "left": "left", "right": "right"}  # fmt: skip


@dataclass(frozen=True)
class ParaFormat:
    """The effective paragraph formatting; lengths in EMU, spacing in points."""

    align: str
    left: int
    right: int
    first_line: int  # negative for a hanging indent
    before: float
    after: float
    line: int | None  # w:spacing/@w:line: 240ths of a line when `line_rule` is "auto", else twips
    line_rule: str
    contextual: bool
    border_top: bool
    border_bottom: bool
    style_id: str | None


def find(el, *path: str):
    for tag in path:
        if el is None:
            return None
        el = el.find(qn(tag))
    return el


def val(el) -> str | None:
    return None if el is None else el.get(qn("w:val"))


def first_in(layers: list):
    def first(tag: str):
        for layer in layers:
            el = find(layer, tag)
            if el is not None:
                return el
        return None

    return first


def para_format(layers: list, style_id: str | None) -> ParaFormat:
    def attr(tag: str, *names: str) -> str | None:
        for layer in layers:
            el = find(layer, tag)
            for name in names:
                if el is not None and el.get(qn(name)) is not None:
                    return el.get(qn(name))
        return None

    def first_line() -> int:
        for layer in layers:
            ind = find(layer, "w:ind")
            if ind is not None and ind.get(qn("w:hanging")) is not None:
                return -int(ind.get(qn("w:hanging")))
            if ind is not None and ind.get(qn("w:firstLine")) is not None:
                return int(ind.get(qn("w:firstLine")))
        return 0

    def spacing(name: str) -> float:
        auto = attr("w:spacing", f"w:{name}Autospacing")
        if auto is not None and auto not in OFF_VALUES:
            return 14.0  # Word's HTML auto spacing
        return int(attr("w:spacing", f"w:{name}") or 0) / 20

    def border(side: str) -> bool:
        for layer in layers:
            el = find(layer, "w:pBdr", f"w:{side}")
            if el is not None:
                return val(el) not in ("nil", "none")
        return False

    contextual = next(
        (is_on(el) for el in (find(x, "w:contextualSpacing") for x in layers) if el is not None),
        False,
    )
    line = attr("w:spacing", "w:line")
    return ParaFormat(
        align=_ALIGN.get(attr("w:jc", "w:val") or "left", "left"),
        left=int(Twips(int(attr("w:ind", "w:left", "w:start") or 0))),
        right=int(Twips(int(attr("w:ind", "w:right", "w:end") or 0))),
        first_line=int(Twips(first_line())),
        before=spacing("before"),
        after=spacing("after"),
        line=int(line) if line is not None else None,
        line_rule=attr("w:spacing", "w:lineRule") or "auto",
        contextual=contextual,
        border_top=border("top"),
        border_bottom=border("bottom"),
        style_id=style_id,
    )
