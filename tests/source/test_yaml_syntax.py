"""YAML syntax errors a clerk makes, told with what to do — in English and Vietnamese — at
the line to fix (indentation errors with the indentations involved)."""

from __future__ import annotations

import pytest

from generator.cli.messages import localize
from generator.errors import SourceError
from generator.source.loader import load_source

CASES = [
    ("key-indented-deeper", "kind: TB-VP\nagency:\n  parent: X\n   name: Y\n", (4, 4),
     "line 4 is indented 3 spaces, deeper than line 3 (2): a key of the same level starts at "
     "the same column",
     "dòng 4 thụt vào 3 dấu cách, sâu hơn dòng 3 (2): các khóa cùng cấp phải bắt đầu ở cùng "
     "một cột"),
    ("key-indented-between", "agency:\n  parent: X\n name: Y\n", (3, 2),
     "line 3 is indented 1 space, but the keys of its block (from line 1) are indented 0",
     "dòng 3 thụt vào 1 dấu cách, nhưng các khóa của khối này (từ dòng 1) thụt vào 0"),
    ("key-inside-a-list", "recipients:\n  - a\n  b: 1\n", (3, 3),
     "line 3 is not an entry `- ` of the list above it (from line 2): start it with `- `, or "
     "indent it less to make it a key of its own",
     "dòng 3 không phải một mục `- ` của danh sách phía trên (từ dòng 2): hãy bắt đầu bằng "
     "`- `, hoặc thụt vào ít hơn để thành một khóa riêng"),
    ("tab", "agency:\n\tname: Y\n", (2, 1), "a tab character: indent with spaces only",
     "có ký tự tab: chỉ thụt lề bằng dấu cách"),
    ("no-colon", "kind: TB-VP\nplace Quảng Ngãi\nsubject: x\n", (2, 1),
     "this line has no `:` after its key: write `key: value`, or indent a text that goes on "
     "from the line above under its key",
     "dòng này thiếu `:` sau khóa: viết `khóa: giá trị`, hoặc thụt lề phần văn bản viết tiếp "
     "dòng trên vào dưới khóa của nó"),
    ("colon-in-text", "subject: Kết luận: về việc\n", (1, 18),
     'a text holding ": " must be put in quotes, e.g. subject: "Kết luận: …"',
     'văn bản có ": " phải đặt trong dấu ngoặc kép, ví dụ subject: "Kết luận: …"'),
    ("unclosed-quote", 'subject: "Kết luận\nplace: x\n', (1, 10),
     "this quote is never closed: add the closing quote",
     "dấu ngoặc kép mở ở đây không được đóng: hãy thêm dấu đóng"),
    ("text-after-quote", 'subject: "Kết luận" về\n', (1, 21),
     "text after a closing quote: put the whole value inside the quotes",
     "có chữ sau dấu ngoặc kép đóng: hãy đặt cả giá trị trong dấu ngoặc kép"),
    ("unclosed-list", "numbering: [decimal, letter\nplace: x\n", (1, 12),
     "the list [ opened here is not closed with ] on its line, or an entry lacks its comma",
     "danh sách [ mở ở đây không được đóng bằng ] trên cùng dòng, hoặc thiếu dấu phẩy giữa các "
     "mục"),
    ("at-sign", "subject: @UBND\n", (1, 10),
     'a value cannot start with @: put it in quotes, e.g. "@…"',
     'giá trị không được bắt đầu bằng @: hãy đặt trong dấu ngoặc kép, ví dụ "@…"'),
    ("star", "subject: *UBND\n", (1, 10),
     'a value starting with * must be put in quotes, e.g. "*…"',
     'giá trị bắt đầu bằng * phải đặt trong dấu ngoặc kép, ví dụ "*…"'),
]  # fmt: skip


@pytest.mark.parametrize(
    "text, where, english, vietnamese", [pytest.param(*c[1:], id=c[0]) for c in CASES]
)
def test_syntax_error_says_what_to_do(tmp_path, text, where, english, vietnamese):
    """One problem, at the line and column to fix, in both languages."""
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_source(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == where
    assert problem.message == f"YAML syntax error: {english}"
    assert localize(problem.message, "vi") == f"lỗi cú pháp YAML: {vietnamese}"


def test_an_error_not_listed_keeps_the_parser_words(tmp_path):
    """A rarer error is still reported, in libyaml's words, with the Vietnamese prefix."""
    path = tmp_path / "x.yaml"
    path.write_text("a: !!binary 1\nb: &x 1\nc: &x 2\n&y\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_source(path)
    (problem,) = caught.value.problems
    assert problem.message.startswith("YAML syntax error: ")
    assert localize(problem.message, "vi").startswith("lỗi cú pháp YAML: ")


@pytest.mark.parametrize(
    "value, vietnamese",
    [("2020-13-45", "tháng phải từ 1 đến 12"), ("2020-02-30", "tháng này không có ngày đó"),
     ("0000-01-01", "năm 0 nằm ngoài khoảng cho phép")],
)  # fmt: skip
def test_impossible_date_is_told_in_vietnamese(tmp_path, value, vietnamese):
    """`date: 2020-02-30` is reported with Python's reason, and in Vietnamese entirely."""
    path = tmp_path / "x.yaml"
    path.write_text(f"date: {value}\n", encoding="utf-8")
    (problem,) = load_source(path).problems
    assert localize(problem.message, "vi") == f"giá trị không hợp lệ '{value}': {vietnamese}"
