"""`notice check`: any DOCX or PDF against NĐ 30."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import EXISTING, tr


@click.command()
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
@click.option(
    "--accept-twin",
    is_flag=True,
    envvar="NOTICE_ACCEPT_TWIN",
    help="Accept a PDF set in a metric twin of Times New Roman (Liberation Serif on Linux) "
    "without a warning; other fonts are still errors.  [env: NOTICE_ACCEPT_TWIN=1]",
)
def check(paths: tuple[Path, ...], fmt: str, strict: bool, accept_twin: bool) -> None:
    """Check DOCX and PDF notices (files or folders) against NĐ 30; exit 1 on errors."""
    import json

    from ..check import checker as conformance
    from ..errors import NoticeError

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
            findings = conformance.check(path, accept_twins=accept_twin)
        except NoticeError as exc:
            click.echo(f"{path}: error: {exc}", err=True)
            failed = True
            continue
        failed = failed or any(
            f.severity == "error" or (strict and f.severity == "warning") for f in findings
        )
        rows += [{"file": str(path), **f.as_dict()} for f in findings]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            quoted = row["text"] and f"«{row['text'][:20]}" in row["message"]
            text = f" «{row['text']}»" if row["text"] and not quoted else ""
            where = f"{row['file']}:{row['location']}"
            click.echo(f"{where}: {row['rule']} {row['severity']}: {row['message']}{text}")
        errors = sum(row["severity"] == "error" for row in rows)
        warnings = sum(row["severity"] == "warning" for row in rows)
        summary = f"{errors} error(s), {warnings} warning(s) in {len(files)} file(s)"
        click.echo(tr(summary), err=True)
    sys.exit(1 if failed else 0)
