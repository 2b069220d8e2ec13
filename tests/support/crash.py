"""The crash hook of the register tests, injected into the library rather than read from
the environment by it: `python -m tests.support.crash STEP FLAG SOURCE DATE` issues SOURCE
on DATE and, at STEP (one of `issuance.STEPS`), writes FLAG and waits to be killed. With
`SIGNED_PDF P12 SEAL` after them it takes the electronic step instead (`register.esign`), the
PKCS#12 password from NOTICE_PKCS12_PASSWORD."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from generator.register.issuance import STEPS, OnStep, issue_sources

#: How long the paused issuer waits for its SIGKILL before giving up (a bound, not a race).
WAIT_SECONDS = 120


def pause_at(step: str, flag: Path) -> OnStep:
    """A hook that, at `step`, writes `flag` and sleeps until the test kills the process."""
    if step not in STEPS:
        raise ValueError(f"{step!r} is not one of {STEPS}")

    def hook(name: str) -> None:
        if name == step:
            flag.write_text(name, "utf-8")
            time.sleep(WAIT_SECONDS)

    return hook


def main(argv: list[str]) -> int:
    step, flag, source, date, *electronic = argv
    hook = pause_at(step, Path(flag))
    if electronic:
        import os

        from generator.register.esign import issue_signed
        from generator.sign.sealing import OrgOptions
        from generator.sign.signing import Pkcs12Key

        signed, p12, seal = electronic
        key = Pkcs12Key(Path(p12), os.environ["NOTICE_PKCS12_PASSWORD"])
        report = issue_signed(
            [Path(source)], Path(signed), dt.date.fromisoformat(date), key,
            OrgOptions(Path(seal)), on_step=hook,
        )  # fmt: skip
    else:
        report = issue_sources([Path(source)], dt.date.fromisoformat(date), on_step=hook)
    return 0 if all(r.ok for r in report.results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
