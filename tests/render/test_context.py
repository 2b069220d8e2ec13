"""The pure step (generator/context.py): a Notice becomes formatted template values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from generator.profile.vietnamese import BLANK
from generator.render.context import (
    BOLD_HEADING_STYLES,
    BodyParagraph,
    FootnoteRef,
    build_context,
    compose_opening,
    item_label,
)
from generator.source.loader import load_source
from generator.source.models import Notice, parse_notice

from ..support.readback import NOTICES, SEEDS

SEED_000 = NOTICES / "quang-ngai-1730-tb-vp-2020.yaml"
SEED_004 = NOTICES / "bac-giang-tb-ubnd-2020-du-thao.yaml"
TEXT_000 = SEEDS / "000_f4cb9baf85425591.txt"
TEXT_004 = SEEDS / "004_3114f037d4245cc2.txt"


def make_notice(conclusions: list[Any], numbering: list[str], **fields: Any) -> Notice:
    """A small valid TB-UBND notice around the given conclusions tree."""
    data: dict[str, Any] = {
        "kind": "TB-UBND",
        "agency": {"name": ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]},
        "place": "Quảng Ngãi",
        "number": 7,
        "date": dt.date(2024, 1, 5),
        "subject": "Kết luận của Chủ tịch UBND tỉnh",
        "opening": ["Mở đầu."],
        "numbering": numbering,
        "conclusions": conclusions,
        "closing": "Đề nghị các cơ quan thực hiện.",
        "recipients": ["Các sở"],
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": "A"},
    }
    data.update(fields)
    return Notice.model_validate(data)


def conclusions_of(notice: Notice) -> list[tuple[str, str]]:
    """(role, text) of the body without the opening paragraph and the closing."""
    body = build_context(notice).body
    return [(p.role, p.text) for p in body[len(notice.opening or []) : -1]]


def seed_notice(path: Path) -> Notice:
    """A notice from notices/, validated like the CLI does."""
    return parse_notice(load_source(path))


def seed_paragraphs(path: Path) -> list[str]:
    """The non-empty lines of a seed text."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- numbering (R-ND-PMK, R-ND-KHOAN, R-ND-DIEM, R-ND-DASH) ---------------------------------------


@pytest.mark.parametrize(
    ("style", "index", "parent", "expected"),
    [
        pytest.param("roman", 0, "", "I.", id="roman-1"),
        pytest.param("roman", 3, "", "IV.", id="roman-4"),
        pytest.param("decimal", 0, "", "1.", id="decimal-1"),
        pytest.param("decimal", 11, "II.", "12.", id="decimal-12"),
        pytest.param("nested", 0, "2.", "2.1.", id="nested"),
        pytest.param("nested", 2, "2.1.", "2.1.3.", id="nested-twice"),
        pytest.param("letter", 0, "1.", "a)", id="letter-a"),
        pytest.param("letter", 3, "1.", "d)", id="letter-d"),
        pytest.param("letter", 4, "1.", "đ)", id="letter-d-stroke"),
        pytest.param("letter", 5, "1.", "e)", id="letter-e"),
        pytest.param("dash", 7, "a)", "-", id="dash"),
        pytest.param("plus", 0, "-", "+", id="plus"),
    ],
)
def test_item_label(style, index, parent, expected):
    """R-ND-PMK, R-ND-DIEM, R-ND-DASH: the number of an item is computed from its place."""
    assert item_label(style, index, parent) == expected


def test_numbering_from_tree_roman_decimal_letter_dash():
    """R-ND-PMK: `I.` upper-case mục, `1.` khoản, `a)` điểm, `-` below, each from the tree."""
    notice = make_notice(
        [
            {
                "heading": "Những kết quả đạt được",
                "children": [
                    {
                        "heading": "Về kinh tế",
                        "children": [
                            {"paragraphs": ["Tăng trưởng khá."]},
                            {
                                "paragraphs": ["Thu ngân sách đạt:"],
                                "children": [{"paragraphs": ["Thu nội địa."]}],
                            },
                        ],
                    },
                    {"paragraphs": ["Về xã hội ổn định."]},
                ],
            },
            {"heading": "Nhiệm vụ thời gian tới", "paragraphs": ["Tập trung chỉ đạo."]},
        ],
        ["roman", "decimal", "letter", "dash"],
    )
    assert conclusions_of(notice) == [
        ("heading", "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"),
        ("heading", "1. Về kinh tế"),
        ("text", "a) Tăng trưởng khá."),
        ("text", "b) Thu ngân sách đạt:"),
        ("text", "- Thu nội địa."),
        ("text", "2. Về xã hội ổn định."),
        ("heading", "II. NHIỆM VỤ THỜI GIAN TỚI"),
        ("text", "Tập trung chỉ đạo."),
    ]


def test_numbering_nested_decimal():
    """R-ND-KHOAN (seed 004): nested levels carry the parent's number, `2.1.`, `2.1.1.`."""
    notice = make_notice(
        [
            {"paragraphs": ["Một."]},
            {
                "heading": "Hai",
                "children": [
                    {"heading": "Hai một", "children": [{"paragraphs": ["Hai một một."]}]},
                    {"paragraphs": ["Hai hai."]},
                ],
            },
        ],
        ["decimal", "nested", "nested"],
    )
    assert conclusions_of(notice) == [
        ("text", "1. Một."),
        ("heading", "2. Hai"),
        ("heading", "2.1. Hai một"),
        ("text", "2.1.1. Hai một một."),
        ("text", "2.2. Hai hai."),
    ]


def test_numbering_letters_run_a_to_d_stroke():
    """R-ND-DIEM: the fifth điểm is `đ)`, after `d)`."""
    notice = make_notice(
        [
            {
                "heading": "Giao nhiệm vụ",
                "children": [{"paragraphs": [f"Việc {i}."]} for i in range(6)],
            }
        ],
        ["decimal", "letter"],
    )
    labels = [text.split(" ", 1)[0] for _, text in conclusions_of(notice)[1:]]
    assert labels == ["a)", "b)", "c)", "d)", "đ)", "e)"]


def test_inserting_an_item_renumbers_the_rest():
    """R-ND-PMK: numbers are never typed, so an inserted khoản shifts the ones after it."""
    items = [{"paragraphs": [name]} for name in ("An.", "Bình.", "Chi.")]
    before = conclusions_of(make_notice(items, ["decimal"]))
    after = conclusions_of(
        make_notice([items[0], {"paragraphs": ["Mới."]}, *items[1:]], ["decimal"])
    )
    assert [text for _, text in before] == ["1. An.", "2. Bình.", "3. Chi."]
    assert [text for _, text in after] == ["1. An.", "2. Mới.", "3. Bình.", "4. Chi."]


@pytest.mark.parametrize(
    ("style", "role", "text"),
    [
        pytest.param("roman", "heading", "I. TIÊU ĐỀ", id="roman"),
        pytest.param("decimal", "heading", "1. Tiêu đề", id="decimal"),
        pytest.param("nested", "heading", "1.1. Tiêu đề", id="nested"),
        pytest.param("letter", "text", "a) Tiêu đề", id="letter"),
        pytest.param("dash", "text", "- Tiêu đề", id="dash"),
        pytest.param("plus", "text", "+ Tiêu đề", id="plus"),
    ],
)
def test_heading_role_by_level(style, role, text):
    """R-ND-PMK, R-ND-KHOAN bold headings; R-ND-DIEM, R-ND-DASH keep điểm and dashes regular."""
    notice = make_notice(
        [{"heading": "Cha", "children": [{"heading": "Tiêu đề"}]}], ["decimal", style]
    )
    assert conclusions_of(notice)[1] == (role, text)
    assert (style in BOLD_HEADING_STYLES) == (role == "heading")


def test_paragraphs_after_a_heading_are_unnumbered():
    """R-ND-KHOAN: a titled khoản has its number on the title line, its text below without."""
    notice = make_notice(
        [{"heading": "Đánh giá chung:", "paragraphs": ["Ghi nhận.", "Bên cạnh đó."]}], ["decimal"]
    )
    assert conclusions_of(notice) == [
        ("heading", "1. Đánh giá chung:"),
        ("text", "Ghi nhận."),
        ("text", "Bên cạnh đó."),
    ]


# -- footnotes (R-ND-FN) and the end mark (R-ND-END) --------------------------------------------


def test_footnote_segments_follow_their_span():
    """R-ND-FN: each reference mark sits right after its span, numbered in reading order."""
    notice = make_notice(
        [
            {
                "paragraphs": [
                    {
                        "text": "Theo Báo cáo số 88 và Kế hoạch số 12, giao Sở thực hiện.",
                        "footnotes": [
                            {"after": "Kế hoạch số 12", "text": "Kế hoạch ngày 02/3/2020."},
                            {"after": "Báo cáo số 88", "text": "Báo cáo ngày 15/5/2020."},
                        ],
                    },
                    {
                        "text": "Hoàn thành trong quý III.",
                        "footnotes": [{"after": "quý III.", "text": "Trước 30/9/2020."}],
                    },
                ]
            }
        ],
        ["decimal"],
        opening=[
            {"text": "Căn cứ Thông báo số 5.", "footnotes": [{"after": "số 5", "text": "Cũ."}]}
        ],
    )
    context = build_context(notice)
    assert [p.segments for p in context.body[:3]] == [
        ("Căn cứ Thông báo số 5", FootnoteRef(1), "."),
        (
            "1. Theo Báo cáo số 88",
            FootnoteRef(2),
            " và Kế hoạch số 12",
            FootnoteRef(3),
            ", giao Sở thực hiện.",
        ),
        ("Hoàn thành trong quý III.", FootnoteRef(4)),
    ]
    assert context.footnotes == [
        "Cũ.",
        "Báo cáo ngày 15/5/2020.",
        "Kế hoạch ngày 02/3/2020.",
        "Trước 30/9/2020.",
    ]


def test_footnote_of_seed_004():
    """R-ND-FN (seed 004): `…Truyền thông¹. Trong thời gian tới…`, footnote text kept."""
    context = build_context(seed_notice(SEED_004))
    paragraph = next(p for p in context.body if any(isinstance(s, FootnoteRef) for s in p.segments))
    first, ref, rest = paragraph.segments
    assert first == (
        "2. Thống nhất với phương hướng, nhiệm vụ chủ yếu trong Báo cáo của Sở Thông tin và "
        "Truyền thông"
    )
    assert (ref, rest[:26]) == (FootnoteRef(1), ". Trong thời gian tới, Sở ")
    assert context.footnotes == ["Báo cáo số 88/BC-STTTT ngày 15/5/2020."]


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        pytest.param(
            "Đề nghị các cơ quan thực hiện.", "Đề nghị các cơ quan thực hiện./.", id="stop"
        ),
        pytest.param(
            "Đề nghị các cơ quan thực hiện", "Đề nghị các cơ quan thực hiện./.", id="none"
        ),
        pytest.param("Đề nghị thực hiện./.", "Đề nghị thực hiện./.", id="already"),
    ],
)
def test_closing_gets_end_mark(closing, expected):
    """R-ND-END: the closing, the last paragraph of the body, ends with `./.`."""
    body = build_context(make_notice([{"paragraphs": ["Một."]}], ["decimal"], closing=closing)).body
    assert body[-1] == BodyParagraph("text", (expected,))


def test_closing_footnote_on_final_stop_does_not_double_it():
    """R-ND-END: a footnote on the last sentence still gives `thực hiện./.`, not `thực hiện../.`."""
    closing = {
        "text": "Đề nghị các cơ quan thực hiện.",
        "footnotes": [{"after": "thực hiện.", "text": "Chú thích."}],
    }
    notice = make_notice([{"paragraphs": ["Một."]}], ["decimal"], closing=closing)
    last = build_context(notice).body[-1]
    assert last.text == "Đề nghị các cơ quan thực hiện./."
    assert FootnoteRef(1) in last.segments


# -- the seeds -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "seed", "starts"),
    [
        pytest.param(SEED_000, TEXT_000, ["Ngày 18/12/2020", "Sau khi nghe"], id="seed-000"),
        pytest.param(SEED_004, TEXT_004, ["Ngày 18/5/2020"], id="seed-004"),
    ],
)
def test_opening_composed_from_meeting_equals_seed(source, seed, starts):
    """R-ND-1: the opening composed from `meeting` is word for word the seed's paragraphs."""
    lines = seed_paragraphs(seed)
    expected = [next(line for line in lines if line.startswith(start)) for start in starts]
    notice = seed_notice(source)
    assert compose_opening(notice.meeting) == expected
    assert [p.text for p in build_context(notice).body[: len(expected)]] == expected


@pytest.mark.parametrize(
    ("source", "seed"),
    [
        pytest.param(SEED_000, TEXT_000, id="seed-000"),
        pytest.param(SEED_004, TEXT_004, id="seed-004"),
    ],
)
def test_closing_of_seed_equals_seed(source, seed):
    """R-ND-END: the last body paragraph is the seed's, ending with `./.`."""
    closing = build_context(seed_notice(source)).body[-1].text
    assert closing.endswith("thực hiện./.")
    assert closing in seed_paragraphs(seed)


def test_recipients_of_seed_000():
    """R-NN-LIST, R-NN-LUU (seed 000): remark in parentheses, `- Lưu: VT, HC-TC.` last."""
    recipients = build_context(seed_notice(SEED_000)).recipients
    assert recipients[0] == "- CT, PCT UBND tỉnh (báo cáo);"
    assert recipients[-1] == "- Lưu: VT, HC-TC."
    assert all(line.startswith("- ") and line.endswith(";") for line in recipients[:-1])
    joined = " ".join(seed_paragraphs(TEXT_000))
    assert all(line in joined for line in recipients[:1] + recipients[-1:])


def test_recipients_of_seed_004():
    """R-NN-LIST, R-NN-LUU, R-NN-12 (seed 004): every line as in the seed, `KGVX.Cường.` last."""
    recipients = build_context(seed_notice(SEED_004)).recipients
    lines = seed_paragraphs(TEXT_004)
    start = lines.index("Nơi nhận:") + 1
    assert recipients == lines[start : start + len(recipients)]
    assert recipients[-1] == "- Lưu: VT, KGVX.Cường."


def test_number_and_date_lines_of_seed_000():
    """R-KH-FMT, R-DATE-1 (seed 000): `Số: 1730/TB-VP`, `Quảng Ngãi, ngày 21 tháng 12 năm 2020`."""
    context = build_context(seed_notice(SEED_000))
    assert (context.number_line, context.date_line, context.is_draft) == (
        "Số: 1730/TB-VP",
        "Quảng Ngãi, ngày 21 tháng 12 năm 2020",
        False,
    )
    assert {context.number_line, context.date_line} <= set(seed_paragraphs(TEXT_000))


def test_draft_number_and_date_lines_of_seed_004():
    """R-KH-FMT, R-DATE-1 (seed 004, a draft): blanks for the số and the day."""
    context = build_context(seed_notice(SEED_004))
    assert (context.number_line, context.date_line, context.is_draft) == (
        f"Số: {BLANK}/TB-UBND",
        f"Bắc Giang, ngày {BLANK} tháng 5 năm 2020",
        True,
    )
    folded = {" ".join(context.number_line.split()), " ".join(context.date_line.split())}
    assert folded <= set(seed_paragraphs(TEXT_004))


@pytest.mark.parametrize(
    ("source", "authority", "position"),
    [
        pytest.param(SEED_000, ["TL. CHÁNH VĂN PHÒNG"], "TRƯỞNG PHÒNG HC-TC", id="seed-000"),
        pytest.param(
            SEED_004, ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"], "PHÓ CHÁNH VĂN PHÒNG", id="seed-004"
        ),
    ],
)
def test_signer_block_of_seeds(source, authority, position):
    """R-KY-TL, R-KY-KT, R-KY-FMT: the authority chain and position, upper-case, in order."""
    context = build_context(seed_notice(source))
    assert (context.authority, context.position) == (authority, position)
