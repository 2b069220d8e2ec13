"""Breadth proof: seven real TB-VPCP notices (tests/data/corpus) and the two seeds, each
rendered from a source with no workaround, every line of the text in order in the DOCX.

Where the printed notice differs from the scraped text, it is because NĐ 30 fixes that
part and the tool computes it; each such difference is listed here, with its rule:
the trích yếu in sentence case (R-TY; the scrapes have it in capitals) and the Lưu line's
`Lưu:`, `VT` and final full stop (R-NN-LUU). The issuer is written as it is: `kind: TB`,
`agency.level: van-phong-chinh-phu` (a central body without a parent line, ký hiệu TB-VPCP
from its level), through the one template of every level. Through real LibreOffice, at
least 97 % of each notice's lines are in its PDF's text layer and the PDF checker finds no
error.
"""

from __future__ import annotations

import pytest

from generator import api

from ..support.readback import CORPUS, NOTICES, SEEDS, docx_blocks, normalise, seed_lines

CORPUS_NOTICES = sorted(p.stem for p in CORPUS.glob("tb-vpcp-*.txt"))
SEED_SOURCES = {
    "000_f4cb9baf85425591": NOTICES / "quang-ngai-1730-tb-vp-2020.yaml",
    "004_3114f037d4245cc2": NOTICES / "bac-giang-tb-ubnd-2020-du-thao.yaml",
}
#: The Lưu line as scraped → as printed (R-NN-LUU: "Lưu", ":", "VT", "," and "." are fixed).
DECREE_FIXED = {
    "- Lưu: VT, CN (2). nvv": "- Lưu: VT, CN (2). nvv.",
    "- Lưu VT, NN (03). Hg.": "- Lưu: VT, NN (03). Hg.",
    "- Lưu: Văn thư, QHĐP (2b) TĐT": "- Lưu: VT, QHĐP (2b) TĐT.",
    "- Lưu: VT, QHĐP(2b)VQT": "- Lưu: VT, QHĐP(2b)VQT.",
    "- Lưu: VT, QHĐP (3b). Huyền": "- Lưu: VT, QHĐP (3b). Huyền.",
}


def corpus_lines(stem: str) -> list[str]:
    """The notice's lines (after the two lines saying where the copy comes from)."""
    lines = (CORPUS / f"{stem}.txt").read_text("utf-8").splitlines()[2:]
    lines = [DECREE_FIXED.get(line, line).replace("[1]", "¹") for line in lines]
    return [normalise(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The corpus sources and the seeds rendered to DOCX: {stem: docx path}."""
    out = tmp_path_factory.mktemp("corpus")
    sources = [CORPUS / f"{stem}.yaml" for stem in CORPUS_NOTICES] + list(SEED_SOURCES.values())
    report = api.render(sources, out, ("docx",), check="all", strict=True)
    assert report.ok, [(r.source.name, r.problems, r.error) for r in report.failed]
    return {r.source.stem: r.outputs[0] for r in report.results}


def _assert_in_order(docx, lines: list[str], subject_at: int | None) -> None:
    body, notes = docx_blocks(docx)
    stream = normalise(" ".join(body))
    folded = stream.upper()
    cursor = 0
    for i, line in enumerate(lines):
        if line[:1] == "¹" and line not in stream[cursor:]:  # the footnote text itself
            assert line in [normalise(n) for n in notes], line
            continue
        # R-TY: the trích yếu is printed in sentence case where the scrape has capitals
        found = (folded if i == subject_at else stream).find(
            line.upper() if i == subject_at else line, cursor
        )
        assert found >= 0, f"line {i + 3} not found in order: {line[:120]!r}"
        cursor = found + len(line)


@pytest.mark.parametrize("stem", CORPUS_NOTICES)
def test_corpus_notice_line_for_line(rendered, stem):
    """Every line of the real notice is in its DOCX, in order, and the checker finds no
    error in it (render ran with check=all, strict)."""
    lines = corpus_lines(stem)
    _assert_in_order(rendered[stem], lines, lines.index("THÔNG BÁO") + 1)


@pytest.mark.parametrize("seed", sorted(SEED_SOURCES))
def test_seed_line_for_line(rendered, seed):
    """The two seeds, the same way."""
    _assert_in_order(rendered[SEED_SOURCES[seed].stem], seed_lines(SEEDS / f"{seed}.txt"), None)


def test_corpus_sources_need_no_workaround():
    """No verbatim `opening:`, no typed labels, every task structure as data: each corpus
    source composes its opening from `meeting` and numbers every item itself."""
    from generator.source.loader import load_source

    for stem in CORPUS_NOTICES:
        data = load_source(CORPUS / f"{stem}.yaml").data
        assert "opening" not in data and "meeting" in data, stem


def test_corpus_issuer_is_the_vpcp_as_it_is(rendered):
    """The Văn phòng Chính phủ by its level: no parent line, no typed abbreviation, no
    pretended UBND; TB-VPCP computed; the one template; the header printed as in the text."""
    from generator.profile import doctypes
    from generator.source.loader import load_source
    from generator.source.notices import load_notice

    for stem in CORPUS_NOTICES:
        data = load_source(CORPUS / f"{stem}.yaml").data
        assert data["kind"] == "TB" and data["agency"] == {
            "level": "van-phong-chinh-phu", "name": "VĂN PHÒNG CHÍNH PHỦ",
        }, stem  # fmt: skip
        notice = load_notice(CORPUS / f"{stem}.yaml")
        assert doctypes.symbol_of(notice) == "TB-VPCP"
        assert doctypes.template_for(notice, CORPUS / f"{stem}.yaml").name == "thong-bao.docx"
        body, _ = docx_blocks(rendered[stem])
        assert body[0] == "VĂN PHÒNG CHÍNH PHỦ", (stem, body[:3])
        assert any(b.startswith(f"Số: {notice.number}/TB-VPCP") for b in body[:6]), stem


@pytest.mark.parametrize("stem", CORPUS_NOTICES)
def test_corpus_docx_layout_follows_nd30(rendered, stem):
    """The independent layout test of notices/ (page, fonts, each component's size, weight,
    slant and alignment, the rules' lengths, the signature gap) holds for each corpus notice."""
    from ..render.test_document import assert_nd30_layout

    assert_nd30_layout(rendered[stem])


@pytest.fixture(scope="module")
def corpus_pdfs(tmp_path_factory):
    """The seven corpus notices rendered to PDF by real LibreOffice: {stem: pdf path}."""
    out = tmp_path_factory.mktemp("corpus-pdf")
    report = api.render([CORPUS / f"{stem}.yaml" for stem in CORPUS_NOTICES], out, ("pdf",))
    assert report.ok, [(r.source.name, r.problems, r.error) for r in report.failed]
    return {r.source.stem: r.outputs[0] for r in report.results}


@pytest.mark.parametrize("stem", CORPUS_NOTICES)
def test_corpus_pdf_has_the_text_and_no_checker_error(corpus_pdfs, stem):
    """≥ 97 % of the notice's words, in order, in the PDF's text layer (a paragraph cut by a
    page break has the page number or a footnote inside it), and no PDF checker error."""
    import difflib

    from generator.check.checker import check

    from ..support.readback import pdf_text

    pdf = corpus_pdfs[stem]
    assert [f for f in check(pdf) if f.severity == "error"] == []
    printed = normalise(" ".join(pdf_text(pdf))).upper().split()
    words = normalise(" ".join(corpus_lines(stem))).upper().split()
    matcher = difflib.SequenceMatcher(None, words, printed, autojunk=False)
    share = sum(block.size for block in matcher.get_matching_blocks()) / len(words)
    assert share >= 0.97, f"{share:.1%} of {len(words)} words"
