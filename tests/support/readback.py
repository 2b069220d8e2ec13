"""Reading rendered notices back as text, the way the fidelity tests compare them."""

from __future__ import annotations

import re
import subprocess
import time
import unicodedata
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
NOTICES = ROOT / "notices"
#: Test data copied into the repository: the two seed notices and seven real TB-VPCP notices
#: as plain text (tests read nothing outside the repository).
SEEDS = ROOT / "tests" / "data" / "seeds"
CORPUS = ROOT / "tests" / "data" / "corpus"
SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def normalise(text: str) -> str:
    """NFC, no-break spaces as spaces, whitespace folded: how seed and output are compared."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def docx_blocks(path: Path) -> tuple[list[str], list[str]]:
    """The text of a DOCX in reading order (body and table cells), and its footnotes.

    A footnote reference is shown as a superscript digit, as printed.
    """
    document = Document(str(path))
    sup = dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))
    numbers: dict[str, str] = {}

    def para_text(p) -> str:
        out = []
        for el in p.iter(qn("w:t"), qn("w:footnoteReference"), qn("w:br"), qn("w:tab")):
            if el.tag == qn("w:t"):
                out.append(el.text or "")
            elif el.tag == qn("w:footnoteReference"):
                fid = el.get(qn("w:id"))
                numbers.setdefault(fid, str(len(numbers) + 1))
                out.append("".join(sup[d] for d in numbers[fid]))
            else:
                out.append(" ")
        return "".join(out)

    body = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            body.append(para_text(child))
        elif child.tag == qn("w:tbl"):
            for tc in child.iter(qn("w:tc")):
                body += [para_text(p) for p in tc.iter(qn("w:p"))]
    notes = []
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            root = etree.fromstring(rel.target_part.blob)
            for note in root.findall(qn("w:footnote")):
                if note.get(qn("w:type")) is None:
                    mark = "".join(sup[d] for d in numbers.get(note.get(qn("w:id")), "?"))
                    notes.append(mark + "".join(t.text or "" for t in note.iter(qn("w:t"))))
    return [b for b in body if b.strip()], notes


def pdf_text(path: Path) -> list[str]:
    """pdftotext of each page."""
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    )
    return (
        result.stdout.split("\f")[:-1]
        if result.stdout.endswith("\f")
        else result.stdout.split("\f")
    )


def seed_lines(seed: Path) -> list[str]:
    """The non-empty lines of a seed text, `**` markers dropped, normalised."""
    lines = (normalise(line.replace("**", "")) for line in seed.read_text("utf-8").splitlines())
    return [line for line in lines if line]


def template_with(tmp_path: Path, replace: str, by: str) -> Path:
    """A copy of the TB-UBND template with one piece of its document.xml replaced."""
    target = tmp_path / "edited.docx"
    with (
        zipfile.ZipFile(ROOT / "templates" / "tb-ubnd.docx") as zin,
        zipfile.ZipFile(target, "w") as zout,
    ):
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert replace.encode() in data
                data = data.replace(replace.encode(), by.encode(), 1)
            zout.writestr(item, data)
    return target


def processes(*needles: str) -> list[str]:
    """Command lines of running processes that contain every one of `needles` (full width)."""
    ps = ["ps", "-eww", "-o", "args"]
    out = subprocess.run(ps, capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if all(n in line for n in needles)]


def wait_until(condition, timeout: float, interval: float = 0.1) -> bool:
    """True as soon as `condition()` holds, False after `timeout` seconds: a generous bound
    for something that must happen (a killed process disappearing), never a measurement."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
    return True
