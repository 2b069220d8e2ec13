"""The electronic draft and the leader's signature on it (issue 17; the whole flow is
described in `esign.py`).

The draft of an unnumbered source: its `Số:` line and date line are empty text fields where
the unsigned render prints them (`formfields.py`), the leader's signature field lies over
the gap (ô 7c, R-E-SIGNER), the organisation's where the seal goes (ô 8, R-E-ORG). The
leader's field locks every field but those three (FieldMDP /Exclude); the organisation's
locks them all and allows no change after it (FieldMDP /All, /P 1). The leader signs it as a
*certification* with DocMDP permission 2 (form filling and signing): `signing.sign_pdf`
calls `leader_setup` for that.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import formfields, sigfield
from .errors import IssueError, NoticeError, SignatureFieldError, SigningError
from .formfields import DATE_FIELD, NUMBER_FIELD

LEADER_FIELD = sigfield.FIELD_NAME  # ô 7c
ORG_FIELD = "ChuKyCoQuan"  # ô 8: chữ ký số của cơ quan, tổ chức
ORG_LABEL = "Chữ ký số của cơ quan, tổ chức (ô 8, NĐ 30/2020/NĐ-CP)"
#: The changes a leader's signature permits after it: the number, the date, the seal.
PERMITTED_AFTER_LEADER = frozenset({NUMBER_FIELD, DATE_FIELD, ORG_FIELD})
MAX_SEAL_MM = 80.0  # the organisation's field holds any seal `--seal-mm` allows


# -- 1. the draft ---------------------------------------------------------------------------


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
    from .errors import SourceError
    from .pdf import default_converter
    from .sources import iter_source_files

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
    from .api import load_notice, template_for
    from .context import build_context
    from .metadata import write_metadata
    from .render import render_docx, write_atomic

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


def draft_fields(
    data: bytes,
    number: formfields.LineSlot,
    date: formfields.LineSlot,
    signer_name: str | None,
    where: Path | str = "PDF",
) -> bytes:
    """`data` with the two text fields and the two locked signature fields added, as one
    incremental update."""
    from pyhanko.pdf_utils.generic import PdfError
    from pyhanko.sign.fields import (
        FieldMDPAction,
        FieldMDPSpec,
        MDPPerm,
        SigFieldSpec,
        append_signature_field,
    )

    from . import appearance

    gap = sigfield.find_signature_gap(data, signer_name)
    try:
        writer = sigfield.open_for_update(data)
        formfields.add_text_field(writer, NUMBER_FIELD, formfields.NUMBER_LABEL, number)
        formfields.add_text_field(writer, DATE_FIELD, formfields.DATE_LABEL, date)
        append_signature_field(
            writer,
            SigFieldSpec(
                LEADER_FIELD,
                on_page=gap.page,
                box=gap.rect,
                readable_field_name=sigfield.FIELD_LABEL,
                field_mdp_spec=FieldMDPSpec(FieldMDPAction.EXCLUDE, sorted(PERMITTED_AFTER_LEADER)),
            ),
        )
        layout = appearance.plan_layout(gap.rect, None, MAX_SEAL_MM)
        append_signature_field(
            writer,
            SigFieldSpec(
                ORG_FIELD,
                on_page=gap.page,
                box=_seal_box(layout),
                readable_field_name=ORG_LABEL,
                field_mdp_spec=FieldMDPSpec(FieldMDPAction.ALL),
                doc_mdp_update_value=MDPPerm.NO_CHANGES,
            ),
        )
        out = io.BytesIO()
        writer.write(out)
    except (PdfError, ValueError, KeyError) as exc:
        raise SignatureFieldError(f"{where}: cannot add the fields: {exc}") from exc
    return out.getvalue()


def _seal_box(layout: Any) -> tuple[float, float, float, float]:
    """The seal's box in page space: the largest seal, its right edge at a third of the
    signature image, centred on it vertically (R-E-ORG)."""
    x, y, d, _ = layout.seal
    x0, y0 = layout.widget[0] + x, layout.widget[1] + y
    return (round(x0, 2), round(y0, 2), round(x0 + d, 2), round(y0 + d, 2))


def is_electronic(reader: Any) -> bool:
    """Whether a PDF is an electronic draft (it has the number field)."""
    return NUMBER_FIELD in formfields.text_fields(reader)


# -- 2. the leader's signature ---------------------------------------------------------------


def leader_setup(writer: Any, gap: tuple, signature_size: tuple | None, seal: Any) -> bool:
    """Called by `signing.sign_pdf` before it signs: for an electronic draft, move the
    organisation's field to where the seal goes over this signature image and return True
    (sign as certification, form filling allowed); False for any other PDF."""
    from pyhanko.pdf_utils.generic import ArrayObject, FloatObject
    from pyhanko.sign.fields import enumerate_sig_fields

    from . import appearance

    if not is_electronic(writer):
        return False
    if seal is not None:
        raise SigningError(
            "an electronic draft gets the seal with the organisation's signature when it is "
            "issued (`notice issue --signed-pdf`); sign it without --seal-image"
        )
    org = next(iter(enumerate_sig_fields(writer, with_name=ORG_FIELD)), None)
    if org is None:
        raise SigningError(f"the electronic draft has no field {ORG_FIELD}")
    layout = appearance.plan_layout(gap, signature_size, MAX_SEAL_MM)
    widget = org[2].get_object()
    widget = widget["/Kids"][0].get_object() if "/Kids" in widget else widget
    widget["/Rect"] = ArrayObject([FloatObject(v) for v in _seal_box(layout)])
    writer.mark_update(org[2])
    return True
