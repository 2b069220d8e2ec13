"""What the command modules share: path types, common options, and how a report or a
library error is printed in the user's language."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import click

EXISTING = click.Path(exists=True, path_type=Path)
EXISTING_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def lang() -> str:
    """The language chosen with --lang, or the locale's: "vi" or "en"."""
    from .messages import default_lang

    ctx = click.get_current_context(silent=True)
    chosen = (ctx.find_root().obj or {}).get("lang") if ctx else None
    return chosen or default_lang()


def tr(message: str) -> str:
    """`message` in the language chosen with --lang (or the locale's)."""
    from .messages import localize

    return localize(message, lang())


def finding_words(record: dict) -> tuple[str, str]:
    """The message and the location of a checker finding's record (`Finding.as_dict`) in
    the chosen language: the English ones stand beside the Vietnamese. A record without
    them (a file the checker could not read) holds a library error, worded in English."""
    if "message_en" not in record:
        return tr(record["message"]), record["location"]
    if lang() == "en":
        return record["message_en"], record["location_en"]
    return record["message"], record["location"]


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


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C's KeyboardInterrupt wherever the program is, so
    every long command stops the same way: outputs and manifest kept, temporary folders
    removed, LibreOffice stopped. Exit 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def handle_signals() -> None:
    """SIGTERM (systemd, containers, CI timeouts) and SIGHUP (a closed terminal) handled
    like SIGINT; only the main thread of the main process can install handlers."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def terminate(signum: int, frame: object) -> None:
        signal.signal(signum, signal.SIG_IGN)  # a second one must not cut the clean-up short
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), terminate)


def interrupted_exit(exc: BaseException) -> int:
    """The exit code after an interrupt: 130 for Ctrl-C, 128 + N for signal N."""
    return 128 + getattr(exc, "signum", 2)


@contextlib.contextmanager
def library_warnings() -> Iterator[None]:
    """Print the library's own warnings (a manifest set aside or not written, …) raised in
    the block as `warning: …` lines in the user's language, whatever the process's warning
    filters; any other warning is shown as Python shows it."""
    import warnings

    from ..errors import ManifestWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ManifestWarning)
        try:
            yield
        finally:
            for warning in caught:
                if issubclass(warning.category, ManifestWarning):
                    click.echo(f"warning: {tr(str(warning.message))}", err=True)
                else:
                    warnings.showwarning(warning.message, warning.category, warning.filename,
                                         warning.lineno)  # fmt: skip


def quiet_libraries() -> None:
    """pyHanko logs its validation failures with their tracebacks; what failed is in our own
    result (`notice verify` prints the reasons), so none of it reaches the user."""
    import logging

    for name in ("pyhanko", "pyhanko_certvalidator"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(logging.NullHandler())
        logger.propagate = False
