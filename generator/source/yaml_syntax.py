"""YAML syntax errors told the way a clerk can act on them: libyaml's "mapping values are not
allowed in this context" becomes what is wrong on which line, with an indentation hint when
the error is one (the line, its indentation, and the indentation of the block it belongs to).
Every message starts "YAML syntax error:"; `cli/messages.py` gives its Vietnamese form.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import Problem

PREFIX = "YAML syntax error: "
#: A message and where to point (line, column), or None to keep the error's own place.
Told = tuple[str, tuple[int, int] | None]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _spaces(line: str) -> str:
    n = _indent(line)
    return f"{n} space" if n == 1 else f"{n} spaces"


def _previous(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above `index` that holds something (not a comment)."""
    for i in range(index - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def syntax_problem(path: Path, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The problem to report for a YAML syntax error in `text` (the file at `path`)."""
    mark = exc.problem_mark or exc.context_mark
    lines = text.splitlines() or [""]
    at = min(mark.line, len(lines) - 1) if mark else 0
    where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    told = _indentation(exc, lines, at) or _other(exc, lines[at])
    if told is None:
        message = " ".join(p for p in (exc.context, exc.problem) if p)
    else:
        message, where = told[0], told[1] or where
    return Problem(path, *where, "", PREFIX + message)


def _indentation(exc: yaml.MarkedYAMLError, lines: list[str], at: int) -> Told | None:
    """Errors that come from a line indented wrongly, told with the indentations involved."""
    problem, context, start = exc.problem or "", exc.context or "", exc.context_mark
    line = lines[at]
    here = (at + 1, _indent(line) + 1)
    if problem == "mapping values are not allowed in this context":
        above = _previous(lines, at)
        if above is not None and _indent(line) > _indent(lines[above]):
            return (f"line {at + 1} is indented {_spaces(line)}, deeper than line {above + 1} "
                    f"({_indent(lines[above])}): a key of the same level starts at the same "
                    "column"), here  # fmt: skip
        return 'a text holding ": " must be put in quotes, e.g. subject: "Kết luận: …"', None
    if problem == "did not find expected key" and context == "while parsing a block mapping":
        column = start.column if start else 0
        if _indent(line) != column and line.strip() and start:
            return (f"line {at + 1} is indented {_spaces(line)}, but the keys of its block "
                    f"(from line {start.line + 1}) are indented {column}"), here  # fmt: skip
        return "text after a closing quote: put the whole value inside the quotes", None
    if problem == "did not find expected '-' indicator" and start:
        if _indent(line) == start.column:
            return (f"line {at + 1} is not an entry `- ` of the list above it (from line "
                    f"{start.line + 1}): start it with `- `, or indent it less to make it a key "
                    "of its own"), here  # fmt: skip
        return (f"line {at + 1} is indented {_spaces(line)}, but the entries `- ` of its list "
                f"(from line {start.line + 1}) are indented {start.column}"), here  # fmt: skip
    return None


def _other(exc: yaml.MarkedYAMLError, line: str) -> Told | None:
    """The other errors a clerk makes: tabs, quotes, colons, brackets, `*` and `@`."""
    problem, context = exc.problem or "", exc.context or ""
    mark, start = exc.problem_mark, exc.context_mark
    opened = (start.line + 1, start.column + 1) if start else None
    if problem == "found character that cannot start any token" and mark:
        char = line[mark.column] if mark.column < len(line) else ""
        if char == "\t":
            return "a tab character: indent with spaces only", None
        if char:
            return f'a value cannot start with {char}: put it in quotes, e.g. "{char}…"', None
    if problem == "could not find expected ':'" and opened:
        return ("this line has no `:` after its key: write `key: value`, or indent a text that "
                "goes on from the line above under its key"), opened  # fmt: skip
    if problem == "found unexpected end of stream" and "quoted scalar" in context:
        return "this quote is never closed: add the closing quote", opened
    if problem in ("did not find expected ',' or ']'", "did not find expected ',' or '}'"):
        close = problem[-2]
        what = "list [" if close == "]" else "mapping {"
        return (f"the {what} opened here is not closed with {close} on its line, or an entry "
                "lacks its comma"), opened  # fmt: skip
    if problem == "but found another document":
        return ("a second document (`---`) in the file: a source holds one notice; remove the "
                "`---` line"), None  # fmt: skip
    if problem == "found undefined alias":
        return 'a value starting with * must be put in quotes, e.g. "*…"', None
    return None
