"""Word-perfect files: the templates and every kind of DOCX the renderer and the draft mark
write pass openxml-audit (the Open XML SDK's schema and semantic checks) with no error, so
Word opens them without a repair prompt. (Every other DOCX the suite writes is checked too,
by the fixtures in conftest.py.)"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.shared import Pt

from generator import api
from generator.render.watermark import add_watermark, has_watermark

from ..support.ooxml import ooxml_errors
from ..support.readback import NOTICES, ROOT, template_with

TEMPLATES = sorted((ROOT / "templates").glob("*.docx"))
DRAFT = NOTICES / "bac-giang-tb-ubnd-2020-du-thao.yaml"


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_template_is_valid_ooxml(template):
    """templates/*.docx as `make templates` writes them."""
    assert ooxml_errors(template) == []


def test_rendered_notices_are_valid_ooxml(rendered):
    """Every notice of notices/, DOCX as rendered (the footnote of the draft included)."""
    for files in rendered.values():
        assert ooxml_errors(files["docx"]) == [], files["docx"]


def _long_draft(tmp_path: Path, copies: int) -> Path:
    """The Bắc Giang draft with its conclusions (footnote, three levels) repeated `copies`
    times: a body of many pages and as many footnotes."""
    source = yaml.safe_load(DRAFT.read_text("utf-8"))
    source["conclusions"] = source["conclusions"] * copies
    path = tmp_path / "long-draft.yaml"
    path.write_text(yaml.safe_dump(source, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _render_docx(source: Path, out: Path, **options) -> Path:
    report = api.render([source], out, ("docx",), check="none", **options)
    assert report.ok, [(r.source, r.problems, r.error) for r in report.failed]
    (result,) = report.results
    (docx,) = result.outputs
    return docx


def test_long_draft_with_footnotes_and_mark_is_valid_ooxml(tmp_path):
    """A 12-times longer draft: many pages, 12 footnotes, the "DỰ THẢO" mark in every
    header."""
    docx = _render_docx(_long_draft(tmp_path, 12), tmp_path / "out", watermark=True)
    data = docx.read_bytes()
    assert has_watermark(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("word/footnotes.xml").count(b"<w:footnote w:id=") == 12
    assert ooxml_errors(docx) == []


def _with_footnotes_part(template: Path, target: Path) -> Path:
    """A copy of `template` that already has a footnotes part (as a template saved by Word
    after a footnote was added and deleted), so the renderer appends to it."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
    )
    rel = (
        '<Relationship Id="rIdWordFn" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    )
    override = (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.footnotes+xml"/></Types>'
    )
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode())
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", override.encode())
            zout.writestr(item, data)
        zout.writestr("word/footnotes.xml", footnotes)
    return target


def _restyled(template: Path, target: Path) -> Path:
    """A copy of `template` as a clerk leaves it after changing styles in Word (saved here by
    python-docx): the body 13 pt, the Tiêu ngữ 13 pt, a paragraph of fixed text added."""
    document = Document(str(template))
    document.styles["TB Noi dung"].font.size = Pt(13)
    document.styles["TB Tieu ngu"].font.size = Pt(13)
    document.styles["TB Quoc hieu"].font.size = Pt(12)
    document.paragraphs[-1].insert_paragraph_before("Fixed text of the office.", "TB Noi dung")
    document.save(str(target))
    return target


CUSTOM = {
    "edited-tag": lambda tmp: template_with(tmp, "{{ subject }}", "{{ subject }} (mẫu riêng)"),
    "footnotes-part": lambda tmp: _with_footnotes_part(
        ROOT / "templates" / "tb-ubnd.docx", tmp / "fn.docx"
    ),
    "restyled": lambda tmp: _restyled(ROOT / "templates" / "tb-ubnd.docx", tmp / "restyled.docx"),
}


@pytest.mark.parametrize("name", sorted(CUSTOM))
def test_custom_template_renders_valid_ooxml(tmp_path, name):
    """Templates the tests make the way a clerk would: the template itself and the long
    draft rendered from it with the mark, both valid."""
    template = CUSTOM[name](tmp_path)
    assert ooxml_errors(template) == []
    docx = _render_docx(
        _long_draft(tmp_path, 3), tmp_path / "out", template=template, watermark=True
    )
    assert ooxml_errors(docx) == []


def test_mark_added_to_a_plain_document_is_valid_ooxml(tmp_path):
    """The draft mark on a document with no header at all and even/odd headers on: the
    headers it adds, their relationships and the picture are valid."""
    document = Document()
    document.settings.odd_and_even_pages_header_footer = True
    document.sections[0].different_first_page_header_footer = True
    document.add_paragraph("Dự thảo")
    for rid, rel in list(document.part.rels.items()):  # python-docx's stale Word 2010 copy
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rid)
    buffer = io.BytesIO()
    document.save(buffer)
    marked = tmp_path / "marked.docx"
    marked.write_bytes(add_watermark(buffer.getvalue()))
    with zipfile.ZipFile(marked) as archive:
        assert sum(n.startswith("word/header") for n in archive.namelist()) == 3
    assert ooxml_errors(marked) == []
