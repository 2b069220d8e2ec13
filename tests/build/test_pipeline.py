"""Batch builds for real: the manifest, incremental rebuilds, parallel workers, Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from generator import api
from generator.convert.backends import find_soffice
from generator.convert.base import is_pdf
from generator.convert.libreoffice import LibreOfficeConverter, libreoffice_version
from generator.files import sha256_file

from ..support.readback import NOTICES, ROOT, processes, template_with, wait_until
from ..support.soffice_gate import make_gate

SEED = NOTICES / "quang-ngai-07-tb-ubnd-2024.yaml"


def _manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text("utf-8"))


def _statuses(out: Path) -> dict[str, str]:
    return {Path(n["source"]).name: n["status"] for n in _manifest(out)["notices"]}


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])


def _copies(folder: Path, count: int) -> Path:
    """`count` sources made from the seeds under distinct names (each varied a little)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(NOTICES.glob("*.yaml"))
    for i in range(count):
        seed = seeds[i % len(seeds)]
        text = seed.read_text("utf-8").replace("Đánh giá chung", f"Đánh giá chung (bản {i + 1})")
        (folder / f"n{i:03d}-{seed.name}").write_text(text, "utf-8")
    return folder


def test_manifest_records_what_was_built(tmp_path):
    """Sources, templates, outputs with SHA-256, PDF pages; stable order, relative paths."""
    report = api.render([NOTICES], tmp_path)
    assert report.ok
    data = _manifest(tmp_path)
    notices = data["notices"]
    assert [n["source"] for n in notices] == sorted(n["source"] for n in notices)
    for entry in notices:
        source = (tmp_path / entry["source"]).resolve()
        assert source.parent == NOTICES and not Path(entry["source"]).is_absolute()
        assert entry["source_sha256"] == sha256_file(source)
        assert entry["template_sha256"] == sha256_file(tmp_path / entry["template"])
        assert entry["status"] == "rendered" and entry["error"] is None
        assert [Path(o["path"]).suffix for o in entry["outputs"]] == [".docx", ".pdf"]
        for output in entry["outputs"]:
            path = tmp_path / output["path"]
            assert output["sha256"] == sha256_file(path) and output["bytes"] == path.stat().st_size
        pdf = tmp_path / entry["outputs"][1]["path"]
        assert entry["outputs"][1]["pages"] == _pages(pdf)
        assert entry["timings"]["docx"] > 0


def test_noop_rebuild_skips_everything_and_force_rebuilds(tmp_path):
    """A second build with nothing changed writes nothing; --force renders all again."""
    api.render([NOTICES], tmp_path, ("docx",))
    stamps = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.docx")}
    report = api.render([NOTICES], tmp_path, ("docx",))
    assert report.ok and all(r.unchanged for r in report.results)
    assert set(_statuses(tmp_path).values()) == {"unchanged"}
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.docx")} == stamps
    report = api.render([NOTICES], tmp_path, ("docx",), force=True)
    assert not any(r.unchanged for r in report.results)
    assert set(_statuses(tmp_path).values()) == {"rendered"}


def test_only_what_changed_is_rebuilt(tmp_path):
    """A changed source, a deleted output, a changed template: each rebuilds what it affects."""
    src = tmp_path / "src"
    shutil.copytree(NOTICES, src)
    template = tmp_path / "tpl.docx"
    shutil.copy(ROOT / "templates" / "tb-ubnd.docx", template)
    out = tmp_path / "out"
    api.render([src], out, ("docx",))
    changed = src / SEED.name
    changed.write_text(changed.read_text("utf-8").replace("Hùng", "Hưng"), "utf-8")
    (out / "quang-ngai-1730-tb-vp-2020.docx").unlink()
    api.render([src], out, ("docx",))
    assert _statuses(out) == {
        "bac-giang-tb-ubnd-2020-du-thao.yaml": "unchanged",
        "bo-tai-chinh-tb-2025.yaml": "unchanged",
        "dong-nai-so-tai-chinh-tb-2026.yaml": "unchanged",
        "quang-ngai-07-tb-ubnd-2024.yaml": "rendered",
        "quang-ngai-1730-tb-vp-2020.yaml": "rendered",
        "tan-trieu-ubnd-xa-tb-2025.yaml": "unchanged",
    }
    # a --template run is another build; touching that template rebuilds its notices
    ubnd = [src / "bac-giang-tb-ubnd-2020-du-thao.yaml", changed]
    api.render(ubnd, out, ("docx",), template=template)
    assert api.render(ubnd, out, ("docx",), template=template).results[0].unchanged
    with open(template, "ab") as fh:
        fh.write(b"\0")  # still a zip: trailing bytes are ignored by readers
    report = api.render(ubnd, out, ("docx",), template=template)
    assert report.ok and not any(r.unchanged for r in report.results)


class _UpgradedLibreOffice(LibreOfficeConverter):
    """The same LibreOffice, reporting the version an upgrade would bring."""

    def version(self) -> str:
        return "LibreOffice 99.1.0.0"


def test_an_upgrade_of_what_shapes_the_outputs_rebuilds(tmp_path):
    """The build key holds the versions of this package, docxtpl, python-docx and the PDF
    engine: after an upgrade nothing is reported "unchanged" from the older outputs."""
    src = _copies(tmp_path / "src", 2)
    out = tmp_path / "out"
    api.render([src], out)
    versions = _manifest(out)["options"]["versions"]
    assert versions == {
        "notice": f"notice {metadata.version('notice')}",
        "docxtpl": f"docxtpl {metadata.version('docxtpl')}",
        "python-docx": f"python-docx {metadata.version('python-docx')}",
        "converter": libreoffice_version(find_soffice()),
    }
    assert versions["converter"].startswith("LibreOffice 7.")
    assert all(r.unchanged for r in api.render([src], out).results)
    upgraded = _UpgradedLibreOffice(find_soffice())
    report = api.render([src], out, converter=upgraded)
    assert report.ok and not any(r.unchanged for r in report.results)
    assert _manifest(out)["options"]["versions"]["converter"] == "LibreOffice 99.1.0.0"


def test_broken_source_is_recorded_and_the_rest_built(tmp_path):
    """Continue on error: the manifest names the failure and why; the exit status says it."""
    src = _copies(tmp_path / "src", 3)
    bad = src / "zz-bad.yaml"
    bad.write_text(SEED.read_text("utf-8").replace("kind: TB-UBND", "kind: TB-XX"), "utf-8")
    report = api.render([src], tmp_path / "out", ("docx",))
    assert not report.ok and [r.source.name for r in report.failed] == ["zz-bad.yaml"]
    entry = next(
        n for n in _manifest(tmp_path / "out")["notices"] if n["source"].endswith("zz-bad.yaml")
    )
    assert entry["status"] == "failed" and entry["outputs"] == []
    assert entry["problems"] == [f"{bad}:5:7: kind: must be one of 'TB-VP', 'TB-UBND' or 'TB'"]


def test_parallel_workers_give_the_same_bytes(tmp_path):
    """-j 2 renders in worker processes; outputs are byte-identical to a one-process build."""
    src = _copies(tmp_path / "src", 12)
    one, two = tmp_path / "one", tmp_path / "two"
    assert api.render([src], one, ("docx",), jobs=1).ok
    assert api.render([src], two, ("docx",), jobs=2).ok
    for docx in one.glob("*.docx"):
        assert docx.read_bytes() == (two / docx.name).read_bytes()


#: `notice render` as a user runs it, interrupted as a user would press Ctrl-C, but at a moment
#: the program itself reports: the instant its first PDF is recorded (api.render's progress
#: callback, wrapped by the test), so no race decides whether the batch was still running.
_CTRL_C_AT_FIRST_PDF = """
import os, signal, sys
from generator.build import pipeline
from generator.cli import main

render = pipeline.render

def interrupted(*args, on_progress=None, **kwargs):
    def progress(stage, done, total):
        if stage == "pdf" and done == 1:
            os.kill(os.getpid(), signal.SIGINT)
        if on_progress:
            on_progress(stage, done, total)
    return render(*args, on_progress=progress, **kwargs)

pipeline.render = interrupted  # what `notice render` calls
sys.exit(main(sys.argv[1:]))
"""


def test_ctrl_c_leaves_no_soffice_and_no_partial_file(tmp_path):
    """SIGINT during the PDF stage: exit 130 at once (no retry of what the kill cut short),
    no LibreOffice left, every PDF whole or absent, the finished ones in the manifest, the
    others marked unfinished, so that the next build makes exactly them."""
    src = _copies(tmp_path / "src", 60)
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AT_FIRST_PDF, "render", str(src), "-o", str(out),
         "-j", "2"],
        cwd=ROOT, capture_output=True, text=True,
        timeout=90,  # retrying the killed batches one by one took 106 s: a hang, not a timing
    )  # fmt: skip
    assert proc.returncode == 130, proc.stderr
    assert "interrupted" in proc.stderr and "Traceback" not in proc.stderr
    assert wait_until(lambda: not processes("soffice", str(out.resolve())), 30)
    pdfs = sorted(out.glob("*.pdf"))
    assert 0 < len(pdfs) < 60 and all(is_pdf(pdf) for pdf in pdfs)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    notices = _manifest(out)["notices"]
    done = {n["source"] for n in notices if n["status"] == "rendered"}
    assert {Path(n["source"]).stem for n in notices if n["status"] == "rendered"} == {
        p.stem for p in pdfs
    }
    assert {n["error"] for n in notices if n["source"] not in done} == {
        "interrupted before this notice was finished"
    }
    again = api.render([src], out)
    assert again.ok and len(list(out.glob("*.pdf"))) == 60
    assert sum(r.unchanged for r in again.results) == len(pdfs)


def test_pool_spreads_over_two_instances(tmp_path):
    """-j 2 runs two LibreOffice instances at once, each with its own profile: each waits
    at a barrier until the other has started (a pool running one at a time fails there)."""
    src = _copies(tmp_path / "src", 6)
    out = tmp_path / "out"
    gate = make_gate(tmp_path / "gate", find_soffice(), barrier=2)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "render", str(src), "-o", str(out), "-j", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NOTICE_SOFFICE": str(gate.executable)},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    starts = gate.wait_for("start", 2)
    assert len(gate.wait_for("met", 2)) == 2
    assert sorted(s["files"] for s in starts) == [3, 3]
    assert len({s["profile"] for s in starts}) == 2


def test_render_checks_what_it_writes(tmp_path):
    """--check all: our notices give only the expected font-substitute warning."""
    report = api.render([NOTICES], tmp_path, check="all")
    assert report.ok
    for result in report.results:
        rules = {(f["file"].rsplit(".", 1)[1], f["rule"], f["severity"]) for f in result.findings}
        assert rules == {("pdf", "R-FONT", "warning")}
    assert all(n["findings"] and n["checked"] for n in _manifest(tmp_path)["notices"])


def test_sample_checks_the_first_notice_of_each_template(tmp_path):
    """The default checks one notice per template (layout is the template's)."""
    api.render([NOTICES], tmp_path, ("docx",))
    checked = {Path(n["source"]).name: n["checked"] for n in _manifest(tmp_path)["notices"]}
    assert checked == {
        "bac-giang-tb-ubnd-2020-du-thao.yaml": True,  # tb-ubnd.docx
        "bo-tai-chinh-tb-2025.yaml": True,  # thong-bao.docx, the template of every level
        "dong-nai-so-tai-chinh-tb-2026.yaml": False,
        "quang-ngai-07-tb-ubnd-2024.yaml": False,
        "quang-ngai-1730-tb-vp-2020.yaml": True,  # tb-vp.docx
        "tan-trieu-ubnd-xa-tb-2025.yaml": False,
    }


def test_checker_errors_fail_render_unless_allowed(tmp_path):
    """A template with a 25 mm left margin: reported (R-MARGIN), and `render` exits 1 on its
    own check's error; `--allow-check-errors` keeps the notice."""
    from click.testing import CliRunner

    from generator.cli.main import main

    template = template_with(tmp_path, 'w:left="1701"', 'w:left="1417"')
    args = ["render", str(SEED), "--format", "docx", "--template", str(template)]
    loose = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "a"), "--allow-check-errors"])
    assert loose.exit_code == 0
    assert (
        "quang-ngai-07-tb-ubnd-2024.docx: section 1: R-MARGIN error: "
        "Lề trái 25 mm ngoài khoảng 30–35 mm (R-MARGIN)"
    ) in loose.stderr
    for extra in ([], ["--strict"]):
        strict = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "b"), "--force", *extra])
        assert strict.exit_code == 1
        assert "1 NĐ 30 error(s) found by the checker" in strict.stderr


def test_template_saved_by_libreoffice_still_renders(tmp_path):
    """A clerk edits the template in LibreOffice: it still renders, and passes the checker."""
    from generator.convert.backends import find_soffice

    subprocess.run(
        [find_soffice(), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "saved"),
         str(ROOT / "templates" / "tb-vp.docx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    template = tmp_path / "saved" / "tb-vp.docx"
    seed = NOTICES / "quang-ngai-1730-tb-vp-2020.yaml"
    report = api.render([seed], tmp_path / "out", ("docx",), template=template)
    assert report.ok, report.results[0].error
    assert report.results[0].findings == []
