"""`notice template check`: a template is judged the way its designer sees it in Word — each
problem names the paragraph by number, text and style, never a line of XML."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from generator import api
from generator.cli import main
from generator.errors import TemplateError
from generator.render.template_check import check_template_file

from ..support.readback import ROOT, template_with

TEMPLATES = {
    "TB-VP": ROOT / "templates" / "tb-vp.docx",
    "TB-UBND": ROOT / "templates" / "tb-ubnd.docx",
}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_bundled_templates_have_no_problem(kind):
    """Both templates pass, and the sample notice rendered with each breaks no NĐ 30 rule."""
    report = api.check_template(TEMPLATES[kind], kind)
    assert (report.problems, report.findings, report.ok) == ([], [], True)


#: (id, piece of the TB-UBND template, replaced by, severity, the English message's start,
#: the paragraph as the message names it)
BREAKS = [
    ("unknown-variable", "{{ subject }}", "{{ subjet }}", "error",
     "unknown variable subjet; did you mean subject?",
     "paragraph 11 “{{ subjet }}” (style TB Trich yeu)"),
    ("curly-quotes", "'heading'", "‘heading’", "warning",
     "Word's curly quotes in the tag {%p if p.role == ‘heading’ %}: the renderer straightens",
     "paragraph 14 “{%p if p.role == ‘heading’ %}” (style TB Noi dung)"),
    ("low-double-quotes", "'heading'", "„heading“", "error",
     "typographic quotes in the tag {%p if p.role == „heading“ %} break it: retype them as "
     "straight ' or \"", "paragraph 14 “{%p if p.role == „heading“ %}” (style TB Noi dung)"),
    ("runs-without-r", "{{r p.runs }}", "{{ p.runs }}", "error",
     "{{ p.runs }} holds Word runs: write {{r p.runs }}",
     "paragraph 15 “{{ p.runs }}” (style TB De muc)"),
    ("r-on-plain-text", "{{ signer_name }}", "{{r signer_name }}", "error",
     "only p.runs is written with {{r … }}: write {{ signer_name }}",
     "paragraph 32 “{{r signer_name }}” (style TB Ho ten)"),
    ("unclosed-tag", "{{ date_line }}", "{{ date_line }", "error",
     "a tag opened with {{ is not closed with }} in this paragraph",
     "paragraph 9 “{{ date_line }” (style TB Dia danh ngay)"),
    ("bad-expression", "{{ signer_name }}", "{{ signer_name | upper( }}", "error",
     "Jinja cannot read the tag {{ signer_name | upper( }}: unexpected '}', expected ')'",
     "paragraph 32 “{{ signer_name | upper( }}” (style TB Ho ten)"),
    ("misspelt-endfor", "{%p endfor %}", "{%p endfo %}", "error",
     "Jinja cannot read the tag {%p endfo %}: Encountered unknown tag 'endfo'.",
     "paragraph 3 “{%p endfo %}” (style TB Co quan ban hanh)"),
    ("text-beside-p-tag", "{%p endif %}", "{%p endif %} xem", "warning",
     "the text beside {%p endif %} is dropped",
     "paragraph 20 “{%p endif %} xem” (style TB Noi dung)"),
    ("typed-tieu-ngu", "Độc lập - Tự do - Hạnh phúc", "Độc lập – Tự do – Hạnh phúc", "error",
     "“Độc lập - Tự do - Hạnh phúc” is missing: type it as one paragraph, exactly so (R-TN)",
     None),
]  # fmt: skip


@pytest.mark.parametrize(
    "replace, by, severity, message, where", [pytest.param(*b[1:], id=b[0]) for b in BREAKS]
)
def test_broken_template_is_named_by_paragraph(tmp_path, replace, by, severity, message, where):
    """Each defect is reported once, at its paragraph (number, text, style), with the fix."""
    problems = check_template_file(template_with(tmp_path, replace, by), "TB-UBND")
    found = [p for p in problems if p.en.startswith(message)]
    assert len(found) == 1, [p.message("en") for p in problems]
    (problem,) = found
    assert problem.severity == severity
    assert (problem.place.describe("en") if problem.place else None) == where
    assert not re.search(r"\bline \d", problem.message("en")) and problem.vi != problem.en


def test_unclosed_block_names_where_it_opens(tmp_path):
    """A `{%p for %}` whose `{%p endfor %}` was deleted is named at the `for` paragraph."""
    problems = check_template_file(template_with(tmp_path, "{%p endfor %}", ""), "TB-UBND")
    messages = [p.message("en") for p in problems]
    assert messages[0] == (
        "paragraph 1 “{%p for line in agency_lines %}” (style TB Co quan ban hanh): error: "
        "{%p for line in agency_lines %} is never closed: add a paragraph {%p endfor %} where "
        "the block ends"
    )


def test_missing_part_is_named_with_its_rule(tmp_path):
    """A template that no longer prints the trích yếu says so, with R-TY, in both languages."""
    problems = check_template_file(template_with(tmp_path, "{{ subject }}", "Trích yếu"))
    (problem,) = [p for p in problems if "subject" in p.en]
    assert problem.message("en") == (
        "template: error: {{ subject }} is printed nowhere: every notice would lack the trích "
        "yếu (R-TY)"
    )
    assert problem.message("vi") == (
        "mẫu: lỗi: không có {{ subject }}: mọi thông báo sẽ thiếu trích yếu (R-TY)"
    )


def test_parent_line_depends_on_the_kind():
    """The TB-UBND template has no parent body line: right for TB-UBND, an error for TB-VP,
    a warning when the kind is not given."""
    assert check_template_file(TEMPLATES["TB-UBND"], "TB-UBND") == []
    (vp,) = check_template_file(TEMPLATES["TB-UBND"], "TB-VP")
    (either,) = check_template_file(TEMPLATES["TB-UBND"])
    assert (vp.severity, either.severity) == ("error", "warning")
    assert "R-CQ-CQ" in vp.en


def _restyled(tmp_path, **sizes):
    document = Document(str(TEMPLATES["TB-UBND"]))
    for style, size in sizes.items():
        document.styles[style.replace("_", " ")].font.size = Pt(size)
    path = tmp_path / "restyled.docx"
    document.save(str(path))
    return path


def test_rule_without_gap_is_reported(tmp_path):
    """A rule style with no space before touches the letters (R-TN-LINE): a warning at each
    rule paragraph, naming the text above it."""
    document = Document(str(TEMPLATES["TB-UBND"]))
    for name in ("TB Ke ngan", "TB Ke tieu ngu"):
        document.styles[name].paragraph_format.space_before = Pt(0)
    path = tmp_path / "no-gap.docx"
    document.save(str(path))
    problems = check_template_file(path, "TB-UBND")
    assert [p.place.style for p in problems] == ["TB Ke ngan", "TB Ke tieu ngu", "TB Ke ngan"]
    assert problems[2].en.startswith("0 pt before the rule below “{{ subject }}”: it touches")


def test_sizes_outside_the_decree_are_found_in_the_sample(tmp_path):
    """A body style set to 16 pt renders; NĐ 30 on the sample notice reports R-ND-1."""
    report = api.check_template(_restyled(tmp_path, TB_Noi_dung=16, TB_De_muc=16), "TB-UBND")
    assert report.problems == []
    assert {f.rule for f in report.findings} == {"R-ND-1"} and not report.ok


@pytest.mark.ooxml_invalid("not a zip file, on purpose")
def test_not_a_docx_is_a_template_error(tmp_path):
    """A file that is not a DOCX raises TemplateError naming it."""
    path = tmp_path / "x.docx"
    path.write_bytes(b"PK but not a zip")
    with pytest.raises(TemplateError, match="cannot use this file as a DOCX template"):
        check_template_file(path)


def test_command_exit_codes_and_languages(tmp_path):
    """Exit 0 on a good template, 1 on a broken one; Vietnamese by default, English with
    --lang en; the render error of the same template points at the command."""
    runner = CliRunner()
    good = runner.invoke(main, ["template", "check", str(TEMPLATES["TB-VP"])])
    assert good.exit_code == 0 and good.stdout == ""
    broken = template_with(tmp_path, "{{ subject }}", "{{ subjet }}")
    vi = runner.invoke(
        main, ["--lang", "vi", "template", "check", str(broken), "--kind", "TB-UBND"]
    )
    en = runner.invoke(
        main, ["--lang", "en", "template", "check", str(broken), "--kind", "TB-UBND"]
    )
    assert vi.exit_code == en.exit_code == 1
    assert (
        f"{broken}: đoạn 11 «{{{{ subjet }}}}» (kiểu TB Trich yeu): lỗi: biến subjet" in vi.stdout
    )
    assert f"{broken}: paragraph 11 “{{{{ subjet }}}}” (style TB Trich yeu): error:" in en.stdout
    assert (vi.stderr, en.stderr) == ("2 lỗi, 0 cảnh báo\n", "2 error(s), 0 warning(s)\n")
    report = api.render([ROOT / "notices" / "quang-ngai-07-tb-ubnd-2024.yaml"], tmp_path / "out",
                        ("docx",), template=broken, check="none")  # fmt: skip
    assert f"`notice template check {broken}` names the paragraph" in report.failed[0].error


def test_rule_style_without_border_and_missing_footnote_style(tmp_path):
    """A rule style whose border was removed draws nothing (an error at each of its
    paragraphs); a deleted footnote style is a warning (R-ND-FN)."""
    document = Document(str(TEMPLATES["TB-UBND"]))
    ppr = document.styles["TB Ke ngan"].element.pPr
    ppr.remove(ppr.find(qn("w:pBdr")))
    footnote = document.styles["footnote reference"].element
    footnote.getparent().remove(footnote)
    path = tmp_path / "no-border.docx"
    document.save(str(path))
    problems = check_template_file(path, "TB-UBND")
    assert [(p.severity, p.place.style if p.place else None) for p in problems] == [
        ("error", "TB Ke ngan"),
        ("error", "TB Ke ngan"),
        ("warning", None),
    ]
    assert problems[0].en.startswith("a rule paragraph without a top border draws no rule")
    assert "FootnoteReference" in problems[2].en and "R-ND-FN" in problems[2].en
