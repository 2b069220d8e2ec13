"""Warnings of `notice validate`: the địa danh rule of the issuer's level and the 2025 map,
placed at their line and field, in Vietnamese by default; silent on the notices of 2020."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.source.review import load_reviewed

from ..support.readback import NOTICES

Q07 = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


@pytest.mark.parametrize("source", sorted(NOTICES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_examples_have_no_warning(source):
    """Every notice of notices/ (2020, 2024, and the Sở, xã and Bộ of 2025–2026) is clean."""
    _, warnings = load_reviewed(source)
    assert warnings == []


def _dated_2026(tmp_path, *changes: tuple[str, str]):
    text = Q07.read_text("utf-8").replace("date: 2024-01-05", "date: 2026-01-05")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "x.yaml"
    path.write_text(text, "utf-8")
    return path


def test_a_2026_notice_naming_the_districts_is_warned_at_its_line(tmp_path):
    """The Quảng Ngãi notice moved to 2026: its recipient line "UBND các huyện, thị xã, thành
    phố" gets a warning at its own line; the same text in 2024 gets none."""
    path = _dated_2026(tmp_path)
    _, warnings = load_reviewed(path)
    line = path.read_text("utf-8").splitlines().index("  - UBND các huyện, thị xã, thành phố") + 1
    assert [(w.line, w.field) for w in warnings] == [(line, "recipients[3]")]
    assert load_reviewed(Q07)[1] == []


def test_the_dia_danh_rule_is_warned(tmp_path):
    """A provincial body whose địa danh is not its province."""
    path = _dated_2026(tmp_path, ("place: Quảng Ngãi", "place: Đức Phổ"),
                       ("  - UBND các huyện, thị xã, thành phố\n", ""))  # fmt: skip
    _, warnings = load_reviewed(path)
    assert [w.message for w in warnings] == [
        "the địa danh of a ubnd-tinh is its province, «Quảng Ngãi» (NĐ 30, Phụ lục I)"
    ]


def test_validate_prints_warnings_in_vietnamese_and_strict_fails(tmp_path):
    """Exit 0 with the warnings printed; `--strict` makes them fail (exit 1)."""
    path = _dated_2026(tmp_path, ("TỈNH QUẢNG NGÃI]", "TỈNH KON TUM]"),
                       ("place: Quảng Ngãi", "place: Kon Tum"))  # fmt: skip
    run = CliRunner().invoke(main, ["--lang", "vi", "validate", str(path)])
    assert run.exit_code == 0, run.stderr
    lines = run.stderr.splitlines()
    assert f"{path}:7:27: agency.name[1]: cảnh báo: tỉnh Kon Tum không còn từ ngày 01/7/2025 " \
        "(NQ 202/2025/QH15): nay thuộc tỉnh Quảng Ngãi" in lines
    assert any(":8:8: place: cảnh báo: tỉnh Kon Tum không còn" in line for line in lines)
    assert any("cảnh báo: «huyện, thị xã»: từ ngày 01/7/2025 không còn cấp huyện" in line
               for line in lines)  # fmt: skip
    strict = CliRunner().invoke(main, ["--lang", "vi", "validate", "--strict", str(path)])
    assert strict.exit_code == 1 and "0/1 tệp nguồn hợp lệ" in strict.stdout


def test_render_prints_the_warnings_too(tmp_path):
    """`notice render` reports the same warnings (the notice is still rendered, exit 0)."""
    path = _dated_2026(tmp_path)
    run = CliRunner().invoke(
        main, ["--lang", "vi", "render", str(path), "-o", str(tmp_path / "out"), "--format", "docx"]
    )
    assert run.exit_code == 0, run.output
    assert "recipients[3]: cảnh báo: «huyện, thị xã»: từ ngày 01/7/2025 không còn cấp huyện" \
        in run.stderr
    assert (tmp_path / "out" / "x.docx").is_file()
