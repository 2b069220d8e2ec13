"""Templates without limits (issue 16): every hostile template ends in a clear error naming
the template, within seconds and a bounded memory, with no output; a hostile DOCX package is
refused before use."""

from __future__ import annotations

import os
import resource
import time
import zipfile
from pathlib import Path

import pytest

from generator import api
from generator.render import limits

from ..support.readback import NOTICES, ROOT, template_with

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"
LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}BODY{% endfor %}{% endfor %}"


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        pytest.param("{% for i in range(10**9) %}{% endfor %}", "Range too big", id="range"),
        pytest.param(LOOPS.replace("BODY", ""), "took longer than 1 s", id="nested-loops-time"),
        pytest.param(
            LOOPS.replace("BODY", "{{ 'x' * 1000 }}"), "prints more than", id="nested-loops-output"
        ),
        pytest.param("{{ 'x' * 4000000000 }}", "repetition", id="string-repetition"),
        pytest.param("{{ ['x'] * 4000000000 }}", "repetition", id="list-repetition"),
        pytest.param("{{ 10 ** 100000000 }}", "power", id="power"),
        pytest.param("{{ '%999999999s' % 'x' }}", "format width", id="percent-format"),
        pytest.param("{{ '{:>999999999}'.format('x') }}", "format width", id="str-format"),
        pytest.param("{{ 'x'|center(4000000000) }}", "center", id="center-filter"),
        pytest.param("{{ 'x'|indent(4000000000) }}", "indent", id="indent-filter"),
        pytest.param("{{ ('x' * 4000000)|replace('x', 'yyyy') }}", "replace", id="replace"),
        pytest.param(
            "{{ (['x' * 4000000] * 1000)|join }}", "join", id="join-filter"
        ),
        pytest.param("{{ 'x'.ljust(4000000000) }}", "argument", id="method-width"),
        pytest.param(
            "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}"
            "{% endmacro %}{{ d('x', 40) }}", "longer than", id="macro-doubling",
        ),
        pytest.param("{{ lipsum }}", "undefined", id="lipsum"),
        pytest.param("{{ cycler }}", "undefined", id="cycler"),
        pytest.param("{{ range }}", "cannot print a function", id="print-function"),
        pytest.param("{{ agency_lines }}", "cannot print a list", id="print-list"),
        pytest.param("{{ range.__globals__ }}", "unsafe", id="range-globals"),
    ],
)
def test_hostile_template_ends_in_a_clear_error(tmp_path, monkeypatch, tag, message):
    """A clear error naming the template, in seconds and a bounded memory; no output."""
    monkeypatch.setattr(limits, "TIME_LIMIT_S", 1.0)
    template = template_with(tmp_path, "THÔNG BÁO", tag)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    (result,) = api.render([SEED], tmp_path / "out", ("docx",), template=template).results
    assert time.monotonic() - started < 60  # a hang bound, not a speed test
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 500
    assert result.error is not None and str(template) in result.error, result.error
    assert message in result.error, result.error
    assert "Traceback" not in result.error
    assert list((tmp_path / "out").glob("*.docx")) == []


def test_time_limit_leaves_nothing_pending(monkeypatch, tmp_path):
    """After a stopped render the next one in the same thread runs normally."""
    monkeypatch.setattr(limits, "TIME_LIMIT_S", 0.5)
    template = template_with(tmp_path, "THÔNG BÁO", LOOPS.replace("BODY", ""))
    (first,) = api.render([SEED], tmp_path / "a", ("docx",), template=template).results
    assert "took longer than" in first.error
    (second,) = api.render([SEED], tmp_path / "b", ("docx",)).results
    assert second.ok and (tmp_path / "b" / f"{SEED.stem}.docx").is_file()
    time.sleep(1.0)  # a late watchdog would raise here


def _package(path: Path, extra: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> Path:
    with (
        zipfile.ZipFile(ROOT / "templates" / "tb-ubnd.docx") as zin,
        zipfile.ZipFile(path, "w", compression) as zout,
    ):
        for item in zin.infolist():
            zout.writestr(item, zin.read(item.filename))
        for name, data in extra.items():
            zout.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param({"../../x": b"x"}, "entry name '../../x'", id="climbing-name"),
        pytest.param({"/etc/x": b"x"}, "entry name '/etc/x'", id="absolute-name"),
        pytest.param({f"word/a{i}.xml": b"" for i in range(1001)}, "more than 1000 parts",
                     id="too-many-parts"),
        pytest.param({"word/media/big.bin": b"\0" * (101 * 2**20)}, "uncompressed",
                     id="bomb"),
    ],
)
@pytest.mark.ooxml_invalid("hostile packages, refused by this test before any use")
def test_hostile_template_package_is_refused(tmp_path, extra, message):
    """Entry names, part count and uncompressed size are checked before the package is used."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name it writes
        template = _package(tmp_path / "t.docx", extra)
    assert template.stat().st_size < 2 * 2**20
    (result,) = api.render([SEED], tmp_path / "out", ("docx",), template=template).results
    assert result.error is not None and str(template) in result.error
    assert message in result.error, result.error
    assert list((tmp_path / "out").glob("*.docx")) == []


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink-to-dev-zero", "folder"])
def test_special_file_as_template_is_refused(tmp_path, kind):
    """A FIFO, /dev/zero (or a symlink to it) or a folder as --template: refused unread."""
    template = tmp_path / "t.docx"
    if kind == "fifo":
        os.mkfifo(template)
    elif kind == "dev-zero":
        template = Path("/dev/zero")
    elif kind == "symlink-to-dev-zero":
        template.symlink_to("/dev/zero")
    else:
        template.mkdir()
    started = time.monotonic()
    (result,) = api.render([SEED], tmp_path / "out", ("docx",), template=template).results
    assert time.monotonic() - started < 30
    assert result.error is not None and "not a regular file" in result.error, result.error


def test_bundled_templates_pass_the_package_check():
    """The bundled templates are well inside every limit."""
    for template in sorted((ROOT / "templates").glob("*.docx")):
        with zipfile.ZipFile(template) as archive:
            limits.check_package(archive, str(template))


@pytest.mark.ooxml_invalid("hostile packages, refused by this test before any use")
@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero", "bomb"])
def test_template_check_refuses_a_hostile_file(tmp_path, kind):
    """`notice template check` on a pipe, /dev/zero or a zip bomb: exit 1 in seconds, the
    file and the cause named."""
    import subprocess
    import sys

    template = tmp_path / "t.docx"
    if kind == "fifo":
        os.mkfifo(template)
    elif kind == "symlink-to-dev-zero":
        template.symlink_to("/dev/zero")
    else:
        _package(template, {"word/media/big.bin": b"\0" * (101 * 2**20)})
    run = subprocess.run(
        [sys.executable, "-m", "generator", "--lang", "en", "template", "check", str(template)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    why = "uncompressed" if kind == "bomb" else "not a regular file"
    assert str(template) in run.stderr and why in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
