"""The library's entry points: validate and render notices. Nothing here prints."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, SourceError
from .models import Notice, parse_notice
from .pdf import Converter
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
    unchanged: bool = False  # skipped: same source, template and options as the last build
    findings: list[dict[str, str]] = field(default_factory=list)  # the NĐ 30 checker's

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
    jobs: int | None = None,
    force: bool = False,
    check: str = "sample",
    strict: bool = False,
    watermark: bool = False,
    sign_field: bool = False,
    on_progress: Callable[[str, int, int], None] | None = None,
) -> Report:
    """Render every source under `paths` to `out_dir/<stem>.docx` and/or `.pdf`, and write
    `out_dir/manifest.json`. Unchanged notices are skipped unless `force`; a broken source
    does not stop the others, its result carries the reason. Outputs are checked against
    NĐ 30 (`check`: "sample", "all" or "none"); with `strict` an error finding fails its notice.
    `watermark` marks drafts "DỰ THẢO"; `sign_field` makes each PDF signature-ready (an empty
    field over ô 7c, `<stem>.sigfield.json`, `<stem>.meta.json`)."""
    from .build import BuildOptions, build

    options = BuildOptions(
        tuple(formats), template, jobs, force, converter, check, strict, watermark, sign_field
    )
    return build(list(paths), Path(out_dir), options, on_progress)


@dataclass
class TemplateReport:
    """What `check_template` found: the template's own problems, by paragraph and style,
    and the NĐ 30 findings in a sample notice rendered with it (when it renders)."""

    problems: list = field(default_factory=list)  # template_check.TemplateProblem
    findings: list = field(default_factory=list)  # rules.Finding, in the sample notice

    @property
    def ok(self) -> bool:
        """No error among the problems and the findings."""
        return not any(p.severity == "error" for p in [*self.problems, *self.findings])


def check_template(path: Path, kind: str | None = None) -> TemplateReport:
    """Check a DOCX template for notices of `kind` (TB-VP, TB-UBND or None for either):
    its tags, variables, fixed texts and styles, then NĐ 30 on a sample notice rendered
    with it. Raises TemplateError when `path` is not a DOCX."""
    import tempfile

    from .conformance import check_docx
    from .render import CompiledTemplate
    from .template_check import check_template_file, suited_kind
    from .template_sample import sample_context

    report = TemplateReport(check_template_file(Path(path), kind))
    if report.ok:
        data = CompiledTemplate(Path(path)).render(sample_context(kind or suited_kind(path)))
        with tempfile.TemporaryDirectory(prefix="notice-template-") as tmp:
            sample = Path(tmp) / "mẫu.docx"
            sample.write_bytes(data)
            report.findings = check_docx(sample)
    return report
