"""What any DOCX package must pass before a byte of it is used, as a template or as a file to
check: entry names that stay inside the package, a bounded number of parts, and a bounded
size once uncompressed (a 1 MB zip can hold a 1 GiB part)."""

from __future__ import annotations

import re
import zipfile

MAX_PARTS = 1000
MAX_UNCOMPRESSED = 100_000_000


def package_problem(archive: zipfile.ZipFile) -> str | None:
    """Why `archive` must not be used, or None: a name that is absolute, climbs with `..` or
    repeats, more than `MAX_PARTS` parts, or more than `MAX_UNCOMPRESSED` bytes uncompressed
    (zipfile stops each part at its stated size, so the stated sizes bound the reads)."""
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        return f"more than {MAX_PARTS} parts"
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or re.match(r"[A-Za-z]:", name):
            return f"entry name {name!r}"
        if name.lower() in seen:
            return f"{name!r} twice"
        seen.add(name.lower())
        total += info.file_size
        if total > MAX_UNCOMPRESSED:
            return f"more than {MAX_UNCOMPRESSED:,} bytes uncompressed"
    return None
