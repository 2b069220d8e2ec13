"""The closing lines of the commands in the user's language: English with --lang en (and the
test locale), Vietnamese with --lang vi."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main

from ..support.readback import NOTICES

SOURCE = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


def run(lang: str, *args):
    return CliRunner().invoke(main, ["--lang", lang, *map(str, args)])


@pytest.mark.parametrize(
    "lang, expected", [("en", "6 of 6 source(s) valid\n"), ("vi", "6/6 tệp nguồn hợp lệ\n")]
)
def test_validate_summary(lang, expected):
    """`notice validate`: how many sources are valid."""
    assert run(lang, "validate", NOTICES).stdout == expected


@pytest.mark.parametrize(
    "lang, rendered, unchanged",
    [("en", "1 notice(s): 1 rendered\n", "1 notice(s): 1 unchanged\n"),
     ("vi", "1 thông báo: 1 đã kết xuất\n", "1 thông báo: 1 không đổi\n")],
)  # fmt: skip
def test_render_summary(tmp_path, lang, rendered, unchanged):
    """`notice render`: rendered, then unchanged on the second run."""
    args = ("render", SOURCE, "-o", tmp_path, "--format", "docx", "--check", "none")
    assert run(lang, *args).stdout == rendered
    assert run(lang, *args).stdout == unchanged


@pytest.mark.parametrize(
    "lang, summary, wrote",
    [("en", "0 error(s), 0 warning(s) in 1 file(s)\n", "wrote "),
     ("vi", "0 lỗi, 0 cảnh báo trong 1 tệp\n", "đã ghi ")],
)  # fmt: skip
def test_check_and_schema_lines(rendered, tmp_path, lang, summary, wrote):
    """`notice check` counts errors and warnings; `notice schema -o` says what it wrote."""
    docx = rendered["quang-ngai-07-tb-ubnd-2024"]["docx"]
    assert run(lang, "check", docx).stderr == summary
    out = tmp_path / "notice.schema.json"
    assert run(lang, "schema", "-o", out).stdout == f"{wrote}{out}\n"
