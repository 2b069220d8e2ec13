"""Inline emphasis in body text: a small markup, parsed into styled spans, never executed.

Opt-in per notice (`markup: true`), so text written before it existed prints as it did:

    **Sở Tài chính**: chủ trì …     → "Sở Tài chính" bold
    *Thứ nhất*, …                   → "Thứ nhất" italic
    ***rất khẩn***                  → bold and italic
    \\*  \\\\                        → a literal `*`, a literal backslash

A marker with no partner is printed as written. The result is plain text with flags: it
becomes Word runs with `<w:b/>`/`<w:i/>` in the renderer and is escaped there like any
other text, so nothing in it can reach Jinja or the XML as markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


_TOKEN = re.compile(r"\\[\\*]|\*{1,3}")


def parse(text: str) -> list[Span]:
    """`text` as spans: `**…**` bold, `*…*` italic, `***…***` both; `\\*` is a literal star.

    Adjacent spans of the same emphasis are merged; empty spans are dropped.
    """
    tokens: list[tuple[str, str]] = []  # ("text", s) or ("mark", "*"/"**"/"***")
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            tokens.append(("text", text[pos : match.start()]))
        token = match.group()
        tokens.append(("text", token[1]) if token.startswith("\\") else ("mark", token))
        pos = match.end()
    if pos < len(text):
        tokens.append(("text", text[pos:]))
    # pair each opening marker with the next equal one; an unpaired marker is text
    paired: dict[int, int] = {}
    open_at: dict[str, int] = {}
    for i, (kind, value) in enumerate(tokens):
        if kind != "mark":
            continue
        if value in open_at:
            start = open_at.pop(value)
            paired[start] = i
            # a marker opened inside this pair and still open cannot close across it
            for other in [m for m, j in open_at.items() if j > start]:
                del open_at[other]
        else:
            open_at[value] = i
    closers = {end: start for start, end in paired.items()}
    spans: list[Span] = []
    bold = italic = 0
    for i, (kind, value) in enumerate(tokens):
        if kind == "mark" and (i in paired or i in closers):
            step = 1 if i in paired else -1
            bold += step if value in ("**", "***") else 0
            italic += step if value in ("*", "***") else 0
            continue
        _append(spans, Span(value, bold > 0, italic > 0))
    return spans


def _append(spans: list[Span], span: Span) -> None:
    if not span.text:
        return
    if spans and (spans[-1].bold, spans[-1].italic) == (span.bold, span.italic):
        spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
    else:
        spans.append(span)


def plain(text: str) -> str:
    """The text as printed, markers and escapes removed."""
    return "".join(span.text for span in parse(text))
