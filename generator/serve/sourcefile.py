"""Reading a source for the editor and writing the edited data back into it.

The project's own loader (`source.loader`) says what a file means; ruamel.yaml, which keeps
comments, key order and the style of every value, writes it back. Saving merges the new data
into the file's node tree: a value the form did not change keeps its node (its comment, its
quotes, `>-`, a flow list), a changed one is replaced in place, a new key is put where the
schema's order places it, and new blocks are written in block style. The file is replaced
atomically and durably (`files.write_durably`), and only if nobody changed it since it was
read (its SHA-256 is the version the form carries).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from ..errors import NoticeError
from ..files import sha256_bytes, write_durably
from ..source.loader import load_source


class SaveConflictError(NoticeError):
    """The file changed on disk after the form was drawn from it; saving would lose that."""


@dataclass(frozen=True)
class SourceText:
    """A source as read for the editor: its data (as the loader reads it) and its version."""

    path: Path
    data: dict[str, Any]
    sha: str


def read_source(path: Path) -> SourceText:
    """Read `path` with the project's loader; raise SourceError if it cannot be parsed."""
    raw = Path(path).read_bytes()
    source = load_source(path)
    return SourceText(Path(path), source.data, sha256_bytes(raw))


def _yaml_for(text: str) -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the author did not fold
    yaml.default_flow_style = False
    mapping, sequence, offset = 2, 4, 2  # the style of notices/ and of `notice new`
    try:
        _, indent, block_seq = load_yaml_guess_indent(text)
    except Exception:  # noqa: BLE001 - a guess only; the loader has judged the file already
        indent, block_seq = None, None
    if indent and block_seq is not None:
        sequence, offset = indent, block_seq
        mapping = indent - block_seq if block_seq and indent > block_seq else indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def updated_text(text: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    """`text` with the data `new` in place of `old` (what the loader read from `text`)."""
    yaml = _yaml_for(text)
    document = yaml.load(text)
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
    document = _merge(document, old, new)
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def save_source(path: Path, new: dict[str, Any], base_sha: str) -> SourceText:
    """Write `new` into the source at `path`, which must still be at version `base_sha`."""
    path = Path(path)
    raw = path.read_bytes()
    if sha256_bytes(raw) != base_sha:
        raise SaveConflictError(
            f"{path.name} was changed by another program after it was opened; "
            "reload the page to edit the new version"
        )
    old = load_source(path).data
    text = updated_text(raw.decode("utf-8"), old, new)
    data = text.encode("utf-8")
    if data != raw:
        write_durably(path, data)
    return SourceText(path, new, sha256_bytes(data))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dt.datetime) or isinstance(b, dt.datetime):
        return a == b
    return type(a) is type(b) and a == b


def _merge(node: Any, old: Any, new: Any) -> Any:
    if _same(old, new) and node is not None:
        return node
    if isinstance(node, CommentedMap) and isinstance(new, dict):
        before = old if isinstance(old, dict) else {}
        for key in [k for k in node if k not in new]:
            if key in before and before[key] is None:
                continue  # `number:` left empty: absent and null mean the same; keep the line
            _delete(node, key)
        keys = list(new)
        for index, key in enumerate(keys):
            if key in node:
                node[key] = _merge(node[key], before.get(key), new[key])
            else:
                present = list(node)
                later = [present.index(k) for k in keys[index + 1 :] if k in present]
                node.insert(min(later, default=len(node)), key, _fresh(new[key]))
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list):
        before = old if isinstance(old, list) else []
        for index, value in enumerate(new):
            if index < len(node):
                was = before[index] if index < len(before) else None
                node[index] = _merge(node[index], was, value)
            else:
                node.append(_fresh(value))
        del node[len(new) :]
        return node
    if isinstance(new, str) and isinstance(node, (FoldedScalarString, LiteralScalarString)):
        return type(node)(new)
    return _fresh(new)


def _delete(node: CommentedMap, key: Any) -> None:
    """Delete `key`, handing the comment lines that follow its value (ruamel attaches them
    to it, though they stand above the next key) to the key before it when that one holds
    a plain value."""
    keys = list(node)
    position = keys.index(key)
    after = node.ca.items.get(key)
    del node[key]
    if not after or len(after) < 3 or after[2] is None or position == 0:
        return
    previous = keys[position - 1]
    if isinstance(node[previous], (dict, list)):
        return
    slot = node.ca.items.setdefault(previous, [None, None, None, None])
    if slot[2] is None:
        slot[2] = after[2]
    else:  # both hold "\n# …\n" (the end of the value's line, then the comment lines)
        slot[2].value = slot[2].value + after[2].value.removeprefix("\n")


def _fresh(value: Any) -> Any:
    """A new value as ruamel writes it in block style."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _fresh(item)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_fresh(item) for item in value)
        return seq
    return value
