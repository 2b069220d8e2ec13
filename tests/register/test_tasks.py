"""`notice tasks`: the items to follow up in the seeds, as CSV for Excel and as iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil

import pytest
from click.testing import CliRunner

from generator.api import load_notice
from generator.cli import main
from generator.register.tasks import (
    CSV_HEADER,
    Task,
    collect_tasks,
    ics_escape,
    ics_fold,
    notice_tasks,
    shorten,
    tasks_csv,
    tasks_ics,
)

from ..support.readback import NOTICES

STAMP = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
TTTT = "Sở Thông tin và Truyền thông"
KHDT = "Sở Kế hoạch và Đầu tư"
TTCB = "Trung tâm Công báo và Tin học"
D = dt.date

#: (label, assignee, deadline) of every task in the two seed notices, in reading order.
SEED_TASKS = {
    "quang-ngai-1730-tb-vp-2020": [
        ("2. a)", TTCB, None),
        ("2. b)", TTCB, None),
        ("2. c)", TTCB, None),
        ("2. d)", TTCB, None),
        ("3. a)", "Phòng Hành chính - Tổ chức", None),
        ("3. b)", "Phòng Quản trị - Tài vụ", None),
        ("3. c)", TTCB, None),
        ("3. d)", "Các phòng thuộc Văn phòng UBND tỉnh", None),
    ],
    "bac-giang-tb-ubnd-2020-du-thao": [
        ("2.1.", TTTT, None),
        ("2.1. -", TTTT, D(2020, 12, 31)),  # assignee of its parent 2.1.
        ("2.1. -", TTTT, D(2020, 9, 30)),
        ("2.2.", TTTT, None),
        ("2.3.", TTTT, None),
        ("3.1.", "Sở Tài chính", None),
        ("3.2.", KHDT, None),
        ("3.3.", KHDT, None),
        ("3.4.", "Sở Nội vụ", None),
        ("3.5.", TTTT, D(2020, 12, 31)),
        ("3.6.", TTTT, None),
    ],
    "quang-ngai-07-tb-ubnd-2024": [
        ("II. 1. a)", "Sở Lao động - Thương binh và Xã hội", D(2024, 1, 25)),
        ("II. 1. b)", "UBND các huyện, thị xã, thành phố", None),
        ("II. 2.", "Sở Công Thương", None),
        ("II. 3. a)", "Công an tỉnh", None),
        ("II. 3. b)", "Sở Giao thông vận tải", None),
    ],
    "dong-nai-so-tai-chinh-tb-2026": [
        ("2. a)", "Phòng Quản lý đầu tư", D(2026, 3, 31)),
        ("2. b)", "Phòng Quản lý ngân sách", None),
    ],
    "tan-trieu-ubnd-xa-tb-2025": [
        ("1.", "Phòng Kinh tế xã", D(2025, 9, 30)),
        ("2.", "Công an xã", None),
    ],
    "bo-tai-chinh-tb-2025": [
        ("1.", "Vụ Ngân sách nhà nước", D(2025, 12, 5)),
        ("2.", "Văn phòng Bộ", None),
    ],
}
HEADS = {
    "quang-ngai-1730-tb-vp-2020": ("1730/TB-VP", "2020-12-21"),
    "bac-giang-tb-ubnd-2020-du-thao": ("dự thảo", "2020-05"),
    "quang-ngai-07-tb-ubnd-2024": ("07/TB-UBND", "2024-01-05"),
    "dong-nai-so-tai-chinh-tb-2026": ("42/TB-STC", "2026-03-12"),
    "tan-trieu-ubnd-xa-tb-2025": ("07/TB-UBND", "2025-09-18"),
    "bo-tai-chinh-tb-2025": ("318/TB-BTC", "2025-11-20"),
}


@pytest.mark.parametrize("stem", sorted(SEED_TASKS))
def test_notice_tasks(stem):
    """Each item with an assignee or a deadline, at any depth, with its printed label."""
    path = NOTICES / f"{stem}.yaml"
    tasks = notice_tasks(load_notice(path), path)
    assert [(t.label, t.assignee, t.deadline) for t in tasks] == SEED_TASKS[stem]
    assert {(t.number, t.date) for t in tasks} == {HEADS[stem]}


def test_task_text_is_the_heading_or_first_paragraph():
    """A heading is the text (without its colon); otherwise the first paragraph, shortened."""
    path = NOTICES / "quang-ngai-1730-tb-vp-2020.yaml"
    tasks = {t.label: t for t in notice_tasks(load_notice(path), path)}
    assert tasks["3. a)"].text == "Giao Trưởng phòng Hành chính - Tổ chức"
    assert tasks["3. a)"].detail == "Giao Trưởng phòng Hành chính - Tổ chức:"
    assert tasks["2. a)"].text.startswith("Xây dựng và trình cấp thẩm quyền ban hành Quy chế")
    assert tasks["2. a)"].text.endswith("…") and len(tasks["2. a)"].text) <= 120
    assert tasks["2. a)"].detail.endswith(
        "mua sắm trang thiết bị cần thiết cho hoạt động của đơn vị."
    )


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        pytest.param("Ngắn gọn.", 20, "Ngắn gọn.", id="short"),
        pytest.param("một hai ba bốn năm sáu", 12, "một hai ba…", id="word-boundary"),
        pytest.param("một hai, ba bốn", 10, "một hai…", id="drops-comma"),
        pytest.param("abcdefghijklmnop", 8, "abcdefg…", id="one-long-word"),
    ],
)
def test_shorten(text, width, expected):
    """Cut at a word boundary, trailing punctuation dropped, `…` added."""
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


def test_csv_opens_in_excel_with_vietnamese(tmp_path):
    """UTF-8 with BOM, one header row, one row per task, values as exported."""
    tasks, report = collect_tasks([NOTICES])
    assert report.ok
    data = tasks_csv(tasks)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 1 + sum(len(v) for v in SEED_TASKS.values())
    by_label = {(r[0], r[2]): r for r in rows[1:]}
    assert by_label[("dự thảo", "3.5.")][4:6] == [TTTT, "2020-12-31"]
    assert by_label[("1730/TB-VP", "3. b)")][3:6] == [
        "Giao Phòng Quản trị - Tài vụ",
        "Phòng Quản trị - Tài vụ",
        "",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a, b; c", "a\\, b\\; c", id="comma-semicolon"),
        pytest.param("dòng 1\ndòng 2", "dòng 1\\ndòng 2", id="newline"),
        pytest.param("C:\\VP", "C:\\\\VP", id="backslash"),
        pytest.param("Lưu: VT", "Lưu: VT", id="colon-kept"),
    ],
)
def test_ics_escape(text, expected):
    """RFC 5545 TEXT escaping."""
    assert ics_escape(text) == expected


@pytest.mark.parametrize(
    "line",
    [
        pytest.param("SUMMARY:ngắn", id="short"),
        pytest.param("DESCRIPTION:" + "Tham mưu kiện toàn, củng cố đội ngũ " * 8, id="vietnamese"),
        pytest.param("X:" + "ư" * 100, id="three-byte-chars"),
    ],
)
def test_ics_fold(line):
    """Folded lines are at most 75 octets, and unfolding gives the line back."""
    folded = ics_fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def unfold(ics: str) -> list[str]:
    """The content lines of an iCalendar text (RFC 5545 §3.1)."""
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def test_ics_has_one_vtodo_per_task_with_due_dates():
    """VCALENDAR with a VTODO per task; DUE only where there is a deadline; CRLF, folded."""
    tasks, _ = collect_tasks([NOTICES])
    ics = tasks_ics(tasks, STAMP).decode("utf-8")
    assert "\n" not in ics.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in ics.split("\r\n"))
    lines = unfold(ics)
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VTODO") == len(tasks) == lines.count("END:VTODO")
    assert lines.count(f"DTSTAMP:{STAMP:%Y%m%dT%H%M%SZ}") == len(tasks)
    assert sorted(line for line in lines if line.startswith("DUE")) == [
        "DUE;VALUE=DATE:20200930",
        "DUE;VALUE=DATE:20201231",
        "DUE;VALUE=DATE:20201231",
        "DUE;VALUE=DATE:20240125",
        "DUE;VALUE=DATE:20250930",
        "DUE;VALUE=DATE:20251205",
        "DUE;VALUE=DATE:20260331",
    ]
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == len(tasks)
    assert (
        "SUMMARY:Sở Tài chính: 3.1. Đồng ý chủ trương thực hiện giao tự chủ 100% chi thường "
        "xuyên đối với Trung tâm Công nghệ thông tin và Truyền thông…"
    ) in lines


def test_ics_escapes_the_task_text(tmp_path):
    """Commas, semicolons and newlines of a task reach the file escaped."""
    task = Task(
        source=tmp_path / "x.yaml",
        number="07/TB-UBND",
        date="2024-01-05",
        label="1.",
        text="A, B; C",
        detail="A, B; C\nđoạn hai",
        assignee="UBND các huyện, thị xã",
        deadline=dt.date(2024, 2, 1),
    )
    lines = unfold(tasks_ics([task], STAMP).decode("utf-8"))
    assert "SUMMARY:UBND các huyện\\, thị xã: 1. A\\, B\\; C" in lines
    [description] = [line for line in lines if line.startswith("DESCRIPTION:")]
    assert description == (
        "DESCRIPTION:Thông báo số 07/TB-UBND ngày 05/01/2024\\nMục 1.\\n"
        "Đơn vị thực hiện: UBND các huyện\\, thị xã\\nThời hạn: 01/02/2024\\n\\n"
        "A\\, B\\; C\\nđoạn hai"
    )


def run(*args):
    return CliRunner().invoke(main, ["tasks", *map(str, args)])


@pytest.mark.parametrize("fmt", ["csv", "ics"])
def test_tasks_command_writes_a_file(tmp_path, fmt):
    """`notice tasks notices/ --format F -o FILE` writes it and says how many tasks."""
    out = tmp_path / f"tasks.{fmt}"
    result = run(NOTICES, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert "30 task(s) from 6 of 6 notice(s)" in result.stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" if fmt == "csv" else b"BEGIN:VCALENDAR")


def test_tasks_command_prints_to_stdout_and_reports_broken_sources(tmp_path):
    """A broken source is listed on stderr with exit 1; the others are still exported."""
    shutil.copy(NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml", tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("kind: TB-VP\n", "utf-8")
    result = run(tmp_path / "good.yaml", tmp_path / "bad.yaml")
    assert result.exit_code == 1
    assert f"{tmp_path / 'bad.yaml'}:1:1: agency: required field is missing" in result.stderr
    assert "5 task(s) from 1 of 2 notice(s)" in result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert len(rows) == 1 + 5


MULTI_UNIT = """\
kind: TB-UBND
agency: {name: [ỦY BAN NHÂN DÂN, TỈNH QUẢNG NGÃI]}
place: Quảng Ngãi
number: 7
date: 2024-01-05
subject: Kết luận của Chủ tịch UBND tỉnh
opening: [Mở đầu.]
numbering: [roman, decimal, letter]
conclusions:
  - heading: Nhiệm vụ
    children:
      - paragraphs: ["Bộ NN&MT chủ trì, phối hợp với Bộ Tài chính, Bộ Y tế rà soát."]
        assignee:
          - {unit: Bộ Nông nghiệp và Môi trường, role: chủ trì}
          - {unit: Bộ Tài chính, role: phối hợp}
          - {unit: Bộ Y tế, role: phối hợp}
        deadline: 2025-12-15
      - paragraphs: ["Bộ Giáo dục và Đào tạo, Bộ Y tế nghiên cứu kiến nghị của tỉnh."]
        assignee: [Bộ Giáo dục và Đào tạo, Bộ Y tế]
        children:
          - paragraphs: [Báo cáo trước ngày 15 tháng 12 năm 2025.]
            deadline: 2025-12-15
closing: Văn phòng thông báo để thực hiện.
recipients: [Các bộ]
archive: {units: KGVX}
signer: {authority: TM. ỦY BAN NHÂN DÂN, position: CHỦ TỊCH, name: A}
"""


def test_several_units_with_roles_in_csv_and_ics(tmp_path):
    """An item naming several units, with chủ trì / phối hợp, shows them in CSV and ICS;
    a child without units takes its parent's."""
    source = tmp_path / "multi.yaml"
    source.write_text(MULTI_UNIT, "utf-8")
    tasks = notice_tasks(load_notice(source), source)
    assert [(t.label, t.assignee, t.deadline) for t in tasks] == [
        (
            "I. 1.",
            "chủ trì: Bộ Nông nghiệp và Môi trường; phối hợp: Bộ Tài chính, Bộ Y tế",
            D(2025, 12, 15),
        ),
        ("I. 2.", "Bộ Giáo dục và Đào tạo, Bộ Y tế", None),
        ("I. 2. a)", "Bộ Giáo dục và Đào tạo, Bộ Y tế", D(2025, 12, 15)),
    ]
    rows = list(csv.reader(io.StringIO(tasks_csv(tasks).decode("utf-8-sig"))))
    assert rows[1][4] == "chủ trì: Bộ Nông nghiệp và Môi trường; phối hợp: Bộ Tài chính, Bộ Y tế"
    ics = tasks_ics(tasks, STAMP).decode("utf-8").replace("\r\n ", "")
    assert "Đơn vị chủ trì: Bộ Nông nghiệp và Môi trường\\n" in ics
    assert "Đơn vị phối hợp: Bộ Tài chính\\, Bộ Y tế\\n" in ics
    assert "DUE;VALUE=DATE:20251215" in ics


def test_one_unit_as_a_string_reports_errors_where_written(tmp_path):
    """`assignee: ""` is still reported at `….assignee`, as before several units existed."""
    source = tmp_path / "x.yaml"
    source.write_text(MULTI_UNIT.replace("assignee: [Bộ Giáo dục và Đào tạo, Bộ Y tế]",
                                         'assignee: ""'), "utf-8")  # fmt: skip
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(source)])
    assert result.exit_code == 1
    assert "conclusions[0].children[1].assignee: must not be empty" in result.output
