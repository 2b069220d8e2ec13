"""DOCX rendering: docxtpl with one strict, autoescaped, sandboxed Jinja environment,
then a layout pass (the rules under the header lines) and real Word footnotes.
Every file is written to a temporary name and renamed, so none is ever half-written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Emu
from jinja2 import StrictUndefined
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from . import metrics
from .context import BodyParagraph, FootnoteRef, NoticeContext
from .docxfmt import containers, effective_font
from .errors import TemplateError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

#: Rule paragraphs (an empty paragraph with a top border) and the share of the text above
#: them they span: the Tiêu ngữ's full length (R-TN-LINE), 1/3–1/2 of the issuing body's
#: name and of the trích yếu (R-CQ-LINE, R-TY-LINE; project choice 5/12, the middle).
RULE_RATIOS = {"TB Ke tieu ngu": 1.0, "TB Ke ngan": 5 / 12}


def literal(text: str) -> Markup:
    """Text made safe to stand in WordprocessingML: XML-escaped, and with `_` written as a
    character reference so docxtpl's `{_{`→`{{` post-processing cannot rewrite user text."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(escaped.replace("_", "&#95;"))


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{literal(text)}</w:t></w:r>'


def runs_xml(paragraph: BodyParagraph, first_footnote_id: int) -> Markup:
    """The runs of a body paragraph, footnote references included, for `{{r p.runs }}`."""
    parts = []
    for seg in paragraph.segments:
        if isinstance(seg, FootnoteRef):
            parts.append(
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{first_footnote_id + seg.number - 1}"/></w:r>'
            )
        else:
            parts.append(_run(seg))
    return Markup("".join(parts))


def make_environment() -> SandboxedEnvironment:
    """The one Jinja environment of the project: sandboxed, strict, autoescaped."""
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def _template_vars(ctx: NoticeContext, first_footnote_id: int) -> dict[str, Any]:
    def wrap(value: Any) -> Any:
        if isinstance(value, str):
            return literal(value)
        if isinstance(value, list):
            return [wrap(v) for v in value]
        return value

    values = {k: wrap(v) for k, v in ctx.as_template_vars().items() if k != "body"}
    values["body"] = [{"role": p.role, "runs": runs_xml(p, first_footnote_id)} for p in ctx.body]
    return values


def _footnotes_part(document) -> Part | None:
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            return rel.target_part
    return None


def _first_footnote_id(document) -> int:
    part = _footnotes_part(document)
    if part is None:
        return 1
    root = etree.fromstring(part.blob)
    ids = [int(n.get(f"{{{W_NS}}}id")) for n in root.findall(f"{{{W_NS}}}footnote")]
    return max([0, *ids]) + 1


_SEPARATORS = (
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


def add_footnotes(document, texts: list[str], first_id: int) -> None:
    """Append real Word footnotes (R-ND-FN), creating the footnotes part when missing."""
    if not texts:
        return
    part = _footnotes_part(document)
    if part is None:
        part = Part(
            PackURI("/word/footnotes.xml"),
            FOOTNOTES_CT,
            _SEPARATORS.encode(),
            document.part.package,
        )
        document.part.relate_to(part, RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    for offset, text in enumerate(texts):
        root.append(
            etree.fromstring(
                f'<w:footnote xmlns:w="{W_NS}" w:id="{first_id + offset}"><w:p><w:pPr>'
                '<w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
                '<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f"{_run(' ' + text)}</w:p></w:footnote>"
            )
        )
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def layout_rules(document) -> None:
    """Size every rule paragraph to the text above it (R-TN-LINE, R-CQ-LINE, R-TY-LINE).

    The rule is the paragraph's top border, which spans between its indents; the
    indents are set so the border is `ratio` × the longest line of the block above,
    centred. Line widths come from Times New Roman metrics (`metrics.py`).
    """
    for paragraphs, width in containers(document):
        for i, para in enumerate(paragraphs):
            ratio = RULE_RATIOS.get(para.style.name if para.style is not None else "")
            if ratio is None or i == 0:
                continue
            block = []
            style = paragraphs[i - 1].style
            for above in reversed(paragraphs[:i]):
                if above.style != style or not above.text.strip():
                    break
                block.append(above)
            if not block:
                continue
            longest = max(min(_line_width(p), width) for p in block)
            indent = Emu(int((width - ratio * longest) / 2))
            fmt = para.paragraph_format
            fmt.left_indent = fmt.right_indent = indent
            fmt.first_line_indent = 0


def _line_width(paragraph) -> int:
    """The width of a paragraph's text set on one line, in EMU."""
    total = 0.0
    for run in paragraph.runs:
        font = effective_font(paragraph, run)
        total += metrics.text_width_pt(
            run.text, font.size_pt or 14, bold=font.bold, italic=font.italic
        )
    return int(total * 12700)


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` then rename tmp over `path`; on failure leave `path` untouched."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _set_properties(document, ctx: NoticeContext) -> None:
    props = document.core_properties
    number = ctx.number_line.removeprefix("Số: ").replace("\u00a0", "")
    props.title = f"Thông báo {number}" if not ctx.is_draft else f"Dự thảo thông báo {number}"
    props.subject = ctx.subject
    props.author = " ".join(ctx.agency_lines)
    props.language = "vi-VN"
    props.comments = ""
    props.keywords = ctx.symbol


def render_docx(ctx: NoticeContext, template: Path, out: Path) -> None:
    """Render one notice to `out` from a docxtpl `template`; raise TemplateError on failure."""
    from docxtpl import DocxTemplate

    template = Path(template)
    if not template.is_file():
        raise TemplateError(f"{template}: template not found")
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
        first_id = _first_footnote_id(tpl.docx)
        tpl.render(_template_vars(ctx, first_id), jinja_env=make_environment(), autoescape=True)
    except JinjaTemplateError as exc:
        where = f" line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise TemplateError(f"{template}:{where} template error: {exc}") from exc
    except (
        KeyError,
        ValueError,
        OSError,
        BadZipFile,
        PackageNotFoundError,
        etree.XMLSyntaxError,
    ) as exc:
        raise TemplateError(f"{template}: cannot use this file as a DOCX template: {exc}") from exc
    document = tpl.docx
    add_footnotes(document, ctx.footnotes, first_id)
    layout_rules(document)
    _set_properties(document, ctx)
    write_atomic(out, lambda tmp: tpl.save(str(tmp)))
