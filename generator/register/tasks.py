"""Tasks for follow-up: the conclusion items that carry an assignee or a deadline.

`notice_tasks` is pure: it walks the conclusions tree of one notice with the same
numbering as the printed notice (`numbering.walk`). `collect_tasks` does it for files
and folders; `tasks_csv` and `tasks_ics` write the list for Excel and for calendars.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..build.results import NoticeResult, Report
from ..errors import SourceError
from ..profile import doctypes
from ..profile import vietnamese as vi
from ..profile.numbering import walk
from ..source import markup
from ..source.loader import iter_source_files
from ..source.models import Notice
from ..source.notices import load_notice

FORMATS = ("csv", "ics")
DRAFT = "dự thảo"
#: Longest task text in a CSV cell or a calendar title; the whole text goes in the ICS body.
TEXT_WIDTH = 120
CSV_HEADER = (
    "Số, ký hiệu",
    "Ngày ban hành",
    "Mục",
    "Nội dung",
    "Đơn vị thực hiện",
    "Thời hạn",
    "Tệp nguồn",
)


@dataclass(frozen=True)
class Task:
    """One item to follow up, with the notice it comes from."""

    source: Path
    #: The number as printed after `Số:` (`1730/TB-VP`, `07/TB-UBND`), or `dự thảo`.
    number: str
    #: The issue date as written: `2020-12-21`, a draft's `2020-05`, or empty.
    date: str
    #: The computed labels from the top level down: `3. a)`, `II. 1. a)`, `2.1. -`.
    label: str
    #: The heading, or the first paragraph, shortened to `TEXT_WIDTH` characters.
    text: str
    #: The heading and every paragraph, one per line.
    detail: str
    #: The item's own units, else the nearest enclosing item's, as one line:
    #: `Sở Tài chính`, or `chủ trì: Bộ NN&MT; phối hợp: Bộ Tài chính, Bộ Y tế`.
    assignee: str | None
    deadline: dt.date | None
    #: The same units with their roles: (unit, `chủ trì` / `phối hợp` / None).
    units: tuple[tuple[str, str | None], ...] = ()


def format_assignees(units: Iterable[tuple[str, str | None]]) -> str:
    """Units as one line: without roles `A, B`; with roles grouped in the order they come,
    `chủ trì: A; phối hợp: B, C` (units without a role first)."""
    groups: dict[str | None, list[str]] = {}
    for unit, role in units:
        groups.setdefault(role, []).append(unit)
    plain = groups.pop(None, [])
    parts = [", ".join(plain)] if plain else []
    parts += [f"{role}: {', '.join(names)}" for role, names in groups.items()]
    return "; ".join(parts)


def shorten(text: str, width: int = TEXT_WIDTH) -> str:
    """`text` cut at a word boundary to at most `width` characters, ending with `…`."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


def _number(notice: Notice) -> str:
    if notice.is_draft:
        return DRAFT
    symbol = doctypes.symbol_of(notice)
    return f"{vi.format_number(notice.number)}/{symbol}"


def _date(notice: Notice) -> str:
    d = notice.date
    if d is None:
        return ""
    parts = [f"{d.year:04d}"] + [f"{p:02d}" for p in (d.month, d.day) if p is not None]
    return "-".join(parts)


def notice_tasks(notice: Notice, source: Path) -> list[Task]:
    """The tasks of one notice, in reading order."""
    number, date = _number(notice), _date(notice)

    owners: list[tuple[tuple[str, str | None], ...]] = [()]
    tasks: list[Task] = []
    for event, placed in walk(notice.conclusions, notice.numbering):
        assert placed is not None
        item = placed.item
        if event == "leave":
            owners.pop()
            continue
        units = tuple((a.unit, a.role) for a in item.assignee) or owners[-1]
        owners.append(units)
        if item.assignee or item.deadline:
            texts = [item.heading] if item.heading else []
            texts += [p.text for p in item.paragraphs]
            texts = [markup.plain(t) if notice.markup else t for t in texts]
            tasks.append(
                Task(
                    source=Path(source),
                    number=number,
                    date=date,
                    label=" ".join(placed.path),
                    text=shorten(texts[0].rstrip(" :")) if texts else "",
                    detail="\n".join(texts),
                    assignee=format_assignees(units) or None,
                    deadline=item.deadline,
                    units=units,
                )
            )
    return tasks


def collect_tasks(paths: Iterable[Path]) -> tuple[list[Task], Report]:
    """The tasks of every source under `paths`; a broken source is reported, not fatal."""
    tasks: list[Task] = []
    results = []
    for path in iter_source_files(list(paths)):
        result = NoticeResult(path)
        try:
            tasks += notice_tasks(load_notice(path), path)
        except SourceError as exc:
            result.problems = exc.problems
        results.append(result)
    return tasks, Report(results)


def tasks_csv(tasks: Iterable[Task]) -> bytes:
    """CSV for Excel: UTF-8 with a byte order mark, so Vietnamese opens correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for t in tasks:
        deadline = t.deadline.isoformat() if t.deadline else ""
        row = (t.number, t.date, t.label, t.text, t.assignee or "", deadline, str(t.source))
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


# -- iCalendar (RFC 5545) ----------------------------------------------------------------------


def ics_escape(text: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, `;`, `,` and newlines escaped."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def ics_fold(line: str, limit: int = 75) -> str:
    """Fold a content line into CRLF + space continued lines of at most `limit` octets
    (RFC 5545 §3.1), never splitting a UTF-8 character."""
    lines: list[str] = []
    current, size = "", 0
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            lines.append(current)
            current, size = " ", 1
        current += char
        size += octets
    lines.append(current)
    return "\r\n".join(lines)


def _vietnamese_date(task: Task) -> str:
    parts = [int(p) for p in task.date.split("-")] if task.date else []
    if len(parts) == 3:
        return "ngày " + vi.format_short_date(*parts)
    return "tháng " + "/".join(str(p) for p in reversed(parts)) if parts else ""


def _uid(task: Task) -> str:
    key = f"{task.source.stem}\n{task.label}\n{task.detail}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}@notice"


def _vtodo(task: Task, stamp: str) -> list[str]:
    notice = "Dự thảo thông báo" if task.number == DRAFT else f"Thông báo số {task.number}"
    when = _vietnamese_date(task)
    description = [f"{notice} {when}".strip(), f"Mục {task.label}"]
    if task.assignee:
        description.append(f"Đơn vị thực hiện: {task.assignee}")
    for role in ("chủ trì", "phối hợp"):
        named = [unit for unit, r in task.units if r == role]
        if named:
            description.append(f"Đơn vị {role}: {', '.join(named)}")
    if task.deadline:
        d = task.deadline
        description.append(f"Thời hạn: {vi.format_short_date(d.year, d.month, d.day)}")
    description += ["", task.detail]
    summary = f"{task.label} {task.text}"
    if task.assignee:
        summary = f"{task.assignee}: {summary}"
    lines = [
        "BEGIN:VTODO",
        f"UID:{_uid(task)}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{ics_escape(summary)}",
        f"DESCRIPTION:{ics_escape(chr(10).join(description))}",
    ]
    if task.deadline:
        lines.append(f"DUE;VALUE=DATE:{task.deadline:%Y%m%d}")
    return [*lines, "STATUS:NEEDS-ACTION", "END:VTODO"]


def tasks_ics(tasks: Iterable[Task], stamp: dt.datetime) -> bytes:
    """An iCalendar file with one VTODO per task, DUE on its deadline.

    `stamp` is the DTSTAMP of every VTODO (when the export was made), given by the caller
    so that the same tasks always give the same file.
    """
    utc = stamp.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//notice//Thong bao ket luan//VI",
        "CALSCALE:GREGORIAN",
    ]
    for task in tasks:
        lines += _vtodo(task, utc)
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines).encode("utf-8")


def export_tasks(tasks: Iterable[Task], fmt: str, stamp: dt.datetime) -> bytes:
    """The tasks as `csv` or `ics` bytes."""
    if fmt == "csv":
        return tasks_csv(tasks)
    if fmt == "ics":
        return tasks_ics(tasks, stamp)
    raise ValueError(f"unknown task format {fmt!r}: use one of {', '.join(FORMATS)}")
