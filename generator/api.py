"""The library's entry points: validate and render notices. Nothing here prints."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .context import build_context
from .errors import ConversionError, NoticeError, Problem, SourceError
from .models import Notice, parse_notice
from .pdf import Converter, default_converter, is_pdf
from .render import render_docx
from .sources import iter_source_files, load_source

FORMATS = ("docx", "pdf")
#: The bundled templates: inside the installed package, or beside it in a checkout.
_PACKAGE = Path(__file__).resolve().parent
TEMPLATE_DIRS = (_PACKAGE / "templates", _PACKAGE.parent / "templates")


@dataclass
class NoticeResult:
    """What happened to one source: its outputs, or its problems and error."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and self.error is None


@dataclass
class Report:
    """The results of a batch, in source order."""

    results: list[NoticeResult]

    @property
    def failed(self) -> list[NoticeResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return bool(self.results) and not self.failed


def load_notice(path: Path) -> Notice:
    """Load and validate one YAML source; raise SourceError with every problem."""
    return parse_notice(load_source(path))


def default_template(kind: str) -> Path:
    """The bundled template of a kind: `tb-vp.docx` or `tb-ubnd.docx`."""
    name = f"{kind.lower()}.docx"
    for folder in TEMPLATE_DIRS:
        if (folder / name).is_file():
            return folder / name
    return TEMPLATE_DIRS[-1] / name


def template_for(notice: Notice, source: Path, override: Path | None = None) -> Path:
    """The template to use: the CLI's, else the source's (relative to it), else the bundled one."""
    if override is not None:
        return Path(override)
    if notice.template is not None:
        return (Path(source).parent / notice.template).resolve()
    return default_template(notice.kind)


def validate(paths: Iterable[Path]) -> Report:
    """Load and validate every source under `paths`."""
    results = []
    for path in iter_source_files(list(paths)):
        result = NoticeResult(path)
        try:
            load_notice(path)
        except SourceError as exc:
            result.problems = exc.problems
        results.append(result)
    return Report(results)


def render(
    paths: Iterable[Path],
    out_dir: Path,
    formats: Iterable[str] = FORMATS,
    *,
    template: Path | None = None,
    converter: Converter | None = None,
) -> Report:
    """Render every source under `paths` to `out_dir/<stem>.docx` and/or `.pdf`.

    A broken source does not stop the others; its result carries the reason.
    """
    formats = tuple(formats)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = list(iter_source_files(list(paths)))
    results = [NoticeResult(p) for p in sources]
    seen: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix=".notice-docx-", dir=out_dir) as tmp:
        docx_dir = out_dir if "docx" in formats else Path(tmp)
        rendered: list[tuple[NoticeResult, Path]] = []
        for result in results:
            stem = result.source.stem
            if stem in seen:
                result.error = f"same file name as {seen[stem]}; outputs would overwrite each other"
                continue
            seen[stem] = result.source
            try:
                notice = load_notice(result.source)
                docx = docx_dir / f"{stem}.docx"
                render_docx(
                    build_context(notice), template_for(notice, result.source, template), docx
                )
            except SourceError as exc:
                result.problems = exc.problems
                continue
            except NoticeError as exc:
                result.error = str(exc)
                continue
            if "docx" in formats:
                result.outputs.append(docx)
            rendered.append((result, docx))
        if "pdf" in formats and rendered:
            _convert(rendered, out_dir, converter)
    return Report(results)


def _convert(
    rendered: list[tuple[NoticeResult, Path]], out_dir: Path, converter: Converter | None
) -> None:
    try:
        converter = converter or default_converter()
    except ConversionError as exc:
        for result, _ in rendered:
            result.error = str(exc)
        return
    try:
        converter.convert([docx for _, docx in rendered], out_dir)
    except ConversionError:
        # isolate the file(s) that broke the batch: convert each missing one on its own
        for _, docx in rendered:
            if not is_pdf(out_dir / f"{docx.stem}.pdf"):
                try:
                    converter.convert([docx], out_dir)
                except ConversionError as exc:
                    next(r for r, d in rendered if d == docx).error = str(exc)
    for result, docx in rendered:
        pdf = out_dir / f"{docx.stem}.pdf"
        if result.error is None and is_pdf(pdf):
            result.outputs.append(pdf)
