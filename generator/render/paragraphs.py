"""The paragraphs of the body as the renderer receives them: text segments, emphasis and
footnote marks, with the role (and, for the renderer's own blocks, the layout) of each."""

from __future__ import annotations

from dataclasses import dataclass

from ..source.markup import Span


@dataclass(frozen=True)
class FootnoteRef:
    """Where a footnote reference mark goes; `number` is its 1-based display number."""

    number: int


#: Plain text, emphasised text (`markup: true`), or a footnote mark.
Segment = str | Span | FootnoteRef


@dataclass(frozen=True)
class BodyParagraph:
    """A body paragraph: `heading` (bold, own line), `text`, or `block` — a paragraph laid out
    by the renderer as `layout` says (the Kính gửi lines, a phụ lục's heading lines)."""

    role: str
    segments: tuple[Segment, ...]
    layout: str = ""

    @property
    def text(self) -> str:
        return "".join(
            s if isinstance(s, str) else s.text
            for s in self.segments
            if not isinstance(s, FootnoteRef)
        )
