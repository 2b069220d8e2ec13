"""What the form shows beside its fields: the number each item of the conclusions will print
with, and the `validate` and `check` messages placed next to the field they concern."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..check.rules import Finding
from ..errors import Problem
from ..render.context import item_label
from ..source.models import Notice
from .form import Node


def printed_labels(data: Any) -> dict[str, str]:
    """`{"conclusions[1].children[0]": "1.", …}`: the labels the renderer will print
    (R-ND-PMK), from the numbering styles of `data` (or the default ones)."""
    if not isinstance(data, dict):
        return {}
    styles = data.get("numbering")
    if not (isinstance(styles, list) and styles and all(isinstance(s, str) for s in styles)):
        styles = Notice.model_fields["numbering"].get_default(call_default_factory=True)
    labels: dict[str, str] = {}

    def walk(items: Any, depth: int, path: str, parent: str) -> None:
        if not isinstance(items, list) or depth >= len(styles):
            return
        for index, item in enumerate(items):
            label = item_label(styles[depth], index, parent)
            labels[f"{path}[{index}]"] = label
            if isinstance(item, dict):
                walk(item.get("children"), depth + 1, f"{path}[{index}].children", label)

    walk(data.get("conclusions"), 0, "conclusions", "")
    return labels


def attach(
    root: Node, problems: list[Problem], findings: list[Finding], tr: Callable[[str], str]
) -> list[str]:
    """Put each problem on the node of its field (or the nearest group above it) and each
    NĐ 30 finding on the field whose text it quotes; return what fits no field."""
    nodes = {node.path: node for node in root.walk() if node.present}
    general: list[str] = []
    for problem in problems:
        path = problem.field
        while path and path not in nodes:
            path = _parent(path)
        message = tr(problem.message)
        if path:
            nodes[path].errors.append(message)
        else:
            general.append(f"{problem.field}: {message}" if problem.field else message)
    scalars = [n for n in root.walk() if n.present and n.kind not in ("object", "array")]
    for finding in findings:
        text = f"{finding.rule} ({finding.severity}): {tr(finding.message)}"
        quoted = _normal(finding.text)
        target = next(
            (n for n in scalars if len(quoted) >= 3 and n.value and quoted in _normal(n.value)),
            None,
        )
        if target is not None:
            target.errors.append(text)
        else:
            general.append(f"{finding.location}: {text}")
    return general


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def _normal(text: str) -> str:
    return " ".join(str(text).split()).casefold()
