"""DOCX rendering: a docxtpl template compiled once per process, rendered through one strict,
autoescaped, sandboxed Jinja environment, then a layout pass (the rules under the header
lines) and real Word footnotes. Files are written under a temporary name and renamed, so
none is ever half-written.

docxtpl re-reads, re-patches and re-compiles its template on every render (≈ 45–75 ms);
`CompiledTemplate` does that once and then only renders Jinja, fixes up one XML tree and
writes the zip (a few ms), which is what makes batches fast.
"""

from __future__ import annotations

import html
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import DictLoader, StrictUndefined, Template
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from ..errors import TemplateError
from ..files import write_atomic
from ..ooxml import metrics
from ..ooxml.wordml import DEFAULT_SIZE_PT, W_NS, RunFont, W, cell_margin, overlay_font
from .blocks import BODY_STYLE
from .context import NoticeContext
from .runs import line_breaks, template_vars, text_run

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
#: Fixed zip timestamps: the same source and template give byte-identical DOCX files.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

#: Rule paragraphs (an empty paragraph with a top border) and the share of the text above
#: them they span: the Tiêu ngữ's full length (R-TN-LINE), 1/3–1/2 of the issuing body's
#: name and of the trích yếu (R-CQ-LINE, R-TY-LINE; project choice 5/12, the middle).
RULE_RATIOS = {"TB Ke tieu ngu": 1.0, "TB Ke ngan": 5 / 12}


def make_environment() -> SandboxedEnvironment:
    """The one Jinja environment of the project: sandboxed, strict, autoescaped."""
    # An empty loader: `{% include %}`/`{% import %}` of any file fails as TemplateNotFound.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, loader=DictLoader({}))


def _style_fonts(styles_xml: bytes) -> tuple[dict[str, RunFont], dict[str, str], str | None]:
    """Effective fonts of every paragraph style, the style name → id map, the default id."""
    root = etree.fromstring(styles_xml)
    defaults = RunFont(DEFAULT_SIZE_PT, False, False)  # OOXML's own default: 10 pt
    rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    defaults = overlay_font(rpr, defaults)
    by_id = {s.get(f"{W}styleId"): s for s in root.findall(f"{W}style")}
    fonts: dict[str, RunFont] = {}

    def resolve(style_id: str, depth: int = 0) -> RunFont:
        if style_id in fonts:
            return fonts[style_id]
        style = by_id.get(style_id)
        if style is None or depth > 20:
            return defaults
        based = style.find(f"{W}basedOn")
        base = resolve(based.get(f"{W}val"), depth + 1) if based is not None else defaults
        fonts[style_id] = overlay_font(style.find(f"{W}rPr"), base)
        return fonts[style_id]

    names, default_id = {}, None
    for style_id, style in by_id.items():
        if style.get(f"{W}type") == "paragraph":
            resolve(style_id)
            name = style.find(f"{W}name")
            names[name.get(f"{W}val") if name is not None else style_id] = style_id
            if style.get(f"{W}default") in ("1", "true"):
                default_id = style_id
    return fonts, names, default_id


class CompiledTemplate:
    """A DOCX template read, patched and compiled once; `render` gives DOCX bytes."""

    def __init__(self, path: Path) -> None:
        from docxtpl import DocxTemplate

        self.path = Path(path)
        env = make_environment()
        try:
            with zipfile.ZipFile(self.path) as archive:
                self.entries = {name: archive.read(name) for name in archive.namelist()}
            document = self.entries["word/document.xml"].decode("utf-8")
            patcher = DocxTemplate(str(self.path))
            self.templates: dict[str, Template] = {}
            self.sources: dict[str, str] = {}
            for name, data in self.entries.items():
                text = data.decode("utf-8", "replace") if name.endswith(".xml") else ""
                if name == "word/document.xml" or (name.startswith("word/") and "{" in text):
                    source = _unescape_tags(patcher.patch_xml(text))
                    self.sources[name] = source
                    self.templates[name] = env.from_string(
                        re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
                    )
            self.fonts, names, self.default_style = _style_fonts(self.entries["word/styles.xml"])
            self.body_width = _body_width(document)
        except JinjaTemplateError as exc:
            where = f" line {exc.lineno}" if getattr(exc, "lineno", None) else ""
            raise TemplateError(
                f"{self.path}:{where} template error: {exc} (`notice template check "
                f"{self.path}` names the paragraph)"
            ) from exc
        except (KeyError, ValueError, OSError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
            raise TemplateError(
                f"{self.path}: cannot use this file as a DOCX template: {exc}"
            ) from exc
        self.rule_ratios = {names[n]: r for n, r in RULE_RATIOS.items() if n in names}
        self.style_ids = names
        self.has_appendix = any("appendix" in t for t in self.sources.values())
        self.has_footnotes = "word/footnotes.xml" in self.entries
        self.first_footnote_id = 1
        if self.has_footnotes:
            root = etree.fromstring(self.entries["word/footnotes.xml"])
            ids = [int(n.get(f"{W}id")) for n in root.findall(f"{W}footnote")]
            self.first_footnote_id = max([0, *ids]) + 1
        # Parts that never change are compressed once; each render appends only the others.
        # Footnotes change three more parts, so a notice with footnotes has its own base.
        self.dynamic = {*self.templates, "docProps/core.xml"}
        self.dynamic_footnotes = {*self.dynamic, *_FOOTNOTE_PARTS}
        self.base_zip_footnotes = _zip(
            {n: d for n, d in self.entries.items() if n not in self.dynamic_footnotes}
        )
        self.base_zip = _zip(
            {
                n: d
                for n, d in self.entries.items()
                if n in _FOOTNOTE_PARTS and n not in self.dynamic
            },
            base=self.base_zip_footnotes,
        )

    def render(self, ctx: NoticeContext) -> bytes:
        """The DOCX of one notice, as bytes."""
        if ctx.appendix and not self.has_appendix:
            raise TemplateError(
                f"{self.path}: the template has no place for appendices (phụ lục): make it "
                "again with `make templates`, or add the `appendix` loop after the signature"
            )
        values = template_vars(
            ctx, self.first_footnote_id, self.style_ids.get(BODY_STYLE), self.body_width
        )
        parts = dict(self.entries)
        try:
            for name, template in self.templates.items():
                xml = template.render(values)
                xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
                for a, b in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
                    xml = xml.replace(a, b)  # docxtpl's escapes for literal tags in templates
                parts[name] = xml.encode("utf-8")
        except JinjaTemplateError as exc:
            where = f" line {exc.lineno}" if getattr(exc, "lineno", None) else ""
            raise TemplateError(
                f"{self.path}:{where} template error: {exc} (`notice template check "
                f"{self.path}` names the paragraph)"
            ) from exc
        except Exception as exc:  # template code that fails in Python (`{{ 1 / 0 }}`, …)
            raise TemplateError(
                f"{self.path}: template error: {type(exc).__name__}: {exc}"
            ) from exc
        try:
            root = etree.fromstring(parts["word/document.xml"])
        except etree.XMLSyntaxError as exc:
            raise TemplateError(f"{self.path}: the template renders to broken XML: {exc}") from exc
        line_breaks(root)
        self._layout_rules(root)
        parts["word/document.xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        dynamic, base = self.dynamic, self.base_zip
        if ctx.footnotes:
            self._add_footnotes(parts, ctx.footnotes)
            dynamic, base = self.dynamic_footnotes, self.base_zip_footnotes
        parts["docProps/core.xml"] = _core_properties(parts.get("docProps/core.xml"), ctx)
        return _zip({n: parts[n] for n in parts if n in dynamic}, base=base)

    def _layout_rules(self, root: Any) -> None:
        """Size every rule paragraph to the text above it (R-TN-LINE, R-CQ-LINE, R-TY-LINE).

        The rule is the paragraph's top border, which spans between its indents; they are
        set so the border is `ratio` × the longest line of the block above, centred.
        """
        rules = []
        for style in root.iter(f"{W}pStyle"):  # w:p/w:pPr/w:pStyle naming a rule style
            ratio = self.rule_ratios.get(style.get(f"{W}val"))
            para = style.getparent().getparent() if ratio is not None else None
            if para is not None and para.tag == f"{W}p":
                rules.append((para, ratio))
        for para, ratio in rules:
            block = []
            above = para.getprevious()
            style = self._style_of(above) if above is not None and above.tag == f"{W}p" else None
            while above is not None and above.tag == f"{W}p" and self._style_of(above) == style:
                if not "".join(above.itertext()).strip():
                    break
                block.append(above)
                above = above.getprevious()
            if not block:
                continue
            width = self._container_width(para)
            longest = max(min(self._line_width(p), width) for p in block)
            indent = round((width - ratio * longest) / 2)
            ppr = para.find(f"{W}pPr")
            if ppr is None:
                ppr = etree.SubElement(para, f"{W}pPr")
                para.insert(0, ppr)
            ind = ppr.find(f"{W}ind")
            if ind is None:
                ind = etree.Element(f"{W}ind")
                _insert_ind(ppr, ind)
            ind.attrib.clear()
            ind.set(f"{W}left", str(indent))
            ind.set(f"{W}right", str(indent))
            ind.set(f"{W}firstLine", "0")

    def _style_of(self, para: Any) -> str | None:
        style = para.find(f"{W}pPr/{W}pStyle")
        return style.get(f"{W}val") if style is not None else self.default_style

    def _line_width(self, para: Any) -> float:
        """The width in twips of a paragraph's text set on one line; of its longest line
        when the source broke it (`<w:br/>`)."""
        base = self.fonts.get(self._style_of(para) or "", RunFont(DEFAULT_SIZE_PT, False, False))
        lines = [0.0]
        for run in para.iter(f"{W}r"):
            font = overlay_font(run.find(f"{W}rPr"), base)
            for el in run.iter(f"{W}t", f"{W}br"):
                if el.tag == f"{W}br":
                    lines.append(0.0)
                    continue
                lines[-1] += metrics.text_width_pt(
                    el.text or "", font.size_pt, bold=font.bold, italic=font.italic
                )
        return max(lines) * 20

    def _container_width(self, para: Any) -> int:
        cell = next(para.iterancestors(f"{W}tc"), None)
        if cell is None:
            return self.body_width
        width = cell.find(f"{W}tcPr/{W}tcW")
        table = next(cell.iterancestors(f"{W}tbl"))
        holders = [table.find(f"{W}tblPr/{W}tblCellMar")]
        margins = cell_margin(holders, "left") + cell_margin(holders, "right")
        return int(width.get(f"{W}w")) - margins if width is not None else self.body_width

    def _add_footnotes(self, parts: dict[str, bytes], texts: list[str]) -> None:
        """Append real Word footnotes (R-ND-FN), adding the footnotes part when missing."""
        if self.has_footnotes:
            root = etree.fromstring(parts["word/footnotes.xml"])
        else:
            root = etree.fromstring(_SEPARATORS)
            rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
            taken = {r.get("Id") for r in rels}
            rid = next(f"rIdFn{i}" for i in range(1, 1000) if f"rIdFn{i}" not in taken)
            etree.SubElement(
                rels,
                f"{{{REL_NS}}}Relationship",
                Id=rid,
                Type=FOOTNOTES_REL,
                Target="footnotes.xml",
            )
            parts["word/_rels/document.xml.rels"] = etree.tostring(
                rels, xml_declaration=True, encoding="UTF-8", standalone=True
            )
            types = etree.fromstring(parts["[Content_Types].xml"])
            etree.SubElement(
                types,
                f"{{{CT_NS}}}Override",
                PartName="/word/footnotes.xml",
                ContentType=FOOTNOTES_CT,
            )
            parts["[Content_Types].xml"] = etree.tostring(
                types, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        for number, text in enumerate(texts, start=self.first_footnote_id):
            root.append(
                etree.fromstring(
                    f'<w:footnote xmlns:w="{W_NS}" w:id="{number}"><w:p><w:pPr>'
                    '<w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
                    '<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                    f"{text_run(' ' + text)}</w:p></w:footnote>"
                )
            )
        parts["word/footnotes.xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )


def _unescape_tags(xml: str) -> str:
    """Entities inside Jinja tags as plain characters: a template saved by LibreOffice writes
    `{%p if p.role == &apos;heading&apos; %}`, which docxtpl's own clean-up misses."""
    return re.sub(
        r"(?<=\{[\{%])(.*?)(?=[\}%]\})", lambda m: html.unescape(m.group(0)), xml, flags=re.S
    )


_SEPARATORS = (
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
).encode()

#: pPr children that must come after w:ind (ECMA-376 CT_PPrBase sequence).
_AFTER_IND = {f"{W}{t}" for t in ("contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
              "cnfStyle", "rPr", "sectPr", "pPrChange")}  # fmt: skip


def _insert_ind(ppr: Any, ind: Any) -> None:
    for child in ppr:
        if child.tag in _AFTER_IND:
            child.addprevious(ind)
            return
    ppr.append(ind)


def _body_width(document_xml: str) -> int:
    """Text width of the last section of the body (page width less margins), in twips."""
    root = etree.fromstring(document_xml.encode("utf-8"))
    sect = root.find(f"{W}body/{W}sectPr")
    if sect is None:
        return 9355
    size, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    width = int(size.get(f"{W}w")) if size is not None else 11906
    left = int(mar.get(f"{W}left")) if mar is not None else 1701
    right = int(mar.get(f"{W}right")) if mar is not None else 851
    return width - left - right


_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org'
    '/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)


def _core_properties(xml: bytes | None, ctx: NoticeContext) -> bytes:
    """docProps/core.xml with the notice's title, trích yếu, issuing body and ký hiệu."""
    root = etree.fromstring(xml or _CORE.encode())
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    }
    number = ctx.number_line.removeprefix("Số: ").replace("\u00a0", "")
    values = {
        "dc:title": f"Dự thảo thông báo {number}" if ctx.is_draft else f"Thông báo {number}",
        "dc:subject": " ".join(ctx.subject.split("\n")),
        "dc:creator": " ".join(" ".join(ctx.agency_lines).split("\n")),
        "dc:language": "vi-VN",
        "dc:description": "",
        "cp:keywords": ctx.symbol,
    }
    for tag, value in values.items():
        prefix, local = tag.split(":")
        el = root.find(f"{{{ns[prefix]}}}{local}")
        if el is None:
            el = etree.SubElement(root, f"{{{ns[prefix]}}}{local}")
        el.text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: Parts that footnotes change (they may add the footnotes part itself).
_FOOTNOTE_PARTS = ("[Content_Types].xml", "word/_rels/document.xml.rels", "word/footnotes.xml")


def _zip(parts: dict[str, bytes], base: bytes = b"") -> bytes:
    """A zip of `parts`, appended to the already-compressed zip `base` when given."""
    import io

    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a" if base else "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


@lru_cache(maxsize=16)
def _compiled(path: str, mtime_ns: int, size: int) -> CompiledTemplate:
    return CompiledTemplate(Path(path))


def compile_template(template: Path) -> CompiledTemplate:
    """The compiled template at `template`, cached per process until the file changes."""
    template = Path(template).resolve()
    try:
        stat = template.stat()
    except OSError as exc:
        raise TemplateError(f"{template}: template not found") from exc
    return _compiled(str(template), stat.st_mtime_ns, stat.st_size)


def render_docx(ctx: NoticeContext, template: Path, out: Path) -> None:
    """Render one notice to `out` from a docxtpl `template`; raise TemplateError on failure."""
    data = compile_template(template).render(ctx)
    write_atomic(out, lambda tmp: tmp.write_bytes(data))
