"""`notice new` and `notice schema`: writing sources."""

from __future__ import annotations

from pathlib import Path

import click

from ..profile.doctypes import SOURCE_KINDS
from ..profile.issuers import LEVELS
from .common import EXISTING_FILE, library_error, tr


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(SOURCE_KINDS), help="The kind of notice.")
@click.option(
    "--issuer",
    "level",
    type=click.Choice(list(LEVELS)),
    help="The issuing body's level (kind TB): a UBND tỉnh or xã, a Văn phòng UBND, a Sở, a "
    "Bộ, the Văn phòng Chính phủ, or another body.",
)
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
def new(
    file: Path, kind: str | None, level: str | None, base: Path | None, schema_ref: str | None
) -> None:
    """Write a commented skeleton source to FILE; an existing FILE is never overwritten."""
    import os

    from ..errors import NoticeError
    from ..source.scaffold import create_source

    if kind is None and base is None and level is None:
        raise click.UsageError(
            f"give --issuer {'|'.join(LEVELS)} or --kind {'|'.join(SOURCE_KINDS)}, "
            "or --from an earlier notice"
        )
    try:
        created = create_source(file, kind, base=base, schema_ref=schema_ref, level=level)
    except NoticeError as exc:
        raise library_error(exc) from None
    click.echo(f'wrote {created.path} ({created.kind}): fill in every "", then run')
    click.echo(f"  notice validate {created.path}")
    if created.schema_missing:
        schema = os.path.relpath(created.schema_path)
        click.echo(
            f"note: its editor schema line points at {created.schema_ref}, which does not "
            f"exist yet; create it with: notice schema -o {schema}",
            err=True,
        )


@click.command()
@click.option(
    "-o",
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the schema to this file instead of printing it.",
)
def schema(out: Path | None) -> None:
    """Print the JSON Schema of the source format (for editors and other tools)."""
    from ..source.schema import schema_text, write_schema

    if out is None:
        click.echo(schema_text(), nl=False)
    else:
        click.echo(tr(f"wrote {write_schema(out)}"))
