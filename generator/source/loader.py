"""Safe YAML loading that remembers where every key and value stands in the file.

Pydantic reports errors by path (`("meeting", "chair", "name")`); `Source.locate`
turns such a path back into a line and column, so every message can name them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import Problem, SourceError
from .yaml_syntax import syntax_problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Limits that keep a hostile or mistaken source from exhausting the machine.
MAX_SOURCE_BYTES = 2_000_000
MAX_NODES = 50_000
MAX_DEPTH = 40

PathKey = tuple[Any, ...]


class Mark(NamedTuple):
    """A 1-based line and column in a source file (a tuple: one is made for every node)."""

    line: int
    column: int


@dataclass
class Source:
    """A parsed YAML source: plain Python data plus the position of every node."""

    path: Path
    data: Any
    #: libyaml's own (0-based) marks, turned into `Mark`s only when a problem is located.
    value_marks: dict[PathKey, yaml.Mark] = field(default_factory=dict)
    key_marks: dict[PathKey, yaml.Mark] = field(default_factory=dict)
    #: Problems found while reading (duplicate keys, impossible dates); validation adds its own.
    problems: list[Problem] = field(default_factory=list)
    #: The sequences written in flow style, `[a, b]`: YAML splits them at every comma.
    flow_lists: set[PathKey] = field(default_factory=set)

    def locate(self, loc: PathKey, *, key: bool = False) -> Mark:
        """The position of the node at `loc`, or of its nearest ancestor that exists."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return _mark(self.key_marks[loc])
        while loc:
            if loc in self.value_marks:
                return _mark(self.value_marks[loc])
            loc = loc[:-1]
        return _mark(self.value_marks[()]) if () in self.value_marks else Mark(1, 1)

    def problem(self, loc: PathKey, message: str, *, key: bool = False) -> Problem:
        """A `Problem` at `loc` with the dotted field name a person reads."""
        mark = self.locate(loc, key=key)
        return Problem(self.path, mark.line, mark.column, dotted(loc), message)


def dotted(loc: PathKey) -> str:
    """`("conclusions", 2, "heading")` → `conclusions[2].heading`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_STR_TAG = "tag:yaml.org,2002:str"


def _mark(mark: yaml.Mark) -> Mark:
    return Mark(mark.line + 1, mark.column + 1)


class _Walker:
    """Builds Python values from a composed YAML node tree, recording marks."""

    def __init__(self, source: Source, loader: Any) -> None:
        self.source = source
        self.loader = loader
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(f"more than {MAX_NODES} YAML nodes (aliases included)")
        if len(loc) > MAX_DEPTH:
            raise _TooBig(f"nested deeper than {MAX_DEPTH} levels")
        self.source.value_marks.setdefault(loc, node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            if node.flow_style:
                self.source.flow_lists.add(loc)
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        if node.tag == _STR_TAG:  # most values: what construct_object gives, without its cost
            return node.value
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError) as exc:
            # e.g. `date: 2020-13-45` looks like a timestamp but is not a date
            self.problems.append(self.source.problem(loc, f"invalid value {node.value!r}: {exc}"))
            return node.value

    def _mapping(self, node: yaml.MappingNode, loc: PathKey) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(self.source.path, *_pos(key_node), "", "a key must be a plain name")
                )
                continue
            key = key_node.value
            child = (*loc, key)
            if key in out:
                first = _mark(self.source.key_marks[child])
                self.problems.append(
                    Problem(
                        self.source.path,
                        *_pos(key_node),
                        dotted(child),
                        f"duplicate key, first given at line {first.line}",
                    )
                )
                continue
            self.source.key_marks[child] = key_node.start_mark
            out[key] = self.build(value_node, child)
        return out


def _pos(node: yaml.Node) -> tuple[int, int]:
    return _mark(node.start_mark)


class _TooBig(Exception):
    pass


def load_source(path: Path) -> Source:
    """Read a YAML source safely; raise `SourceError` with every problem found."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError([Problem(path, 1, 1, "", f"cannot read file: {exc.strerror}")]) from exc
    if len(raw) > MAX_SOURCE_BYTES:
        raise SourceError(
            [Problem(path, 1, 1, "", f"file is larger than {MAX_SOURCE_BYTES:,} bytes")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            [Problem(path, line, 1, "", "not UTF-8 text; save the file as UTF-8")]
        ) from exc
    source = Source(path, None)
    _check_depth(path, text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        walker = _Walker(source, loader)
        source.data = {} if node is None else walker.build(node, ())
    except yaml.MarkedYAMLError as exc:
        raise SourceError([syntax_problem(path, text, exc)]) from exc
    except yaml.YAMLError as exc:
        raise SourceError([Problem(path, 1, 1, "", f"YAML error: {exc}")]) from exc
    except _TooBig as exc:
        raise SourceError([Problem(path, 1, 1, "", f"source too large: {exc}")]) from exc
    finally:
        loader.dispose()
    source.problems = walker.problems
    if not isinstance(source.data, dict):
        raise SourceError([source.problem((), "the file must be a mapping of keys to values")])
    return source


_INDENT = re.compile(r"^[ -]+", re.MULTILINE)


def _check_depth(path: Path, text: str) -> None:
    """Enforce MAX_DEPTH ourselves, before libyaml composes the document.

    libyaml's composer recurses in C (a few thousand nested brackets crash the interpreter),
    and libyaml itself refuses deep nesting at a depth and with a message of its own that
    change between PyYAML releases (6.0.4 stops at 1,000 levels). So the limit is ours: PyYAML's
    pure-Python parser, which neither recurses nor limits, reads the events and the first level
    past MAX_DEPTH is reported at its position, whatever PyYAML version is installed.
    """
    # A file cannot nest deeper than its flow brackets plus its longest indentation (each block
    # level indents by at least one column) plus the root: most files are skipped here, since
    # the pure-Python parser costs ≈ 5 ms for a typical source.
    bound = text.count("[") + text.count("{") + len(max(_INDENT.findall(text), key=len, default=""))
    if bound + 1 <= MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise SourceError(
                        [Problem(path, mark.line + 1, mark.column + 1, "",
                                 f"source too large: nested deeper than {MAX_DEPTH} levels")]
                    )  # fmt: skip
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # reported with its position by the real load


def iter_source_files(paths: list[Path]) -> Iterator[Path]:
    """Expand files and folders into the sorted `*.yaml`/`*.yml` files they name."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        else:
            yield path
