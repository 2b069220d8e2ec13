"""Schema validation of the DOCX files the tests write, with openxml-audit (a pure-Python port
of the Open XML SDK's validator): what Word would repair or refuse shows up as an error here.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

#: Folders the final sweep leaves out, each with the reason: judged already by their test,
#: or holding DOCX files not ours to keep valid (broken on purpose, written by LibreOffice).
EXEMPT: dict[Path, str] = {}
_VERDICTS: dict[str, list[str]] = {}


def ooxml_errors(path: Path) -> list[str]:
    """Every schema or semantic error openxml-audit finds in the DOCX at `path`, as
    `part: message (where)` lines; [] for a valid file. Results are cached by content."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:  # a test dependency (pyproject's test extra), never skipped
        pytest.fail("openxml-audit is not installed: it is in the test extra of pyproject.toml; "
                    "`make lock` records it in requirements.txt")  # fmt: skip

    data = Path(path).read_bytes()
    key = hashlib.sha256(data).hexdigest()
    if key not in _VERDICTS:
        if not zipfile.is_zipfile(path):
            _VERDICTS[key] = ["not a zip archive"]
        else:
            # A validator per file: openxml-audit 0.8 caches cross-part lookups by id() of a
            # package, and a later package given the same id gets the earlier file's
            # answers (footnote ids "not found" in a file that has them).
            result = OpenXmlValidator().validate(path)
            _VERDICTS[key] = [f"{e.part_uri}: {e.description} ({e.path})" for e in result.errors]
    return _VERDICTS[key]


def exempt(folder: Path, reason: str) -> None:
    """Leave the DOCX files under `folder` out of the final sweep, for `reason`."""
    EXEMPT[Path(folder).resolve()] = reason


def invalid_docx(folder: Path, *, everything: bool = False) -> dict[str, list[str]]:
    """{path: errors} for every DOCX under `folder` that is not valid OOXML; the exempt
    folders are left out unless `everything`."""
    out = {}
    for path in sorted(Path(folder).rglob("*.docx")):
        resolved = path.resolve()
        skip = not everything and any(resolved.is_relative_to(done) for done in EXEMPT)
        if skip or not path.is_file():
            continue
        if errors := ooxml_errors(path):
            out[str(path)] = errors
    return out


#: w:pPr children that come after w:pBdr (ECMA-376 Part 1, §17.3.1.26).
AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
              "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
              "w:rPr", "w:sectPr", "w:pPrChange")  # fmt: skip


def set_border(ppr, pbdr) -> None:
    """Put the w:pBdr element `pbdr` into the python-docx w:pPr `ppr` where the schema wants
    it (Word writes it there; appended after w:jc it is a schema error), replacing any."""
    for old in ppr.findall(pbdr.tag):
        ppr.remove(old)
    ppr.insert_element_before(pbdr, *AFTER_PBDR)
