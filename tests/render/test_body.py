"""Body shapes of real notices: each rendered to DOCX with the real template and read back
with python-docx (paragraph text, runs with their emphasis, line breaks)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.profile.doctypes import default_template
from generator.profile.numbering import item_label
from generator.profile.vietnamese import ordinal_word
from generator.render.context import build_context
from generator.render.document import render_docx
from generator.source.markup import Span, parse
from generator.source.models import Notice


def notice_data(conclusions: list[Any], numbering: list[str] | None = None, **fields: Any):
    """A small valid TB-UBND source (as loaded data) around the given conclusions tree."""
    data: dict[str, Any] = {
        "kind": "TB-UBND",
        "agency": {"name": ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"]},
        "place": "Quảng Ngãi",
        "number": 7,
        "date": dt.date(2024, 1, 5),
        "subject": "Kết luận của Chủ tịch UBND tỉnh",
        "opening": ["Mở đầu."],
        "conclusions": conclusions,
        "closing": "Đề nghị các cơ quan thực hiện.",
        "recipients": ["Các sở"],
        "archive": {"units": "VX"},
        "signer": {"authority": "TM. ỦY BAN NHÂN DÂN", "position": "CHỦ TỊCH", "name": "A"},
    }
    if numbering is not None:
        data["numbering"] = numbering
    data.update(fields)
    return data


def rendered(tmp_path: Path, data: dict[str, Any]) -> Any:
    """The notice rendered with its bundled template, opened with python-docx."""
    notice = Notice.model_validate(data)
    out = tmp_path / "x.docx"
    render_docx(build_context(notice), default_template(notice.kind), out)
    return Document(str(out))


def body_texts(document) -> list[str]:
    """The body paragraphs between the trích yếu rule and the closing, as printed."""
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    start = texts.index("Mở đầu.") + 1
    end = next(i for i, t in enumerate(texts) if t.endswith("./."))
    return texts[start:end]


def test_paragraphs_before_after_children_and_between_numbered_siblings(tmp_path):
    """An item's paragraphs, its children, then `after`; an unnumbered sibling does not count."""
    doc = rendered(
        tmp_path,
        notice_data(
            [
                {
                    "heading": "Nhiệm vụ",
                    "paragraphs": ["Trước các điểm."],
                    "children": [{"paragraphs": ["Một."]}, {"paragraphs": ["Hai."]}],
                    "after": ["Sau các điểm.", "Đoạn thứ hai sau các điểm."],
                },
                {"numbered": False, "paragraphs": ["Đoạn không số giữa hai khoản."]},
                {"heading": "Kiến nghị", "paragraphs": ["Nội dung."]},
            ]
        ),
    )
    assert body_texts(doc) == [
        "1. Nhiệm vụ",
        "Trước các điểm.",
        "a) Một.",
        "b) Hai.",
        "Sau các điểm.",
        "Đoạn thứ hai sau các điểm.",
        "Đoạn không số giữa hai khoản.",
        "2. Kiến nghị",
        "Nội dung.",
    ]


@pytest.mark.parametrize(
    ("style", "labels"),
    [
        ("none", ["", "", ""]),
        ("paren", ["(1)", "(2)", "(3)"]),
        ("roman-paren", ["(i)", "(ii)", "(iii)"]),
        ("letter", ["a)", "b)", "c)"]),
        ("dash", ["-", "-", "-"]),
        ("plus", ["+", "+", "+"]),
        ("ordinal", ["Thứ nhất,", "Thứ hai,", "Thứ ba,"]),
        ("roman", ["I.", "II.", "III."]),
    ],
)
def test_numbering_styles_print_their_labels(tmp_path, style, labels):
    """Each level style labels three items (R-ND-PMK, R-ND-DIEM, R-ND-DASH; `(1)`, `(i)`,
    "Thứ nhất," as offices write them; `none` unlabelled)."""
    items = [{"paragraphs": [f"nội dung {n}."]} for n in (1, 2, 3)]
    doc = rendered(tmp_path, notice_data(items, [style]))
    expected = [
        f"{label} nội dung {n}.".strip() for n, label in zip((1, 2, 3), labels, strict=True)
    ]
    assert body_texts(doc) == expected


def test_default_numbering_is_nd30():
    """Without `numbering`: khoản `1.`, điểm `a)`, then `-` and `+` (R-ND-KHOAN, R-ND-DIEM,
    R-ND-DASH)."""
    assert Notice.model_validate(notice_data([{"heading": "A"}])).numbering == [
        "decimal",
        "letter",
        "dash",
        "plus",
    ]


def test_unlabelled_level_and_ordinal_words(tmp_path):
    """`none` above `ordinal`: unlabelled bold titles over "Thứ nhất, …" paragraphs, with an
    unnumbered paragraph inside the count (as TB 627/TB-VPCP writes it)."""
    doc = rendered(
        tmp_path,
        notice_data(
            [
                {
                    "heading": "Một số yêu cầu",
                    "children": [
                        {"paragraphs": ["các bộ, ngành."]},
                        {"paragraphs": ["các địa phương."]},
                        {"numbered": False, "paragraphs": ["Đoạn xen giữa."]},
                        {"paragraphs": ["các nhà thầu."]},
                    ],
                }
            ],
            ["none", "ordinal"],
        ),
    )
    assert body_texts(doc) == [
        "Một số yêu cầu",
        "Thứ nhất, các bộ, ngành.",
        "Thứ hai, các địa phương.",
        "Đoạn xen giữa.",
        "Thứ ba, các nhà thầu.",
    ]
    title = next(p for p in doc.paragraphs if p.text == "Một số yêu cầu")
    assert title.style.name == "TB De muc"  # bold heading style (R-ND-KHOAN)


def test_closing_of_several_paragraphs(tmp_path):
    """Every closing paragraph is its own paragraph; `./.` ends the last (R-ND-END)."""
    doc = rendered(
        tmp_path,
        notice_data(
            [{"heading": "A"}],
            closing=["Phát triển là nhiệm vụ quan trọng.", "Văn phòng thông báo để thực hiện."],
        ),
    )
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    i = texts.index("Phát triển là nhiệm vụ quan trọng.")
    assert texts[i + 1] == "Văn phòng thông báo để thực hiện./."


def _runs(paragraph) -> list[tuple[str, bool, bool]]:
    return [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text]


def test_inline_bold_and_italic_are_real_runs(tmp_path):
    """`markup: true`: `**…**` and `*…*` become runs with w:b / w:i; the rest is plain."""
    doc = rendered(
        tmp_path,
        notice_data(
            [{"paragraphs": ["**Sở Tài chính**: chủ trì, *phối hợp* với các sở."]}],
            markup=True,
        ),
    )
    para = next(p for p in doc.paragraphs if p.text.startswith("1. Sở Tài chính"))
    assert para.text == "1. Sở Tài chính: chủ trì, phối hợp với các sở."
    assert _runs(para) == [
        ("1. ", False, False),
        ("Sở Tài chính", True, False),
        (": chủ trì, ", False, False),
        ("phối hợp", False, True),
        (" với các sở.", False, False),
    ]


@pytest.mark.parametrize(
    "text",
    ["**{{ x }}**", "**<w:t>A & B</w:t>**", "**{% if 1 %}x{% endif %}**"],
    ids=["jinja-var", "raw-xml", "jinja-block"],
)
def test_markup_is_escaped_never_executed(tmp_path, text):
    """Bold text holding Jinja or XML is printed as written, in a bold run."""
    doc = rendered(tmp_path, notice_data([{"paragraphs": [text]}], markup=True))
    para = next(p for p in doc.paragraphs if p.text.startswith("1. "))
    assert _runs(para)[1] == (text.strip("*"), True, False)


def test_markup_off_prints_stars():
    """Without `markup: true` the stars are text, as every source before it printed them."""
    notice = Notice.model_validate(notice_data([{"paragraphs": ["**A** và *B*"]}]))
    assert build_context(notice).body[1].segments == ("1. **A** và *B*",)


def test_markup_footnote_after_emphasised_span():
    """A footnote's span is found in the printed text, the mark right after it."""
    notice = Notice.model_validate(
        notice_data(
            [
                {
                    "paragraphs": [
                        {
                            "text": "Theo **Báo cáo số 88** của Sở.",
                            "footnotes": [{"after": "Báo cáo số 88", "text": "Ngày 15/5/2020."}],
                        }
                    ]
                }
            ],
            markup=True,
        )
    )
    segments = build_context(notice).body[1].segments
    assert [type(s).__name__ for s in segments] == ["str", "Span", "FootnoteRef", "str"]
    assert segments[1] == Span("Báo cáo số 88", bold=True)


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a * b", [Span("a * b")]),
        (r"giá \*5\\", [Span("giá *5\\")]),
        ("***x*** y", [Span("x", True, True), Span(" y")]),
        ("**a *b* c**", [Span("a ", True), Span("b", True, True), Span(" c", True)]),
        ("**chưa đóng", [Span("**chưa đóng")]),
    ],
    ids=["lone-star", "escapes", "bold-italic", "nested", "unclosed"],
)
def test_markup_table(text, spans):
    """The markup: pairs only, escapes, nesting; an unpaired marker is text."""
    assert parse(text) == spans


def _breaks(paragraph) -> int:
    return len(paragraph._p.findall(f".//{qn('w:br')}"))


def test_line_breaks_in_subject_and_parent(tmp_path):
    """`subject: [line, line]` and a parent body on two lines break where written (w:br)."""
    data = notice_data(
        [{"heading": "A"}], subject=["Kết luận của Chủ tịch Ủy ban", "nhân dân tỉnh"]
    )
    data.update(kind="TB-VP", agency={"parent": ["ỦY BAN NHÂN DÂN", "tỉnh quảng ngãi"],
                                      "name": "VĂN PHÒNG"})  # fmt: skip
    doc = rendered(tmp_path, data)
    cells = [p for t in doc.tables for c in t._cells for p in c.paragraphs]
    parent = next(p for p in cells if p.text.startswith("ỦY BAN NHÂN DÂN"))
    assert parent.text == "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI" and _breaks(parent) == 1
    subject = next(p for p in doc.paragraphs if p.text.startswith("Kết luận"))
    assert subject.text == "Kết luận của Chủ tịch Ủy ban\nnhân dân tỉnh" and _breaks(subject) == 1
    assert doc.core_properties.subject == "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh"
    assert _check(tmp_path, data) == []  # the checker reads the broken lines as one block


def test_subject_string_keeps_folding():
    """A subject written as one string is one line, whitespace folded, as before."""
    notice = Notice.model_validate(notice_data([{"heading": "A"}], subject="Kết luận\n  của A"))
    assert notice.subject == "Kết luận của A"


@pytest.mark.parametrize(
    ("style", "index", "parent", "label"),
    [
        ("paren", 9, "", "(10)"),
        ("roman-paren", 3, "", "(iv)"),
        ("ordinal", 3, "", "Thứ tư,"),
        ("ordinal", 20, "", "Thứ hai mươi mốt,"),
        ("none", 4, "2.", ""),
        ("nested", 1, "2.", "2.2."),
    ],
)
def test_item_label_table(style, index, parent, label):
    """Computed labels of the new styles."""
    assert item_label(style, index, parent) == label


@pytest.mark.parametrize(
    ("number", "word"),
    [(1, "nhất"), (4, "tư"), (5, "năm"), (10, "mười"), (14, "mười bốn"), (15, "mười lăm"),
     (21, "hai mươi mốt"), (24, "hai mươi tư"), (30, "ba mươi")],
)  # fmt: skip
def test_ordinal_words(number, word):
    """Vietnamese ordinals after "Thứ"."""
    assert ordinal_word(number) == word


def test_unnumbered_item_needs_some_content():
    """An unnumbered item may hold only children; a numbered one needs a line for its label."""
    Notice.model_validate(
        notice_data([{"numbered": False, "children": [{"paragraphs": ["x"]}]}], ["none", "dash"])
    )
    with pytest.raises(ValueError, match="heading or at least one paragraph"):
        Notice.model_validate(notice_data([{"children": [{"paragraphs": ["x"]}]}]))


@pytest.mark.parametrize(
    ("archive", "line"),
    [
        ({"units": "QHĐP", "copies": "2b", "copies_space": True, "drafter": "Q.Cường",
          "drafter_separator": ""}, "- Lưu: VT, QHĐP (2b)Q.Cường."),
        ({"units": "TCCV", "copies": "02", "copies_space": True, "drafter": "CMP",
          "drafter_separator": ". "}, "- Lưu: VT, TCCV (02). CMP."),
        ({"units": "NN", "copies": "03", "copies_space": True, "drafter": "Hg.",
          "drafter_separator": ". "}, "- Lưu: VT, NN (03). Hg."),
        ({"units": "QHĐP", "copies": "2b", "copies_space": True, "drafter": "TĐT",
          "drafter_separator": " "}, "- Lưu: VT, QHĐP (2b) TĐT."),
        ({"units": "QHĐP", "copies": "2b", "drafter": "VQT", "drafter_separator": ""},
         "- Lưu: VT, QHĐP(2b)VQT."),
        ({"units": "CN", "copies": 2, "copies_space": True, "drafter": "nvv",
          "drafter_separator": ". "}, "- Lưu: VT, CN (2). nvv."),
        ({"units": ["kgvx"], "drafter": "Cường"}, "- Lưu: VT, KGVX.Cường."),
        ({"units": ["P.Kinh tế"], "spelling": "as-written"}, "- Lưu: VT, P.Kinh tế."),
    ],
    ids=["2b-drafter", "02-dot-space", "drafter-dot", "space", "tight", "int-copies", "upper",
         "as-written"],
)  # fmt: skip
def test_archive_line_as_offices_write_it(tmp_path, archive, line):
    """R-NN-LUU, R-NN-12: copies `(2b)`, `(02)`, a space or not, the drafter's separator as the
    office writes them; `Lưu: VT,` and one final full stop computed."""
    doc = rendered(tmp_path, notice_data([{"heading": "A"}], archive=archive))
    footer = [p.text for p in doc.tables[-1].cell(0, 0).paragraphs if p.text.strip()]
    assert footer[-1] == line


@pytest.mark.parametrize("copies", ["2 b", "b2", "2bb", True, 2.5], ids=str)
def test_archive_copies_refused(copies):
    """Copies are a number, or a number and one letter as written (`2b`)."""
    with pytest.raises(ValueError, match="is not a number of copies"):
        Notice.model_validate(notice_data([{"heading": "A"}], archive={"copies": copies}))


def _texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def _check(tmp_path, data) -> list[str]:
    """The NĐ 30 checker's rule IDs for the notice rendered from `data`."""
    from generator.check.docx_check import check_docx

    notice = Notice.model_validate(data)
    out = tmp_path / "checked.docx"
    render_docx(build_context(notice), default_template(notice.kind), out)
    return [f"{f.rule} {f.message}" for f in check_docx(out) if f.severity == "error"]


SO = {
    "addressees": "Công ty cổ phần Đầu tư xây dựng hạ tầng cơ sở",
    "bases": [
        "Căn cứ Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014",
        "Căn cứ kết quả kiểm tra ngày 31/3/2026 của Sở Công Thương,",
    ],
    "recipients": ["Như trên", "Ban Giám đốc Sở"],
}


def test_one_addressee_and_legal_bases(tmp_path):
    """Kính gửi on one line under the trích yếu (ô 9a); căn cứ in italics, `;` after each and
    `.` after the last (R-ND-CC); "Như trên" allowed with a Kính gửi (R-NN-1)."""
    doc = rendered(tmp_path, notice_data([{"heading": "A"}], **SO))
    texts = _texts(doc)
    i = texts.index("Kính gửi: Công ty cổ phần Đầu tư xây dựng hạ tầng cơ sở")
    assert texts[i + 1 : i + 4] == [
        "Căn cứ Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014;",
        "Căn cứ kết quả kiểm tra ngày 31/3/2026 của Sở Công Thương.",
        "Mở đầu.",
    ]
    kinh_gui = next(p for p in doc.paragraphs if p.text.startswith("Kính gửi"))
    assert kinh_gui.alignment == 1  # centred
    basis = next(p for p in doc.paragraphs if p.text.startswith("Căn cứ Luật"))
    assert all(r.italic for r in basis.runs if r.text)
    footer = [p.text for p in doc.tables[-1].cell(0, 0).paragraphs if p.text.strip()]
    assert footer[1] == "- Như trên;"
    assert _check(tmp_path, notice_data([{"heading": "A"}], **SO)) == []


def test_several_addressees_line_up_under_the_colon(tmp_path):
    """Several addressees: `Kính gửi:` then `- A;` on its line after a tab, `- B;`, `- C.`
    on their own lines, indented to the same place (ô 9a)."""
    data = notice_data(
        [{"heading": "A"}], addressees=["Sở Tài chính", "Sở Xây dựng;", "UBND các xã"]
    )
    doc = rendered(tmp_path, data)
    lines = [p for p in doc.paragraphs if p.text.startswith(("Kính gửi", "- "))]
    assert [p.text for p in lines] == [
        "Kính gửi:\t- Sở Tài chính;",
        "- Sở Xây dựng;",
        "- UBND các xã.",
    ]
    first, *rest = lines
    hanging = first.paragraph_format.first_line_indent
    assert hanging < 0
    assert {p.paragraph_format.left_indent for p in lines} == {first.paragraph_format.left_indent}
    assert all(p.paragraph_format.first_line_indent == 0 for p in rest)
    assert _check(tmp_path, data) == []


def test_nhu_tren_without_kinh_gui_is_refused(tmp_path):
    """R-NN-1: "Như trên" names the Kính gửi addressees; a notice without them is refused."""
    from click.testing import CliRunner

    from generator.cli.main import main

    source = tmp_path / "x.yaml"
    import yaml

    data = notice_data([{"heading": "A"}], recipients=["Như trên", "Các sở"])
    data["date"] = "2024-01-05"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "validate", str(source)])
    assert result.exit_code == 1
    assert "recipients[0]: «Như trên» names the addressees" in result.output
    assert "(R-NN-1)" in result.output


def test_appendices_after_the_signature(tmp_path):
    """R-PL: each phụ lục on a new page after the signer: `Phụ lục I`, the title in capitals
    (bold), `(Kèm theo Thông báo số …)` in italics, then its paragraphs."""
    data = notice_data(
        [{"heading": "A"}],
        appendices=[
            {"title": "Danh mục từ viết tắt", "paragraphs": ["KHCN: khoa học và công nghệ."]},
            {"title": "Danh sách nhiệm vụ", "note": "Kèm theo văn bản khác",
             "paragraphs": ["**Bộ Tài chính**: bố trí kinh phí."]},
        ],
        markup=True,
    )  # fmt: skip
    doc = rendered(tmp_path, data)
    body = doc.element.body
    tail = [el for el in body.iterchildren() if el.tag in (qn("w:p"), qn("w:tbl"))]
    table_at = max(i for i, el in enumerate(tail) if el.tag == qn("w:tbl"))
    after = [p for p in doc.paragraphs if p._p in tail[table_at:] and p.text.strip()]
    assert [p.text for p in after] == [
        "Phụ lục I",
        "DANH MỤC TỪ VIẾT TẮT",
        "(Kèm theo Thông báo số 07/TB-UBND ngày 05 tháng 01 năm 2024)",
        "KHCN: khoa học và công nghệ.",
        "Phụ lục II",
        "DANH SÁCH NHIỆM VỤ",
        "(Kèm theo văn bản khác)",
        "Bộ Tài chính: bố trí kinh phí.",
    ]
    assert (
        after[0].paragraph_format.page_break_before and after[4].paragraph_format.page_break_before
    )
    assert all(r.bold for r in after[0].runs if r.text)
    assert all(r.italic for r in after[2].runs if r.text)
    assert _runs(after[7])[0] == ("Bộ Tài chính", True, False)
    assert _check(tmp_path, data) == []


def test_appendix_needs_a_template_with_its_place(tmp_path):
    """A template made before phụ lục existed is refused for a notice with one, not silently
    dropping it."""
    from generator.errors import TemplateError
    from tests.support.readback import template_with

    template = template_with(tmp_path, "{%p for b in appendix %}", "{%p for b in [] %}")
    notice = Notice.model_validate(
        notice_data([{"heading": "A"}], appendices=[{"title": "X", "paragraphs": ["y"]}])
    )
    with pytest.raises(TemplateError, match="no place for appendices"):
        render_docx(build_context(notice), template, tmp_path / "x.docx")


MARKUP_TEXT = st.text(alphabet=st.sampled_from(list("ab đ*\\<>&{}%_")), min_size=1, max_size=40)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=MARKUP_TEXT)
def test_any_markup_renders_as_its_spans(tmp_path, text):
    """Hypothesis: stars, backslashes, `<`, `&`, braces in any order: the DOCX paragraph holds
    exactly the parsed spans, each with its emphasis — never XML, never Jinja, never a crash."""
    if not text.strip() or text.strip().startswith(("-", "+")):
        return
    try:
        notice = Notice.model_validate(notice_data([{"paragraphs": [text]}], markup=True))
    except ValueError:
        return  # refused with a message (e.g. nothing left to print)
    spans = parse(notice.conclusions[0].paragraphs[0].text)
    out = tmp_path / "x.docx"
    render_docx(build_context(notice), default_template(notice.kind), out)
    para = next(p for p in Document(str(out)).paragraphs if p.text.startswith("1. "))
    merged: list[tuple[str, bool, bool]] = []
    for t, b, i in _runs(para):
        if merged and merged[-1][1:] == (b, i):
            merged[-1] = (merged[-1][0] + t, b, i)
        else:
            merged.append((t, b, i))
    first = merged[0][0].removeprefix("1. ")  # the label, merged with plain text after it
    merged[0] = (first, *merged[0][1:])
    assert [m for m in merged if m[0]] == [(s.text, s.bold, s.italic) for s in spans]
