"""The JSON Schema accepts what the loader accepts, rejects what it rejects, and is committed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from generator.cli import main
from generator.errors import SourceError
from generator.source.loader import load_source
from generator.source.models import parse_notice
from generator.source.schema import notice_schema, schema_text

from ..support.readback import NOTICES, ROOT

COMMITTED = ROOT / "schema" / "notice.schema.json"

#: A small valid TB-VP source; each case below changes one thing in it.
VALID = """\
kind: TB-VP
agency:
  parent: UBND TỈNH QUẢNG NGÃI
  name: VĂN PHÒNG
place: Quảng Ngãi
number: 1730
date: 2020-12-21
subject: Kết luận của Phó Chánh Văn phòng tại Hội nghị tổng kết
meeting:
  date: 2020-12-18
  chair:
    name: Lê Quốc Đạt
    position: Phó Chánh Văn phòng
    address: comrade
  title: Hội nghị tổng kết công tác năm 2020
numbering: [decimal, letter]
conclusions:
  - heading: "Đánh giá chung:"
    paragraphs:
      - Ghi nhận sự nỗ lực của tập thể.
    children:
      - paragraphs: [Trung tâm xây dựng kế hoạch.]
        assignee: Trung tâm Công báo và Tin học
        deadline: 2021-03-31
closing: Nay thông báo để các phòng triển khai thực hiện.
recipients:
  - name: CT, PCT UBND tỉnh
    remark: báo cáo
archive:
  units: HC-TC
signer:
  authority: TL. CHÁNH VĂN PHÒNG
  position: TRƯỞNG PHÒNG HC-TC
  name: Nguyễn Xuân Lộc
"""
UBND = [
    ("kind: TB-VP", "kind: TB-UBND"),
    ("  parent: UBND TỈNH QUẢNG NGÃI\n  name: VĂN PHÒNG", "  name: ỦY BAN NHÂN DÂN TỈNH"),
]
DRAFT = [("number: 1730\n", "")]

#: Shorthand forms and other sources both the loader and the schema accept.
ACCEPTED = [
    pytest.param([], id="as-is"),
    pytest.param(UBND, id="tb-ubnd-without-parent"),
    pytest.param([("  name: VĂN PHÒNG", "  name: [VĂN, PHÒNG]")], id="agency-name-list"),
    pytest.param([*DRAFT, ("date: 2020-12-21", "date: 2020-12")], id="draft-year-month"),
    pytest.param([*DRAFT, ("date: 2020-12-21", "date: 2020-5")], id="draft-one-digit-month"),
    pytest.param([*DRAFT, ("date: 2020-12-21", "date: 2020")], id="draft-year-int"),
    pytest.param([*DRAFT, ("date: 2020-12-21", 'date: "2020"')], id="draft-year-string"),
    pytest.param([*DRAFT, ("date: 2020-12-21\n", "")], id="draft-without-date"),
    pytest.param([("    remark: báo cáo", "    remark: báo cáo\n  - UBND các huyện")],
                 id="recipient-as-string"),
    pytest.param([("      - Ghi nhận sự nỗ lực của tập thể.",
                   "      - text: Ghi nhận sự nỗ lực của tập thể.\n"
                   "        footnotes: [{after: sự nỗ lực, text: Báo cáo số 1/BC.}]")],
                 id="paragraph-with-footnote"),
    pytest.param([("closing: Nay", "closing:\n  text: Nay")], id="closing-as-mapping"),
    pytest.param([("  units: HC-TC", "  units: [HC-TC, KGVX]\n  drafter: Cường\n"
                                     "  issued_copies: 40")], id="archive-full"),
    pytest.param([("  authority: TL. CHÁNH VĂN PHÒNG",
                   "  authority: [TL. CHỦ TỊCH, KT. CHÁNH VĂN PHÒNG]")], id="authority-list"),
    pytest.param([("  authority: TL. CHÁNH VĂN PHÒNG\n", "")], id="no-authority"),
    pytest.param([("meeting:\n", "opening: [\"Ngày 18/12/2020, họp.\"]\nmeeting_:\n"),
                  ("meeting_:\n  date: 2020-12-18\n  chair:\n    name: Lê Quốc Đạt\n"
                   "    position: Phó Chánh Văn phòng\n    address: comrade\n"
                   "  title: Hội nghị tổng kết công tác năm 2020\n", "")],
                 id="opening-instead-of-meeting"),
    pytest.param([("numbering: [decimal, letter]", "numbering: [roman, nested]")],
                 id="nested-below-roman"),
]  # fmt: skip

#: Broken sources: the loader and the schema both reject them.
REJECTED = [
    pytest.param([("signer:", "signer_:")], id="unknown-and-missing-key"),
    pytest.param([("kind: TB-VP", "kind: TB-XX")], id="unknown-kind"),
    pytest.param([("number: 1730", 'number: "1730"')], id="number-as-text"),
    pytest.param([("number: 1730", "number: 0")], id="number-zero"),
    pytest.param([("date: 2020-12-21", "date: 2020-12")], id="numbered-without-day"),
    pytest.param([*DRAFT, ("date: 2020-12-21", "date: 2020-13")], id="month-13"),
    pytest.param([("date: 2020-12-21", 'date: ""')], id="empty-date"),
    pytest.param([("  date: 2020-12-18", "  date: 18/12/2020")], id="meeting-date-dmy"),
    pytest.param([("  date: 2020-12-18", "  date: 2020-02-30")], id="meeting-date-impossible"),
    pytest.param([("deadline: 2021-03-31", "deadline: quý I")], id="deadline-text"),
    pytest.param([("subject: Kết luận của Phó Chánh Văn phòng tại Hội nghị tổng kết",
                   'subject: ""')], id="empty-subject"),
    pytest.param([("place: Quảng Ngãi", 'place: "   "')], id="blank-place"),
    pytest.param([("    address: comrade", "    address: ông")], id="unknown-address"),
    pytest.param([("numbering: [decimal, letter]", "numbering: [decimal, alpha]")],
                 id="unknown-numbering"),
    pytest.param([("numbering: [decimal, letter]", "numbering: [nested, letter]")],
                 id="nested-on-top"),
    pytest.param([("numbering: [decimal, letter]", "numbering: []")], id="no-numbering"),
    pytest.param([("      - paragraphs: [Trung tâm xây dựng kế hoạch.]\n",
                   "      - children: []\n")], id="item-without-text"),
    pytest.param([("      - Ghi nhận sự nỗ lực của tập thể.", "      - footnotes: []")],
                 id="paragraph-without-text"),
    pytest.param([("  - name: CT, PCT UBND tỉnh\n    remark: báo cáo", "  - 12")],
                 id="recipient-number"),
    pytest.param([("recipients:\n  - name: CT, PCT UBND tỉnh\n    remark: báo cáo",
                   "recipients: []")], id="no-recipients"),
    pytest.param([("  parent: UBND TỈNH QUẢNG NGÃI\n", "")], id="tb-vp-without-parent"),
    pytest.param([("kind: TB-VP", "kind: TB-UBND")], id="tb-ubnd-with-parent"),
    pytest.param([("  authority: TL. CHÁNH VĂN PHÒNG", "  authority: CHÁNH VĂN PHÒNG")],
                 id="authority-without-prefix"),
    pytest.param([("  units: HC-TC", "  units: HC-TC\n  copies: 0")], id="zero-copies"),
    pytest.param([("  units: HC-TC", "  units: HC-TC\n  issued_copies: 40")],
                 id="issued-copies-without-drafter"),
    pytest.param([("meeting:\n", "meeting_:\n")], id="neither-meeting-nor-opening"),
    pytest.param([("  name: Nguyễn Xuân Lộc", "  name: Nguyễn Xuân Lộc\n  seal: true")],
                 id="unknown-signer-key"),
]  # fmt: skip

#: Rules only the loader can check: the schema accepts these, `notice validate` does not.
LOADER_ONLY = [
    pytest.param([("numbering: [decimal, letter]", "numbering: [decimal]")],
                 id="deeper-than-numbering"),
    pytest.param([("      - Ghi nhận sự nỗ lực của tập thể.",
                   "      - text: Ghi nhận sự nỗ lực của tập thể.\n"
                   "        footnotes: [{after: không có, text: Báo cáo số 1/BC.}]")],
                 id="footnote-span-missing"),
    pytest.param([("  authority: TL. CHÁNH VĂN PHÒNG",
                   "  authority: [KT. CHỦ TỊCH, TM. ỦY BAN NHÂN DÂN]")], id="tm-not-first"),
    # the text rules of the checker (generator/textrules.py)
    pytest.param([("      - paragraphs: [Trung tâm xây dựng kế hoạch.]",
                   "      - paragraphs: [\"a) Trung tâm xây dựng kế hoạch.\"]")], id="typed-label"),
    pytest.param([("    paragraphs:\n      - Ghi nhận sự nỗ lực của tập thể.",
                   "    paragraphs: [Ghi nhận sự nỗ lực, cố gắng của tập thể.]")], id="flow-split"),
    pytest.param([("archive:\n  units: HC-TC\n", "")], id="no-archive-units"),
]  # fmt: skip


def as_json(value: Any) -> Any:
    """YAML data as an editor's language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    """A draft 2020-12 validator of the generated schema, checking `format: date`."""
    schema = notice_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def verdicts(path: Path, validator: Draft202012Validator) -> tuple[bool, bool]:
    """(the loader accepts `path`, the schema accepts it)."""
    try:
        source = load_source(path)
    except SourceError:
        return False, False  # not YAML at all; no case here is
    try:
        parse_notice(source)
        loader = True
    except SourceError:
        loader = False
    return loader, validator.is_valid(as_json(source.data))


def write_case(tmp_path: Path, changes: list[tuple[str, str]]) -> Path:
    """VALID with `changes` applied (each `old` exactly once), written to a file."""
    text = VALID
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("source", sorted(NOTICES.glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_accepts_every_notice(source, validator):
    """Every source in notices/ is valid against the schema."""
    errors = [e.message for e in validator.iter_errors(as_json(load_source(source).data))]
    assert errors == []


@pytest.mark.parametrize("changes", ACCEPTED)
def test_schema_accepts_what_the_loader_accepts(tmp_path, validator, changes):
    """Shorthand forms (string or list, string or mapping, YYYY-MM dates) pass both."""
    assert verdicts(write_case(tmp_path, changes), validator) == (True, True)


@pytest.mark.parametrize("changes", REJECTED)
def test_schema_rejects_what_the_loader_rejects(tmp_path, validator, changes):
    """Each broken fixture fails both the loader and the schema."""
    assert verdicts(write_case(tmp_path, changes), validator) == (False, False)


@pytest.mark.parametrize("changes", LOADER_ONLY)
def test_rules_only_the_loader_checks(tmp_path, validator, changes):
    """Documented gap: these pass the schema but not `notice validate`."""
    assert verdicts(write_case(tmp_path, changes), validator) == (False, True)


def test_every_field_has_a_vietnamese_description():
    """Every model and every property carries a description (hover help in editors)."""
    schema = notice_schema()
    missing = [f"Notice.{k}" for k, v in schema["properties"].items() if not v.get("description")]
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), name
        mappings = [b for b in definition.get("anyOf", []) if b.get("type") == "object"]
        for branch in [definition, *mappings]:
            for key, prop in branch.get("properties", {}).items():
                if not prop.get("description"):
                    missing.append(f"{name}.{key}")
    assert missing == []
    english = [
        d for d in (v.get("description", "") for v in schema["properties"].values())
        if " the " in d or "e.g." in d
    ]  # fmt: skip
    assert english == []


def test_committed_schema_is_up_to_date():
    """schema/notice.schema.json is what the models generate.

    Update it with: python3 -m generator schema -o schema/notice.schema.json
    """
    assert COMMITTED.read_text("utf-8") == schema_text(), (
        "schema/notice.schema.json is stale: run "
        "`python3 -m generator schema -o schema/notice.schema.json`"
    )


def test_schema_command_prints_and_writes(tmp_path):
    """`notice schema` prints the schema; `-o FILE` writes the same text."""
    runner = CliRunner()
    printed = runner.invoke(main, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == notice_schema()
    out = tmp_path / "sub" / "notice.schema.json"
    written = runner.invoke(main, ["schema", "-o", str(out)])
    assert written.exit_code == 0 and f"wrote {out}" in written.stdout
    assert out.read_text("utf-8") == schema_text()


def _properties(schema: dict[str, Any]):
    """(model, key, property) of every property of the notice and its definitions."""
    yield from (("Notice", k, v) for k, v in schema["properties"].items())
    for name, definition in schema["$defs"].items():
        mappings = [b for b in definition.get("anyOf", []) if b.get("type") == "object"]
        for branch in [definition, *mappings]:
            yield from ((name, k, v) for k, v in branch.get("properties", {}).items())


def test_every_field_has_a_title_and_an_example():
    """Hover help: a Vietnamese title (not the key), and a description with a YAML example."""
    lacking = [
        f"{name}.{key}"
        for name, key, prop in _properties(notice_schema())
        if prop.get("title", key) == key or "Ví dụ:\n\n```yaml\n" not in prop["markdownDescription"]
    ]
    assert lacking == []


def test_no_default_is_null():
    """An editor inserts a property's default on completion: `null` must never be one."""
    assert '"default": null' not in schema_text()
