"""Breadth proof: seven real TB-VPCP notices (tests/data/corpus) and the two seeds, each
rendered from a source with no workaround, every line of the text in order in the DOCX.

Where the printed notice differs from the scraped text, it is because NĐ 30 fixes that
part and the tool computes it; each such difference is listed here, with its rule:
the trích yếu in sentence case (R-TY; the scrapes have it in capitals) and the Lưu line's
`Lưu:`, `VT` and final full stop (R-NN-LUU). The issuer (VĂN PHÒNG CHÍNH PHỦ, no parent) is
written with today's fields: kind TB-UBND with abbreviation VPCP (issuers as data are
another issue).
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


def test_corpus_tasks_are_data():
    """TB 648/TB-VPCP's kiến nghị as tasks: units with chủ trì / phối hợp, deadlines."""
    from generator.register.tasks import notice_tasks
    from generator.source.notices import load_notice

    source = CORPUS / "tb-vpcp-648-2025.yaml"
    tasks = notice_tasks(load_notice(source), source)
    assert [t.label for t in tasks] == [f"II. {n}." for n in range(1, 9)]
    assert tasks[0].units == (("Bộ Tài chính", "chủ trì"), ("Bộ Y tế", "phối hợp"))
    assert tasks[0].assignee == "chủ trì: Bộ Tài chính; phối hợp: Bộ Y tế"
    assert [str(t.deadline) for t in tasks if t.deadline] == ["2025-12-15", "2025-12-05"]


def test_new_shapes_survive_the_pdf(tmp_path):
    """Real LibreOffice: a corpus notice (ordinal and (1) levels, footnote, Lưu as written)
    and a notice with several addressees, căn cứ and a phụ lục give PDFs whose text layer has
    every line, and the PDF checker finds no error in them."""
    import yaml

    from generator.check.checker import check

    from ..render.test_body import SO, notice_data
    from ..support.readback import pdf_text

    extra = notice_data(
        [{"heading": "Nhiệm vụ", "paragraphs": ["**Sở Tài chính**: bố trí kinh phí."]}],
        markup=True,
        addressees=["Sở Tài chính", "Sở Xây dựng", "UBND các xã"],
        bases=SO["bases"],
        recipients=SO["recipients"],
        appendices=[
            {"title": "Danh mục từ viết tắt", "paragraphs": ["KHCN: khoa học và công nghệ."]}
        ],
        date="2024-01-05",
    )
    source = tmp_path / "extra.yaml"
    source.write_text(yaml.safe_dump(extra, allow_unicode=True), "utf-8")
    report = api.render([CORPUS / "tb-vpcp-631-2025.yaml", source], tmp_path / "out", ("pdf",))
    assert report.ok, [(r.source.name, r.problems, r.error) for r in report.failed]
    pdfs = {r.source.stem: r.outputs[0] for r in report.results}
    for pdf in pdfs.values():
        assert [f for f in check(pdf) if f.severity == "error"] == []
    stream = normalise(" ".join(pdf_text(pdfs["tb-vpcp-631-2025"])))
    for line in (
        "Thứ tư, cần nhận thức rõ",
        "(3) Về nguồn lực thực hiện",
        "- Lưu: VT, NN (03). Hg.",
    ):
        assert line in stream
    extra_text = normalise(" ".join(pdf_text(pdfs["extra"])))
    for line in (
        "Kính gửi: - Sở Tài chính; - Sở Xây dựng; - UBND các xã.",
        "Căn cứ Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014;",
        "1. Nhiệm vụ Sở Tài chính: bố trí kinh phí.",
        "- Như trên;",
        "Phụ lục DANH MỤC TỪ VIẾT TẮT",
    ):
        assert line in extra_text, line
