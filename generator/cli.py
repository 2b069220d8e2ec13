"""The `notice` command: options in, one library call, exit code out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

EXISTING = click.Path(exists=True, path_type=Path)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _t(message: str) -> str:
    """`message` in the language chosen with --lang (or the locale's)."""
    from .messages import default_lang, localize

    ctx = click.get_current_context(silent=True)
    lang = (ctx.find_root().obj or {}).get("lang") if ctx else None
    return localize(message, lang or default_lang())


def _print_failures(report) -> None:
    from dataclasses import replace

    for result in report.failed:
        for problem in result.problems:
            click.echo(str(replace(problem, message=_t(problem.message))), err=True)
        if result.error:
            click.echo(f"{result.source}: {_t(result.error)}", err=True)


def _require_sources(report, paths) -> None:
    if not report.results:
        raise click.UsageError(f"no *.yaml sources in {', '.join(map(str, paths))}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, package_name="notice")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    help="Language of messages; default from the locale (LANG=vi_VN… → vi).",
)
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """Vietnamese official notices (Thông báo, NĐ 30/2020/NĐ-CP) from YAML sources."""
    ctx.obj = {"lang": lang}


# -- issue 5: from draft to issued to signed -------------------------------------------------


@main.command()
@click.argument("sources", nargs=-1, required=True, type=EXISTING)
@click.option(
    "--register",
    "register_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The register of numbers (SQLite).  [default: register.sqlite beside the sources]",
)
@click.option(
    "--date",
    "issued_on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Issue date.  [default: today]",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for the issued DOCX and PDF.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "all"]),
    default="all",
    show_default=True,
    help="What to render once issued.",
)
@click.option(
    "--render/--no-render",
    "do_render",
    default=True,
    show_default=True,
    help="Render the issued notices into OUT.",
)
@click.option(
    "--signed-pdf",
    type=EXISTING,
    help="Electronic issue: the leader-signed draft (one source), or the folder holding "
    "<stem>.signed.pdf of each; filled, sealed with the organisation's key (--pkcs12 or "
    "--pkcs11-lib) into <stem>.issued.pdf beside it. Nothing is rendered.",
)
@click.option("--pkcs12", type=EXISTING_FILE, help="The organisation's key (.p12/.pfx).")
@click.option("--pkcs11-lib", type=EXISTING_FILE, help="The organisation's token module.")
@click.option("--token-label", help="The token to use (when the module has several).")
@click.option("--key-label", help="The key to use (its certificate has the same label).")
@click.option(
    "--seal-image", type=EXISTING_FILE, help="The seal, red PNG on transparent (R-E-ORG)."
)
@click.option(
    "--seal-mm", type=click.FloatRange(10, 80), default=40.0, show_default=True,
    help="The seal's real diameter in mm.",
)  # fmt: skip
@click.option("--tsa", "tsa_url", metavar="URL", help="Time-stamp authority (PAdES B-T).")
@click.option(
    "--attachment",
    "attachments",
    multiple=True,
    type=EXISTING_FILE,
    help="An attachment in a separate PDF, signed by the organisation (R-E-ATT); repeat.",
)
def issue(
    sources: tuple[Path, ...],
    register_path: Path | None,
    issued_on,
    out_dir: Path,
    fmt: str,
    do_render: bool,
    signed_pdf: Path | None = None,
    pkcs12: Path | None = None,
    pkcs11_lib: Path | None = None,
    token_label: str | None = None,
    key_label: str | None = None,
    seal_image: Path | None = None,
    seal_mm: float = 40.0,
    tsa_url: str | None = None,
    attachments: tuple[Path, ...] = (),
) -> None:
    """Issue drafts: give each the next number of its body, ký hiệu and year and its issue
    date, record it in the register, write both into the source, and render it; or, with
    --signed-pdf, fill and seal the leader-signed electronic draft (NĐ 30 Điều 13.7)."""
    import datetime as dt

    from .errors import NoticeError
    from .issuance import issue_and_render
    from .pdf import default_converter

    formats = ("docx", "pdf") if fmt == "all" else (fmt,)
    date = issued_on.date() if issued_on else dt.date.today()  # the CLI reads the clock
    try:
        if signed_pdf is not None:
            from .esign import issue_signed
            from .sealing import OrgOptions

            if seal_image is None:
                raise click.UsageError("--signed-pdf needs --seal-image (R-E-ORG)")
            key = _read_key(pkcs12, pkcs11_lib, token_label, key_label)
            report = issue_signed(
                sources, signed_pdf, date, key, OrgOptions(seal_image, seal_mm, tsa_url),
                register_path, list(attachments),
            )  # fmt: skip
        else:
            if attachments or pkcs12 or pkcs11_lib:
                raise click.UsageError("--attachment, --pkcs12 and --pkcs11-lib need --signed-pdf")
            engine = default_converter() if do_render and "pdf" in formats else None
            report = issue_and_render(
                sources, date, register_path, out_dir if do_render else None, formats, engine
            )
    except NoticeError as exc:
        raise _failed(exc) from None
    for note in report.reconciled:
        click.echo(f"note: {note}", err=True)
    for result in report.results:
        if result.entry is not None:
            entry = result.entry
            click.echo(f"{result.source}: số {entry.number_symbol} ngày {entry.date_text}")
            for output in result.outputs:
                click.echo(f"  → {output}")
        for problem in result.problems:
            click.echo(str(problem), err=True)
        if result.error:
            click.echo(f"error: {_t(result.error)}", err=True)
    if report.rendered is not None:
        for result in report.rendered.results:
            if result.ok:
                click.echo(f"{result.source} → {', '.join(str(p) for p in result.outputs)}")
        _print_failures(report.rendered)
    good = sum(r.ok for r in report.results)
    click.echo(f"{good} of {len(report.results)} draft(s) issued; register: {report.register}")
    sys.exit(0 if report.ok else 1)


def _read_key(pkcs12: Path | None, pkcs11_lib: Path | None, token_label, key_label):
    """The key of --pkcs12 (password from NOTICE_PKCS12_PASSWORD or a prompt) or of
    --pkcs11-lib (PIN from NOTICE_PKCS11_PIN or a prompt)."""
    import os

    from .signing import Pkcs11Key, Pkcs12Key

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


@main.command()
@click.argument("sources", nargs=-1, required=True, type=EXISTING)
@click.option(
    "-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"), show_default=True, help="Folder for the drafts.",
)  # fmt: skip
def draft(sources: tuple[Path, ...], out_dir: Path) -> None:
    """Electronic drafts (NĐ 30 Điều 13.7): PDFs whose `Số:` and date lines are blank
    fields for the văn thư, with the leader's and the organisation's signature fields."""
    from .edraft import make_drafts
    from .errors import NoticeError

    try:
        results = make_drafts(sources, out_dir)
    except NoticeError as exc:
        raise _failed(exc) from None
    if not results:
        raise click.UsageError(f"no *.yaml sources in {', '.join(map(str, sources))}")
    for result in results:
        if result.ok:
            click.echo(f"{result.source} → {', '.join(str(p) for p in result.outputs)}")
        for problem in result.problems:
            click.echo(str(problem), err=True)
        if result.error:
            click.echo(f"{result.source}: error: {_t(result.error)}", err=True)
    click.echo(f"{sum(r.ok for r in results)} of {len(results)} draft(s) written to {out_dir}")
    sys.exit(0 if all(r.ok for r in results) else 1)


@main.group()
def register() -> None:
    """The register of issued numbers (Sổ đăng ký văn bản đi)."""


@register.command("export")
@click.option(
    "--register",
    "register_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("notices/register.sqlite"),
    show_default=True,
    help="The register file.",
)
@click.option("--year", type=click.IntRange(1900, 9999), help="Only this year.")
@click.option("--body", help="Only the issuing body whose name contains this text.")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx"]), required=True, help="File format."
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Output file.  [default: so-dang-ky-van-ban-di[-YEAR].FORMAT here]",
)
def register_export(
    register_path: Path, year: int | None, body: str | None, fmt: str, out: Path | None
) -> None:
    """Write the Sổ đăng ký văn bản đi (NĐ 30/2020, Phụ lục IV) as CSV or XLSX."""
    from .errors import NoticeError
    from .register_book import export_register

    try:
        data = export_register(register_path, fmt, year=year, body=body)
    except NoticeError as exc:
        raise _failed(exc) from None
    out = out or Path(f"so-dang-ky-van-ban-di{f'-{year}' if year else ''}.{fmt}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    click.echo(f"wrote {out}")


@main.command()
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

    from .errors import NoticeError
    from .signing import Pkcs11Key, Pkcs12Key, SignOptions, sign_files, write_signing_manifest

    try:
        if manifest_only:
            click.echo(f"wrote {write_signing_manifest(list(pdfs), manifest)}")
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
        raise _failed(exc) from None
    for result in results:
        if result.ok:
            click.echo(f"{result.source} → {result.output}")
        else:
            click.echo(f"{result.source}: error: {result.error}", err=True)
    click.echo(f"{sum(r.ok for r in results)} of {len(results)} PDF(s) signed; {written}")
    sys.exit(0 if all(r.ok for r in results) else 1)


@main.command()
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
    from .errors import NoticeError
    from .signing import VN_TZ
    from .verification import verify_files

    try:
        checks = verify_files(list(pdfs), list(trust))
    except NoticeError as exc:
        raise _failed(exc) from None
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


# -- authoring commands (issue 6) go right below this line --

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "all"]),
    default="all",
    show_default=True,
    help="What to write.",
)
TEMPLATE = click.option(
    "--template", type=EXISTING, help="Use this DOCX template for every source."
)
CONVERTER = click.option(
    "--converter",
    type=click.Choice(["auto", "libreoffice", "word"]),
    default="auto",
    show_default=True,
    help="PDF engine: Word (docx2pdf) on Windows/macOS, LibreOffice elsewhere.",
)


def _failed(exc: Exception) -> click.exceptions.Exit:
    """Print a library error (every problem of a SourceError); `raise` the result to exit 1."""
    for problem in getattr(exc, "problems", None) or []:
        click.echo(str(problem), err=True)
    if not getattr(exc, "problems", None):
        click.echo(f"error: {_t(str(exc))}", err=True)
    return click.exceptions.Exit(1)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["TB-VP", "TB-UBND"]), help="The kind of notice.")
@click.option(
    "--from",
    "base",
    type=EXISTING_FILE,
    help="Copy agency, place, recipients, archive and signer from this notice.",
)
@click.option(
    "--schema",
    "schema_ref",
    help="Path or URL for the editor's $schema line "
    "(default: the nearest schema/notice.schema.json).",
)
def new(file: Path, kind: str | None, base: Path | None, schema_ref: str | None) -> None:
    """Write a commented skeleton source to FILE; an existing FILE is never overwritten."""
    import os

    from .errors import NoticeError
    from .scaffold import create_source

    if kind is None and base is None:
        raise click.UsageError("give --kind TB-VP|TB-UBND, or --from an earlier notice")
    try:
        created = create_source(file, kind, base=base, schema_ref=schema_ref)
    except NoticeError as exc:
        raise _failed(exc) from None
    click.echo(f'wrote {created.path} ({created.kind}): fill in every "", then run')
    click.echo(f"  notice validate {created.path}")
    if created.schema_missing:
        schema = os.path.relpath(created.schema_path)
        click.echo(
            f"note: its editor schema line points at {created.schema_ref}, which does not "
            f"exist yet; create it with: notice schema -o {schema}",
            err=True,
        )


@main.command()
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
def schema(out: Path | None) -> None:
    """Print the JSON Schema of the source format (for editors and other tools)."""
    from .schema import schema_text, write_schema

    if out is None:
        click.echo(schema_text(), nl=False)
    else:
        click.echo(f"wrote {write_schema(out)}")


def _print_rendered(report) -> None:
    for result in report.results:
        if result.ok:
            click.echo(f"{result.source} → {', '.join(str(p) for p in result.outputs)}")
    _print_failures(report)


@main.command()
@click.argument("path", type=EXISTING)
@click.option(
    "-o", "--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Output folder."
)
@FORMAT
@TEMPLATE
@CONVERTER
def watch(path: Path, out_dir: Path, fmt: str, template: Path | None, converter: str) -> None:
    """Render PATH (a source or a folder), then again whenever a source or its template
    changes. Ctrl-C stops."""
    import datetime as dt

    from .errors import NoticeError
    from .pdf import default_converter
    from .watch import watch_sources

    formats = ("docx", "pdf") if fmt == "all" else (fmt,)
    try:
        engine = default_converter(converter) if "pdf" in formats else None
    except NoticeError as exc:
        raise _failed(exc) from None
    click.echo(f"watching {path}; Ctrl-C to stop")
    try:
        for event in watch_sources(path, out_dir, formats, template=template, converter=engine):
            why = ", ".join(map(str, event.changed)) or "first render"
            click.echo(f"[{dt.datetime.now():%H:%M:%S}] {why}")
            _print_rendered(event.report)
    except KeyboardInterrupt:
        click.echo("stopped")


@main.command()
@click.argument("source", type=EXISTING_FILE)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Image name: OUT.png gives OUT-1.png, OUT-2.png, …  [default: <stem>.png here]",
)
@click.option("--dpi", type=click.IntRange(30, 600), default=100, show_default=True)
@CONVERTER
def preview(source: Path, out: Path | None, dpi: int, converter: str) -> None:
    """Render SOURCE to PDF and write one PNG per page; print their paths."""
    from .errors import NoticeError
    from .pdf import default_converter
    from .preview import preview as draw_pages

    try:
        pages = draw_pages(source, out, dpi=dpi, converter=default_converter(converter))
    except NoticeError as exc:
        raise _failed(exc) from None
    for page in pages:
        click.echo(str(page))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "ics"]),
    default="csv",
    show_default=True,
    help="CSV for Excel (UTF-8 with BOM), or iCalendar with one VTODO per task.",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
def tasks(paths: tuple[Path, ...], fmt: str, out: Path | None) -> None:
    """Export the tasks of notices (items with an assignee or a deadline) for follow-up."""
    import datetime as dt

    from .tasks import collect_tasks, export_tasks

    found, report = collect_tasks(paths)
    _require_sources(report, paths)
    _print_failures(report)
    data = export_tasks(found, fmt, dt.datetime.now(dt.timezone.utc))
    good = len(report.results) - len(report.failed)
    summary = f"{len(found)} task(s) from {good} of {len(report.results)} notice(s)"
    if out is None:
        click.echo(data, nl=False)  # bytes go to the binary stdout
        click.echo(summary, err=True)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        click.echo(f"{summary} → {out}")
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
def validate(paths: tuple[Path, ...]) -> None:
    """Check YAML sources; print every problem as file:line:col: field: message."""
    from . import api

    report = api.validate(paths)
    _require_sources(report, paths)
    _print_failures(report)
    good = len(report.results) - len(report.failed)
    click.echo(f"{good} of {len(report.results)} source(s) valid")
    sys.exit(0 if report.ok else 1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder for OUT/<stem>.docx, OUT/<stem>.pdf and OUT/manifest.json.",
)
@FORMAT
@TEMPLATE
@click.option(
    "--converter",
    type=click.Choice(["auto", "libreoffice", "word", "unoserver"]),
    default="auto",
    show_default=True,
    help="PDF engine: Word (docx2pdf) on Windows/macOS, LibreOffice elsewhere, or "
    "running unoserver instances (--server).",
)
@click.option(
    "--server",
    "servers",
    multiple=True,
    metavar="HOST:PORT",
    help="A unoserver instance for --converter unoserver; repeat to spread the work.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (DOCX) and LibreOffice instances (PDF); default: one per core.",
)
@click.option("--force", is_flag=True, help="Rebuild every notice, even unchanged ones.")
@click.option(
    "--check",
    type=click.Choice(["sample", "all", "none"]),
    default="sample",
    show_default=True,
    help="NĐ 30 checker on what is written: the first notice of each template (sample), "
    "every notice (all), or none.",
)
@click.option("--strict", is_flag=True, help="A checker error fails its notice (exit 1).")
@click.option(
    "--watermark", is_flag=True, help='Mark drafts with a diagonal "DỰ THẢO" on every page.'
)
@click.option(
    "--sign-field",
    is_flag=True,
    help="Make PDFs signature-ready: an empty signature field over the signer's gap (ô 7c), "
    "<stem>.sigfield.json and <stem>.meta.json (Phụ lục VI).",
)
def render(
    paths: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    template: Path | None,
    converter: str,
    servers: tuple[str, ...],
    jobs: int | None,
    force: bool,
    check: str,
    strict: bool,
    watermark: bool,
    sign_field: bool,
) -> None:
    """Render YAML sources (files or folders) to DOCX and PDF, skipping unchanged ones,
    and check what was written against NĐ 30."""
    from . import api
    from .errors import NoticeError
    from .pdf import default_converter

    formats = ("docx", "pdf") if fmt == "all" else (fmt,)
    try:
        engine = (
            default_converter(converter, servers=list(servers), workers=jobs)
            if "pdf" in formats
            else None
        )
    except NoticeError as exc:
        click.echo(f"error: {_t(str(exc))}", err=True)
        sys.exit(1)
    with _progress() as on_progress:
        try:
            report = api.render(
                paths, out_dir, formats, template=template, converter=engine, jobs=jobs,
                force=force, check=check, strict=strict, watermark=watermark,
                sign_field=sign_field, on_progress=on_progress,
            )  # fmt: skip
        except KeyboardInterrupt:
            click.echo("interrupted: finished outputs are kept, see manifest.json", err=True)
            sys.exit(130)
        except NoticeError as exc:
            click.echo(f"error: {_t(str(exc))}", err=True)
            sys.exit(1)
    _require_sources(report, paths)
    _print_findings(report)
    _print_failures(report)
    _summary(report, out_dir)
    sys.exit(0 if report.ok else 1)


def _progress():
    """A rich progress bar on a terminal; a plain line per stage elsewhere (CI, pipes)."""
    import contextlib

    @contextlib.contextmanager
    def plain():
        reported: set[str] = set()

        def on_progress(stage: str, done: int, total: int) -> None:
            if total and done == total and stage not in reported:
                reported.add(stage)
                click.echo(f"{stage}: {done}/{total}", err=True)

        yield on_progress

    if not sys.stderr.isatty():
        return plain()

    @contextlib.contextmanager
    def bar():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        with Progress(
            "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), transient=False,
        ) as progress:  # fmt: skip
            tasks: dict[str, int] = {}

            def on_progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage.upper(), total=total)
                progress.update(tasks[stage], completed=done, total=total)

            yield on_progress

    return bar()


def _print_findings(report) -> None:
    """Checker errors one per line; warnings once per rule and message, with a count."""
    warnings: dict[tuple[str, str], int] = {}
    for result in report.results:
        if result.unchanged:
            continue
        for f in result.findings:
            if f["severity"] == "error":
                where = f" {f['location']}:" if f["location"] else ""
                text = f" «{f['text']}»" if f["text"] else ""
                click.echo(f"{f['file']}:{where} {f['rule']} error: {f['message']}{text}", err=True)
            else:
                key = (f["rule"], f["message"])
                warnings[key] = warnings.get(key, 0) + 1
    for (rule, message), count in sorted(warnings.items()):
        click.echo(f"{rule} warning ({count} file(s)): {message}", err=True)


def _summary(report, out_dir: Path) -> None:
    """The closing table: how many notices were rendered, unchanged, failed."""
    counts = {"rendered": 0, "unchanged": 0, "failed": 0}
    for result in report.results:
        status = "failed" if not result.ok else ("unchanged" if result.unchanged else "rendered")
        counts[status] += 1
    line = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{out_dir}/manifest.json")
        for column in ("notice", "status", "outputs"):
            table.add_column(column)
        for result in report.results:
            status = (
                "failed" if not result.ok else ("unchanged" if result.unchanged else "rendered")
            )
            table.add_row(result.source.name, status, " ".join(p.name for p in result.outputs))
        Console().print(table)
    click.echo(f"{len(report.results)} notice(s): {line}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output: one line per finding, or a JSON list.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check DOCX and PDF notices (files or folders) against NĐ 30; exit 1 on errors."""
    import json

    from . import conformance
    from .errors import NoticeError

    try:
        files = conformance.checkable_files(paths)
    except NoticeError as exc:
        raise click.UsageError(str(exc)) from exc
    if not files:
        raise click.UsageError(f"no .docx or .pdf files in {', '.join(map(str, paths))}")
    failed = False
    rows = []
    for path in files:
        try:
            findings = conformance.check(path)
        except NoticeError as exc:
            click.echo(f"{path}: error: {exc}", err=True)
            failed = True
            continue
        failed = failed or any(f.severity == "error" or strict for f in findings)
        rows += [{"file": str(path), **f.as_dict()} for f in findings]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            text = f" «{row['text']}»" if row["text"] else ""
            where = f"{row['file']}:{row['location']}"
            click.echo(f"{where}: {row['rule']} {row['severity']}: {row['message']}{text}")
        errors = sum(row["severity"] == "error" for row in rows)
        click.echo(f"{errors} lỗi, {len(rows) - errors} cảnh báo trong {len(files)} tệp", err=True)
    sys.exit(1 if failed else 0)
