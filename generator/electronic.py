"""The PDF side of electronic issuance in NĐ 30's order (Điều 13.7, Điều 15.3, Phụ lục I
§II.7–8): the fields of the electronic draft, the leader's certification, the văn thư's fill
and the organisation's signature, the attachments' signature, and the roles `notice verify`
checks. `edraft.py` makes the draft, `esign.py` issues it through the register.

* **Draft fields** (`draft_fields`): the `Số:` and date lines as blank text fields
  (`formfields.py`), the leader's signature field over the gap (ô 7c, R-E-SIGNER) locking
  every field but the number, the date and the organisation's (FieldMDP /Exclude), and the
  organisation's where the seal goes (ô 8, R-E-ORG), locking all and allowing no change
  after it (FieldMDP /All, /P 1).
* **Leader** (`notice sign` → `leader_setup`): a *certification* signature with DocMDP
  permission 2 (form filling and signing), so the only changes that keep it valid are
  filling the two fields and signing the organisation's field — a word edited, a page or an
  annotation added, the signature removed, all invalidate it.
* **Văn thư** (`check_leader_signed`, `seal_pdf`): the leader's signature checked, the number
  and date filled in one incremental update with the decree's formatting and signed with the
  organisation's key, the seal image at its real size over the left third of the leader's
  signature image (R-E-ORG); `sign_attachment` for each attachment in a separate file, with
  the text block at the top right of page 1 (R-E-ATT).
* **Verify** (`check_roles`, called by `verification.verify_pdf`): both signatures, and for
  the leader's exactly which fields changed after it, each one permitted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import formfields, sigfield
from .errors import IssueError, SignatureFieldError, SigningError
from .formfields import DATE_FIELD, NUMBER_FIELD
from .signing import VN_TZ

LEADER_FIELD = sigfield.FIELD_NAME  # ô 7c
ORG_FIELD = "ChuKyCoQuan"  # ô 8: chữ ký số của cơ quan, tổ chức
ORG_LABEL = "Chữ ký số của cơ quan, tổ chức (ô 8, NĐ 30/2020/NĐ-CP)"
ATTACHMENT_FIELD = "ChuKyCoQuanKemTheo"
#: The changes a leader's signature permits after it: the number, the date, the seal.
PERMITTED_AFTER_LEADER = frozenset({NUMBER_FIELD, DATE_FIELD, ORG_FIELD})
MAX_SEAL_MM = 80.0  # the organisation's field holds any seal `--seal-mm` allows
PT_PER_MM = 72 / 25.4
ATTACHMENT_PT = 10  # R-E-ATT: Times New Roman 10, regular, black
ATTACHMENT_MARGIN_MM = (15.0, 8.0)  # from the right edge and the top of page 1


@dataclass(frozen=True)
class OrgOptions:
    """How the organisation signs: seal image and size, time-stamp authority."""

    seal_image: Path
    seal_mm: float = 40.0
    tsa_url: str | None = None


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


def check_leader_signed(data: bytes, pdf: Path) -> dict[str, str]:
    """The leader-signed draft as the văn thư receives it: exactly one signature, the
    leader's certification in ô 7c, intact and valid, nothing changed after it, the number
    and date fields still blank. Returns the signer's name and certificate SHA-256.
    Raises IssueError naming what is wrong."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    from .verification import _check

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_regular_signatures)
        values = formfields.text_fields(reader)
    except (PdfError, ValueError, KeyError) as exc:
        raise IssueError(f"{pdf}: not a readable PDF: {exc}") from exc
    if NUMBER_FIELD not in values or DATE_FIELD not in values:
        raise IssueError(f"{pdf}: not an electronic draft (make it with `notice draft`)")
    names = [s.field_name for s in signatures]
    if names != [LEADER_FIELD]:
        raise IssueError(
            f"{pdf}: must carry exactly the leader's signature ({LEADER_FIELD}), "
            f"found {names or 'none'}"
        )
    if any(values[name][0] for name in (NUMBER_FIELD, DATE_FIELD)):
        raise IssueError(f"{pdf}: the number or the date is filled already")
    (embedded,) = signatures
    check = _check(embedded, None)
    if embedded.docmdp_level is None or embedded.docmdp_level.value != 2:
        check.problems.append("not a certification signature allowing form filling")
    if not check.ok or check.modification != "NONE":
        problems = check.problems or [f"changed after signing ({check.modification})"]
        raise IssueError(f"{pdf}: the leader's signature does not hold: {'; '.join(problems)}")
    cert = embedded.signer_cert
    return {"signer": check.signer, "certificate_sha256": hashlib.sha256(cert.dump()).hexdigest()}


def common_name(cert: Any) -> str:
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


def seal_pdf(
    data: bytes,
    number_line: str,
    date_line: str,
    signer: Any,
    options: OrgOptions,
    seal: Any,
    where: Path | str = "PDF",
) -> bytes:
    """Fill the number and the date and sign the organisation's field with the seal, in
    one incremental update. Raises SigningError."""
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm

    try:
        writer = sigfield.open_for_update(data)
        formfields.fill_text_field(writer, NUMBER_FIELD, number_line)
        formfields.fill_text_field(writer, DATE_FIELD, date_line)
        org = next(iter(fields.enumerate_sig_fields(writer, with_name=ORG_FIELD)), None)
    except (SignatureFieldError, ValueError, KeyError) as exc:
        raise SigningError(f"{where}: cannot fill the number and date: {exc}") from exc
    if org is None or org[1] is not None:
        raise SigningError(f"{where}: no empty field {ORG_FIELD} for the organisation's signature")
    widget = org[2].get_object()
    widget = widget["/Kids"][0].get_object() if "/Kids" in widget else widget
    x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    d = options.seal_mm * PT_PER_MM
    box = (x1 - x0 - d, (y1 - y0 - d) / 2, d, d)  # right edge and centre kept (R-E-ORG)
    meta = signers.PdfSignatureMetadata(
        field_name=ORG_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    return _sign(writer, meta, signer, seal_style(box, seal), options.tsa_url, where, {})


def _sign(
    writer: Any,
    meta: Any,
    signer: Any,
    style: Any,
    tsa_url: str | None,
    where: Any,
    params: dict,
    new_field: Any = None,
) -> bytes:
    from pyhanko.sign import signers

    from .signing import _signing_errors

    timestamper = None
    if tsa_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(tsa_url, timeout=30)
    pdf_signer = signers.PdfSigner(
        meta, signer, timestamper=timestamper, stamp_style=style, new_field_spec=new_field
    )
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out, appearance_text_params=params)
    except _signing_errors() as exc:
        raise SigningError(f"{where}: cannot sign: {type(exc).__name__}: {exc}") from exc
    return out.getvalue()


def seal_style(box: tuple[float, float, float, float], seal: Any) -> Any:
    """The organisation's appearance on the notice: the seal image only (R-E-ORG; NĐ 30
    gives no text for it, R-E-NOTE)."""
    from pyhanko.pdf_utils.content import ResourceType
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.pdf_utils.images import pil_image
    from pyhanko.stamp.base import BaseStamp, BaseStampStyle

    class SealStamp(BaseStamp):
        def _render_inner_content(self) -> list[bytes]:
            self.set_resource(ResourceType.XOBJECT, pdf_name("/Dau"), pil_image(seal, self.writer))
            x, y, w, h = box
            return [b"q %g 0 0 %g %g %g cm /Dau Do Q" % (w, h, x, y)]

    @dataclass(frozen=True)
    class SealStyle(BaseStampStyle):
        border_width: int = 0
        background: Any = None

        def create_stamp(self, writer: Any, box: Any, text_params: dict) -> Any:
            return SealStamp(writer=writer, style=self, box=box)

    return SealStyle()


def sign_attachment(data: bytes, number_symbol: str, signer: Any, where: Path) -> bytes:
    """The organisation's signature on an attachment in a separate file (R-E-ATT): no
    image; at the top right of page 1 the number and ký hiệu and the signing time (ISO
    8601, Vietnam time), Times New Roman 10 pt (Liberation Serif), regular, black."""
    from pyhanko.pdf_utils.generic import PdfError
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import FieldMDPAction, FieldMDPSpec, MDPPerm
    from pyhanko.stamp.text import TextStampStyle

    from .appearance import SerifFont, find_font

    try:
        writer = sigfield.open_for_update(data)
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        x0, y0, x1, y1 = (float(v) for v in page.get("/CropBox", page["/MediaBox"]))
    except (PdfError, ValueError, KeyError, IndexError) as exc:
        raise SigningError(f"{where}: not a readable PDF: {exc}") from exc
    when = dt.datetime.now(VN_TZ).replace(microsecond=0)
    text = f"{number_symbol}\n{when.isoformat()}"
    width, height = 150.0, 2 * ATTACHMENT_PT * 1.2 + 4
    right = x1 - ATTACHMENT_MARGIN_MM[0] * PT_PER_MM
    top = y1 - ATTACHMENT_MARGIN_MM[1] * PT_PER_MM
    from pyhanko.pdf_utils.layout import AxisAlignment, SimpleBoxLayoutRule

    style = TextStampStyle(
        border_width=0,
        background=None,
        stamp_text=text,
        text_box_style=TextBoxStyle(
            font=SerifFont(find_font(), ATTACHMENT_PT),
            font_size=ATTACHMENT_PT,
            leading=int(ATTACHMENT_PT * 1.2),
            border_width=0,
            text_color=(0, 0, 0),
        ),
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MAX, y_align=AxisAlignment.ALIGN_MAX
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=ATTACHMENT_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        docmdp_permissions=MDPPerm.NO_CHANGES,
    )
    spec = fields.SigFieldSpec(
        ATTACHMENT_FIELD,
        on_page=0,
        box=(round(right - width, 2), round(top - height, 2), round(right, 2), round(top, 2)),
        readable_field_name="Chữ ký số của cơ quan, tổ chức trên văn bản kèm theo (R-E-ATT)",
        field_mdp_spec=FieldMDPSpec(FieldMDPAction.ALL),
        doc_mdp_update_value=MDPPerm.NO_CHANGES,
    )
    return _sign(writer, meta, signer, style, None, where, {}, new_field=spec)


def check_roles(result: Any, reader: Any) -> None:
    """For an electronically issued notice (it has the number field): the leader's and the
    organisation's signatures must both be there, the number and date filled, and the
    leader's signature followed by nothing but the permitted changes. Problems are added to
    the signatures (or to `result.error` when one is missing)."""
    values = formfields.text_fields(reader)
    if NUMBER_FIELD not in values:
        return
    by_field = {s.field: s for s in result.signatures}
    for s in result.signatures:
        s.role = {LEADER_FIELD: "leader", ORG_FIELD: "organisation"}.get(s.field, s.role)
    missing = [name for name in (LEADER_FIELD, ORG_FIELD) if name not in by_field]
    if missing:
        who = {
            LEADER_FIELD: "the leader's signature",
            ORG_FIELD: "not issued yet: the organisation's signature",
        }
        result.error = "; ".join(f"{who[m]} ({m}) is missing" for m in missing)
    leader = by_field.get(LEADER_FIELD)
    if leader is not None:
        extra = sorted(set(leader.changed_fields) - PERMITTED_AFTER_LEADER)
        if extra:
            leader.problems.append(f"fields changed after signing that it does not permit: {extra}")
        if leader.docmdp != "FILL_FORMS":
            leader.problems.append("not a certification signature allowing form filling")
    if ORG_FIELD in by_field:
        for name in (NUMBER_FIELD, DATE_FIELD):
            if not values[name][0]:
                by_field[ORG_FIELD].problems.append(f"the field {name} is empty")
