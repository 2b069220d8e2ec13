"""`notice draft` and the electronic options of `notice issue` (issue 17): the leader signs,
then the văn thư numbers, dates and seals (NĐ 30 Điều 13.7, Điều 15.3, Phụ lục I §II.7–8)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXISTING, EXISTING_FILE, library_error, tr

#: The options `notice issue` takes for the electronic order (applied in this order).
ELECTRONIC_OPTIONS = (
    click.option(
        "--signed-pdf",
        type=EXISTING,
        help="Electronic issue: the leader-signed draft (one source), or the folder holding "
        "<stem>.signed.pdf of each; filled, sealed with the organisation's key (--pkcs12 or "
        "--pkcs11-lib) into <stem>.issued.pdf beside it. Nothing is rendered.",
    ),
    click.option("--pkcs12", type=EXISTING_FILE, help="The organisation's key (.p12/.pfx)."),
    click.option("--pkcs11-lib", type=EXISTING_FILE, help="The organisation's token module."),
    click.option("--token-label", help="The token to use (when the module has several)."),
    click.option("--key-label", help="The key to use (its certificate has the same label)."),
    click.option(
        "--seal-image", type=EXISTING_FILE, help="The seal, red PNG on transparent (R-E-ORG)."
    ),
    click.option(
        "--seal-mm",
        type=click.FloatRange(10, 80),
        default=40.0,
        show_default=True,
        help="The seal's real diameter in mm.",
    ),
    click.option("--tsa", "tsa_url", metavar="URL", help="Time-stamp authority (PAdES B-T)."),
    click.option(
        "--attachment",
        "attachments",
        multiple=True,
        type=EXISTING_FILE,
        help="An attachment in a separate PDF, signed by the organisation (R-E-ATT); repeat.",
    ),
)


def electronic_options(command):
    """Add `ELECTRONIC_OPTIONS` to a command."""
    for option in reversed(ELECTRONIC_OPTIONS):
        command = option(command)
    return command


def issue_electronic(sources, date, register_path, signed_pdf: Path, opts: dict):
    """The văn thư's step for `notice issue --signed-pdf`; the library's IssueReport."""
    from ..register.esign import issue_signed
    from ..sign.sealing import OrgOptions

    if opts["seal_image"] is None:
        raise click.UsageError("--signed-pdf needs --seal-image (R-E-ORG)")
    key = read_key(opts["pkcs12"], opts["pkcs11_lib"], opts["token_label"], opts["key_label"])
    options = OrgOptions(opts["seal_image"], opts["seal_mm"], opts["tsa_url"])
    return issue_signed(
        sources, signed_pdf, date, key, options, register_path, list(opts["attachments"])
    )


def read_key(pkcs12: Path | None, pkcs11_lib: Path | None, token_label, key_label):
    """The key of --pkcs12 (password from NOTICE_PKCS12_PASSWORD or a prompt) or of
    --pkcs11-lib (PIN from NOTICE_PKCS11_PIN or a prompt)."""
    import os

    from ..sign.signing import Pkcs11Key, Pkcs12Key

    if (pkcs12 is None) == (pkcs11_lib is None):
        raise click.UsageError("give one key: --pkcs12 FILE or --pkcs11-lib PATH")
    if pkcs12 is not None:
        secret = os.environ.get("NOTICE_PKCS12_PASSWORD")
        if secret is None:
            secret = click.prompt(
                f"Password of {pkcs12}", hide_input=True, default="", show_default=False
            )
        return Pkcs12Key(pkcs12, secret)
    pin = os.environ.get("NOTICE_PKCS11_PIN")
    if pin is None:
        pin = click.prompt("Token PIN", hide_input=True)
    return Pkcs11Key(pkcs11_lib, pin, token_label, key_label)


@click.command()
@click.argument("sources", nargs=-1, required=True, type=EXISTING)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the drafts.",
)
def draft(sources: tuple[Path, ...], out_dir: Path) -> None:
    """Electronic drafts (NĐ 30 Điều 13.7): PDFs whose `Số:` and date lines are blank
    fields for the văn thư, with the leader's and the organisation's signature fields."""
    from ..build.edraft import make_drafts
    from ..errors import NoticeError

    try:
        results = make_drafts(sources, out_dir)
    except NoticeError as exc:
        raise library_error(exc) from None
    if not results:
        raise click.UsageError(f"no *.yaml sources in {', '.join(map(str, sources))}")
    for result in results:
        if result.ok:
            click.echo(f"{result.source} → {', '.join(str(p) for p in result.outputs)}")
        for problem in result.problems:
            click.echo(str(problem), err=True)
        if result.error:
            click.echo(f"{result.source}: error: {tr(result.error)}", err=True)
    click.echo(f"{sum(r.ok for r in results)} of {len(results)} draft(s) written to {out_dir}")
    sys.exit(0 if all(r.ok for r in results) else 1)
