"""Saving from the editor: an unchanged source is written back byte for byte, a change
touches only its own lines, comments and key order stay, and a file changed on disk since
it was opened is not overwritten."""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from generator.serve.sourcefile import (
    SaveConflictError,
    read_source,
    save_source,
    updated_text,
)
from generator.source.loader import load_source
from generator.source.notices import load_notice

from ..support.readback import NOTICES, ROOT

COMMENTED = ROOT / "tests" / "data" / "serve" / "commented.yaml"
SOURCES = [*sorted(NOTICES.glob("*.yaml")), COMMENTED]


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_unchanged_data_rewrites_nothing(path: Path):
    """The source's own data merged back gives the same bytes (flow lists, `>-`, quotes)."""
    text = path.read_text("utf-8")
    data = load_source(path).data
    assert updated_text(text, data, copy.deepcopy(data)) == text


def test_a_change_touches_its_own_lines_only():
    """A new signer name and one more recipient: two lines, every comment still there."""
    text = COMMENTED.read_text("utf-8")
    old = load_source(COMMENTED).data
    new = copy.deepcopy(old)
    new["signer"]["name"] = "Nguyễn Văn A"
    new["recipients"].append("Sở Nội vụ")
    new["meeting"]["attendees"][1] = "toàn thể viên chức và người lao động của Trung tâm"
    after = updated_text(text, old, new)
    assert changed_lines(text, after) == [
        "-    - toàn thể viên chức của Trung tâm  # cả người lao động",
        "+    - toàn thể viên chức và người lao động của Trung tâm # cả người lao động",
        "+  - Sở Nội vụ",
        "-  name: Lê Quốc Đạt",
        "+  name: Nguyễn Văn A",
    ]


def test_a_new_key_goes_where_the_schema_puts_it():
    """A field the source did not have is inserted before the next key in schema order."""
    text = "kind: TB-VP\n# the place\nplace: Huế\nsubject: X\n"
    old = {"kind": "TB-VP", "place": "Huế", "subject": "X"}
    new = {"kind": "TB-VP", "place": "Huế", "number": 3, "date": dt.date(2024, 1, 5)}
    new["subject"] = "X"
    assert updated_text(text, old, new) == (
        "kind: TB-VP\n# the place\nplace: Huế\nnumber: 3\ndate: 2024-01-05\nsubject: X\n"
    )


def test_a_removed_key_keeps_the_comments_around_it():
    """Removing a key leaves the comment lines that stood above the next key."""
    text = "a: 1\n# about b\nb: 2\n# about c\nc: 3\n"
    after = updated_text(text, {"a": 1, "b": 2, "c": 3}, {"a": 1, "c": 3})
    assert after == "a: 1\n# about b\n# about c\nc: 3\n"


def test_new_blocks_are_written_in_block_style():
    """A list or mapping the form adds is block style, sequences indented under their key."""
    new = {"kind": "TB-VP", "recipients": ["A", {"name": "B", "remark": "c"}]}
    after = updated_text("kind: TB-VP\n", {"kind": "TB-VP"}, new)
    assert after == "kind: TB-VP\nrecipients:\n  - A\n  - name: B\n    remark: c\n"


def test_save_is_refused_when_the_file_changed_meanwhile(tmp_path: Path):
    """Saving over a version other than the one the form was drawn from is refused."""
    path = tmp_path / "x.yaml"
    shutil.copy(COMMENTED, path)
    opened = read_source(path)
    path.write_text(path.read_text("utf-8") + "# added in another editor\n", "utf-8")
    before = path.read_bytes()
    new = copy.deepcopy(opened.data)
    new["place"] = "Huế"
    with pytest.raises(SaveConflictError):
        save_source(path, new, opened.sha)
    assert path.read_bytes() == before


def test_save_writes_a_valid_source(tmp_path: Path):
    """What is saved is read back by the project's loader as the data given."""
    path = tmp_path / "x.yaml"
    shutil.copy(COMMENTED, path)
    opened = read_source(path)
    new = copy.deepcopy(opened.data)
    new["number"] = 1731
    saved = save_source(path, new, opened.sha)
    assert load_source(path).data == new
    assert load_notice(path).number == 1731
    assert saved.sha == read_source(path).sha
    assert not list(tmp_path.glob(".*tmp"))
