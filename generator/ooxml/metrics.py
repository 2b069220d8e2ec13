"""Text widths in Times New Roman, for the rules under the header lines (R-TN-LINE, R-CQ-LINE).

The advance widths come from Liberation Serif, the metric twin of Times New
Roman (same advance width for every glyph), stored once in `data/serif_widths.json`
by `templates/build_templates.py --widths`, so no font file is needed at run time.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

STYLES = ("regular", "bold", "italic", "bolditalic")


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, int]]:
    data = resources.files("generator").joinpath("data/serif_widths.json").read_text("utf-8")
    return json.loads(data)


def style_key(bold: bool, italic: bool) -> str:
    """The width-table key of a bold/italic combination."""
    return ("bold" if bold else "") + ("italic" if italic else "") or "regular"


@lru_cache(maxsize=4096)  # the same header lines come back in every notice of a batch
def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """The advance width of `text` on one line, in points."""
    table = _table()
    widths = table[style_key(bold, italic)]
    fallback = widths["\x00"]
    units = sum(widths.get(ch, fallback) for ch in unicodedata.normalize("NFC", text))
    return units * size_pt / table["meta"]["units_per_em"]
