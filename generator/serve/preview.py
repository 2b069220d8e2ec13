"""The editor's live preview and downloads: the form's data validated by the project's own
model (every problem, with its field), rendered to DOCX by the renderer `notice render` uses,
converted by the warm LibreOffice, drawn to page images by pdftoppm, and the DOCX checked
against NĐ 30. One conversion at a time; a request overtaken by a newer one for the same
notice is dropped before it reaches LibreOffice.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build.preview import page_images
from ..check.checker import check_docx
from ..check.rules import Finding
from ..convert.base import Converter
from ..errors import ConversionError, NoticeError, Problem, SourceError
from ..profile.doctypes import template_for
from ..render.context import build_context
from ..render.document import render_docx
from ..source.loader import Source
from ..source.models import Notice, parse_notice

#: Page images kept per notice (older previews are deleted).
KEEP_PREVIEWS = 4
PREVIEW_DPI = 60


@dataclass
class Preview:
    """What the preview pane shows after one change."""

    problems: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # URLs' tokens: "<token>/<n>"
    error: str | None = None
    stale: bool = False


def validate_data(data: Any, path: Path) -> tuple[Notice | None, list[Problem]]:
    """Validate the form's data as the loader would validate the file; problems by field."""
    try:
        return parse_notice(Source(Path(path), data)), []
    except SourceError as exc:
        return None, exc.problems


class Previewer:
    """Renders notices for the editor through one converter, one at a time."""

    def __init__(self, converter: Callable[[], Converter], workdir: Path) -> None:
        self._converter = converter
        self.workdir = Path(workdir)
        self._lock = threading.Lock()
        self._generation: dict[str, int] = {}
        self._pages: OrderedDict[str, list[Path]] = OrderedDict()
        self._owner: dict[str, str] = {}

    def next_generation(self, name: str) -> int:
        """A number for a new preview request of notice `name`; later ones are greater."""
        with self._lock:
            self._generation[name] = self._generation.get(name, 0) + 1
            return self._generation[name]

    def page(self, token: str, number: int) -> Path | None:
        """The image of page `number` (1-based) of preview `token`, if it still exists."""
        pages = self._pages.get(token)
        return pages[number - 1] if pages and 1 <= number <= len(pages) else None

    def render(self, notice: Notice, source: Path, folder: Path, pdf: bool) -> dict[str, Path]:
        """`<stem>.docx` (and `.pdf`) of `notice` in `folder`; templates relative to `source`."""
        folder.mkdir(parents=True, exist_ok=True)
        docx = folder / f"{Path(source).stem}.docx"
        render_docx(build_context(notice), template_for(notice, Path(source)), docx)
        out = {"docx": docx}
        if pdf:
            with self._lock:
                out["pdf"] = self._convert(docx, folder)
        return out

    def _convert(self, docx: Path, folder: Path) -> Path:
        outcome = self._converter().convert([docx], folder)[0]
        if isinstance(outcome, ConversionError):
            raise outcome
        return outcome

    def preview(self, name: str, data: Any, source: Path, generation: int) -> Preview:
        """Validate, render and draw `data` (the form of notice `name`)."""
        notice, problems = validate_data(data, source)
        if notice is None:
            return Preview(problems=problems)
        work = Path(tempfile.mkdtemp(prefix="render-", dir=self.workdir))
        try:
            docx = self.render(notice, source, work, pdf=False)["docx"]
            findings = check_docx(docx)
            with self._lock:
                if self._generation.get(name, 0) != generation:
                    return Preview(findings=findings, stale=True)
                pdf = self._convert(docx, work)
            token = uuid.uuid4().hex
            images = page_images(pdf, self.workdir / "pages" / token / "page", dpi=PREVIEW_DPI)
        except NoticeError as exc:
            return Preview(error=str(exc))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        self._keep(name, token, images)
        return Preview(findings=findings, pages=[f"{token}/{n}" for n in range(1, len(images) + 1)])

    def _keep(self, name: str, token: str, images: list[Path]) -> None:
        with self._lock:
            self._pages[token] = images
            self._owner[token] = name
            mine = [t for t in self._pages if self._owner.get(t) == name]
            for old in mine[:-KEEP_PREVIEWS]:
                self._pages.pop(old, None)
                self._owner.pop(old, None)
                shutil.rmtree(self.workdir / "pages" / old, ignore_errors=True)
