"""The words of the checker's findings, in Vietnamese and in English.

A finding keeps what it says as a `Message`: a key of `MESSAGES` (`message_texts.py`, every
text in both languages) and its values (numbers, names, texts, and other messages such as a
part's look or an alignment). `Message.render` words it in one language, numbers the way
that language writes them (`12,7` / `12.7`);
the Vietnamese is what the checker has always said, the English is for `notice --lang en`.
The library never chooses: a finding carries both, the command line shows one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from .message_texts import MESSAGES

LANGS = ("vi", "en")

#: A value of a message: a text, a number (written per language), another message, or a
#: tuple of them (messages joined by "; ", anything else by ", ").
Value = Union[str, int, float, "Message", tuple[Any, ...]]


@dataclass(frozen=True)
class Message:
    """What a finding says, as a key of `MESSAGES` and its values (hashable, so the same
    problem on several paragraphs is told once)."""

    key: str
    values: tuple[tuple[str, Value], ...] = ()

    def render(self, lang: str) -> str:
        """The message in `lang` ("vi" or "en")."""
        template = MESSAGES[self.key][LANGS.index(lang)]
        return template.format(**{name: _show(v, lang) for name, v in self.values})

    def as_data(self) -> dict[str, Any]:
        """The key and values as JSON data (nested messages as key and values too)."""
        return {"key": self.key, "values": {name: _data(v) for name, v in self.values}}


def msg(key: str, **values: Value) -> Message:
    """The message `key` with its values; raises KeyError for a key not in `MESSAGES`."""
    MESSAGES[key]  # noqa: B018 - an unknown key fails where the finding is made
    return Message(key, tuple(values.items()))


def number(value: float, lang: str) -> str:
    """A measure for a message: `25`, `12,7` in Vietnamese, `12.7` in English."""
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    return shown.replace(".", ",") if lang == "vi" else shown


def _show(value: Value, lang: str) -> str:
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, tuple):
        joiner = "; " if value and isinstance(value[0], Message) else ", "
        return joiner.join(_show(v, lang) for v in value)
    if isinstance(value, float):
        return number(value, lang)
    return str(value)


def _data(value: Value) -> Any:
    if isinstance(value, Message):
        return value.as_data()
    if isinstance(value, tuple):
        return [_data(v) for v in value]
    return value


def part_label(part: str, lang: str) -> str:
    """The name of a part (a role of `LABELS`, or page_number, paragraph, header, footer)."""
    return MESSAGES[f"part.{part}"][LANGS.index(lang)]


#: How much of a part's text a message quotes.
QUOTE_CHARS = 40


def compose(rule: str, detail: Message, part: str | None, text: str, lang: str) -> str:
    """A finding's message: the part named by its label and its text, what is wrong, the
    rule ID: `Quốc hiệu «CỘNG HÕA XÃ HỘI…»: viết sai; … (R-QH)`."""
    said = detail.render(lang)
    if part is not None:
        label = part_label(part, lang)
        shown = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
        said = f"{label} «{shown}»: {said}" if shown else f"{label}: {said}"
    return f"{said} ({rule})"
