"""`notice watch` and `notice preview`: the author's loop."""

from __future__ import annotations

from pathlib import Path

import click

from .common import (
    CONVERTER,
    EXISTING,
    EXISTING_FILE,
    FORMAT,
    TEMPLATE,
    library_error,
    print_rendered,
    tr,
)


@click.command()
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

    from ..build.watch import watch_sources
    from ..convert.backends import default_converter
    from ..errors import NoticeError

    formats = ("docx", "pdf") if fmt == "all" else (fmt,)
    try:
        engine = default_converter(converter) if "pdf" in formats else None
    except NoticeError as exc:
        raise library_error(exc) from None
    click.echo(tr(f"watching {path}; Ctrl-C to stop"))
    try:
        for event in watch_sources(path, out_dir, formats, template=template, converter=engine):
            why = ", ".join(map(str, event.changed)) or tr("first render")
            click.echo(f"[{dt.datetime.now():%H:%M:%S}] {why}")
            print_rendered(event.report)
    except KeyboardInterrupt:
        click.echo(tr("stopped"))


@click.command()
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
    from ..build.preview import preview as draw_pages
    from ..convert.backends import default_converter
    from ..errors import NoticeError

    try:
        pages = draw_pages(source, out, dpi=dpi, converter=default_converter(converter))
    except NoticeError as exc:
        raise library_error(exc) from None
    for page in pages:
        click.echo(str(page))
