"""Batch benchmark: `notice render` against the naive path and the LibreOffice floor, in one run.

    .venv/bin/python bench/batch.py [-n 200] [--baseline-sample 20] [-j CORES]

(a) naive baseline: docxtpl render, then one `soffice --convert-to pdf` process per file
    (measured on --baseline-sample notices and scaled to n; 0 measures all n);
(b) `notice render --format docx`;  (c) `notice render` (DOCX and PDF);
(d) the same again: a no-op incremental rebuild;
(e) the floor: one `soffice` per core, each converting a pre-rendered share of the files;
(f) `notice render --check all`: the NĐ 30 checker on every DOCX and PDF;
(g) the same batch through two unoserver instances started on loopback
    (`--converter unoserver --server A --server B`), and how many each converted.
A busy or shared machine moves wall-clock figures: (b)–(e) run --repeat times (3; (c) and (e)
in turn) and the median is given, with the spread.
(b)–(d) run with --check none, the default (sample: one notice per template) costs a few
tenths of a second whatever n is; (f) shows what checking everything costs.
Every figure is measured here; the ratios compare stages of this same run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.api import default_template, load_notice  # noqa: E402
from generator.convert.backends import find_soffice  # noqa: E402
from generator.convert.base import PDF_FILTER  # noqa: E402
from generator.render.context import build_context  # noqa: E402
from generator.render.document import template_vars  # noqa: E402
from tests.support.unoservers import local_servers  # noqa: E402


def make_sources(folder: Path, n: int) -> None:
    """n varied notices made from the sources in notices/ (numbers, dates, extra paragraphs)."""
    rng = random.Random(30)
    seeds = sorted((ROOT / "notices").glob("*.yaml"))
    folder.mkdir(parents=True)
    for i in range(n):
        text = seeds[i % len(seeds)].read_text("utf-8")
        text = text.replace("number: 1730", f"number: {i + 1}").replace(
            "number: 7", f"number: {i + 1}"
        )
        day = rng.randint(1, 28)
        text = text.replace("date: 2024-01-05", f"date: 2024-{rng.randint(1, 12):02d}-{day:02d}")
        extra = " ".join(["Các cơ quan, đơn vị liên quan phối hợp thực hiện."] * rng.randint(0, 12))
        text = text.replace(
            "closing: >-\n", f"closing: >-\n  {extra}\n" if extra else "closing: >-\n"
        )
        (folder / f"notice-{i:04d}.yaml").write_text(text, "utf-8")


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (MiB, largest process) of a command and what it waited for."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def median_run(cmds: list[list[str]]) -> tuple[float, int, str]:
    """Median wall time of the commands (run in turn), the largest peak RSS, and the spread."""
    return median([run(cmd) for cmd in cmds])


def median(runs: list[tuple[float, int]]) -> tuple[float, int, str]:
    """Median wall time of (seconds, peak MiB) runs, the largest peak, and the spread."""
    times = sorted(t for t, _ in runs)
    spread = f"; runs {times[0]:.2f}–{times[-1]:.2f} s" if len(times) > 1 else ""
    return statistics.median(times), max(rss for _, rss in runs), spread


def soffice(profile: Path, outdir: Path, files: list[Path]) -> list[str]:
    return [
        find_soffice() or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
        "--norestore", "--convert-to", PDF_FILTER, "--outdir", str(outdir), *map(str, files),
    ]  # fmt: skip


def naive(sources: list[Path], out: Path) -> tuple[float, int]:
    """docxtpl straight from the template for each notice, then one soffice per file."""
    from docxtpl import DocxTemplate

    out.mkdir()
    started = time.perf_counter()
    peak = 0
    for source in sources:
        notice = load_notice(source)
        tpl = DocxTemplate(str(default_template(notice.kind)))
        tpl.render(template_vars(build_context(notice), 1), autoescape=True)
        docx = out / f"{source.stem}.docx"
        tpl.save(str(docx))
        _, rss = run(soffice(out / "profile", out, [docx]))
        peak = max(peak, rss)
    return time.perf_counter() - started, peak


def floor(docx: list[Path], out: Path, cores: int) -> tuple[float, int]:
    """One soffice per core, each converting its share of pre-rendered files at once."""
    out.mkdir()
    shares = [docx[i::cores] for i in range(cores)]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(soffice(out / f"p{i}", out, share), stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
        for i, share in enumerate(shares) if share
    ]  # fmt: skip
    peak = 0
    for proc in procs:
        _, _, usage = os.wait4(proc.pid, 0)
        peak = max(peak, usage.ru_maxrss // 1024)
    elapsed = time.perf_counter() - started
    missing = [d for d in docx if not (out / f"{d.stem}.pdf").exists()]
    if missing:
        raise SystemExit(f"floor: {len(missing)} PDF(s) missing")
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="notices to generate (200)")
    parser.add_argument("--baseline-sample", type=int, default=20, help="0: run all n naively")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of (b)–(e), median")
    args = parser.parse_args()
    notice = [sys.executable, "-m", "generator", "render"]
    with tempfile.TemporaryDirectory(prefix="notice-bench-") as tmp:
        work = Path(tmp)
        make_sources(work / "src", args.n)
        sources = sorted((work / "src").glob("*.yaml"))
        sample = sources[: args.baseline_sample or args.n]
        a, a_rss = naive(sample, work / "a")
        a_total = a * args.n / len(sample)
        jobs = ["-j", str(args.jobs)]
        src = str(work / "src")
        repeat = max(1, args.repeat)
        docx_only = [*notice, src, "--format", "docx", "--check", "none", *jobs]
        b, b_rss, b_spread = median_run(
            [[*docx_only, "-o", str(work / f"b{i}")] for i in range(repeat)]
        )
        c_runs, e_runs = [], []
        for i in range(repeat):  # in turn, so that both meet the same moments of the host
            c_runs.append(run([*notice, src, "-o", str(work / f"c{i}"), "--check", "none", *jobs]))
            e_runs.append(floor(sorted((work / "b0").glob("*.docx")), work / f"e{i}", args.jobs))
        (c, c_rss, c_spread), (e, e_rss, e_spread) = median(c_runs), median(e_runs)
        d, d_rss, d_spread = median_run(
            [[*notice, src, "-o", str(work / "c0"), "--check", "none", *jobs]] * repeat
        )
        f, f_rss = run([*notice, src, "-o", str(work / "f"), "--check", "all", *jobs])
        with local_servers(work / "g-servers", 2) as servers:
            addresses = [arg for server in servers for arg in ("--server", server.address)]
            g, g_rss = run([*notice, src, "-o", str(work / "g"), "--check", "none",
                            "--converter", "unoserver", *addresses])  # fmt: skip
            split = " + ".join(str(server.conversions()) for server in servers)
        shutil.rmtree(work / "a")

    n = args.n
    print(f"notice batch benchmark: {n} notices, {args.jobs} worker(s), {os.cpu_count()} core(s)")
    print(f"{'stage':<52}{'seconds':>9}{'notices/s':>11}{'peak MiB':>10}")
    rows = [
        (f"(a) naive: docxtpl + soffice per file [{len(sample)} measured]", a_total, a_rss),
        (f"(b) notice render --format docx [median of {repeat}]", b, b_rss),
        (f"(c) notice render (DOCX + PDF) [median of {repeat}]", c, c_rss),
        (f"(d) notice render again (no-op) [median of {repeat}]", d, d_rss),
        (f"(e) floor: one soffice per core [median of {repeat}]", e, e_rss),
        ("(f) notice render --check all", f, f_rss),
        ("(g) notice render through 2 unoservers", g, g_rss),
    ]
    for label, seconds, rss in rows:
        print(f"{label:<52}{seconds:>9.2f}{n / seconds:>11.1f}{rss:>10}")
    print(f"(c) vs (a): {a_total / c:.1f}x faster   (target >= 10x)")
    print(f"(b): {n / b:.0f} notices/s            (target >= 200/s{b_spread})")
    print(f"(c) vs (e): {c / e:.2f}x the floor     (target <= 1.3x{c_spread} and{e_spread[6:]})")
    print(f"(d): {d:.2f} s for {n} notices        (target < 1 s{d_spread})")
    print(f"(f) vs (c): the checker adds {f - c:.1f} s ({(f - c) / n * 1000:.0f} ms a notice)")
    print(f"(g): {split} documents converted by the two servers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
