"""Typed numbering into the numbering styles and the item tree.

Each body paragraph's typed label (`II.`, `2.1.`, `b)`, `-`, `(3)`, `(iv)`, `Thứ hai,`) names
its style; a style seen for the first time opens a level under the current item, one seen
before closes the levels below it. Unlabelled paragraphs belong to the item above them. The
styles of the notice are those of the first item at each depth; a subtree numbered otherwise
gets its own `numbering`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..profile import numbering as nb

_ORDINALS = "nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười"
#: The typed label of each style, in the order they are tried (nested before decimal).
LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nested", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?(?:\s+|(?=[^\d\s.]))")),
    ("roman", re.compile(r"^([IVXL]{1,6})[.)]\s*(?=\S)")),
    ("decimal", re.compile(r"^(\d{1,2})[.)]\s*(?=\S)")),
    ("letter", re.compile(r"^([a-zđ])\)\s*(?=\S)")),
    ("roman-paren", re.compile(r"^\(([ivx]{1,5})\)\s*(?=\S)")),
    ("paren", re.compile(r"^\((\d{1,2})\)\s*(?=\S)")),
    ("ordinal", re.compile(rf"^Thứ ({_ORDINALS}),\s*(?=\S)", re.IGNORECASE)),
    ("dash", re.compile(r"^[-–—•]\s*(?=\S)")),
    ("plus", re.compile(r"^\+\s*(?=\S)")),
)


def split_label(text: str) -> tuple[str | None, str, str]:
    """(style, label, rest) of a paragraph; (None, "", text) when it has no typed label."""
    for style, pattern in LABELS:
        m = pattern.match(text)
        if m:
            if style == "roman" and not re.fullmatch(
                r"M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})"
                r"(I[XV]|V?I{0,3})",
                m.group(1),
            ):
                continue
            return style, text[: m.end()].strip(), text[m.end() :].strip()
    return None, "", text


@dataclass
class Node:
    """An item being built: its style, typed label, heading and paragraphs (as written)."""

    style: str
    label: str
    heading: str | None = None
    paragraphs: list[dict] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    numbering: list[str] | None = None
    extra: dict = field(default_factory=dict)  # assignee, deadline


def build_tree(entries: list[tuple[str | None, str, dict, bool]]) -> list[Node]:
    """The item tree of (style, label, paragraph, is_heading) entries in reading order.

    The first entry must be labelled; `paragraph` is the source's paragraph (`text`, maybe
    `footnotes`); `is_heading`: the paragraph is a heading (bold on its own line)."""
    roots: list[Node] = []
    stack: list[Node] = []  # the open path, top level first
    for style, label, paragraph, is_heading in entries:
        if style is None:
            stack[-1].paragraphs.append(paragraph)
            continue
        at = next((i for i, n in enumerate(stack) if n.style == style), None)
        if at is not None:
            del stack[at:]
        node = Node(style, label)
        if is_heading:
            node.heading = paragraph["text"]
        else:
            node.paragraphs.append(paragraph)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def styles_of(nodes: list[Node]) -> list[str]:
    """The styles by depth of a subtree: those of the first item found at each depth."""
    out: list[str] = []
    level = nodes
    while level:
        out.append(level[0].style)
        level = next((n.children for n in level if n.children), [])
    return out


def assign_numbering(nodes: list[Node], inherited: list[str]) -> None:
    """Give `numbering` to an item whose children are numbered other than inherited."""
    for node in nodes:
        if not node.children:
            continue
        below = inherited[1:]
        if (
            not below
            or node.children[0].style != below[0]
            or len(styles_of(node.children)) > len(below)
        ):
            node.numbering = styles_of(node.children)
            below = node.numbering
        assign_numbering(node.children, below)


def bold_style(style: str) -> bool:
    """Whether headings of this style print bold on their own line."""
    return style in nb.BOLD_HEADING_STYLES


def as_items(nodes: list[Node]) -> list[dict]:
    """The nodes as the source's `conclusions` entries, in the key order people write."""
    out = []
    for node in nodes:
        item: dict = {}
        if node.heading is not None:
            item["heading"] = node.heading
        for key in ("assignee", "deadline"):
            if key in node.extra:
                item[key] = node.extra[key]
        if node.paragraphs:
            item["paragraphs"] = [p if set(p) != {"text"} else p["text"] for p in node.paragraphs]
        if node.numbering:
            item["numbering"] = node.numbering
        if node.children:
            item["children"] = as_items(node.children)
        out.append(item)
    return out
