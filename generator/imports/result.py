"""What an import gives: the source's data, the guesses, and what could not be placed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..check.reader import Line


@dataclass
class Leftover:
    """Text the importer could not place: where it was (đoạn N), the text, and why."""

    paragraph: int
    text: str
    why: str


@dataclass
class Imported:
    """The data of the source, what was guessed (for comments) and what was left over."""

    path: Path
    data: dict
    guesses: list[str] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Lines placed by the importer itself, beyond the finder's components.
    taken: list[Line] = field(default_factory=list, repr=False)
