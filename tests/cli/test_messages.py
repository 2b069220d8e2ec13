"""Messages in Vietnamese and English (`--lang`)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.cli.messages import _CATALOG, default_lang, localize

from ..support.readback import NOTICES

SEED = NOTICES / "quang-ngai-1730-tb-vp-2020.yaml"


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("required field is missing", "thiếu trường bắt buộc"),
        ("must be a whole number", "phải là số nguyên"),
        (
            "unknown field; did you mean `recipients`? (known: a, b)",
            "trường không có trong mẫu; có phải là `recipients`? (các trường: a, b)",
        ),
        ("duplicate key, first given at line 5", "khóa bị lặp, đã có ở dòng 5"),
        ("contains the control character U+0007", "chứa ký tự điều khiển U+0007"),
        ("/x/t.docx: template not found", "/x/t.docx: không tìm thấy mẫu"),
        ("something new", "something new"),
    ],
)
def test_localize(english, vietnamese):
    """Each catalogued message has its Vietnamese form; names and values carry over."""
    assert localize(english, "vi") == vietnamese
    assert localize(english, "en") == english


def test_catalog_patterns_are_distinct():
    """No pattern is listed twice."""
    patterns = [p for p, _ in _CATALOG]
    assert len(patterns) == len(set(patterns))


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"LANG": "vi_VN.UTF-8"}, "vi"), ({"LANG": "en_US.UTF-8"}, "en"),
     ({"LC_ALL": "vi_VN", "LANG": "en_US"}, "vi")],
)  # fmt: skip
def test_default_lang_follows_the_locale(monkeypatch, env, expected):
    """The default language comes from LC_ALL, LC_MESSAGES or LANG."""
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert default_lang() == expected


BROKEN = [
    ("number: 1730", "number: abc"),
    ("date: 2020-12-21", "date: 21/12/2020"),
    ("recipients:", "recipents:"),
    ("  parent: UBND TỈNH QUẢNG NGÃI\n", ""),
    ("place: Quảng Ngãi\n", "place: Quảng Ngãi\nplace: Bắc Giang\n"),
    ("  position: TRƯỞNG PHÒNG HC-TC\n", "  position: TRƯỞNG PHÒNG HC-TC\n  hoten: x\n"),
    ("  authority: TL. CHÁNH VĂN PHÒNG", "  authority: CHÁNH VĂN PHÒNG"),
    ("numbering: [decimal, letter, dash]", "numbering: [decimal, letter]"),
]


@pytest.mark.parametrize(("old", "new"), BROKEN, ids=[n.split(":")[0].strip() for _, n in BROKEN])
def test_every_validation_message_has_its_vietnamese_form(tmp_path, old, new):
    """`--lang vi`: each problem of a broken source is printed in Vietnamese."""
    text = SEED.read_text("utf-8")
    assert old in text
    source = tmp_path / "x.yaml"
    source.write_text(text.replace(old, new, 1), "utf-8")
    english = CliRunner().invoke(main, ["--lang", "en", "validate", str(source)]).stderr
    vietnamese = CliRunner().invoke(main, ["--lang", "vi", "validate", str(source)]).stderr
    assert english and vietnamese
    for en_line, vi_line in zip(english.splitlines(), vietnamese.splitlines(), strict=True):
        assert en_line != vi_line, f"no Vietnamese for: {en_line}"
