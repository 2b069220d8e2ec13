"""The field types of the source format: cleaned text, dates, counts, lines, the shorthand
forms the loader accepts, and the base model. Every string is NFC-normalised and has its
whitespace folded (`vietnamese.clean_text`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict

from ..profile import vietnamese as vi


def _text(value: str) -> str:
    value = vi.clean_text(value)
    if not value:
        raise ValueError("must not be empty")
    return value


def _upper(value: str) -> str:
    return vi.upper_vi(_text(value))


def _template_path(value: str) -> str:
    """A template named by a source: a relative `.docx` path, so a shared source cannot point
    at an arbitrary file of the machine that renders it."""
    if value.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", value):
        raise ValueError("name the template relative to this file, e.g. ../templates/my.docx")
    if not value.lower().endswith(".docx"):
        raise ValueError("a template is a .docx file")
    return value


def _phrase_template(value: str) -> str:
    from .opening import template_problems

    problems = template_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _one_or_list(value: Any) -> Any:
    """A paragraph field written as one paragraph (a string or a mapping) or as a list."""
    return [value] if isinstance(value, (str, dict)) else value


def _lines(value: Any, clean: Any = None) -> Any:
    """Text that may be broken into lines where the writer says: a string (one line, its
    whitespace folded as always) or a list of lines, kept as lines joined by `\n`."""
    clean = clean or _text
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n".join(clean(v) for v in value)
    if isinstance(value, list) and not value:
        raise ValueError("must not be empty")
    return clean(value) if isinstance(value, str) else value


def _upper_lines(value: Any) -> Any:
    return _lines(value, _upper)


def _authority(value: str) -> str:
    prefix, title = vi.parse_authority(value)
    return f"{prefix} {title}"


def _iso_date(value: Any) -> Any:
    """Accept `2020-12-18` whether YAML read it as a date, a timestamp or quoted text."""
    if isinstance(value, dt.datetime):
        return value.date()
    match = (
        re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value) if isinstance(value, str) else None
    )
    if match:  # only YYYY-MM-DD: Python 3.11's fromisoformat also takes 20240103 and weeks
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return value
    return value


def _plausible_year(value: dt.date) -> dt.date:
    """R-DATE-1: a date of this century's documents, not `0001-01-01` or `9999-12-31`."""
    if not 1900 < value.year < 3000:
        raise ValueError(f"the year {value.year:04d} is not plausible: write 1901–2999 (R-DATE-1)")
    return value


def _document_number(value: int) -> int:
    """R-SO-1: numbers run through one year from 01; six digits are more than enough."""
    if value > 999_999:
        raise ValueError(f"{value} is not a document number: at most 6 digits (R-SO-1)")
    return value


Text = Annotated[str, Strict(), AfterValidator(_text)]
UpperText = Annotated[str, Strict(), AfterValidator(_upper)]
Date = Annotated[dt.date, Strict(), BeforeValidator(_iso_date), AfterValidator(_plausible_year)]
Count = Annotated[int, Strict(), Field(ge=1)]


def _copies(value: Any) -> Any:
    """Copies kept: a whole number (`2` → `(2)`), or as the văn thư writes them (`2b`, `02`)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value < 1:
            raise ValueError("must be at least 1")
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{1,3}[a-z]?", value.strip()):
        return value.strip()
    raise ValueError(f'{value!r} is not a number of copies: write 2, or as written: "2b", "02"')


#: Copies kept as the văn thư writes them: `2`, `2b` (bản), `02`.
Copies = Annotated[int | str, BeforeValidator(_copies)]
#: Text broken into lines where the source says (`[line 1, line 2]`), e.g. the trích yếu.
Lines = Annotated[str, Strict(), BeforeValidator(_lines)]
UpperLines = Annotated[str, Strict(), BeforeValidator(_upper_lines)]
NumberStyle = Literal[
    "roman", "decimal", "nested", "letter", "dash", "plus", "paren", "roman-paren", "ordinal",
    "none",
]  # fmt: skip


class Model(BaseModel):
    """Base of every source model: immutable, unknown keys rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class NoticeDate(Model):
    """The issue date; a draft may leave the day (or all of it) blank (R-DATE-1)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def complete(self) -> bool:
        return self.day is not None


def _notice_date(value: Any) -> Any:
    value = _iso_date(value)
    if isinstance(value, dt.date):
        _plausible_year(value)
        return {"year": value.year, "month": value.month, "day": value.day}
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value.strip())
        if match and 1 <= int(match.group(2)) <= 12:
            _plausible_year(dt.date(int(match.group(1)) or 1, 1, 1))
            return {"year": int(match.group(1)), "month": int(match.group(2))}
        match = re.fullmatch(r"(\d{4})", value.strip())
        if match:
            _plausible_year(dt.date(int(match.group(1)) or 1, 1, 1))
            return {"year": int(match.group(1))}
    if isinstance(value, int) and not isinstance(value, bool) and 1900 < value < 3000:
        return {"year": value}
    raise ValueError(
        f"{value!r} is not a date: write YYYY-MM-DD, or YYYY-MM for a draft without a day"
    )
