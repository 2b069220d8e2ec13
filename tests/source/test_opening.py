"""The opening composer and phrase templates against real openings, word for word: the
seven TB-VPCP notices of tests/data/corpus and the two seeds."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.source.loader import load_source
from generator.source.models import Meeting, Notice
from generator.source.opening import compose_opening, fill, template_problems

from ..support.readback import CORPUS, ROOT, SEEDS, seed_lines

OPENINGS = ROOT / "tests" / "data" / "openings"
CORPUS_NOTICES = sorted(p.stem for p in CORPUS.glob("tb-vpcp-*.txt"))


def corpus_opening(stem: str) -> list[str]:
    """Lines 10 and 11 of a corpus text: the two opening paragraphs."""
    return (CORPUS / f"{stem}.txt").read_text("utf-8").splitlines()[9:11]


@pytest.mark.parametrize("stem", CORPUS_NOTICES)
def test_composer_fits_corpus_openings(stem):
    """Each corpus opening comes out of its source's `meeting` word for word: long dates,
    venues, several days, a second title after the chair, separators, a concluder other
    than the chair."""
    data = load_source(CORPUS / f"{stem}.yaml").data
    assert compose_opening(Meeting.model_validate(data["meeting"])) == corpus_opening(stem)


def test_phrase_template_fits_a_corpus_opening():
    """The same opening from a phrase template with named slots."""
    data = load_source(OPENINGS / "phrasing-659.yaml").data
    assert compose_opening(Meeting.model_validate(data["meeting"])) == corpus_opening(
        "tb-vpcp-659-2025"
    )


@pytest.mark.parametrize(
    ("source", "seed"),
    [("quang-ngai-1730-tb-vp-2020", "000_f4cb9baf85425591"),
     ("bac-giang-tb-ubnd-2020-du-thao", "004_3114f037d4245cc2")],
)  # fmt: skip
def test_composer_fits_seed_openings(source, seed):
    """The seeds' openings, as before: the composer's defaults are the seeds' phrasing."""
    data = load_source(ROOT / "notices" / f"{source}.yaml").data
    lines = seed_lines(SEEDS / f"{seed}.txt")
    paragraphs = compose_opening(Meeting.model_validate(data["meeting"]))
    start = lines.index(paragraphs[0])
    assert lines[start : start + len(paragraphs)] == paragraphs


BASE = {
    "date": dt.date(2020, 12, 18),
    "chair": {"name": "Lê Ánh Dương", "position": "Phó Chủ tịch UBND tỉnh"},
    "title": "cuộc họp về công tác chuyển đổi số",
    "heard": ["báo cáo của Sở Thông tin và Truyền thông"],
}


@pytest.mark.parametrize(
    ("fields", "first", "second"),
    [
        (
            {"time_of_day": "Chiều", "venue": "tại trụ sở UBND tỉnh"},
            "Chiều ngày 18/12/2020, tại trụ sở UBND tỉnh, Phó Chủ tịch UBND tỉnh Lê Ánh Dương "
            "chủ trì cuộc họp về công tác chuyển đổi số.",
            None,
        ),
        (
            {"date_style": "long", "time_of_day": "Sáng"},
            "Sáng ngày 18 tháng 12 năm 2020, Phó Chủ tịch UBND tỉnh Lê Ánh Dương chủ trì cuộc "
            "họp về công tác chuyển đổi số.",
            None,
        ),
        (
            {"chair": {"position": "Phó Chủ tịch UBND tỉnh"}, "refer_as": "Ủy ban nhân dân tỉnh",
             "concludes": "thống nhất kết luận như sau:"},
            "Ngày 18/12/2020, Phó Chủ tịch UBND tỉnh chủ trì cuộc họp về công tác chuyển đổi số.",
            "Sau khi nghe báo cáo của Sở Thông tin và Truyền thông, Ủy ban nhân dân tỉnh thống "
            "nhất kết luận như sau:",
        ),
    ],
    ids=["time-and-venue", "long-date", "unnamed-chair-other-concluder"],
)  # fmt: skip
def test_composer_knobs(fields, first, second):
    """Time of day, venue, the long date, a chair without a name, organiser ≠ concluder."""
    paragraphs = compose_opening(Meeting.model_validate({**BASE, **fields}))
    assert paragraphs[0] == first
    if second is not None:
        assert paragraphs[1] == second


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{chair.__class__}", "unknown slot {chair.__class__}"),
        ("{0}", "unknown slot {0}"),
        ("Ngày {date", "a lone { or }"),
        ("{chairman} chủ trì", "unknown slot {chairman}"),
    ],
)
def test_phrase_template_slots_are_data_not_code(template, problem):
    """A slot is looked up in a fixed table: attribute access or a typo is refused."""
    assert any(problem in p for p in template_problems(template))
    with pytest.raises(ValueError, match="unknown slot|lone"):
        Meeting.model_validate({**BASE, "phrasing": [template]})


def test_phrase_template_braces():
    """`{{` and `}}` print one brace; slot values are inserted as text, never re-read."""
    assert fill("{{a}} {title}", {"title": "{when}"}) == "{a} {when}"


def test_opening_in_the_notice_body():
    """A notice whose meeting has `phrasing` opens with the filled paragraphs."""
    from generator.render.context import build_context

    data = {
        "kind": "TB-UBND",
        "agency": {"name": ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]},
        "place": "Quảng Ngãi",
        "subject": "Kết luận",
        "meeting": {**BASE, "phrasing": ["{when}, {chair} dự {title}.", "{concluder} kết luận:"]},
        "conclusions": [{"heading": "A"}],
        "closing": "Thực hiện.",
        "recipients": ["Các sở"],
        "signer": {"position": "CHỦ TỊCH", "name": "A"},
    }
    body = build_context(Notice.model_validate(data)).body
    assert [p.text for p in body[:2]] == [
        "Ngày 18/12/2020, Phó Chủ tịch UBND tỉnh Lê Ánh Dương dự cuộc họp về công tác chuyển "
        "đổi số.",
        "Phó Chủ tịch UBND tỉnh kết luận:",
    ]
