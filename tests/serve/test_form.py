"""The editor's form from the source schema, and back: every field of a notice is in it
with its Vietnamese label, and submitting the form unchanged gives the source's data."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from generator.serve.annotate import attach, printed_labels
from generator.serve.form import FormData, apply_edit, build_form, loc_of, parse_form
from generator.serve.shapes import ShapeReader
from generator.source.loader import load_source
from generator.source.models import Notice
from generator.source.schema import notice_schema

from ..support.readback import NOTICES

SOURCES = sorted(NOTICES.glob("*.yaml"))


@pytest.fixture(scope="module")
def shape():
    schema = notice_schema()
    return ShapeReader(schema).shape(schema)


def submitted(root) -> FormData:
    """What the browser sends for the form drawn as `root` (nothing typed)."""
    pairs: dict[str, list[str]] = {}
    for node in root.walk():
        if not node.present or not node.path:
            continue
        if node.kind in ("object", "array"):
            pairs.setdefault(f"@{node.path}", []).append("1")
        elif node.kind == "variants":
            pairs.setdefault(f"~{node.path}", []).append(str(node.variant))
        elif node.kind == "boolean":
            pairs.setdefault(node.path, []).extend(
                ["false", "true"] if node.value == "true" else ["false"]
            )
        else:
            pairs.setdefault(node.path, []).append(node.value)
    return FormData(pairs)


def test_every_field_of_the_model_is_in_the_form(shape):
    """Each field of Notice is a field of the form, labelled from its schema description."""
    keys = [key for key, _ in shape.properties]
    assert keys == list(Notice.model_fields)
    from generator.serve.shapes import label_of

    schema = notice_schema()
    for key, sub in shape.properties:  # the schema's title, or its description's first phrase
        assert sub.label == label_of(schema["properties"][key], key)[0] != key


def test_a_field_added_to_the_schema_appears_without_an_edit():
    """A new field (as the issuer and body work add them) is drawn with its description."""
    schema = copy.deepcopy(notice_schema())
    schema["properties"]["issuer_code"] = {
        "type": "string",
        "description": "Mã định danh cơ quan ban hành; ví dụ: 000.00.01.H46",
    }
    root = build_form(ShapeReader(schema).shape(schema), {"issuer_code": "000.00.01.H46"})
    node = next(n for n in root.children if n.key == "issuer_code")
    assert (node.label, node.value) == ("Mã định danh cơ quan ban hành", "000.00.01.H46")


def test_variants_of_a_new_body_shape_are_a_choice():
    """A list of items of several shapes (anyOf of objects) becomes a choice per item."""
    schema = copy.deepcopy(notice_schema())
    schema["properties"]["body"] = {
        "type": "array",
        "items": {
            "anyOf": [
                {"type": "object", "description": "Đoạn văn",
                 "properties": {"text": {"type": "string"}}, "required": ["text"]},
                {"type": "object", "description": "Bảng",
                 "properties": {"rows": {"type": "array", "items": {"type": "string"}}},
                 "required": ["rows"]},
            ]
        },
    }  # fmt: skip
    reader = ShapeReader(schema)
    root = build_form(reader.shape(schema), {"body": [{"text": "a"}, {"rows": ["x"]}]})
    body = next(n for n in root.children if n.key == "body")
    assert [item.variant for item in body.children] == [0, 1]
    data = parse_form(reader.shape(schema), submitted(root))
    assert data["body"] == [{"text": "a"}, {"rows": ["x"]}]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.stem)
def test_the_form_submitted_unchanged_gives_the_source_back(shape, path):
    """notices/: data → form → data is the identity (shorthands stay shorthands)."""
    data = load_source(path).data
    root = build_form(shape, data, printed_labels(data))
    assert parse_form(shape, submitted(root), data) == data


def test_typed_values_become_numbers_and_dates(shape):
    """A whole number typed is an int, a full date a date, other text stays text."""
    form = FormData({"number": ["7"], "date": ["2024-05-20"], "place": [" Huế "]})
    assert parse_form(shape, form) == {"number": 7, "date": dt.date(2024, 5, 20), "place": "Huế"}
    assert parse_form(shape, FormData({"number": ["7a"]})) == {"number": "7a"}
    assert parse_form(shape, FormData({"number": [""], "place": [""]})) == {"place": ""}


def test_printed_labels_follow_the_numbering():
    """The tree's labels are those the renderer prints: roman, decimal, letter, nested."""
    data = {
        "numbering": ["roman", "decimal", "letter"],
        "conclusions": [{"heading": "A"}, {"heading": "B", "children": [{}, {"children": [{}]}]}],
    }
    assert printed_labels(data) == {
        "conclusions[0]": "I.",
        "conclusions[1]": "II.",
        "conclusions[1].children[0]": "1.",
        "conclusions[1].children[1]": "2.",
        "conclusions[1].children[1].children[0]": "a)",
    }


@pytest.mark.parametrize(
    ("op", "expected"),
    [
        ("add:recipients", ["A", "B", {"name": ""}]),
        ("remove:recipients[0]", ["B"]),
        ("down:recipients[0]", ["B", "A"]),
        ("up:recipients[1]", ["B", "A"]),
        ("up:recipients[0]", ["A", "B"]),
    ],
    ids=["add", "remove", "down", "up", "up-first"],
)
def test_list_buttons(shape, op, expected):
    """The buttons of a list: add an empty entry, remove one, move one."""
    data = {"recipients": ["A", "B"]}
    assert apply_edit(shape, data, op)["recipients"] == expected


def test_adding_an_absent_block_gives_its_required_fields(shape):
    """＋ on an absent optional block (meeting) puts its required fields, empty, in place."""
    data = apply_edit(shape, {}, "add:meeting")
    meeting = shape.prop("meeting")
    assert set(data["meeting"]) == meeting.required and data["meeting"]["date"] == ""


def test_messages_go_beside_their_fields(shape):
    """A problem lands on its field's node, or the nearest group above; the rest is general."""
    from pathlib import Path

    from generator.errors import Problem

    data = {"place": "", "recipients": ["A"]}
    root = build_form(shape, data)
    problems = [
        Problem(Path("x"), 1, 1, "place", "must not be empty"),
        Problem(Path("x"), 1, 1, "recipients[0].name", "bad"),
        Problem(Path("x"), 1, 1, "", "give meeting or opening"),
    ]
    general = attach(root, problems, [], str)
    by_path = {n.path: n.errors for n in root.walk() if n.errors}
    assert by_path == {"place": ["must not be empty"], "recipients[0].name": ["bad"]}
    assert general == ["give meeting or opening"]
    loc = ("conclusions", 1, "children", 0, "heading")
    assert loc_of("conclusions[1].children[0].heading") == loc


def test_a_finding_goes_beside_the_field_it_quotes(shape):
    """An NĐ 30 finding quoting a field's text is shown at that field; others are general."""
    from generator.check.messages import msg
    from generator.check.rules import finding

    data = {"place": "Quảng Ngãi", "subject": "Kết luận về việc A"}
    root = build_form(shape, data)
    detail = msg("look", problems="detail")
    quoted = finding("R-TY", msg("at.para", n=9), "kết luận về việc a", detail)
    elsewhere = finding("R-FONT", msg("at.para", n=2), "", detail)
    general = attach(root, [], [quoted, elsewhere], str)
    subject = next(n for n in root.walk() if n.value == "Kết luận về việc A")
    assert len(subject.errors) == 1 and subject.errors[0].startswith("R-TY")
    assert len(general) == 1 and general[0].startswith("đoạn 2: R-FONT")
