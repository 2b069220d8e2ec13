"""The stored Times New Roman widths against the installed Liberation Serif font."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.ooxml import metrics
from generator.profile.vietnamese import QUOC_HIEU, TIEU_NGU

FONTS = Path("/usr/share/fonts/truetype/liberation2")


@pytest.mark.parametrize(
    ("style", "bold", "italic"),
    [("Regular", False, False), ("Bold", True, False), ("Italic", False, True),
     ("BoldItalic", True, True)],
)  # fmt: skip
def test_widths_match_the_installed_font(style, bold, italic):
    """Every Vietnamese letter's width in the table is the font's own advance width."""
    font = TTFont(FONTS / f"LiberationSerif-{style}.ttf")
    cmap, hmtx, upm = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
    sample = QUOC_HIEU + TIEU_NGU + "ăâđêôơưẠạẢảẤấẦầẨẩẪẫẬậỲỳỴỵỶỷỸỹ–“”…"
    for ch in sample:
        expected = hmtx[cmap[ord(ch)]][0] * 14 / upm
        assert metrics.text_width_pt(ch, 14, bold=bold, italic=italic) == pytest.approx(expected)


def test_tieu_ngu_width():
    """The Tiêu ngữ at 14 pt bold is about 171 pt (60.5 mm) wide: the length of its rule."""
    assert metrics.text_width_pt(TIEU_NGU, 14, bold=True) == pytest.approx(171.4, abs=0.1)
