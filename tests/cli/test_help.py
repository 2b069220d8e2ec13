"""`--help` in both languages: every command's and option's help has its Vietnamese form,
and under `--lang vi` (or a Vietnamese locale) nothing of click's English is left."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.cli.help import HELP_VI, fold, help_texts


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [path]
    for name, sub in sorted(group.commands.items()):
        out += _commands(sub, (*path, name)) if isinstance(sub, click.Group) else [(*path, name)]
    return out


COMMANDS = _commands(main)
ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message and exit", "[default:",
           "[required]", "[OPTIONS]")  # fmt: skip


def test_catalogue_has_every_help_and_nothing_else():
    """Each help text of every command and option has a Vietnamese entry, and every entry
    belongs to a help text that exists (a changed English text shows here)."""
    texts = {fold(t) for t in help_texts(main)}
    assert sorted(texts - HELP_VI.keys()) == []
    assert sorted(HELP_VI.keys() - texts) == []
    assert all(vi and vi != en for en, vi in HELP_VI.items())


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "notice")
def test_help_is_vietnamese_under_lang_vi(path):
    """`notice --lang vi … --help`: Vietnamese headings, help and option texts."""
    result = CliRunner().invoke(main, ["--lang", "vi", *path, "--help"], prog_name="notice")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Cách dùng: notice {' '.join(path)}".rstrip() + " ")
    assert "Tùy chọn:" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output
    for english in ENGLISH:
        assert english not in result.output, english
    command = main
    for name in path:
        command = command.commands[name]
    assert " ".join(HELP_VI[fold(command.help)].split()[:4]) in " ".join(result.output.split())


@pytest.mark.parametrize("path", [(), ("render",), ("template", "check")], ids=str)
def test_help_stays_english_under_lang_en(path):
    """`--lang en` (and the test locale, C.UTF-8) keep click's English."""
    for args in (["--lang", "en", *path, "--help"], [*path, "--help"]):
        output = CliRunner().invoke(main, args, prog_name="notice").output
        assert output.startswith("Usage: notice") and "Options:" in output


def test_vietnamese_locale_gives_vietnamese_help():
    """With LANG=vi_VN.UTF-8 and no --lang, help is in Vietnamese."""
    result = CliRunner().invoke(
        main, ["check", "--help"], env={"LANG": "vi_VN.UTF-8"}, prog_name="notice"
    )
    assert result.output.startswith("Cách dùng: notice check")
    assert "Coi cả cảnh báo là thất bại." in result.output
