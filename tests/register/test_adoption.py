"""A register that starts where the office is and never hands out a number twice: a
deleted, emptied or mistyped register next to issued sources stops `notice issue`; `notice
register import` and `notice register set` tell it where the office is; a number written
by hand is checked against it. Real SQLite, real processes, several at once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.errors import RegisterError, SourceError
from generator.register.intake import import_sources, set_last_number
from generator.register.issuance import issue_sources
from generator.register.store import Register

from ..support.readback import NOTICES, ROOT

SO = (NOTICES / "dong-nai-so-tai-chinh-tb-2026.yaml").read_text("utf-8")
D = dt.date(2026, 4, 2)


def _issued(folder: Path, number: int, day: int = 12) -> Path:
    """An issued notice of the Sở, number `number`, as an office keeps it in its folder."""
    path = folder / f"so-{number}.yaml"
    path.write_text(
        SO.replace("number: 42", f"number: {number}").replace(
            "date: 2026-03-12", f"date: 2026-03-{day:02d}"
        ),
        "utf-8",
    )
    return path


def _draft(folder: Path, name: str = "draft.yaml") -> Path:
    path = folder / name
    path.write_text(SO.replace("number: 42\n", "").replace("date: 2026-03-12", "date: 2026-04"))
    return path


def _office(tmp_path: Path, *numbers: int) -> Path:
    folder = tmp_path / "notices"
    folder.mkdir()
    for i, number in enumerate(numbers):
        _issued(folder, number, day=10 + i)
    return folder


def _notice(*args, **kwargs) -> subprocess.Popen:
    """`python -m generator …` in its own process, in Vietnamese."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LANG": "vi_VN.UTF-8", "LC_ALL": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )  # fmt: skip


def _run(*args) -> tuple[int, str, str]:
    run = _notice(*args)
    out, err = run.communicate(timeout=120)
    return run.returncode, out, err


def _number(source: Path) -> int | None:
    return yaml.safe_load(source.read_text("utf-8")).get("number")


def _numbers(register: Path) -> list[int]:
    with Register.open(register, create=False) as opened:
        return sorted(e.number for e in opened.entries())


@pytest.mark.parametrize("state", ["deleted", "emptied", "mistyped"])
def test_issue_stops_when_the_register_is_gone_next_to_issued_sources(tmp_path, state):
    """Deleted, emptied (0 bytes) or a typo in --register: exit 1 with what to do; the
    draft keeps no number, no register is created and the empty one stays empty."""
    folder = _office(tmp_path, 1, 2)
    draft = _draft(folder)
    before = draft.read_bytes()
    register = folder / "register.sqlite"
    args = ["issue", draft, "--no-render", "--date", "2026-04-02"]
    if state == "emptied":
        register.write_bytes(b"")
    if state == "mistyped":
        register = folder / "regsiter.sqlite"
        args += ["--register", register]
    code, _, err = _run(*args)
    assert code == 1, err
    assert "sổ đăng ký trống" in err if state == "emptied" else "chưa có sổ đăng ký" in err
    assert "so-1.yaml (số 01/TB-STC năm 2026)" in err and "so-2.yaml (số 02/TB-STC" in err
    assert f"notice register import {folder}" in err
    assert draft.read_bytes() == before
    assert register.read_bytes() == b"" if state == "emptied" else not register.exists()


def test_import_takes_the_highest_number_and_the_next_issue_follows(tmp_path):
    """Sources numbered 1, 2 and 5 imported: the next draft gets 06; a second import records
    nothing new; the register holds each source once."""
    folder = _office(tmp_path, 1, 2, 5)
    code, out, err = _run("register", "import", folder)
    assert code == 0, err
    assert "3 source(s) recorded" in out and "next number 06" in out
    draft = _draft(folder)
    code, out, err = _run("issue", draft, "--no-render", "--date", "2026-04-02")
    assert code == 0, err
    assert _number(draft) == 6 and "số 06/TB-STC" in out
    code, out, _ = _run("register", "import", folder)
    assert code == 0 and "0 source(s) recorded" in out and out.count("already in the register") == 4
    assert _numbers(folder / "register.sqlite") == [1, 2, 5, 6]


def test_import_refuses_two_sources_with_one_number(tmp_path):
    """Two sources carrying 02: an error naming both files, and nothing recorded."""
    folder = _office(tmp_path, 1, 2)
    twin = folder / "twin.yaml"
    twin.write_text((folder / "so-2.yaml").read_text("utf-8"), "utf-8")
    with pytest.raises(RegisterError) as caught:
        import_sources(folder)
    assert "so-2.yaml" in str(caught.value) and "twin.yaml" in str(caught.value)
    assert _numbers(folder / "register.sqlite") == []


def test_import_refuses_an_invalid_source(tmp_path):
    """A source that does not validate may carry a number: every problem, nothing recorded."""
    folder = _office(tmp_path, 1)
    (folder / "broken.yaml").write_text("kind: TB\nnumber: 3\n", "utf-8")
    with pytest.raises(SourceError) as caught:
        import_sources(folder)
    assert all(p.path.name == "broken.yaml" for p in caught.value.problems)
    assert not (folder / "register.sqlite").exists() or _numbers(folder / "register.sqlite") == []


def test_set_records_where_the_office_is(tmp_path):
    """VPCP in November is at 623: `register set --last 623` → the next is 624; the register
    cannot be set back below a number it gave."""
    folder = tmp_path / "notices"
    folder.mkdir()
    draft = _draft(folder)
    code, out, err = _run("register", "set", "--like", draft, "--year", "2026", "--last", "623")
    assert code == 0, err
    assert "next number 624" in out
    report = issue_sources([draft], D)
    assert report.ok and report.results[0].entry.number == 624 and _number(draft) == 624
    with pytest.raises(RegisterError, match="cannot go back to 600"):
        set_last_number(draft, 2026, 600)
    assert _numbers(folder / "register.sqlite") == [624]


def test_a_hand_written_number_is_checked_against_the_register(tmp_path):
    """The register gave 01 and 02; a source written by hand with 03: the next draft would
    get 03 and is refused naming both files; the hand-written one is named for import."""
    folder = tmp_path / "notices"
    folder.mkdir()
    first, second = _draft(folder, "a.yaml"), _draft(folder, "b.yaml")
    assert issue_sources([first, second], D).ok
    hand = _issued(folder, 3, day=30)
    draft = _draft(folder)
    report = issue_sources([draft, hand], D)
    draft_error, hand_error = (r.error for r in report.results)
    assert "draft.yaml: số 03/TB-STC năm 2026 is also carried by" in draft_error
    assert str(hand) in draft_error and "nothing was written" in draft_error
    assert "written by hand, which the register has not given" in hand_error
    assert _number(draft) is None
    assert import_sources(folder).recorded[0].source == "so-3.yaml"
    assert issue_sources([draft], D).results[0].entry.number == 4


def test_a_number_given_to_another_source_is_a_clash_naming_both(tmp_path):
    """A copy of an issued source (same number, another file): both files are named."""
    folder = tmp_path / "notices"
    folder.mkdir()
    first = _draft(folder, "a.yaml")
    assert issue_sources([first], D).ok
    copy = folder / "copy.yaml"
    copy.write_text(first.read_text("utf-8"), "utf-8")
    [result] = issue_sources([copy], D).results
    assert result.error == f"{copy}: số 01/TB-STC năm 2026 is already registered for a.yaml"


def test_concurrent_issuers_after_an_import_never_repeat_a_number(tmp_path):
    """Sources 1–3 imported, then 6 `notice issue` processes at once: 04–09, each once."""
    folder = _office(tmp_path, 1, 2, 3)
    import_sources(folder)
    drafts = [_draft(folder, f"draft-{i}.yaml") for i in range(6)]
    runs = [_notice("issue", d, "--no-render", "--date", "2026-04-02") for d in drafts]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert sorted(_number(d) for d in drafts) == list(range(4, 10))
    assert _numbers(folder / "register.sqlite") == list(range(1, 10))


def test_concurrent_issuers_next_to_issued_sources_all_stop(tmp_path):
    """The register deleted: 4 processes at once, none starts a register at 01."""
    folder = _office(tmp_path, 1, 2)
    drafts = [_draft(folder, f"draft-{i}.yaml") for i in range(4)]
    runs = [_notice("issue", d, "--no-render", "--date", "2026-04-02") for d in drafts]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 1 and "chưa có sổ đăng ký" in err, err
    assert [_number(d) for d in drafts] == [None] * 4
    assert not (folder / "register.sqlite").exists()


def test_a_register_holding_nothing_next_to_issued_sources_is_refused(tmp_path):
    """A register file with its tables but no number (made by hand, or left by an old run):
    the check under the write lock stops the issue too."""
    folder = _office(tmp_path, 1)
    Register.open(folder / "register.sqlite").close()
    draft = _draft(folder)
    [result] = issue_sources([draft], D).results
    assert "the register is empty, but 1 issued source(s) lie beside it" in result.error
    assert _number(draft) is None and _numbers(folder / "register.sqlite") == []
