"""`<stem>.meta.json`: the metadata an e-office system imports with a PDF, named as in NĐ
30/2020, Phụ lục VI, Phần II, Mục I ("Thông tin đầu vào của dữ liệu quản lý văn bản đi").

Fields written: TypeName (3), CodeNumber (4), CodeNotation (5), IssuedDate (6), OrganName
(7, the lines of ô 2 in the order printed, parent first) with OrganId (the issuer's mã định
danh, `agency.organ_id`, null when the source gives none), Subject (8), Language (9),
PageAmount (10), SignerInfo (12: Position, FullName), To
(13: OrganId, OrganName), and IssuedAmount (15) when the source gives the number of copies.
Left out, because a source does not know them: FileCode (1, the hồ sơ), DocOrdinal (2),
Description (11), Priority (14), DueDate (16), and the OrganId (mã định danh) of each
recipient, which is written as null. IssuedDate is ISO 8601 (`YYYY-MM-DD`, the 10
characters of the field); a draft has CodeNumber "" and IssuedDate null.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import files
from ..files import write_atomic
from ..profile import doctypes
from ..profile import vietnamese as vi
from ..source.issuer import header_lines
from ..source.models import Notice

SIDECAR_SUFFIX = ".meta.json"


def notice_metadata(notice: Notice, pages: int | None) -> dict[str, Any]:
    """The Phụ lục VI fields of a notice whose PDF has `pages` pages."""
    date = notice.date
    issued = (
        f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
        if date is not None and date.complete and date.month is not None
        else None
    )
    organ = " ".join(" ".join(header_lines(notice.agency)).split())  # ô 2 as printed
    data: dict[str, Any] = {
        "TypeName": doctypes.kind_of(notice.kind).doc_type.name,  # R-TL
        "CodeNumber": "" if notice.number is None else vi.format_number(notice.number),
        "CodeNotation": doctypes.symbol_of(notice),
        "IssuedDate": issued,
        "OrganId": notice.agency.organ_id,  # mã định danh (agency.organ_id), or null
        "OrganName": organ,
        "Subject": notice.subject_line,
        "Language": "vi",
        "PageAmount": pages,
        "SignerInfo": {
            "Position": notice.signer.position,
            "FullName": notice.signer.name,
        },
        "To": [{"OrganId": None, "OrganName": r.name} for r in notice.recipients],
    }
    if notice.archive.issued_copies is not None:
        data["IssuedAmount"] = notice.archive.issued_copies
    return data


def page_count(pdf: Path) -> int | None:
    """The number of pages of a PDF, from its page tree (/Pages /Count)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        with open(pdf, "rb") as fh:
            return int(PdfFileReader(fh, strict=False).root["/Pages"]["/Count"])
    except (OSError, PdfError, KeyError, ValueError, TypeError):
        return None


def write_metadata(pdf: Path, notice: Notice) -> Path:
    """Write `<stem>.meta.json` beside `pdf`; return its path."""
    sidecar = sidecar_path(pdf)
    text = json.dumps(notice_metadata(notice, page_count(pdf)), ensure_ascii=False, indent=2)
    write_atomic(sidecar, lambda tmp: tmp.write_text(text + "\n", "utf-8"))
    return sidecar


def read_metadata(pdf: Path) -> dict[str, Any] | None:
    """The metadata sidecar of `pdf` (or of the PDF it was signed from), or None."""
    try:
        data = json.loads(sidecar_path(pdf).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def sidecar_path(pdf: Path) -> Path:
    """`x.pdf` (or its signed copy `x.signed.pdf`) → `x.meta.json`."""
    return files.sidecar_path(pdf, SIDECAR_SUFFIX)
