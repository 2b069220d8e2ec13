"""`notice template check`: the command over `build.template.check_template` (options in,
one library call, exit code out)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def template() -> None:
    """Work with DOCX templates."""


@template.command("check")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["TB-VP", "TB-UBND"]),
    default=None,
    help="The notices the template is for.  [default: either]",
)
def check_template(path: Path, kind: str | None) -> None:
    """Check a DOCX template: its tags, variables, fixed texts and styles, named by
    paragraph and style, then NĐ 30 on a sample notice rendered with it; exit 1 on errors."""
    from ..build.template import check_template
    from ..errors import NoticeError
    from .messages import default_lang, localize

    root = click.get_current_context().find_root()
    lang = (root.obj or {}).get("lang") or default_lang()
    try:
        report = check_template(path, kind)
    except NoticeError as exc:
        click.echo(f"error: {localize(str(exc), lang)}", err=True)
        sys.exit(1)
    for problem in report.problems:
        click.echo(f"{path}: {problem.message(lang)}")
    sample = "thông báo mẫu" if lang == "vi" else "sample notice"
    for f in report.findings:
        text = f" «{f.text}»" if f.text else ""
        click.echo(f"{path}: {sample}, {f.location}: {f.rule} {f.severity}: {f.message}{text}")
    errors = sum(p.severity == "error" for p in [*report.problems, *report.findings])
    warnings = len(report.problems) + len(report.findings) - errors
    summary = (
        f"{errors} lỗi, {warnings} cảnh báo"
        if lang == "vi"
        else f"{errors} error(s), {warnings} warning(s)"
    )
    click.echo(summary, err=True)
    sys.exit(0 if report.ok else 1)
