"""The editor's help, tried with the real client: `yaml-language-server` over stdio.

The server is the one VS Code's YAML extension runs (editor/package-lock.json); it reads
the committed schema through each source's `$schema` line, as an editor does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import SourceError
from generator.profile.doctypes import SOURCE_KINDS
from generator.source import schema_texts as texts
from generator.source.loader import load_source
from generator.source.models import parse_notice
from generator.source.scaffold import create_source
from generator.source.schema import notice_schema, write_schema

from ..support.lsp import LanguageServer
from ..support.readback import NOTICES, ROOT

MODELINE = "# yaml-language-server: $schema=../schema/notice.schema.json\n"
#: What the server says when a schema leaves a message to it: none may reach a user.
ENGLISH = re.compile(
    r"Property|property|Incorrect type|not allowed|String is not|Matches|Value is not accepted"
    r"|Array|Expected|does not match|Missing"
)

#: A TB-VP source with the mistakes people make, each on its own line.
MISTAKES = (
    MODELINE
    + """\
kind: TB-VP
agency:
  parent: UBND TỈNH QUẢNG NGÃI
  name: VĂN PHÒNG
  place: Quảng Ngãi
number: "1730"
date: 2024-02-30
subjet: Kết luận của Phó Chánh Văn phòng tại Hội nghị tổng kết
meeting:
  date: 2020-12-18
  chair:
    name: Lê Quốc Đạt
    position: Phó Chánh Văn phòng
    address: ông
  title: Hội nghị tổng kết công tác năm 2020
numbering: [nested, letter]
conclusions:
  - heading: "Đánh giá chung:"
    children:
      - paragraphs: [Trung tâm xây dựng kế hoạch.]
        deadline: quý I
closing: Nay thông báo để các phòng triển khai thực hiện.
recipients: []
signer:
  authority: CHÁNH VĂN PHÒNG
  position: TRƯỞNG PHÒNG HC-TC
  name: Nguyễn Xuân Lộc
"""
)
NOTICE_KEYS = ", ".join(notice_schema()["properties"])
AGENCY_KEYS = ", ".join(notice_schema()["$defs"]["Agency"]["properties"])
SNIPPETS = [texts.SNIPPET_LABEL.format(kind=kind) for kind in SOURCE_KINDS]
#: (line as written, message) of every diagnostic MISTAKES gets, in Vietnamese.
EXPECTED = sorted([
    ("kind: TB-VP", texts.MISSING.format(key="place", title="Địa danh")),
    ("kind: TB-VP", texts.MISSING.format(key="subject", title="Trích yếu")),
    ("  place: Quảng Ngãi", texts.UNKNOWN_KEY.format(
        title="Cơ quan ban hành", keys=AGENCY_KEYS)),
    ('number: "1730"', "phải là số nguyên từ 1 trở lên"),
    ("date: 2024-02-30", texts.NOTICE_DATE),
    ("subjet: Kết luận của Phó Chánh Văn phòng tại Hội nghị tổng kết",
     texts.UNKNOWN_KEY.format(title="Thông báo kết luận", keys=NOTICE_KEYS)),
    ("    address: ông", 'phải là một trong: comrade, title'),
    ("numbering: [nested, letter]", texts.NESTED_FIRST),
    ("        deadline: quý I", texts.DATE),
    ("recipients: []", texts.LIST_NOT_EMPTY),
    ("  authority: CHÁNH VĂN PHÒNG", texts.AUTHORITY),
])  # fmt: skip


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A folder of notices beside the schema `notice schema -o` writes, as a user has it."""
    root = tmp_path_factory.mktemp("workspace")
    write_schema(root / "schema" / "notice.schema.json")
    (root / "notices").mkdir()
    return root


@pytest.fixture(scope="module")
def server(workspace):
    """One server for the module; it reads each document's schema from its `$schema` line."""
    language_server = LanguageServer(
        {"yaml": {"validate": True, "hover": True, "completion": True}}, workspace
    )
    yield language_server
    language_server.close()


def diagnostics_by_line(text: str, diagnostics: list[dict]) -> list[tuple[str, str]]:
    lines = text.splitlines()
    return sorted((lines[d["range"]["start"]["line"]], d["message"]) for d in diagnostics)


def test_committed_examples_carry_the_schema_line():
    """Every example in notices/ names the committed schema, so an editor finds it."""
    for path in NOTICES.glob("*.yaml"):
        assert path.read_text("utf-8").startswith(MODELINE), path.name
    assert (ROOT / "schema" / "notice.schema.json").is_file()


@pytest.mark.parametrize("source", sorted(NOTICES.glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_sources_get_no_diagnostic(server, source):
    """The examples in notices/, opened where they are, with the committed schema: clean."""
    assert server.open(source, source.read_text("utf-8")) == []


@pytest.mark.parametrize("kind", ["TB-VP", "TB-UBND"])
def test_skeleton_diagnostics_are_where_validate_points(server, workspace, kind):
    """An unfilled `notice new` skeleton: one Vietnamese diagnostic per field to fill, at the
    line and column `notice validate` names, and nothing else."""
    path = workspace / "notices" / f"moi-{kind}.yaml"
    create_source(path, kind)
    text = path.read_text("utf-8")
    diagnostics = server.open(path, text)
    with pytest.raises(SourceError) as caught:
        parse_notice(load_source(path))
    expected = sorted((p.line, p.column) for p in caught.value.problems)
    got = sorted(
        (d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1) for d in diagnostics
    )
    assert got == expected
    messages = {d["message"] for d in diagnostics}
    assert "không được để trống" in messages
    assert [m for m in messages if ENGLISH.search(m)] == []


def test_typical_mistakes_get_vietnamese_diagnostics(server, workspace):
    """Typo, wrong indentation, impossible date, `nested` on top, …: each said in Vietnamese
    on its own line."""
    path = workspace / "notices" / "sai.yaml"
    path.write_text(MISTAKES, encoding="utf-8")
    got = diagnostics_by_line(MISTAKES, server.open(path, MISTAKES))
    assert got == EXPECTED
    with pytest.raises(SourceError):  # and the loader refuses it too
        parse_notice(load_source(path))


def test_impossible_dates_are_refused_and_leap_days_kept(server, workspace):
    """2024-02-30 and 2023-02-29 are no day of the calendar; 2024-02-29 and 2000-02-29 are."""
    text = MODELINE + MISTAKES.split("\n", 1)[1]
    verdicts = {}
    for day in ("2024-02-30", "2023-02-29", "2021-04-31", "2100-02-29", "2024-02-29",
                "2000-02-29", "2021-12-31"):  # fmt: skip
        case = text.replace("  date: 2020-12-18", f"  date: {day}")
        path = workspace / "notices" / f"ngay-{day}.yaml"
        path.write_text(case, encoding="utf-8")
        lines = [line for line, _ in diagnostics_by_line(case, server.open(path, case))]
        verdicts[day] = f"  date: {day}" not in lines
    assert verdicts == {
        "2024-02-30": False, "2023-02-29": False, "2021-04-31": False, "2100-02-29": False,
        "2024-02-29": True, "2000-02-29": True, "2021-12-31": True,
    }  # fmt: skip


def test_hover_shows_the_field_title_and_an_example(server):
    """Hovering a key: the field's own Vietnamese title as heading, its description and an
    example; never the whole schema's title."""
    source = NOTICES / "quang-ngai-1730-tb-vp-2020.yaml"
    text = source.read_text("utf-8")
    server.open(source, text)
    lines = text.splitlines()
    place = next(i for i, line in enumerate(lines) if line.startswith("place:"))
    chair = next(i for i, line in enumerate(lines) if line.startswith("  chair:"))
    hover = server.hover(source, place, 1)["contents"]["value"]
    assert hover.startswith("#### Địa danh\n")
    assert "Ví dụ:" in hover and "place: Quảng Ngãi" in hover
    nested = server.hover(source, chair, 3)["contents"]["value"]
    assert nested.startswith("#### Người chủ trì\n")
    assert "Thông báo kết luận (TB-VP" not in hover + nested


def test_top_level_completion_offers_each_key_once(server, workspace):
    """In a new file: a new-notice snippet per kind, then every key once, no `null` inserted."""
    path = workspace / "notices" / "trong.yaml"
    server.open(path, MODELINE)
    items = server.completion(path, 1, 0)
    labels = [item["label"] for item in items]
    assert labels[: len(SNIPPETS)] == SNIPPETS
    assert labels[len(SNIPPETS) :] == NOTICE_KEYS.split(", ")
    inserted = [item.get("insertText") or item["textEdit"]["newText"] for item in items]
    assert [text for text in inserted if "null" in text] == []
    snippet = inserted[0]
    assert snippet.startswith("kind: TB-VP\nagency:\n  parent: ${1:UBND TỈNH …}")


def test_completion_leaves_out_keys_already_written(server, workspace):
    """Below `kind:` and `place:`, the keys not yet written, each once."""
    path = workspace / "notices" / "dang-viet.yaml"
    text = MODELINE + "kind: TB-VP\nplace: Quảng Ngãi\n"
    server.open(path, text)
    labels = [item["label"] for item in server.completion(path, 3, 0)]
    keys = [k for k in NOTICE_KEYS.split(", ") if k not in ("kind", "place")]
    assert [label for label in labels if not label.startswith("Thông báo")] == keys
    assert len(labels) == len(set(labels))
