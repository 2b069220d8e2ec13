"""SIGTERM and SIGHUP (issue 16) stop a long command like Ctrl-C: exit 128 + N, the finished
outputs kept and recorded in manifest.json, no temporary folder left in OUT, no LibreOffice
left running. The signal goes to the main process only, as `kill PID` and systemd send it."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.convert.base import is_pdf

from ..support.readback import NOTICES, ROOT, processes

SEEDS = sorted(NOTICES.glob("*.yaml"))


def _sources(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        seed = SEEDS[i % len(SEEDS)]
        text = seed.read_text("utf-8").replace("Đánh giá chung", f"Đánh giá chung (bản {i})")
        (folder / f"n{i:03d}-{seed.name}").write_text(text, "utf-8")
    return folder


def _wait_for(condition, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_during_the_pdf_stage_is_handled_like_ctrl_c(tmp_path, signum):
    """A signal once the first PDFs are in: exit 128+N, manifest written with every finished
    PDF, no `.notice-*` folder in OUT, no soffice left."""
    src = _sources(tmp_path / "src", 30)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "render", str(src), "-o", str(out), "-j", "2",
         "--check", "none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert _wait_for(lambda: list(out.glob("*.pdf")) or proc.poll() is not None)
        assert proc.poll() is None, "the build ended before it could be interrupted"
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + signum, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr, stderr
    assert _wait_for(lambda: not processes("soffice", str(out.resolve())), 30)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".notice-")]
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs and all(is_pdf(pdf) for pdf in pdfs)
    notices = json.loads((out / "manifest.json").read_text("utf-8"))["notices"]
    rendered = {Path(n["source"]).stem for n in notices if n["status"] == "rendered"}
    assert rendered == {p.stem for p in pdfs}


def test_sigterm_stops_watch_like_ctrl_c(tmp_path):
    """`notice watch` stops on SIGTERM as on Ctrl-C: `stopped`, no traceback."""
    src = _sources(tmp_path / "src", 1)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "watch", str(src), "-o", str(out), "--format",
         "docx"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert _wait_for(lambda: list(out.glob("*.docx")) or proc.poll() is not None)
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert "stopped" in stdout and "Traceback" not in stderr, stderr
    assert not [p.name for p in out.iterdir() if p.name.startswith(".notice-")]
