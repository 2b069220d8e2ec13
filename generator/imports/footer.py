"""The footer of an imported notice: the Nơi nhận entries with their remarks, the `Lưu:`
line taken apart (units, copies, drafter), the signer chain, and the phụ lục."""

from __future__ import annotations

import re

from ..check.components import AUTHORITY_START, Parts, fold
from ..profile import vietnamese as vi
from .result import Imported

_REMARK = re.compile(r"^(?P<name>.*\S)\s*\((?P<remark>[^()]{1,60})\)$")
_ARCHIVE = re.compile(r"^Lưu\s*:?\s*(?P<rest>.*?)\.?$", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(text.split())


def read_footer(out: Imported, found: Parts) -> None:
    """Recipients, archive, signer and appendices into `out.data`."""
    data = out.data
    recipients: list = []
    archive: dict = {}
    for entry in found.nn_entries:
        text = _norm(" ".join(line.text for line in entry))
        text = re.sub(r"^[-–—•+]\s*", "", text)
        if fold(text).startswith("LƯU"):
            archive = _archive(text, out)
            continue
        text = text.rstrip(" ;.,")
        m = _REMARK.match(text)
        if m and not m.group("remark").isupper():
            recipients.append({"name": m.group("name").rstrip(" ;,"), "remark": m.group("remark")})
        elif text:
            recipients.append(text)
    if not recipients:
        out.notes.append("recipients: no Nơi nhận entries found; fill them in")
        recipients = [""]
    data["recipients"] = recipients
    if archive:
        data["archive"] = archive
    data["signer"] = _signer(found, out)
    if found.appendix:
        _appendix(out, found)


def _appendix(out: Imported, found: Parts) -> None:
    """The phụ lục after the signature: `Phụ lục …`, its title, `(Kèm theo …)`, its text."""
    lines = [line for para in found.appendix for line in para.lines if line.text]
    texts = [_norm(line.text) for line in lines]
    texts = texts[1:] if fold(texts[0]).startswith("PHỤ LỤC") else texts
    if len(texts) < 2:
        return
    appendix: dict = {"title": texts.pop(0)}
    if texts and texts[0].startswith("(") and texts[0].endswith(")"):
        appendix["note"] = texts.pop(0)[1:-1].strip()
    if not texts:
        return
    appendix["paragraphs"] = texts
    out.data["appendices"] = [appendix]
    out.guesses.append(
        "appendices: the phụ lục is imported as plain paragraphs; its tables, "
        "if any, are text now: check it"
    )
    out.taken += lines


def _archive(text: str, out: Imported) -> dict:
    """`Lưu: VT, KSTT (2).`, `Lưu: VT, KGVX.Cường.`, `Lưu: VT, TCCB(2).PL(300).`"""
    m = _ARCHIVE.match(text)
    rest = (m.group("rest") if m else text).strip()
    archive: dict = {}
    units = [u.strip() for u in rest.split(",")]
    last = re.match(
        r"^(?P<unit>[^().]*)(?:\((?P<copies>[^()]+)\))?"
        r"(?:(?P<sep>\.\s?|\s?)(?P<drafter>[^()]+?)(?:\((?P<issued>\d+)\))?)?$",
        units[-1],
    )
    if last is None or (last.group("drafter") and not last.group("copies")
                        and not last.group("sep").startswith(".")):  # fmt: skip
        last = re.match(r"^(?P<unit>[^().]+)$", units[-1])
    if last is None:
        out.notes.append(f"archive: «{text}» kept as its units; check it")
    else:
        groups = last.groupdict()
        groups["space"] = last.group("unit").endswith(" ")
        whole = units[-1]
        units[-1] = last.group("unit").strip()
        if groups.get("copies") and not re.fullmatch(r"\d{1,4}\s?[a-zđ]{0,3}", groups["copies"]):
            units[-1], groups = whole.strip(), {}
        if groups.get("copies"):
            copies = groups["copies"]
            plain = copies.isdigit() and not copies.startswith("0")
            archive["copies"] = int(copies) if plain else copies
            if groups.get("space"):
                archive["copies_space"] = True
        if groups.get("drafter"):
            archive["drafter"] = groups["drafter"].strip()
            if groups["sep"] != ".":
                archive["drafter_separator"] = groups["sep"]
            if groups.get("issued"):
                archive["issued_copies"] = int(groups["issued"])
    units = [u for u in units if u]
    if units and fold(units[0]) == "VT":
        units = units[1:]
    if units:
        archive["units"] = units if len(units) > 1 else units[0]
        if any(u != vi.upper_vi(u) for u in units):
            archive["spelling"] = "as-written"
    return archive


def _signer(found: Parts, out: Imported) -> dict:
    lines = [_norm(line.text) for line in found.signer]
    authority = [x for x in lines if AUTHORITY_START.match(fold(x))]
    position = [x for x in lines if x not in authority]
    name = _norm(found.name.text) if found.name is not None else ""
    if not position and authority:
        position = [authority.pop()]
    signer: dict = {}
    if authority:
        signer["authority"] = authority if len(authority) > 1 else authority[0]
    signer["position"] = " ".join(position)
    signer["name"] = name
    for key in ("position", "name"):
        if not signer[key]:
            out.notes.append(f"signer.{key}: not found under the Nơi nhận; fill it in")
    return signer
