"""The issuing body of a source, as its level in `profile/issuers.py` rules it: the value
checks of `agency.abbreviation`, `agency.unit` and `agency.organ_id`, the cross-field rules
of a level (parent line, abbreviation), and what a notice derives from them."""

from __future__ import annotations

import re
from typing import Any

from ..profile import issuers
from ..profile import vietnamese as vi
from ..profile.doctypes import PARENT_EXAMPLE, abbreviations, kind_of, needs_parent


def abbreviation(value: str) -> str:
    """An abbreviation of the ký hiệu (R-KH-1): upper case, without the tên loại before it."""
    value = vi.upper_vi(value)
    if not re.fullmatch(r"[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*", value):
        raise ValueError(f"{value!r} is not an abbreviation like VP, UBND or VPUBND")
    typed = issuers.typed_document_type(value, abbreviations())
    if typed is not None:
        rest = value.split("-", 1)[1] if "-" in value else "VPCP"
        raise ValueError(
            f"{value!r} starts with the tên loại {typed}, which the ký hiệu adds itself: "
            f"write only the body's abbreviation, e.g. {rest} (R-KH-1)"
        )
    return value


def organ_id(value: str) -> str:
    """A mã định danh of the document-exchange systems, e.g. `000.00.00.G01`."""
    value = vi.upper_vi(value)
    if not re.fullmatch(r"[0-9A-Z]{2,3}(\.[0-9A-Z]{2,3}){3}", value):
        raise ValueError(f"{value!r} is not a mã định danh like 000.00.00.G01")
    return value


def issuer_problems(kind: Any, agency: dict) -> list[tuple[tuple[Any, ...], str]]:
    """The rules of the kind and the level on the raw data (R-CQ-CQ, R-CQ-BH): the parent line
    as they have it; a TB names its level; an abbreviation where the level has no default."""
    problems: list[tuple[tuple[Any, ...], str]] = []
    # a Văn phòng prints its parent UBND above it; a UBND has no parent line
    if needs_parent(kind) is True and agency.get("parent") is None:  # "" is reported as empty
        problems.append((("agency",), f"a {kind} needs agency.parent, e.g. {PARENT_EXAMPLE}"))
    if needs_parent(kind) is False and agency.get("parent") is not None:
        problems.append((("agency", "parent"), f"a {kind} has no parent body line; remove it"))
    key = agency.get("level")
    level = issuers.LEVELS.get(key) if isinstance(key, str) else None
    if kind == "TB" and "level" not in agency:
        return [(("agency",), f"a TB needs agency.level: one of {', '.join(issuers.LEVELS)}")]
    if level is None:
        return problems
    if level.parent == issuers.PARENT_REQUIRED and agency.get("parent") is None:
        example = level.example.parent
        problems.append((("agency",), f"a {level.key} needs agency.parent, e.g. {example}"))
    if level.parent == issuers.PARENT_NONE and agency.get("parent") is not None:
        problems.append(
            (("agency", "parent"), f"a {level.key} has no parent body line; remove it")
        )
    if level.abbreviation is None and kind == "TB" and agency.get("abbreviation") is None:
        example = level.example.abbreviation
        problems.append((("agency",), f"a {level.key} needs agency.abbreviation, e.g. {example}"))
    return problems


def header_lines(agency: Any) -> list[str]:
    """The lines of ô 2, parent first."""
    return [*([agency.parent] if agency.parent else []), *agency.name]


def level_of(notice: Any) -> issuers.IssuerLevel | None:
    """The issuing body's level: given, or implied by a shorthand kind."""
    if notice.agency.level is not None:
        return issuers.level_of(notice.agency.level)
    return issuers.implied_level(notice.kind, header_lines(notice.agency))


def abbreviation_of(notice: Any) -> str:
    """The body's abbreviation in the ký hiệu: given, or from the level or the kind."""
    level = issuers.LEVELS.get(notice.agency.level or "")
    default = level.abbreviation if level else None
    return notice.agency.abbreviation or default or kind_of(notice.kind).issuer or ""
