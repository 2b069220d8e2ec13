"""The `notice` command: options in, one library call, exit code out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

EXISTING = click.Path(exists=True, path_type=Path)


def _print_failures(report) -> None:
    for result in report.failed:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        if result.error:
            click.echo(f"{result.source}: {result.error}", err=True)


def _require_sources(report, paths) -> None:
    if not report.results:
        raise click.UsageError(f"no *.yaml sources in {', '.join(map(str, paths))}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="notice")
def main() -> None:
    """Vietnamese official notices (Thông báo, NĐ 30/2020/NĐ-CP) from YAML sources."""


# -- authoring commands (issue 6) go right below this line --


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
    help="Folder for OUT/<stem>.docx and OUT/<stem>.pdf.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "pdf", "all"]),
    default="all",
    show_default=True,
    help="What to write.",
)
@click.option("--template", type=EXISTING, help="Use this DOCX template for every source.")
@click.option(
    "--converter",
    type=click.Choice(["auto", "libreoffice", "word"]),
    default="auto",
    show_default=True,
    help="PDF engine: Word (docx2pdf) on Windows/macOS, LibreOffice elsewhere.",
)
def render(
    paths: tuple[Path, ...], out_dir: Path, fmt: str, template: Path | None, converter: str
) -> None:
    """Render YAML sources (files or folders) to DOCX and PDF."""
    from . import api
    from .errors import NoticeError
    from .pdf import default_converter

    formats = ("docx", "pdf") if fmt == "all" else (fmt,)
    try:
        engine = default_converter(converter) if "pdf" in formats else None
    except NoticeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    report = api.render(paths, out_dir, formats, template=template, converter=engine)
    _require_sources(report, paths)
    for result in report.results:
        if result.ok:
            click.echo(f"{result.source} → {', '.join(str(p) for p in result.outputs)}")
    _print_failures(report)
    click.echo(
        f"{len(report.results) - len(report.failed)} of {len(report.results)} notice(s) rendered"
    )
    sys.exit(0 if report.ok else 1)
