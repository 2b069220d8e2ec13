"""The served folder: the only files the editor reads or writes are the `*.yaml`/`*.yml`
sources directly inside it, named by a bare file name that resolves inside it (no `/`, no
`..`, no hidden file, no link leading out)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import NoticeError, SourceError
from ..profile import doctypes
from ..profile import vietnamese as vi
from ..source.loader import iter_source_files, load_source
from ..source.models import parse_notice

_NAME = re.compile(r"[^/\\\x00-\x1f.][^/\\\x00-\x1f]{0,200}\.ya?ml")


class OutsideFolderError(NoticeError):
    """A name that is not a source directly inside the served folder (or does not exist)."""


@dataclass(frozen=True)
class Entry:
    """One line of the list of notices."""

    name: str
    kind: str
    number: str  # `1730/TB-VP`, or "" for a draft
    date: str
    subject: str
    problems: int  # 0: the source validates
    error: str = ""  # the first problem, for the tooltip


class SourceFolder:
    """The folder `notice serve` works in."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()

    def path_of(self, name: str, *, new: bool = False) -> Path:
        """The source called `name`: it must exist, or with `new` must not exist yet."""
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise OutsideFolderError(f"{name!r} is not the name of a source in this folder")
        path = self.root / name
        if path.resolve().parent != self.root or path.is_symlink():
            raise OutsideFolderError(f"{name!r} is not the name of a source in this folder")
        if new and path.exists():
            raise OutsideFolderError(f"{name} already exists; choose another name")
        if not new and not path.is_file():
            raise OutsideFolderError(f"{name} does not exist in this folder")
        return path

    def entries(self) -> list[Entry]:
        """Every source of the folder with its number, date, trích yếu and validity."""
        out = []
        for path in iter_source_files([self.root]):
            if path.is_symlink() or path.name.startswith("."):
                continue
            out.append(_entry(path))
        return out


def _entry(path: Path) -> Entry:
    try:
        source = load_source(path)
    except SourceError as exc:
        return Entry(path.name, "", "", "", "", len(exc.problems), str(exc.problems[0].message))
    data = source.data
    try:
        notice = parse_notice(source)
    except SourceError as exc:
        return Entry(
            path.name,
            str(data.get("kind", "")),
            str(data.get("number") or ""),
            str(data.get("date") or ""),
            str(data.get("subject") or ""),
            len(exc.problems),
            f"{exc.problems[0].field}: {exc.problems[0].message}",
        )
    number = "" if notice.is_draft else f"{vi.format_number(notice.number)}/"
    number += doctypes.symbol_of(notice) if number else ""
    date = notice.date
    when = "" if date is None else "/".join(
        str(p) for p in (date.day, date.month, date.year) if p is not None
    )
    return Entry(path.name, notice.kind, number, when, notice.subject, 0)
