"""The register of issued numbers: one SQLite file (default `register.sqlite` beside the
sources) that gives every issued notice its số and records it for the Sổ đăng ký văn bản đi.

Numbers run per issuing body, ký hiệu and year, from 01 on 1 January (Điều 15, R-SO-1): a
new one is the largest of its sequence plus one, taken inside one short `BEGIN IMMEDIATE`
transaction, and a UNIQUE constraint on (body, ký hiệu, year, number) refuses a duplicate
whatever happens. The file is in WAL mode, so readers never wait for the one writer.

Crash safety (see `issuance.py`): while its transaction is open, an issuer writes a small
*pending* file beside the register, then the source, then commits, then removes the pending
file. A process killed before the commit leaves the pending file behind; the next writer,
holding the lock, reconciles it first — the row is recorded when the source already carries
the number, dropped when it does not — so the register and the sources never disagree and
no number is given twice or skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import NoticeError, RegisterError
from ..files import write_durably
from ..profile import vietnamese as vi

DEFAULT_NAME = "register.sqlite"
FORMAT_VERSION = 1
#: How long a writer waits for another one to finish before giving up, in seconds.
LOCK_TIMEOUT_S = 60.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS issued (
    body TEXT NOT NULL,
    symbol TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    number INTEGER NOT NULL CHECK (number >= 1),
    issued_on TEXT NOT NULL,
    type_name TEXT NOT NULL,
    subject TEXT NOT NULL,
    signer TEXT NOT NULL,
    signer_position TEXT NOT NULL,
    recipients TEXT NOT NULL,
    archive TEXT NOT NULL,
    copies INTEGER,
    source TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (body, symbol, year, number)
);
CREATE TABLE IF NOT EXISTS floors (
    body TEXT NOT NULL,
    symbol TEXT NOT NULL,
    year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),
    last_number INTEGER NOT NULL CHECK (last_number >= 0),
    recorded_at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (body, symbol, year)
);
CREATE TABLE IF NOT EXISTS signed (
    body TEXT NOT NULL,
    symbol TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    pdf TEXT NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    signer TEXT NOT NULL,
    signer_certificate_sha256 TEXT NOT NULL,
    organisation TEXT NOT NULL,
    organisation_certificate_sha256 TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    attachments TEXT NOT NULL DEFAULT '[]',
    UNIQUE (body, symbol, year, number)
);
"""
#: The columns of `signed`: an electronically issued notice (issue 17), recorded in the same
#: transaction as its number: its PDF with SHA-256, the leader's and the organisation's
#: certificates, and the attachments the organisation signed ([{file, sha256}] as JSON).
SIGNED_COLUMNS = (
    "body", "symbol", "year", "number", "pdf", "pdf_sha256", "signer",
    "signer_certificate_sha256", "organisation", "organisation_certificate_sha256",
    "signed_at", "attachments",
)  # fmt: skip


@dataclass(frozen=True)
class RegisterEntry:
    """One issued notice as the register records it (the columns of the Sổ đăng ký)."""

    body: str  # cơ quan ban hành: the lines of ô 2 (parent first), joined by newlines
    symbol: str  # ký hiệu, e.g. TB-UBND
    year: int
    number: int
    issued_on: dt.date
    type_name: str  # tên loại, e.g. Thông báo
    subject: str  # trích yếu
    signer: str
    signer_position: str
    recipients: tuple[str, ...]  # nơi nhận
    archive: str  # đơn vị, người nhận bản lưu: `VT, KGVX(2)`
    copies: int | None  # số lượng bản (phát hành)
    source: str  # the YAML source, relative to the register's folder when possible
    source_sha256: str  # of the source as written back, number and date included
    recorded_at: str = ""  # UTC time of the record, ISO 8601
    note: str = ""  # ghi chú

    @property
    def number_symbol(self) -> str:
        """`07/TB-UBND` (R-SO-0, R-KH-FMT)."""
        return f"{vi.format_number(self.number)}/{self.symbol}"

    @property
    def date_text(self) -> str:
        """The issue date as the notices write it: `05/01/2024`, `15/3/2024` (R-DATE-1)."""
        d = self.issued_on
        return vi.format_short_date(d.year, d.month, d.day)

    def as_json(self) -> dict:
        """A JSON-ready dict (dates as ISO strings)."""
        data = asdict(self)
        data["issued_on"] = self.issued_on.isoformat()
        data["recipients"] = list(self.recipients)
        return data

    @classmethod
    def from_json(cls, data: dict) -> RegisterEntry:
        """The inverse of `as_json`."""
        values = dict(data)
        values["issued_on"] = dt.date.fromisoformat(values["issued_on"])
        values["recipients"] = tuple(values["recipients"])
        return cls(**values)


_COLUMNS = [f.name for f in RegisterEntry.__dataclass_fields__.values()]


@dataclass
class Reconciled:
    """What start-up reconciliation did with one pending file left by a killed issuer."""

    pending: Path
    source: str
    number_symbol: str
    recorded: bool  # True: the source carries the number, the row was recorded
    reason: str

    def __str__(self) -> str:
        done = "recorded" if self.recorded else "dropped"
        return (
            f"{self.source}: {done} {self.number_symbol}, left pending by a stopped issuer "
            f"({self.reason})"
        )


@dataclass
class Register:
    """An open register file. Use as a context manager, or call `close`."""

    path: Path
    connection: sqlite3.Connection
    reconciled: list[Reconciled] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Register:
        """Open (or, with `create`, create) the register at `path` in WAL mode; raise
        RegisterError."""
        path = Path(path)
        if not create and not path.is_file():
            raise RegisterError(f"{path}: no register here (give --register FILE)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise RegisterError(f"{path}: cannot open the register: {exc}") from exc
        register = cls(path, conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(LOCK_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")  # a commit survives a power cut
            with register.writing(reconcile=False):
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    conn.execute(statement)
                row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if row is None:
                    conn.execute("INSERT INTO meta VALUES ('format', ?)", (str(FORMAT_VERSION),))
                elif row[0] != str(FORMAT_VERSION):
                    raise RegisterError(
                        f"{path}: register format {row[0]}, this tool reads {FORMAT_VERSION}"
                    )
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise RegisterError(f"{path}: not a usable register: {exc}") from exc
        except NoticeError:
            conn.close()
            raise
        return register

    def close(self) -> None:
        """Close the connection (the register stays consistent however it is left)."""
        self.connection.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def writing(self, *, reconcile: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction (`BEGIN IMMEDIATE`: the register's write lock is held until
        it ends). Pending files of stopped issuers are reconciled first. Commits on success,
        rolls back on any exception."""
        conn = self.connection
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise RegisterError(
                f"{self.path}: the register stayed locked for {LOCK_TIMEOUT_S:.0f} s "
                f"(another issuer?): {exc}"
            ) from exc
        try:
            if reconcile:
                settled = len(self.reconciled)
                self._reconcile()
                if len(self.reconciled) > settled:
                    # committed on their own: a refusal of what follows must not undo them
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise RegisterError(f"{self.path}: cannot commit: {exc}") from exc

    # -- numbers -------------------------------------------------------------------------

    def last(self, body: str, symbol: str, year: int) -> RegisterEntry | None:
        """The entry with the largest number of a sequence, or None when it is empty."""
        row = self.connection.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM issued WHERE body = ? AND symbol = ? "
            "AND year = ? ORDER BY number DESC LIMIT 1",
            (body, symbol, year),
        ).fetchone()
        return _entry(row) if row else None

    def next_number(self, body: str, symbol: str, year: int) -> int:
        """The number the next notice of a sequence gets: 1 on a new year (R-SO-1), or the
        one after where `notice register set` said the office already was."""
        last = self.last(body, symbol, year)
        return max(0 if last is None else last.number, self.floor(body, symbol, year)) + 1

    # -- where an office already is (`notice register set`, `notice register import`) -----

    def floor(self, body: str, symbol: str, year: int) -> int:
        """The last number an office gave before this register (0 when none was set)."""
        row = self.connection.execute(
            "SELECT last_number FROM floors WHERE body = ? AND symbol = ? AND year = ?",
            (body, symbol, year),
        ).fetchone()
        return row[0] if row else 0

    def set_floor(self, body: str, symbol: str, year: int, last_number: int, note: str) -> None:
        """Record (inside `writing`) that a sequence already reached `last_number`."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.connection.execute(
            "INSERT INTO floors VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (body, symbol, year) "
            "DO UPDATE SET last_number = excluded.last_number, "
            "recorded_at = excluded.recorded_at, note = excluded.note",
            (body, symbol, year, last_number, now, note),
        )

    def entry_at(self, body: str, symbol: str, year: int, number: int) -> RegisterEntry | None:
        """The entry holding one number of a sequence, or None."""
        row = self.connection.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM issued WHERE body = ? AND symbol = ? "
            "AND year = ? AND number = ?",
            (body, symbol, year, number),
        ).fetchone()
        return _entry(row) if row else None

    def is_started(self) -> bool:
        """Whether the register holds anything: an issued number or where an office was."""
        conn = self.connection
        return bool(
            conn.execute("SELECT 1 FROM issued LIMIT 1").fetchone()
            or conn.execute("SELECT 1 FROM floors LIMIT 1").fetchone()
        )

    def record(self, entry: RegisterEntry) -> None:
        """Insert an entry (inside `writing`); a duplicate number raises RegisterError."""
        values = entry.as_json()
        values["recipients"] = json.dumps(values["recipients"], ensure_ascii=False)
        try:
            self.connection.execute(
                f"INSERT INTO issued ({', '.join(_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
                [values[c] for c in _COLUMNS],
            )
        except sqlite3.IntegrityError as exc:
            raise RegisterError(
                f"{self.path}: {entry.number_symbol} of {entry.year} is already registered: {exc}"
            ) from exc

    def record_signed(self, row: dict) -> None:
        """Insert the `signed` row of an electronically issued notice (inside `writing`)."""
        try:
            self.connection.execute(
                f"INSERT INTO signed ({', '.join(SIGNED_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in SIGNED_COLUMNS)})",
                [row[c] for c in SIGNED_COLUMNS],
            )
        except sqlite3.Error as exc:
            raise RegisterError(f"{self.path}: cannot record the signed PDF: {exc}") from exc

    def signed(self, body: str, symbol: str, year: int, number: int) -> dict | None:
        """The `signed` row of one number, or None."""
        row = self.connection.execute(
            f"SELECT {', '.join(SIGNED_COLUMNS)} FROM signed WHERE body = ? AND symbol = ? "
            "AND year = ? AND number = ?",
            (body, symbol, year, number),
        ).fetchone()
        return dict(zip(SIGNED_COLUMNS, row, strict=True)) if row else None

    def entries(self, year: int | None = None) -> list[RegisterEntry]:
        """Every entry (of `year`), by body, year, issue date, ký hiệu and number."""
        where, args = ("WHERE year = ?", (year,)) if year is not None else ("", ())
        try:
            rows = self.connection.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM issued {where} "
                "ORDER BY body, year, issued_on, symbol, number",
                args,
            ).fetchall()
        except sqlite3.Error as exc:
            raise RegisterError(f"{self.path}: cannot read the register: {exc}") from exc
        return [_entry(r) for r in rows]

    # -- pending files (crash safety) -----------------------------------------------------

    def write_pending(
        self, entry: RegisterEntry, source: Path, signed: dict | None = None,
        files: list[Path] = (),
    ) -> Path:  # fmt: skip
        """Durably note, before the source is written, what is about to be issued; with
        the `signed` row and the `files` (signed PDFs) written before the source."""
        pending = self.path.with_name(f"{self.path.name}.issuing-{uuid.uuid4().hex}.json")
        data = {"entry": entry.as_json(), "source_path": str(Path(source).resolve())}
        if signed is not None:
            data["signed"] = signed
            data["files"] = [str(Path(f).resolve()) for f in files]
        write_durably(pending, json.dumps(data, ensure_ascii=False).encode())
        return pending

    def _reconcile(self) -> None:
        """Settle the pending files of issuers that stopped before their commit (the write
        lock is held, so every pending file without a committed row is a dead one's)."""
        for half in self.path.parent.glob(f".{self.path.name}.issuing-*.tmp"):
            with contextlib.suppress(OSError):
                half.unlink()  # killed while writing its pending file: nothing was issued
        for pending in sorted(self.path.parent.glob(f"{self.path.name}.issuing-*.json")):
            try:
                data = json.loads(pending.read_text("utf-8"))
                entry = RegisterEntry.from_json(data["entry"])
                source = Path(data["source_path"])
            except (OSError, ValueError, KeyError, TypeError):
                with contextlib.suppress(OSError):
                    pending.unlink()
                continue
            last = self.last(entry.body, entry.symbol, entry.year)
            if last is not None and last.number >= entry.number:
                # committed (its issuer is about to remove the file, or died doing so)
                with contextlib.suppress(OSError):
                    pending.unlink()
                continue
            carried = _carried_number(source)
            if carried == (entry.number, entry.issued_on):
                self.record(entry)
                if data.get("signed"):
                    self.record_signed(data["signed"])
                self.reconciled.append(
                    Reconciled(
                        pending,
                        entry.source,
                        entry.number_symbol,
                        True,
                        "the source already carries it",
                    )
                )
            else:
                for written in data.get("files") or []:  # signed PDFs of a number not given
                    with contextlib.suppress(OSError):
                        Path(written).unlink()
                self.reconciled.append(
                    Reconciled(
                        pending,
                        entry.source,
                        entry.number_symbol,
                        False,
                        "the source was not written",
                    )
                )
            with contextlib.suppress(OSError):
                pending.unlink()


def _entry(row: tuple) -> RegisterEntry:
    values = dict(zip(_COLUMNS, row, strict=True))
    return RegisterEntry.from_json({**values, "recipients": json.loads(values["recipients"])})


def _carried_number(source: Path) -> tuple[int, dt.date] | None:
    """The (number, date) a source carries now, or None (unreadable, or still a draft)."""
    import yaml

    try:
        data = yaml.safe_load(Path(source).read_text("utf-8"))
        number, date = data.get("number"), data.get("date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date.strip())
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        return None
    if isinstance(number, int) and isinstance(date, dt.date):
        return number, date
    return None


def default_register(sources: list[Path]) -> Path:
    """`register.sqlite` in the folder of the sources (or the folder given); RegisterError
    when they lie in several folders, whose numbers must not be split over two files."""
    folders = {(p if p.is_dir() else p.parent).resolve() for p in map(Path, sources)}
    if len(folders) != 1:
        raise RegisterError(
            "the sources lie in several folders; name one register for all with --register"
        )
    return folders.pop() / DEFAULT_NAME
