"""`notice import`: an existing notice (DOCX or text) becomes a YAML source."""

from __future__ import annotations

from pathlib import Path

import click

from ..profile.doctypes import SOURCE_KINDS
from .common import EXISTING_FILE, library_error, tr


@click.command(name="import")
@click.argument("file", type=EXISTING_FILE)
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The YAML source to write.")  # fmt: skip
@click.option("--issuer", help="The issuing body when the text has no header, parent first: "
              "'UBND TỈNH QUẢNG NGÃI / VĂN PHÒNG'.")  # fmt: skip
@click.option("--kind", type=click.Choice(SOURCE_KINDS), help="The kind, when not guessed right.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def import_(file: Path, out: Path, issuer: str | None, kind: str | None, force: bool) -> None:
    """Turn FILE (.docx, or text with one paragraph per line) into a commented source."""
    from ..errors import NoticeError
    from ..imports.writer import write_source

    try:
        imported = write_source(file, out, issuer=issuer, kind=kind, force=force)
    except NoticeError as exc:
        raise library_error(exc) from None
    for left in imported.leftovers:
        where = f"đoạn {left.paragraph}" if left.paragraph else "-"
        text = " ".join(left.text.split())[:80]
        click.echo(f"{file}: {where}: {tr('not placed')}: {tr(left.why)}: {text}", err=True)
    for note in imported.notes:
        click.echo(f"{file}: {tr(note)}", err=True)
    counts = f"{len(imported.guesses)} guesses, {len(imported.leftovers)} not placed"
    click.echo(tr(f"wrote {out} ({counts}): check it, then run"))
    click.echo(f"  notice validate {out}")
