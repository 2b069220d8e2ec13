"""The register under faults (issue 16): a fresh register used by 32 processes at once, files
that are not registers, a full and a read-only disk — each a clear message naming the real
cause, exit 1, nothing issued twice and no source changed."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import RegisterError
from generator.register.store import Register, RegisterEntry

from ..support.readback import ROOT
from .test_store import DRAFT

ENTRY = RegisterEntry(
    body="ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG", symbol="TB-UBND", year=2024, number=1,
    issued_on=dt.date(2024, 3, 15), type_name="Thông báo", subject="Kết luận", signer="A",
    signer_position="PHÓ CHỦ TỊCH", recipients=("Các sở",), archive="VT", copies=None,
    source="x.yaml", source_sha256="0" * 64,
)  # fmt: skip


def _take_a_number(path: str, start, results) -> None:
    start.wait()
    try:
        with Register.open(Path(path)) as register, register.writing():
            number = register.next_number(ENTRY.body, ENTRY.symbol, ENTRY.year)
            register.record(dataclasses.replace(ENTRY, number=number))
        results.put(number)
    except RegisterError as exc:
        results.put(str(exc))


def test_a_new_register_used_by_32_processes_at_once(tmp_path):
    """32 processes released together on a register that does not exist yet: it is created
    once, and they take the numbers 1–32, none refused, none twice."""
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    path = str(tmp_path / "register.sqlite")
    workers = [context.Process(target=_take_a_number, args=(path, start, results))
               for _ in range(32)]  # fmt: skip
    for worker in workers:
        worker.start()
    start.set()
    numbers = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert sorted(numbers, key=str) == sorted(range(1, 33), key=str), numbers


def _sqlite(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        for statement in statements:
            conn.execute(statement)
        conn.commit()


def _bad(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "register.sqlite"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "text":
        path.write_text("số đi\n" * 1000, "utf-8")
    elif kind == "other-database":
        _sqlite(path, "CREATE TABLE customers (name TEXT)")
    elif kind == "missing-columns":
        _sqlite(path, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                "INSERT INTO meta VALUES ('format', '1')", "CREATE TABLE issued (body TEXT)")
    elif kind == "newer-format":
        with Register.open(path):
            pass
        _sqlite(path, "UPDATE meta SET value = '2' WHERE key = 'format'")
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("fifo", "not a regular file: a named pipe (FIFO)"),
        ("dev-zero", "not a regular file: a character device"),
        ("folder", "not a regular file: a folder"),
        ("text", "not an SQLite file"),
        ("other-database", "not a register of this tool: it holds the tables customers"),
        ("missing-columns", "not a register of this tool: table issued has no column symbol"),
        ("newer-format", "register format 2, this tool reads 1"),
    ],
)
def test_what_is_not_a_register_is_named(tmp_path, kind, message):
    """Each refused at once with the file and the reason; the file is left as it was."""
    path = _bad(tmp_path, kind)
    before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
    started = time.monotonic()
    with pytest.raises(RegisterError) as caught:
        Register.open(path).close()
    assert time.monotonic() - started < 10
    assert str(path) in str(caught.value) and message in str(caught.value), caught.value
    if before is not None:
        assert path.read_bytes() == before


def _issue(draft: Path, register: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--lang", "en", "issue", str(draft), "--register",
         str(register), "--date", "2024-03-15", "--no-render"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@contextlib.contextmanager
def _tmpfs(path: Path, size: str):
    path.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                   check=True)  # fmt: skip
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def _fill(folder: Path) -> None:
    with open(folder / "filler", "wb", buffering=0) as fh, contextlib.suppress(OSError):
        while True:
            fh.write(b"\0" * 4096)


def test_a_full_disk_is_named_not_a_lock(tmp_path):
    """`notice issue` on a full disk: exit 1 at once, the disk named (not a lock held for
    60 s), the draft unchanged, no number recorded."""
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT, "utf-8")
    with _tmpfs(tmp_path / "small", "256k") as disk:
        register = disk / "register.sqlite"
        with Register.open(register):
            pass
        _fill(disk)
        started = time.monotonic()
        run = _issue(draft, register)
        assert time.monotonic() - started < 30
        assert run.returncode == 1, run.stderr
        assert "locked" not in run.stderr and "Traceback" not in run.stderr, run.stderr
        assert str(register) in run.stderr, run.stderr
        assert f"the disk holding {disk} is full" in run.stderr or (
            "No space left on device" in run.stderr
        ), run.stderr
        (disk / "filler").unlink()
        with Register.open(register) as opened:
            assert opened.entries() == []
    assert draft.read_text("utf-8") == DRAFT


def test_a_read_only_register_is_named(tmp_path):
    """A register on a read-only disk: exit 1, the cause named, the draft unchanged."""
    draft = tmp_path / "draft.yaml"
    draft.write_text(DRAFT, "utf-8")
    with _tmpfs(tmp_path / "ro", "1m") as disk:
        register = disk / "register.sqlite"
        with Register.open(register):
            pass
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        run = _issue(draft, register)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and str(register) in run.stderr, run.stderr
    assert "read-only" in run.stderr.lower(), run.stderr
    assert draft.read_text("utf-8") == DRAFT


def test_a_held_lock_is_named_with_the_time_really_waited(tmp_path, monkeypatch):
    """Another process holding the write lock past the timeout: the message says the
    register stayed locked, for the seconds really waited."""
    from generator.register import database

    path = tmp_path / "register.sqlite"
    with Register.open(path):
        pass
    monkeypatch.setattr(database, "LOCK_TIMEOUT_S", 1.0)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        # opening writes the schema, so it is what waits for the lock here
        with pytest.raises(RegisterError) as caught, Register.open(path):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert f"{path}: the register stayed locked for " in str(caught.value)
    assert "(another issuer?)" in str(caught.value)
