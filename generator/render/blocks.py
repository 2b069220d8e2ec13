"""Paragraphs the renderer lays out itself (`role == "block"`): the Kính gửi lines (ô 9a)
and the phụ lục after the signature (R-PL), as whole `<w:p>` elements for `{{p b.xml }}`.

They take the body style (`TB Noi dung`, looked up by name) and add only what differs:
alignment, indents, a page break, bold or italic runs. Text is escaped like all text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..ooxml import metrics
from ..source.markup import Span

BODY_STYLE = "TB Noi dung"
#: Project choice (NĐ 30 draws ô 9a without a measure): the Kính gửi block starts a quarter
#: of the text width in; the addressees line up after "Kính gửi: ".
ADDRESSEE_LEFT = 0.25
BODY_PT = 14.0

_EMPHASIS = {
    "appendix-number": (True, False),  # R-PL: "Phụ lục" + number, 14, bold
    "appendix-title": (True, False),  # R-PL: title, upper case, bold
    "appendix-note": (False, True),  # R-PL: "(Kèm theo …)", italic
}


def _ppr(layout: str, style_id: str | None, body_width: int) -> str:
    """The paragraph properties of a layout (children in ECMA-376 CT_PPr order)."""
    style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    hang = round(metrics.text_width_pt("Kính gửi: ", BODY_PT) * 20)
    left = round(body_width * ADDRESSEE_LEFT) + hang
    if layout == "addressee":
        return f'<w:pPr>{style}<w:ind w:left="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
    if layout == "addressee-first":
        return (
            f'<w:pPr>{style}<w:tabs><w:tab w:val="left" w:pos="{left}"/></w:tabs>'
            f'<w:ind w:left="{left}" w:hanging="{hang}"/><w:jc w:val="left"/></w:pPr>'
        )
    if layout == "addressee-next":
        return f'<w:pPr>{style}<w:ind w:left="{left}" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>'
    if layout == "appendix-number":
        return (
            f'<w:pPr>{style}<w:keepNext/><w:pageBreakBefore/><w:ind w:left="0" w:firstLine="0"/>'
            '<w:jc w:val="center"/></w:pPr>'
        )
    if layout in ("appendix-title", "appendix-note"):
        return (
            f'<w:pPr>{style}<w:keepNext/><w:ind w:left="0" w:firstLine="0"/>'
            '<w:jc w:val="center"/></w:pPr>'
        )
    return f"<w:pPr>{style}</w:pPr>" if style else ""


def block_xml(
    paragraph: Any,
    style_id: str | None,
    body_width: int,
    runs: Callable[[tuple[Any, ...]], str],
) -> Markup:
    """The whole `<w:p>` of a block paragraph; `runs` renders segments as the body does."""
    bold, italic = _EMPHASIS.get(paragraph.layout, (False, False))
    segments = tuple(
        Span(s, bold, italic) if isinstance(s, str) and (bold or italic) else s
        for s in paragraph.segments
    )
    xml = str(runs(segments))
    # a tab the layout asked for (after "Kính gửi:") is a real tab, not a character
    xml = xml.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return Markup(f"<w:p>{_ppr(paragraph.layout, style_id, body_width)}{xml}</w:p>")
