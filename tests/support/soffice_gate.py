"""A LibreOffice that a test can hold still: the real soffice, run through a small gate.

Tests of the LibreOffice pool need LibreOffice to be *running* at a given moment (killed
after its first PDF, PDFs reported while the batch goes on, two instances at once). Left to
itself, the real soffice may win that race on a fast or a loaded machine. The gate makes the
moment an event instead: it converts with the real soffice, but

- `pause_after=N`: converts the first N files of a batch, logs `paused`, then waits until
  the test opens the gate (`Gate.open()`) before converting the rest;
- `barrier=K`: logs `start` and waits until K instances have started before converting.

Every wait is bounded (`LIMIT`): a gate never opened ends the instance with exit 3, so a
broken pool fails its test instead of hanging it. What converts is always the real soffice.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: How long an instance waits for its gate or barrier: a hang bound, not a measurement.
LIMIT = 90.0

_SCRIPT = """#!{python}
import sys
sys.path.insert(0, {support!r})
from soffice_gate import main
main({config!r}, sys.argv[1:])
"""


@dataclass
class Gate:
    """The gate's files: its executable, its log of events and the file that opens it."""

    executable: Path
    log: Path
    opened: Path

    def open(self) -> None:
        """Let paused instances convert the rest of their batch."""
        self.opened.touch()

    def events(self) -> list[dict]:
        """What the instances logged so far, in order."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text("utf-8").splitlines() if line]

    def wait_for(self, event: str, count: int = 1) -> list[dict]:
        """The logged events named `event`, once there are `count` of them."""
        deadline = time.monotonic() + LIMIT
        while len(found := [e for e in self.events() if e["event"] == event]) < count:
            assert time.monotonic() < deadline, f"no {count}× {event!r}: {self.events()}"
            time.sleep(0.05)
        return found


def make_gate(folder: Path, real: str, *, pause_after: int = 0, barrier: int = 0) -> Gate:
    """A gated soffice in `folder`, converting with the real executable `real`."""
    folder.mkdir(parents=True, exist_ok=True)
    gate = Gate(folder / "soffice", folder / "gate.log", folder / "gate.open")
    config = folder / "gate.json"
    config.write_text(json.dumps({
        "real": real, "pause_after": pause_after, "barrier": barrier,
        "log": str(gate.log), "opened": str(gate.opened),
    }), "utf-8")  # fmt: skip
    gate.executable.write_text(
        _SCRIPT.format(python=sys.executable, support=str(Path(__file__).parent),
                       config=str(config)), "utf-8",
    )  # fmt: skip
    gate.executable.chmod(gate.executable.stat().st_mode | stat.S_IEXEC)
    return gate


def _log(config: dict, event: str, **fields) -> None:
    line = json.dumps({"event": event, "pid": os.getpid(), **fields}) + "\n"
    with open(config["log"], "a", encoding="utf-8") as fh:  # one short append: atomic
        fh.write(line)


def _wait(condition, config: dict, what: str) -> None:
    deadline = time.monotonic() + LIMIT
    while not condition():
        if time.monotonic() > deadline:
            _log(config, f"{what} never came")
            sys.exit(3)
        time.sleep(0.02)


def main(config_path: str, args: list[str]) -> None:
    """The gated soffice: `args` as LibreOffice's own command line."""
    import subprocess

    config = json.loads(Path(config_path).read_text("utf-8"))
    real = config["real"]
    files = [a for a in args if a.endswith(".docx")]
    options = [a for a in args if not a.endswith(".docx")]
    if not files:  # e.g. --version
        os.execv(real, [real, *args])
    profile = next((a for a in options if a.startswith("-env:UserInstallation=")), "")
    _log(config, "start", files=len(files), profile=profile)
    if config["barrier"]:
        count = lambda: sum(  # noqa: E731
            1 for line in Path(config["log"]).read_text("utf-8").splitlines()
            if json.loads(line)["event"] == "start"
        )  # fmt: skip
        _wait(lambda: count() >= config["barrier"], config, "barrier")
        _log(config, "met")
    pause = config["pause_after"]
    if pause and len(files) > pause:
        subprocess.run([real, *options, *files[:pause]], check=False)
        _log(config, "paused", converted=pause)
        _wait(Path(config["opened"]).exists, config, "gate")
        _log(config, "resumed")
        files = files[pause:]
    os.execv(real, [real, *options, *files])
