"""`notice watch`: real file changes in a temporary folder trigger re-renders, bounded in time."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile

import pytest

from generator.api import default_template
from generator.build.watch import watch_sources

from ..support.readback import NOTICES, ROOT, docx_blocks
from ..support.streams import LineReader

SOURCE = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"
#: Hard limit for one wait: a hang becomes a failure (start-up and a render under load fit
#: many times over); the stop event is set after this many seconds whatever happens.
LIMIT = 120.0


@pytest.fixture
def stop():
    """A stop event that fires by itself after LIMIT seconds, so no test can hang."""
    event = threading.Event()
    timer = threading.Timer(LIMIT, event.set)
    timer.start()
    yield event
    event.set()
    timer.cancel()


def next_event(events):
    """The next event, or a clear failure when the watcher stopped (time limit) instead."""
    event = next(events, None)
    assert event is not None, f"no re-render within {LIMIT:.0f} s"
    return event


def test_source_change_renders_again(tmp_path, stop):
    """First every source is rendered; then a saved change renders that source again."""
    source = tmp_path / "src" / "tb.yaml"
    source.parent.mkdir()
    shutil.copy(SOURCE, source)
    out = tmp_path / "out"
    events = watch_sources(source.parent, out, ("docx",), stop=stop, poll=0.2)

    first = next_event(events)
    assert first.changed == () and first.report.ok
    assert [r.outputs for r in first.report.results] == [[out / "tb.docx"]]

    text = source.read_text("utf-8").replace("Tết Nguyên đán", "Tết Giáp Thìn")
    source.write_text(text, "utf-8")
    second = next_event(events)
    assert second.changed == (source,) and second.report.ok
    body, _ = docx_blocks(out / "tb.docx")
    assert any("Tết Giáp Thìn" in line for line in body)

    source.write_text(text.replace("number: 7", "number: bảy"), "utf-8")
    third = next_event(events)
    assert [str(p) for r in third.report.results for p in r.problems] == [
        f"{source}:9:9: number: must be a whole number"
    ]

    stop.set()
    started = time.monotonic()
    assert list(events) == []
    assert time.monotonic() - started < LIMIT / 2  # stopped by the event, not by the timer


def test_template_change_renders_again(tmp_path, stop):
    """A source naming its own template is rendered again when the template is saved."""
    source = tmp_path / "tb.yaml"
    template = tmp_path / "tpl" / "mine.docx"
    template.parent.mkdir()
    shutil.copy(default_template("TB-UBND"), template)
    source.write_text(
        SOURCE.read_text("utf-8").replace(
            "kind: TB-UBND", "kind: TB-UBND\ntemplate: tpl/mine.docx"
        ),
        "utf-8",
    )
    events = watch_sources(source, tmp_path / "out", ("docx",), stop=stop, poll=0.2)
    assert next_event(events).report.ok

    with zipfile.ZipFile(template) as docx:  # a save that changes the bytes: a new title
        parts = {item: docx.read(item) for item in docx.infolist()}
    with zipfile.ZipFile(template, "w") as docx:
        for item, data in parts.items():
            if item.filename == "docProps/core.xml":
                data = data.replace(b"<dc:title>", "<dc:title>Mẫu của tôi".encode(), 1)
            docx.writestr(item, data)
    event = next_event(events)
    assert event.changed == (template,)
    assert [r.source for r in event.report.results] == [source] and event.report.ok


def test_new_source_in_the_folder_is_rendered(tmp_path, stop):
    """A source added to the watched folder is rendered; the others are not touched."""
    shutil.copy(SOURCE, tmp_path / "a.yaml")
    events = watch_sources(tmp_path, tmp_path / "out", ("docx",), stop=stop, poll=0.2)
    assert next_event(events).report.ok
    shutil.copy(SOURCE, tmp_path / "b.yaml")
    event = next_event(events)
    assert event.changed == (tmp_path / "b.yaml",)
    assert [r.source for r in event.report.results] == [tmp_path / "b.yaml"]


def test_ctrl_c_stops_the_command_cleanly(tmp_path):
    """`notice watch` prints each render and exits 0 with `stopped` on SIGINT."""
    shutil.copy(SOURCE, tmp_path / "a.yaml")
    with subprocess.Popen(
        [sys.executable, "-m", "generator", "watch", "a.yaml", "-o", "out", "--format", "docx"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            # The line for the first render is printed inside the watch loop, whose Ctrl-C ends
            # the command cleanly: interrupting right after it needs no pause, whatever the load.
            out = LineReader(proc.stdout)
            lines = out.until(lambda seen: any("a.docx" in x for x in seen), LIMIT)
            assert any(f"a.yaml → {os.path.join('out', 'a.docx')}" in x for x in lines), lines
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=LIMIT)
            stdout, stderr = out.rest(LIMIT), proc.stderr.read()
        finally:
            proc.kill()
    assert proc.returncode == 0, stderr
    assert stdout.strip().endswith("stopped") and "Traceback" not in stderr
