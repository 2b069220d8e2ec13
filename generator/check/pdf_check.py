"""The NĐ 30 checks a PDF allows: A4 portrait pages, margins measured from where the text
really sits, fonts embedded and really Times New Roman, page numbers top-centre from
page 2, and a text layer from which page 1 yields the type, number and trích yếu.

The PDF is read with poppler-utils: `pdftotext -bbox-layout` for word positions,
`pdftohtml -xml` for the font, size and weight of each piece of text, `pdffonts` for
embedding. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import CheckError
from ..profile import doctypes
from ..profile.doctypes import NOTICE
from .poppler import POPPLER_HINT, without_output_intent
from .rules import (
    FONT_NAME,
    MARGIN_NAMES,
    MARGINS_MM,
    METRIC_TWINS,
    PAGE_NUMBER_CENTRE_TOLERANCE_MM,
    PAGE_NUMBER_PT,
    PDF_MARGIN_TOLERANCE_MM,
    PDF_ROW_TOLERANCE_PT,
    PDF_TOP_SLACK_MM,
    Finding,
    Findings,
    is_a4,
    vi_num,
)

XHTML = "{http://www.w3.org/1999/xhtml}"
MM = 72 / 25.4  # points in a millimetre
_PAGE_NUMBER = re.compile(r"[-–\s]*(\d{1,3})[-–\s]*")
_SO = re.compile(r"Số\s*:")
_DATE_START = re.compile(r",\s*ngày\b")
#: A line of 14 pt text, for "within a few lines".
_LINE_PT = 14 * 1.15
_LETTER = re.compile(r"V/v\b", re.IGNORECASE)  # a công văn's trích yếu (R-LOAI)
_NUMBER = re.compile(r"Số\s*:\s*\d*\s*/\s*[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ0-9]+)+")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)

TITLE = NOTICE.title  # R-TL: the tên loại named in messages


@dataclass(frozen=True)
class TextLine:
    """A line of words on a page, with its box in points from the top-left corner."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class TextPiece:
    """A piece of text as pdftohtml reports it: position, font family, size, weight."""

    text: str
    top: float
    left: float
    width: float
    family: str
    size: float
    bold: bool


@dataclass
class Page:
    """One page: its size in points, its lines and its pieces of text."""

    number: int
    width: float
    height: float
    lines: list[TextLine]
    pieces: list[TextPiece]


@dataclass(frozen=True)
class PdfFont:
    """A font as `pdffonts` lists it."""

    name: str
    embedded: bool


def _poppler(path: Path) -> dict[str, bytes]:
    """The outputs of pdftotext, pdftohtml and pdffonts, run side by side."""
    with contextlib.ExitStack() as stack:
        try:
            readable = stack.enter_context(without_output_intent(path))
        except OSError as exc:
            raise CheckError(f"{path}: cannot read it: {exc.strerror}") from exc
        return _run_poppler(path, readable)


def _run_poppler(path: Path, readable: Path) -> dict[str, bytes]:
    commands = {
        "pdftotext": ["-bbox-layout", str(readable), "-"],
        "pdftohtml": ["-xml", "-i", "-q", "-stdout", "-zoom", "1", str(readable)],
        "pdffonts": [str(readable)],
    }
    running: dict[str, subprocess.Popen] = {}
    out: dict[str, bytes] = {}
    try:
        for tool, args in commands.items():
            exe = shutil.which(tool)
            if exe is None:
                raise CheckError(f"{tool} not found: {POPPLER_HINT}")
            running[tool] = subprocess.Popen(
                [exe, *args],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
            )
        for tool, proc in running.items():
            try:
                stdout, stderr = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired as exc:
                raise CheckError(f"{path}: {tool} took over 60 s") from exc
            if proc.returncode != 0:
                detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
                raise CheckError(f"{path}: {tool} cannot read it: {detail[0]}")
            out[tool] = stdout
        return out
    finally:
        for tool, proc in running.items():
            if tool not in out:  # not read yet: stop it, reap it, close its pipes
                proc.kill()
                proc.communicate()


def read_pdf(path: Path) -> tuple[list[Page], list[PdfFont]]:
    """The pages of a PDF with their lines (pdftotext) and pieces of text (pdftohtml), and
    its fonts (pdffonts); raise CheckError if poppler cannot read it."""
    outputs = _poppler(path)
    layout = etree.fromstring(outputs["pdftotext"], _PARSER)
    html = etree.fromstring(outputs["pdftohtml"], _PARSER)
    if layout is None or html is None:
        raise CheckError(f"{path}: poppler found no pages")
    fonts = {
        f.get("id"): (f.get("family", ""), float(f.get("size", "0"))) for f in html.iter("fontspec")
    }
    pieces: dict[int, list[TextPiece]] = {}
    for page in html.iter("page"):
        number = int(page.get("number", "0"))
        pieces[number] = []
        for text in page.iter("text"):
            family, size = fonts.get(text.get("font"), ("", 0.0))
            pieces[number].append(TextPiece(
                "".join(text.itertext()), float(text.get("top", "0")), float(text.get("left", "0")),
                float(text.get("width", "0")), family, size, text.find(".//b") is not None,
            ))  # fmt: skip
    pages = []
    for number, page in enumerate(layout.iter(f"{XHTML}page"), 1):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [w.text or "" for w in line.iter(f"{XHTML}word")]
            box = [float(line.get(k, "0")) for k in ("xMin", "yMin", "xMax", "yMax")]
            lines.append(TextLine(" ".join(words), *box))
        pages.append(Page(number, float(page.get("width", "0")), float(page.get("height", "0")),
                          lines, pieces.get(number, [])))  # fmt: skip
    if not pages:
        raise CheckError(f"{path}: poppler found no pages")
    used = []
    for row in outputs["pdffonts"].decode("utf-8", "replace").splitlines()[2:]:
        parts = row.split()
        if len(parts) >= 7:  # name type… encoding emb sub uni object-id generation
            used.append(PdfFont(parts[0], parts[-5] == "yes"))
    return pages, used


def family_name(font: str) -> str:
    """The family of a PDF font name: `BAAAAA+LiberationSerif-Bold` → `Liberation Serif`,
    `TimesNewRomanPS-BoldMT` → `Times New Roman`."""
    name = re.sub(r"^[A-Z]{6}\+", "", font)
    name = re.split(r"[-,]", name)[0]
    name = re.sub(r"(PS)?MT$|PS$", "", name)
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).strip()


def _compact(name: str) -> str:
    return name.replace(" ", "").lower()


def is_times(family: str) -> bool:
    """Times New Roman itself."""
    return _compact(family) == _compact(FONT_NAME)


def is_twin(family: str) -> bool:
    """A font with the widths of Times New Roman put in its place (Liberation Serif, Tinos…)."""
    return not is_times(family) and any(
        _compact(family).startswith(_compact(t)) for t in METRIC_TWINS
    )


def check_pdf(path: Path, *, accept_twins: bool = False) -> list[Finding]:
    """Every finding in a PDF notice; raise CheckError if poppler cannot read it.

    `accept_twins`: Times New Roman replaced by a metric twin (Liberation Serif, …: the same
    widths, so the same line breaks) is not reported, as on a Linux server without TNR; any
    other font still is.
    """
    pages, fonts = read_pdf(Path(path))
    out = Findings()
    _check_pages(out, pages)
    _check_margins(out, pages)
    _check_fonts(out, pages, fonts, accept_twins)
    _check_page_numbers(out, pages)
    _check_rows(out, pages)
    _check_text_layer(out, pages[0])
    return list(out)


def _check_rows(out: Findings, pages: list[Page]) -> None:
    """R-DATE-FMT: the date line on the row of `Số:`; R-NN-HEAD: `Nơi nhận:` level with the
    first line of ô 7a (the first upper-case line of the right half, within four lines)."""
    first = _content(pages[0])
    number = next((line for line in first if _SO.match(line.text)), None)
    date = next((line for line in first if _DATE_START.search(line.text)), None)
    if number and date and abs(number.y0 - date.y0) > PDF_ROW_TOLERANCE_PT:
        off = vi_num(abs(number.y0 - date.y0) / MM)
        out.add("R-DATE-FMT", "trang 1", "Dòng địa danh, ngày tháng không cùng dòng với số, ký "
                f"hiệu (lệch {off} mm)", text=date.text)  # fmt: skip
    found = next(((page, line) for page in pages for line in page.lines
                  if line.text.startswith("Nơi nhận")), None)  # fmt: skip
    if found is None:
        return
    page, head = found
    signer = [
        line
        for line in _content(page)  # not the page number
        if line.x0 > page.width / 2 and abs(line.y0 - head.y0) < 4 * _LINE_PT
        and line.text == line.text.upper() and any(c.isalpha() for c in line.text)
    ]  # fmt: skip
    top = min(signer, key=lambda line: line.y0, default=None)
    if top is not None and abs(top.y0 - head.y0) > PDF_ROW_TOLERANCE_PT:
        out.add("R-NN-HEAD", f"trang {page.number}", '"Nơi nhận:" không ngang hàng với dòng '
                f"quyền hạn, chức vụ của người ký «{top.text}» (lệch "
                f"{vi_num(abs(top.y0 - head.y0) / MM)} mm)", text=head.text)  # fmt: skip


def _check_pages(out: Findings, pages: list[Page]) -> None:
    """R-PAGE-1 (A4) and R-PAGE-2 (portrait) for every page."""
    for page in pages:
        where, width, height = f"trang {page.number}", page.width / MM, page.height / MM
        if not is_a4(width, height):
            size = f"{vi_num(width)} × {vi_num(height)} mm"
            out.add("R-PAGE-1", where, f"Khổ giấy {size}, không phải A4 (210 × 297 mm)")
        if width > height:
            out.add("R-PAGE-2", where, "Trang nằm ngang; phải trình bày theo chiều dài của khổ A4")


def _is_page_number(page: Page, line: TextLine) -> bool:
    """Digits alone, the topmost line within 30 mm of the top or the bottommost within 30 mm
    of the bottom: a page number, not a footnote mark (which has its note below it)."""
    if _PAGE_NUMBER.fullmatch(line.text) is None:
        return False
    others = [o for o in page.lines if o is not line and o.text.strip()]
    if line.y1 < 30 * MM:
        return all(o.y0 >= line.y0 for o in others)
    return line.y0 > page.height - 30 * MM and all(o.y1 <= line.y1 for o in others)


def _content(page: Page) -> list[TextLine]:
    return [line for line in page.lines if line.text.strip() and not _is_page_number(page, line)]


def _check_margins(out: Findings, pages: list[Page]) -> None:
    """R-MARGIN from the text: left and right from the widest lines, top from the highest
    first line, bottom from full pages only (a page may break early, so only its minimum)."""
    boxes = [(page, lines) for page in pages if (lines := _content(page))]
    if not boxes:
        return
    measured = {
        "left": min(line.x0 for _, lines in boxes for line in lines) / MM,
        "right": min(page.width - max(line.x1 for line in lines) for page, lines in boxes) / MM,
        "top": min(min(line.y0 for line in lines) for _, lines in boxes) / MM,
    }
    full = [(page, lines) for page, lines in boxes if page is not pages[-1]]
    if full:
        bottoms = (page.height - max(line.y1 for line in lines) for page, lines in full)
        measured["bottom"] = min(bottoms) / MM
    for side, value in measured.items():
        low, high = MARGINS_MM[side]
        slack = {"top": PDF_TOP_SLACK_MM, "bottom": float("inf")}.get(side, 0.0)
        if not low - PDF_MARGIN_TOLERANCE_MM <= value <= high + PDF_MARGIN_TOLERANCE_MM + slack:
            out.add("R-MARGIN", "các trang", f"{MARGIN_NAMES[side]} đo từ vị trí chữ là "
                    f"{vi_num(value)} mm, ngoài khoảng {low}–{high} mm")  # fmt: skip


def _check_fonts(
    out: Findings, pages: list[Page], fonts: list[PdfFont], accept_twins: bool
) -> None:
    """R-FONT: every font embedded; the body in Times New Roman (a metric twin: a warning,
    nothing when `accept_twins`)."""
    for font in fonts:
        if not font.embedded:
            out.add("R-FONT", "tệp PDF", f"Phông {family_name(font.name)} không được nhúng vào "
                    "tệp PDF; máy khác sẽ hiển thị bằng phông khác", text=font.name)  # fmt: skip
    counts: dict[str, int] = {}
    for page in pages:
        for piece in page.pieces:
            family = family_name(piece.family)
            counts[family] = counts.get(family, 0) + sum(ch.isalnum() for ch in piece.text)
    counts = {family: n for family, n in counts.items() if n}
    if not counts:
        return
    body = max(counts, key=counts.__getitem__)
    if is_twin(body) and not accept_twins:
        out.add("R-FONT", "tệp PDF", f"Phông {FONT_NAME} đã được thay bằng {body} khi tạo PDF "
                f"(máy tạo PDF không có {FONT_NAME}; cùng độ rộng chữ nhưng không phải "
                f"{FONT_NAME})", text=body, severity="warning")  # fmt: skip
    for family, n in sorted(counts.items()):
        if not is_times(family) and not is_twin(family):
            what = "Nội dung" if family == body else f"{n} ký tự"
            out.add("R-FONT", "tệp PDF", f"{what} dùng phông {family}; phải dùng {FONT_NAME}",
                    text=family)  # fmt: skip


def _check_page_numbers(out: Findings, pages: list[Page]) -> None:
    """R-PGNUM: from page 2, the page's number centred above the text; none on page 1."""
    if len(pages) < 2:
        return
    content = [line for page in pages for line in _content(page)]
    centre = (min(line.x0 for line in content) + max(line.x1 for line in content)) / 2
    for page in pages:
        where = f"trang {page.number}"
        top = min((line.y0 for line in _content(page)), default=page.height)
        numbers = [line for line in page.lines if _is_page_number(page, line)]
        above = [line for line in numbers if line.y0 < top]
        if page.number == 1:
            if numbers:
                out.add("R-PGNUM", where, "Trang 1 hiển thị số trang; không hiển thị số trang "
                        "thứ nhất", text=numbers[0].text)  # fmt: skip
            continue
        if not above:
            detail = "đặt ở chân trang" if numbers else "không có số trang"
            out.add("R-PGNUM", where, f"Trang {page.number} {detail}; số trang phải canh giữa "
                    "trong phần lề trên")  # fmt: skip
            continue
        line = above[0]
        if line.text.strip() != str(page.number):
            out.add("R-PGNUM", where, f"Trang {page.number} ghi số trang {line.text.strip()}; "
                    "số trang được đánh từ số 1", text=line.text)  # fmt: skip
        offset = abs((line.x0 + line.x1) / 2 - centre) / MM
        if offset > PAGE_NUMBER_CENTRE_TOLERANCE_MM:
            out.add("R-PGNUM", where, f"Số trang lệch {vi_num(offset)} mm so với giữa vùng chữ; "
                    "phải canh giữa", text=line.text)  # fmt: skip
        sizes = [p.size for p in page.pieces
                 if p.text.strip() == line.text.strip() and abs(p.top - line.y0) < 4]  # fmt: skip
        if sizes and not PAGE_NUMBER_PT[0] <= sizes[0] <= PAGE_NUMBER_PT[1]:
            out.add("R-PGNUM", where, f"Số trang cỡ chữ {vi_num(sizes[0])}, phải từ 13 đến 14",
                    text=line.text)  # fmt: skip


def _check_text_layer(out: Findings, page: Page) -> None:
    """R-KH-FMT, R-TL, R-TY: page 1's text layer yields `Số: …`, THÔNG BÁO and the trích yếu."""
    if _NUMBER.search("\n".join(line.text for line in page.lines)) is None:
        out.add("R-KH-FMT", "trang 1", "Lớp chữ của trang 1 không cho đọc được số, ký hiệu "
                "\"Số: …/TB-…\" (PDF là ảnh quét hoặc mất phông)")  # fmt: skip
    pieces = sorted(page.pieces, key=lambda p: (p.top, p.left))
    titles = doctypes.titles()
    at = next(
        (i for i, p in enumerate(pieces) if " ".join(p.text.split()).upper() in titles), None
    )
    if at is None and any(_LETTER.match(line.text.strip()) for line in page.lines):
        out.add("R-LOAI", "trang 1", "Văn bản là Công văn (trích yếu \"V/v …\", không có tên "
                "loại), không phải Thông báo: chỉ kiểm tra các quy định chung về thể thức (Phụ lục "
                "I)")  # fmt: skip
        return
    if at is None:
        out.add("R-TL", "trang 1", f'Lớp chữ của trang 1 không cho đọc được tên loại "{TITLE}"')
        return
    subject = []
    for piece in pieces[at + 1 :]:
        if not piece.bold:
            break
        subject.append(piece.text)
    if len(" ".join(subject).split()) < 2:
        out.add("R-TY", "trang 1", "Lớp chữ của trang 1 không cho đọc được trích yếu (chữ in "
                f"đậm) ngay dưới \"{TITLE}\"")  # fmt: skip
