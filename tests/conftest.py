"""Shared fixtures: the notices in notices/ rendered once per session with real LibreOffice."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import api

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
