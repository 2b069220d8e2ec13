"""`notice template check` as a library call: the template's own problems (render stage,
`render/template_check.py`), then NĐ 30 (check stage) on a sample notice rendered with it.
Nothing here prints."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..check.docx_check import check_docx
from ..check.rules import Finding
from ..render.document import CompiledTemplate
from ..render.template_check import TemplateProblem, check_template_file, suited_kind
from ..render.template_sample import sample_context


@dataclass
class TemplateReport:
    """What `check_template` found: the template's own problems, by paragraph and style,
    and the NĐ 30 findings in a sample notice rendered with it (when it renders)."""

    problems: list[TemplateProblem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No error among the problems and the findings."""
        return not any(p.severity == "error" for p in [*self.problems, *self.findings])


def check_template(path: Path, kind: str | None = None) -> TemplateReport:
    """Check a DOCX template for notices of `kind` (a registered kind, or None for any):
    its tags, variables, fixed texts and styles, then NĐ 30 on a sample notice rendered
    with it. Raises TemplateError when `path` is not a DOCX."""
    report = TemplateReport(check_template_file(Path(path), kind))
    if report.ok:
        data = CompiledTemplate(Path(path)).render(sample_context(kind or suited_kind(path)))
        with tempfile.TemporaryDirectory(prefix="notice-template-") as tmp:
            sample = Path(tmp) / "mẫu.docx"
            sample.write_bytes(data)
            report.findings = check_docx(sample)
    return report
