"""The parts around the body of a Thông báo: the Kính gửi (ô 9a), the căn cứ paragraphs
(R-ND-CC) and the phụ lục after the signature (R-PL), as paragraphs for the renderer.

Pure: the punctuation the decree fixes is computed here; the layout (indents, page break,
alignment) is the renderer's, named by each paragraph's `layout`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..profile import vietnamese as vi
from ..source.markup import Span
from .paragraphs import BodyParagraph

KINH_GUI = "Kính gửi:"


def addressee_paragraphs(addressees: Sequence[str]) -> list[Any]:
    """Ô 9a: `Kính gửi: X` on one line; for several, `Kính gửi:` then one line per addressee,
    `- A;` … `- Z.`, the dashes aligned under each other after the colon (the first one on
    the line of `Kính gửi:`, after a tab)."""
    if not addressees:
        return []
    if len(addressees) == 1:
        return [BodyParagraph("block", (f"{KINH_GUI} {addressees[0]}",), "addressee")]
    out = []
    for i, name in enumerate(addressees):
        end = "." if i == len(addressees) - 1 else ";"
        line = f"- {name.rstrip(' ;.')}{end}"
        if i == 0:
            out.append(BodyParagraph("block", (f"{KINH_GUI}\t{line}",), "addressee-first"))
        else:
            out.append(BodyParagraph("block", (line,), "addressee-next"))
    return out


def basis_paragraphs(bases: Sequence[str]) -> list[Any]:
    """R-ND-CC: one căn cứ a line, italic, each ending with `;`, the last with `.`."""
    out = []
    for i, text in enumerate(bases):
        end = "." if i == len(bases) - 1 else ";"
        out.append(BodyParagraph("text", (Span(text.rstrip(" ;,.") + end, italic=True),)))
    return out


def appendix_paragraphs(
    appendices: Sequence[Any], attached: str, segments: Callable[[Any], tuple[Any, ...]]
) -> list[Any]:
    """R-PL: each phụ lục on a new page: `Phụ lục` (numbered I, II, … when there are two or
    more), its title in capitals, `(Kèm theo …)` in italics, then its paragraphs."""
    out = []
    for i, appendix in enumerate(appendices):
        number = f" {vi.roman(i + 1)}" if len(appendices) > 1 else ""
        out.append(BodyParagraph("block", (f"Phụ lục{number}",), "appendix-number"))
        out.append(BodyParagraph("block", (vi.upper_vi(appendix.title),), "appendix-title"))
        note = appendix.note or attached
        out.append(BodyParagraph("block", (f"({note.strip('()')})",), "appendix-note"))
        out += [BodyParagraph("block", segments(p), "appendix-text") for p in appendix.paragraphs]
    return out
