"""No message of the library reaches a user without its Vietnamese and its English form.

The library words its messages in English (the English form is the message itself) and
`generator/cli/messages.py` gives each its Vietnamese form. The messages are read from the
code itself: every text given to a `raise`, every problem a model check appends and every
entry of the models' message table, with each `{…}` filled by sample values.
"""

from __future__ import annotations

import ast
import itertools
import re

import pytest

from generator.cli.messages import _CATALOG, localize

from ..support.readback import ROOT

PACKAGE = ROOT / "generator"
#: Values tried for each `{…}` of a message: a number, a name, a kind, a code point, a path.
SAMPLES = ("7", "x", "TB-VP", "0007", "/x/a.yaml", "does not occur")


def _parts(node: ast.AST) -> list[str | None] | None:
    """A message expression as its fixed texts and its `{…}` (None, or "'" for a `{…!r}`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [
            v.value if isinstance(v, ast.Constant) else ("'" if v.conversion == ord("r") else None)
            for v in node.values
        ]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _parts(node.left), _parts(node.right)
        return None if left is None or right is None else left + right
    return None


def _texts(node: ast.AST) -> list[str] | None:
    """The forms a message takes with every choice of sample values for its `{…}`."""
    parts = _parts(node)
    if parts is None:
        return None
    holes = sum(p is None or p == "'" for p in parts)
    forms = []
    for values in itertools.product(SAMPLES, repeat=min(holes, 3)):
        filled = iter(values + (SAMPLES[0],) * max(holes - 3, 0))
        forms.append(
            "".join(
                p if p not in (None, "'") else (f"'{next(filled)}'" if p else next(filled))
                for p in parts
            )
        )
    return forms


def _has_words(node: ast.AST) -> bool:
    return bool(re.search(r"[a-z]{2}", "".join(p or "" for p in _parts(node) or [])))


def library_messages() -> list[tuple[str, list[str]]]:
    """(file:line, the message's forms) of every message the library outside cli/ words."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            candidates: list[ast.AST] = []
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                candidates.append(node.exc.args[0])
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "append"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "problems"
                and node.args
                and isinstance(node.args[0], ast.Tuple)
            ):
                candidates.append(node.args[0].elts[-1])
            elif isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "_MESSAGES" for t in node.targets
            ):
                assert isinstance(node.value, ast.Dict)
                candidates += node.value.values
            for candidate in candidates:
                forms = _texts(candidate)
                # a bare `f"{where}: {cause}"` passes a message on; it has no words of its own
                if forms is not None and _has_words(candidate):
                    found.append((f"{where}:{candidate.lineno}", forms))
    return found


MESSAGES = library_messages()


def test_the_scan_finds_the_library_messages():
    """The scan sees the messages of every stage (a broken scan would pass anything)."""
    files = {where.rsplit(":", 1)[0] for where, _ in MESSAGES}
    for stage in ("source", "render", "convert", "register", "sign", "build", "check"):
        assert any(f.startswith(f"generator/{stage}/") for f in files), stage
    assert len(MESSAGES) > 100


@pytest.mark.parametrize(("where", "forms"), MESSAGES, ids=[w for w, _ in MESSAGES])
def test_every_library_message_has_both_forms(where, forms):
    """Vietnamese from the catalogue for one of its sample forms; English as written."""
    assert any(localize(form, "vi") != form for form in forms), f"{where}: no Vietnamese"
    assert all(localize(form, "en") == form for form in forms)


@pytest.mark.parametrize(("pattern", "vietnamese"), _CATALOG, ids=[p[:40] for p, _ in _CATALOG])
def test_every_catalogue_entry_is_whole(pattern, vietnamese):
    """Each entry: a valid pattern, a Vietnamese text different from it, no group it lacks."""
    compiled = re.compile(pattern)
    assert vietnamese and vietnamese != pattern
    used = {int(n) for n in re.findall(r"\\(\d+)", vietnamese)}
    assert used <= set(range(1, compiled.groups + 1)), "refers to a group the pattern lacks"
