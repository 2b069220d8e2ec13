"""The `notice` command: options in, one library call, exit code out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__

EXISTING = click.Path(exists=True, path_type=Path)


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
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
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
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
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
                force=force, check=check, strict=strict, on_progress=on_progress,
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
