"""Shared fixtures: the notices in notices/ rendered once per session with real LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import api

from .support.ooxml import exempt, invalid_docx
from .support.readback import NOTICES


def pytest_report_header(config) -> list[str]:
    """The engines the results hold for, at the top of every run's output."""
    from generator.convert.backends import find_soffice
    from generator.convert.base import package_version
    from generator.convert.libreoffice import libreoffice_version

    soffice = find_soffice()
    office = f"{libreoffice_version(soffice)} ({soffice})" if soffice else "NOT FOUND"
    packages = ", ".join(package_version(n) for n in ("docxtpl", "python-docx", "pyHanko"))
    return [f"LibreOffice: {office}", f"packages: {packages}"]


@pytest.fixture(scope="session")
def rendered(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """Every source in notices/ rendered to DOCX and PDF: {stem: {"docx": …, "pdf": …}}."""
    out = tmp_path_factory.mktemp("rendered")
    report = api.render([NOTICES], out)
    assert report.ok, [(r.source, r.problems, r.error) for r in report.failed]
    return {r.source.stem: {p.suffix[1:]: p for p in r.outputs} for r in report.results}


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch):
    """Tests read the English messages unless they ask for --lang vi."""
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "ooxml_invalid(reason): the test writes a DOCX that is broken on purpose"
    )


@pytest.fixture(autouse=True)
def _written_docx_are_valid_ooxml(request):
    """Every DOCX a test writes in its tmp_path passes openxml-audit with no error."""
    folder = request.getfixturevalue("tmp_path") if "tmp_path" in request.fixturenames else None
    mark = request.node.get_closest_marker("ooxml_invalid")
    if folder is not None and mark is not None:
        exempt(folder, mark.args[0])
    yield
    if folder is not None and mark is None:
        exempt(folder, "judged by its own test")
        invalid = invalid_docx(folder, everything=True)
        assert not invalid, f"DOCX files that are not valid OOXML: {invalid}"


@pytest.fixture(scope="session", autouse=True)
def _all_written_docx_are_valid_ooxml(tmp_path_factory):
    """At the end, every DOCX written anywhere in the session's temporary folders (the
    session and module fixtures' too) passes openxml-audit, unless exempt with a reason."""
    yield
    invalid = invalid_docx(tmp_path_factory.getbasetemp())
    assert not invalid, f"DOCX files that are not valid OOXML: {invalid}"
