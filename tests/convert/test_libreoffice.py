"""The PDF converters, run for real: LibreOffice batches, timeouts and missing outputs."""

from __future__ import annotations

import shutil

import pytest

from generator.convert.backends import default_converter, find_soffice
from generator.convert.base import is_pdf
from generator.convert.libreoffice import LibreOfficeConverter
from generator.errors import ConversionError, ConverterMissingError

from ..support.readback import processes, wait_until
from ..support.soffice_gate import make_gate


def _soffice() -> str:
    soffice = find_soffice()
    assert soffice, "LibreOffice is not installed: run `make setup`"
    return soffice


def test_default_converter_on_linux_is_libreoffice():
    """Linux uses LibreOffice, never docx2pdf (which needs Microsoft Word)."""
    assert default_converter().name == "libreoffice"
    with pytest.raises(ConverterMissingError, match="only on Windows and macOS"):
        default_converter("word")


def test_missing_libreoffice_names_what_to_install(monkeypatch, tmp_path):
    """With no soffice anywhere, the error says which packages to install."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("NOTICE_SOFFICE", raising=False)
    with pytest.raises(ConverterMissingError, match="apt-get install libreoffice-writer-nogui"):
        default_converter()


def test_batch_converts_and_checks_every_file(rendered, tmp_path):
    """A batch gives one whole PDF per DOCX, and leaves no work folder or process behind."""
    docx = [files["docx"] for files in rendered.values()]
    done = []
    pdfs = LibreOfficeConverter(_soffice(), workers=2).convert(
        docx, tmp_path, lambda i, outcome: done.append(i)
    )
    assert sorted(done) == list(range(len(docx)))
    assert [p.name for p in pdfs] == [d.with_suffix(".pdf").name for d in docx]
    assert all(is_pdf(p) for p in pdfs)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in pdfs)
    assert not processes(str(tmp_path))


def test_pdfs_arrive_while_the_batch_runs(rendered, tmp_path):
    """Each PDF is moved to OUT and reported as soon as it is whole, not when the batch of
    soffice ends: the progress bar moves, and what is finished survives a later crash."""
    src = rendered["bac-giang-tb-ubnd-2020-du-thao"]["docx"]  # three pages: ≈ 0.1 s each
    docx = [shutil.copy(src, tmp_path / f"n{i}.docx") for i in range(20)]
    out = tmp_path / "out"
    out.mkdir()
    # soffice converts 10 files, then waits for the gate, opened only once 9 PDFs have been
    # reported: a pool that reported at the end of the batch would never open it (exit 3)
    gate = make_gate(tmp_path / "gate", _soffice(), pause_after=10)
    reported = []

    def on_done(index, outcome) -> None:
        assert is_pdf(outcome) and outcome.parent == out
        reported.append(index)
        if len(reported) == 9:
            assert not gate.opened.exists()  # reported while the batch is held
            gate.open()

    outcomes = LibreOfficeConverter(str(gate.executable), workers=1).convert(docx, out, on_done)
    assert all(is_pdf(p) for p in outcomes) and sorted(reported) == list(range(20))
    assert [e["event"] for e in gate.events()] == ["start", "paused", "resumed"]


@pytest.mark.ooxml_invalid("a broken DOCX, on purpose")
def test_unreadable_docx_is_reported_not_silently_dropped(rendered, tmp_path):
    """LibreOffice exits 0 without a PDF for a broken file; we name the file instead."""
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    good = shutil.copy(rendered["quang-ngai-07-tb-ubnd-2024"]["docx"], tmp_path / "good.docx")
    out = tmp_path / "out"
    out.mkdir()
    outcomes = LibreOfficeConverter(_soffice(), workers=1).convert([good, broken], out)
    assert outcomes[0] == out / "good.pdf" and is_pdf(outcomes[0])
    assert isinstance(outcomes[1], ConversionError)
    assert str(outcomes[1]).startswith("broken.docx: LibreOffice (exit 0) wrote no valid PDF")
    assert sorted(p.name for p in out.iterdir()) == ["good.pdf"]


def test_timeout_kills_the_whole_process_group(rendered, tmp_path):
    """A conversion past its hard timeout is killed with every child process."""
    converter = LibreOfficeConverter(_soffice(), timeout=0.3, per_file=0)
    docx = rendered["quang-ngai-07-tb-ubnd-2024"]["docx"]
    (outcome,) = converter.convert([docx], tmp_path)
    assert isinstance(outcome, ConversionError)  # not killed: the file would be converted
    assert "did not finish 1 file(s) in 0 s; killed" in str(outcome)
    assert wait_until(lambda: not processes(str(tmp_path)), 30)
    assert list(tmp_path.iterdir()) == []


def test_is_pdf_rejects_truncated_files(rendered, tmp_path):
    """A PDF cut short (no %%EOF) is not taken for a valid output."""
    data = rendered["quang-ngai-07-tb-ubnd-2024"]["pdf"].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    assert is_pdf(rendered["quang-ngai-07-tb-ubnd-2024"]["pdf"]) and not is_pdf(cut)
