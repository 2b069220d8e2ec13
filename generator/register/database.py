"""What SQLite answers, as a person reads it, and waiting on a register another process
holds: the register's messages name the real cause (a full or read-only disk, a missing
permission, a lock) rather than one generic error."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import RegisterError
from ..files import check_regular, disk_full

#: How long a writer waits for another one to finish before giving up, in seconds.
LOCK_TIMEOUT_S = 60.0


def is_busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


def retry_busy(run: Callable[[], object]) -> None:
    """`run()`, again while SQLite reports the register busy without having waited (which
    its busy handler does not do in every case), until `LOCK_TIMEOUT_S` has passed."""
    deadline = time.monotonic() + LOCK_TIMEOUT_S
    pause = 0.01
    while True:
        try:
            run()
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


#: SQLite's result codes, as a person reads them.
_CAUSES = (
    ("SQLITE_FULL", "the disk is full"),
    ("SQLITE_READONLY", "no permission to write it (or a read-only disk)"),
    ("SQLITE_CANTOPEN", "cannot open the file or its folder (permission?)"),
    ("SQLITE_PERM", "no permission"),
    ("SQLITE_NOTADB", "not an SQLite file"),
    ("SQLITE_CORRUPT", "the file is damaged"),
    ("SQLITE_IOERR", "a read or write of the disk failed (disk full or removed?)"),
    ("SQLITE_BUSY", "locked by another process"),
    ("SQLITE_LOCKED", "locked by another process"),
)


def cause(exc: sqlite3.Error, path: Path | None = None) -> str:
    """What went wrong, named from SQLite's result code (a read-only disk told from a
    missing permission when `path` is given), with SQLite's own words after."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    said = next((why for code, why in _CAUSES if name.startswith(code)), None)
    if path is not None and name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")):
        said = _unwritable(Path(path).parent) or said
    if path is not None and name.startswith(("SQLITE_IOERR", "SQLITE_FULL")):
        said = _full(Path(path).parent) or said
    return f"{said} ({exc})" if said else str(exc)


def _full(folder: Path) -> str | None:
    """`the disk holding … is full` when less than a megabyte is left on it, or None."""
    return f"the disk holding {folder} is full" if disk_full(folder) else None


def _unwritable(folder: Path) -> str | None:
    """Why nothing can be written in `folder` (the register needs its -wal and -shm files
    beside it), or None."""
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"the disk holding {folder} is read-only"
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return f"no permission to write in {folder} (the register needs its -wal and -shm files)"
    return None


def check_schema(path: Path, conn: sqlite3.Connection, columns: Sequence[str]) -> None:
    """Refuse an SQLite file whose tables are not this tool's (another program's database,
    or a register edited by hand), naming what is missing, before any query fails on it.
    A new, empty file passes."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if tables and "meta" not in tables:
        raise RegisterError(
            f"{path}: not a register of this tool: it holds the tables "
            f"{', '.join(sorted(tables))}, not meta and issued"
        )
    for table, wanted in (("meta", ("key", "value")), ("issued", columns)):
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        missing = [c for c in wanted if c not in have] if table in tables else []
        if missing:
            raise RegisterError(
                f"{path}: not a register of this tool: table {table} has no column "
                f"{', '.join(missing)}"
            )


def connect(path: Path, columns: Sequence[str]) -> sqlite3.Connection:
    """A connection to the register file at `path` (created when missing) in WAL mode,
    waiting `LOCK_TIMEOUT_S` for a lock; RegisterError when the path is not a regular file,
    cannot be opened, or holds another program's tables (`check_schema`, before anything is
    written into it)."""
    try:
        if path.exists():
            check_regular(path)  # a FIFO or a device would hang SQLite
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    except OSError as exc:
        raise RegisterError(f"{path}: cannot open the register: {exc.strerror}") from exc
    except sqlite3.Error as exc:
        raise RegisterError(f"{path}: cannot open the register: {cause(exc, path)}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT_S * 1000)}")
        check_schema(path, conn, columns)
        # switching to WAL can report "locked" at once, without waiting, while another
        # process creates the same new register: retried until the lock timeout
        retry_busy(lambda: conn.execute("PRAGMA journal_mode = WAL"))
        conn.execute("PRAGMA synchronous = FULL")  # a commit survives a power cut
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise RegisterError(f"{path}: not a usable register: {cause(exc, path)}") from exc
    except RegisterError:
        conn.close()
        raise
    return conn


def begin_immediate(conn: sqlite3.Connection, path: Path) -> None:
    """`BEGIN IMMEDIATE` (the register's write lock), waiting up to `LOCK_TIMEOUT_S`;
    RegisterError saying it stayed locked, for the seconds really waited, or naming the
    real cause (a full or read-only disk) when it is not a lock."""
    started = time.monotonic()
    try:
        retry_busy(lambda: conn.execute("BEGIN IMMEDIATE"))
    except sqlite3.OperationalError as exc:
        if is_busy(exc):
            raise RegisterError(
                f"{path}: the register stayed locked for "
                f"{time.monotonic() - started:.0f} s (another issuer?)"
            ) from exc
        raise RegisterError(f"{path}: cannot write the register: {cause(exc, path)}") from exc
