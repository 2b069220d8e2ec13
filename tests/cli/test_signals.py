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


#: `notice render` sent a signal by the program's own report of its first finished PDF (the
#: build's progress callback, wrapped), so no race decides whether the batch was running.
_SIGNAL_AT_FIRST_PDF = """
import os, sys
import generator.build.pipeline as pipeline
from generator.cli.main import main

render, signum = pipeline.render, int(sys.argv.pop(1))

def signalled(*args, on_progress=None, **kwargs):
    def progress(stage, done, total):
        if stage == "pdf" and done == 1:
            os.kill(os.getpid(), signum)
        if on_progress:
            on_progress(stage, done, total)
    return render(*args, on_progress=progress, **kwargs)

pipeline.render = signalled
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_signal_during_the_pdf_stage_is_handled_like_ctrl_c(tmp_path, signum):
    """A signal once the first PDF is in: exit 128+N, manifest written with every finished
    PDF, no `.notice-*` folder in OUT, no soffice left."""
    src = _sources(tmp_path / "src", 30)
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-c", _SIGNAL_AT_FIRST_PDF, str(int(signum)), "render", str(src),
         "-o", str(out), "-j", "2", "--check", "none"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 128 + signum, run.stderr
    assert "interrupted" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert _wait_for(lambda: not processes("soffice", str(out.resolve())), 30)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".notice-")]
    pdfs = sorted(out.glob("*.pdf"))
    assert 0 < len(pdfs) < 30 and all(is_pdf(pdf) for pdf in pdfs)
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


def test_sigterm_while_issue_renders(tmp_path):
    """`notice issue` stopped by SIGTERM while it renders what it issued: exit 143 with
    `interrupted`, the number kept in the register and in the draft, no soffice left."""
    import yaml

    from generator.register.store import Register

    from ..register.test_store import DRAFT

    draft = tmp_path / "src" / "draft.yaml"
    draft.parent.mkdir()
    draft.write_text(DRAFT, "utf-8")
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-c", _SIGNAL_AT_FIRST_PDF, str(int(signal.SIGTERM)), "issue",
         str(draft), "--date", "2024-03-15", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 143, run.stderr
    assert "interrupted" in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert yaml.safe_load(draft.read_text("utf-8"))["number"] == 1
    with Register.open(draft.parent / "register.sqlite", create=False) as register:
        assert [e.number for e in register.entries()] == [1]
    assert _wait_for(lambda: not processes("soffice", str(out.resolve())), 30)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".notice-")]
