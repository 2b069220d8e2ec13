"""The checker's text rules, applied to the source: what `notice check` would call an error
in the rendered notice is refused by `validate` first, at the line and column that caused it,
with the rule ID (`spec/nd30.md`). Pure: it reads the loaded data and its marks.

Layout rules (margins, fonts, sizes) belong to the template and are not repeated here;
what is here is what a source can get wrong in its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..ooxml import metrics
from ..profile import vietnamese as vi
from .loader import PathKey, Source

#: Text width of the page (165 mm, R-MARGIN) in points: a word wider than this cannot be set.
LINE_PT = 165 * 72 / 25.4
#: A label typed before the text of a numbered item (R-ND-PMK): `I.`, `3.`, `2.1.`, `a)`,
#: `(1)`, `(iv)`, `-`, `+`.
_TYPED_LABEL = re.compile(
    r"^\s*(?:[IVXLC]+\.|\d{1,3}(?:\.\d{1,3})*\.|[a-zđ]\)|\(\d{1,3}\)|\([ivxlc]{1,6}\)|[-+–])\s"
)
_TYPED_ORDINAL = re.compile(r"^\s*Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\b", re.I)
#: Lists whose entries are sentences: after `[a, b]` split one at a comma, the next entry
#: starts in lower case.
_SENTENCE_LISTS = ("paragraphs", "opening", "closing", "after", "bases", "recipients", "addressees")
#: Lists of phrases, which start in lower case anyway (`lãnh đạo các sở`): there a split shows
#: as a piece of one or two words (`ngành …`, `thị xã`).
_PHRASE_LISTS = ("attendees", "heard")
_DEFAULT_STYLES = ("decimal", "letter", "dash", "plus")


def text_problems(source: Source) -> list[tuple[PathKey, str]]:
    """Every text-rule breach of a loaded source, as (location, message with rule ID)."""
    data = source.data
    if not isinstance(data, dict):
        return []
    return [
        *_subject(data),
        *_typed_labels(data),
        *_long_words(data),
        *_archive(data),
        *_flow_splits(source),
    ]


def _strings(value: Any, loc: PathKey) -> Iterator[tuple[PathKey, str]]:
    """The text of a paragraph field: a string, a {text: …} mapping, or a list of either."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict) and isinstance(value.get("text"), str):
        yield (*loc, "text"), value["text"]
    elif isinstance(value, list):
        for i, entry in enumerate(value):
            yield from _strings(entry, (*loc, i))


def _subject(data: dict[str, Any]) -> Iterator[tuple[PathKey, str]]:
    """R-TY: the trích yếu is in lower case (sentence case), not in capitals."""
    for loc, text in _strings(data.get("subject"), ("subject",)):
        letters = [ch for ch in text if ch.isalpha()]
        if len(letters) > 3 and text == vi.upper_vi(text):
            yield loc, "the trích yếu is written in lower case, not in capitals (R-TY)"


def _typed_labels(data: dict[str, Any]) -> Iterator[tuple[PathKey, str]]:
    """R-ND-PMK: numbers are computed; a label typed before the text prints twice."""
    styles = data.get("numbering")
    if not (isinstance(styles, list) and all(isinstance(s, str) for s in styles)):
        styles = list(_DEFAULT_STYLES)

    def walk(items: Any, levels: list[Any], loc: PathKey) -> Iterator[tuple[PathKey, str]]:
        if not isinstance(items, list) or not levels:
            return
        style = levels[0]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            here = (*loc, i)
            numbered = item.get("numbered", True) is not False and style != "none"
            first = (
                [((*here, "heading"), item["heading"])]
                if isinstance(item.get("heading"), str)
                else list(_strings(item.get("paragraphs"), (*here, "paragraphs")))[:1]
            )
            pattern = _TYPED_ORDINAL if style == "ordinal" else _TYPED_LABEL
            for at, text in first if numbered else []:
                typed = pattern.match(text)
                if typed:
                    yield (
                        at,
                        (
                            f"starts with the label {typed.group().strip()!r}, which is computed "
                            "(numbering): remove it, or it is printed twice (R-ND-PMK)"
                        ),
                    )
            own = item.get("numbering")
            below = own if isinstance(own, list) and own else levels[1:]
            yield from walk(item.get("children"), below, (*here, "children"))

    yield from walk(data.get("conclusions"), list(styles), ("conclusions",))


def _body_texts(data: dict[str, Any]) -> Iterator[tuple[PathKey, str, str]]:
    """(location, text, rule) of every text that is set on the lines of the page."""
    for loc, text in _strings(data.get("subject"), ("subject",)):
        yield loc, text, "R-TY"
    for key in ("opening", "closing", "bases"):
        for loc, text in _strings(data.get(key), (key,)):
            yield loc, text, "R-ND-1"

    def walk(items: Any, loc: PathKey) -> Iterator[tuple[PathKey, str, str]]:
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            here = (*loc, i)
            if isinstance(item.get("heading"), str):
                yield (*here, "heading"), item["heading"], "R-ND-1"
            for key in ("paragraphs", "after"):
                for at, text in _strings(item.get(key), (*here, key)):
                    yield at, text, "R-ND-1"
            yield from walk(item.get("children"), (*here, "children"))

    yield from walk(data.get("conclusions"), ("conclusions",))


def _long_words(data: dict[str, Any]) -> Iterator[tuple[PathKey, str]]:
    """R-TY, R-ND-1: a word wider than the line cannot be set (it runs off the page)."""
    for loc, text, rule in _body_texts(data):
        for word in text.split():
            if len(word) > 40 and metrics.text_width_pt(word, 14, bold=True) > LINE_PT:
                yield (
                    loc,
                    (
                        f"a word of {len(word)} characters is wider than the line "
                        f"({word[:20]}…) ({rule})"
                    ),
                )
                break


def _archive(data: dict[str, Any]) -> Iterator[tuple[PathKey, str]]:
    """R-NN-LUU: the Lưu line is made from `archive`, last, with the drafting unit."""
    recipients = data.get("recipients")
    for i, entry in enumerate(recipients if isinstance(recipients, list) else []):
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str) and vi.upper_vi(name).lstrip("-–+ ").startswith("LƯU"):
            yield (
                ("recipients", i),
                (
                    "the «Lưu:» line is made from archive and printed last; as a recipient it "
                    "would be printed twice: move its units to archive.units (R-NN-LUU)"
                ),
            )
    archive = data.get("archive")
    units = archive.get("units") if isinstance(archive, dict) else None
    if units is None or units == [] or (archive is None and "archive" not in data):
        where = ("archive",) if "archive" in data else ()
        yield (
            where,
            (
                "archive.units is missing: the Lưu line would be «- Lưu: VT.» without the drafting "
                "unit, e.g. archive: {units: KGVX} (R-NN-LUU)"
            ),
        )


def _flow_splits(source: Source) -> Iterator[tuple[PathKey, str]]:
    """A sentence list written `[a, b]`: YAML splits the text at every comma, and the part
    after a comma starts in lower case; in a list of phrases, it is a piece of one or two
    words. Block style (`- …` per line) keeps commas."""
    for loc in sorted(source.flow_lists, key=str):
        if not loc or loc[-1] not in (*_SENTENCE_LISTS, *_PHRASE_LISTS):
            continue
        value: Any = source.data
        for part in loc:
            value = value[part]
        phrases = loc[-1] in _PHRASE_LISTS
        for i, entry in enumerate(value):
            if not (i and isinstance(entry, str) and entry[:1].islower()):
                continue
            if not phrases or len(entry.replace("…", " ").split()) <= 2:
                yield (
                    (*loc, i),
                    (
                        f"«{entry[:30]}» looks like the rest of the text before it, split at a "
                        "comma by the [a, b] form: write one «- » entry per line, or quote the "
                        "text (YAML-FLOW)"
                    ),
                )
                break
