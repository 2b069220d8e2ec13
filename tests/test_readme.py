"""The README's examples work as written: a reader copies them."""

from __future__ import annotations

import re

from generator import api

from .support.readback import ROOT, docx_blocks

README = ROOT / "README.md"


def _yaml_examples() -> list[str]:
    text = README.read_text("utf-8")
    return [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if b.startswith("kind:")]


def test_the_source_example_validates_and_renders(tmp_path):
    """The example under "What a source looks like" is a valid source, with every paragraph
    and recipient the reader sees in it (no comma in a flow list splitting one in two)."""
    (example,) = _yaml_examples()
    source = tmp_path / "example.yaml"
    source.write_text(example, "utf-8")
    notice = api.load_notice(source)
    report = api.render([source], tmp_path / "out", ("docx",))
    assert report.ok, [(r.problems, r.error) for r in report.failed]
    body, _ = docx_blocks(tmp_path / "out" / "example.docx")
    for line in ("Các sở, ngành đã chủ động triển khai các nhiệm vụ được giao.",
                 "- CT, các PCT UBND tỉnh (báo cáo);"):  # fmt: skip
        assert any(line in b for b in body), (line, body)
    assert len(notice.recipients) == 2


def test_the_readme_points_only_inside_the_repository():
    """Every relative link of the README names a file of the repository."""
    text = README.read_text("utf-8")
    for target in re.findall(r"\]\(([^)#:]+)\)", text):
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT.resolve()), f"{target} leads outside the repository"
        assert path.exists(), target
