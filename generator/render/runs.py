"""The text of a notice as WordprocessingML: runs with their emphasis and footnote marks, the
template variables (every string escaped for XML), and the line breaks a source asked for.
Text is always escaped here: nothing a source says reaches the XML or Jinja as markup."""

from __future__ import annotations

from typing import Any

from lxml import etree
from markupsafe import Markup

from ..ooxml.wordml import W
from ..source.markup import Span
from .blocks import block_xml
from .context import BodyParagraph, FootnoteRef, NoticeContext


def literal(text: str) -> Markup:
    """Text made safe to stand in WordprocessingML: XML-escaped, and with `_` written as a
    character reference so docxtpl's `{_{`→`{{` post-processing cannot rewrite user text."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(escaped.replace("_", "&#95;"))


def text_run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{literal(text)}</w:t></w:r>'


def _styled_run(span: Span) -> str:
    """A run with real emphasis (`<w:b/>`, `<w:i/>`), the text escaped like any other."""
    props = ("<w:b/><w:bCs/>" if span.bold else "") + ("<w:i/><w:iCs/>" if span.italic else "")
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{literal(span.text)}</w:t></w:r>'


def runs_xml(paragraph: BodyParagraph, first_footnote_id: int) -> Markup:
    """The runs of a body paragraph, footnote references included, for `{{r p.runs }}`."""
    return _segments_xml(paragraph.segments, first_footnote_id)


def _segments_xml(segments: tuple[Any, ...], first_footnote_id: int) -> Markup:
    parts = []
    for seg in segments:
        if isinstance(seg, FootnoteRef):
            parts.append(
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{first_footnote_id + seg.number - 1}"/></w:r>'
            )
        elif isinstance(seg, Span):
            parts.append(_styled_run(seg))
        else:
            parts.append(text_run(seg))
    return Markup("".join(parts))


def template_vars(
    ctx: NoticeContext,
    first_footnote_id: int,
    body_style: str | None = None,
    body_width: int = 9355,
) -> dict[str, Any]:
    """The context as the template sees it: every string already escaped for XML.

    A body item has `role` and `runs` (for `{{r p.runs }}`); a block paragraph (Kính gửi,
    phụ lục) also has `xml`, the whole paragraph, for `{{p p.xml }}`.
    """

    def wrap(value: Any) -> Any:
        if isinstance(value, str):
            return literal(value)
        if isinstance(value, list):
            return [wrap(v) for v in value]
        return value

    def item(p: BodyParagraph) -> dict[str, Any]:
        out = {"role": p.role, "runs": runs_xml(p, first_footnote_id)}
        if p.role == "block":
            out["xml"] = block_xml(
                p, body_style, body_width, lambda s: _segments_xml(s, first_footnote_id)
            )
        return out

    skip = ("body", "appendix")
    values = {k: wrap(v) for k, v in ctx.as_template_vars().items() if k not in skip}
    values["body"] = [item(p) for p in ctx.body]
    values["appendix"] = [item(p) for p in ctx.appendix]
    return values


def line_breaks(root: Any) -> None:
    """A line break the source asked for (`subject: [line 1, line 2]`, a parent body on two
    lines) is a `\n` in the text: it becomes a `<w:br/>` in the same run. Text without one,
    which is all text the source did not break, is left as it is."""
    for t in [t for t in root.iter(f"{W}t") if t.text and "\n" in t.text]:
        first, *rest = t.text.split("\n")
        t.text = first
        anchor = t
        for line in rest:
            br = etree.Element(f"{W}br")
            anchor.addnext(br)
            nt = etree.Element(f"{W}t")
            nt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            nt.text = line
            br.addnext(nt)
            anchor = nt
