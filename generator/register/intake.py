"""A register that starts where the office is: `import_sources` records every issued source
of a folder (the highest number of each body, ký hiệu and year is then where the register
goes on), and `set_last_number` records where an office already is when its earlier notices
are not sources (VPCP at 623 in November)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RegisterError, SourceError
from ..profile import doctypes
from ..source.loader import load_source
from ..source.models import parse_notice
from .adoption import Carried, carried_numbers, registered_source, sequence_of
from .issuance import entry_for
from .store import Register, RegisterEntry


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
                if registered_source(register, entry) == item.source.resolve():
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
