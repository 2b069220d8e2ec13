"""Signing rendered notices with pyHanko: PAdES B-B, or B-T with a time-stamp authority, with
a key from a PKCS#12 file or from a PKCS#11 token (a USB token, a SoftHSM2 test token).

The signature goes into the empty field over the signature gap when `notice render
--sign-field` made one, or into a new field found the same way (`sigfield.py`). Its visible
appearance is drawn by `appearance.py` (R-E-SIGNER, R-E-ORG). A signed copy is written
beside the original as `<stem>.signed.pdf` (so `manifest.json` still describes the
rendered file, and a later `notice render` never overwrites a signature).

For the signer, `write_signing_manifest` lists each PDF with its SHA-256, number, trích
yếu and signer, read from the `<stem>.meta.json` sidecars (`metadata.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import SignatureFieldError, SigningError
from ..files import sha256_bytes, sha256_file, write_atomic
from . import field as sigfield
from . import metadata

VN_TZ = dt.timezone(dt.timedelta(hours=7))  # giờ Việt Nam, UTC+07:00 (no daylight saving)
MANIFEST = "signing-manifest.json"
SIGNED_SUFFIX = ".signed.pdf"
DEFAULT_SEAL_MM = 40.0


@dataclass(frozen=True)
class SignOptions:
    """How to sign: time-stamp authority (B-T), images, seal size, output folder."""

    tsa_url: str | None = None
    signature_image: Path | None = None
    seal_image: Path | None = None
    seal_mm: float = DEFAULT_SEAL_MM
    out_dir: Path | None = None  # default: beside each PDF


@dataclass
class SignedPdf:
    """What happened to one PDF: its signed copy, or why there is none."""

    source: Path
    output: Path | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.output is not None


@dataclass(frozen=True)
class Pkcs12Key:
    """A key and certificate in a PKCS#12 (.p12/.pfx) file."""

    path: Path
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Pkcs11Key:
    """A key on a PKCS#11 token: the module (.so/.dll), PIN, token and key labels."""

    library: Path
    pin: str | None = field(default=None, repr=False)
    token_label: str | None = None
    key_label: str | None = None


def sign_files(
    pdfs: list[Path], key: Pkcs12Key | Pkcs11Key, options: SignOptions
) -> list[SignedPdf]:
    """Open the key once, sign every PDF (`sign_pdfs`). Raises SigningError when the key
    cannot be opened; a PDF that cannot be signed is reported in its result."""
    if isinstance(key, Pkcs12Key):
        return sign_pdfs(pdfs, load_pkcs12(key.path, key.password), options)
    with pkcs11_signer(key.library, key.pin, key.token_label, key.key_label) as signer:
        return sign_pdfs(pdfs, signer, options)


def load_pkcs12(path: Path, password: str | bytes | None) -> Any:
    """A pyHanko signer from a PKCS#12 (.p12/.pfx) file; SigningError on a wrong password."""
    from pyhanko.sign.signers import SimpleSigner

    secret = password.encode("utf-8") if isinstance(password, str) else password
    try:
        return SimpleSigner.load_pkcs12_data(Path(path).read_bytes(), None, passphrase=secret)
    except OSError as exc:
        raise SigningError(f"{path}: cannot read: {exc.strerror}") from exc
    except (ValueError, TypeError) as exc:
        raise SigningError(f"{path}: cannot open the PKCS#12 file (wrong password?)") from exc


@contextlib.contextmanager
def pkcs11_signer(
    library: Path, pin: str | None, token_label: str | None = None, key_label: str | None = None
) -> Iterator[Any]:
    """A pyHanko signer on a PKCS#11 token, for the duration of the `with` block.

    Without `token_label`, the module must hold exactly one initialised token; without
    `key_label`, the token exactly one private key (its certificate has the same label).
    """
    import pkcs11
    from pkcs11 import Attribute, ObjectClass
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    try:
        if token_label is None:
            tokens = [
                t
                for t in pkcs11.lib(str(library)).get_tokens()
                if t.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED
            ]
            if len(tokens) != 1:
                names = ", ".join(repr(t.label) for t in tokens) or "none"
                raise SigningError(f"{len(tokens)} tokens found ({names}); choose --token-label")
            token_label = tokens[0].label
        session = open_pkcs11_session(
            str(library), token_criteria=TokenCriteria(label=token_label), user_pin=pin
        )
    except (pkcs11.PKCS11Error, RuntimeError, OSError) as exc:
        raise SigningError(f"{library}: cannot open token {token_label!r}: {_why(exc)}") from exc
    try:
        if key_label is None:
            keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
            if len(keys) != 1:
                names = ", ".join(repr(k.label) for k in keys) or "none"
                raise SigningError(
                    f"token {token_label!r} holds {len(keys)} private keys ({names}); "
                    "choose --key-label"
                )
            key_label = keys[0].label
        signer = PKCS11Signer(session, key_label=key_label, cert_label=key_label)
        try:
            signer.signing_cert  # noqa: B018 (loads the key and certificate now, to fail early)
        except _signing_errors() as exc:
            raise SigningError(
                f"token {token_label!r}: key or certificate {key_label!r}: {_why(exc)}"
            ) from exc
        yield signer
    finally:
        with contextlib.suppress(Exception):
            session.close()


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def signed_path(pdf: Path, out_dir: Path | None = None) -> Path:
    """`x.pdf` → `x.signed.pdf`, beside it or in `out_dir`."""
    pdf = Path(pdf)
    name = pdf.name.removesuffix(".pdf").removesuffix(".signed") + SIGNED_SUFFIX
    return (Path(out_dir) if out_dir else pdf.parent) / name


def sign_pdfs(pdfs: list[Path], signer: Any, options: SignOptions) -> list[SignedPdf]:
    """Sign every PDF with one signer; a failure does not stop the others."""
    results = []
    for pdf in pdfs:
        result = SignedPdf(Path(pdf))
        try:
            result.output = sign_pdf(Path(pdf), signer, options)
        except (SigningError, SignatureFieldError) as exc:
            result.error = str(exc)
        results.append(result)
    return results


def sign_pdf(pdf: Path, signer: Any, options: SignOptions) -> Path:
    """Sign `pdf` (PAdES B-B, or B-T with `options.tsa_url`) into `<stem>.signed.pdf`.

    Raises SigningError, or SignatureFieldError when there is no field and no gap is found.
    """
    from pyhanko.pdf_utils.generic import PdfError
    from pyhanko.sign import fields, signers

    from . import appearance

    try:
        data = pdf.read_bytes()
        writer = sigfield.open_for_update(data)
    except OSError as exc:
        raise SigningError(f"{pdf}: cannot read: {exc.strerror}") from exc
    except (PdfError, ValueError) as exc:
        raise SigningError(f"{pdf}: not a readable PDF: {exc}") from exc
    existing = next(iter(fields.enumerate_sig_fields(writer, with_name=sigfield.FIELD_NAME)), None)
    if existing is not None and existing[1] is not None:
        raise SigningError(f"{pdf}: already signed (field {sigfield.FIELD_NAME} is filled)")
    if existing is not None:
        widget = _widget(existing[2].get_object())
        gap = tuple(float(v) for v in widget["/Rect"])
        page = None
    else:
        # the PDF itself, not a sidecar that a later render may have left stale
        try:
            found = sigfield.find_signature_gap(data, _signer_name(pdf))
        except SignatureFieldError:
            found = sigfield.find_signature_gap(data, None)
        gap, page = found.rect, found.page
    signature = _image(options.signature_image)
    seal = _image(options.seal_image)
    from .electronic import leader_setup

    certify = leader_setup(writer, gap, signature.size if signature else None, seal)
    layout = appearance.plan_layout(
        gap, signature.size if signature else None, options.seal_mm if seal else None
    )
    spec = None
    if existing is None:
        spec = fields.SigFieldSpec(
            sigfield.FIELD_NAME,
            on_page=page,
            box=layout.widget,
            readable_field_name=sigfield.FIELD_LABEL,
        )
    else:
        from pyhanko.pdf_utils.generic import ArrayObject, FloatObject

        widget["/Rect"] = ArrayObject([FloatObject(v) for v in layout.widget])
        writer.mark_update(existing[2])
    timestamper = None
    if options.tsa_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(options.tsa_url, timeout=30)
    meta = signers.PdfSignatureMetadata(
        field_name=sigfield.FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    if certify:  # an electronic draft: form filling (number, date) and signing permitted
        from pyhanko.sign.fields import MDPPerm

        meta = replace(meta, certify=True, docmdp_permissions=MDPPerm.FILL_FORMS)
    pdf_signer = signers.PdfSigner(
        meta,
        signer,
        timestamper=timestamper,
        new_field_spec=spec,
        stamp_style=appearance.stamp_style(layout, signature, seal),
    )
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(writer, output=out, appearance_text_params=_text_params(signer))
    except _signing_errors() as exc:  # OSError covers the TSA's TimestampRequestError
        raise SigningError(f"{pdf}: cannot sign: {type(exc).__name__}: {exc}") from exc
    target = signed_path(pdf, options.out_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, lambda tmp: tmp.write_bytes(out.getvalue()))
    except OSError as exc:
        raise SigningError(f"{target}: cannot write: {exc.strerror}") from exc
    return target


def _signing_errors() -> tuple[type[BaseException], ...]:
    """The third-party errors a signing run can raise: pyHanko's, the TSA client's
    (aiohttp), and a token's (python-pkcs11, when installed)."""
    import aiohttp
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign.general import SigningError as HankoSigningError

    errors: list[type[BaseException]] = [
        HankoSigningError,
        PdfError,
        ValueError,
        OSError,
        asyncio.TimeoutError,
        aiohttp.ClientError,
    ]
    with contextlib.suppress(ImportError):
        import pkcs11

        errors.append(pkcs11.PKCS11Error)
    return tuple(errors)


def _widget(field: Any) -> Any:
    """The widget annotation of a signature field (the field itself when merged)."""
    kids = field.get("/Kids")
    return kids[0].get_object() if kids else field


def _text_params(signer: Any) -> dict[str, str]:
    """The appearance text: the certificate's common name and the signing time (UTC+7)."""
    subject = signer.signing_cert.subject.native
    who = subject.get("common_name") or signer.signing_cert.subject.human_friendly
    when = dt.datetime.now(VN_TZ).strftime("%d/%m/%Y %H:%M:%S +07:00")
    return {"who": str(who), "when": when}


def _signer_name(pdf: Path) -> str | None:
    meta = metadata.read_metadata(pdf)
    info = (meta or {}).get("SignerInfo") or {}
    return info.get("FullName") if isinstance(info, dict) else None


def _image(path: Path | None) -> Any:
    if path is None:
        return None
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.convert("RGBA")
    except (OSError, UnidentifiedImageError) as exc:
        raise SigningError(f"{path}: not a readable image: {exc}") from exc


# -- for the signer: what is about to be signed ------------------------------------------


def signing_manifest_entry(pdf: Path, base: Path) -> dict[str, Any]:
    """One PDF as the signer sees it: file, SHA-256, number, date, trích yếu, signer."""
    data = Path(pdf).read_bytes()
    meta = metadata.read_metadata(pdf) or {}
    signer = meta.get("SignerInfo") or {}
    number = meta.get("CodeNumber") or ""
    notation = meta.get("CodeNotation") or ""
    return {
        "file": Path(os.path.relpath(Path(pdf).resolve(), base.resolve())).as_posix(),
        "sha256": sha256_bytes(data),
        "bytes": len(data),
        "pages": meta.get("PageAmount"),
        "number": f"{number}/{notation}" if number else "",
        "issued_date": meta.get("IssuedDate"),
        "subject": meta.get("Subject"),
        "signer": signer.get("FullName"),
        "signer_position": signer.get("Position"),
        "metadata": metadata.sidecar_path(pdf).name if meta else None,
    }


def write_signing_manifest(
    pdfs: list[Path], out: Path | None = None, signed: list[SignedPdf] | None = None
) -> Path:
    """Write `signing-manifest.json` (default: in the PDFs' folder) listing every PDF; with
    `signed`, each entry also names its signed copy and that copy's SHA-256."""
    if out is None:
        folders = {Path(p).resolve().parent for p in pdfs}
        if len(folders) != 1:
            raise SigningError("the PDFs lie in several folders; name the manifest with -o")
        out = folders.pop() / MANIFEST
    out = Path(out)
    try:
        entries = [signing_manifest_entry(Path(p), out.parent) for p in pdfs]
    except OSError as exc:
        raise SigningError(f"{exc.filename}: cannot read: {exc.strerror}") from exc
    for entry, result in zip(entries, signed or [], strict=False):
        if result.output is not None:
            entry["signed"] = {
                "file": Path(
                    os.path.relpath(result.output.resolve(), out.parent.resolve())
                ).as_posix(),
                "sha256": sha256_file(result.output),
            }
        elif result.error:
            entry["error"] = result.error
    document = {
        "format": 1,
        "created": dt.datetime.now(VN_TZ).isoformat(timespec="seconds"),
        "documents": entries,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, lambda tmp: tmp.write_text(text, "utf-8"))
    return out
