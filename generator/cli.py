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
    help="Folder for OUT/<stem>.docx, OUT/<stem>.pdf and OUT/manifest.json.",
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
def render(
    paths: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    template: Path | None,
    converter: str,
    servers: tuple[str, ...],
    jobs: int | None,
    force: bool,
) -> None:
    """Render YAML sources (files or folders) to DOCX and PDF, skipping unchanged ones."""
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
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    with _progress() as on_progress:
        try:
            report = api.render(
                paths, out_dir, formats, template=template, converter=engine, jobs=jobs,
                force=force, on_progress=on_progress,
            )  # fmt: skip
        except KeyboardInterrupt:
            click.echo("interrupted: finished outputs are kept, see manifest.json", err=True)
            sys.exit(130)
    _require_sources(report, paths)
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
