"""The electronic draft (`notice draft`, issue 17): an unnumbered source rendered so that its
`Số:` line and date line are blank fields where the unsigned render prints them, with the
leader's and the organisation's signature fields (`electronic.draft_fields`).

LibreOffice converts the notice twice in one run — as the draft prints, and with the two
paragraphs empty (their height kept by their styles) — the first gives the lines' places,
the second becomes the PDF once nothing else is found to have moved.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import IssueError, NoticeError, SignatureFieldError
from ..sign import field as sigfield
from ..sign import formfields
from ..sign.electronic import draft_fields


@dataclass
class Draft:
    """What happened to one source: the electronic draft PDF and its sidecars, or why not."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    error: str | None = None
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.outputs)


def make_drafts(paths: Iterable[Path], out_dir: Path, converter: Any = None) -> list[Draft]:
    """An electronic draft for every source under `paths` in `out_dir`: `<stem>.docx`,
    `<stem>.pdf` (fields blank), `<stem>.sigfield.json`, `<stem>.meta.json`."""
    from ..convert.backends import default_converter
    from ..errors import SourceError
    from ..source.loader import iter_source_files

    converter = converter or default_converter()
    results = []
    for source in iter_source_files([Path(p) for p in paths]):
        result = Draft(source)
        try:
            result.outputs = make_draft(source, Path(out_dir), converter)
        except SourceError as exc:
            result.problems = exc.problems
        except NoticeError as exc:
            result.error = str(exc)
        results.append(result)
    return results


def make_draft(source: Path, out_dir: Path, converter: Any) -> list[Path]:
    """Render `source` twice in one conversion — as the draft prints, and with the `Số:`
    and date lines empty — take the lines' places from the first, check that nothing else
    moved, and put the fields on the second. Raises NoticeError."""
    from ..files import write_atomic
    from ..profile.doctypes import template_for
    from ..render.context import build_context
    from ..render.document import render_docx
    from ..sign.metadata import write_metadata
    from ..source.notices import load_notice

    notice = load_notice(source)
    if notice.number is not None:
        raise IssueError(
            f"{source}: has a number already; an electronic draft is numbered by the văn thư "
            "when it is issued (leave out `number:`)"
        )
    ctx = build_context(notice)
    template = template_for(notice, source)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="notice-draft-") as tmp:
        printed, blank = Path(tmp) / f"{source.stem}.docx", Path(tmp) / f"{source.stem}.e.docx"
        render_docx(ctx, template, printed)
        render_docx(dataclasses.replace(ctx, number_line="", date_line=""), template, blank)
        outcomes = converter.convert([printed, blank], Path(tmp))
        for outcome in outcomes:
            if isinstance(outcome, Exception):
                raise outcome
        reference, data = outcomes[0].read_bytes(), outcomes[1].read_bytes()
        number, date = formfields.find_header_lines(reference, notice.place)
        _same_layout(reference, data, source)
        pdf = draft_fields(data, number, date, notice.signer.name, source)
        target = out_dir / f"{source.stem}.pdf"
        write_atomic(target, lambda t: t.write_bytes(pdf))
        docx = out_dir / printed.name
        write_atomic(docx, lambda t: shutil.copyfile(printed, t))
    gap = sigfield.find_signature_gap(pdf, notice.signer.name)
    return [
        docx,
        target,
        sigfield.write_sidecar(target, gap, notice.signer.name),
        write_metadata(target, notice),
    ]


def _same_layout(reference: bytes, data: bytes, source: Path) -> None:
    """Everything but the two header lines sits where the printed draft has it."""

    def rows(pdf: bytes) -> set[tuple[str, float, float]]:
        found = set()
        for baseline, chars in formfields.header_rows(pdf):
            for run in formfields._runs(chars):
                text = "".join(c["text"] for c in run)
                found.add((text, round(run[0]["x0"]), round(baseline)))
        return found

    printed, blank = rows(reference), rows(data)
    extra = blank - printed
    if extra or len(printed - blank) != 2:
        raise SignatureFieldError(
            f"{source}: the page moved when the number and date lines were left empty "
            f"({sorted(extra)[:3]}); the template must keep their paragraphs' height"
        )
