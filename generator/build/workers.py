"""What runs in the worker processes of a build, and what crosses the process boundary:
small frozen dataclasses, never positional tuples."""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..check.rules import Finding
from ..errors import NoticeError, Problem, SourceError
from ..files import sha256_file
from ..profile.doctypes import KINDS, default_template, template_for
from ..render.context import build_context
from ..render.document import compile_template, render_docx
from ..source.models import Notice
from ..source.review import load_reviewed


@dataclass(frozen=True)
class DocxTask:
    """One source to render: where to, with which template override, and what to keep."""

    source: Path
    docx: Path
    template: Path | None = None  # the command line's --template
    watermark: bool = False  # "DỰ THẢO" on drafts
    keep_notice: bool = False  # hand the validated notice back (the sign-field stage needs it)


@dataclass(frozen=True)
class DocxOutcome:
    """What a worker hands back for one source: the DOCX written, or why not."""

    seconds: float
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    template: Path | None = None  # the template used, when the DOCX was written
    docx_sha: str | None = None  # hashed by the worker, in parallel, not re-read by the parent
    notice: Notice | None = None  # with DocxTask.keep_notice
    warnings: list[Problem] = field(default_factory=list)  # source/review.py


def render_one(task: DocxTask) -> DocxOutcome:
    """Load, validate and render one source; a failure is this notice's, not the batch's."""
    started = time.perf_counter()

    def took() -> float:
        return time.perf_counter() - started

    try:
        notice, warnings = load_reviewed(task.source)
        template = template_for(notice, task.source, task.template)
        render_docx(build_context(notice), template, task.docx)
        if task.watermark and notice.is_draft:
            from ..render.watermark import watermark_docx

            watermark_docx(task.docx)
    except SourceError as exc:
        return DocxOutcome(took(), problems=exc.problems)
    except NoticeError as exc:
        return DocxOutcome(took(), error=str(exc))
    except OSError as exc:  # read-only folder, disk full: this notice fails, not the batch
        return DocxOutcome(took(), error=f"cannot write {task.docx}: {exc.strerror}")
    kept = notice if task.keep_notice else None
    sha = sha256_file(task.docx)
    return DocxOutcome(took(), template=template, docx_sha=sha, notice=kept, warnings=warnings)


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def render_all(tasks: list[DocxTask], workers: int) -> Iterator[DocxOutcome]:
    """The outcome of every task, in order: in this process for small batches, else in
    `workers` processes."""
    if workers <= 1 or len(tasks) < 2 * workers:
        yield from map(render_one, tasks)
        return
    if sys.platform == "linux":
        for kind in KINDS:  # compiled once here, inherited by the forked workers
            with contextlib.suppress(NoticeError):
                compile_template(default_template(kind))
    with _pool(workers) as pool:
        # small chunks (≈ 15 ms of work): a worker slowed down (a busy core) gets fewer
        chunk = max(1, min(4, len(tasks) // (workers * 4)))
        yield from pool.map(render_one, tasks, chunksize=chunk)


@dataclass(frozen=True)
class CheckOutcome:
    """What a worker hands back for one checked file: its findings, or why it could not
    be read."""

    findings: tuple[Finding, ...] = ()
    error: str | None = None

    def records(self, path: Path) -> list[dict[str, str]]:
        """The findings as the plain records the manifest and the report keep."""
        if self.error is not None:
            return [{"file": path.name, "rule": "CHECK", "severity": "error", "location": "",
                     "text": "", "message": self.error, "clause": ""}]  # fmt: skip
        return [{"file": path.name, **f.as_dict()} for f in self.findings]


def check_one(path: Path) -> CheckOutcome:
    """The NĐ 30 checker on one output."""
    from ..check.checker import check
    from ..errors import CheckError

    try:
        return CheckOutcome(tuple(check(path)))
    except CheckError as exc:
        return CheckOutcome(error=str(exc))


def check_all(paths: list[Path], workers: int) -> Iterator[CheckOutcome]:
    """The outcome of every file, in order (in worker processes for more than a few)."""
    if workers <= 1 or len(paths) < 4:
        yield from map(check_one, paths)
        return
    pool = _pool(workers)
    try:
        yield from pool.map(check_one, paths, chunksize=4)
    finally:
        pool.shutdown(cancel_futures=True)
