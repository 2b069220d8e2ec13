"""`docs/rules.md`, the project's reference of its NĐ 30 rules, generated from `rules.py`.

    python -m generator.check.ruledoc [PATH]          # write the file (default docs/rules.md)
    python -m generator.check.ruledoc --check [PATH]  # exit 1 when the file on disk is stale

`rules_markdown` is pure: the document is a function of the tables in `rules.py` only, so
the committed file can be compared with it (tests/test_ruledoc.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import rules
from .rules import APPLIED, COMPONENTS, LIMITS, NOT_IN_ND30, RULES, Limit

#: The repository, two levels above this file.
ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"

_INTRO = """\
# The NĐ 30 rules of this project

<!-- Generated from generator/check/rules.py by `make docs` (check/ruledoc.py): do not edit. -->

This is the reference for the presentation rules of Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về
công tác văn thư (NĐ 30) that apply to the notices this project makes (Thông báo, `…/TB-UBND`
and `…/TB-VP`). Every rule has a short ID (`R-…`): the findings of `notice check` end with the
ID of the rule they break, and the code and tests cite the same IDs next to what they implement.

The document is generated from the tables in `generator/check/rules.py` (`RULES`, `APPLIED`,
`COMPONENTS`, `LIMITS`): **do not edit it; change the tables and run `make docs`**
(`python -m generator.check.ruledoc`). A test fails when it is stale.

- [Rules the checker enforces](#rules-the-checker-enforces): {checked} rules.
- [Rules applied by construction](#rules-applied-by-construction): {applied} rules the project
  follows when it makes a notice but does not check in a finished one.
- [How each component must look](#how-each-component-must-look): the sizes and styles checked.
- [Limits and tolerances](#limits-and-tolerances): every number the checks compare with, and
  which of them are the project's own choice.

Clauses are those of NĐ 30; the wording is the decree's, in Vietnamese, shortened where `…`
stands. A **project choice** is a value NĐ 30 does not fix, with the reason it was chosen.
"""


def _cell(text: str) -> str:
    """Text for a Markdown table cell: pipes escaped, `—` for nothing."""
    return " ".join(text.split()).replace("|", "\\|") or "—"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _value(limit: Limit, value: object) -> str:
    """A limit's value as the document shows it: `20–25`, `210 × 297`, `12/13/13 or …`."""
    if isinstance(value, dict):
        return ", ".join(f"{key} {_value(limit, v)}" for key, v in value.items())
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) for v in value):
        return " or ".join("/".join(map(_number, v)) for v in value)
    if isinstance(value, tuple):
        return limit.join.join(map(_number, value))
    return _number(value)


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "—"}[value]


def _checked() -> list[str]:
    rows = [(f"`{r.id}`", r.clause, r.severity, r.wording, r.checks) for r in RULES.values()]
    return [
        "## Rules the checker enforces",
        "",
        "A breach is reported with the rule's severity: an `error` makes `notice check` exit "
        "1, a `warning` is shown but does not (unless `--strict`). Where *What is checked* "
        "names a warning, that one case is reported as a warning under an `error` rule. With "
        "`--format json` each finding also carries its rule's clause.",
        "",
        *_table(("ID", "Clause", "Severity", "Wording of the decree", "What is checked"), rows),
    ]


def _applied() -> list[str]:
    rows = [(f"`{r.id}`", r.clause, r.wording, r.applied, r.choice) for r in APPLIED.values()]
    return [
        "## Rules applied by construction",
        "",
        "The templates, the validation of a source, the renderer and the signing step follow "
        f"these rules; no finding names them. *{NOT_IN_ND30}* marks a rule the decree does not "
        "have: the project's own, with its reason under *Project choice*.",
        "",
        *_table(
            ("ID", "Clause", "Wording of the decree", "Where it is applied", "Project choice"), rows
        ),
    ]


def _components() -> list[str]:
    rows = []
    for role, style in COMPONENTS.items():
        low, high = style.sizes
        size = _number(low) if low == high else f"{_number(low)}–{_number(high)}"
        align = {"left": "left (or justified)", "any": "not judged"}.get(style.align, style.align)
        if style.align_rule:
            align += f" (`{style.align_rule}`)"
        rows.append((f"`{role}`", f"`{style.rule}`", size, _yes_no(style.bold),
                     _yes_no(style.italic), style.case or "—", align))  # fmt: skip
    return [
        "## How each component must look",
        "",
        "Each component is found by its content and place in the notice, never by a style "
        "name. Under *Bold* and *Italic*, — means the rule says nothing; under *Case*, `upper` "
        "is upper case, `sentence` lower case with a capital first letter, `name` each word "
        "capitalised.",
        "",
        *_table(("Component", "Rule", "Size (pt)", "Bold", "Italic", "Case", "Alignment"), rows),
    ]


def _limits() -> list[str]:
    rows = []
    for limit in LIMITS:
        value = _value(limit, getattr(rules, limit.name))
        source = f"**Project choice.** {limit.choice}" if limit.choice else "NĐ 30"
        cited = ", ".join(f"`{rule}`" for rule in limit.rules)
        rows.append((f"`{limit.name}`", value, cited, limit.meaning, source))
    return [
        "## Limits and tolerances",
        "",
        "The numbers the checks compare with, each defined once in `generator/check/rules.py`.",
        "",
        *_table(("Constant", "Value", "Rules", "What it is", "Source"), rows),
    ]


def rules_markdown() -> str:
    """The whole of `docs/rules.md`, from the tables of `rules.py`."""
    intro = _INTRO.format(checked=len(RULES), applied=len(APPLIED))
    parts = [intro.rstrip("\n"), *("\n".join(s) for s in
             (_checked(), _applied(), _components(), _limits()))]  # fmt: skip
    return "\n\n".join(parts) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write `docs/rules.md`, or with `--check` exit 1 when the file differs from the code."""
    parser = argparse.ArgumentParser(
        prog="python -m generator.check.ruledoc",
        description="Write docs/rules.md from the rule tables in generator/check/rules.py.",
    )
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 when the file is stale"
    )
    parser.add_argument("path", nargs="?", type=Path, default=DOC, help="default: docs/rules.md")
    args = parser.parse_args(argv)
    text = rules_markdown()
    if args.check:
        try:
            current = args.path.read_text("utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"{args.path} is stale: run `make docs`", file=sys.stderr)
            return 1
        return 0
    args.path.parent.mkdir(parents=True, exist_ok=True)
    args.path.write_text(text, "utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
