"""Findings in a DOCX, placed at the line or paragraph they are about (`đoạn N`), and the
small helpers the DOCX checks share."""

from __future__ import annotations

from collections.abc import Iterable

from .messages import Message, msg
from .reader import Line, Para, Piece
from .rules import Findings, Severity


def align(value: str) -> Message:
    """The name of a paragraph alignment (`left`, `right`, `center`, `both`)."""
    return msg(f"aligned.{value}")


class DocxFindings(Findings):
    """Findings added by the line or paragraph they are about (`đoạn N`, its text)."""

    def add(self, rule: str, at: Line | Para | Message, detail: Message, *,
            text: str | None = None, part: str | None = None,
            severity: Severity | None = None) -> None:  # fmt: skip
        """Add a finding at a line or paragraph, or at a named place such as `section 1`.

        With `part` (its role, e.g. "quoc_hieu") the message opens with the part named by
        its label and its text: `Quốc hiệu «CỘNG HÕA XÃ HỘI…»: …`.
        """
        if isinstance(at, Message):
            super().add(rule, at, detail, text=text or "", severity=severity, part=part)
            return
        where = msg("at.para", n=str((at.para if isinstance(at, Line) else at).number))
        shown = at.text if text is None else text
        super().add(rule, where, detail, text=shown, severity=severity, part=part)


def sizes(pieces: Iterable[Piece]) -> list[float]:
    return sorted({p.fmt.size for p in pieces if p.text.strip() and not p.fmt.raised})
