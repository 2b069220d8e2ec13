"""A batch build, as a sequence of stages: plan (what is up to date) → DOCX in worker
processes → PDF through one converter → NĐ 30 check → signature field → `OUT/manifest.json`.
Unchanged notices are skipped; a broken one does not stop the rest."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..convert.backends import default_converter
from ..convert.base import Converter
from ..errors import ConversionError, NoticeError, OutputError, SourceError
from ..files import sha256_file
from ..source.loader import iter_source_files
from ..source.models import Notice
from ..source.notices import load_notice
from ..source.review import load_reviewed
from . import manifest
from .results import NoticeResult, Report
from .workers import DocxOutcome, DocxTask, check_all, render_all

FORMATS = ("docx", "pdf")
#: on_progress(stage, done, total): stage is "docx", "pdf" or "check".
OnProgress = Callable[[str, int, int], None]


@dataclass
class BuildOptions:
    """How to build: which formats, which template, how many workers, whether to rebuild all."""

    formats: tuple[str, ...] = FORMATS
    template: Path | None = None
    jobs: int | None = None
    force: bool = False
    converter: Converter | None = None
    #: NĐ 30 checker: "all" outputs, a "sample" (the first notice of each template: layout is
    #: the template's, and the text rules hold by construction), or "none".
    check: str = "sample"
    strict: bool = False  # an error finding fails the notice
    watermark: bool = False  # the diagonal "DỰ THẢO" mark on drafts (render/watermark.py)
    sign_field: bool = False  # an empty signature field over ô 7c, and the sidecars (sign/)

    def key_options(self) -> dict[str, Any]:
        """The options that change what is written (and so invalidate earlier outputs), and
        the versions of what shapes the outputs: an upgrade of this package, docxtpl,
        python-docx or the PDF engine rebuilds instead of leaving stale files "unchanged"."""
        pdf = "pdf" in self.formats and self.converter is not None
        return {
            "versions": manifest.tool_versions(self.converter.version() if pdf else None),
            "formats": sorted(self.formats),
            "template": str(self.template) if self.template else None,
            "converter": getattr(self.converter, "name", None) if "pdf" in self.formats else None,
            "check": self.check,
            **({"watermark": True} if self.watermark else {}),
            **({"sign_field": True} if self.sign_field else {}),
        }


@dataclass
class _Job:
    result: NoticeResult
    source_sha: str
    docx: Path
    entry: manifest.Entry | None = None  # up to date: the previous build's entry, kept
    template: Path | None = None
    checked: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    docx_sha: str | None = None  # hashed by the worker that wrote it
    notice: Notice | None = None  # kept from the DOCX stage for the sign-field stage


@dataclass
class _Run:
    """One build's settings, shared by its stages."""

    out_dir: Path
    options: BuildOptions
    progress: OnProgress
    workers: int
    key_options: dict[str, Any]
    converter_error: ConversionError | None  # no converter: said for each notice
    template_shas: dict[str | None, str | None] = field(default_factory=dict)

    def template_sha(self, path: str | None) -> str | None:
        """The SHA-256 of a template named relative to OUT, hashed once per build."""
        if path not in self.template_shas:
            try:
                self.template_shas[path] = sha256_file(self.out_dir / path) if path else None
            except OSError:
                self.template_shas[path] = None
        return self.template_shas[path]


def build(
    paths: list[Path], out_dir: Path, options: BuildOptions, on_progress: OnProgress | None = None
) -> Report:
    """Render every source under `paths` into `out_dir` and write the manifest.

    Raises OutputError when `out_dir` cannot be written at all.
    """
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".notice-probe-", dir=out_dir):
            pass
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write here: {exc.strerror}") from exc
    missing = None
    if "pdf" in options.formats and options.converter is None:
        # resolved once, here: the converter named in the manifest's keys is the one really
        # used, so a build from the library and one from the command line agree
        try:
            options = replace(options, converter=default_converter(workers=options.jobs))
        except ConversionError as exc:
            missing = exc
    run = _Run(
        out_dir,
        options,
        on_progress or (lambda stage, done, total: None),
        options.jobs or os.cpu_count() or 1,
        options.key_options(),
        missing,
    )
    try:
        return _build(paths, run)
    except OSError as exc:  # e.g. the disk filled up while the manifest was written
        raise OutputError(f"{out_dir}: {exc.strerror}: {exc.filename or ''}".rstrip(": ")) from exc


def _build(paths: list[Path], run: _Run) -> Report:
    formats = run.options.formats
    with tempfile.TemporaryDirectory(prefix=".notice-docx-", dir=run.out_dir) as tmp:
        docx_dir = run.out_dir if "docx" in formats else Path(tmp)
        jobs = _plan(paths, docx_dir, run)
        interrupted = False
        try:
            todo = [j for j in jobs if j.entry is None and j.result.error is None]
            _docx_stage(todo, run)
            rendered = [j for j in todo if j.template is not None]
            if "pdf" in formats and rendered:
                _pdf_stage(rendered, run)
            checked = _to_check([j for j in rendered if j.result.outputs], run.options.check)
            if checked:
                _check_stage(checked, run)
            if run.options.sign_field and "pdf" in formats:
                _sign_field_stage(rendered)
        except KeyboardInterrupt:
            interrupted = True
            raise
        finally:
            entries = [_entry(j, run, interrupted) for j in jobs if j.source_sha]
            manifest.save(run.out_dir, entries, run.key_options)
    return Report([j.result for j in jobs])


def _plan(paths: list[Path], docx_dir: Path, run: _Run) -> list[_Job]:
    """A job per source, in order; an up-to-date one carries its previous manifest entry,
    one that cannot be built carries its error."""
    previous = manifest.load(run.out_dir)
    jobs: list[_Job] = []
    seen: dict[str, Path] = {}
    for source in iter_source_files(list(paths)):
        result = NoticeResult(source)
        job = _Job(result, "", docx_dir / f"{source.stem}.docx")
        jobs.append(job)
        if source.stem in seen:
            result.error = (
                f"same file name as {seen[source.stem]}; outputs would overwrite each other"
            )
            continue
        seen[source.stem] = source
        try:
            job.source_sha = sha256_file(source)
        except OSError as exc:
            result.error = f"cannot read file: {exc.strerror}"
            continue
        old = previous.get(manifest.relative(source, run.out_dir))
        if old is not None and not run.options.force:
            template_sha = run.template_sha(old.template)
            key = manifest.build_key(job.source_sha, template_sha, run.key_options)
            if manifest.is_current(old, key, run.out_dir):
                job.entry = old
                old.status = "unchanged"
                result.unchanged = True
                result.outputs = [run.out_dir / o.path for o in old.outputs]
                result.findings = list(old.findings)
    return jobs


def _docx_stage(todo: list[_Job], run: _Run) -> None:
    """Every DOCX, rendered in worker processes; each job takes its worker's outcome."""
    options = run.options
    keep = options.sign_field and "pdf" in options.formats
    tasks = [DocxTask(j.result.source, j.docx, options.template, options.watermark, keep)
             for j in todo]  # fmt: skip
    run.progress("docx", 0, len(todo))
    outcomes = render_all(tasks, run.workers)
    for done, (job, outcome) in enumerate(zip(todo, outcomes, strict=True), start=1):
        _take(job, outcome, "docx" in options.formats)
        run.progress("docx", done, len(todo))


def _take(job: _Job, outcome: DocxOutcome, keep_docx: bool) -> None:
    job.seconds["docx"] = round(outcome.seconds, 4)
    if outcome.template is None:  # not rendered: the source's problems, or an error
        job.result.problems, job.result.error = outcome.problems, outcome.error
    else:
        job.template, job.docx_sha, job.notice = outcome.template, outcome.docx_sha, outcome.notice
        job.result.warnings = outcome.warnings
        if keep_docx:
            job.result.outputs.append(job.docx)


def _pdf_stage(rendered: list[_Job], run: _Run) -> None:
    """Every PDF through the build's one converter; each recorded as soon as it is final."""
    converter = run.options.converter
    if converter is None:
        for job in rendered:
            job.result.error = str(run.converter_error or ConversionError("no PDF converter"))
        return
    started = time.perf_counter()
    recorded: set[int] = set()
    run.progress("pdf", 0, len(rendered))

    def record(index: int, outcome: Any) -> None:
        """Note a PDF (or why there is none) once, as soon as it is known: a batch stopped
        by Ctrl-C keeps in the manifest every PDF that was finished."""
        if index in recorded:
            return
        recorded.add(index)
        job = rendered[index]
        if isinstance(outcome, ConversionError):
            job.result.error = str(outcome)
        else:
            job.result.outputs.append(outcome)

    def on_done(index: int, outcome: Any) -> None:
        rendered[index].seconds["pdf_done"] = round(time.perf_counter() - started, 3)
        record(index, outcome)
        run.progress("pdf", len(recorded), len(rendered))

    try:
        outcomes = converter.convert([j.docx for j in rendered], run.out_dir, on_done)
    except ConversionError as exc:
        outcomes = [exc] * len(rendered)
    for index, outcome in enumerate(outcomes):
        record(index, outcome)


def _to_check(jobs: list[_Job], check: str) -> list[_Job]:
    """The jobs whose outputs the checker reads: all, the first of each template, or none."""
    if check == "none":
        return []
    if check == "sample":
        firsts: dict[Path | None, _Job] = {}
        for job in jobs:
            firsts.setdefault(job.template, job)
        return list(firsts.values())
    return jobs


def _check_stage(jobs: list[_Job], run: _Run) -> None:
    """Run the NĐ 30 checker on every output, in worker processes (R-* findings per notice)."""
    files = [(job, path) for job in jobs for path in job.result.outputs]
    run.progress("check", 0, len(files))
    started = time.perf_counter()
    outcomes = check_all([path for _, path in files], run.workers)
    with contextlib.closing(outcomes):
        for done, ((job, path), outcome) in enumerate(zip(files, outcomes, strict=True), 1):
            job.result.findings += outcome.records(path)
            run.progress("check", done, len(files))
    for job in jobs:
        job.checked = True
        job.seconds["check_done"] = round(time.perf_counter() - started, 3)
        errors = [f for f in job.result.findings if f["severity"] == "error"]
        if run.options.strict and errors and job.result.error is None:
            job.result.error = (
                f"{len(errors)} NĐ 30 error(s) found by the checker "
                "(--allow-check-errors keeps the notice)"
            )


def _sign_field_stage(jobs: list[_Job]) -> None:
    """After the PDF stage: an empty signature field over ô 7c of each PDF, with its
    `<stem>.sigfield.json` and the Phụ lục VI metadata `<stem>.meta.json`."""
    from ..sign.field import prepare_for_signing

    for job in jobs:
        pdf = next((p for p in job.result.outputs if p.suffix == ".pdf"), None)
        if pdf is None or job.result.error:
            continue
        try:
            notice = job.notice or load_notice(job.result.source)
            job.result.outputs += prepare_for_signing(pdf, notice)
        except NoticeError as exc:
            job.result.error = str(exc)


def _entry(job: _Job, run: _Run, interrupted: bool) -> manifest.Entry:
    """The manifest entry of a job: the previous one when it was up to date."""
    if job.entry is not None:
        return job.entry
    result, out_dir = job.result, run.out_dir
    template = manifest.relative(job.template, out_dir) if job.template else None
    template_sha = run.template_sha(template)
    error = result.error
    made = {p.suffix.lstrip(".") for p in result.outputs}
    unfinished = not result.problems and (error is None or job.template is not None)
    if interrupted and unfinished and set(run.key_options["formats"]) - made:
        # not "rendered", nor the error of a LibreOffice killed by the interrupt: the next
        # build must make what is missing, not skip the notice
        error = "interrupted before this notice was finished"
    outputs = [
        manifest.output_record(p, out_dir, job.docx_sha if p == job.docx else None)
        for p in result.outputs
        if p.exists()
    ]
    return manifest.Entry(
        source=manifest.relative(result.source, out_dir),
        source_sha256=job.source_sha,
        template=template,
        template_sha256=template_sha,
        key=manifest.build_key(job.source_sha, template_sha, run.key_options),
        status="failed" if error or result.problems else "rendered",
        outputs=outputs,
        error=error,
        problems=[str(p) for p in result.problems],
        findings=result.findings,
        checked=job.checked,
        timings=job.seconds,
    )


def validate(paths: Iterable[Path]) -> Report:
    """Load and validate every source under `paths`, and review the valid ones (warnings)."""
    results = []
    for path in iter_source_files(list(paths)):
        result = NoticeResult(path)
        try:
            _, result.warnings = load_reviewed(path)
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
    options = BuildOptions(
        tuple(formats), template, jobs, force, converter, check, strict, watermark, sign_field
    )
    return build(list(paths), Path(out_dir), options, on_progress)
