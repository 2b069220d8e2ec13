"""Broken sources and the exact `file:line:col: field: message` lines `notice validate` prints."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.errors import Problem, SourceError
from generator.source.loader import (
    MAX_NODES,
    MAX_SOURCE_BYTES,
    Mark,
    dotted,
    iter_source_files,
    load_source,
)
from generator.source.models import Notice

from ..support.readback import NOTICES, ROOT

#: A minimal valid TB-VP source; the cases below change one thing in it (line numbers matter).
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
  called: Hội nghị
numbering: [decimal, letter]
conclusions:
  - heading: "Đánh giá chung:"
    paragraphs:
      - Ghi nhận sự nỗ lực của tập thể.
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

SIGNER = """\
signer:
  authority: TL. CHÁNH VĂN PHÒNG
  position: TRƯỞNG PHÒNG HC-TC
  name: Nguyễn Xuân Lộc
"""
PARAGRAPH = "      - Ghi nhận sự nỗ lực của tập thể.\n"
KNOWN = ", ".join(sorted(Notice.model_fields))  # every top-level key of the source
RECIPENTS = [
    "source.yaml:1:1: recipients: required field is missing",
    f"source.yaml:23:1: recipents: unknown field; did you mean `recipients`? (known: {KNOWN})",
]


def edit(text: str, *changes: tuple[str, str]) -> str:
    """`text` with each `(old, new)` applied; `old` must occur exactly once."""
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def validate(*args: str):
    """Run `notice validate ARGS` in-process and return click's result."""
    return CliRunner().invoke(main, ["validate", *args])


@pytest.fixture
def in_tmp(tmp_path, monkeypatch) -> Path:
    """Work inside tmp_path so that paths print as given: `source.yaml:…`."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_valid_source_validates(in_tmp):
    """The minimal source every broken case starts from is itself valid."""
    (in_tmp / "source.yaml").write_text(VALID, encoding="utf-8")
    result = validate("source.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "1 of 1 source(s) valid\n", "")


BROKEN = [
    pytest.param(
        [(SIGNER, "")],
        ["source.yaml:1:1: signer: required field is missing"],
        id="missing-signer",
    ),
    pytest.param(
        [("  name: Nguyễn Xuân Lộc\n", "")],
        ["source.yaml:29:3: signer.name: required field is missing"],
        id="missing-signer-name",
    ),
    pytest.param(
        [("date: 2020-12-21", "date: 2020-13-45")],
        ["source.yaml:7:7: date: invalid value '2020-13-45': month must be in 1..12"],
        id="bad-date-month-13",
    ),
    pytest.param(
        [("date: 2020-12-21", "date: 2020-02-30")],
        ["source.yaml:7:7: date: invalid value '2020-02-30': day is out of range for month"],
        id="bad-date-february-30",
    ),
    pytest.param(
        [("date: 2020-12-21", "date: 21/12/2020")],
        [
            "source.yaml:7:7: date: '21/12/2020' is not a date: "
            "write YYYY-MM-DD, or YYYY-MM for a draft without a day"
        ],
        id="bad-date-day-first",
    ),
    pytest.param(
        [("  date: 2020-12-18", "  date: 18/12/2020")],
        ["source.yaml:10:9: meeting.date: must be a date written YYYY-MM-DD, e.g. 2020-12-18"],
        id="bad-meeting-date",
    ),
    pytest.param(
        [("recipients:", "recipents:")],
        RECIPENTS,
        id="unknown-key-recipents",
    ),
    pytest.param(
        [("    address: comrade\n", "    address: comrade\n    adress: title\n")],
        [
            "source.yaml:15:5: meeting.chair.adress: unknown field; did you mean `address`? "
            "(known: address, also, also_separator, name, position)"
        ],
        id="unknown-nested-key",
    ),
    pytest.param(
        [("number: 1730", 'number: "abc"')],
        ["source.yaml:6:9: number: must be a whole number"],
        id="wrong-type-number",
    ),
    pytest.param(
        [("number: 1730", "number: 0")],
        ["source.yaml:6:9: number: must be at least 1"],
        id="number-zero",
    ),
    pytest.param(
        [("recipients:\n  - name: CT, PCT UBND tỉnh\n    remark: báo cáo\n", 'recipients: "x"\n')],
        ["source.yaml:23:13: recipients: must be a list (one `- ` entry per line)"],
        id="wrong-type-recipients-string",
    ),
    pytest.param(
        [("kind: TB-VP", "kind: TB-XX")],
        ["source.yaml:1:7: kind: must be one of 'TB-VP', 'TB-UBND' or 'TB'"],
        id="unknown-kind",
    ),
    pytest.param(
        [("place: Quảng Ngãi", 'place: "  "')],
        ["source.yaml:5:8: place: must not be empty"],
        id="empty-text",
    ),
    pytest.param(
        [("place: Quảng Ngãi", 'place: "Quảng\\aNgãi"')],
        ["source.yaml:5:8: place: contains the control character U+0007"],
        id="control-character",
    ),
    pytest.param(
        [("  name: VĂN PHÒNG\n", "   name: VĂN PHÒNG\n")],
        [
            "source.yaml:4:4: YAML syntax error: line 4 is indented 3 spaces, deeper than line 3 "
            "(2): a key of the same level starts at the same column"
        ],
        id="yaml-bad-indentation",
    ),
    pytest.param(
        [("numbering: [decimal, letter]", "numbering: [decimal, letter")],
        [
            "source.yaml:17:12: YAML syntax error: the list [ opened here is not closed with ] "
            "on its line, or an entry lacks its comma"
        ],
        id="yaml-unclosed-list",
    ),
    pytest.param(
        [("place: Quảng Ngãi\n", "place: Quảng Ngãi\nplace: Bắc Giang\n")],
        ["source.yaml:6:1: place: duplicate key, first given at line 5"],
        id="duplicate-key",
    ),
    pytest.param(
        [("date: 2020-12-21", "date: 2020-12")],
        ["source.yaml:7:7: date: an issued notice (with a number) needs its full date YYYY-MM-DD"],
        id="issued-date-without-day",
    ),
    pytest.param(
        [("  parent: UBND TỈNH QUẢNG NGÃI\n", "")],
        ["source.yaml:3:3: agency: a TB-VP needs agency.parent, e.g. UBND TỈNH QUẢNG NGÃI"],
        id="tb-vp-without-parent",
    ),
    pytest.param(
        [("kind: TB-VP", "kind: TB-UBND")],
        ["source.yaml:3:11: agency.parent: a TB-UBND has no parent body line; remove it"],
        id="tb-ubnd-with-parent",
    ),
    pytest.param(
        [
            (
                PARAGRAPH,
                "      - text: Ghi nhận sự nỗ lực của tập thể.\n"
                "        footnotes:\n"
                "          - after: không có\n"
                "            text: Chú thích.\n",
            )
        ],
        [
            "source.yaml:21:9: conclusions[0].paragraphs[0]: footnotes[0].after 'không có' "
            "does not occur in the paragraph text; quote a span that occurs exactly once"
        ],
        id="footnote-span-not-found",
    ),
    pytest.param(
        [
            (
                PARAGRAPH,
                PARAGRAPH + "    children:\n"
                "      - heading: Cấp hai\n"
                "        children:\n"
                "          - paragraphs: [Cấp ba.]\n",
            )
        ],
        [
            "source.yaml:25:11: conclusions[0].children[0].children: nested 3 levels deep, "
            "but numbering names only 2 styles (decimal, letter)"
        ],
        id="numbering-too-deep",
    ),
    pytest.param(
        [("numbering: [decimal, letter]", "numbering: [nested, letter]")],
        ["source.yaml:17:13: numbering[0]: the top level cannot be `nested`; use decimal"],
        id="numbering-top-nested",
    ),
    pytest.param(
        [("  authority: TL. CHÁNH VĂN PHÒNG", "  authority: PHÓ CHỦ TỊCH")],
        [
            "source.yaml:29:14: signer.authority[0]: 'PHÓ CHỦ TỊCH' must start with one of "
            "TM., KT., TL., TUQ., Q. (the position itself goes in signer.position)"
        ],
        id="authority-without-prefix",
    ),
    pytest.param(
        [("  authority: TL. CHÁNH VĂN PHÒNG", "  authority: [TL. CHỦ TỊCH, PHÓ CHỦ TỊCH]")],
        [
            "source.yaml:29:29: signer.authority[1]: 'PHÓ CHỦ TỊCH' must start with one of "
            "TM., KT., TL., TUQ., Q. (the position itself goes in signer.position)"
        ],
        id="authority-second-line-without-prefix",
    ),
    pytest.param(
        [("  authority: TL. CHÁNH VĂN PHÒNG", "  authority: [KT. CHỦ TỊCH, TM. ỦY BAN NHÂN DÂN]")],
        ["source.yaml:29:3: signer: TM. can only be the first authority line (R-KY-TM)"],
        id="authority-tm-not-first",
    ),
    pytest.param(
        [("  units: HC-TC", "  units: HC-TC\n  copies: 0")],
        ["source.yaml:28:11: archive.copies: must be at least 1"],
        id="archive-copies-zero",
    ),
]


@pytest.mark.parametrize(("changes", "expected"), BROKEN)
def test_validate_reports_broken_source(in_tmp, changes, expected):
    """`validate` exits 1 and prints exactly `file:line:col: field: message` per problem."""
    (in_tmp / "source.yaml").write_text(edit(VALID, *changes), encoding="utf-8")
    result = validate("source.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == expected
    assert result.stdout == "0 of 1 source(s) valid\n"


def test_validate_reports_every_problem_in_order(in_tmp):
    """Four mistakes in one file give five lines at once, in file order."""
    broken = edit(
        VALID,
        ("number: 1730", 'number: "abc"'),
        ("date: 2020-12-21", "date: 21/12/2020"),
        ("recipients:", "recipents:"),
        ("  name: Nguyễn Xuân Lộc\n", ""),
    )
    (in_tmp / "source.yaml").write_text(broken, encoding="utf-8")
    result = validate("source.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        RECIPENTS[0],
        "source.yaml:6:9: number: must be a whole number",
        "source.yaml:7:7: date: '21/12/2020' is not a date: "
        "write YYYY-MM-DD, or YYYY-MM for a draft without a day",
        RECIPENTS[1],
        "source.yaml:29:3: signer.name: required field is missing",
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            [
                ("place: Quảng Ngãi\n", "place: Quảng Ngãi\nplace: Bắc Giang\n"),
                ("recipients:", "recipents:"),
            ],
            [
                "source.yaml:6:1: place: duplicate key, first given at line 5",
                "source.yaml:1:1: recipients: required field is missing",
                f"source.yaml:24:1: recipents: unknown field; did you mean `recipients`? "
                f"(known: {KNOWN})",
            ],
            id="duplicate-key-and-typo",
        ),
        pytest.param(
            [("  parent: UBND TỈNH QUẢNG NGÃI\n", ""), ("recipients:", "recipents:")],
            [
                "source.yaml:3:3: agency: a TB-VP needs agency.parent, e.g. UBND TỈNH QUẢNG NGÃI",
                "source.yaml:1:1: recipients: required field is missing",
                f"source.yaml:22:1: recipents: unknown field; did you mean `recipients`? "
                f"(known: {KNOWN})",
            ],
            id="missing-parent-and-typo",
        ),
    ],
)
def test_validate_reports_problems_of_every_stage_at_once(in_tmp, changes, expected):
    """STYLE 3 (report everything, abort once): one stage's problem does not hide the others'."""
    (in_tmp / "source.yaml").write_text(edit(VALID, *changes), encoding="utf-8")
    result = validate("source.yaml")
    assert result.exit_code == 1
    assert sorted(result.stderr.splitlines()) == sorted(expected)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(("date: 2020-12-21", 'date: "2020-12-21"'), id="date"),
        pytest.param(("  date: 2020-12-18", '  date: "2020-12-18"'), id="meeting-date"),
        pytest.param(("date: 2020-12-21", "date: 2020-12-21T00:00:00"), id="timestamp"),
    ],
)
def test_validate_accepts_iso_dates_written_as_text(in_tmp, change):
    """R-DATE-1: a quoted `"2020-12-21"` is the YYYY-MM-DD the messages ask for, so it is valid."""
    (in_tmp / "source.yaml").write_text(edit(VALID, change), encoding="utf-8")
    result = validate("source.yaml")
    assert (result.exit_code, result.stderr) == (0, "")


def test_validate_folder_reports_only_the_bad_source(in_tmp):
    """A folder with one good and one bad source exits 1 and names only the bad one."""
    folder = in_tmp / "sources"
    folder.mkdir()
    (folder / "good.yaml").write_text(VALID, encoding="utf-8")
    (folder / "bad.yaml").write_text(edit(VALID, (SIGNER, "")), encoding="utf-8")
    (folder / "notes.txt").write_text("not a source", encoding="utf-8")
    result = validate("sources")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{Path('sources', 'bad.yaml')}:1:1: signer: required field is missing"
    ]
    assert result.stdout == "1 of 2 source(s) valid\n"


def test_validate_notices_folder_passes():
    """Every source shipped in notices/ is valid."""
    count = len(list(NOTICES.glob("*.yaml")))
    result = validate(str(NOTICES))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{count} of {count} source(s) valid\n"


def test_validate_missing_path_is_a_usage_error(in_tmp):
    """A path that does not exist is a usage error: exit 2, naming the path."""
    result = validate("nowhere.yaml")
    assert result.exit_code == 2
    assert "Path 'nowhere.yaml' does not exist." in result.stderr


def test_validate_folder_without_sources_is_a_usage_error(in_tmp):
    """A folder with no *.yaml is a usage error rather than a silent success."""
    (in_tmp / "empty").mkdir()
    result = validate("empty")
    assert result.exit_code == 2
    assert "Error: no *.yaml sources in empty" in result.stderr


# -- sources.load_source -----------------------------------------------------------------------


@pytest.fixture
def valid_source(in_tmp):
    """VALID loaded with sources.load_source."""
    path = in_tmp / "source.yaml"
    path.write_text(VALID, encoding="utf-8")
    return load_source(path)


@pytest.mark.parametrize(
    ("loc", "key", "expected"),
    [
        pytest.param(("meeting", "chair", "name"), False, Mark(12, 11), id="nested-value"),
        pytest.param(("meeting", "chair", "name"), True, Mark(12, 5), id="nested-key"),
        pytest.param(("recipients", 0, "remark"), False, Mark(25, 13), id="in-list"),
        pytest.param(("conclusions", 0, "paragraphs", 0), False, Mark(21, 9), id="list-item"),
        pytest.param(("numbering", 1), False, Mark(17, 22), id="flow-item"),
        pytest.param(("signer", "nickname"), False, Mark(29, 3), id="missing-uses-parent"),
        pytest.param(("signer", "nickname"), True, Mark(29, 3), id="missing-key-uses-parent"),
        pytest.param(("place",), True, Mark(5, 1), id="top-key"),
        pytest.param((), False, Mark(1, 1), id="root"),
    ],
)
def test_locate(valid_source, loc, key, expected):
    """Source.locate maps a pydantic path back to a 1-based line and column."""
    assert valid_source.locate(loc, key=key) == expected


def test_load_source_keeps_plain_data(valid_source):
    """The data is plain Python: dates as dates, lists as lists, text as str."""
    data = valid_source.data
    assert str(data["date"]) == "2020-12-21"
    assert data["numbering"] == ["decimal", "letter"]
    assert data["recipients"] == [{"name": "CT, PCT UBND tỉnh", "remark": "báo cáo"}]


@pytest.mark.parametrize(
    ("loc", "expected"),
    [
        pytest.param(("conclusions", 2, "heading"), "conclusions[2].heading", id="item"),
        pytest.param(("signer", "authority", 0), "signer.authority[0]", id="list-end"),
        pytest.param(("place",), "place", id="top"),
        pytest.param((), "", id="root"),
    ],
)
def test_dotted(loc, expected):
    """The field name a person reads for a pydantic path."""
    assert dotted(loc) == expected


def _load_problems(path: Path) -> list[Problem]:
    """The problems of reading a file: raised at once, or kept for validation to report."""
    try:
        return load_source(path).problems
    except SourceError as exc:
        return exc.problems


def test_alias_bomb_is_rejected_quickly(tmp_path):
    """Billion laughs: aliases expanding to 9**9 nodes stop at MAX_NODES, not in a hang."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    problems = _load_problems(path)
    assert time.perf_counter() - start < 60  # a bound on a hang, not a measurement
    assert problems == [
        Problem(
            path, 1, 1, "", f"source too large: more than {MAX_NODES} YAML nodes (aliases included)"
        )
    ]


def test_recursive_alias_is_rejected(tmp_path):
    """A list that contains itself stops at MAX_DEPTH instead of recursing forever."""
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [*a]\n", encoding="utf-8")
    assert _load_problems(path) == [
        Problem(path, 1, 1, "", "source too large: nested deeper than 40 levels")
    ]


def _block_nesting(depth: int) -> str:
    """A mapping nested `depth` levels deep in block style, one key per line."""
    return "".join(" " * i + "k:\n" for i in range(depth - 1)) + " " * (depth - 1) + "k: v\n"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # 100,000 brackets: libyaml's composer would crash the interpreter; PyYAML ≥ 6.0.4's
        # libyaml refuses them itself, with its own message. The message must be ours either way.
        pytest.param("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "1:43", id="flow-100000"),
        pytest.param("a: " + "[" * 41 + "]" * 41 + "\n", "1:43", id="flow-41"),
        pytest.param(_block_nesting(1_500), "41:41", id="block-1500"),
        pytest.param(_block_nesting(41), "41:41", id="block-41"),
    ],
)
def test_deep_nesting_is_rejected_by_our_own_limit(tmp_path, text, where):
    """Nesting past MAX_DEPTH is our SourceError at the first level too deep, whatever the
    installed PyYAML/libyaml limits are (a crash or libyaml's message would fail this)."""
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size < MAX_SOURCE_BYTES
    script = textwrap.dedent(
        """
        import sys
        from generator.errors import SourceError
        from generator.source.loader import load_source
        try:
            load_source(sys.argv[1])
        except SourceError as exc:
            print(exc)
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout == f"{path}:{where}: source too large: nested deeper than 40 levels\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a: " + "[" * 39 + "]" * 39 + "\n", id="flow-40"),
        pytest.param(_block_nesting(40), id="block-40"),
    ],
)
def test_nesting_at_the_limit_is_read(tmp_path, text):
    """Exactly MAX_DEPTH levels is allowed: the limit is not off by one."""
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    assert isinstance(load_source(path).data, dict)


def test_file_over_size_limit_is_rejected(tmp_path):
    """A file over MAX_SOURCE_BYTES is refused before it is parsed."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_SOURCE_BYTES - 2))
    assert _load_problems(path) == [
        Problem(path, 1, 1, "", f"file is larger than {MAX_SOURCE_BYTES:,} bytes")
    ]


def test_file_at_size_limit_is_read(tmp_path):
    """A file of exactly MAX_SOURCE_BYTES is still read."""
    path = tmp_path / "limit.yaml"
    path.write_bytes(b"# " + b"x" * (MAX_SOURCE_BYTES - 3) + b"\n")
    assert load_source(path).data == {}


def test_non_utf8_is_rejected_with_its_line(tmp_path):
    """Bytes that are not UTF-8 (here Windows-1258/Latin-1) are reported at their line."""
    path = tmp_path / "latin1.yaml"
    path.write_bytes("kind: TB-VP\nagency:\n  name: VĂN PHÒNG\n".encode() + b"place: Qu\xe1ng\n")
    assert _load_problems(path) == [
        Problem(path, 4, 1, "", "not UTF-8 text; save the file as UTF-8")
    ]


def test_utf8_byte_order_mark_is_accepted(tmp_path):
    """A UTF-8 file saved with a BOM (Windows Notepad) loads like one without."""
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    assert load_source(path).data["kind"] == "TB-VP"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "- a\n- b\n", (1, 1, "the file must be a mapping of keys to values"), id="list"
        ),
        pytest.param(
            "a: 1\n---\nb: 2\n",
            (
                2,
                1,
                "YAML syntax error: a second document (`---`) in the file: a source holds one "
                "notice; remove the `---` line",
            ),
            id="two-documents",
        ),
        pytest.param("? [a]\n: 1\n", (1, 3, "a key must be a plain name"), id="list-as-key"),
    ],
)
def test_load_source_rejects_shapes(tmp_path, text, expected):
    """A source is one YAML document holding a mapping with plain keys."""
    path = tmp_path / "shape.yaml"
    path.write_text(text, encoding="utf-8")
    assert _load_problems(path) == [Problem(path, *expected[:2], "", expected[2])]


def test_python_tags_are_not_constructed(tmp_path):
    """Safe loading: a python/object tag gives plain data, never runs code."""
    path = tmp_path / "tag.yaml"
    path.write_text('a: !!python/object/apply:os.system ["exit 3"]\n', encoding="utf-8")
    assert load_source(path).data == {"a": ["exit 3"]}


def test_empty_file_is_an_empty_mapping(tmp_path):
    """An empty file loads as {} so that validation lists every required field."""
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    assert load_source(path).data == {}


def test_iter_source_files(tmp_path):
    """Folders expand to their sorted *.yaml/*.yml files; files pass through as given."""
    for name in ("b.yaml", "a.yml", "c.txt", "d.yaml.bak"):
        (tmp_path / name).write_text("", encoding="utf-8")
    single = tmp_path / "c.txt"
    assert list(iter_source_files([tmp_path, single])) == [
        tmp_path / "a.yml",
        tmp_path / "b.yaml",
        single,
    ]
