"""A batch build: sources → DOCX in parallel worker processes → PDF through a converter pool
→ `OUT/manifest.json`. Unchanged notices are skipped; a broken one does not stop the rest."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import manifest
from .api import NoticeResult, Report, default_template, load_notice, template_for
from .context import build_context
from .errors import ConversionError, NoticeError, OutputError, SourceError
from .pdf import Converter, default_converter
from .render import compile_template, render_docx
from .sources import iter_source_files

#: on_progress(stage, done, total): stage is "docx" or "pdf".
OnProgress = Callable[[str, int, int], None]


@dataclass
class BuildOptions:
    """How to build: which formats, which template, how many workers, whether to rebuild all."""

    formats: tuple[str, ...] = ("docx", "pdf")
    template: Path | None = None
    jobs: int | None = None
    force: bool = False
    converter: Converter | None = None
    #: NĐ 30 checker: "all" outputs, a "sample" (the first notice of each template: layout is
    #: the template's, and the text rules hold by construction), or "none".
    check: str = "sample"
    strict: bool = False  # an error finding fails the notice
    watermark: bool = False  # the diagonal "DỰ THẢO" mark on drafts (watermark.py)
    sign_field: bool = False  # an empty signature field over ô 7c, and the sidecars (sigfield.py)

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
    entry: manifest.Entry | None = None
    template: Path | None = None
    checked: bool = False
    seconds: dict[str, float] = field(default_factory=dict)
    docx_sha: str | None = None  # hashed by the worker that wrote it


def _render_one(args: tuple[Path, Path, Path | None, bool]) -> tuple[Any, ...]:
    """Worker: load, validate and render one source; picklable results only."""
    source, docx, override, watermark = args
    started = time.perf_counter()
    try:
        notice = load_notice(source)
        template = template_for(notice, source, override)
        render_docx(build_context(notice), template, docx)
        if watermark and notice.is_draft:
            from .watermark import watermark_docx

            watermark_docx(docx)
    except SourceError as exc:
        return ("problems", exc.problems, None, time.perf_counter() - started)
    except NoticeError as exc:
        return ("error", str(exc), None, time.perf_counter() - started)
    except OSError as exc:  # read-only folder, disk full: this notice fails, not the batch
        return (
            "error",
            f"cannot write {docx}: {exc.strerror}",
            None,
            time.perf_counter() - started,
        )
    # hashed here, in parallel, rather than re-read by the parent for the manifest
    return ("ok", manifest.sha256_file(docx), template, time.perf_counter() - started)


def _map(
    jobs: list[tuple[Path, Path, Path | None, bool]],
    workers: int,
    on_each: Callable[[int, tuple], None],
) -> None:
    if workers <= 1 or len(jobs) < 2 * workers:
        for i, job in enumerate(jobs):
            on_each(i, _render_one(job))
        return
    if sys.platform == "linux":
        for kind in ("TB-VP", "TB-UBND"):  # compiled once here, inherited by the forked workers
            with contextlib.suppress(NoticeError):
                compile_template(default_template(kind))
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # small chunks (≈ 15 ms of work): a worker slowed down (a busy core) gets fewer
        chunk = max(1, min(4, len(jobs) // (workers * 4)))
        for i, outcome in enumerate(pool.map(_render_one, jobs, chunksize=chunk)):
            on_each(i, outcome)


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
    if "pdf" in options.formats and options.converter is None:
        # the converter named in the manifest's keys is the one really used, so a build from
        # the library and one from the command line agree on what is up to date
        with contextlib.suppress(ConversionError):  # none installed: said for each notice
            options = replace(options, converter=default_converter(workers=options.jobs))
    try:
        return _build(paths, out_dir, options, on_progress)
    except OSError as exc:  # e.g. the disk filled up while the manifest was written
        raise OutputError(f"{out_dir}: {exc.strerror}: {exc.filename or ''}".rstrip(": ")) from exc


def _build(
    paths: list[Path], out_dir: Path, options: BuildOptions, on_progress: OnProgress | None
) -> Report:
    progress = on_progress or (lambda stage, done, total: None)
    key_options = options.key_options()
    previous = manifest.load(out_dir)
    template_shas: dict[str, str | None] = {}

    def template_sha(path: str | None) -> str | None:
        if path not in template_shas:
            try:
                template_shas[path] = manifest.sha256_file(Path(out_dir) / path) if path else None
            except OSError:
                template_shas[path] = None
        return template_shas[path]

    jobs: list[_Job] = []
    seen: dict[str, Path] = {}
    with tempfile.TemporaryDirectory(prefix=".notice-docx-", dir=out_dir) as tmp:
        docx_dir = out_dir if "docx" in options.formats else Path(tmp)
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
                job.source_sha = manifest.sha256_file(source)
            except OSError as exc:
                result.error = f"cannot read file: {exc.strerror}"
                continue
            old = previous.get(manifest.relative(source, out_dir))
            if old is not None and not options.force:
                key = manifest.build_key(job.source_sha, template_sha(old.template), key_options)
                if manifest.is_current(old, key, out_dir):
                    job.entry = old
                    old.status = "unchanged"
                    result.unchanged = True
                    result.outputs = [out_dir / o.path for o in old.outputs]
                    result.findings = list(old.findings)

        todo = [j for j in jobs if j.entry is None and j.result.error is None]
        total_docx = len(todo)
        progress("docx", 0, total_docx)
        interrupted = False
        try:

            def on_each(i: int, outcome: tuple) -> None:
                job = todo[i]
                status, detail, template, seconds = outcome
                job.seconds["docx"] = round(seconds, 4)
                if status == "problems":
                    job.result.problems = detail
                elif status == "error":
                    job.result.error = detail
                else:
                    job.template = template
                    job.docx_sha = detail
                    if "docx" in options.formats:
                        job.result.outputs.append(job.docx)
                progress("docx", i + 1, total_docx)

            workers = options.jobs or os.cpu_count() or 1
            args = [(j.result.source, j.docx, options.template, options.watermark) for j in todo]
            _map(args, workers, on_each)
            rendered = [j for j in todo if j.template is not None]
            if "pdf" in options.formats and rendered:
                _convert(rendered, out_dir, options, progress)
            checked = [j for j in rendered if j.result.outputs]
            if options.check == "sample":
                firsts: dict[Path | None, _Job] = {}
                for job in checked:
                    firsts.setdefault(job.template, job)
                checked = list(firsts.values())
            if options.check != "none" and checked:
                _check(checked, options, workers, progress)
            if options.sign_field and "pdf" in options.formats:
                _prepare_for_signing(rendered)
        except KeyboardInterrupt:
            interrupted = True
            raise
        finally:
            entries = [
                _entry(j, out_dir, key_options, interrupted, template_sha)
                for j in jobs
                if j.source_sha
            ]
            manifest.save(out_dir, entries, key_options)
    return Report([j.result for j in jobs])


def _prepare_for_signing(jobs: list[_Job]) -> None:
    """After the PDF stage: an empty signature field over ô 7c of each PDF, with its
    `<stem>.sigfield.json` and the Phụ lục VI metadata `<stem>.meta.json`."""
    from .sigfield import prepare_for_signing

    for job in jobs:
        pdf = next((p for p in job.result.outputs if p.suffix == ".pdf"), None)
        if pdf is None or job.result.error:
            continue
        try:
            job.result.outputs += prepare_for_signing(pdf, load_notice(job.result.source))
        except NoticeError as exc:
            job.result.error = str(exc)


def _check_one(path: Path) -> list[dict[str, str]]:
    """Worker: the checker's findings on one output, as plain dicts."""
    from .conformance import check
    from .errors import CheckError

    try:
        return [{"file": path.name, **f.as_dict()} for f in check(path)]
    except CheckError as exc:
        return [{"file": path.name, "rule": "CHECK", "severity": "error", "location": "",
                 "text": "", "message": str(exc), "clause": ""}]  # fmt: skip


def _check(jobs: list[_Job], options: BuildOptions, workers: int, progress: OnProgress) -> None:
    """Run the NĐ 30 checker on every output, in worker processes (R-* findings per notice)."""
    files = [(job, path) for job in jobs for path in job.result.outputs]
    progress("check", 0, len(files))
    started = time.perf_counter()
    if workers <= 1 or len(files) < 4:
        outcomes = map(_check_one, [path for _, path in files])
        pool = None
    else:
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
        outcomes = pool.map(_check_one, [path for _, path in files], chunksize=4)
    try:
        for done, ((job, _), findings) in enumerate(zip(files, outcomes, strict=True), start=1):
            job.result.findings += findings
            progress("check", done, len(files))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    for job in jobs:
        job.checked = True
        job.seconds["check_done"] = round(time.perf_counter() - started, 3)
        errors = [f for f in job.result.findings if f["severity"] == "error"]
        if options.strict and errors and job.result.error is None:
            job.result.error = f"{len(errors)} NĐ 30 error(s) found by the checker (--strict)"


def _convert(
    rendered: list[_Job], out_dir: Path, options: BuildOptions, progress: OnProgress
) -> None:
    try:
        converter = options.converter or default_converter()
    except ConversionError as exc:
        for job in rendered:
            job.result.error = str(exc)
        return
    started = time.perf_counter()
    recorded: set[int] = set()
    progress("pdf", 0, len(rendered))

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
        progress("pdf", len(recorded), len(rendered))

    try:
        outcomes = converter.convert([j.docx for j in rendered], out_dir, on_done)
    except ConversionError as exc:
        outcomes = [exc] * len(rendered)
    for index, outcome in enumerate(outcomes):
        record(index, outcome)


def _entry(
    job: _Job,
    out_dir: Path,
    key_options: dict[str, Any],
    interrupted: bool,
    sha_of: Callable[[str | None], str | None],
) -> manifest.Entry:
    if job.entry is not None:
        return job.entry
    result = job.result
    template = manifest.relative(job.template, out_dir) if job.template else None
    template_sha = sha_of(template)
    error = result.error
    made = {p.suffix.lstrip(".") for p in result.outputs}
    unfinished = not result.problems and (error is None or job.template is not None)
    if interrupted and unfinished and set(key_options["formats"]) - made:
        # not "rendered", nor the error of a LibreOffice killed by the interrupt: the next
        # build must make what is missing, not skip the notice
        error = "interrupted before this notice was finished"
    outputs = [
        manifest.output_record(p, out_dir, job.docx_sha if p == job.docx else None)
        for p in result.outputs
        if p.exists()
    ]
    failed = bool(error or result.problems)
    return manifest.Entry(
        source=manifest.relative(result.source, out_dir),
        source_sha256=job.source_sha,
        template=template,
        template_sha256=template_sha,
        key=manifest.build_key(job.source_sha, template_sha, key_options),
        status="failed" if failed else "rendered",
        outputs=outputs,
        error=error,
        problems=[str(p) for p in result.problems],
        findings=result.findings,
        checked=job.checked,
        timings=job.seconds,
    )
