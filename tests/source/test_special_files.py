"""Special files and unbounded reads (issue 16): a named pipe, /dev/zero or a symlink to it, a
folder, or a file past its limit, given as a source, inside a folder of sources, as a file to
check, or met by `watch` — each refused unread with the file and the cause named, exit 1,
within seconds; the other sources of a batch are still rendered."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.files import UnreadableFileError, check_regular, read_bounded

from ..support.readback import NOTICES, ROOT
from ..support.streams import LineReader

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"
KINDS = {
    "fifo": "not a regular file: a named pipe (FIFO)",
    "dev-zero": "not a regular file: a character device",
    "symlink-to-dev-zero": "not a regular file: a character device",
    "folder": "not a regular file: a folder",
}


def _special(path: Path, kind: str) -> Path:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        return Path("/dev/zero")
    elif kind == "symlink-to-dev-zero":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    return path


def _notice(*args: str | Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--lang", "en", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink-to-dev-zero"])
@pytest.mark.parametrize("command", ["validate", "render"])
def test_a_special_file_as_a_source(tmp_path, kind, command):
    """`notice validate|render x.yaml`: exit 1, `x.yaml:1:1: cannot read file: …`."""
    source = _special(tmp_path / "x.yaml", kind)
    started = time.monotonic()
    args = ("render", source, "-o", tmp_path / "out", "--format", "docx") if command == "render" \
        else ("validate", source)  # fmt: skip
    run = _notice(*args)
    assert time.monotonic() - started < 60
    assert run.returncode == 1, run.stderr
    assert f"{source}" in run.stderr and KINDS[kind] in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero", "folder"])
def test_a_special_file_in_a_folder_of_sources(tmp_path, kind):
    """A batch over a folder holding one: that one fails with its cause, the others render."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "a.yaml")
    _special(src / "b.yaml", kind)
    run = _notice("render", src, "-o", tmp_path / "out", "--format", "docx", "--check", "none")
    assert run.returncode == 1, run.stderr
    assert f"{src / 'b.yaml'}" in run.stderr and KINDS[kind] in run.stderr, run.stderr
    assert (tmp_path / "out" / "a.docx").is_file()


def test_a_source_past_the_size_limit_is_refused_unread(tmp_path):
    """A sparse 3 GB source: refused by its size before a byte is read."""
    source = tmp_path / "big.yaml"
    with open(source, "wb") as fh:
        fh.truncate(3 * 2**30)
    started = time.monotonic()
    run = _notice("validate", source)
    assert time.monotonic() - started < 60 and run.returncode == 1, run.stderr
    assert f"{source}:1:1: file is larger than 2,000,000 bytes" in run.stderr, run.stderr


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero"])
def test_a_special_file_to_check(tmp_path, kind):
    """`notice check x.pdf` on a pipe or /dev/zero: exit 1, the file and the cause named."""
    target = _special(tmp_path / "x.pdf", kind)
    run = _notice("check", target)
    assert run.returncode == 1, run.stdout + run.stderr
    assert str(target) in run.stdout + run.stderr and KINDS[kind] in run.stdout + run.stderr


@pytest.mark.parametrize(
    ("kind", "cause"),
    [("fifo", errno.EINVAL), ("dev-zero", errno.EINVAL), ("big", errno.EFBIG)],
)
def test_read_bounded_refuses_before_reading(tmp_path, kind, cause):
    """files.read_bounded: an OSError naming the kind of file, or the limit."""
    path = tmp_path / "f"
    if kind == "big":
        path.write_bytes(b"x" * 101)
    else:
        path = _special(path, kind)
    with pytest.raises(UnreadableFileError) as caught:
        read_bounded(path, 100)
    assert caught.value.errno == cause and caught.value.filename == str(path)
    assert read_bounded(SEED, 2_000_000) == SEED.read_bytes()
    assert check_regular(SEED).st_size == SEED.stat().st_size


def test_watch_meets_a_named_pipe(tmp_path):
    """`notice watch` over a folder holding a pipe says once why it cannot be read, renders
    the others and keeps watching."""
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "a.yaml")
    os.mkfifo(src / "b.yaml")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "--lang", "en", "watch", str(src), "-o", str(out),
         "--format", "docx"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    stdout, stderr = LineReader(proc.stdout), LineReader(proc.stderr)
    try:
        stdout.until(lambda lines: any("a.docx" in line for line in lines), timeout=120)
        stderr.until(lambda lines: any("b.yaml" in line for line in lines), timeout=120)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        errors = stderr.rest(timeout=60)
        stdout.rest(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
    assert "Traceback" not in errors and KINDS["fifo"] in errors, errors
    assert errors.count("b.yaml") == 1, errors
    assert proc.returncode == 0 and "stopped" in stdout.lines[-1]


@pytest.mark.parametrize("command", [("verify",), ("sign", "--manifest-only")])
def test_a_special_file_to_sign_or_verify(tmp_path, command):
    """`notice verify` and `notice sign` on a pipe: exit 1, the file and the cause named."""
    target = _special(tmp_path / "x.pdf", "fifo")
    run = _notice(*command, target, timeout=60)
    assert run.returncode == 1, run.stdout + run.stderr
    assert str(target) in run.stdout + run.stderr
    assert KINDS["fifo"] in run.stdout + run.stderr and "Traceback" not in run.stderr
