"""docs/rules.md: generated from the rule tables of generator/rules.py, committed as generated,
and covering every rule ID the code, the tests and the docs cite."""

from __future__ import annotations

import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from generator.check import ruledoc, rules
from generator.check.rules import APPLIED, COMPONENTS, LIMITS, NOT_IN_ND30, RULES, Severity

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "rules.md"
#: Where rule IDs are cited: messages, comments, docstrings, tests, the README, the docs.
CITING = ("generator", "templates", "tests", "bench", "README.md", "docs")
#: A rule ID such as `R-KY-TM`, or `R-KY-*` for a family of rules.
RULE_ID = re.compile(r"(?<![\w-])R-[A-Z][A-Z0-9-]*[A-Z0-9](?:-\*)?")
BINARY = {".docx", ".pdf", ".png", ".jpg", ".pyc", ".sqlite", ".zip", ".ttf", ".otf"}
#: Constants of rules.py that are not limits: labels, clause prefixes, the tables themselves.
NOT_LIMITS = {"PL1", "NOT_IN_ND30", "MARGIN_NAMES", "RULES", "APPLIED", "LIMITS", "COMPONENTS"}
DOCUMENTED = RULES.keys() | APPLIED.keys()


def _files():
    for name in CITING:
        path = ROOT / name
        if path.is_file():
            yield path
        elif path.is_dir():
            for file in sorted(path.rglob("*")):
                skip = "__pycache__" in file.parts or file.suffix.lower() in BINARY
                if file.is_file() and not skip:
                    yield file


def _cited() -> dict[str, set[str]]:
    """Every rule ID cited in the repository, with the files that cite it."""
    out: dict[str, set[str]] = {}
    for file in _files():
        try:
            text = file.read_text("utf-8")
        except UnicodeDecodeError:
            continue
        for rule in RULE_ID.findall(text):
            out.setdefault(rule, set()).add(str(file.relative_to(ROOT)))
    return out


def test_committed_doc_is_current():
    """docs/rules.md is exactly what the rule tables generate: one source of truth."""
    if not DOC.is_file() or DOC.read_text("utf-8") != ruledoc.rules_markdown():
        pytest.fail("docs/rules.md is stale: run `make docs`", pytrace=False)


def test_doc_shows_every_rule_and_says_it_is_generated():
    doc = ruledoc.rules_markdown()
    assert "do not edit" in doc and "make docs" in doc
    for rule in DOCUMENTED:
        assert f"| `{rule}` |" in doc, rule
    for limit in LIMITS:
        assert f"| `{limit.name}` |" in doc, limit.name


def test_every_cited_rule_is_documented():
    """A rule ID in a message, a comment or a test always points at a row of docs/rules.md."""
    cited = _cited()
    assert {"R-PAGE-1", "R-ND-PMK", "R-KY-*"} <= cited.keys()  # the scan sees what it should
    unknown = {}
    for rule, where in sorted(cited.items()):
        if rule.endswith("-*"):
            known = any(d.startswith(rule[:-1]) for d in DOCUMENTED)
        else:
            known = rule in DOCUMENTED
        if not known:
            unknown[rule] = sorted(where)
    assert not unknown, f"cited but in neither RULES nor APPLIED of generator/rules.py: {unknown}"


def test_every_checked_rule_is_complete():
    """Clause of the decree (nothing outside the repository), wording, check, severity."""
    for rule in RULES.values():
        assert rule.clause.startswith("NĐ 30/2020/NĐ-CP"), rule.id
        assert "spec" not in rule.clause and "§" not in rule.clause, rule.id
        assert rule.wording.strip() and rule.checks.strip(), rule.id
        assert rule.severity in typing.get_args(Severity), rule.id


def test_every_applied_rule_is_complete():
    """Clause and wording of the decree, or the reason the project chose a rule it lacks."""
    assert not RULES.keys() & APPLIED.keys()
    for rule in APPLIED.values():
        assert rule.applied.strip(), rule.id
        if rule.clause == NOT_IN_ND30:
            assert rule.choice.strip() and not rule.wording, rule.id
        else:
            assert rule.clause.startswith("NĐ 30/2020/NĐ-CP"), rule.id
            assert "spec" not in rule.clause and "§" not in rule.clause, rule.id
            assert rule.wording.strip(), rule.id


def test_every_limit_is_documented():
    """Each constant the checks compare with has a row: its rules, its meaning, its source."""
    names = [limit.name for limit in LIMITS]
    assert len(names) == len(set(names))
    constants = {n for n in vars(rules) if n.isupper() and not n.startswith("_")} - NOT_LIMITS
    assert constants == set(names)
    for limit in LIMITS:
        assert limit.meaning.strip() and limit.rules, limit.name
        assert set(limit.rules) <= RULES.keys(), limit.name
    for style in COMPONENTS.values():
        assert {style.rule, style.align_rule or style.rule} <= RULES.keys()


def test_check_mode(tmp_path, capsys):
    """--check exits 1 with one line when the file is missing or differs, 0 silently when not."""
    path = tmp_path / "docs" / "rules.md"
    assert ruledoc.main(["--check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "make docs" in err
    assert ruledoc.main([str(path)]) == 0
    assert path.read_text("utf-8") == ruledoc.rules_markdown()
    assert ruledoc.main(["--check", str(path)]) == 0
    assert capsys.readouterr() == ("", "")
    path.write_text(path.read_text("utf-8").replace("error", "warning", 1), "utf-8")
    assert ruledoc.main(["--check", str(path)]) == 1
    assert "stale" in capsys.readouterr().err


def test_module_checks_the_committed_doc():
    """`python -m generator.check.ruledoc --check` (what `make docs` keeps true) on the doc."""
    done = subprocess.run(
        [sys.executable, "-m", "generator.check.ruledoc", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
