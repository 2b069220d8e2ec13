"""What SQLite answers, as a person reads it, and waiting on a register another process
holds: the register's messages name the real cause (a full or read-only disk, a missing
permission, a lock) rather than one generic error."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from ..files import disk_full

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
