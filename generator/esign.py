"""Electronic issuance in the order NĐ 30 gives it: the leader signs, then the văn thư
numbers, dates and seals (Điều 13.7, Điều 15.3, Phụ lục I §II.7–8).

1. **Draft** (`make_drafts`): the PDF of an unnumbered source whose `Số:` line and date line
   are empty text fields where the unsigned render prints them (`formfields.py`), with the
   leader's signature field over the gap (ô 7c, R-E-SIGNER) and the organisation's where
   the seal goes (ô 8, R-E-ORG). The leader's field locks every field but those three
   (FieldMDP /Exclude); the organisation's locks them all and allows no change after it
   (FieldMDP /All, /P 1).
2. **Leader** (`notice sign`, `leader_setup`): a *certification* signature with DocMDP
   permission 2 (form filling and signing), so the only changes that keep it valid are
   filling the two fields and signing the organisation's field — a word edited, a page or
   an annotation added, the signature removed, all invalidate it.
3. **Văn thư** (`issue_signed`): checks the leader's signature, takes the next number in the
   register's transaction (`issuance.issue_source`), fills the number and the date in one
   incremental update with the decree's formatting and signs it with the organisation's
   key, the seal image at its real size over the left third of the leader's signature
   image (R-E-ORG); signs each attachment in a separate file with the text block at the top
   right of page 1 (R-E-ATT). The issued PDFs are written before the source, inside the
   transaction, and recorded with both signers and their SHA-256 in the register.
4. **Verify** (`check_roles`, called by `verification.verify_pdf`): both signatures, and for
   the leader's exactly which fields changed after it, each one permitted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import formfields, sigfield
from .edraft import LEADER_FIELD, ORG_FIELD, PERMITTED_AFTER_LEADER
from .errors import IssueError, NoticeError, SignatureFieldError, SigningError
from .formfields import DATE_FIELD, NUMBER_FIELD
from .signing import VN_TZ, Pkcs11Key, Pkcs12Key

ATTACHMENT_FIELD = "ChuKyCoQuanKemTheo"
ISSUED_SUFFIX = ".issued.pdf"
PT_PER_MM = 72 / 25.4
ATTACHMENT_PT = 10  # R-E-ATT: Times New Roman 10, regular, black
ATTACHMENT_MARGIN_MM = (15.0, 8.0)  # from the right edge and the top of page 1


# -- 3. the văn thư's step --------------------------------------------------------------------


@dataclass(frozen=True)
class OrgOptions:
    """How the organisation signs: seal image and size, time-stamp authority."""

    seal_image: Path
    seal_mm: float = 40.0
    tsa_url: str | None = None


def issued_path(signed_pdf: Path) -> Path:
    """`x.signed.pdf` (or `x.pdf`) → `x.issued.pdf` beside it."""
    name = signed_pdf.name.removesuffix(".pdf").removesuffix(".signed")
    return signed_pdf.with_name(name + ISSUED_SUFFIX)


def signed_pdf_for(source: Path, signed: Path, single: bool) -> Path:
    """The leader-signed PDF of `source`: `signed` itself for one source given a file,
    else `<signed>/<stem>.signed.pdf`."""
    if single and not signed.is_dir():
        return signed
    return signed / f"{source.stem}.signed.pdf"


def issue_signed(
    paths: Iterable[Path],
    signed: Path,
    date: dt.date,
    key: Pkcs12Key | Pkcs11Key,
    options: OrgOptions,
    register_path: Path | None = None,
    attachments: list[Path] = (),
) -> Any:
    """Issue leader-signed drafts: for each source (in order), its signed PDF numbered,
    dated and sealed into `<stem>.issued.pdf` — one register transaction each, a failure
    leaving that source and its files untouched. Returns an `issuance.IssueReport`.
    Raises RegisterError or SigningError when the register or the key cannot be used."""
    from .issuance import Issued, IssueReport
    from .register import Register, default_register
    from .sources import iter_source_files

    sources = list(iter_source_files([Path(p) for p in paths]))
    if attachments and len(sources) != 1:
        raise IssueError("attachments go with one source at a time")
    register_path = Path(register_path) if register_path else default_register(list(paths))
    seal = _seal(options)
    results = []
    with _open_key(key) as signer, Register.open(register_path) as reg:
        for source in sources:
            result = Issued(source)
            pdf = signed_pdf_for(source, Path(signed), len(sources) == 1)
            try:
                result.entry = _issue_one(
                    reg, source, pdf, date, signer, options, seal, list(attachments)
                )
                result.outputs = [issued_path(p) for p in (pdf, *attachments)]
            except NoticeError as exc:
                problems = getattr(exc, "problems", None)
                if problems:
                    result.problems = problems
                else:
                    result.error = str(exc)
            results.append(result)
        return IssueReport(register_path, results, list(reg.reconciled))


@contextlib.contextmanager
def _open_key(key: Pkcs12Key | Pkcs11Key) -> Iterator[Any]:
    """A pyHanko signer for the whole batch: the PKCS#12 file read once, the token's
    session open until the end."""
    from .signing import load_pkcs12, pkcs11_signer

    if isinstance(key, Pkcs12Key):
        yield load_pkcs12(key.path, key.password)
        return
    with pkcs11_signer(key.library, key.pin, key.token_label, key.key_label) as signer:
        yield signer


def _seal(options: OrgOptions) -> Any:
    from .signing import _image

    return _image(options.seal_image)


def _issue_one(
    register: Any,
    source: Path,
    pdf: Path,
    date: dt.date,
    signer: Any,
    options: OrgOptions,
    seal: Any,
    attachments: list[Path],
) -> Any:
    from .issuance import issue_source

    try:
        data = pdf.read_bytes()
    except OSError as exc:
        raise IssueError(f"{pdf}: no leader-signed PDF for {source.name}: {exc.strerror}") from exc
    leader = check_leader_signed(data, pdf)
    targets = [issued_path(pdf), *(issued_path(a) for a in attachments)]
    blobs = []
    for attachment in attachments:
        try:
            blobs.append(attachment.read_bytes())
        except OSError as exc:
            raise IssueError(f"{attachment}: cannot read: {exc.strerror}") from exc

    def sign(notice: Any, entry: Any) -> tuple[dict, list[tuple[Path, bytes]]]:
        from . import vietnamese as vi

        for target in targets:  # under the lock, after a stopped issuer's files were settled
            if target.exists():
                raise IssueError(f"{target}: exists already; an issued PDF is never overwritten")
        _same_document(data, notice, pdf)
        d = entry.issued_on
        issued = seal_pdf(
            data,
            vi.format_number_line(entry.number, entry.symbol),
            vi.format_date_line(notice.place, d.year, d.month, d.day),
            signer,
            options,
            seal,
            pdf,
        )
        files = [(targets[0], issued)]
        for attachment, blob, target in zip(attachments, blobs, targets[1:], strict=True):
            files.append((target, sign_attachment(blob, entry.number_symbol, signer, attachment)))
        return _signed_row(entry, files, register.path, leader, signer), files

    return issue_source(register, source, date, sign)


def _relative(path: Path, register: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), register.resolve().parent)).as_posix()
    except ValueError:
        return str(path.resolve())


def _common_name(cert: Any) -> str:
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


def _same_document(data: bytes, notice: Any, pdf: Path) -> None:
    """The signed PDF is this source's notice: page 1 carries its trích yếu's first words."""
    rows = formfields.header_rows(data)
    text = " ".join("".join(c["text"] for c in chars) for _, chars in rows)
    wanted = " ".join(notice.subject.split()[:6])
    if formfields._fold(wanted) not in formfields._fold(" ".join(text.split())):
        raise IssueError(
            f"{pdf}: is not the notice of this source (its trích yếu is not on page 1)"
        )


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


# -- 4. verification ----------------------------------------------------------------------------


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


def _signed_row(
    entry: Any, files: list[tuple[Path, bytes]], register: Path, leader: dict, signer: Any
) -> dict:
    """The register's `signed` row: the issued PDF and its attachments with SHA-256, the
    leader's and the organisation's names and certificates."""
    (target, issued), attached = files[0], files[1:]
    return {
        "body": entry.body,
        "symbol": entry.symbol,
        "year": entry.year,
        "number": entry.number,
        "pdf": _relative(target, register),
        "pdf_sha256": hashlib.sha256(issued).hexdigest(),
        "signer": leader["signer"],
        "signer_certificate_sha256": leader["certificate_sha256"],
        "organisation": _common_name(signer.signing_cert),
        "organisation_certificate_sha256": hashlib.sha256(signer.signing_cert.dump()).hexdigest(),
        "signed_at": dt.datetime.now(VN_TZ).isoformat(timespec="seconds"),
        "attachments": json.dumps(
            [
                {"file": _relative(t, register), "sha256": hashlib.sha256(b).hexdigest()}
                for t, b in attached
            ],
            ensure_ascii=False,
        ),
    }
