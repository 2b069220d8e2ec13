"""Output paths under faults (issue 16): exports to a path that cannot be written end in a
clear message naming the file, exit 1; a render on a full disk names each notice's cause,
never reports a stage as complete when its files are missing, and leaves no temporary
folder."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.register.store import Register

from ..support.readback import NOTICES, ROOT

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


@contextlib.contextmanager
def _tmpfs(path: Path, options: str):
    path.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=True)


def _notice(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "--lang", "en", *map(str, args)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.parametrize("command", ["register-export", "tasks", "schema", "new"])
@pytest.mark.parametrize("where", ["read-only-disk", "parent-is-a-file", "full-disk"])
def test_an_export_to_a_path_that_cannot_be_written(tmp_path, command, where):
    """`register export -o`, `tasks -o`, `schema -o` and `new FILE`: exit 1,
    `error: FILE: cannot write: cause`."""
    register = tmp_path / "register.sqlite"
    with Register.open(register):
        pass
    (tmp_path / "file").write_text("x", "utf-8")
    options = {"read-only-disk": "ro,size=1m", "full-disk": "size=4k"}.get(where)
    with contextlib.ExitStack() as stack:
        if options is None:
            out = tmp_path / "file" / "x.csv"
        else:
            disk = stack.enter_context(_tmpfs(tmp_path / "disk", options))
            if where == "full-disk":
                with open(disk / "filler", "wb", buffering=0) as fh, contextlib.suppress(OSError):
                    while True:
                        fh.write(b"\0" * 1024)
            out = disk / "x.csv"
        if command == "tasks":
            run = _notice("tasks", NOTICES, "--format", "csv", "-o", out)
        elif command == "schema":
            run = _notice("schema", "-o", out)
        elif command == "new":
            out = out.with_suffix(".yaml")
            run = _notice("new", out, "--kind", "TB-VP", "--schema", "https://example.org/s")
        else:
            run = _notice("register", "export", "--register", register, "--format", "csv",
                          "-o", out)  # fmt: skip
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr, run.stderr
        cause = {
            "read-only-disk": "Read-only file system",
            "parent-is-a-file": f"{tmp_path / 'file'} is a file, not a folder",
            "full-disk": "No space left on device",
        }[where]
        assert f"error: {out}: cannot write: {cause}" in run.stderr, run.stderr
        assert not out.exists() or where == "parent-is-a-file"


def test_render_on_a_full_disk(tmp_path):
    """A disk that fills up: exit 1, each failed notice named with the cause, a stage never
    reported done while its files are missing, the manifest whole or named as not written,
    no `.notice-*` folder left."""
    src = tmp_path / "src"
    src.mkdir()
    text = SEED.read_text("utf-8")
    for i in range(20):
        (src / f"n{i:02d}.yaml").write_text(text.replace("Đánh giá", f"Đánh giá {i}"), "utf-8")
    with _tmpfs(tmp_path / "small", "size=300k") as disk:
        out = disk / "out"
        run = _notice("render", src, "-o", out, "--check", "none", "-j", "1")
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr, run.stderr
        for stage, suffix in (("docx", ".docx"), ("pdf", ".pdf")):
            written = len(list(out.glob(f"*{suffix}")))
            for done, _total in re.findall(rf"^{stage}: (\d+)/(\d+)$", run.stderr, re.M):
                assert int(done) <= written, run.stderr
        failed = [line for line in run.stderr.splitlines() if line.startswith(str(src))]
        assert failed, run.stderr
        assert all("No space left on device" in line or "is full" in line for line in failed)
        assert not [p for p in out.iterdir() if p.name.startswith(".notice-")]
        if (out / "manifest.json").exists():
            json.loads((out / "manifest.json").read_text("utf-8"))  # whole
        else:
            assert "manifest.json: cannot write" in run.stderr, run.stderr
