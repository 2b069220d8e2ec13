"""What one notice costs, in CPU instructions per stage: a figure a shared machine's varying
speed does not move, for comparing two versions of the code.

    .venv/bin/python bench/instructions.py [-n 30]   # ≈ 3 min; needs apt install valgrind

Each stage runs under `valgrind --tool=callgrind` twice over the same prepared notices, once
doing nothing and once doing the stage n times; the difference divided by n is its cost. The
fixed cost is `notice render` of two notices (start-up, imports, compiling both templates).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = ("read YAML", "validate", "context", "render DOCX", "write file")


def work(stage: str, n: int, folder: Path) -> None:
    """Prepare every stage's input for the notices in `folder`, then run `stage` n times."""
    from generator.api import template_for
    from generator.files import write_atomic
    from generator.render.context import build_context
    from generator.render.document import compile_template
    from generator.source.loader import load_source
    from generator.source.models import parse_notice

    paths = sorted(folder.glob("*.yaml"))
    sources = [load_source(p) for p in paths]
    notices = [parse_notice(s) for s in sources]
    contexts = [build_context(x) for x in notices]
    templates = [compile_template(template_for(x, p)) for x, p in zip(notices, paths, strict=True)]
    data = [t.render(c) for t, c in zip(templates, contexts, strict=True)]
    for i in range(n):
        k = i % len(paths)
        if stage == "read YAML":
            load_source(paths[k])
        elif stage == "validate":
            parse_notice(sources[k])
        elif stage == "context":
            build_context(notices[k])
        elif stage == "render DOCX":
            templates[k].render(contexts[k])
        elif stage == "write file":
            write_atomic(folder / f"out-{i}.docx", lambda tmp, b=data[k]: tmp.write_bytes(b))


def instructions(cmd: list[str]) -> int:
    """Instructions executed by `cmd` and the processes it forks, per callgrind."""
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return sum(int(m.replace(",", "")) for m in re.findall(r"Collected : ([\d,]+)", proc.stderr))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="notices per stage (30)")
    parser.add_argument("--stage", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:  # the measured child
        work(args.stage, args.n, args.folder)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt install valgrind")
    from batch import make_sources

    with tempfile.TemporaryDirectory(prefix="notice-instr-") as tmp:
        src = Path(tmp) / "src"
        make_sources(src, 10)
        me = [sys.executable, __file__, "--folder", str(src)]
        print(f"instructions a notice (millions), mean of {args.n}:")
        total = 0.0
        for stage in STAGES:
            idle = instructions([*me, "--stage", stage, "-n", "0"])
            busy = instructions([*me, "--stage", stage, "-n", str(args.n)])
            each = (busy - idle) / args.n / 1e6
            total += each
            print(f"  {stage:<12}{each:>8.2f}")
        print(f"  {'all':<12}{total:>8.2f}")
        two = Path(tmp) / "two"
        two.mkdir()
        for path in sorted(src.glob("*.yaml"))[:2]:
            shutil.copy(path, two)
        fixed = instructions(
            [sys.executable, "-m", "generator", "render", str(two), "-o", str(Path(tmp) / "out"),
             "--format", "docx", "--check", "none"]
        )  # fmt: skip
        print(f"fixed: `notice render` of 2 notices: {fixed / 1e6:.0f} million")
    return 0


if __name__ == "__main__":
    sys.exit(main())
