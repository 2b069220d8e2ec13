"""`OUT/manifest.json`: what was built from what, with hashes, so a batch can be audited and
an unchanged notice skipped on the next build. Stable order, paths relative to OUT."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import sha256_bytes, sha256_file, write_atomic

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


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


def load(out_dir: Path) -> dict[str, Entry]:
    """The previous manifest's entries by source path; empty when missing or unreadable."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text("utf-8"))
        if data.get("format") != FORMAT_VERSION:
            return {}
        entries = {}
        for raw in data["notices"]:
            raw["outputs"] = [Output(**o) for o in raw.get("outputs", [])]
            entries[raw["source"]] = Entry(**raw)
        return entries
    except (OSError, ValueError, KeyError, TypeError):
        return {}


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
    """Write the manifest atomically, entries sorted by source path."""
    path = Path(out_dir) / MANIFEST
    data = {
        "format": FORMAT_VERSION,
        "tool": f"notice {__version__}",
        "options": options,
        "notices": [asdict(e) for e in sorted(entries, key=lambda e: e.source)],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, lambda tmp: tmp.write_text(text, "utf-8"))
    return path
