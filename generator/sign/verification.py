"""Checking signed notices with pyHanko's validator: who signed, when, whether the signed
bytes are intact and the signature valid, whether the signer's certificate chains to a
trusted root (`--trust`), and whether anything was changed after signing.

Without trust roots the chain is built from the certificates embedded in the signature
itself; the signature is then checked for integrity and validity only, and its trust is
reported as not checked. A PDF is valid when it has at least one signature and every
signature is intact and valid, trusted when roots were given, and followed by no change
other than later signatures, form filling or validation data.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import SigningError

# pyHanko logs the tracebacks of its difference analysis; the verdict is reported instead
logging.getLogger("pyhanko").addHandler(logging.NullHandler())

#: Changes after a signature that keep it valid: a later signature or time stamp (form
#: filling), or added validation data (LTA updates).
ALLOWED_CHANGES = ("NONE", "LTA_UPDATES", "FORM_FILLING")


@dataclass
class SignatureCheck:
    """The validation of one signature."""

    field: str
    signer: str
    signing_time: dt.datetime | None  # claimed by the signer (/M or signing-time)
    timestamp: dt.datetime | None  # from a trusted time-stamp token (B-T), if any
    intact: bool
    valid: bool
    trusted: bool | None  # None: no trust roots given
    coverage: str  # ENTIRE_FILE, ENTIRE_REVISION, …
    modification: str  # NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS, OTHER
    problems: list[str] = field(default_factory=list)
    changed_fields: list[str] = field(default_factory=list)  # form fields changed after it
    docmdp: str | None = None  # the permissions it sets (FILL_FORMS, NO_CHANGES …), if any
    role: str = ""  # leader / organisation in an electronically issued notice (esign.py)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class PdfCheck:
    """The validation of one PDF: its signatures, or why it could not be checked."""

    pdf: Path
    signatures: list[SignatureCheck] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.signatures) and all(s.ok for s in self.signatures)


def load_certificates(paths: list[Path]) -> list[Any]:
    """Trust roots from PEM or DER files (asn1crypto certificates); SigningError if not."""
    from asn1crypto import pem, x509

    certs = []
    for path in paths:
        try:
            data = Path(path).read_bytes()
            if pem.detect(data):
                blobs = [der for _, _, der in pem.unarmor(data, multiple=True)]
            else:
                blobs = [data]
            for blob in blobs:
                cert = x509.Certificate.load(blob)
                cert.native  # noqa: B018 (parse now, so a bad file fails here)
                certs.append(cert)
        except OSError as exc:
            raise SigningError(f"{path}: cannot read: {exc.strerror}") from exc
        except ValueError as exc:
            raise SigningError(f"{path}: not a PEM or DER certificate: {exc}") from exc
    return certs


def verify_files(pdfs: list[Path], trust: list[Path]) -> list[PdfCheck]:
    """Validate every PDF against the certificates in the files `trust` (none: the
    certificates embedded in each signature). Raises SigningError for a bad trust file."""
    roots = load_certificates(trust)
    return [verify_pdf(Path(pdf), roots) for pdf in pdfs]


def verify_pdf(pdf: Path, trust_roots: list[Any] | None = None) -> PdfCheck:
    """Validate every signature of `pdf` against `trust_roots` (asn1crypto certificates)."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    result = PdfCheck(Path(pdf))
    try:
        with open(pdf, "rb") as fh:
            reader = PdfFileReader(fh, strict=False)
            signatures = list(reader.embedded_regular_signatures)
            if not signatures:
                result.error = "no signature"
            for embedded in signatures:
                result.signatures.append(_check(embedded, trust_roots))
            from .electronic import check_roles

            check_roles(result, reader)
    except OSError as exc:
        result.error = f"cannot read: {exc.strerror}"
    except (PdfError, ValueError, KeyError) as exc:
        result.error = f"not a readable PDF: {exc}"
    return result


def _check(embedded: Any, trust_roots: list[Any] | None) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko_certvalidator import ValidationContext

    name = embedded.field_name
    roots = trust_roots or [c.chosen for c in embedded.signed_data["certificates"]]
    context = ValidationContext(
        trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = validate_pdf_signature(embedded, signer_validation_context=context)
    except (SignatureValidationError, ValueError, KeyError) as exc:
        return SignatureCheck(
            name, "?", None, None, False, False, None, "?", "?", [f"cannot be validated: {exc}"]
        )
    cert = status.signing_cert
    signer = cert.subject.native.get("common_name") or cert.subject.human_friendly
    coverage = status.coverage.name if status.coverage is not None else "?"
    change = status.modification_level.name if status.modification_level is not None else "?"
    tst = status.timestamp_validity
    check = SignatureCheck(
        field=name,
        signer=str(signer),
        signing_time=status.signer_reported_dt,
        timestamp=tst.timestamp if tst is not None and tst.intact and tst.valid else None,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted) if trust_roots else None,
        coverage=coverage,
        modification=change,
    )
    if not status.intact:
        check.problems.append("the signed bytes were changed (digest mismatch)")
    elif not status.valid:
        check.problems.append("the signature does not match the certificate")
    if trust_roots and not status.trusted:
        check.problems.append("the certificate does not chain to a trusted root")
    diff = status.diff_result
    check.changed_fields = sorted(getattr(diff, "changed_form_fields", ()) or ())
    check.docmdp = embedded.docmdp_level.name if embedded.docmdp_level is not None else None
    if change not in ALLOWED_CHANGES:
        check.problems.append(f"the document was changed after signing ({change})")
        if diff is not None and not hasattr(diff, "changed_form_fields"):
            check.problems.append(f"  {str(diff).splitlines()[0]}")
    elif status.docmdp_ok is False:
        check.problems.append(
            f"the document was changed after signing ({change}) and the signature "
            f"permits {check.docmdp}"
        )
    if tst is not None and not (tst.intact and tst.valid):
        check.problems.append("the time stamp is not valid")
    return check
