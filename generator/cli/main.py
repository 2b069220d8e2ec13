"""The `notice` group and its batch commands, `validate` and `render`; the other command
groups live beside it, one module each, and are added in `__init__.py`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from .common import (
    EXISTING,
    FORMAT,
    TEMPLATE,
    print_failures,
    print_warnings,
    require_sources,
    tr,
)
from .help import remember_lang


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, package_name="notice")
@click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default=None,
    is_eager=True,
    callback=remember_lang,
    help="Language of messages; default from the locale (LANG=vi_VN… → vi).",
)
@click.pass_context
def main(ctx: click.Context, lang: str | None) -> None:
    """Vietnamese official notices (Thông báo, NĐ 30/2020/NĐ-CP) from YAML sources."""
    ctx.obj = {"lang": lang}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=EXISTING)
@click.option("--strict", is_flag=True, help="A warning (địa danh, the 2025 map) fails its source.")
def validate(paths: tuple[Path, ...], strict: bool) -> None:
    """Check YAML sources; print every problem as file:line:col: field: message, and every
    warning (the địa danh rule, bodies the 2025 reform abolished) the same way."""
    from ..build import pipeline

    report = pipeline.validate(paths)
    require_sources(report, paths)
    print_failures(report)
    warned = print_warnings(report)
    good = len(report.results) - len(report.failed) - (warned if strict else 0)
    click.echo(tr(f"{good} of {len(report.results)} source(s) valid"))
    sys.exit(0 if report.ok and not (strict and warned) else 1)


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
@click.option(
    "--allow-check-errors",
    is_flag=True,
    help="Keep a notice the NĐ 30 checker finds errors in (by default it fails, exit 1).",
)
@click.option("--strict", is_flag=True, hidden=True, help="The default: a checker error fails.")
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
    allow_check_errors: bool,
    strict: bool,
    watermark: bool,
    sign_field: bool,
) -> None:
    """Render YAML sources (files or folders) to DOCX and PDF, skipping unchanged ones,
    and check what was written against NĐ 30."""
    from ..build import pipeline
    from ..convert.backends import default_converter
    from ..errors import NoticeError

    formats = ("docx", "pdf") if fmt == "all" else (fmt,)
    try:
        engine = (
            default_converter(converter, servers=list(servers), workers=jobs)
            if "pdf" in formats
            else None
        )
    except NoticeError as exc:
        click.echo(f"error: {tr(str(exc))}", err=True)
        sys.exit(1)
    with _progress() as on_progress:
        try:
            report = pipeline.render(
                paths, out_dir, formats, template=template, converter=engine, jobs=jobs,
                force=force, check=check, strict=strict or not allow_check_errors,
                watermark=watermark, sign_field=sign_field, on_progress=on_progress,
            )  # fmt: skip
        except KeyboardInterrupt:
            click.echo("interrupted: finished outputs are kept, see manifest.json", err=True)
            sys.exit(130)
        except NoticeError as exc:
            click.echo(f"error: {tr(str(exc))}", err=True)
            sys.exit(1)
    require_sources(report, paths)
    print_warnings(report)
    _print_findings(report)
    print_failures(report)
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
        click.echo(tr(f"{rule} warning ({count} file(s)): {message}"), err=True)


def _summary(report, out_dir: Path) -> None:
    """The closing table: how many notices were rendered, unchanged, failed."""
    counts = {"rendered": 0, "unchanged": 0, "failed": 0}
    for result in report.results:
        status = "failed" if not result.ok else ("unchanged" if result.unchanged else "rendered")
        counts[status] += 1
    line = ", ".join(tr(f"{n} {status}") for status, n in counts.items() if n)
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
    click.echo(tr(f"{len(report.results)} notice(s): {line}"))
