"""Findings in a DOCX, placed at the line or paragraph they are about (`đoạn N`), and the
small helpers the DOCX checks share."""

from __future__ import annotations

from collections.abc import Iterable

from .reader import Line, Para, Piece
from .rules import Findings, Severity

ALIGN_VI = {"left": "căn trái", "right": "căn phải", "center": "canh giữa", "both": "canh đều"}


class DocxFindings(Findings):
    """Findings added by the line or paragraph they are about (`đoạn N`, its text)."""

    def add(self, rule: str, at: Line | Para | str, detail: str, *, text: str | None = None,
            severity: Severity | None = None) -> None:  # fmt: skip
        """Add a finding at a line or paragraph, or at a named place such as `section 1`."""
        if isinstance(at, str):
            super().add(rule, at, detail, text=text or "", severity=severity)
            return
        where = f"đoạn {(at.para if isinstance(at, Line) else at).number}"
        super().add(rule, where, detail, text=at.text if text is None else text, severity=severity)


def sizes(pieces: Iterable[Piece]) -> list[float]:
    return sorted({p.fmt.size for p in pieces if p.text.strip() and not p.fmt.raised})
