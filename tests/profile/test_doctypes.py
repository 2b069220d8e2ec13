"""The registry of document types and kinds: what it holds today, and that a new issuer or
document type is added through it alone (docs/architecture.md, recipe a)."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document

from generator.check.checker import check_docx
from generator.profile import doctypes
from generator.profile.doctypes import NOTICE, DocumentType, Kind
from generator.render.context import build_context
from generator.render.document import render_docx
from generator.source.notices import load_notice

from ..support.readback import NOTICES


@pytest.mark.parametrize(
    ("kind", "symbol", "template", "has_parent"),
    [("TB-VP", "TB-VP", "tb-vp.docx", True), ("TB-UBND", "TB-UBND", "tb-ubnd.docx", False)],
    ids=["TB-VP", "TB-UBND"],
)
def test_the_two_kinds_of_today(kind, symbol, template, has_parent):
    """TB-VP and TB-UBND: a Thông báo (THÔNG BÁO, TB), their template and header."""
    registered = doctypes.kind_of(kind)
    assert registered.doc_type == NOTICE == DocumentType("Thông báo", "THÔNG BÁO", "TB")
    assert (registered.symbol(), registered.template, registered.has_parent) == (
        symbol,
        template,
        has_parent,
    )
    assert doctypes.default_template(kind).name == template
    assert doctypes.default_template(kind).is_file()


@pytest.mark.parametrize(
    ("value", "expected"),
    [("TB-VP", True), ("TB-UBND", False), ("TB-XA", None), (["TB-VP"], None), (None, None)],
    ids=["vp", "ubnd", "unknown", "a-list", "missing"],
)
def test_needs_parent(value, expected):
    """Which kinds print a cơ quan chủ quản line (R-CQ-CQ, R-CQ-BH); None for a non-kind."""
    assert doctypes.needs_parent(value) is expected


def test_source_kinds_are_the_schema_enum():
    """The kinds a source may name are registered, in the order the schema lists them."""
    assert doctypes.SOURCE_KINDS == ("TB-VP", "TB-UBND", "TB")
    assert all(k in doctypes.KINDS for k in doctypes.SOURCE_KINDS)


def _template_with_title_from_registry(bundled, out):
    """A copy of a bundled template whose tên loại is `{{ doc_type }}`, as a new kind's own
    template would be written."""
    with zipfile.ZipFile(bundled) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace("THÔNG BÁO".encode(), b"{{ doc_type }}")
            copy.writestr(item, data)
    return out


def _text(path) -> list[str]:
    document = Document(str(path))
    cells = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    return [p.text for p in document.paragraphs] + cells


def test_a_toy_issuer_and_document_type_render_through_the_registry_alone(tmp_path, monkeypatch):
    """A Báo cáo of a xã, registered with one `Kind` and given its own template: the DOCX
    carries its title and ký hiệu, and the checker recognises both; nothing else changed."""
    report = DocumentType(name="Báo cáo", title="BÁO CÁO", abbreviation="BC")
    template = _template_with_title_from_registry(
        doctypes.default_template("TB-UBND"), tmp_path / "bc-xa.docx"
    )
    toy = Kind("BC-XA", report, "UBND", str(template), False, "UBND xã ban hành")
    monkeypatch.setitem(doctypes.KINDS, toy.name, toy)
    source = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"
    notice = load_notice(source).model_copy(update={"kind": "BC-XA"})
    out = tmp_path / "toy.docx"
    render_docx(build_context(notice), doctypes.template_for(notice, source), out)
    text = _text(out)
    assert "BÁO CÁO" in text and "THÔNG BÁO" not in text
    assert any(t.startswith("Số: 07/BC-UBND") for t in text), text
    assert doctypes.symbol_of(notice) == "BC-UBND"
    assert doctypes.template_for(notice, source) == template
    assert [f for f in check_docx(out) if f.rule in ("R-TL", "R-KH-1", "R-KH-FMT")] == []


def test_a_new_source_kind_gets_a_skeleton(monkeypatch):
    """`notice new --kind` of a kind added to the registry (and to the source kinds) writes a
    skeleton with its name, borrowing the examples of a kind with the same header."""
    from generator.source import scaffold

    toy = Kind("TB-XA", NOTICE, "UBND", "tb-ubnd.docx", False, "UBND xã ban hành")
    monkeypatch.setitem(doctypes.KINDS, toy.name, toy)
    monkeypatch.setattr(scaffold, "KINDS", (*doctypes.SOURCE_KINDS, toy.name))
    text = scaffold.skeleton_text("TB-XA", "../schema/notice.schema.json")
    assert "kind: TB-XA\n" in text
    assert "TB-XA (UBND xã ban hành)" in text
    assert "vì TB-XA không có dòng cơ quan chủ quản" in text
