"""The one exception hierarchy of the package; the CLI catches `NoticeError` once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One problem in a source, at a place a person can find: `file:line:col: field: message`."""

    path: Path
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{self.column}:{field} {self.message}"


class NoticeError(Exception):
    """Base class of every error this package raises on purpose."""


class SourceError(NoticeError):
    """A YAML source cannot be read or does not describe a valid notice.

    Carries every problem found in the file, not only the first.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class TemplateError(NoticeError):
    """A DOCX template is missing, unreadable, or its Jinja tags fail to render."""


class OutputError(NoticeError):
    """The output folder cannot be written: missing rights, read-only, disk full."""


class ConversionError(NoticeError):
    """DOCX → PDF conversion failed, timed out, or produced no valid PDF."""


class ConverterMissingError(ConversionError):
    """No PDF converter is installed; the message names what to install."""


class PreviewError(NoticeError):
    """The PDF could not be made, or `pdftoppm` is missing or failed."""


class ScaffoldError(NoticeError):
    """A skeleton cannot be written: the file exists, or --kind and --from disagree."""


class CheckError(NoticeError):
    """A file cannot be checked: unknown type, unreadable, or a tool to read it is missing."""


class RegisterError(NoticeError):
    """The register of issued numbers (SQLite) cannot be opened, read or written, stays
    locked by another process for too long, or holds rows that contradict each other."""


class IssueError(NoticeError):
    """A draft cannot be issued: it already has a number, the issue date is earlier than that
    of the last number of its sequence, or number and date cannot be written back safely."""


class SignatureFieldError(NoticeError):
    """The signature gap (ô 7c) cannot be found in a PDF, or the field cannot be added."""


class SigningError(NoticeError):
    """A PDF cannot be signed: the key or certificate cannot be loaded (wrong password or PIN,
    token or key not found), the time-stamp authority fails, or the PDF cannot be read."""


class ImportSourceError(NoticeError):
    """A file cannot be imported: not a DOCX or a text file, too large, a special file, or the
    output exists already."""
