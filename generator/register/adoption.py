"""A register that never hands out a number twice (and `intake.py`: one that starts where
the office is).

- Before a register is created — a first run, a deleted or emptied (0-byte) file, a typo in
  `--register` — `refuse_new_register` stops an issue when issued sources lie beside it: a
  new register would start again at 01 over them.
- A number written by hand in a source is checked against the register: `carried_clash`
  names both files when the register, or another source, holds the same number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, RegisterError, SourceError
from ..profile import doctypes
from ..profile import vietnamese as vi
from ..source.issuer import header_lines
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
    lines = header_lines(notice.agency)
    return "\n".join(" ".join(line.split("\n")) for line in lines)  # a break is layout only


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


def registered_source(register: Register, entry: RegisterEntry) -> Path:
    return (register.path.parent / entry.source).resolve()


def carried_clash(
    register: Register, source: Path, key: tuple[str, str, int, int], carried: list[Carried]
) -> str | None:
    """Why the number `key` (body, ký hiệu, year, number) cannot be `source`'s: the register
    gave it to another source, or another source carries it by hand; None when it can."""
    body, symbol, year, number = key
    shown = f"số {vi.format_number(number)}/{symbol} năm {year}"
    entry = register.entry_at(body, symbol, year, number)
    if entry is not None and registered_source(register, entry) != Path(source).resolve():
        return f"{source}: {shown} is already registered for {entry.source}"
    for other in carried:
        mine = other.source.resolve() == Path(source).resolve()
        if entry is None and other.key == key and not mine:
            return f"{source}: {shown} is also carried by {other.source}"
    return None
