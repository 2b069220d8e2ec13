"""Who issued an imported notice: its kind, and for a `TB` its level, parent, name,
abbreviation and unit, from the header lines and the ký hiệu (`TB-STC-VP`: body STC, unit VP).

The two shorthand kinds are kept where the ký hiệu says them of a province's Văn phòng or
UBND (TB-VP, TB-UBND); any other
issuer is a `TB` whose `agency.level` is read from its lines (a Văn phòng or a Sở under a
parent, a UBND tỉnh or xã, a Bộ, the Văn phòng Chính phủ, or another body).
"""

from __future__ import annotations

from ..check.components import fold
from ..profile import doctypes, issuers

#: Lines that open an issuing body's own name under its parent (R-CQ-CQ).
_BODY_WORDS = ("VĂN PHÒNG", "SỞ ", "BAN ", "CỤC ", "CHI CỤC", "PHÒNG ", "TRUNG TÂM", "THANH TRA")


def split_symbol(symbol: str) -> tuple[str, str | None]:
    """(body, unit) of a ký hiệu: `TB-STC-VP` → (`STC`, `VP`), `TB-VPCP` → (`VPCP`, None)."""
    parts = [p.strip() for p in symbol.split("-")[1:] if p.strip()]
    return (parts[0] if parts else ""), ("-".join(parts[1:]) or None)


def level_of(parent: list[str], name: list[str]) -> str:
    """The `agency.level` the header's lines name."""
    first = fold(name[0]) if name else ""
    joined = fold(" ".join(name))
    if joined.startswith("VĂN PHÒNG CHÍNH PHỦ"):
        return "van-phong-chinh-phu"
    if parent and first.startswith("VĂN PHÒNG"):
        return "van-phong-ubnd-tinh"
    if parent and first.startswith(("SỞ ", "BAN ")):
        return "so"
    if fold(" ".join(parent + name)).startswith(("ỦY BAN NHÂN DÂN", "UBND")):
        return "ubnd-xa" if issuers.commune_in(parent + name) else "ubnd-tinh"
    if first.startswith("BỘ ") and not parent:
        return "bo"
    return "khac"


def agency_of(
    symbol: str, parent: list[str], name: list[str], kind: str | None
) -> tuple[str, dict, list[str]]:
    """(kind, the `agency` block, notes on what to fill in)."""
    if not parent and len(name) > 1:  # a parent the finder left in ô 2: above the body's name
        at = next((i for i, x in enumerate(name) if i and fold(x).startswith(_BODY_WORDS)), 0)
        parent, name = name[:at], name[at:]
    if kind is None:  # the shorthand when the ký hiệu says it of a province's body
        shorthand = {"TB-VP": "van-phong-ubnd-tinh", "TB-UBND": "ubnd-tinh"}.get(symbol)
        kind = symbol if shorthand and shorthand == level_of(parent, name) else "TB"
        kind = kind if kind in doctypes.SOURCE_KINDS else doctypes.SOURCE_KINDS[0]
    notes: list[str] = []
    agency: dict = {}
    if kind == "TB":
        level = issuers.level_of(level_of(parent, name))
        agency["level"] = level.key
        needs, default = (
            {issuers.PARENT_REQUIRED: True, issuers.PARENT_NONE: False}.get(level.parent),
            level.abbreviation,
        )
    else:
        needs, default = doctypes.needs_parent(kind), doctypes.kind_of(kind).issuer
    if needs is False and parent:
        parent, name = [], parent + name
    if parent or needs:
        agency["parent"] = " ".join(parent)
        if not parent:
            notes.append("agency.parent: no parent body line found; fill it in or use --issuer")
    agency["name"] = name[0] if len(name) == 1 else name
    if not name:
        agency["name"] = ""
        notes.append("agency.name: no issuing body found; fill it in or use --issuer")
    body, unit = split_symbol(symbol)
    if body and body != default:
        agency["abbreviation"] = body
    if unit:
        agency["unit"] = unit
    return kind, agency, notes
