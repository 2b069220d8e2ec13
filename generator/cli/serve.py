"""`notice serve`: the local web editor."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .common import library_error, tr


@click.command()
@click.argument(
    "folder",
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help="Port on 127.0.0.1; default: a free one.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the editor in a browser.")
@click.pass_context
def serve(ctx: click.Context, folder: Path, port: int, no_browser: bool) -> None:
    """Edit the sources of FOLDER in a browser: a form with a live page preview.
    Ctrl-C stops."""
    import logging
    import webbrowser

    from ..errors import NoticeError
    from ..serve.server import serve as run
    from .messages import localize

    lang = (ctx.find_root().obj or {}).get("lang") or "vi"  # the editor speaks Vietnamese
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request

    def ready(running) -> None:
        click.echo(tr(f"serving {running.folder} at {running.url}; Ctrl-C to stop"))
        if not no_browser:
            webbrowser.open(running.url)

    try:
        run(folder, port=port, translate=lambda m: localize(m, lang), on_ready=ready)
    except OSError as exc:
        error = NoticeError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}")
        raise library_error(error) from None
    except NoticeError as exc:
        raise library_error(exc) from None
    click.echo(tr("stopped"))
    # Everything is released by now (socket, LibreOffice, temporary folder); request threads
    # still blocked in a conversion or a keep-alive read must not hold up the exit.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
