"""`notice issue` and the register: numbers per body, ký hiệu and year, never repeated or
skipped (also with 8 processes at once, or one killed half-way), written back into the
source without touching its comments, and exported as the Sổ đăng ký văn bản đi."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.api import load_notice
from generator.errors import IssueError
from generator.register.book import COLUMNS, export_book, export_register
from generator.register.issuance import STEPS, issue_sources, with_number_and_date
from generator.register.store import Register

from ..support.readback import ROOT, docx_blocks

D = dt.date(2024, 3, 15)

#: A draft with comments everywhere a clerk may put one; all must survive `notice issue`.
DRAFT = """\
# Dự thảo thông báo kết luận — every comment in this file must survive `notice issue`
kind: TB-UBND   # UBND tỉnh
agency:
  # ô 2, on two lines
  name: [ỦY BAN NHÂN DÂN, TỈNH BẮC GIANG]  # tên cơ quan ban hành
place: Bắc Giang  # địa danh (R-DD-PROV)
# The văn thư fills in the day when it is issued:
date: 2020-05   # tháng của dự thảo
subject: Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số   # trích yếu

opening:   # written out, not composed
  - Ngày 18/5/2020, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp về chuyển đổi số.  # đoạn 1
conclusions:
  - paragraphs:   # nội dung kết luận
      - Thống nhất với báo cáo của Sở Thông tin và Truyền thông.  # một đoạn
closing: UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện.
recipients:
  - Các sở, ban, ngành   # nơi nhận
  - {name: "CT, các PCT UBND tỉnh", remark: báo cáo}
archive: {units: KGVX, copies: 2}   # Lưu: VT, KGVX(2).
signer:
  authority: [TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH]
  position: PHÓ CHỦ TỊCH   # chức vụ
  name: Lê Ánh Dương
# end of file
"""


def _drafts(folder: Path, count: int, text: str = DRAFT) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"draft-{i}.yaml" for i in range(1, count + 1)]
    for path in paths:
        path.write_text(text, "utf-8")
    return paths


def _notice(*args: str | Path, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    """`python -m generator …` in its own process, as a person or a script runs it."""
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=ROOT,
        env=full,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _carried(source: Path) -> tuple[int, dt.date] | None:
    data = yaml.safe_load(source.read_text("utf-8"))
    return (data["number"], data["date"]) if data.get("number") is not None else None


def assert_consistent(register: Path, sources: list[Path]) -> dict[Path, int]:
    """Register and sources agree; each sequence runs 1, 2, … without a gap. Returns the
    number of each source that has one."""
    with Register.open(register, create=False) as opened:
        entries = opened.entries()
    sequences: dict[tuple[str, str, int], list[int]] = {}
    for e in entries:
        sequences.setdefault((e.body, e.symbol, e.year), []).append(e.number)
    for numbers in sequences.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
    by_source = {(register.parent / e.source).resolve(): e for e in entries}
    assert len(by_source) == len(entries), "one number per source"
    numbers = {}
    for source in sources:
        entry = by_source.get(source.resolve())
        carried = _carried(source)
        if entry is None:
            assert carried is None, f"{source} carries {carried} but is not in the register"
        else:
            assert carried == (entry.number, entry.issued_on), source
            numbers[source] = entry.number
    assert not list(register.parent.glob("*.issuing-*.json")), "a pending file was left"
    assert not list(register.parent.glob(".*.tmp")), "a temporary file was left"
    return numbers


# -- writing the number and date back ------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "place: X\ndate: 2020-05  # c\nb: 2\n",
            "place: X\nnumber: 7\ndate: 2024-03-15  # c\nb: 2\n",
        ),
        (
            "place: X\nnumber:   # draft\ndate:\nb: 2\n",
            "place: X\nnumber: 7   # draft\ndate: 2024-03-15\nb: 2\n",
        ),
        ("place: X  # p\nsubject: S\n", "place: X  # p\nnumber: 7\ndate: 2024-03-15\nsubject: S\n"),
        ("place: X\r\ndate: '2020-05'\r\n", "place: X\r\nnumber: 7\r\ndate: 2024-03-15\r\n"),
        (
            "place: >-\n  Bắc\n  Giang\n# next\nsubject: S\n",
            "place: >-\n  Bắc\n  Giang\nnumber: 7\ndate: 2024-03-15\n# next\nsubject: S\n",
        ),
        ("place: X", "place: X\nnumber: 7\ndate: 2024-03-15\n"),
        ("number: null\ndate: 2020\n", "number: 7\ndate: 2024-03-15\n"),
        ("\ufeffplace: X\n", "\ufeffplace: X\nnumber: 7\ndate: 2024-03-15\n"),
    ],
    ids=[
        "date-month",
        "empty-values",
        "after-place",
        "crlf-quoted",
        "block-place",
        "no-eol",
        "null",
        "bom",
    ],
)
def test_number_and_date_are_written_in_place(before: str, after: str) -> None:
    """Only `number:` and `date:` change; every other byte stays."""
    assert with_number_and_date(before, 7, D) == after


@pytest.mark.parametrize(
    "text",
    ["{place: X, date: 2020-05}", "place: X\ndate: |\n  2020-05\n", "- a\n- b\n"],
    ids=["flow-mapping", "block-date", "not-a-mapping"],
)
def test_unsafe_layouts_are_refused(text: str) -> None:
    """A layout that cannot be edited safely is an IssueError, not a guess."""
    with pytest.raises(IssueError):
        with_number_and_date(text, 7, D)


def test_issue_keeps_every_comment(tmp_path: Path) -> None:
    """`notice issue` adds `number:`, fills `date:`; every other line, comments included,
    is byte-identical."""
    (source,) = _drafts(tmp_path / "notices", 1)
    assert load_notice(source).is_draft
    run = _notice("issue", source, "--date", "2024-03-15", "--no-render")
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert "số 01/TB-UBND ngày 15/3/2024" in out
    before, after = DRAFT.splitlines(keepends=True), source.read_text("utf-8").splitlines(True)
    assert [line for line in after if line != "number: 1\n"] == [
        "date: 2024-03-15   # tháng của dự thảo\n" if line.startswith("date:") else line
        for line in before
    ]
    comments = [line[line.index("#") :] for line in before if "#" in line]
    assert all(any(c in line for line in after) for c in comments) and len(comments) == 16
    notice = load_notice(source)
    assert (notice.number, notice.date.day, notice.date.month) == (1, 15, 3)
    assert (tmp_path / "notices" / "register.sqlite").is_file()


def test_an_issued_source_is_refused(tmp_path: Path) -> None:
    """Issuing a source that already has a number fails with the number it has."""
    (source,) = _drafts(tmp_path, 1)
    issue_sources([source], D)
    text = source.read_bytes()
    report = issue_sources([source], D)
    assert not report.ok
    assert "already issued as số 01/TB-UBND ngày 15/3/2024" in report.results[0].error
    assert source.read_bytes() == text
    run = _notice("issue", source, "--no-render")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 1 and "already issued as số 01/TB-UBND" in err


def test_issue_renders_the_issued_version(tmp_path: Path) -> None:
    """The issued notice is rendered into OUT with its number and full date."""
    (source,) = _drafts(tmp_path / "notices", 1)
    out = tmp_path / "out"
    run = _notice("issue", source, "--date", "2024-01-05", "-o", out, "--format", "docx")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    body, _ = docx_blocks(out / "draft-1.docx")
    text = " ".join(body)
    assert "Số: 01/TB-UBND" in text and "Bắc Giang, ngày 05 tháng 01 năm 2024" in text


def test_sources_in_two_folders_need_one_register(tmp_path: Path) -> None:
    """Without --register, sources from two folders are refused (their numbers would split)."""
    a, b = _drafts(tmp_path / "a", 1)[0], _drafts(tmp_path / "b", 1)[0]
    run = _notice("issue", a, b, "--no-render")
    _, err = run.communicate(timeout=60)
    assert run.returncode == 1 and "--register" in err
    assert _carried(a) is None and _carried(b) is None


# -- numbers: concurrency, crashes, years ---------------------------------------------------


def test_eight_processes_get_eight_consecutive_numbers(tmp_path: Path) -> None:
    """8 `notice issue` processes started at once: numbers 01–08, each once, no gap."""
    sources = _drafts(tmp_path / "notices", 8)
    register = tmp_path / "shared" / "register.sqlite"
    runs = [
        _notice("issue", s, "--register", register, "--date", "2024-03-15", "--no-render")
        for s in sources
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    numbers = assert_consistent(register, sources)
    assert sorted(numbers.values()) == list(range(1, 9))


@pytest.mark.parametrize("point", STEPS)
def test_a_killed_issuer_leaves_register_and_source_consistent(tmp_path: Path, point: str) -> None:
    """SIGKILL at each step of an issue; the next issuer reconciles, and register and
    sources agree: a written number is recorded, an unwritten one given to the next."""
    first, second = _drafts(tmp_path / "notices", 2)
    register = tmp_path / "notices" / "register.sqlite"
    flag = tmp_path / "paused"
    run = subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash", point, str(flag), str(first), "2024-03-15"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not flag.exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the issuer never reached the pause point"
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.communicate()
    written = point != "before-source-write"
    assert (_carried(first) is not None) == written
    after = _notice("issue", second, "--date", "2024-03-15", "--no-render")
    out, err = after.communicate(timeout=60)
    assert after.returncode == 0, err
    numbers = assert_consistent(register, [first, second])
    assert numbers == ({first: 1, second: 2} if written else {second: 1})
    if point == "after-source-write":
        assert "recorded 01/TB-UBND" in err
    issue_sources([first, second], D)  # the first one can still be issued if it was not
    assert sorted(assert_consistent(register, [first, second]).values()) == [1, 2]


def test_a_reconciled_number_survives_the_refusal_that_follows(tmp_path: Path) -> None:
    """Killed after writing the source: issuing that same source again records its number
    (reconciliation is committed on its own) and then refuses it as already issued."""
    (first,) = _drafts(tmp_path / "notices", 1)
    flag = tmp_path / "paused"
    run = subprocess.Popen(
        [sys.executable, "-m", "tests.support.crash", "after-source-write", str(flag), str(first),
         "2024-03-15"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while not flag.exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline, "the issuer never reached the pause point"
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.communicate()
    report = issue_sources([first], D)
    assert "already issued as số 01/TB-UBND" in report.results[0].error
    assert [r.recorded for r in report.reconciled] == [True]
    assert assert_consistent(tmp_path / "notices" / "register.sqlite", [first]) == {first: 1}


def test_numbers_restart_at_01_each_year(tmp_path: Path) -> None:
    """31/12 gives 01, 02; 01/01 of the next year starts again at 01 (Điều 15, R-SO-1)."""
    a, b, c, d = _drafts(tmp_path, 4)
    issue_sources([a, b], dt.date(2024, 12, 31))
    issue_sources([c], dt.date(2025, 1, 1))
    numbers = assert_consistent(tmp_path / "register.sqlite", [a, b, c, d])
    assert numbers == {a: 1, b: 2, c: 1}
    late = issue_sources([d], dt.date(2024, 12, 30))
    assert "cannot carry the earlier date 30/12/2024" in late.results[0].error
    assert _carried(d) is None


def test_bodies_and_symbols_number_separately(tmp_path: Path) -> None:
    """Another issuing body (here: the Văn phòng, TB-VP) has its own sequence."""
    ubnd = _drafts(tmp_path, 1)[0]
    vp = tmp_path / "vp.yaml"
    vp.write_text(
        DRAFT.replace("kind: TB-UBND", "kind: TB-VP").replace(
            "  name: [ỦY BAN NHÂN DÂN, TỈNH BẮC GIANG]",
            "  parent: UBND TỈNH BẮC GIANG\n  name: VĂN PHÒNG",
        ),
        "utf-8",
    )
    report = issue_sources([ubnd, vp], D)
    assert [r.entry.number_symbol for r in report.results] == ["01/TB-UBND", "01/TB-VP"]


# -- the Sổ đăng ký văn bản đi ------------------------------------------------------------


def test_register_exports_the_so_dang_ky(tmp_path: Path) -> None:
    """CSV and XLSX carry the ten columns of Phụ lục IV, one row per issued notice."""
    sources = _drafts(tmp_path / "notices", 2)
    issue_sources(sources, D)
    register = tmp_path / "notices" / "register.sqlite"
    rows = list(csv.reader(io.StringIO(export_register(register, "csv").decode("utf-8-sig"))))
    assert rows[0] == list(COLUMNS) and len(COLUMNS) == 10
    assert rows[1][:7] == [
        "01/TB-UBND",
        "15/3/2024",
        "Thông báo Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số",
        "Lê Ánh Dương",
        "Các sở, ban, ngành; CT, các PCT UBND tỉnh (báo cáo)",
        "VT, KGVX(2)",
        "",
    ]
    assert [r[0] for r in rows[1:]] == ["01/TB-UBND", "02/TB-UBND"]
    xlsx = tmp_path / "so.xlsx"
    run = _notice("register", "export", "--register", register, "--format", "xlsx", "-o", xlsx)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = values.index(list(COLUMNS))
    assert values[header + 1] == [f"({i})" for i in range(1, 11)]
    assert [r[0] for r in values[header + 2 :]] == ["01/TB-UBND", "02/TB-UBND"]
    assert [r[0] for r in values[:header] if r[0] and "SỔ" in r[0]] == ["SỔ ĐĂNG KÝ VĂN BẢN ĐI"]


def test_a_csv_holds_one_issuing_body(tmp_path: Path) -> None:
    """Several bodies in one register: CSV needs --body; XLSX gets a sheet for each."""
    ubnd = _drafts(tmp_path, 1)[0]
    other = tmp_path / "other.yaml"
    other.write_text(DRAFT.replace("BẮC GIANG", "QUẢNG NGÃI"), "utf-8")
    issue_sources([ubnd, other], D)
    with Register.open(tmp_path / "register.sqlite") as opened:
        entries = opened.entries()
    with pytest.raises(Exception, match="choose it with --body"):
        export_book(entries, "csv")
    one = export_register(tmp_path / "register.sqlite", "csv", body="quảng ngãi")
    assert one.decode("utf-8-sig").count("01/TB-UBND") == 1
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export_book(entries, "xlsx")))
    assert len(book.sheetnames) == 2
