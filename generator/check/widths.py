"""Widths of text as Word lays it out, for the DOCX checks: a line's width and the lines it
wraps into, the spaces and tabs a line is set in with, how far a line is off its column's
centre. Measured with the Times New Roman advance widths of `ooxml.metrics`."""

from __future__ import annotations

import re

from ..ooxml import metrics
from .reader import Line, Para, Piece
from .rules import vi_num


def mm(emu: float) -> str:
    return vi_num(emu / 36000)


def main_size(line: Line) -> float | None:
    weights: dict[float, int] = {}
    for piece in line.visible:
        weights[piece.fmt.size] = weights.get(piece.fmt.size, 0) + len(piece.text)
    return max(weights, key=weights.__getitem__) if weights else None


def width_pt(piece: Piece, text: str | None = None) -> float:
    fmt = piece.fmt
    shown = piece.shown if text is None else text
    return metrics.text_width_pt(shown, fmt.size, bold=fmt.bold, italic=fmt.italic)


def wrapped_widths(line: Line) -> list[float]:
    """The widths (pt) of the lines a paragraph line wraps into within its indents."""
    para = line.para
    avail = (para.container.width - para.fmt.left - para.fmt.right) / 12700
    widths, current, space = [], 0.0, 0.0
    for piece in line.pieces:
        for token in filter(None, re.split(r"(\s+)", piece.shown)):
            width = width_pt(piece, token)
            if token.isspace():
                space += width if current or widths else 0.0
            elif current and current + space + width > avail:
                widths.append(current)
                current, space = width, 0.0
            else:
                current, space = current + space + width, 0.0
    return [*widths, current]


def lead_and_width(line: Line) -> tuple[float, float]:
    """The width (pt) of the spaces and tabs a line starts with — tabs at Word's default
    stops, 12,7 mm — and of the text after them."""
    lead, text, started = 0.0, 0.0, False
    for piece in line.pieces:
        shown = piece.shown if started else piece.shown.lstrip()
        for ch in piece.shown[: len(piece.shown) - len(shown)]:
            lead = (lead // 36 + 1) * 36 if ch == "\t" else lead + width_pt(piece, ch)
        started = started or bool(shown)
        text += width_pt(piece, shown.rstrip()) if shown.strip() else 0.0
    return lead, text


def off_centre_mm(para: Para) -> float | None:
    """How far the middle of a left-aligned line — set in with spaces or tabs, or filling
    its column — is from the middle of its column (mm); None when it wraps."""
    line = next(x for x in para.lines if x.text)
    fmt = para.fmt
    start = (fmt.left + fmt.first_line) / 12700
    lead, text = lead_and_width(line)
    if start + lead + text > (para.container.width - fmt.right) / 12700 + 0.5:
        return None
    return abs(start + lead + text / 2 - para.container.width / 12700 / 2) * 25.4 / 72
