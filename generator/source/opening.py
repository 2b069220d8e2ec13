"""The opening paragraphs of a Thông báo kết luận, composed from the structured `meeting`.

Two ways, both keeping the meeting as data (date, chair, what was heard):

* the composer: "Ngày 18/12/2020, <chair> <action> <title>. Tham dự <called> có <attendees>."
  then "Sau khi nghe <heard>, <concluder> kết luận như sau:", with the knobs real openings
  need — a time of day, a venue, the long date form, a `when` phrase for several days, a
  chair without a name or with a second title, the separators, the closing phrase;
* a phrase template (`meeting.phrasing`), one string per paragraph, whose named slots
  (`{date}`, `{chair}`, `{heard}`, …) are filled from the same data. Slots are looked up in
  a fixed table, never evaluated: `{x.__class__}` is an unknown slot, not code.
"""

from __future__ import annotations

import re
from typing import Any

from ..profile import vietnamese as vi

#: The slots of a phrase template and what each holds.
SLOTS = {
    "when": "«Ngày 18/12/2020», «Chiều ngày …», or meeting.when as written",
    "date": "the meeting date as date_style says (18/12/2020 or ngày 18 tháng 12 năm 2020)",
    "date_short": "18/12/2020",
    "date_long": "ngày 18 tháng 12 năm 2020",
    "venue": "meeting.venue",
    "chair": "the chair in full: «Phó Chủ tịch UBND tỉnh Lê Ánh Dương»",
    "chair_short": "the chair's position alone: «Phó Chủ tịch UBND tỉnh»",
    "action": "meeting.action: chủ trì, dự và chỉ đạo, …",
    "title": "meeting.title",
    "called": "meeting.called: cuộc họp, Hội nghị, …",
    "attendees": "meeting.attendees joined as attendees_separator says",
    "heard": "meeting.heard joined as heard_separator says",
    "concluder": "meeting.refer_as, else chair_short",
    "concludes": "meeting.concludes: «kết luận như sau:»",
}
_SLOT = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def template_problems(template: str) -> list[str]:
    """The unknown or malformed slots of a phrase template (empty when it is fine)."""
    problems = []
    for match in _SLOT.finditer(template):
        name = match.group(1)
        if name is not None and name not in SLOTS:
            problems.append(f"unknown slot {{{name}}} (known: {', '.join(sorted(SLOTS))})")
    stray = _SLOT.sub("", template)
    if "{" in stray or "}" in stray:
        problems.append("a lone { or }: write {{ or }} for a brace")
    return problems


def fill(template: str, values: dict[str, str]) -> str:
    """The template with each `{slot}` replaced; `{{` and `}}` are literal braces."""

    def one(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values[match.group(1)]

    return _SLOT.sub(one, template)


def _join(items: list[str], how: str) -> str:
    if how == "và":
        return vi.join_vi(items)
    return (", " if how == "," else "; ").join(items)


def slot_values(meeting: Any) -> dict[str, str]:
    """Every slot of `SLOTS`, from the meeting."""
    chair = meeting.chair
    also = f"{chair.also_separator}{chair.also}" if chair.also else ""
    if chair.address == "comrade":
        full = f"đồng chí {chair.name}, {chair.position}" if chair.name else chair.position
        short = full
    else:
        full = f"{chair.position} {chair.name}{also}" if chair.name else chair.position
        short = chair.position
    d = meeting.date
    short_date = vi.format_short_date(d.year, d.month, d.day)
    long_date = vi.format_date_line("", d.year, d.month, d.day).removeprefix(", ")
    date = long_date if meeting.date_style == "long" else short_date
    if meeting.when:
        when = meeting.when
    elif meeting.time_of_day:
        when = f"{meeting.time_of_day} ngày {date.removeprefix('ngày ')}"
    else:
        when = f"Ngày {date.removeprefix('ngày ')}"
    return {
        "when": when,
        "date": date,
        "date_short": short_date,
        "date_long": long_date,
        "venue": meeting.venue or "",
        "chair": full,
        "chair_short": short,
        "action": meeting.action,
        "title": meeting.title,
        "called": meeting.called,
        "attendees": _join(list(meeting.attendees), meeting.attendees_separator),
        "heard": _join(list(meeting.heard), meeting.heard_separator),
        "concluder": meeting.refer_as or short,
        "concludes": meeting.concludes,
    }


def compose_opening(meeting: Any) -> list[str]:
    """The opening paragraphs: from `meeting.phrasing` when given, else composed."""
    values = slot_values(meeting)
    if meeting.phrasing:
        return [fill(p, values) for p in meeting.phrasing]
    first = values["when"]
    if meeting.venue:
        first += f", {meeting.venue}"
    first += f", {values['chair']} {meeting.action} {meeting.title}"
    if meeting.attendees:
        phrase = meeting.attendance or f"Tham dự {meeting.called} có"
        first += f"{meeting.attendance_separator} {phrase} {values['attendees']}."
    else:
        first += "."
    concluding = f"{values['concluder']} {meeting.concludes}"
    second = (
        f"Sau khi nghe {values['heard']}, {concluding}"
        if meeting.heard
        else f"{concluding[0].upper()}{concluding[1:]}"
    )
    if meeting.single_paragraph:
        return [f"{first} {second}"]
    return [first, second]
