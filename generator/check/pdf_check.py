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
from .messages import msg
from .poppler import POPPLER_HINT, without_output_intent
from .rules import (
    FONT_NAME,
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
PAGE_1 = msg("at.page", n=1)
PDF_FILE = msg("at.pdf")


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


#: The most pages a PDF may have to be checked: a notice has a few; reading thousands took
#: seconds and more than a gigabyte (issue 16), so poppler reads one page past this at most.
MAX_PAGES = 100


def _poppler(path: Path) -> dict[str, bytes]:
    """The outputs of pdftotext, pdftohtml and pdffonts, run side by side."""
    with contextlib.ExitStack() as stack:
        try:
            readable = stack.enter_context(without_output_intent(path))
        except OSError as exc:
            raise CheckError(f"{path}: cannot read it: {exc.strerror}") from exc
        return _run_poppler(path, readable)


def _run_poppler(path: Path, readable: Path) -> dict[str, bytes]:
    last = ["-l", str(MAX_PAGES + 1)]  # one more than checked: enough to tell it is too long
    commands = {
        "pdftotext": ["-bbox-layout", *last, str(readable), "-"],
        "pdftohtml": ["-xml", "-i", "-q", "-stdout", "-zoom", "1", *last, str(readable)],
        "pdffonts": [*last, str(readable)],
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
    if len(pages) > MAX_PAGES:
        raise CheckError(f"{path}: more than {MAX_PAGES} pages, too long for a notice: not checked")
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
        off = abs(number.y0 - date.y0) / MM
        out.add("R-DATE-FMT", PAGE_1, msg("pdf.row", off=off), text=date.text)
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
        out.add("R-NN-HEAD", msg("at.page", n=page.number),
                msg("pdf.nn_row", line=top.text, off=abs(top.y0 - head.y0) / MM),
                text=head.text)  # fmt: skip


def _check_pages(out: Findings, pages: list[Page]) -> None:
    """R-PAGE-1 (A4) and R-PAGE-2 (portrait) for every page."""
    for page in pages:
        where, width, height = msg("at.page", n=page.number), page.width / MM, page.height / MM
        if not is_a4(width, height):
            out.add("R-PAGE-1", where, msg("page.size", width=width, height=height))
        if width > height:
            out.add("R-PAGE-2", where, msg("page.landscape"))


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
            out.add("R-MARGIN", msg("at.pages"), msg("margin.pdf", side=msg(f"side.{side}"),
                    value=float(value), low=low, high=high))  # fmt: skip


def _check_fonts(
    out: Findings, pages: list[Page], fonts: list[PdfFont], accept_twins: bool
) -> None:
    """R-FONT: every font embedded; the body in Times New Roman (a metric twin: a warning,
    nothing when `accept_twins`)."""
    for font in fonts:
        if not font.embedded:
            out.add("R-FONT", PDF_FILE, msg("font.embed", font=family_name(font.name)),
                    text=font.name)  # fmt: skip
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
        out.add("R-FONT", PDF_FILE, msg("font.twin", font=FONT_NAME, twin=body), text=body,
                severity="warning")  # fmt: skip
    for family, n in sorted(counts.items()):
        if not is_times(family) and not is_twin(family):
            what = msg("font.body") if family == body else msg("font.chars", n=n)
            out.add("R-FONT", PDF_FILE, msg("font.pdf_wrong", what=what, family=family,
                                             font=FONT_NAME), text=family)  # fmt: skip


def _check_page_numbers(out: Findings, pages: list[Page]) -> None:
    """R-PGNUM: from page 2, the page's number centred above the text; none on page 1."""
    if len(pages) < 2:
        return
    content = [line for page in pages for line in _content(page)]
    centre = (min(line.x0 for line in content) + max(line.x1 for line in content)) / 2
    for page in pages:
        where = msg("at.page", n=page.number)
        top = min((line.y0 for line in _content(page)), default=page.height)
        numbers = [line for line in page.lines if _is_page_number(page, line)]
        above = [line for line in numbers if line.y0 < top]
        if page.number == 1:
            if numbers:
                out.add("R-PGNUM", where, msg("pgnum.pdf_page1"), text=numbers[0].text)
            continue
        if not above:
            detail = msg("pgnum.in_footer") if numbers else msg("pgnum.absent")
            out.add("R-PGNUM", where, msg("pgnum.pdf_missing", page=page.number, detail=detail))
            continue
        line = above[0]
        if line.text.strip() != str(page.number):
            out.add("R-PGNUM", where, msg("pgnum.pdf_wrong", page=page.number,
                                          shown=line.text.strip()), text=line.text)  # fmt: skip
        offset = abs((line.x0 + line.x1) / 2 - centre) / MM
        if offset > PAGE_NUMBER_CENTRE_TOLERANCE_MM:
            out.add("R-PGNUM", where, msg("pgnum.pdf_centre", off=offset), text=line.text)
        sizes = [p.size for p in page.pieces
                 if p.text.strip() == line.text.strip() and abs(p.top - line.y0) < 4]  # fmt: skip
        if sizes and not PAGE_NUMBER_PT[0] <= sizes[0] <= PAGE_NUMBER_PT[1]:
            out.add("R-PGNUM", where, msg("pgnum.pdf_size", size=float(sizes[0])), text=line.text)


def _check_text_layer(out: Findings, page: Page) -> None:
    """R-KH-FMT, R-TL, R-TY: page 1's text layer yields `Số: …`, THÔNG BÁO and the trích yếu."""
    if _NUMBER.search("\n".join(line.text for line in page.lines)) is None:
        out.add("R-KH-FMT", PAGE_1, msg("pdf.no_number"))
    pieces = sorted(page.pieces, key=lambda p: (p.top, p.left))
    titles = doctypes.titles()
    at = next(
        (i for i, p in enumerate(pieces) if " ".join(p.text.split()).upper() in titles), None
    )
    if at is None and any(_LETTER.match(line.text.strip()) for line in page.lines):
        out.add("R-LOAI", PAGE_1, msg("kind.letter"))
        return
    if at is None:
        out.add("R-TL", PAGE_1, msg("pdf.no_title", title=TITLE))
        return
    subject = []
    for piece in pieces[at + 1 :]:
        if not piece.bold:
            break
        subject.append(piece.text)
    if len(" ".join(subject).split()) < 2:
        out.add("R-TY", PAGE_1, msg("pdf.no_subject", title=TITLE))
