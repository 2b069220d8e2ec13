"""What the command modules share: path types, common options, and how a report or a
library error is printed in the user's language."""

from __future__ import annotations

from pathlib import Path

import click

EXISTING = click.Path(exists=True, path_type=Path)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def tr(message: str) -> str:
    """`message` in the language chosen with --lang (or the locale's)."""
    from .messages import default_lang, localize

    ctx = click.get_current_context(silent=True)
    lang = (ctx.find_root().obj or {}).get("lang") if ctx else None
    return localize(message, lang or default_lang())


def print_failures(report) -> None:
    from dataclasses import replace

    for result in report.failed:
        for problem in result.problems:
            click.echo(str(replace(problem, message=tr(problem.message))), err=True)
        if result.error:
            click.echo(f"{result.source}: {tr(result.error)}", err=True)


def print_warnings(report) -> int:
    """Each source's warnings as `file:line:col: field: warning: message`; how many sources
    had one."""
    from dataclasses import replace

    warned = 0
    for result in report.results:
        warned += bool(result.warnings)
        for problem in result.warnings:
            message = f"{tr('warning')}: {tr(problem.message)}"
            click.echo(str(replace(problem, message=message)), err=True)
    return warned


def require_sources(report, paths) -> None:
    if not report.results:
        raise click.UsageError(f"no *.yaml sources in {', '.join(map(str, paths))}")


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


def library_error(exc: Exception) -> click.exceptions.Exit:
    """Print a library error (every problem of a SourceError); `raise` the result to exit 1."""
    for problem in getattr(exc, "problems", None) or []:
        click.echo(str(problem), err=True)
    if not getattr(exc, "problems", None):
        for line in str(exc).splitlines():  # one error a line: the clashes of an import
            click.echo(f"error: {tr(line)}", err=True)
    return click.exceptions.Exit(1)


def print_rendered(report) -> None:
    for result in report.results:
        if result.ok:
            click.echo(f"{result.source} → {', '.join(str(p) for p in result.outputs)}")
    print_failures(report)
