"""The file helpers every stage uses: atomic writes, SHA-256, sidecar names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.files import sha256_bytes, sha256_file, sidecar_path, write_atomic, write_durably


@pytest.mark.parametrize(
    ("pdf", "sidecar"),
    [("out/x.pdf", "out/x.meta.json"), ("out/x.signed.pdf", "out/x.meta.json"),
     ("x.y.pdf", "x.y.meta.json")],
    ids=["pdf", "signed", "dotted-stem"],
)  # fmt: skip
def test_sidecar_path(pdf, sidecar):
    """A PDF and its signed copy share one sidecar."""
    assert sidecar_path(Path(pdf), ".meta.json") == Path(sidecar)


def test_sha256_of_bytes_and_file(tmp_path):
    """Both hashes are the hex SHA-256 of the same bytes (a file read in blocks)."""
    data = bytes(range(256)) * 10_000
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    assert sha256_file(path) == sha256_bytes(data) == hashlib.sha256(data).hexdigest()


def test_write_atomic_leaves_the_old_file_on_failure(tmp_path):
    """A write that fails half-way leaves the previous content and no temporary file."""
    path = tmp_path / "x.txt"
    path.write_text("old")

    def fail(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, fail)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]


def test_write_durably_replaces_and_keeps_the_mode(tmp_path):
    """The new bytes replace the old, with the old file's permissions."""
    path = tmp_path / "x.yaml"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_durably(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]
