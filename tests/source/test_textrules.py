"""`validate` says what `check` would say: each text-rule breach of the issue's list makes
`validate` exit 1 naming file, line, column, field and rule, and `render` refuse the source."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from generator.cli.main import main

from ..support.readback import NOTICES

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"
SUBJECT = (
    "subject: >-\n  Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Văn Hùng tại cuộc họp về công tác "
    "chuẩn bị\n  Tết Nguyên đán Giáp Thìn năm 2024\n"
)
HEADING = "  - heading: Đánh giá chung\n"
ARCHIVE = "archive:\n  units: KGVX\n  copies: 2\n  drafter: Hùng\n  issued_copies: 40\n"

#: (id, [(old, new)], field, rule): one breach each, as the issue lists them.
GAPS = [
    ("lưu-as-recipient", [("  - Các sở, ban, ngành thuộc UBND tỉnh\n",
                           "  - Các sở, ban, ngành thuộc UBND tỉnh\n  - \"Lưu: VT, KGVX\"\n")],
     "recipients[2]", "R-NN-LUU"),
    ("no-archive", [(ARCHIVE, "")], "", "R-NN-LUU"),
    ("subject-in-capitals", [(SUBJECT, "subject: KẾT LUẬN CỦA PHÓ CHỦ TỊCH UBND TỈNH\n")],
     "subject", "R-TY"),
    ("nhu-tren-without-kinh-gui", [("  - Các sở, ban, ngành thuộc UBND tỉnh\n",
                                    "  - Như trên\n")], "recipients[1]", "R-NN-1"),
    ("typed-roman", [(HEADING, "  - heading: I. Đánh giá chung\n")],
     "conclusions[0].heading", "R-ND-PMK"),
    ("typed-decimal", [("      - heading: Bảo đảm an sinh xã hội\n",
                        "      - heading: 1. Bảo đảm an sinh xã hội\n")],
     "conclusions[1].children[0].heading", "R-ND-PMK"),
    ("bidi-override", [(HEADING, "  - heading: Đánh giá \u202eevil\u202c chung\n")],
     "conclusions[0].heading", "R-FONT"),
    ("zero-width", [(HEADING, "  - heading: Đánh\u200b giá chung\n")],
     "conclusions[0].heading", "R-FONT"),
    ("long-word", [(SUBJECT, "subject: Kết luận " + "a" * 10_000 + "\n")], "subject", "R-TY"),
    ("29-digits", [("number: 7\n", "number: 12345678901234567890123456789\n")], "number",
     "R-SO-1"),
    ("year-0001", [("date: 2024-01-05\n", "date: 0001-01-05\n")], "date", "R-DATE-1"),
    ("meeting-year-0001", [("  date: 2024-01-03\n", "  date: 0001-01-03\n")], "meeting.date",
     "R-DATE-1"),
    ("flow-split", [(HEADING + "    paragraphs:\n", HEADING + "    paragraphs: [Các sở cần rà "
                     "soát, cập nhật kế hoạch.]\n    after:\n")],
     "conclusions[0].paragraphs[1]", "YAML-FLOW"),
    ("flow-split-phrases", [("  heard:\n    - báo cáo của Sở Lao động - Thương binh và Xã hội\n"
                             "    - ý kiến phát biểu của các đại biểu dự họp\n",
                             "  heard: [báo cáo của các sở, ngành, ý kiến của các đại biểu]\n")],
     "meeting.heard[1]", "YAML-FLOW"),
]  # fmt: skip


def _broken(tmp_path, replacements):
    text = SEED.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    source = tmp_path / "x.yaml"
    source.write_text(text, "utf-8")
    return source


@pytest.mark.parametrize(
    ("replacements", "field", "rule"), [g[1:] for g in GAPS], ids=[g[0] for g in GAPS]
)
def test_validate_names_file_line_field_and_rule(tmp_path, replacements, field, rule):
    """Each gap: exit 1, `file:line:col: field: … (RULE)` in English and in Vietnamese."""
    source = _broken(tmp_path, replacements)
    for lang in ("en", "vi"):
        result = CliRunner().invoke(main, ["--lang", lang, "validate", str(source)])
        assert result.exit_code == 1, result.output
        where = rf"{re.escape(str(source))}:\d+:\d+: {re.escape(field + ':') if field else ''}"
        lines = [line for line in result.stderr.splitlines() if f"({rule})" in line]
        assert lines and re.match(where, lines[0]), result.stderr
        assert "Traceback" not in result.output
        if lang == "vi":  # the Vietnamese form, not the English one
            english = CliRunner().invoke(main, ["--lang", "en", "validate", str(source)]).stderr
            assert lines[0] not in english


@pytest.mark.parametrize(
    ("replacements", "rule"), [(g[1], g[3]) for g in GAPS], ids=[g[0] for g in GAPS]
)
def test_render_refuses_what_validate_refuses(tmp_path, replacements, rule):
    """`render` of such a source exits 1 and writes nothing for it."""
    source = _broken(tmp_path, replacements)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["--lang", "en", "render", str(source), "-o", str(out), "--format", "docx"]
    )
    assert result.exit_code == 1
    assert f"({rule})" in result.stderr
    assert not (out / "x.docx").exists()


def test_flow_lists_of_names_are_fine(tmp_path):
    """`[a, b]` where entries are names (agency lines, units, authority) is not a split."""
    result = CliRunner().invoke(main, ["validate", str(NOTICES)])
    assert result.exit_code == 0, result.output


def test_every_problem_at_once(tmp_path):
    """Several breaches in one file are all listed, in file order."""
    source = _broken(tmp_path, GAPS[2][1] + GAPS[4][1] + GAPS[1][1])
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(source)])
    rules = re.findall(r"\((R-[A-Z0-9-]+)\)$", result.stderr, re.M)
    assert rules == ["R-NN-LUU", "R-TY", "R-ND-PMK"]  # line 1 (no archive), subject, heading
