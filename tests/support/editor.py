"""`notice serve` run as a user runs it, and Debian's Chromium driven by Playwright (never a
downloaded browser). The editor is found ready by the line it prints; every wait is bounded."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

NOTICE = str(Path(sys.executable).with_name("notice"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
#: Generous bounds: the machine is shared, and LibreOffice starts once per editor.
READY_TIMEOUT = 120.0
STOP_TIMEOUT = 60.0


@dataclass
class Editor:
    """A running `notice serve`: its process, address and what it printed."""

    proc: subprocess.Popen
    url: str
    lines: queue.Queue = field(default_factory=queue.Queue)

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Send `signum` and wait for the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signum)
        return self.proc.wait(timeout=STOP_TIMEOUT)

    def printed(self) -> list[str]:
        out = []
        while True:
            try:
                out.append(self.lines.get_nowait())
            except queue.Empty:
                return out


def _pump(stream, lines: queue.Queue) -> None:
    for line in iter(stream.readline, ""):
        lines.put(line.rstrip("\n"))
    stream.close()


@contextlib.contextmanager
def running_editor(folder: Path, *args: str, env: dict | None = None) -> Iterator[Editor]:
    """`notice serve FOLDER --no-browser ARGS`, stopped (SIGTERM, then SIGKILL) on exit."""
    proc = subprocess.Popen(
        [NOTICE, "serve", str(folder), "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1", PYTHONFAULTHANDLER="1", **(env or {})),
        start_new_session=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
    try:
        seen = []
        while True:
            try:
                line = lines.get(timeout=READY_TIMEOUT)
            except queue.Empty:
                raise AssertionError(f"notice serve printed no address: {seen}") from None
            seen.append(line)
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if match:
                break
        yield Editor(proc, match.group(1), lines)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGABRT)  # faulthandler prints where every thread is
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=10)
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                where = "\n".join(Editor(proc, "", lines).printed()[-60:])
                raise AssertionError(
                    f"notice serve did not stop in {STOP_TIMEOUT:.0f} s:\n{where}"
                ) from None


def _live(field: int, value: int) -> list[int]:
    """Live processes whose /proc stat field `field` (after the name: 1 ppid, 2 pgrp) is
    `value`."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[field]) == value and fields[0] != "Z":
                out.append(int(entry.name))
    return out


def process_group(leader: int) -> list[int]:
    """The processes whose process group is `leader` (read from /proc)."""
    return _live(2, leader)


def children(pid: int) -> list[int]:
    """The live child processes of `pid`."""
    return _live(1, pid)


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    """A headless Debian Chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
