"""The văn thư's step on the PDF (issue 17): the leader-signed draft checked, the number
and date filled in one incremental update with the decree's formatting (R-KH-FMT,
R-DATE-FMT, `formfields.py`) and signed with the organisation's key, the seal image at its
real size over the left third of the leader's signature image (R-E-ORG); and the
organisation's signature on each attachment in a separate file, with the text block at the
top right of page 1 (R-E-ATT). `esign.py` does this inside the register's transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import IssueError, SignatureFieldError, SigningError
from . import field as sigfield
from . import formfields
from .electronic import LEADER_FIELD, ORG_FIELD
from .formfields import DATE_FIELD, NUMBER_FIELD
from .signing import VN_TZ

ATTACHMENT_FIELD = "ChuKyCoQuanKemTheo"
PT_PER_MM = 72 / 25.4
ATTACHMENT_PT = 10  # R-E-ATT: Times New Roman 10, regular, black
ATTACHMENT_MARGIN_MM = (15.0, 8.0)  # from the right edge and the top of page 1


@dataclass(frozen=True)
class OrgOptions:
    """How the organisation signs: seal image and size, time-stamp authority."""

    seal_image: Path
    seal_mm: float = 40.0
    tsa_url: str | None = None


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
