"""The labels Word draws for automatic numbering (`w:numPr`), as text: `1.`, `a)`, `II.`.

The checker's reader gives only bullets (`-`) as a paragraph's label; an office that let Word
number its khoản and điểm would lose them. Here each numbered paragraph gets the label Word
shows, counted per list and level (a level restarts below a higher one), so that the typed
numbering rules of `tree.py` apply to it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from docx.oxml.ns import qn

from ..check.formats import find, val
from ..check.reader import DocxView, Para
from ..profile import vietnamese as vi

_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": lambda n: "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26],
    "upperLetter": lambda n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(n - 1) % 26],
    "lowerRoman": lambda n: vi.roman(n).lower(),
    "upperRoman": vi.roman,
}


def add_labels(view: DocxView, paras: list[Para]) -> None:
    """Give each paragraph Word numbers (not a bullet) the label Word shows for it."""
    numbering = view._numbering  # noqa: SLF001 - the reader's numbering part
    if numbering is None:
        return
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for para in paras:
        found = _level(view, numbering, para)
        if found is None or para.label or not para.text:
            continue
        abstract_id, ilvl, levels = found
        here = counts[abstract_id]
        for deeper in [lvl for lvl in here if lvl > ilvl]:
            del here[deeper]
        start_text = val(find(levels[ilvl], "w:start")) or "1"
        start = int(start_text) if start_text.isdigit() else 1
        here[ilvl] = here.get(ilvl, start - 1) + 1
        label = _label(levels, here, ilvl)
        if label:
            para.label = label + " "
            para.__dict__.pop("lines", None)
            para.__dict__.pop("text", None)


def _level(view: DocxView, numbering, para: Para):
    """(abstract list id, level, {level: w:lvl}) of a numbered paragraph, else None."""
    ppr = para.element.find(qn("w:pPr")) if para.element is not None else None
    style_id = val(find(ppr, "w:pStyle"))
    layers = [ppr, *(s.find(qn("w:pPr")) for s in view._chain(style_id))]  # noqa: SLF001
    num_pr = next((find(x, "w:numPr") for x in layers if find(x, "w:numPr") is not None), None)
    num_id = val(find(num_pr, "w:numId"))
    if num_id in (None, "0"):
        return None
    ilvl_text = val(find(num_pr, "w:ilvl")) or "0"
    ilvl = int(ilvl_text) if ilvl_text.isdigit() else 0
    num = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']")
    abstract_id = val(find(num, "w:abstractNumId"))
    abstract = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract_id}']")
    if abstract is None:
        return None
    levels = {
        int(lvl.get(qn("w:ilvl"), "0")): lvl
        for lvl in abstract.iterfind(qn("w:lvl"))
        if lvl.get(qn("w:ilvl"), "0").isdigit()
    }
    if ilvl not in levels or val(find(levels[ilvl], "w:numFmt")) in (None, "bullet", "none"):
        return None
    return abstract_id, ilvl, levels


def _label(levels: dict, counts: dict[int, int], ilvl: int) -> str:
    """`w:lvlText` with each `%N` replaced by level N's number in its format."""
    text = val(find(levels[ilvl], "w:lvlText")) or ""

    def number(match: re.Match[str]) -> str:
        level = int(match.group(1)) - 1
        fmt = val(find(levels.get(level), "w:numFmt")) or "decimal"
        try:
            return _FORMATS.get(fmt, str)(counts.get(level, 1))
        except ValueError:  # a Roman numeral of 0 or of 4000 and more
            return str(counts.get(level, 1))

    return re.sub(r"%(\d)", number, text).strip()
