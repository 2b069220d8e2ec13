"""What runs in worker processes: a source rendered to DOCX (`DocxTask` → `DocxOutcome`), and
the NĐ 30 checker on one output. Only picklable, typed values cross the process boundary."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CheckError, NoticeError, Problem, SourceError
from ..files import sha256_file
from ..profile.doctypes import SOURCE_KINDS, default_template, template_for
from ..render.context import build_context
from ..render.document import compile_template, render_docx
from ..source.models import Notice
from ..source.notices import load_notice


@dataclass(frozen=True)
class DocxTask:
    """One source to render: where its DOCX goes, the template override, whether to mark a
    draft, and whether to hand the parsed notice back (for the signature-field stage)."""

    source: Path
    docx: Path
    template: Path | None = None
    watermark: bool = False
    keep_notice: bool = False


@dataclass(frozen=True)
class DocxOutcome:
    """A rendered DOCX (its template and SHA-256), or the source's problems, or an error."""

    seconds: float
    template: Path | None = None
    docx_sha: str | None = None
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    notice: Notice | None = None


def render_one(task: DocxTask) -> DocxOutcome:
    """Worker: load, validate and render one source."""
    started = time.perf_counter()
    try:
        notice = load_notice(task.source)
        template = template_for(notice, task.source, task.template)
        render_docx(build_context(notice), template, task.docx)
        if task.watermark and notice.is_draft:
            from ..render.watermark import watermark_docx

            watermark_docx(task.docx)
    except SourceError as exc:
        return DocxOutcome(time.perf_counter() - started, problems=exc.problems)
    except NoticeError as exc:
        return DocxOutcome(time.perf_counter() - started, error=str(exc))
    except OSError as exc:  # read-only folder, disk full: this notice fails, not the batch
        return DocxOutcome(
            time.perf_counter() - started, error=f"cannot write {task.docx}: {exc.strerror}"
        )
    # hashed here, in parallel, rather than re-read by the parent for the manifest
    return DocxOutcome(
        time.perf_counter() - started,
        template=template,
        docx_sha=sha256_file(task.docx),
        notice=notice if task.keep_notice else None,
    )


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def render_all(tasks: list[DocxTask], workers: int) -> Iterator[DocxOutcome]:
    """The outcome of every task, in order; in worker processes when there are enough."""
    if workers <= 1 or len(tasks) < 2 * workers:
        yield from map(render_one, tasks)
        return
    if sys.platform == "linux":
        for kind in SOURCE_KINDS:  # compiled once here, inherited by the forked workers
            with contextlib.suppress(NoticeError):
                compile_template(default_template(kind))
    with _pool(workers) as pool:
        # small chunks (≈ 15 ms of work): a worker slowed down (a busy core) gets fewer
        chunk = max(1, min(4, len(tasks) // (workers * 4)))
        yield from pool.map(render_one, tasks, chunksize=chunk)


def check_one(path: Path) -> list[dict[str, str]]:
    """Worker: the checker's findings on one output, as plain dicts."""
    from ..check.checker import check

    try:
        return [{"file": path.name, **f.as_dict()} for f in check(path)]
    except CheckError as exc:
        return [{"file": path.name, "rule": "CHECK", "severity": "error", "location": "",
                 "text": "", "message": str(exc), "clause": ""}]  # fmt: skip


def check_all(paths: list[Path], workers: int) -> Iterator[list[dict[str, str]]]:
    """The findings of every path, in order (a generator: close it to stop the pool)."""
    if workers <= 1 or len(paths) < 4:
        yield from map(check_one, paths)
        return
    pool = _pool(workers)
    try:
        yield from pool.map(check_one, paths, chunksize=4)
    finally:
        pool.shutdown(cancel_futures=True)
