"""Hostile input, hostile templates and faults: a clean error or a correct document, never a
traceback, a half-written file or a LibreOffice left running."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import api
from generator.cli.main import main
from generator.convert.backends import find_soffice
from generator.convert.base import is_pdf
from generator.convert.libreoffice import LibreOfficeConverter
from generator.errors import SourceError, TemplateError

from ..support.readback import NOTICES, docx_blocks, template_with
from ..support.soffice_gate import make_gate

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        pytest.param("{{ subject.__class__.__mro__ }}", "unsafe", id="class-mro"),
        pytest.param("{{ number_line.__init__.__globals__ }}", "unsafe", id="globals"),
        pytest.param("{{ cycler.__init__.__globals__.os }}", "unsafe", id="os-module"),
        pytest.param("{% include '/etc/passwd' %}", "/etc/passwd", id="include-file"),
        pytest.param("{{ 1 / 0 }}", "ZeroDivisionError", id="python-error"),
        pytest.param("{{ undefined_name }}", "'undefined_name' is undefined", id="strict"),
    ],
)
def test_hostile_template_is_stopped(tmp_path, tag, message):
    """The sandbox refuses internals and files; the message names the template; no output."""
    template = template_with(tmp_path, "THÔNG BÁO", tag)
    report = api.render([SEED], tmp_path / "out", ("docx",), template=template)
    (result,) = report.results
    assert result.error is not None and str(template) in result.error
    assert message in result.error.lower() or message in result.error
    assert list((tmp_path / "out").glob("*.docx")) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("/etc/passwd", "name the template relative to this file"),
        ("C:/Windows/x.docx", "name the template relative to this file"),
        ("../../etc/passwd", "a template is a .docx file"),
    ],
)
def test_template_paths_in_sources_are_restricted(tmp_path, value, message):
    """A source names a template relative to itself, and only a .docx."""
    source = tmp_path / "x.yaml"
    source.write_text(SEED.read_text("utf-8") + f"template: {value}\n", "utf-8")
    with pytest.raises(SourceError, match=re.escape(message)):
        api.load_notice(source)


def test_missing_relative_template_is_a_clean_error(tmp_path):
    """`template: ../missing.docx` fails that notice with the resolved path named."""
    source = tmp_path / "x.yaml"
    source.write_text(SEED.read_text("utf-8") + "template: ../missing.docx\n", "utf-8")
    (result,) = api.render([source], tmp_path / "out", ("docx",)).results
    assert result.error == f"{(tmp_path.parent / 'missing.docx').resolve()}: template not found"


# -- values: anything a person can type is rendered literally, or refused with its place ---

TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=60
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=TEXT)
def test_any_subject_renders_literally_or_is_refused(tmp_path, value):
    """Hypothesis: a random trích yếu renders as written (NFC, spaces folded) or is refused
    with file, line and field; never a traceback, never a broken DOCX."""
    source = tmp_path / "x.yaml"
    quoted = value.replace("\\", "\\\\").replace('"', '\\"')
    quoted = "".join(c if c.isprintable() or c == " " else f"\\U{ord(c):08x}" for c in quoted)
    text = SEED.read_text("utf-8")
    text = re.sub(r"subject: >-\n(  .*\n)+", lambda m: f'subject: "{quoted}"\n', text)
    source.write_text(text, "utf-8")
    out = tmp_path / "out"
    try:
        (result,) = api.render([source], out, ("docx",), force=True).results
    except Exception as exc:  # pragma: no cover - the property is that this never happens
        raise AssertionError(f"{value!r} crashed the render: {exc!r}") from exc
    if result.problems:
        assert all(str(p).startswith(f"{source}:") for p in result.problems)
        assert any(p.field == "subject" for p in result.problems), result.problems
        return
    assert result.error is None, result.error
    expected = re.sub(r"\s+", " ", unicodedata.normalize("NFC", value)).strip()
    body, _ = docx_blocks(out / "x.docx")
    assert expected in body
    Document(str(out / "x.docx"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("A\x07B", "control character U+0007", id="bell"),
        pytest.param("A\x0cB", "control character U+000C", id="form-feed"),
        pytest.param("Th«ng b¸o kÕt luËn", "legacy TCVN3 encoding", id="tcvn3"),
        pytest.param("Thoâng baùo keát luaän ñoàng", "legacy VNI encoding", id="vni"),
        pytest.param("   ", "must not be empty", id="blank"),
    ],
)
def test_bad_text_is_refused_with_its_place(tmp_path, value, message):
    """Control characters, legacy encodings and blanks are named with file, line and field."""
    source = tmp_path / "x.yaml"
    escaped = value.encode("unicode_escape").decode().replace('"', '\\"')
    text = re.sub(
        r"subject: >-\n(  .*\n)+", lambda m: f'subject: "{escaped}"\n', SEED.read_text("utf-8")
    )
    source.write_text(text, "utf-8")
    with pytest.raises(SourceError) as caught:
        api.load_notice(source)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (11, "subject") and message in problem.message


def test_ten_megabyte_string_is_refused_before_parsing(tmp_path):
    """A 10 MB value is over the source size limit: refused by size, before parsing."""
    source = tmp_path / "big.yaml"
    source.write_text(SEED.read_text("utf-8") + "closing: " + "a" * 10_000_000 + "\n", "utf-8")
    with pytest.raises(SourceError, match="file is larger than 2,000,000 bytes"):
        api.load_notice(source)


# -- faults ------------------------------------------------------------------------------------


@contextlib.contextmanager
def _tmpfs(path: Path, options: str):
    path.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def test_read_only_output_folder(tmp_path):
    """A read-only OUT: exit 1 with the reason, no traceback."""
    with _tmpfs(tmp_path / "ro", "ro,size=1m") as out:
        result = CliRunner().invoke(main, ["render", str(SEED), "-o", str(out), "--format", "docx"])
    assert result.exit_code == 1
    assert result.stderr == f"error: {out}: cannot write here: Read-only file system\n"


def test_disk_full_leaves_whole_files_or_none(tmp_path):
    """The disk fills up mid-batch: the notices that fit are whole, the others fail cleanly."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(12):  # ≈ 20 KB a DOCX: about 8 fit
        shutil.copy(SEED, src / f"n{i}.yaml")
    with _tmpfs(tmp_path / "small", "size=160k") as out:
        result = CliRunner().invoke(main, ["render", str(src), "-o", str(out), "--format", "docx"])
        assert result.exit_code == 1, result.output
        assert "No space left on device" in result.stderr and "Traceback" not in result.output
        written = list(out.glob("*.docx"))
        assert 0 < len(written) < 12
        for docx in written:
            Document(str(docx))  # whole, not truncated
        assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_pdfs_finished_before_a_crash_are_kept(rendered, tmp_path):
    """LibreOffice killed right after its first PDF: that PDF stays as it was written (not
    converted again), the files after it are retried alone, and every PDF is whole."""
    src = rendered["bac-giang-tb-ubnd-2020-du-thao"]["docx"]
    docx = [shutil.copy(src, tmp_path / f"n{i}.docx") for i in range(6)]
    out = tmp_path / "out"
    out.mkdir()
    # soffice stops after two PDFs and waits: the first is reported (the second has
    # appeared) while it is certainly still running, whatever the machine's speed
    gate = make_gate(tmp_path / "gate", find_soffice(), pause_after=2)
    first: dict[int, int] = {}

    def on_done(index, outcome) -> None:
        if not first:
            first[index] = outcome.stat().st_ino
            (paused,) = gate.wait_for("paused")
            os.kill(paused["pid"], signal.SIGKILL)  # LibreOffice dies mid-batch

    outcomes = LibreOfficeConverter(str(gate.executable), workers=1).convert(docx, out, on_done)
    assert all(isinstance(o, Path) and is_pdf(o) for o in outcomes), outcomes
    ((index, inode),) = first.items()
    assert index == 0 and outcomes[index].stat().st_ino == inode
    # the two whole PDFs were kept; the four files not converted were converted again, alone
    assert [e["files"] for e in gate.events() if e["event"] == "start"] == [6, 1, 1, 1, 1]


def test_libreoffice_killed_mid_batch_is_retried(rendered, tmp_path):
    """LibreOffice dies during a batch: each file is retried alone; every PDF whole."""
    docx = [files["docx"] for files in rendered.values()]
    out = tmp_path / "out"
    out.mkdir()
    gate = make_gate(tmp_path / "gate", find_soffice(), pause_after=1)

    def killer() -> None:
        (paused,) = gate.wait_for("paused")  # one PDF written, the batch not finished
        os.kill(paused["pid"], signal.SIGKILL)

    thread = threading.Thread(target=killer)
    thread.start()
    outcomes = LibreOfficeConverter(str(gate.executable), workers=1).convert(docx, out)
    thread.join()
    assert all(isinstance(o, Path) and is_pdf(o) for o in outcomes), outcomes
    starts = [e["files"] for e in gate.events() if e["event"] == "start"]
    assert starts == [len(docx)] + [1] * (len(docx) - 1)  # the first PDF, whole, was kept
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_broken_xml_from_a_template_is_a_template_error(tmp_path):
    """A template whose tags produce broken XML is reported, and nothing is written."""
    template = template_with(tmp_path, "THÔNG BÁO", "{{ '&lt;/w:t&gt;&lt;w:p&gt;' | safe }}")
    with pytest.raises(TemplateError, match="renders to broken XML"):
        from generator.render.context import build_context
        from generator.render.document import render_docx

        render_docx(build_context(api.load_notice(SEED)), template, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
