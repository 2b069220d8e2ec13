"""A register that starts where the office is, and never hands out a number twice.

- An office adopting the tool has issued sources already: `import_sources` records every one
  of them (the highest number of each body, ký hiệu and year is then where the register goes
  on), and `set_last_number` records where an office already is when its earlier notices are
  not sources (VPCP at 623 in November).
- Before a register is created — a first run, a deleted or emptied (0-byte) file, a typo in
  `--register` — `refuse_new_register` stops an issue when issued sources lie beside it: a
  new register would start again at 01 over them.
- A number written by hand in a source is checked against the register: `carried_clash`
  names both files when the register, or another source, holds the same number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, RegisterError, SourceError
from ..profile import doctypes
from ..profile import vietnamese as vi
from ..source.loader import iter_source_files, load_source
from ..source.models import Notice, parse_notice
from .store import Register, RegisterEntry


@dataclass(frozen=True)
class Carried:
    """A source that carries a number: issued, by this tool or by hand."""

    source: Path
    number: int
    body: str | None  # None when the source is not valid (its sequence cannot be told)
    symbol: str | None
    year: int | None
    notice: Notice | None = None

    @property
    def key(self) -> tuple[str | None, str | None, int | None, int]:
        return (self.body, self.symbol, self.year, self.number)

    @property
    def number_symbol(self) -> str:
        return f"{vi.format_number(self.number)}/{self.symbol or '?'}"

    def __str__(self) -> str:
        year = f" năm {self.year}" if self.year else ""
        return f"{self.source} (số {self.number_symbol}{year})"


def sequence_of(notice: Notice) -> str:
    """The issuing body whose numbers run together: the lines of ô 2, parent first."""
    return "\n".join(notice.header_lines)


def carried_numbers(paths: Iterable[Path]) -> tuple[list[Carried], list[Problem]]:
    """Every source under `paths` (files, or folders read one level deep) that carries a
    number, and the problems of the invalid ones."""
    carried: list[Carried] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in iter_source_files([Path(p) for p in paths if Path(p).exists()]):
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            source = load_source(path)
        except SourceError as exc:
            problems += exc.problems
            continue
        number = source.data.get("number") if isinstance(source.data, dict) else None
        try:
            notice = parse_notice(source)
        except SourceError as exc:
            problems += exc.problems
            if isinstance(number, int) and not isinstance(number, bool):
                carried.append(Carried(path, number, None, None, None))
            continue
        if notice.number is not None and notice.date is not None:
            symbol = doctypes.symbol_of(notice)
            year = notice.date.year
            carried.append(Carried(path, notice.number, sequence_of(notice), symbol, year, notice))
    return carried, problems


def scope_of(register_path: Path, sources: Iterable[Path]) -> list[Path]:
    """The folders whose sources a register's numbers must not repeat: the register's own
    and those of the sources being issued."""
    folders = {Path(register_path).resolve().parent}
    folders |= {(p if p.is_dir() else p.parent).resolve() for p in map(Path, sources)}
    return sorted(folders)


def _has_content(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def _listing(carried: list[Carried], at_most: int = 3) -> str:
    shown = "; ".join(str(c) for c in carried[:at_most])
    return shown + ("; …" if len(carried) > at_most else "")


def _unstarted(register_path: Path, carried: list[Carried]) -> RegisterError:
    state = "is empty" if Path(register_path).exists() else "does not exist"
    folder = Path(register_path).parent
    return RegisterError(
        f"{register_path}: the register {state}, but {len(carried)} issued source(s) lie "
        f"beside it: {_listing(carried)}. A new register would give their numbers again: "
        f"record them first with `notice register import {folder}`, or name the register "
        "that holds them with --register"
    )


def refuse_new_register(register_path: Path, scope: list[Path]) -> list[Carried]:
    """Raise RegisterError when `register_path` is missing or empty (0 bytes) while issued
    sources lie in `scope`; else return the sources of `scope` that carry a number. Nothing
    is created or changed here."""
    register_path = Path(register_path)
    carried, _ = carried_numbers(scope)
    if carried and not _has_content(register_path):
        raise _unstarted(register_path, carried)
    return carried


def check_started(register: Register, carried: list[Carried]) -> None:
    """Inside the register's write lock: a register that holds nothing yet may not start
    numbering next to issued sources (another issuer may have started it meanwhile)."""
    if carried and not register.is_started():
        raise _unstarted(register.path, carried)


def _registered_source(register: Register, entry: RegisterEntry) -> Path:
    return (register.path.parent / entry.source).resolve()


def carried_clash(
    register: Register, source: Path, key: tuple[str, str, int, int], carried: list[Carried]
) -> str | None:
    """Why the number `key` (body, ký hiệu, year, number) cannot be `source`'s: the register
    gave it to another source, or another source carries it by hand; None when it can."""
    body, symbol, year, number = key
    shown = f"số {vi.format_number(number)}/{symbol} năm {year}"
    entry = register.entry_at(body, symbol, year, number)
    if entry is not None and _registered_source(register, entry) != Path(source).resolve():
        return f"{source}: {shown} is already registered for {entry.source}"
    for other in carried:
        mine = other.source.resolve() == Path(source).resolve()
        if entry is None and other.key == key and not mine:
            return f"{source}: {shown} is also carried by {other.source}"
    return None


@dataclass
class ImportReport:
    """What `notice register import` recorded: one entry per issued source, the sources
    already in the register, and the highest number of each sequence afterwards."""

    register: Path
    recorded: list[RegisterEntry] = field(default_factory=list)
    already: list[Path] = field(default_factory=list)
    highest: dict[tuple[str, str, int], int] = field(default_factory=dict)


def import_sources(folder: Path, register_path: Path | None = None) -> ImportReport:
    """Record every issued source of `folder` in the register (created when missing), in
    one transaction: all of them, or none when a source is invalid or two numbers clash.

    Raises SourceError (every problem of every invalid source) or RegisterError (the clashes,
    each naming both files).
    """
    from .issuance import entry_for

    folder = Path(folder)
    register_path = Path(register_path) if register_path else folder / "register.sqlite"
    carried, problems = carried_numbers([folder])
    if problems:
        raise SourceError(problems)
    clashes: list[str] = []
    first: dict[tuple, Carried] = {}
    for item in carried:
        if item.key in first:
            clashes.append(
                f"{item.source}: số {item.number_symbol} năm {item.year} is also carried by "
                f"{first[item.key].source}"
            )
        first.setdefault(item.key, item)
    report = ImportReport(register_path)
    with Register.open(register_path) as register, register.writing():
        for item in first.values():
            assert item.notice is not None and item.body and item.symbol and item.year
            entry = register.entry_at(item.body, item.symbol, item.year, item.number)
            if entry is not None:
                if _registered_source(register, entry) == item.source.resolve():
                    report.already.append(item.source)
                else:
                    clashes.append(
                        f"{item.source}: số {item.number_symbol} năm {item.year} is already "
                        f"registered for {entry.source}"
                    )
                continue
            date = item.notice.date
            assert date is not None and date.month is not None and date.day is not None
            new = entry_for(
                item.notice, item.source, register.path, item.number,
                dt.date(date.year, date.month, date.day), item.source.read_bytes(),
                note="imported from the source",
            )  # fmt: skip
            register.record(new)
            report.recorded.append(new)
        if clashes:
            raise RegisterError("\n".join(clashes))
        for entry in register.entries():
            key = (entry.body, entry.symbol, entry.year)
            report.highest[key] = max(report.highest.get(key, 0), entry.number)
    return report


@dataclass(frozen=True)
class SetReport:
    """Where `notice register set` left a sequence: its next number."""

    register: Path
    body: str
    symbol: str
    year: int
    last_number: int

    @property
    def next_number(self) -> int:
        return self.last_number + 1


def set_last_number(
    like: Path, year: int, last_number: int, register_path: Path | None = None
) -> SetReport:
    """Record that the body and ký hiệu of the source `like` already reached `last_number`
    in `year` (the register is created when missing): its next number is the one after.

    Raises SourceError (invalid `like`) or RegisterError (the register already went past it).
    """
    like = Path(like)
    notice = parse_notice(load_source(like))
    body, symbol = sequence_of(notice), doctypes.symbol_of(notice)
    register_path = Path(register_path) if register_path else like.parent / "register.sqlite"
    with Register.open(register_path) as register, register.writing():
        last = register.last(body, symbol, year)
        if last is not None and last.number > last_number:
            raise RegisterError(
                f"{register_path}: số {last.number_symbol} năm {year} is already registered "
                f"(for {last.source}); the register cannot go back to {last_number}"
            )
        register.set_floor(body, symbol, year, last_number, f"set by hand from {like.name}")
    return SetReport(register_path, body, symbol, year, last_number)
