"""The WordprocessingML pieces render and check share: one on/off flag (ST_OnOff), one run
font resolution, one cell-margin lookup."""

from __future__ import annotations

import pytest
from lxml import etree

from generator.ooxml.wordml import (
    DEFAULT_CELL_MARGIN,
    W_NS,
    RunFont,
    cell_margin,
    is_on,
    resolve_font,
)


def _el(xml: str):
    return etree.fromstring(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>')[0]


@pytest.mark.parametrize(
    ("xml", "on"),
    [
        ("<w:b/>", True),
        ('<w:b w:val="1"/>', True),
        ('<w:b w:val="true"/>', True),
        ('<w:b w:val="on"/>', True),
        ('<w:b w:val="0"/>', False),
        ('<w:b w:val="false"/>', False),
        ('<w:b w:val="off"/>', False),
        ('<w:b w:val="none"/>', True),  # not an ST_OnOff value: it does not switch off
    ],
    ids=["bare", "1", "true", "on", "0", "false", "off", "none"],
)
def test_on_off_follows_st_onoff(xml, on):
    """ECMA-376 §17.17.4: only "0", "false" and "off" switch a toggle property off."""
    assert is_on(_el(xml)) is on


def test_a_missing_property_is_off():
    """No element at all: the property is not set, so off."""
    assert is_on(None) is False


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        ([], RunFont(10.0, False, False)),
        (['<w:rPr><w:sz w:val="28"/></w:rPr>'], RunFont(14.0, False, False)),
        (['<w:rPr><w:b w:val="0"/></w:rPr>', "<w:rPr><w:b/><w:i/></w:rPr>"],
         RunFont(10.0, False, True)),
        ([None, '<w:rPr><w:sz w:val="26"/><w:b/></w:rPr>'], RunFont(13.0, True, False)),
    ],
    ids=["defaults", "size", "nearest-wins", "skips-missing-layers"],
)  # fmt: skip
def test_resolve_font_nearest_layer_wins(layers, expected):
    """Direct formatting over styles over defaults: the first layer that sets a property."""
    assert resolve_font([_el(x) if x else None for x in layers]) == expected


@pytest.mark.parametrize(
    ("holders", "side", "twips"),
    [
        ([], "left", DEFAULT_CELL_MARGIN),
        (['<w:tblCellMar><w:left w:w="0"/></w:tblCellMar>'], "left", 0),
        (['<w:tblCellMar><w:end w:w="57"/></w:tblCellMar>'], "right", 57),
        (['<w:tcMar><w:start w:w="10"/></w:tcMar>', '<w:tblCellMar><w:left w:w="99"/>'
          "</w:tblCellMar>"], "left", 10),
        ([None, '<w:tblCellMar><w:right w:w="20"/></w:tblCellMar>'], "right", 20),
    ],
    ids=["word-default", "left", "libreoffice-end", "cell-before-table", "skips-missing"],
)  # fmt: skip
def test_cell_margin(holders, side, twips):
    """The first holder that sets the side wins, also under LibreOffice's start/end names."""
    assert cell_margin([_el(h) if h else None for h in holders], side) == twips
