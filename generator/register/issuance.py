"""From draft to issued: give a draft the next number of its sequence and its issue date,
record it in the register, and write both back into the YAML source without touching
anything else in it (comments, layout, quoting and line endings stay byte for byte).

One number is one `BEGIN IMMEDIATE` transaction of the register (R-SO-1, Điều 15):

1. reconcile what stopped issuers left pending (see `register.py`);
2. read the source again, under the lock: a source that already has a number is refused;
3. take the next number, insert its row;
4. note the pending issue beside the register (flushed to disk);
5. write the source with its number and date (temporary file, flushed, renamed);
6. commit; then remove the pending note.

A process killed anywhere leaves either nothing (before 5), or a source with its number
and a pending note that the next issuer turns into the missing row (between 5 and 6).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from ..build.results import Report
from ..convert.base import Converter
from ..errors import IssueError, Problem, RegisterError, SourceError
from ..files import sha256_bytes, write_durably
from ..profile import doctypes
from ..source.loader import iter_source_files
from ..source.models import Notice
from ..source.notices import load_notice
from . import adoption
from .adoption import Carried, carried_clash, check_started, refuse_new_register, scope_of
from .store import Reconciled, Register, RegisterEntry, default_register

#: The steps of an issue that `on_step(step)` is told of, in order: the number is in the
#: register but not yet in the source; in both but not committed; committed. A crash test
#: passes a hook that stops there to kill the process (tests/support/crash.py).
STEPS = ("before-source-write", "after-source-write", "after-commit")
OnStep = Callable[[str], None]


@dataclass
class Issued:
    """What happened to one source: its register entry, or why it was not issued."""

    source: Path
    entry: RegisterEntry | None = None
    error: str | None = None
    problems: list[Problem] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)  # the issued PDFs (electronic flow)

    @property
    def ok(self) -> bool:
        return self.entry is not None


@dataclass
class IssueReport:
    """The results of `notice issue`, in source order, what reconciliation did, and the
    render of the issued sources (None when not rendered)."""

    register: Path
    results: list[Issued]
    reconciled: list[Reconciled] = field(default_factory=list)
    rendered: Report | None = None

    @property
    def ok(self) -> bool:
        rendered = self.rendered is None or self.rendered.ok
        return bool(self.results) and all(r.ok for r in self.results) and rendered


def issue_and_render(
    paths: Iterable[Path],
    date: dt.date,
    register_path: Path | None = None,
    out_dir: Path | None = None,
    formats: Iterable[str] = ("docx", "pdf"),
    converter: Converter | None = None,
) -> IssueReport:
    """`issue_sources`, then render what was issued into `out_dir` (when given)."""
    report = issue_sources(paths, date, register_path)
    issued = [r.source for r in report.results if r.ok]
    if out_dir is not None and issued:
        from ..build import pipeline

        report.rendered = pipeline.render(
            issued, Path(out_dir), tuple(formats), converter=converter
        )
    return report


def issue_sources(
    paths: Iterable[Path],
    date: dt.date,
    register_path: Path | None = None,
    *,
    on_step: OnStep | None = None,
) -> IssueReport:
    """Issue every draft under `paths` on `date`, in order, each in its own transaction.

    A source that cannot be issued does not stop the others; its result says why.
    `on_step` is told of each of the `STEPS` of each issue. Raises RegisterError when the
    register cannot be used at all.
    """
    sources = list(iter_source_files([Path(p) for p in paths]))
    register_path = Path(register_path) if register_path else default_register(list(paths))
    carried = refuse_new_register(register_path, scope_of(register_path, sources))
    results = []
    with Register.open(register_path) as register:
        for source in sources:
            result = Issued(source)
            try:
                result.entry = issue_source(register, source, date, on_step, carried=carried)
            except SourceError as exc:
                result.problems = exc.problems
            except (IssueError, RegisterError) as exc:
                result.error = str(exc)
            results.append(result)
        return IssueReport(register_path, results, list(register.reconciled))


#: What `issue_source` writes besides the source, made once the number is known (the
#: electronic flow, `register/esign.py`): the `signed` row of the register and the files,
#: each written durably before the source, and removed again by reconciliation if the
#: source never got its number.
Signed = tuple[dict, list[tuple[Path, bytes]]]
SignStep = Callable[[Notice, RegisterEntry], Signed]


def issue_source(
    register: Register,
    source: Path,
    date: dt.date,
    on_step: OnStep | None = None,
    sign: SignStep | None = None,
    *,
    carried: list[Carried] | None = None,
) -> RegisterEntry:
    """Give the draft `source` the next number of its sequence and `date`; return its entry.
    With `sign`, also write the files it makes for the entry (see `Signed`). `carried`: the
    sources beside it that carry a number (`adoption.refuse_new_register`), whose numbers the
    register must not give again.

    Raises SourceError (invalid source), IssueError (already issued, date before the last
    issued one, a number carried by another source, cannot be written back) or RegisterError
    (an empty register next to issued sources); whatever `sign` raises.
    """
    source = Path(source)
    carried = carried or []
    step = on_step or (lambda name: None)
    with register.writing():
        check_started(register, carried)
        notice = load_notice(source)
        raw = _read(source)
        if notice.number is not None:
            raise IssueError(_numbered(register, source, notice, carried))
        body, symbol, year = sequence_of(notice), _symbol(notice), date.year
        last = register.last(body, symbol, year)
        if last is not None and last.issued_on > date:
            raise IssueError(
                f"{source}: {last.number_symbol} was issued on {_short(last.issued_on)}; "
                f"a later number cannot carry the earlier date {_short(date)}"
            )
        number = register.next_number(body, symbol, year)
        clash = carried_clash(register, source, (body, symbol, year, number), carried)
        if clash is not None:
            raise IssueError(f"{clash}; {source.name} was not issued, nothing was written")
        text = with_number_and_date(raw.decode("utf-8"), number, date, source)
        data = text.encode("utf-8")
        entry = _entry(notice, source, register.path, body, symbol, number, date, data)
        register.record(entry)
        pending, files = _write_signed(register, notice, entry, source, sign)
        step("before-source-write")
        try:
            write_durably(source, data)
        except OSError as exc:
            for path, _ in files:
                path.unlink(missing_ok=True)
            pending.unlink(missing_ok=True)
            raise IssueError(f"{source}: cannot write the number back: {exc.strerror}") from exc
        step("after-source-write")
    step("after-commit")
    pending.unlink(missing_ok=True)
    return entry


def _numbered(register: Register, source: Path, notice: Notice, carried: list[Carried]) -> str:
    """Why a source that already carries a number is not issued: issued by the register, a
    clash with another source, or a number written by hand that the register does not know."""
    assert notice.number is not None
    when = f" ngày {_short(notice.date)}" if notice.date else ""
    if notice.date is None or notice.date.day is None:
        shown = _number_symbol(notice)
        return f"{source}: already carries số {shown}; a number is given only once"
    key = (sequence_of(notice), _symbol(notice), notice.date.year, notice.number)
    clash = carried_clash(register, source, key, carried)
    if clash is not None:
        return clash
    if register.entry_at(*key) is None:
        return (
            f"{source}: carries số {_number_symbol(notice)}{when} written by hand, which the "
            f"register has not given: record it with `notice register import {source.parent}`"
        )
    shown = _number_symbol(notice)
    return f"{source}: already issued as số {shown}{when}; a number is given only once"


def _write_signed(
    register: Register, notice: Notice, entry: RegisterEntry, source: Path, sign: SignStep | None
) -> tuple[Path, list[tuple[Path, bytes]]]:
    """Record what `sign` makes for `entry`, note the pending issue with its files, and
    write them durably; return the pending note and the files. On a write error nothing
    is left behind (IssueError)."""
    row, files = sign(notice, entry) if sign is not None else (None, [])
    if row is not None:
        register.record_signed(row)
    pending = register.write_pending(entry, source, row, [path for path, _ in files])
    try:
        for path, content in files:
            write_durably(path, content)
    except OSError as exc:
        for path, _ in files:
            path.unlink(missing_ok=True)
        pending.unlink(missing_ok=True)
        raise IssueError(f"{exc.filename}: cannot write: {exc.strerror}") from exc
    return pending, files


def sequence_of(notice: Notice) -> str:
    """The issuing body whose numbers run together: the lines of ô 2, parent first."""
    return adoption.sequence_of(notice)


def entry_for(
    notice: Notice,
    source: Path,
    register: Path,
    number: int,
    date: dt.date,
    data: bytes,
    *,
    note: str = "",
) -> RegisterEntry:
    """The register entry of `notice`, written as the bytes `data` in `source`, carrying
    `number` and `date` (`notice register import` records such entries)."""
    body, symbol = sequence_of(notice), _symbol(notice)
    entry = _entry(notice, source, register, body, symbol, number, date, data)
    return replace(entry, note=note)


def with_number_and_date(text: str, number: int, date: dt.date, where: Path | str = "") -> str:
    """The source `text` with `number:` and `date:` set, everything else byte-identical.

    An existing `number:` (empty or null) or `date:` (e.g. `2020-05`) has its value
    replaced in place, keeping any comment after it; a missing one is added as its own
    line: `number` before `date`, or both after `place`. Raises IssueError when the
    source's shape does not allow a safe edit (the result is re-read and compared).
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise IssueError(f"{where}: cannot read the YAML: {exc}") from exc
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise IssueError(f"{where}: write the source as a block mapping (key: value lines)")
    nodes = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    newline = "\r\n" if "\r\n" in text else "\n"
    values = {"number": str(number), "date": date.isoformat()}
    edits: list[tuple[int, int, str]] = []
    missing = []
    for key, value in values.items():
        if key not in nodes:
            missing.append(key)
            continue
        _, node = nodes[key]
        if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">"):
            raise IssueError(f"{where}: write `{key}:` on one line to let it be filled in")
        start, end = node.start_mark.index, node.end_mark.index
        edits.append((start, end, f" {value}" if start == end else value))
    if missing:
        if "date" in nodes and missing == ["number"]:
            at = _line_start(text, nodes["date"][0].start_mark.index)
        else:
            after = nodes.get("number") or nodes.get("place") or nodes.get("agency")
            if after is None:
                raise IssueError(f"{where}: no `place:` line to put the number and date after")
            at = _next_line_start(text, after[1].end_mark.index)
        indent = " " * root.value[0][0].start_mark.column
        lines = "".join(f"{indent}{key}: {values[key]}{newline}" for key in missing)
        if at == len(text) and text and not text.endswith("\n"):
            lines = newline + lines
        edits.append((at, at, lines))
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    _check_edit(text, number, date, where)
    return text


def _check_edit(text: str, number: int, date: dt.date, where: Path | str) -> None:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise IssueError(f"{where}: writing the number would break the YAML: {exc}") from exc
    if not (isinstance(data, dict) and data.get("number") == number and data.get("date") == date):
        raise IssueError(f"{where}: cannot write the number and date safely into this layout")


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _next_line_start(text: str, index: int) -> int:
    if index > 0 and text[index - 1] == "\n":
        return index  # a block scalar ends at the start of the next line
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _entry(
    notice: Notice,
    source: Path,
    register: Path,
    body: str,
    symbol: str,
    number: int,
    date: dt.date,
    data: bytes,
) -> RegisterEntry:
    from ..profile import vietnamese as vi

    archive = notice.archive
    lines = vi.format_archive_line(
        archive.unit_names, archive.copies, copies_space=archive.copies_space
    )  # `Lưu: VT, KGVX(2).`
    try:
        shown = Path(os.path.relpath(source.resolve(), register.resolve().parent)).as_posix()
    except ValueError:  # another drive (Windows)
        shown = str(source.resolve())
    return RegisterEntry(
        body=body,
        symbol=symbol,
        year=date.year,
        number=number,
        issued_on=date,
        type_name=doctypes.kind_of(notice.kind).doc_type.name,
        subject=notice.subject_line,
        signer=notice.signer.name,
        signer_position=notice.signer.position,
        recipients=tuple(
            f"{r.name} ({r.remark})" if r.remark else r.name for r in notice.recipients
        ),
        archive=lines.removeprefix("Lưu: ").rstrip("."),
        copies=archive.issued_copies,
        source=shown,
        source_sha256=sha256_bytes(data),
        recorded_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )


def _symbol(notice: Notice) -> str:
    return doctypes.symbol_of(notice)


def _number_symbol(notice: Notice) -> str:
    from ..profile import vietnamese as vi

    return f"{vi.format_number(notice.number)}/{_symbol(notice)}"


def _short(date: object) -> str:
    from ..profile import vietnamese as vi

    if isinstance(date, dt.date):
        return vi.format_short_date(date.year, date.month, date.day)
    year, month, day = (getattr(date, k, None) for k in ("year", "month", "day"))
    if day is None:
        return f"{month}/{year}" if month else str(year)
    return vi.format_short_date(year, month, day)


def _read(source: Path) -> bytes:
    try:
        return source.read_bytes()
    except OSError as exc:
        raise IssueError(f"{source}: cannot read: {exc.strerror}") from exc
