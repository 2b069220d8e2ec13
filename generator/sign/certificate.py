"""Whether a certificate may sign: inside its validity period, and with a key usage that
allows signatures (digitalSignature or nonRepudiation, when the certificate restricts its
use at all). `notice sign` refuses one that may not, unless told to sign anyway, and
`notice verify` names these reasons instead of a failed chain."""

from __future__ import annotations

import datetime as dt
from typing import Any

#: Key usages of which one must be present when the certificate lists its key usages.
SIGNING_USAGES = ("digital_signature", "non_repudiation")


def certificate_problems(cert: Any, at: dt.datetime | None = None) -> list[str]:
    """Why the asn1crypto certificate `cert` should not sign at `at` (default: now): an empty
    list when it may."""
    at = at or dt.datetime.now(dt.timezone.utc)
    validity = cert["tbs_certificate"]["validity"]
    start, end = validity["not_before"].native, validity["not_after"].native
    span = f"valid {_day(start)} – {_day(end)}"
    problems = []
    if at < start:
        problems.append(f"the certificate is not valid yet ({span})")
    elif at > end:
        problems.append(f"the certificate expired on {_day(end)} ({span})")
    usages = cert.key_usage_value
    if usages is not None and not set(usages.native) & set(SIGNING_USAGES):
        allowed = ", ".join(sorted(usages.native)) or "none"
        problems.append(f"the certificate's key usage does not allow signing ({allowed})")
    return problems


def subject_name(cert: Any) -> str:
    """The certificate's common name, or its whole subject."""
    return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)


def _day(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%d")
