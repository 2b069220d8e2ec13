"""The văn thư's step of electronic issuance (`notice issue --signed-pdf`, issue 17): for
each source, its leader-signed draft checked, the next number taken in the register's
transaction (`issuance.issue_source`), the number and date filled and the organisation's
signature added (`electronic.seal_pdf`), each attachment signed (R-E-ATT), and the issued
PDFs written before the source, named in the pending note, and recorded with both signers
and their SHA-256 in the register's `signed` table. A process killed before the source is
written leaves PDFs the next issuer removes with the number; one killed after it, a number
the next issuer records with its `signed` row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import IssueError, NoticeError
from ..sign import formfields
from ..sign.sealing import OrgOptions, check_leader_signed, common_name, seal_pdf, sign_attachment
from ..sign.signing import VN_TZ, Pkcs11Key, Pkcs12Key

ISSUED_SUFFIX = ".issued.pdf"


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
    *,
    on_step: Any = None,
) -> Any:
    """Issue leader-signed drafts: for each source (in order), its signed PDF numbered,
    dated and sealed into `<stem>.issued.pdf` — one register transaction each, a failure
    leaving that source and its files untouched. Returns an `issuance.IssueReport`.
    `on_step` is told of each of `issuance.STEPS`. Raises RegisterError or SigningError
    when the register or the key cannot be used."""
    from ..source.loader import iter_source_files
    from .issuance import Issued, IssueReport
    from .store import Register, default_register

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
                    reg, source, pdf, date, (signer, options, seal), list(attachments), on_step
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
    from ..sign.signing import load_pkcs12, pkcs11_signer

    if isinstance(key, Pkcs12Key):
        yield load_pkcs12(key.path, key.password)
        return
    with pkcs11_signer(key.library, key.pin, key.token_label, key.key_label) as signer:
        yield signer


def _seal(options: OrgOptions) -> Any:
    from ..sign.signing import _image

    return _image(options.seal_image)


def _issue_one(
    register: Any,
    source: Path,
    pdf: Path,
    date: dt.date,
    organisation: tuple[Any, OrgOptions, Any],
    attachments: list[Path],
    on_step: Any,
) -> Any:
    """One source through `issuance.issue_source`, its signed files made under the lock;
    `organisation` is the signer, its options and the seal image."""
    from .issuance import issue_source

    signer, options, seal = organisation

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
        from ..profile import vietnamese as vi

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

    return issue_source(register, source, date, on_step, sign)


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
        "organisation": common_name(signer.signing_cert),
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


def _relative(path: Path, register: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), register.resolve().parent)).as_posix()
    except ValueError:
        return str(path.resolve())


def _same_document(data: bytes, notice: Any, pdf: Path) -> None:
    """The signed PDF is this source's notice: page 1 carries its trích yếu's first words."""
    rows = formfields.header_rows(data)
    text = " ".join("".join(c["text"] for c in chars) for _, chars in rows)
    wanted = " ".join(notice.subject.split()[:6])
    if formfields._fold(wanted) not in formfields._fold(" ".join(text.split())):
        raise IssueError(
            f"{pdf}: is not the notice of this source (its trích yếu is not on page 1)"
        )
