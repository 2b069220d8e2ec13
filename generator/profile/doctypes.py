"""The registry of what this tool writes: document types (tên loại, Phụ lục III) and the
kinds of notice a source names in `kind:` — `TB`, a Thông báo of any issuing body (its level
in `agency.level`, see `issuers.py`), and the two shorthands of today, TB-VP (the Văn phòng
UBND issues) and TB-UBND (the UBND issues).

Everything that says "THÔNG BÁO", "TB", "TB-VP" or "TB-UBND" reads it from here: the model
(which kinds a source may name), the context (title and ký hiệu), the template lookup, the
checker (which title to look for), the register, the sidecars and the scaffolds. Adding an
issuer or a document type is one `register_kind` call (or one entry below) and a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import vietnamese as vi


@dataclass(frozen=True)
class DocumentType:
    """A tên loại văn bản: its name in running text, as printed in the header, and the
    abbreviation that opens the ký hiệu (R-TL, R-KH-1)."""

    name: str  # "Thông báo"
    title: str  # "THÔNG BÁO", ô 5a
    abbreviation: str  # "TB"


@dataclass(frozen=True)
class Kind:
    """A kind of document a source names in `kind:`: a document type issued by one kind of
    body, with its bundled template and how its header is laid out."""

    name: str  # "TB-VP"
    doc_type: DocumentType
    issuer: str | None  # the body's abbreviation in the ký hiệu when the source gives none
    template: str  # the bundled DOCX template's file name (templates/), or a path to one
    has_parent: bool | None  # a cơ quan chủ quản line (R-CQ-CQ, R-CQ-BH); None: by level
    description: str  # one line for people: `notice new`, the schema

    def symbol(self, body_abbreviation: str | None = None, unit: str | None = None) -> str:
        """The ký hiệu, e.g. `TB-UBND`, `TB-VPCP`, `TB-STC-VP` (R-KH-1, R-KH-FMT)."""
        body = body_abbreviation or self.issuer or ""
        return vi.format_symbol(self.doc_type.abbreviation, f"{body}-{unit}" if unit else body)


NOTICE = DocumentType(name="Thông báo", title="THÔNG BÁO", abbreviation="TB")

#: Every kind, in the order shown to people. The two below are the schema's `kind` values.
KINDS: dict[str, Kind] = {}


def register_kind(kind: Kind) -> Kind:
    """Add (or replace) a kind in the registry and return it."""
    KINDS[kind.name] = kind
    return kind


register_kind(Kind("TB-VP", NOTICE, "VP", "tb-vp.docx", True,
                   "Văn phòng UBND ban hành"))  # fmt: skip
register_kind(Kind("TB-UBND", NOTICE, "UBND", "tb-ubnd.docx", False,
                   "UBND ban hành"))  # fmt: skip
#: Any issuing body: one template for every level, its parent line printed when there is one.
register_kind(Kind("TB", NOTICE, None, "thong-bao.docx", None,
                   "cơ quan bất kỳ ban hành, theo agency.level"))  # fmt: skip

#: The kinds a source may name (the schema's enum); the two shorthands first, as before.
SOURCE_KINDS = ("TB-VP", "TB-UBND", "TB")
#: The parent body line shown in the error of a kind that needs one.
PARENT_EXAMPLE = "UBND TỈNH QUẢNG NGÃI"


def kind_of(name: str) -> Kind:
    """The registered kind called `name`; KeyError when there is none."""
    return KINDS[name]


def needs_parent(kind: Any) -> bool | None:
    """Whether a kind's header carries a cơ quan chủ quản line (R-CQ-CQ, R-CQ-BH); None for
    a value that names no kind (the model reports it)."""
    known = next((k for name, k in KINDS.items() if name == kind), None)
    return None if known is None else known.has_parent


def symbol_of(notice: Any) -> str:
    """The ký hiệu of a notice, e.g. `TB-UBND` (R-KH-1, R-KH-FMT): its kind's document type,
    its body's abbreviation and, where the office uses one, its unit's."""
    return kind_of(notice.kind).symbol(notice.abbreviation, notice.agency.unit)


def doc_types() -> list[DocumentType]:
    """Every registered document type, once each, in registry order."""
    seen: dict[str, DocumentType] = {}
    for kind in KINDS.values():
        seen.setdefault(kind.doc_type.title, kind.doc_type)
    return list(seen.values())


def titles() -> frozenset[str]:
    """The titles the checker recognises as ô 5a, tên loại (R-TL): "THÔNG BÁO", …"""
    return frozenset(d.title for d in doc_types())


def abbreviations() -> frozenset[str]:
    """The abbreviations a ký hiệu may open with (R-KH-1): "TB", …"""
    return frozenset(d.abbreviation for d in doc_types())


#: Where the bundled templates are: inside the installed package, or beside it in a checkout.
_PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATE_DIRS = (_PACKAGE / "templates", _PACKAGE.parent / "templates")


def default_template(kind: str) -> Path:
    """The bundled template of a kind, e.g. `tb-vp.docx`."""
    registered = KINDS.get(kind)
    name = registered.template if registered else f"{kind.lower()}.docx"
    for folder in TEMPLATE_DIRS:
        if (folder / name).is_file():
            return folder / name
    return TEMPLATE_DIRS[-1] / name


def template_for(notice: Any, source: Path, override: Path | None = None) -> Path:
    """The template of a notice: the command line's `override`, else the source's own
    `template:` (relative to the source), else the bundled one of its kind."""
    if override is not None:
        return Path(override)
    if notice.template is not None:
        return (Path(source).parent / notice.template).resolve()
    return default_template(notice.kind)
