"""The fields of an electronic draft and the rules its signatures follow (issue 17), as
`signing.py` and `verification.py` need them; the văn thư's fill and seal are in
`sealing.py`, the draft is made by `edraft.py`, issued by `esign.py`.

* **Draft fields** (`draft_fields`): the `Số:` and date lines as blank text fields
  (`formfields.py`), the leader's signature field over the gap (ô 7c, R-E-SIGNER) locking
  every field but the number, the date and the organisation's (FieldMDP /Exclude), and the
  organisation's where the seal goes (ô 8, R-E-ORG), locking all and allowing no change
  after it (FieldMDP /All, /P 1).
* **Leader** (`notice sign` → `leader_setup`): a *certification* signature with DocMDP
  permission 2 (form filling and signing), so the only changes that keep it valid are
  filling the two fields and signing the organisation's field — a word edited, a page or an
  annotation added, the signature removed, all invalidate it.
* **Verify** (`check_roles`, called by `verification.verify_pdf`): both signatures, and for
  the leader's exactly which fields changed after it, each one permitted.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import SignatureFieldError, SigningError
from . import field as sigfield
from . import formfields
from .formfields import DATE_FIELD, NUMBER_FIELD

LEADER_FIELD = sigfield.FIELD_NAME  # ô 7c
ORG_FIELD = "ChuKyCoQuan"  # ô 8: chữ ký số của cơ quan, tổ chức
ORG_LABEL = "Chữ ký số của cơ quan, tổ chức (ô 8, NĐ 30/2020/NĐ-CP)"
#: The changes a leader's signature permits after it: the number, the date, the seal.
PERMITTED_AFTER_LEADER = frozenset({NUMBER_FIELD, DATE_FIELD, ORG_FIELD})
MAX_SEAL_MM = 80.0  # the organisation's field holds any seal `--seal-mm` allows


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
