"""A server without Times New Roman: LibreOffice sets the PDF in Liberation Serif, its metric
twin (same widths, same line breaks). `notice check --accept-twin` (or NOTICE_ACCEPT_TWIN=1)
accepts that twin, so `--strict` passes on the demo PDFs made on Linux, and still fails on a
PDF whose body is in Arial."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import api
from generator.check.pdf_check import check_pdf, is_twin
from generator.cli import main

from ..support.readback import NOTICES, ROOT


def run(*args, env=None):
    return CliRunner().invoke(main, ["check", *map(str, args)], env=env)


def _pdfs(rendered) -> list[Path]:
    return [files["pdf"] for files in rendered.values()]


def test_demo_pdfs_are_set_in_the_twin(rendered):
    """Without the option, each demo PDF gets exactly one finding: the R-FONT warning naming
    Liberation Serif, so --strict fails on every correct PDF made here."""
    for pdf in _pdfs(rendered):
        (finding,) = check_pdf(pdf)
        assert (finding.rule, finding.severity) == ("R-FONT", "warning")
        assert "Liberation Serif" in finding.message
    assert run("--strict", *_pdfs(rendered)).exit_code == 1


@pytest.mark.parametrize("how", ["option", "environment"])
def test_strict_passes_on_the_demo_pdfs_with_the_twin_accepted(rendered, how):
    """--strict --accept-twin (or NOTICE_ACCEPT_TWIN=1): no finding, exit 0."""
    args = ["--strict", "--format", "json", *_pdfs(rendered)]
    if how == "option":
        result = run("--accept-twin", *args)
    else:
        result = run(*args, env={"NOTICE_ACCEPT_TWIN": "1"})
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def _arial_template(tmp_path: Path) -> Path:
    """The TB-UBND template with Arial wherever it names Times New Roman (styles and
    defaults): a template an office changed to Arial."""
    target = tmp_path / "arial.docx"
    with (
        zipfile.ZipFile(ROOT / "templates" / "tb-ubnd.docx") as zin,
        zipfile.ZipFile(target, "w") as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in ("word/styles.xml", "word/document.xml"):
                data = data.replace(b'"Times New Roman"', b'"Arial"')
            zout.writestr(item, data)
    return target


def test_strict_still_fails_on_an_arial_pdf(tmp_path):
    """A notice rendered to PDF from an Arial template (Arial here, or its own twin Liberation
    Sans, in the PDF) is an R-FONT error however the twin option is set."""
    source = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"
    report = api.render([source], tmp_path, template=_arial_template(tmp_path), check="none")
    assert report.ok, [(r.source, r.error) for r in report.failed]
    pdf = tmp_path / f"{source.stem}.pdf"
    errors = [f for f in check_pdf(pdf, accept_twins=True) if f.severity == "error"]
    assert {f.rule for f in errors} == {"R-FONT"}
    assert any(f.message.startswith("Nội dung dùng phông") for f in errors)
    assert not any(is_twin(f.text) for f in errors)
    for args in (["--accept-twin"], []):
        result = run("--strict", *args, pdf)
        assert result.exit_code == 1 and "R-FONT error" in result.stdout


@pytest.mark.parametrize(
    "family, twin",
    [("Liberation Serif", True), ("Tinos", True), ("Nimbus Roman", True),
     ("Times New Roman", False), ("Liberation Sans", False), ("Arial", False),
     ("DejaVu Serif", False)],
)  # fmt: skip
def test_only_metric_twins_of_times_new_roman_count(family, twin):
    """The twins are fonts with Times New Roman's widths; Times New Roman itself is not a
    substitute, and a sans or another serif is a wrong font."""
    assert is_twin(family) is twin
