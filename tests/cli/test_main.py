"""The `notice` command as a user runs it: exit codes, outputs, and what a failure leaves."""

from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main

from ..support.readback import NOTICES, docx_blocks

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_module_entry_point_shows_help():
    """`python -m generator --help` works and lists the commands."""
    out = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "render" in out and "validate" in out


def test_render_docx_only(tmp_path):
    """--format docx writes only DOCX files and leaves no temporary file."""
    result = run("render", NOTICES, "-o", tmp_path, "--format", "docx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{p.stem}.docx" for p in NOTICES.glob("*.yaml")] + ["manifest.json"]
    )


def test_render_pdf_only(tmp_path):
    """--format pdf writes only PDF files: the intermediate DOCX stays in a removed folder."""
    result = run("render", SEED, "-o", tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "manifest.json",
        "quang-ngai-07-tb-ubnd-2024.pdf",
    ]
    assert "1 notice(s): 1 rendered" in result.stdout


def test_broken_source_does_not_stop_the_batch(tmp_path):
    """One bad source: the others render, the bad one is named with its line, exit 1."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "good.yaml")
    (src / "bad.yaml").write_text(SEED.read_text("utf-8").replace("number: 7", "number: bảy"))
    out = tmp_path / "out"
    result = run("render", src, "-o", out, "--format", "docx")
    assert result.exit_code == 1
    assert f"{src / 'bad.yaml'}:9:9: number: must be a whole number" in result.stderr
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["good.docx", "manifest.json"]


@pytest.mark.ooxml_invalid("a corrupt template, on purpose")
def test_failed_render_keeps_the_previous_output(tmp_path):
    """A render that fails (here a corrupt template) leaves the earlier DOCX as it was."""
    assert run("render", SEED, "-o", tmp_path, "--format", "docx").exit_code == 0
    before = (tmp_path / f"{SEED.stem}.docx").read_bytes()
    bad_template = tmp_path / "bad.docx"
    bad_template.write_bytes(b"not a zip file")
    result = run("render", SEED, "-o", tmp_path, "--format", "docx", "--template", bad_template)
    assert result.exit_code == 1
    assert f"{bad_template}: cannot use this file as a DOCX template" in result.stderr
    assert (tmp_path / f"{SEED.stem}.docx").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bad.docx",
        "manifest.json",
        f"{SEED.stem}.docx",
    ]


HOSTILE = "A & B <w:t> \"q\" 'a' {{ x }} {% if 1 %}y{% endif %} {_{ z }_} {#c#} </w:p>"


def test_values_are_rendered_literally(tmp_path):
    """Markup, Jinja syntax and decomposed Unicode in values are printed as written (in NFC)."""
    decomposed = unicodedata.normalize("NFD", "Kết luận của Phó Chủ tịch")
    text = SEED.read_text("utf-8")
    text = text.replace("Đánh giá chung", HOSTILE.replace('"', '\\"').join('""'), 1)
    text = text.replace("subject: >-\n  Kết luận của Phó Chủ tịch", f"subject: >-\n  {decomposed}")
    source = tmp_path / "hostile.yaml"
    source.write_text(text, "utf-8")
    result = run("render", source, "-o", tmp_path, "--format", "docx")
    assert result.exit_code == 0, result.output
    body, _ = docx_blocks(tmp_path / "hostile.docx")
    assert f"I. {HOSTILE.upper()}" in body
    assert any(b.startswith("Kết luận của Phó Chủ tịch UBND") for b in body)
    assert all(unicodedata.is_normalized("NFC", b) for b in body)
    Document(str(tmp_path / "hostile.docx"))  # still a valid package


def test_validate_nothing_to_do_is_a_usage_error(tmp_path):
    """A folder without sources, or a path that does not exist, exits 2."""
    assert run("validate", tmp_path).exit_code == 2
    assert run("render", tmp_path / "missing", "-o", tmp_path).exit_code == 2


@pytest.mark.parametrize("fmt", ["pdf", "all"])
def test_render_without_libreoffice_fails_cleanly(tmp_path, monkeypatch, fmt):
    """No converter: exit 1 with what to install, no traceback, nothing written."""
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("NOTICE_SOFFICE", raising=False)
    out = tmp_path / "out"
    result = run("render", SEED, "-o", out, "--format", fmt)
    assert result.exit_code == 1
    assert "install LibreOffice" in result.stderr and "Traceback" not in result.output
    assert not out.exists() or not list(Path(out).glob("*.*df"))


@pytest.mark.parametrize(("mode", "checked"), [("none", 0), ("sample", 3), ("all", 6)])
def test_render_check_modes(tmp_path, mode, checked):
    """--check none|sample|all: how many notices the NĐ 30 checker looked at."""
    import json

    result = run("render", NOTICES, "-o", tmp_path, "--format", "docx", "--check", mode)
    assert result.exit_code == 0, result.output
    notices = json.loads((tmp_path / "manifest.json").read_text("utf-8"))["notices"]
    assert sum(n["checked"] for n in notices) == checked
