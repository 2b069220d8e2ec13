"""The manifest under hostile input and concurrency (issue 16): a bad one is set aside with a
warning and rebuilt, every run merges into it, two builds into one OUT keep every record."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import api
from generator.build import manifest
from generator.errors import ManifestWarning

from ..support.readback import NOTICES, ROOT

SEEDS = sorted(NOTICES.glob("*.yaml"))
GOOD_ENTRY = {
    "source": "x.yaml", "source_sha256": "0" * 64, "template": None, "template_sha256": None,
    "key": "k", "status": "rendered",
}  # fmt: skip


def _sources(folder: Path, count: int, prefix: str = "n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        seed = SEEDS[i % len(SEEDS)]
        text = seed.read_text("utf-8").replace("Đánh giá chung", f"Đánh giá chung ({prefix}{i})")
        (folder / f"{prefix}{i:02d}-{seed.name}").write_text(text, "utf-8")
    return folder


def _recorded(out: Path) -> set[str]:
    data = json.loads((out / "manifest.json").read_text("utf-8"))
    return {Path(n["source"]).name for n in data["notices"]}


@pytest.mark.parametrize(
    ("content", "why"),
    [
        pytest.param("[]", "the file", id="list"),
        pytest.param("null", "the file", id="null"),
        pytest.param('"x"', "the file", id="string"),
        pytest.param("{", "not JSON", id="broken-json"),
        pytest.param('{"format": 1}', "notices: Field required", id="no-notices"),
        pytest.param('{"format": 1, "notices": {}}', "notices", id="notices-not-a-list"),
        pytest.param('{"format": 1, "notices": [1]}', "notices.0", id="entry-not-a-mapping"),
        pytest.param(json.dumps({"format": 1, "notices": [{**GOOD_ENTRY, "key": 7}]}),
                     "notices.0.key", id="wrong-field-type"),
        pytest.param(json.dumps({"format": 1, "notices": [{**GOOD_ENTRY, "outputs": "a"}]}),
                     "notices.0.outputs", id="outputs-not-a-list"),
        pytest.param(json.dumps({"format": "1", "notices": []}), "format", id="format-text"),
        pytest.param(b"\xff\xfe", "Invalid JSON", id="not-utf8"),
        pytest.param("fifo", "not a regular file", id="fifo"),
        pytest.param("dev-zero", "not a regular file", id="symlink-to-dev-zero"),
    ],
)
def test_bad_manifest_is_set_aside_and_rebuilt(tmp_path, content, why):
    """Any later render, --force too, warns naming the file and why, keeps the bad one aside,
    and writes a good manifest; nothing hangs."""
    out = tmp_path / "out"
    out.mkdir()
    bad = out / "manifest.json"
    if content == "fifo":
        os.mkfifo(bad)
    elif content == "dev-zero":
        bad.symlink_to("/dev/zero")
    else:
        bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    for force in (False, True):
        with pytest.warns(ManifestWarning) as caught:
            report = api.render([SEEDS[0]], out, ("docx",), check="none", force=force)
        assert report.ok
        (warning,) = caught
        assert str(bad) in str(warning.message) and why in str(warning.message)
        assert "set aside as manifest.json.bad-" in str(warning.message)
        assert _recorded(out) == {SEEDS[0].name}
        if force:
            break
        if content == "dev-zero":
            bad.unlink()
            bad.symlink_to("/dev/zero")
        else:
            bad.write_text("[]", "utf-8")
            why = "the file"
    assert len(list(out.glob("manifest.json.bad-*"))) == 2


def test_bad_manifest_warning_on_the_command_line(tmp_path):
    """`notice render` prints the warning once, in Vietnamese with --lang vi, and exits 0."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text("null", "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "generator", "--lang", "vi", "render", str(SEEDS[0]), "-o",
         str(out), "--format", "docx", "--check", "none"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("warning:") == 1, run.stderr
    assert "manifest.json: không phải manifest của công cụ này" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_a_run_over_a_subset_keeps_the_other_records(tmp_path):
    """A second run over some sources keeps the records of the others."""
    src = _sources(tmp_path / "src", 3)
    out = tmp_path / "out"
    files = sorted(src.glob("*.yaml"))
    assert api.render([src], out, ("docx",), check="none").ok
    assert api.render(files[:1], out, ("docx",), check="none", force=True).ok
    assert _recorded(out) == {f.name for f in files}


def test_two_builds_into_one_out_keep_every_record(tmp_path):
    """Two `notice render` processes writing into one OUT at once: the manifest holds every
    notice of both (read, merged and written under a lock on OUT)."""
    a = _sources(tmp_path / "a", 8, "a")
    b = _sources(tmp_path / "b", 8, "b")
    out = tmp_path / "out"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "render", str(src), "-o", str(out), "--format",
             "docx", "--check", "none", "-j", "1"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for src in (a, b)
    ]
    for proc in procs:
        _, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
    expected = {p.name for p in [*a.glob("*.yaml"), *b.glob("*.yaml")]}
    assert _recorded(out) == expected


def test_save_waits_for_the_lock(tmp_path):
    """While another process holds OUT's lock, a save waits, then merges what it finds."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from generator.files import locked\n"
         f"with locked({str(out)!r}):\n print('held', flush=True); sys.stdin.readline()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    entry = manifest.Entry(**GOOD_ENTRY)
    import threading

    saved = threading.Event()
    thread = threading.Thread(target=lambda: (manifest.save(out, [entry], {}), saved.set()))
    thread.start()
    assert not saved.wait(0.5)  # still waiting for the lock
    holder.communicate("\n", timeout=30)
    thread.join(timeout=30)
    assert saved.is_set() and _recorded(out) == {"x.yaml"}


@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "../../../../etc/passwd"])
def test_a_manifest_naming_a_special_file_as_template(tmp_path, target):
    """A well-formed manifest whose template or output is /dev/zero, a pipe or a file outside
    OUT: read without hanging (hashes of regular files only), the notice rebuilt."""
    out = tmp_path / "out"
    assert api.render([SEEDS[0]], out, ("docx",), check="none").ok
    if target == "fifo":
        os.mkfifo(tmp_path / "pipe")
        target = str(tmp_path / "pipe")
    data = json.loads((out / "manifest.json").read_text("utf-8"))
    data["notices"][0]["template"] = target
    data["notices"][0]["outputs"][0]["path"] = target
    (out / "manifest.json").write_text(json.dumps(data), "utf-8")
    (result,) = api.render([SEEDS[0]], out, ("docx",), check="none").results
    assert result.ok and not result.unchanged
    assert _recorded(out) == {SEEDS[0].name}
