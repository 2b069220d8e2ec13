"""File helpers every stage uses, each written once: atomic and durable writes, SHA-256, and
the names of a PDF's sidecar files; and the guards on what is read: regular files of bounded
size only (a named pipe or a device would hang or flood a read), paths kept inside a folder,
and an advisory lock."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import OutputError


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Call `write(tmp)` then rename tmp over `path`; on failure leave `path` untouched."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def blocking_file(path: Path) -> Path | None:
    """The file standing where a folder above `path` should be, or None."""
    parent = Path(path).parent
    return next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()), None)


def write_output(path: Path, data: bytes) -> Path:
    """Write a file a person asked for (an export, a list) atomically, its folder made when
    missing; raise OutputError naming the file and the cause (permission, read-only or full
    disk, a folder in the way)."""
    path = Path(path)
    blocking = blocking_file(path)
    if blocking is not None:
        raise OutputError(f"{path}: cannot write: {blocking} is a file, not a folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, lambda tmp: tmp.write_bytes(data))
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from exc
    return path


def write_durably(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, flushed to disk, then renamed, with
    the folder flushed too: after a crash the file is either old or new, never half."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    if hasattr(os, "O_DIRECTORY"):  # POSIX: make the rename itself durable
        fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def sha256_bytes(data: bytes) -> str:
    """The SHA-256 of `data`, hex."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """The SHA-256 of a regular file's bytes, hex (`open_regular`: a pipe or a device is
    refused, not read forever)."""
    digest = hashlib.sha256()
    with open_regular(path) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sidecar_path(pdf: Path, suffix: str) -> Path:
    """`x.pdf` (or its signed copy `x.signed.pdf`) → `x<suffix>`, e.g. `x.meta.json`."""
    pdf = Path(pdf)
    return pdf.with_name(pdf.name.removesuffix(".pdf").removesuffix(".signed") + suffix)


class UnreadableFileError(OSError):
    """A path that is not a regular file (a named pipe, a device, a folder, a socket), or one
    larger than its limit: refused before a byte is read, so nothing can hang or flood memory.
    An `OSError`, so every caller that reports `exc.strerror` already names the cause."""


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_regular(path: Path, limit: int | None = None) -> os.stat_result:
    """The `stat` of `path` (symlinks followed) when it is a regular file of at most `limit`
    bytes; raise `UnreadableFileError` otherwise (FileNotFoundError when it is missing)."""
    info = os.stat(path)
    _refuse(path, info, limit)
    return info


def _refuse(path: Path, info: os.stat_result, limit: int | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableFileError(errno.EINVAL, f"not a regular file: {_kind(info.st_mode)}",
                                  str(path))  # fmt: skip
    if limit is not None and info.st_size > limit:
        raise UnreadableFileError(errno.EFBIG, f"file is larger than {limit:,} bytes", str(path))


def open_regular(path: Path, limit: int | None = None) -> BinaryIO:
    """Open a regular file for reading, never blocking: a named pipe is opened without
    waiting for a writer and then refused, like a device or a folder (`check_regular`)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        _refuse(path, os.fstat(fd), limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (`open_regular`); a file that
    grows past the limit while it is read is refused too."""
    with open_regular(path, limit) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFileError(errno.EFBIG, f"file is larger than {limit:,} bytes", str(path))
    return data


def is_within(path: Path, root: Path) -> bool:
    """True when `path`, every symlink resolved, lies inside the folder `root` (resolved too):
    neither `..` nor a symlink can lead out of it."""
    try:
        Path(path).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return False
    return True


def disk_full(folder: Path, margin: int = 1_000_000) -> bool:
    """True when less than `margin` bytes are free on the disk holding `folder` (a tool
    that failed there without saying why most likely ran out of space)."""
    try:
        info = os.statvfs(folder)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return False
    return info.f_bavail * info.f_frsize < margin


def repository_root(path: Path) -> Path:
    """The repository a file belongs to: the nearest folder at or above it holding `.git`,
    else the file's own folder."""
    folder = Path(os.path.abspath(path)).parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on `path`, a folder or a file, for the block; another
    process asking for it waits. Where `fcntl` is missing (Windows) the block only runs."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
