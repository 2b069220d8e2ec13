"""Pure step: a `Notice` becomes the context the DOCX template renders.

No IO, no clock: every date comes from the source. Numbering, dates, the
Nơi nhận punctuation and the `./.` mark are all decided here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..profile import doctypes
from ..profile import vietnamese as vi
from ..source.models import Item, Meeting, Notice, Paragraph

#: Numbering styles whose headings are bold on their own line (R-ND-PMK, R-ND-KHOAN);
#: điểm and the dash levels below stay regular (R-ND-DIEM, R-ND-DASH).
BOLD_HEADING_STYLES = frozenset({"roman", "decimal", "nested"})


@dataclass(frozen=True)
class FootnoteRef:
    """Where a footnote reference mark goes; `number` is its 1-based display number."""

    number: int


Segment = str | FootnoteRef


@dataclass(frozen=True)
class BodyParagraph:
    """A body paragraph: `heading` (bold, own line) or `text`, as a list of segments."""

    role: str
    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        return "".join(s for s in self.segments if isinstance(s, str))


@dataclass
class NoticeContext:
    """Everything the template shows, already formatted."""

    kind: str
    parent: str | None
    agency_lines: list[str]
    number_line: str
    date_line: str
    doc_type: str
    subject: str
    body: list[BodyParagraph]
    footnotes: list[str]
    recipients: list[str]
    authority: list[str]
    position: str
    signer_name: str
    symbol: str
    is_draft: bool

    def as_template_vars(self) -> dict[str, Any]:
        """The names the templates use (see templates/README.md)."""
        return {
            "kind": self.kind,
            "quoc_hieu": vi.QUOC_HIEU,
            "tieu_ngu": vi.TIEU_NGU,
            "parent": self.parent,
            "agency_lines": self.agency_lines,
            "number_line": self.number_line,
            "date_line": self.date_line,
            "doc_type": self.doc_type,
            "subject": self.subject,
            "body": self.body,
            "recipients": self.recipients,
            "authority": self.authority,
            "position": self.position,
            "signer_name": self.signer_name,
            "symbol": self.symbol,
            "is_draft": self.is_draft,
        }


class _Footnotes:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def segments(self, paragraph: Paragraph) -> list[Segment]:
        """Split the paragraph text at each footnote span, inserting reference marks."""
        cuts = sorted(
            (paragraph.text.index(note.after) + len(note.after), note.text)
            for note in paragraph.footnotes
        )
        out: list[Segment] = []
        start = 0
        for cut, text in cuts:
            out.append(paragraph.text[start:cut])
            self.texts.append(text)
            out.append(FootnoteRef(len(self.texts)))
            start = cut
        out.append(paragraph.text[start:])
        return [s for s in out if s != ""]


def item_label(style: str, index: int, parent_label: str) -> str:
    """An item's computed number (R-ND-PMK, R-ND-DIEM, R-ND-DASH): `II.`, `2.1.`, `b)`, `-`."""
    if style == "roman":
        return f"{vi.roman(index + 1)}."
    if style == "decimal":
        return f"{index + 1}."
    if style == "nested":
        return f"{parent_label}{index + 1}."
    if style == "letter":
        return f"{vi.vietnamese_letter(index)})"
    return "-" if style == "dash" else "+"


def _items(
    items: list[Item], styles: list[str], depth: int, parent_label: str, notes: _Footnotes
) -> Iterator[BodyParagraph]:
    style = styles[depth]
    for index, item in enumerate(items):
        label = item_label(style, index, parent_label)
        paragraphs = [notes.segments(p) for p in item.paragraphs]
        if item.heading is not None:
            heading = vi.upper_vi(item.heading) if style == "roman" else item.heading
            role = "heading" if style in BOLD_HEADING_STYLES else "text"
            yield BodyParagraph(role, (f"{label} {heading}",))
        elif paragraphs:
            paragraphs[0] = [f"{label} ", *paragraphs[0]]
        for segments in paragraphs:
            yield BodyParagraph("text", _merge(segments))
        if item.children:
            yield from _items(item.children, styles, depth + 1, label, notes)


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for seg in segments:
        if out and isinstance(seg, str) and isinstance(out[-1], str):
            out[-1] = out[-1] + seg
        else:
            out.append(seg)
    return tuple(out)


def compose_opening(meeting: Meeting) -> list[str]:
    """The opening paragraphs composed from the meeting, as the seeds phrase them."""
    chair = meeting.chair
    if chair.address == "comrade":
        full = f"đồng chí {chair.name}, {chair.position}"
        short = full
    else:
        full = f"{chair.position} {chair.name}"
        short = chair.position
    d = meeting.date
    first = f"Ngày {vi.format_short_date(d.year, d.month, d.day)}, {full} {meeting.action} "
    first += f"{meeting.title}."
    if meeting.attendees:
        phrase = meeting.attendance or f"Tham dự {meeting.called} có"
        first += f" {phrase} {vi.join_vi(meeting.attendees)}."
    heard = "; ".join(meeting.heard)
    concluding = f"{meeting.refer_as or short} kết luận như sau:"
    second = (
        f"Sau khi nghe {heard}, {concluding}"
        if heard
        else f"{concluding[0].upper()}{concluding[1:]}"
    )
    if meeting.single_paragraph:
        return [f"{first} {second}"]
    return [first, second]


def build_context(notice: Notice) -> NoticeContext:
    """Turn a validated notice into the formatted values of every component."""
    notes = _Footnotes()
    body: list[BodyParagraph] = []
    if notice.opening is not None:
        body += [BodyParagraph("text", _merge(notes.segments(p))) for p in notice.opening]
    else:
        assert notice.meeting is not None  # guaranteed by Notice._consistent
        body += [BodyParagraph("text", (text,)) for text in compose_opening(notice.meeting)]
    body += _items(notice.conclusions, notice.numbering, 0, "", notes)
    closing = notes.segments(notice.closing)
    # R-ND-END: `./.` right after the last sentence; a footnote mark there follows it
    last = max(i for i, seg in enumerate(closing) if isinstance(seg, str))
    closing[last] = vi.with_end_mark(closing[last])
    body.append(BodyParagraph("text", _merge(closing)))

    symbol = doctypes.symbol_of(notice)
    date = notice.date
    archive = notice.archive
    recipients = [vi.Recipient(r.name, r.remark) for r in notice.recipients]
    return NoticeContext(
        kind=notice.kind,
        parent=notice.agency.parent,
        agency_lines=list(notice.agency.name),
        number_line=vi.format_number_line(notice.number, symbol),
        date_line=vi.format_date_line(
            notice.place,
            date.year if date else None,
            date.month if date else None,
            date.day if date else None,
        ),
        doc_type=doctypes.kind_of(notice.kind).doc_type.title,
        subject=notice.subject,
        body=body,
        footnotes=notes.texts,
        recipients=vi.format_recipients(
            recipients,
            vi.format_archive_line(
                archive.units, archive.copies, archive.drafter, archive.issued_copies
            ),
        ),
        authority=list(notice.signer.authority),
        position=notice.signer.position,
        signer_name=notice.signer.name,
        symbol=symbol,
        is_draft=notice.is_draft,
    )
