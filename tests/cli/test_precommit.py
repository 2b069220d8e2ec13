"""`.pre-commit-hooks.yaml`: the hook a repository of notices runs on commit."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

from ..support.readback import NOTICES, ROOT


@pytest.fixture(scope="module")
def hook() -> dict:
    """The one hook defined in .pre-commit-hooks.yaml."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    return hook


def test_hook_definition(hook):
    """A python hook named notice-validate, running `notice validate` on the staged files."""
    assert (hook["id"], hook["language"], hook["entry"]) == (
        "notice-validate",
        "python",
        "notice validate",
    )
    assert hook.get("pass_filenames", True)


@pytest.mark.parametrize(
    ("path", "checked"),
    [
        pytest.param("notices/a.yaml", True, id="yaml"),
        pytest.param("b.yml", True, id="yml"),
        pytest.param("out/a.docx", False, id="docx"),
        pytest.param("notes.yaml.txt", False, id="not-at-end"),
        pytest.param(".pre-commit-config.yaml", False, id="pre-commit-config"),
    ],
)
def test_hook_selects_yaml_files(hook, path, checked):
    """`files` takes *.yaml and *.yml; `exclude` leaves pre-commit's own files alone."""
    selected = re.search(hook["files"], path) and not re.search(hook["exclude"], path)
    assert bool(selected) is checked


@pytest.mark.parametrize(("broken", "code"), [(False, 0), (True, 1)], ids=["valid", "broken"])
def test_hook_entry_checks_the_files(hook, tmp_path, broken, code):
    """The entry, given file names as pre-commit passes them, exits 0 or 1."""
    source = tmp_path / "a.yaml"
    text = (NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml").read_text("utf-8")
    source.write_text(text.replace("number: 7", "number: bảy") if broken else text, "utf-8")
    program, *args = shlex.split(hook["entry"])
    assert program == "notice"
    result = CliRunner().invoke(main, [*args, str(source)])
    assert result.exit_code == code
