"""The administrative map of Việt Nam with effective dates, as data (`data/vietnam-admin-map.json`,
which cites its sources): the 63 provincial units before 1 July 2025, the 34 after (NQ
202/2025/QH15), which merged into which, and the end of the district level (Luật 72/2025/QH15).

`map_warnings` tells a notice dated on or after a change that it names what the change
abolished — a province as issuer, địa danh or recipient, a district-level body, or a Sở
merged into another (NĐ 45/2025/NĐ-CP, from 1 March 2025) — and names the successor. Pure:
the date comes from the source.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from . import vietnamese as vi


@dataclass(frozen=True)
class Merger:
    """Provinces absorbed into another (or renamed) on a date, by a resolution."""

    effective: dt.date
    source: str  # "NQ 202/2025/QH15"
    into: str  # "Bắc Ninh"
    absorbed: tuple[str, ...]  # ("Bắc Giang",)


@dataclass(frozen=True)
class AdminMap:
    """The provincial units before and after the 2025 reform, and the mergers between."""

    before: dict[str, str]  # name → "tỉnh" | "thành phố", the 63 units before 1 July 2025
    after: dict[str, str]  # the 34 units from 1 July 2025
    mergers: tuple[Merger, ...]
    district_abolished: dt.date
    district_source: str
    district_words: tuple[str, ...]
    district_instead: str
    sources: tuple[dict[str, str], ...]
    departments: tuple[Merger, ...] = ()  # Sở merged into another (NĐ 45/2025/NĐ-CP)

    def successor(self, province: str, on: dt.date) -> Merger | None:
        """The merger that absorbed `province` (any case) by `on`, or None."""
        wanted = vi.upper_vi(province)
        for merger in self.mergers:
            if merger.effective <= on and wanted in map(vi.upper_vi, merger.absorbed):
                return merger
        return None

    def unit_kind(self, province: str) -> str:
        """`tỉnh` or `thành phố` for a unit of after the reform (`tỉnh` when unknown)."""
        return self.after.get(province, self.before.get(province, "tỉnh"))


@functools.lru_cache(maxsize=1)
def load_map() -> AdminMap:
    """The map shipped with the package."""
    text = resources.files("generator").joinpath("data/vietnam-admin-map.json").read_text("utf-8")
    data = json.loads(text)

    def units(part: dict[str, list[str]]) -> dict[str, str]:
        return {name: kind for kind, names in part.items() for name in names}

    district = data["district_level"]
    return AdminMap(
        before=units(data["before"]),
        after=units(data["after"]),
        mergers=tuple(
            Merger(dt.date.fromisoformat(c["effective"]), c["source"], c["into"], tuple(c["from"]))
            for c in data["changes"]
        ),
        district_abolished=dt.date.fromisoformat(district["abolished"]),
        district_source=district["source"],
        district_words=tuple(district["words"]),
        district_instead=district["instead"],
        sources=tuple(data["sources"]),
        departments=tuple(
            Merger(dt.date.fromisoformat(c["effective"]), c["source"], c["into"], tuple(c["from"]))
            for c in data.get("departments", ())
        ),
    )


def _short(date: dt.date) -> str:
    return vi.format_short_date(date.year, date.month, date.day)


def _merged_message(name: str, merger: Merger, kinds: AdminMap) -> str:
    return (
        f"tỉnh {name} no longer exists since {_short(merger.effective)} ({merger.source}): "
        f"it is part of {kinds.unit_kind(merger.into)} {merger.into}"
    )


def _named_provinces(text: str, admin: AdminMap, on: dt.date) -> list[tuple[str, Merger]]:
    """The abolished provinces `text` names as `tỉnh X` (`TỈNH X`, `UBND tỉnh X`)."""
    upper = vi.upper_vi(text)
    found = []
    for merger in admin.mergers:
        if merger.effective > on:
            continue
        for name in merger.absorbed:
            if re.search(rf"(?:TỈNH|TP\.|THÀNH PHỐ)\s+{re.escape(vi.upper_vi(name))}(?!\w)", upper):
                found.append((name, merger))
    return found


def _named_departments(text: str, admin: AdminMap, on: dt.date) -> list[str]:
    """A message for each merged Sở `text` names (any case, full name or its abbreviation)."""
    upper = vi.upper_vi(text)
    found = []
    for merger in admin.departments:
        if merger.effective > on:
            continue
        for name in merger.absorbed:
            if re.search(rf"(?<!\w){re.escape(vi.upper_vi(name))}(?!\w)", upper):
                found.append(
                    f"{name} no longer exists since {_short(merger.effective)} "
                    f"({merger.source}): it is part of {merger.into}"
                )
                break
    return found


def _district_words(text: str, admin: AdminMap) -> list[str]:
    lower = vi.nfc(text).lower()
    return [w for w in admin.district_words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", lower)]


Where = tuple[str | int, ...]


def map_warnings(
    on: dt.date | None,
    header: Sequence[str] | Sequence[tuple[Where, str]],
    place: str,
    recipients: Sequence[str],
) -> list[tuple[Where, str]]:
    """(where, message) for each abolished unit a notice dated `on` names: in its header
    (the lines of ô 2, each plain or with where it stands), its địa danh, or a recipient.
    Nothing for a notice dated before the changes or without a date."""
    if on is None:
        return []
    admin = load_map()
    lines = [line if isinstance(line, tuple) else (("agency",), line) for line in header]
    out: list[tuple[Where, str]] = []
    for where, line in lines:
        for name, merger in _named_provinces(line, admin, on):
            out.append((where, _merged_message(name, merger, admin)))
        out += [(where, message) for message in _named_departments(line, admin, on)]
        if on >= admin.district_abolished:
            for word in _district_words(line, admin):
                out.append(
                    (where, f"«{word}»: a district-level body, and there is no district "
                            f"level since {_short(admin.district_abolished)} "
                            f"({admin.district_source})")
                )  # fmt: skip
    merger = admin.successor(place.removeprefix("tỉnh ").strip(), on)
    if merger is not None:
        out.append((("place",), _merged_message(place, merger, admin)))
    for i, recipient in enumerate(recipients):
        for name, merger in _named_provinces(recipient, admin, on):
            out.append((("recipients", i), _merged_message(name, merger, admin)))
        out += [(("recipients", i), m) for m in _named_departments(recipient, admin, on)]
        if on >= admin.district_abolished:
            words = _district_words(recipient, admin)
            if words:
                out.append(
                    (("recipients", i),
                     f"«{', '.join(words)}»: there is no district level since "
                     f"{_short(admin.district_abolished)} ({admin.district_source}); "
                     f"write e.g. «{admin.district_instead}»")
                )  # fmt: skip
    return out
