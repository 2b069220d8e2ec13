"""`OUT/manifest.json`: what was built from what, with hashes, so a batch can be audited and
an unchanged notice skipped on the next build. Stable order, paths relative to OUT."""

from __future__ import annotations

import json
import os
import time
import uuid
import warnings
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .. import __version__
from ..errors import ManifestWarning
from ..files import locked, read_bounded, sha256_bytes, sha256_file, write_atomic

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
#: A manifest of 100,000 notices is ≈ 100 MB.
MAX_MANIFEST_BYTES = 500_000_000


def pdf_pages(path: Path) -> int | None:
    """The number of pages of a PDF, from its page tree (an incremental update, such as a
    signature field, adds page objects that counting them would count twice)."""
    from ..sign.metadata import page_count

    return page_count(path)


@dataclass
class Output:
    """One file written for a notice."""

    path: str
    sha256: str
    bytes: int
    pages: int | None = None


@dataclass
class Entry:
    """The manifest record of one source."""

    source: str
    source_sha256: str
    template: str | None
    template_sha256: str | None
    key: str
    status: str  # rendered | unchanged | failed
    outputs: list[Output] = field(default_factory=list)
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    checked: bool = False  # the NĐ 30 checker ran on these outputs
    timings: dict[str, float] = field(default_factory=dict)


def tool_versions(converter: str | None) -> dict[str, str | None]:
    """The versions of everything that shapes an output, for the build key."""
    from ..convert.base import package_version

    return {
        "notice": f"notice {__version__}",
        "docxtpl": package_version("docxtpl"),
        "python-docx": package_version("python-docx"),
        "converter": converter,
    }


def build_key(source_sha: str, template_sha: str | None, options: dict[str, Any]) -> str:
    """What decides the outputs: source, template, tool version and options."""
    blob = json.dumps(
        {"source": source_sha, "template": template_sha, "tool": __version__, "options": options},
        sort_keys=True,
    )
    return sha256_bytes(blob.encode())


def relative(path: Path, out_dir: Path) -> str:
    """`path` relative to the manifest's folder, with forward slashes. Folders are resolved
    (once each: a batch asks for hundreds of files in the same few folders), a symlinked
    file keeps its own name."""
    path = Path(os.path.abspath(path))
    folder = _resolved(os.path.abspath(out_dir))
    return Path(os.path.relpath(_resolved(str(path.parent)) / path.name, folder)).as_posix()


@lru_cache(maxsize=64)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def output_record(path: Path, out_dir: Path, sha256: str | None = None) -> Output:
    """Describe one output file, hashing it unless its `sha256` is already known."""
    return Output(
        relative(path, out_dir),
        sha256 or sha256_file(path),
        Path(path).stat().st_size,
        pdf_pages(path) if Path(path).suffix == ".pdf" else None,
    )


@dataclass
class _File:
    """The shape of manifest.json, checked field by field on every read."""

    format: int
    notices: list[Entry]


_SHAPE = TypeAdapter(_File)


def load(out_dir: Path) -> dict[str, Entry]:
    """The previous manifest's entries by source path; empty when there is none, or when it
    is of another format version. One that is not a manifest (unreadable, not JSON, another
    shape, a field of the wrong type) is set aside as `manifest.json.bad-<time>-<id>` with a
    `ManifestWarning` saying why, and the build rebuilds it from scratch."""
    path = Path(out_dir) / MANIFEST
    try:
        data = read_bounded(path, MAX_MANIFEST_BYTES)  # a FIFO or /dev/zero is refused
    except FileNotFoundError:
        return {}
    except OSError as exc:
        _set_aside(path, exc.strerror or str(exc))
        return {}
    try:
        version = json.loads(data).get("format") if data.lstrip().startswith(b"{") else None
        if isinstance(version, int) and version != FORMAT_VERSION:
            return {}  # another version of the tool's: rebuilt, as before
        parsed = _SHAPE.validate_json(data, strict=True)
    except (ValueError, ValidationError) as exc:
        _set_aside(path, _why(exc))
        return {}
    return {e.source: e for e in parsed.notices}


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        return f"{where}: {first['msg']}" + (f" (and {exc.error_count() - 1} more)"
                                             if exc.error_count() > 1 else "")  # fmt: skip
    return f"not JSON: {exc}"


def _set_aside(path: Path, why: str) -> None:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    aside = path.with_name(f"{path.name}.bad-{stamp}-{uuid.uuid4().hex[:6]}")
    try:
        os.replace(path, aside)
        done = f"set aside as {aside.name}; a new one is written"
    except OSError as exc:
        done = f"cannot set it aside ({exc.strerror}); a new one is written"
    warnings.warn(ManifestWarning(f"{path}: not a manifest of this tool: {why}; {done}"),
                  stacklevel=3)  # fmt: skip


def is_current(entry: Entry | None, key: str, out_dir: Path) -> bool:
    """True when `entry` was built with `key` and every output is still there, unchanged."""
    if entry is None or entry.key != key or entry.status == "failed" or not entry.outputs:
        return False
    for output in entry.outputs:
        path = Path(out_dir) / output.path
        try:
            if path.stat().st_size != output.bytes or sha256_file(path) != output.sha256:
                return False
        except OSError:
            return False
    return True


def save(out_dir: Path, entries: list[Entry], options: dict[str, Any]) -> Path:
    """Write the manifest atomically, entries sorted by source path, merged with the one on
    disk: the records of sources this build did not touch (another subset, another build
    running into the same OUT at the same time) are kept. Read, merge and write happen under
    a lock on OUT, so two builds finishing together both keep every record."""
    out_dir = Path(out_dir)
    path = out_dir / MANIFEST
    with locked(out_dir):
        merged = load(out_dir)
        merged.update({e.source: e for e in entries})
        data = {
            "format": FORMAT_VERSION,
            "tool": f"notice {__version__}",
            "options": options,
            "notices": [asdict(e) for e in sorted(merged.values(), key=lambda e: e.source)],
        }
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        write_atomic(path, lambda tmp: tmp.write_text(text, "utf-8"))
    return path
