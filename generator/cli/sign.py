"""`notice sign` and `notice verify`: PAdES signatures with pyHanko, and their check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXISTING_FILE, library_error, tr


@click.command()
@click.argument("pdfs", nargs=-1, required=True, type=EXISTING_FILE)
@click.option(
    "--pkcs12",
    type=EXISTING_FILE,
    help="Key and certificate file (.p12/.pfx); password from NOTICE_PKCS12_PASSWORD or a prompt.",
)
@click.option(
    "--pkcs11-lib",
    type=EXISTING_FILE,
    help="PKCS#11 module of a USB token; PIN from NOTICE_PKCS11_PIN or a prompt.",
)
@click.option("--token-label", help="The token to use (when the module has several).")
@click.option("--key-label", help="The key to use (its certificate has the same label).")
@click.option(
    "--tsa", "tsa_url", metavar="URL", help="Time-stamp authority: PAdES B-T instead of B-B."
)
@click.option(
    "--signature-image",
    type=EXISTING_FILE,
    help="The signer's signature, blue PNG on transparent (R-E-SIGNER).",
)
@click.option(
    "--seal-image",
    type=EXISTING_FILE,
    help="The organisation's seal, red PNG on transparent (R-E-ORG).",
)
@click.option(
    "--seal-mm",
    type=click.FloatRange(10, 80),
    default=40.0,
    show_default=True,
    help="The seal's real diameter in mm.",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for <stem>.signed.pdf.  [default: beside each PDF]",
)
@click.option(
    "--manifest-only",
    is_flag=True,
    help="Only write signing-manifest.json (what is to be signed); sign nothing.",
)
@click.option(
    "--manifest",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the manifest.  [default: signing-manifest.json beside the PDFs]",
)
def sign(
    pdfs: tuple[Path, ...],
    pkcs12: Path | None,
    pkcs11_lib: Path | None,
    token_label: str | None,
    key_label: str | None,
    tsa_url: str | None,
    signature_image: Path | None,
    seal_image: Path | None,
    seal_mm: float,
    out_dir: Path | None,
    manifest_only: bool,
    manifest: Path | None,
) -> None:
    """Sign rendered PDFs (PAdES) into the signature field over ô 7c, with the signature and
    seal images; write <stem>.signed.pdf and signing-manifest.json."""
    import os

    from ..errors import NoticeError
    from ..sign.signing import Pkcs11Key, Pkcs12Key, SignOptions, sign_files, write_signing_manifest

    try:
        if manifest_only:
            click.echo(tr(f"wrote {write_signing_manifest(list(pdfs), manifest)}"))
            return
        if (pkcs12 is None) == (pkcs11_lib is None):
            raise click.UsageError("give one key: --pkcs12 FILE or --pkcs11-lib PATH")
        if pkcs12 is not None:
            secret = os.environ.get("NOTICE_PKCS12_PASSWORD")
            if secret is None:
                secret = click.prompt(
                    f"Password of {pkcs12}", hide_input=True, default="", show_default=False
                )
            key: Pkcs12Key | Pkcs11Key = Pkcs12Key(pkcs12, secret)
        else:
            pin = os.environ.get("NOTICE_PKCS11_PIN")
            if pin is None:
                pin = click.prompt("Token PIN", hide_input=True)
            key = Pkcs11Key(pkcs11_lib, pin, token_label, key_label)
        options = SignOptions(tsa_url, signature_image, seal_image, seal_mm, out_dir)
        results = sign_files(list(pdfs), key, options)
        written = write_signing_manifest(list(pdfs), manifest, results)
    except NoticeError as exc:
        raise library_error(exc) from None
    for result in results:
        if result.ok:
            click.echo(f"{result.source} → {result.output}")
        else:
            click.echo(f"{result.source}: error: {result.error}", err=True)
    click.echo(tr(f"{sum(r.ok for r in results)} of {len(results)} PDF(s) signed; {written}"))
    sys.exit(0 if all(r.ok for r in results) else 1)


@click.command()
@click.argument("pdfs", nargs=-1, required=True, type=EXISTING_FILE)
@click.option(
    "--trust",
    multiple=True,
    type=EXISTING_FILE,
    help="A trusted root certificate (PEM/DER); repeat for more. "
    "Without it only integrity is checked.",
)
def verify(pdfs: tuple[Path, ...], trust: tuple[Path, ...]) -> None:
    """Check the signatures of PDFs: signer, time, integrity, trust, changes after signing.
    Exit 1 when a PDF has no signature or an invalid one."""
    from ..errors import NoticeError
    from ..sign.signing import VN_TZ
    from ..sign.verification import verify_files

    try:
        checks = verify_files(list(pdfs), list(trust))
    except NoticeError as exc:
        raise library_error(exc) from None
    for check in checks:
        click.echo(f"{check.pdf}: {'valid' if check.ok else 'INVALID'}")
        if check.error:
            click.echo(f"  {check.error}")
        for s in check.signatures:
            when = s.signing_time.astimezone(VN_TZ).isoformat() if s.signing_time else "?"
            trusted = {True: "yes", False: "NO", None: "not checked (no --trust)"}[s.trusted]
            role = f" ({s.role})" if s.role else ""
            click.echo(f"  {s.field}{role}: signed by {s.signer} at {when}")
            if s.timestamp:
                click.echo(f"    time stamp: {s.timestamp.astimezone(VN_TZ).isoformat()}")
            click.echo(
                f"    intact: {'yes' if s.intact else 'NO'}; valid: "
                f"{'yes' if s.valid else 'NO'}; trusted: {trusted}"
            )
            click.echo(f"    coverage: {s.coverage}; changed after signing: {s.modification}")
            if s.docmdp == "FILL_FORMS":
                click.echo("    certification: only form filling and signing permitted after it")
            if s.changed_fields:
                verdict = "permitted" if s.ok else "NOT permitted"
                changed = ", ".join(s.changed_fields)
                click.echo(f"    fields changed after it: {changed} ({verdict})")
            for problem in s.problems:
                click.echo(f"    problem: {problem}")
    sys.exit(0 if all(c.ok for c in checks) else 1)
