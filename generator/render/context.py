"""Pure step: a `Notice` becomes the context the DOCX template renders.

No IO, no clock: every date comes from the source. Numbering, dates, the
Nơi nhận punctuation and the `./.` mark are all decided here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..profile import doctypes
from ..profile import numbering as nb
from ..profile import vietnamese as vi
from ..source import markup, opening
from ..source.markup import Span
from ..source.models import Item, Meeting, Notice, Paragraph
from . import parts
from .paragraphs import BodyParagraph, FootnoteRef, Segment

#: Numbering styles whose headings are bold on their own line (R-ND-PMK, R-ND-KHOAN);
#: điểm and the dash levels below stay regular (R-ND-DIEM, R-ND-DASH).
BOLD_HEADING_STYLES = nb.BOLD_HEADING_STYLES
__all__ = ["BOLD_HEADING_STYLES", "BodyParagraph", "FootnoteRef", "NoticeContext", "build_context"]


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
    #: The phụ lục paragraphs printed after the signature (R-PL).
    appendix: list[BodyParagraph] = field(default_factory=list)

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
            "appendix": self.appendix,
        }


class _Footnotes:
    def __init__(self, emphasis: bool = False) -> None:
        self.texts: list[str] = []
        self.emphasis = emphasis

    def segments(self, paragraph: Paragraph) -> list[Segment]:
        """Split the paragraph text at each footnote span, inserting reference marks; with
        `markup: true`, its emphasis as spans."""
        if self.emphasis:
            return self._styled_segments(paragraph)
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

    def _styled_segments(self, paragraph: Paragraph) -> list[Segment]:
        spans = markup.parse(paragraph.text)
        plain = "".join(span.text for span in spans)
        cuts = sorted(
            (plain.find(note.after) + len(note.after), note.text) for note in paragraph.footnotes
        )
        out: list[Segment] = []
        offset = 0
        for span in spans:
            start, end = offset, offset + len(span.text)
            pos = start
            while cuts and start <= cuts[0][0] - 1 < end:  # a cut inside (or at the end of) span
                cut, text = cuts.pop(0)
                out.append(_styled(span, plain[pos:cut]))
                self.texts.append(text)
                out.append(FootnoteRef(len(self.texts)))
                pos = cut
            out.append(_styled(span, plain[pos:end]))
            offset = end
        return [s for s in out if not (s == "" or (isinstance(s, Span) and not s.text))]


def _styled(span: Span, text: str) -> Segment:
    """Plain text as a str (what every notice without emphasis renders), else a Span."""
    return Span(text, span.bold, span.italic) if span.bold or span.italic else text


item_label = nb.item_label


def _heading(item: Item, style: str, label: str, emphasis: bool) -> list[Segment]:
    """An item's heading with its label; a mục's title in capitals (R-ND-PMK)."""
    spans = markup.parse(item.heading or "") if emphasis else [Span(item.heading or "")]
    if style == "roman":
        spans = [Span(vi.upper_vi(s.text), s.bold, s.italic) for s in spans]
    return [f"{label} " if label else "", *(_styled(s, s.text) for s in spans)]


def _items(items: list[Item], styles: list[str], notes: _Footnotes) -> Iterator[BodyParagraph]:
    for event, placed in nb.walk(items, styles):
        assert placed is not None
        item, label = placed.item, placed.label
        if event == "leave":
            for p in item.after:
                yield BodyParagraph("text", _merge(notes.segments(p)))
            continue
        paragraphs = [notes.segments(p) for p in item.paragraphs]
        if item.heading is not None:
            role = "heading" if placed.style in BOLD_HEADING_STYLES else "text"
            yield BodyParagraph(role, _merge(_heading(item, placed.style, label, notes.emphasis)))
        elif paragraphs and label:
            paragraphs[0] = [f"{label} ", *paragraphs[0]]
        for segments in paragraphs:
            yield BodyParagraph("text", _merge(segments))


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    out: list[Segment] = []
    for seg in segments:
        if seg == "":
            continue
        if out and isinstance(seg, str) and isinstance(out[-1], str):
            out[-1] = out[-1] + seg
        else:
            out.append(seg)
    return tuple(out)


def compose_opening(meeting: Meeting) -> list[str]:
    """The opening paragraphs composed from the meeting (`opening.compose_opening`)."""
    return opening.compose_opening(meeting)


def _body(notice: Notice, notes: _Footnotes) -> list[BodyParagraph]:
    """Ô 9a, the căn cứ, the opening, the conclusions and the closing, in print order."""
    body: list[BodyParagraph] = parts.addressee_paragraphs(notice.addressees)
    body += parts.basis_paragraphs(notice.bases)
    if notice.opening is not None:
        body += [BodyParagraph("text", _merge(notes.segments(p))) for p in notice.opening]
    else:
        assert notice.meeting is not None  # guaranteed by Notice._consistent
        body += [BodyParagraph("text", (text,)) for text in compose_opening(notice.meeting)]
    body += _items(notice.conclusions, notice.numbering, notes)
    for paragraph in notice.closing[:-1]:
        body.append(BodyParagraph("text", _merge(notes.segments(paragraph))))
    closing = notes.segments(notice.closing[-1])
    # R-ND-END: `./.` right after the last sentence; a footnote mark there follows it
    last = max(i for i, seg in enumerate(closing) if not isinstance(seg, FootnoteRef))
    seg = closing[last]
    closing[last] = (
        vi.with_end_mark(seg)
        if isinstance(seg, str)
        else Span(vi.with_end_mark(seg.text), seg.bold, seg.italic)
    )
    body.append(BodyParagraph("text", _merge(closing)))
    return body


def _appendix(notice: Notice, symbol: str, notes: _Footnotes) -> list[BodyParagraph]:
    """R-PL: the phụ lục, each with its «(Kèm theo <tên loại> số … ngày …)» line."""
    d = notice.date
    attached = (
        f"Kèm theo {doctypes.kind_of(notice.kind).doc_type.name} số "
        f"{vi.format_number_line(notice.number, symbol).removeprefix('Số: ')} "
        + vi.format_date_line("", *((d.year, d.month, d.day) if d else (None,))).removeprefix(", ")
    )
    return parts.appendix_paragraphs(
        notice.appendices, attached, lambda p: _merge(notes.segments(p))
    )


def build_context(notice: Notice) -> NoticeContext:
    """Turn a validated notice into the formatted values of every component."""
    notes = _Footnotes(notice.markup)
    body = _body(notice, notes)
    symbol = doctypes.symbol_of(notice)
    appendix = _appendix(notice, symbol, notes)
    date = notice.date
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
        recipients=vi.format_recipients(recipients, notice.archive.line()),
        authority=list(notice.signer.authority),
        position=notice.signer.position,
        signer_name=notice.signer.name,
        symbol=symbol,
        is_draft=notice.is_draft,
        appendix=appendix,
    )
