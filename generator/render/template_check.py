"""`notice template check`: what a DOCX template must hold for the renderer, read from the
template itself and named the way its designer sees it in Word — by paragraph number, text
and style, never by a line of internal XML.

What is checked (docs/templates.md explains each): every Jinja tag can be read (quotes
typed as Word's typographic quotes caught, with the fix); the `{% for %}`/`{% if %}` blocks
are closed; every variable exists; `p.runs` is written with `{{r … }}`; the notice's parts
(issuing body, number, date, trích yếu, body, Nơi nhận, signer) are all printed; the fixed
texts (Quốc hiệu, Tiêu ngữ, THÔNG BÁO) are there; the rule styles draw a rule that stands
clear of its text; the footnote styles exist. Then a sample notice (`template_sample`) is rendered
with it.
Each problem carries its message in English and Vietnamese. Nothing here prints.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from jinja2 import TemplateSyntaxError, meta
from lxml import etree

from ..errors import TemplateError
from ..profile import doctypes
from ..profile import vietnamese as vi
from .document import RULE_RATIOS, CompiledTemplate, make_environment
from .template_sample import sample_context

Severity = Literal["error", "warning"]

#: The parts of a notice a template must print, the variable that holds each, its rule.
REQUIRED = {
    "agency_lines": ("the issuing body", "tên cơ quan ban hành", "R-CQ-BH"),
    "number_line": ("the number and ký hiệu", "số, ký hiệu", "R-KH-FMT"),
    "date_line": ("the place and date", "địa danh, ngày tháng", "R-DATE-FMT"),
    "subject": ("the trích yếu", "trích yếu", "R-TY"),
    "body": ("the body", "nội dung", "R-ND-1"),
    "recipients": ("the Nơi nhận list", "danh sách nơi nhận", "R-NN-LIST"),
    "authority": ("the signer's authority lines", "quyền hạn người ký", "R-KY-FMT"),
    "position": ("the signer's position", "chức vụ người ký", "R-KY-FMT"),
    "signer_name": ("the signer's name", "họ tên người ký", "R-KY-TEN"),
}
#: Fixed texts a template types itself (or prints with the variable named), and their rules
#: (the tên loại, R-TL, is the kind's title from the registry).
FIXED = {"quoc_hieu": (vi.QUOC_HIEU, "R-QH"), "tieu_ngu": (vi.TIEU_NGU, "R-TN")}
FOOTNOTE_STYLES = ("FootnoteText", "FootnoteReference")  # style IDs the footnotes use (R-ND-FN)
#: A rule with less space above it than this touches the descenders (project choice; the
#: bundled templates leave 4 pt).
MIN_RULE_GAP_PT = 2.8
#: Quotes Word's AutoFormat types: the renderer straightens these four…
CURLY = "“”‘’"
#: …but not these, which break the tag.
OTHER_QUOTES = "„‟‚‛«»‹›′″"
AUTOCORRECT = (
    "retype them as straight ' or \" (Word: File › Options › Proofing › AutoCorrect Options "
    '› AutoFormat As You Type › clear "Straight quotes" with “smart quotes”)',
    "hãy gõ lại thành dấu thẳng ' hoặc \" (Word: File › Options › Proofing › AutoCorrect "
    'Options › AutoFormat As You Type › bỏ chọn "Straight quotes" with “smart quotes”)',
)
_TAG = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}|\{#(.*?)#\}", re.S)
_PREFIX = re.compile(r"(tr|tc|p|r)(?=\s)")
_OPENERS = {"for": "endfor", "if": "endif", "with": "endwith", "macro": "endmacro"}
_PARTS_VI = {"body": "thân văn bản", "header": "đầu trang", "footer": "chân trang"}


@dataclass(frozen=True)
class Place:
    """A paragraph of the template: its part, number in reading order, style and text."""

    part: str  # "body", "header" or "footer"
    number: int
    style: str
    text: str

    def describe(self, lang: str) -> str:
        """`paragraph 12 “{{ subjet }}” (style TB Trich yeu)`, or its Vietnamese form."""
        text = " ".join(self.text.split())
        text = text if len(text) <= 60 else text[:59] + "…"
        if lang == "vi":
            part = "" if self.part == "body" else f"{_PARTS_VI[self.part]}, "
            shown = f"«{text}»" if text else "(trống)"
            return f"{part}đoạn {self.number} {shown} (kiểu {self.style})"
        part = "" if self.part == "body" else f"{self.part}, "
        shown = f"“{text}”" if text else "(empty)"
        return f"{part}paragraph {self.number} {shown} (style {self.style})"


@dataclass(frozen=True)
class TemplateProblem:
    """One thing missing or broken in a template, where it is, and why, in both languages."""

    severity: Severity
    place: Place | None
    en: str
    vi: str

    def message(self, lang: str = "vi") -> str:
        """`where: severity: message` in `lang` ("vi" or "en")."""
        where = self.place.describe(lang) if self.place else ("mẫu" if lang == "vi" else "template")
        severity = (
            {"error": "lỗi", "warning": "cảnh báo"}[self.severity]
            if lang == "vi"
            else self.severity
        )
        return f"{where}: {severity}: {self.vi if lang == 'vi' else self.en}"


@dataclass(frozen=True)
class _Para:
    place: Place
    element: object
    border_top: bool
    space_before_pt: float


@dataclass(frozen=True)
class _Tag:
    para: _Para
    kind: str  # "{{", "{%" or "{#"
    prefix: str  # docxtpl's p, r, tr, tc or ""
    inner: str  # the tag without braces and prefix, quotes straightened
    raw: str


class _Collector(list):
    def add(self, severity: Severity, place: Place | None, en: str, vi_text: str) -> None:
        self.append(TemplateProblem(severity, place, en, vi_text))


def check_template_file(path: Path, kind: str | None = None) -> list[TemplateProblem]:
    """Every problem of the DOCX template at `path`, for notices of `kind` (TB-VP, TB-UBND,
    or None for either); raise TemplateError when it is not a DOCX at all."""
    try:
        document = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError,
            etree.XMLSyntaxError) as exc:  # fmt: skip
        raise TemplateError(f"{path}: cannot use this file as a DOCX template: {exc}") from exc
    out = _Collector()
    parts = list(_parts(document))
    tags = {name: [t for p in paras for t in _tags(out, p)] for name, paras in parts}
    for part_tags in tags.values():
        _check_blocks(out, part_tags)
    every = [t for part_tags in tags.values() for t in part_tags]
    if not any(p.severity == "error" for p in out):
        _check_names(out, every)
    _check_contents(out, every, [p for _, paras in parts for p in paras], kind)
    _check_styles(out, document, [p for name, paras in parts if name == "body" for p in paras])
    if not any(p.severity == "error" for p in out):
        _try_render(out, path, kind or _kind_of(every))
    return out


# -- reading the template -------------------------------------------------------------------


def _parts(document) -> Iterator[tuple[str, list[_Para]]]:
    """The body, then each header and footer part, as lists of paragraphs in reading order."""
    styles = {s.style_id: s for s in document.styles}
    default = next((s for s in document.styles if s.type == 1 and s.element.default), None)
    yield "body", _paras(document.element.body, "body", styles, default)
    for rel in document.part.rels.values():
        for kind in ("header", "footer"):
            if rel.reltype.endswith(f"/{kind}"):
                yield kind, _paras(rel.target_part.element, kind, styles, default)


def _paras(root, part: str, styles: dict, default) -> list[_Para]:
    out = []
    for number, p in enumerate(root.iter(qn("w:p")), start=1):
        style_el = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style = styles.get(style_el.get(qn("w:val"))) if style_el is not None else default
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        layers = [p.find(qn("w:pPr"))] + [s.element.pPr for s in _chain(style)]
        layers = [ppr for ppr in layers if ppr is not None]
        border = any(ppr.find(f"{qn('w:pBdr')}/{qn('w:top')}") is not None for ppr in layers)
        before = next((s.get(qn("w:before")) for ppr in layers
                       if (s := ppr.find(qn("w:spacing"))) is not None
                       and s.get(qn("w:before")) is not None), "0")  # fmt: skip
        name = style.name if style is not None else "Normal"
        out.append(_Para(Place(part, number, name, text), p, border, int(before) / 20))
    return out


def _chain(style) -> Iterator:
    seen = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _tags(out: _Collector, para: _Para) -> list[_Tag]:
    """The Jinja tags of a paragraph; unclosed braces and typographic quotes reported."""
    text = para.place.text
    found = []
    for m in _TAG.finditer(text):
        kind = m.group(0)[:2]
        body = next(g for g in m.groups() if g is not None)
        prefix = _PREFIX.match(body)
        inner = body[prefix.end() :] if prefix else body
        if any(q in inner for q in OTHER_QUOTES):
            out.add("error", para.place, f"typographic quotes in the tag {m.group(0)} break it: "
                    f"{AUTOCORRECT[0]}", f"dấu ngoặc kiểu in ấn trong thẻ {m.group(0)} làm "
                    f"hỏng thẻ: {AUTOCORRECT[1]}")  # fmt: skip
        elif any(q in inner for q in CURLY):
            out.add("warning", para.place, f"Word's curly quotes in the tag {m.group(0)}: the "
                    f"renderer straightens them, but other tools do not; {AUTOCORRECT[0]}",
                    f"dấu ngoặc cong của Word trong thẻ {m.group(0)}: chương trình tự nắn "
                    f"thẳng, nhưng công cụ khác thì không; {AUTOCORRECT[1]}")  # fmt: skip
        for curly, straight in zip(CURLY, "\"\"''", strict=True):
            inner = inner.replace(curly, straight)
        found.append(_Tag(para, kind, prefix.group(1) if prefix else "", inner.strip(" -"),
                          m.group(0)))  # fmt: skip
        if prefix and prefix.group(1) == "p" and kind == "{%" and text.strip() != m.group(0):
            out.add("warning", para.place, f"the text beside {m.group(0)} is dropped: a "
                    "{%p … %} tag replaces its whole paragraph; give the tag a paragraph of "
                    "its own", f"phần chữ cạnh thẻ {m.group(0)} sẽ mất: thẻ {{%p … %}} thay "
                    "cả đoạn chứa nó; hãy để thẻ thành một đoạn riêng")  # fmt: skip
    rest = _TAG.sub("", text)
    for opening, closing in (("{{", "}}"), ("{%", "%}")):
        if opening in rest or closing in rest:
            out.add("error", para.place, f"a tag opened with {opening} is not closed with "
                    f"{closing} in this paragraph (a tag cannot span paragraphs)",
                    f"thẻ mở bằng {opening} không được đóng bằng {closing} trong đoạn này "
                    "(một thẻ không được trải qua nhiều đoạn)")  # fmt: skip
    return found


# -- the checks -----------------------------------------------------------------------------


def _check_blocks(out: _Collector, tags: list[_Tag]) -> None:
    """Each tag readable on its own; every block opened is closed, in order."""
    env = make_environment()
    stack: list[tuple[str, _Tag]] = []
    for tag in tags:
        if tag.kind == "{#":
            continue
        word = tag.inner.split(maxsplit=1)[0] if tag.inner.split() else ""
        if tag.kind == "{{":
            snippet = "{{ " + tag.inner + " }}"
        elif word in _OPENERS:
            snippet = "{% " + tag.inner + " %}{% " + _OPENERS[word] + " %}"
        elif word == "elif":
            snippet = "{% if 1 %}{% " + tag.inner + " %}{% endif %}"
        elif word in ("else", *_OPENERS.values()):
            snippet = ""
        else:
            snippet = "{% " + tag.inner + " %}"
        try:
            if not any(q in tag.inner for q in OTHER_QUOTES):  # said already, with the fix
                env.parse(snippet)
        except TemplateSyntaxError as exc:
            out.add("error", tag.para.place, f"Jinja cannot read the tag {tag.raw}: {exc.message}",
                    f"không đọc được thẻ {tag.raw}: {exc.message}")  # fmt: skip
            if word not in _OPENERS:
                continue
        if word in _OPENERS:
            stack.append((_OPENERS[word], tag))
        elif word in ("elif", "else"):
            if not stack or stack[-1][0] not in ("endif", "endfor"):
                out.add("error", tag.para.place, f"{tag.raw} stands outside any {{% if %}}",
                        f"{tag.raw} không nằm trong khối {{% if %}} nào")  # fmt: skip
        elif word in _OPENERS.values():
            if stack and stack[-1][0] == word:
                stack.pop()
            else:
                inner = stack[-1][1] if stack else None
                open_ = (
                    f" while {inner.raw} of {inner.para.place.describe('en')} is still open"
                    if inner
                    else ""
                )
                open_vi = (f" trong khi {inner.raw} ở {inner.para.place.describe('vi')} chưa "
                           "đóng") if inner else ""  # fmt: skip
                out.add("error", tag.para.place, f"{tag.raw} closes nothing{open_}",
                        f"{tag.raw} không đóng khối nào{open_vi}")  # fmt: skip
    for closing, tag in stack:
        out.add("error", tag.para.place, f"{tag.raw} is never closed: add a paragraph "
                f"{{%p {closing} %}} where the block ends", f"{tag.raw} không được đóng: thêm "
                f"một đoạn {{%p {closing} %}} ở chỗ khối kết thúc")  # fmt: skip


def _known_variables() -> set[str]:
    return set(sample_context("TB-VP").as_template_vars())


def _check_names(out: _Collector, tags: list[_Tag]) -> None:
    """Every variable the tags read exists; `p.runs` goes through `{{r … }}`."""
    known = _known_variables()
    source = "\n".join(
        ("{{ " + t.inner + " }}") if t.kind == "{{" else ("{% " + t.inner + " %}")
        for t in tags if t.kind != "{#"
    )  # fmt: skip
    try:
        names = meta.find_undeclared_variables(make_environment().parse(source))
    except TemplateSyntaxError:  # only across parts (each part is a template of its own)
        names = set()
    for name in sorted(names - known):
        guess = difflib.get_close_matches(name, sorted(known), n=1)
        hint_en = f"; did you mean {guess[0]}?" if guess else ""
        hint_vi = f"; có phải là {guess[0]}?" if guess else ""
        for tag in [t for t in tags if re.search(rf"\b{re.escape(name)}\b", t.inner)][:1]:
            out.add("error", tag.para.place, f"unknown variable {name}{hint_en} (variables: "
                    f"{', '.join(sorted(known))})", f"biến {name} không có{hint_vi} (các biến: "
                    f"{', '.join(sorted(known))})")  # fmt: skip
    for tag in tags:
        runs = tag.inner.endswith(".runs")
        if tag.kind == "{{" and runs and tag.prefix != "r":
            out.add("error", tag.para.place, f"{tag.raw} holds Word runs: write {{{{r "
                    f"{tag.inner} }}}}", f"{tag.raw} chứa các đoạn chữ của Word: viết "
                    f"{{{{r {tag.inner} }}}}")  # fmt: skip
        elif tag.kind == "{{" and tag.prefix == "r" and not runs:
            out.add("error", tag.para.place, f"only p.runs is written with {{{{r … }}}}: write "
                    f"{{{{ {tag.inner} }}}}", f"chỉ p.runs mới viết bằng {{{{r … }}}}: viết "
                    f"{{{{ {tag.inner} }}}}")  # fmt: skip


def _check_contents(
    out: _Collector, tags: list[_Tag], paras: list[_Para], kind: str | None
) -> None:
    """The parts of a notice are all printed, and the fixed texts are there."""

    def uses(name: str) -> bool:
        return any(re.search(rf"\b{name}\b", t.inner) for t in tags if t.kind != "{#")

    for name, (en, vi_text, rule) in REQUIRED.items():
        if not uses(name):
            out.add("error", None, f"{{{{ {name} }}}} is printed nowhere: every notice would "
                    f"lack {en} ({rule})", f"không có {{{{ {name} }}}}: mọi thông báo sẽ thiếu "
                    f"{vi_text} ({rule})")  # fmt: skip
    if uses("body") and not uses("p.runs"):
        out.add("error", None, "the body loop never prints {{r p.runs }}: the paragraphs of "
                "the body would be empty (R-ND-1)", "vòng lặp nội dung không có {{r p.runs }}: "
                "các đoạn nội dung sẽ trống (R-ND-1)")  # fmt: skip
    parent = doctypes.needs_parent(kind)
    if not uses("parent") and parent is not False:
        out.add("error" if parent else "warning", None, "no {{ parent }}: a TB-VP "
                "rendered with this template lacks its parent body line (R-CQ-CQ); fine for "
                "TB-UBND only", "không có {{ parent }}: TB-VP dùng mẫu này sẽ thiếu dòng cơ quan "
                "chủ quản (R-CQ-CQ); chỉ hợp với TB-UBND")  # fmt: skip
    texts = {" ".join(unicodedata.normalize("NFC", p.place.text).split()) for p in paras}
    title = doctypes.kind_of(kind).doc_type.title if kind else None
    if not uses("doc_type") and not (texts & ({title} if title else doctypes.titles())):
        shown = title or " / ".join(sorted(doctypes.titles()))
        out.add("error", None, f"“{shown}” is missing: type it as one paragraph, exactly so "
                "(R-TL)", f"thiếu «{shown}»: gõ thành một đoạn, đúng như vậy (R-TL)")  # fmt: skip
    for name, (text, rule) in FIXED.items():
        if text not in texts and not uses(name):
            out.add("error", None, f"“{text}” is missing: type it as one paragraph, exactly so "
                    f"({rule})", f"thiếu «{text}»: gõ thành một đoạn, đúng như vậy "
                    f"({rule})")  # fmt: skip


def _check_styles(out: _Collector, document, body: list[_Para]) -> None:
    """The rule styles draw a rule that stands clear of its text; the footnote styles exist."""
    names = {s.name for s in document.styles}
    ids = {s.style_id for s in document.styles}
    for style in RULE_RATIOS:
        if style not in names:
            out.add("warning", None, f"no paragraph style “{style}”: the rules drawn otherwise "
                    "are not sized to their text (R-TN-LINE, R-CQ-LINE, R-TY-LINE)",
                    f"không có kiểu đoạn «{style}»: đường kẻ vẽ cách khác sẽ không được chỉnh "
                    "theo dòng chữ (R-TN-LINE, R-CQ-LINE, R-TY-LINE)")  # fmt: skip
    for i, para in enumerate(body):
        if para.place.style not in RULE_RATIOS:
            continue
        if not para.border_top:
            out.add("error", para.place, "a rule paragraph without a top border draws no rule "
                    "(Borders › Top border)", "đoạn kẻ không có viền trên nên không vẽ đường "
                    "kẻ (Borders › Top border)")  # fmt: skip
        above = next((p for p in reversed(body[:i]) if not p.place.text.startswith("{%")), None)
        if above is None or not above.place.text.strip():
            out.add(
                "warning",
                para.place,
                "the rule stands below no text, so it is sized to nothing",
                "đường kẻ không nằm dưới dòng chữ nào nên không có độ dài",
            )
        elif para.border_top and para.space_before_pt < MIN_RULE_GAP_PT:
            above_text = " ".join(above.place.text.split())
            out.add("warning", para.place, f"{para.space_before_pt:g} pt before the rule below "
                    f"“{above_text}”: it touches the letters like an underline; give the style "
                    "4 pt of space before", f"khoảng cách trước đường kẻ dưới «{above_text}» "
                    f"là {para.space_before_pt:g} pt: đường kẻ chạm chân chữ như gạch chân; đặt "
                    "khoảng cách trước 4 pt")  # fmt: skip
    for style_id in FOOTNOTE_STYLES:
        if style_id not in ids:
            out.add("warning", None, f"no style with the ID {style_id}: footnotes fall back to "
                    "the Normal style (R-ND-FN)", f"không có kiểu mang mã {style_id}: chú thích "
                    "sẽ dùng kiểu Normal (R-ND-FN)")  # fmt: skip


def _kind_of(tags: list[_Tag]) -> str:
    parent = any(re.search(r"\bparent\b", t.inner) for t in tags)
    return next(k for k in doctypes.SOURCE_KINDS if doctypes.needs_parent(k) is parent)


def suited_kind(path: Path) -> str:
    """The kind a readable template suits: TB-VP when it prints the parent body line."""
    document = Document(str(path))
    found = _Collector()
    return _kind_of([t for _, paras in _parts(document) for p in paras for t in _tags(found, p)])


def _try_render(out: _Collector, path: Path, kind: str) -> None:
    """A sample notice rendered with the template, to catch what only rendering shows."""
    try:
        CompiledTemplate(path).render(sample_context(kind))
    except TemplateError as exc:
        out.add("error", None, f"a sample notice does not render: {exc}",
                f"không kết xuất được thông báo mẫu: {exc}")  # fmt: skip
