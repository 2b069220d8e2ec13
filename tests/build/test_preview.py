"""`notice preview`: one PNG per PDF page, drawn by the real pdftoppm."""

from __future__ import annotations

import struct
import subprocess

import pytest
from click.testing import CliRunner

from generator.build.preview import PreviewError, page_images
from generator.cli import main

from ..support.readback import NOTICES

SOURCE = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


def png_size(path) -> tuple[int, int]:
    """Width and height of a PNG, from its IHDR chunk."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def pdf_pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line for line in out.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


@pytest.mark.parametrize("stem", ["quang-ngai-07-tb-ubnd-2024", "quang-ngai-1730-tb-vp-2020"])
def test_one_png_per_page(rendered, tmp_path, stem):
    """As many A4 PNGs as the PDF has pages, named <prefix>-<page>.png, page 1 first."""
    pdf = rendered[stem]["pdf"]
    pages = page_images(pdf, tmp_path / "shots" / stem, dpi=50)
    assert [p.name for p in pages] == [f"{stem}-{n}.png" for n in range(1, pdf_pages(pdf) + 1)]
    for page in pages:
        width, height = png_size(page)
        assert (round(width / 50 * 25.4), round(height / 50 * 25.4)) == (210, 297)
    assert sorted(p.name for p in (tmp_path / "shots").iterdir()) == [p.name for p in pages]


def test_pages_are_drawn_as_from_the_pdf_itself(rendered, tmp_path):
    """pdftoppm is given a copy whose output intent it ignores: the pixels are the same as
    those it draws from the PDF as written."""
    pdf = rendered["quang-ngai-07-tb-ubnd-2024"]["pdf"]
    ours = page_images(pdf, tmp_path / "ours" / "p", dpi=40)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "direct")],
                   check=True)  # fmt: skip
    direct = sorted(tmp_path.glob("direct-*.png"))
    assert len(direct) == len(ours) > 1
    assert [p.read_bytes() for p in ours] == [p.read_bytes() for p in direct]


def test_preview_command_prints_the_png_paths(tmp_path):
    """`notice preview SOURCE -o x.png` renders the PDF and prints x-1.png, x-2.png, …"""
    out = tmp_path / "x.png"
    result = CliRunner().invoke(main, ["preview", str(SOURCE), "-o", str(out), "--dpi", "40"])
    assert result.exit_code == 0, result.output
    printed = result.stdout.splitlines()
    assert printed == [str(tmp_path / f"x-{n}.png") for n in range(1, len(printed) + 1)]
    assert len(printed) >= 2 and all(png_size(tmp_path / p) for p in printed)
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"x-{n}.png" for n in range(1, 3)]


def test_preview_of_a_broken_source_lists_its_problems(tmp_path):
    """A source that does not validate: its problems, exit 1, no image."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(SOURCE.read_text("utf-8").replace("number: 7", "number: bảy"), "utf-8")
    result = CliRunner().invoke(main, ["preview", str(bad), "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 1
    assert f"{bad}:9:9: number: must be a whole number" in result.stderr
    assert not list(tmp_path.glob("*.png"))


def test_missing_pdftoppm_is_named(rendered, tmp_path, monkeypatch):
    """Without pdftoppm on PATH the error says what to install."""
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PreviewError, match="install poppler-utils"):
        page_images(rendered["quang-ngai-07-tb-ubnd-2024"]["pdf"], tmp_path / "x")
