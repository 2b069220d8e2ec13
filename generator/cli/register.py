"""`notice issue`, `notice register export` and `notice tasks`: from draft to issued, and the
books kept from the register."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import (
    EXISTING,
    EXISTING_FILE,
    library_error,
    print_failures,
    require_sources,
    tr,
)
from .esign import electronic_options, issue_electronic


@click.command()
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
@electronic_options
def issue(
    sources: tuple[Path, ...],
    register_path: Path | None,
    issued_on,
    out_dir: Path,
    fmt: str,
    do_render: bool,
    signed_pdf: Path | None,
    **electronic,
) -> None:
    """Issue drafts: give each the next number of its body, ký hiệu and year and its issue
    date, record it in the register, write both into the source, and render it; or, with
    --signed-pdf, fill and seal the leader-signed electronic draft (NĐ 30 Điều 13.7)."""
    import datetime as dt

    from ..convert.backends import default_converter
    from ..errors import NoticeError
    from ..register.issuance import issue_and_render

    formats = ("docx", "pdf") if fmt == "all" else (fmt,)
    date = issued_on.date() if issued_on else dt.date.today()  # the CLI reads the clock
    try:
        if signed_pdf is not None:
            report = issue_electronic(sources, date, register_path, signed_pdf, electronic)
        else:
            if electronic["attachments"] or electronic["pkcs12"] or electronic["pkcs11_lib"]:
                raise click.UsageError("--attachment, --pkcs12 and --pkcs11-lib need --signed-pdf")
            engine = default_converter() if do_render and "pdf" in formats else None
            report = issue_and_render(
                sources, date, register_path, out_dir if do_render else None, formats, engine
            )
    except NoticeError as exc:
        raise library_error(exc) from None
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
            click.echo(f"error: {tr(result.error)}", err=True)
    if report.rendered is not None:
        for result in report.rendered.results:
            if result.ok:
                click.echo(f"{result.source} → {', '.join(str(p) for p in result.outputs)}")
        print_failures(report.rendered)
    good = sum(r.ok for r in report.results)
    click.echo(tr(f"{good} of {len(report.results)} draft(s) issued; register: {report.register}"))
    sys.exit(0 if report.ok else 1)


@click.group()
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
    from ..errors import NoticeError
    from ..register.book import export_register

    try:
        data = export_register(register_path, fmt, year=year, body=body)
    except NoticeError as exc:
        raise library_error(exc) from None
    out = out or Path(f"so-dang-ky-van-ban-di{f'-{year}' if year else ''}.{fmt}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    click.echo(tr(f"wrote {out}"))


REGISTER_BESIDE = click.option(
    "--register",
    "register_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The register file.  [default: register.sqlite beside the sources]",
)


@register.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@REGISTER_BESIDE
def register_import(folder: Path, register_path: Path | None) -> None:
    """Record every issued source of FOLDER (number and date) in the register, creating it
    when missing: the numbers go on after the highest of each body, ký hiệu and year."""
    from ..errors import NoticeError
    from ..register.intake import import_sources

    try:
        report = import_sources(folder, register_path)
    except NoticeError as exc:
        raise library_error(exc) from None
    for entry in report.recorded:
        click.echo(f"{entry.source}: số {entry.number_symbol} ngày {entry.date_text} recorded")
    for source in report.already:
        click.echo(f"{source}: already in the register")
    for (body, symbol, year), number in sorted(report.highest.items()):
        name = body.replace(chr(10), " ")
        click.echo(f"{name}, {symbol}, {year}: next number {number + 1:02d}")
    click.echo(f"{len(report.recorded)} source(s) recorded; register: {report.register}")


@register.command("set")
@click.option(
    "--like",
    "like",
    type=EXISTING_FILE,
    required=True,
    help="A source of the office (draft or issued): its issuing body and ký hiệu.",
)
@click.option("--year", type=click.IntRange(1900, 9999), required=True, help="The year.")
@click.option(
    "--last",
    "last_number",
    type=click.IntRange(min=0),
    required=True,
    help="The last number the office has already given this year (the next is one more).",
)
@REGISTER_BESIDE
def register_set(like: Path, year: int, last_number: int, register_path: Path | None) -> None:
    """Record where an office already is: the last number it gave in YEAR for the body and
    ký hiệu of a source, before it used this register."""
    from ..errors import NoticeError
    from ..register.intake import set_last_number

    try:
        report = set_last_number(like, year, last_number, register_path)
    except NoticeError as exc:
        raise library_error(exc) from None
    name = report.body.replace(chr(10), " ")
    click.echo(
        f"{name}, {report.symbol}, {report.year}: next number {report.next_number:02d}; "
        f"register: {report.register}"
    )


@click.command()
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

    from ..register.tasks import collect_tasks, export_tasks

    found, report = collect_tasks(paths)
    require_sources(report, paths)
    print_failures(report)
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
