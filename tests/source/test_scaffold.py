"""`notice new`: the skeleton fails validation field by field until filled, then renders."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from click.testing import CliRunner

from generator import api
from generator.cli import main
from generator.profile.issuers import LEVELS, PARENT_REQUIRED
from generator.source.examples import flow_list
from generator.source.loader import load_source
from generator.source.scaffold import (
    COPIED_BLOCKS,
    KINDS,
    create_source,
    schema_ref_for,
    skeleton_text,
)
from generator.source.schema import notice_schema

from ..support.readback import NOTICES, SEEDS, docx_blocks, normalise, seed_lines

BASE = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"
#: The fields every unfilled skeleton reports, in file order, besides those of its kind.
TO_FILL = [
    "place",
    "date",
    "subject",
    "meeting.date",
    "meeting.chair.name",
    "meeting.chair.position",
    "meeting.title",
    "meeting.attendees[0]",
    "meeting.heard[0]",
    "conclusions[0].heading",
    "conclusions[0].paragraphs[0].text",
    "conclusions[0].children[0].paragraphs[0].text",
    "closing.text",
    "recipients[0].name",
    "archive.units[0]",
    "signer.authority[0]",
    "signer.position",
    "signer.name",
]


def q(text: str) -> str:
    """`text` as a YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def edit(text: str, *changes: tuple[str, str]) -> str:
    """`text` with each `(old, new)` applied in turn; `old` must occur exactly once."""
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def new(*args) -> object:
    """Run `notice new ARGS` in-process."""
    return CliRunner().invoke(main, ["new", *map(str, args)])


@pytest.mark.parametrize(
    ("kind", "own"),
    [
        pytest.param("TB-VP", ["agency.parent"], id="tb-vp"),
        pytest.param("TB-UBND", ["agency.name[1]"], id="tb-ubnd"),
    ],
)
def test_unfilled_skeleton_names_every_field_to_fill(tmp_path, kind, own):
    """Each empty value is one problem at its own field; nothing else is wrong."""
    path = create_source(tmp_path / "new.yaml", kind).path
    [result] = api.validate([path]).results
    assert [p.field for p in result.problems] == own + TO_FILL
    by_field = {p.field: p.message for p in result.problems}
    assert by_field["place"] == "must not be empty"
    assert by_field["date"].endswith("write YYYY-MM-DD, or YYYY-MM for a draft without a day")
    assert by_field["meeting.date"].startswith("must be a date written YYYY-MM-DD")


def test_unfilled_skeleton_problems_point_at_their_lines(tmp_path):
    """`file:line:col` of each problem is the line of its `""` in the skeleton."""
    path = create_source(tmp_path / "new.yaml", "TB-UBND").path
    lines = path.read_text("utf-8").splitlines()
    [result] = api.validate([path]).results
    for problem in result.problems:
        assert '""' in lines[problem.line - 1][problem.column - 1 :], problem


SEED_000 = [
    ('parent: ""', "parent: UBND TỈNH QUẢNG NGÃI"),
    ('\nplace: ""', "\nplace: Quảng Ngãi"),
    ("\nnumber:\n", "\nnumber: 1730\n"),
    ('\ndate: ""', "\ndate: 2020-12-21"),
    (
        '\nsubject: ""',
        "\nsubject: "
        + q(
            "Kết luận của đồng chí Lê Quốc Đạt, Phó Chánh Văn phòng phụ trách tại Hội nghị tổng "
            "kết công tác năm 2020, triển khai nhiệm vụ năm 2021 của Trung tâm Công báo và Tin học"
        ),
    ),
    ('  date: ""', "  date: 2020-12-18"),
    ('    name: ""', "    name: Lê Quốc Đạt"),
    (
        '    position: ""',
        f"    position: {q('Phó Chánh Văn phòng UBND tỉnh phụ trách Văn phòng UBND tỉnh')}",
    ),
    (
        '  title: ""',
        "  title: "
        + q(
            "Hội nghị tổng kết công tác năm 2020, triển khai nhiệm vụ năm 2021 của Trung tâm "
            "Công báo và Tin học"
        ),
    ),
    (
        '  attendees:\n    - ""',
        "  attendees:\n"
        + "".join(
            f"    - {q(a)}\n"
            for a in (
                "Trưởng các phòng: Hành chính - Tổ chức, Quản trị - Tài vụ",
                "Phó Chủ tịch Công đoàn cơ sở Văn phòng UBND tỉnh",
                "Bí thư Chi đoàn Văn phòng UBND tỉnh",
            )
        )
        + "    - toàn thể viên chức Trung tâm Công báo và Tin học",
    ),
    (
        '  heard:\n    - ""',
        "  heard:\n"
        + "".join(
            f"    - {q(h)}\n"
            for h in (
                "Giám đốc Trung tâm Công báo và Tin học báo cáo Kết quả công tác năm 2020 và "
                "phương hướng, nhiệm vụ chủ yếu năm 2021",
                "công khai tình hình tài chính năm 2020",
            )
        )
        + "    - ý kiến phát biểu của viên chức Trung tâm và thảo luận của đại biểu dự họp",
    ),
    ('  - heading: ""', f"  - heading: {q('Nhiệm vụ trong thời gian đến:')}"),
    ('          - ""', f"          - {q('Tổ chức sắp xếp lại các baner quảng cáo cho phù hợp.')}"),
    (
        '      - ""',
        f"      - {q('Năm 2021 và những năm tiếp theo, tập trung vào một số nhiệm vụ:')}",
    ),
    ("        # assignee:", "        assignee:"),
    (
        '\nclosing: ""',
        "\nclosing: "
        + q(
            "Nay thông báo kết luận của Phó Chánh Văn phòng phụ trách tại Hội nghị tổng kết công "
            "tác năm 2020, nhiệm vụ năm 2021 của Trung tâm Công báo và Tin học để các phòng, ban, "
            "đơn vị triển khai thực hiện."
        ),
    ),
    ('  - ""', f"  - {{name: {q('CT, PCT UBND tỉnh')}, remark: báo cáo}}"),
    ('  units: ""', "  units: HC-TC"),
    ('  authority: [""]', "  authority: TL. CHÁNH VĂN PHÒNG"),
    ('  position: ""', "  position: TRƯỞNG PHÒNG HC-TC"),
    ('  name: ""', "  name: Nguyễn Xuân Lộc"),
]

SEED_004 = [
    ('[ỦY BAN NHÂN DÂN, ""]', "[ỦY BAN NHÂN DÂN, TỈNH BẮC GIANG]"),
    ('\nplace: ""', "\nplace: Bắc Giang"),
    ('\ndate: ""', "\ndate: 2020-05"),
    (
        '\nsubject: ""',
        "\nsubject: Kết luận của Phó Chủ tịch UBND tỉnh Lê Ánh Dương tại buổi làm việc với Sở "
        "Thông tin và Truyền thông",
    ),
    ('  date: ""', "  date: 2020-05-18"),
    ('    name: ""', "    name: Lê Ánh Dương"),
    ('    position: ""', "    position: Phó Chủ tịch UBND tỉnh"),
    (
        '  title: ""',
        "  title: "
        + q(
            "buổi làm việc với Sở Thông tin và Truyền thông nhằm đánh giá tình hình, kết quả công "
            "tác 4 tháng đầu năm 2020; phương hướng, nhiệm vụ thời gian tiếp theo"
        ),
    ),
    ("  # attendance:", "  attendance:"),
    (
        '  attendees:\n    - ""',
        "  attendees:\n    - "
        + q(
            "đại diện lãnh đạo các Sở, cơ quan: Kế hoạch và Đầu tư, Tài chính, Nội vụ, Văn phòng "
            "UBND tỉnh"
        ),
    ),
    (
        '  heard:\n    - ""',
        "  heard:\n    - "
        + q("Báo cáo của Sở Thông tin và Truyền thông, ý kiến thảo luận của các đại biểu"),
    ),
    ("  # single_paragraph: true", "  single_paragraph: true"),
    ('  - heading: ""', "  - heading: Về một số đề xuất, kiến nghị"),
    ('          - ""', f"          - {q('Giao Sở Tài chính hướng dẫn thêm.')}"),
    (
        '      - ""',
        f"      - {q('Đồng ý chủ trương thực hiện giao tự chủ 100% chi thường xuyên.')}",
    ),
    ("        # assignee:", "        assignee:"),
    ("        # deadline:", "        deadline:"),
    (
        '\nclosing: ""',
        "\nclosing: "
        + q(
            "Văn phòng UBND tỉnh thông báo kết luận của Phó Chủ tịch UBND tỉnh Lê Ánh Dương để Sở "
            "Thông tin và Truyền thông và các sở, cơ quan liên quan biết, thực hiện."
        ),
    ),
    ('  - ""', f"  - {q('Chủ tịch, các PCT UBND tỉnh')}\n  - Ban Tuyên giáo TU"),
    ('  units: ""', "  units: KGVX"),
    ("  # drafter: Cường", "  drafter: Cường"),
    ('  authority: [""]', "  authority: [TL. CHỦ TỊCH, KT. CHÁNH VĂN PHÒNG]"),
    ('  position: ""', "  position: PHÓ CHÁNH VĂN PHÒNG"),
    ('  name: ""', "  name: Bùi Huy Khánh"),
]


@pytest.mark.parametrize(
    ("kind", "fill", "seed", "expected"),
    [
        pytest.param(
            "TB-VP",
            SEED_000,
            "000_f4cb9baf85425591.txt",
            ["Số:", "Quảng Ngãi, ngày", "Ngày 18/12/2020", "Sau khi nghe", "Nay thông báo",
             "- CT, PCT UBND tỉnh", "- Lưu:", "TL. CHÁNH"],
            id="tb-vp-seed-000",
        ),
        pytest.param(
            "TB-UBND",
            SEED_004,
            "004_3114f037d4245cc2.txt",
            ["Số:", "Bắc Giang, ngày", "Ngày 18/5/2020", "Văn phòng UBND tỉnh thông báo",
             "- Chủ tịch, các PCT", "- Ban Tuyên giáo", "- Lưu:", "3. Về một số"],
            id="tb-ubnd-seed-004",
        ),
    ],
)  # fmt: skip
def test_filled_skeleton_validates_and_renders_like_the_seed(tmp_path, kind, fill, seed, expected):
    """Filled with a seed's values the skeleton is valid and prints the seed's lines."""
    path = create_source(tmp_path / "filled.yaml", kind).path
    path.write_text(edit(path.read_text("utf-8"), *fill), encoding="utf-8")
    report = api.render([path], tmp_path / "out", ("docx",))
    assert report.ok, [str(p) for r in report.results for p in r.problems] + [
        r.error for r in report.results if r.error
    ]
    body, _ = docx_blocks(report.results[0].outputs[0])
    printed = {normalise(line) for line in body}
    wanted = [line for line in seed_lines(SEEDS / seed) if line.startswith(tuple(expected))]
    # the seed's own "3." item is the skeleton's "1." here
    wanted = [line.replace("3. Về một số", "1. Về một số") for line in wanted]
    assert len(wanted) >= len(expected)
    assert [line for line in wanted if line not in printed] == []


def test_skeleton_explains_every_field():
    """Every key of the schema appears in each skeleton, as a value or in a comment."""
    schema = notice_schema()
    keys = set(schema["properties"])
    for definition in schema["$defs"].values():
        for branch in [definition, *definition.get("anyOf", [])]:
            keys |= set(branch.get("properties", {}))
    variants = [(k, None) for k in KINDS if k != "TB"] + [("TB", level) for level in LEVELS]
    for kind, level in variants:
        text = skeleton_text(kind, "schema.json", level=level)
        missing = [k for k in sorted(keys) if not re.search(rf"(^|[\s{{(#]){k}:", text, re.M)]
        assert missing == [], (kind, level)


def test_first_line_is_the_editor_schema_line(tmp_path):
    """The skeleton starts with the yaml-language-server line, relative to the schema file."""
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "notice.schema.json").write_text("{}")
    created = create_source(tmp_path / "notices" / "2024" / "x.yaml", "TB-VP")
    first = created.path.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/notice.schema.json"
    assert not created.schema_missing


@pytest.mark.parametrize(
    ("layout", "cwd", "expected"),
    [
        pytest.param(["schema/notice.schema.json"], ".", "schema/notice.schema.json", id="here"),
        pytest.param(["schema/notice.schema.json"], ".", "../schema/notice.schema.json",
                     id="above"),
        pytest.param([], "sub", "../sub/schema/notice.schema.json", id="none-uses-cwd"),
    ],
)  # fmt: skip
def test_schema_ref_for(tmp_path, layout, cwd, expected):
    """The nearest schema/notice.schema.json upwards, else the one `notice schema` would write."""
    for rel in layout:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("{}")
    target = tmp_path / ("x.yaml" if expected.startswith("schema") else "notices/x.yaml")
    ref, _ = schema_ref_for(target, cwd=tmp_path / cwd)
    assert ref == expected


def test_from_copies_the_fixed_blocks(tmp_path):
    """--from copies agency, place, recipients, archive and signer; the rest stays to fill."""
    result = new(tmp_path / "next.yaml", "--from", BASE)
    assert result.exit_code == 0, result.output
    new_data = load_source(tmp_path / "next.yaml").data
    base_data = load_source(BASE).data
    assert {k: new_data[k] for k in COPIED_BLOCKS} == {k: base_data[k] for k in COPIED_BLOCKS}
    assert new_data["kind"] == "TB-UBND"
    assert new_data["subject"] == "" and new_data["meeting"]["chair"]["name"] == ""
    [report] = api.validate([tmp_path / "next.yaml"]).results
    assert [p.field for p in report.problems] == [
        f for f in TO_FILL if f.split(".")[0].split("[")[0] not in COPIED_BLOCKS
    ]


def test_from_a_notice_of_another_kind_is_refused(tmp_path):
    """--kind TB-VP --from a TB-UBND: exit 1, nothing written."""
    result = new(tmp_path / "x.yaml", "--kind", "TB-VP", "--from", BASE)
    assert result.exit_code == 1
    assert "is a TB-UBND: its agency and signer do not fit a TB-VP" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_from_a_broken_notice_lists_its_problems(tmp_path):
    """--from an invalid source prints its problems and writes nothing."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(BASE.read_text("utf-8").replace("number: 7", "number: bảy"), "utf-8")
    result = new(tmp_path / "x.yaml", "--from", broken)
    assert result.exit_code == 1
    assert f"{broken}:9:9: number: must be a whole number" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_new_refuses_to_overwrite(tmp_path):
    """An existing FILE is left as it was: exit 1 and a clear message."""
    target = tmp_path / "x.yaml"
    target.write_text("kind: TB-VP\n", "utf-8")
    result = new(target, "--kind", "TB-UBND")
    assert result.exit_code == 1
    assert f"{target} already exists; choose another name" in result.stderr
    assert target.read_text("utf-8") == "kind: TB-VP\n"


def test_new_without_kind_or_from_is_a_usage_error(tmp_path):
    """Neither --kind nor --from: exit 2."""
    result = new(tmp_path / "x.yaml")
    assert result.exit_code == 2
    assert "give --issuer ubnd-tinh|van-phong-ubnd-tinh|so|" in result.stderr
    assert "or --kind TB-VP|TB-UBND|TB, or --from" in result.stderr


def test_new_tells_how_to_create_a_missing_schema(tmp_path, monkeypatch):
    """No schema file yet: the command says which `notice schema -o` creates it."""
    monkeypatch.chdir(tmp_path)
    result = new("notices/x.yaml", "--kind", "TB-VP")
    assert result.exit_code == 0, result.output
    assert "notice validate notices/x.yaml" in result.stdout
    assert "create it with: notice schema -o schema/notice.schema.json" in result.stderr
    first = (tmp_path / "notices" / "x.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/notice.schema.json"


def test_schema_option_sets_the_editor_line(tmp_path):
    """--schema URL is written as given."""
    url = "https://example.org/notice.schema.json"
    assert new(tmp_path / "x.yaml", "--kind", "TB-VP", "--schema", url).exit_code == 0
    text = (tmp_path / "x.yaml").read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={url}\n")
    yaml.safe_load(text)


# -- one skeleton per issuer level (`notice new --issuer …`) ---------------------------------

#: What each level's skeleton leaves to fill in ô 2, besides TO_FILL.
LEVEL_FIELDS = {
    "ubnd-tinh": ["agency.name[1]"],
    "van-phong-ubnd-tinh": ["agency.parent"],
    "so": ["agency.parent", "agency.name[0]", "agency.abbreviation"],
    "ubnd-xa": ["agency.name[1]"],
    "bo": ["agency.name[0]", "agency.abbreviation"],
    "van-phong-chinh-phu": [],
    "khac": ["agency.name[0]", "agency.abbreviation"],
}


def _fill_level(text: str, level) -> str:
    """A level's skeleton filled with its own examples (a real-looking notice of 2026)."""
    ex = level.example
    start, end = text.index("\nagency:\n"), text.index("  # organ_id:")
    agency = "\nagency:\n" + f"  level: {level.key}\n"
    agency += f"  parent: {ex.parent}\n" if '  parent: ""' in text[start:end] else ""
    agency += f"  name: [{', '.join(ex.name)}]\n"
    agency += f"  abbreviation: {ex.abbreviation}\n" if "abbreviation" in text[start:end] else ""
    text = text[:start] + agency + text[end:]
    changes = [
        (f"  # organ_id: {ex.organ_id}", f"  organ_id: {ex.organ_id}"),
        ('\nplace: ""', f"\nplace: {ex.place}"),
        ('\ndate: ""', "\ndate: 2026-05-18"),
        ('\nsubject: ""', "\nsubject: Kết luận tại cuộc họp về chuyển đổi số năm 2026"),
        ('  date: ""', "  date: 2026-05-15"),
        ('    name: ""', "    name: Lê Ánh Dương"),
        ('    position: ""', "    position: Phó Chủ tịch"),
        ('  title: ""', "  title: buổi làm việc về chuyển đổi số"),
        ('  attendees:\n    - ""', "  attendees:\n    - đại diện các đơn vị"),
        ('  heard:\n    - ""', "  heard:\n    - báo cáo của Văn phòng"),
        ('  - heading: ""', "  - heading: Nhiệm vụ"),
        ('          - ""', "          - Văn phòng theo dõi, đôn đốc."),
        ('      - ""', "      - Các đơn vị triển khai thực hiện."),
        ('\nclosing: ""', "\nclosing: Văn phòng thông báo để các đơn vị biết, thực hiện."),
        ('recipients:\n  - ""', "recipients:\n" + "".join(f"  - {r}\n" for r in ex.recipients)),
        ('  units: ""', f"  units: {ex.archive_units}"),
        ('  authority: [""]', f"  authority: {flow_list(ex.signer_authority)}"),
        ('  position: ""', f"  position: {ex.signer_position}"),
        ('  name: ""', "  name: Bùi Huy Khánh"),
    ]
    return edit(text, *[c for c in changes if c is not None])


@pytest.mark.parametrize("key", list(LEVELS))
def test_each_issuer_level_has_a_skeleton_that_validates_and_renders_once_filled(tmp_path, key):
    """`notice new --issuer LEVEL`: unfilled, one problem per field (the level's own in ô 2
    first); filled with the level's examples of 2026, valid without a warning, and rendered
    with the level's header and ký hiệu TB-<ABBR>."""
    level = LEVELS[key]
    result = new(tmp_path / "new.yaml", "--issuer", key)
    assert result.exit_code == 0, result.stderr
    path = tmp_path / "new.yaml"
    text = path.read_text("utf-8")
    assert "kind: TB\n" in text and f"  level: {key}\n" in text
    for abolished in ("huyện", "Bắc Giang", "Thông tin và Truyền thông", "Kế hoạch và Đầu tư"):
        assert abolished not in text
    [unfilled] = api.validate([path]).results
    assert [p.field for p in unfilled.problems] == LEVEL_FIELDS[key] + TO_FILL
    path.write_text(_fill_level(text, level), "utf-8")
    [filled] = api.validate([path]).results
    assert filled.ok and filled.warnings == [], [str(p) for p in filled.problems + filled.warnings]
    report = api.render([path], tmp_path / "out", ("docx",))
    assert report.ok, [r.error for r in report.results]
    body, _ = docx_blocks(report.results[0].outputs[0])
    text = " ".join(body)
    assert f"Số: {chr(0xa0) * 6}/TB-{level.example.abbreviation}" in text
    parent = level.example.parent
    assert bool(parent and parent in text) == (level.parent == PARENT_REQUIRED)
    assert f"{level.example.place}, ngày" in text
