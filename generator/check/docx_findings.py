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
            part: str | None = None, severity: Severity | None = None) -> None:  # fmt: skip
        """Add a finding at a line or paragraph, or at a named place such as `section 1`.

        With `part` (its label, e.g. "Quốc hiệu") the message opens with the part named by
        its text: `Quốc hiệu «CỘNG HÕA XÃ HỘI…»: …`.
        """
        if isinstance(at, str):
            shown = text or ""
            super().add(rule, at, named(part, shown, detail), text=shown, severity=severity)
            return
        where = f"đoạn {(at.para if isinstance(at, Line) else at).number}"
        shown = at.text if text is None else text
        super().add(rule, where, named(part, shown, detail), text=shown, severity=severity)


def named(part: str | None, text: str, detail: str) -> str:
    """`detail` opened by the part it concerns, named by its label and its text."""
    if part is None:
        return detail
    shown = " ".join(text.split())
    if len(shown) > QUOTE_CHARS:
        shown = shown[: QUOTE_CHARS - 1] + "…"
    return f"{part} «{shown}»: {detail}" if shown else f"{part}: {detail}"


#: How much of a part's text a message quotes.
QUOTE_CHARS = 40


def sizes(pieces: Iterable[Piece]) -> list[float]:
    return sorted({p.fmt.size for p in pieces if p.text.strip() and not p.fmt.raised})
