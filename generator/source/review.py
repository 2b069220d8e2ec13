"""Warnings a valid notice may still deserve: the địa danh its issuer's level calls for (NĐ
30, Phụ lục I) and the units the administrative map had abolished by its date (the 2025
reform). A warning never stops a render; `notice validate --strict` makes it an error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import Problem
from ..profile import admin_map, issuers
from ..profile import vietnamese as vi
from . import issuer
from .loader import Source, load_source
from .models import Notice, parse_notice


def notice_date(notice: Notice) -> dt.date | None:
    """The first day a notice can be dated: its issue date, the first of the month or year
    of a draft's, or its meeting's when it has none."""
    if notice.date is not None:
        d = notice.date
        return dt.date(d.year, d.month or 1, d.day or 1)
    return notice.meeting.date if notice.meeting is not None else None


def place_warnings(notice: Notice) -> list[tuple[tuple[str | int, ...], str]]:
    """The địa danh rule of the issuer's level, where the header tells what it should be."""
    level = issuer.level_of(notice)
    if level is None:
        return []
    expected = issuers.expected_place(level, issuer.header_lines(notice.agency))
    if expected is None or vi.upper_vi(notice.place).endswith(expected):
        return []
    what = "its commune's own name" if level.place == issuers.PLACE_COMMUNE else "its province"
    return [
        (("place",), f"the địa danh of a {level.key} is {what}, «{expected.title()}» "
                     "(NĐ 30, Phụ lục I)")
    ]  # fmt: skip


def review_notice(source: Source, notice: Notice) -> list[Problem]:
    """Every warning of a validated notice, placed at its field, in file order."""
    found = place_warnings(notice)
    agency = notice.agency
    header = [(("agency", "parent"), agency.parent)] if agency.parent else []
    header += [(("agency", "name", i), line) for i, line in enumerate(agency.name)]
    found += admin_map.map_warnings(
        notice_date(notice),
        header,
        notice.place,
        [r.name for r in notice.recipients],
    )
    problems = [source.problem(loc, message) for loc, message in found]
    return sorted(problems, key=lambda p: (p.line, p.column))


def load_reviewed(path: Path) -> tuple[Notice, list[Problem]]:
    """Load and validate one source, and review it; raise SourceError with every problem."""
    source = load_source(path)
    notice = parse_notice(source)
    return notice, review_notice(source, notice)
