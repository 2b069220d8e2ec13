"""What a build, a validation or an issue run hands back: one result per source, in order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem


@dataclass
class NoticeResult:
    """What happened to one source: its outputs, or its problems and error."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None
    unchanged: bool = False  # skipped: same source, template and options as the last build
    findings: list[dict[str, str]] = field(default_factory=list)  # the NĐ 30 checker's
    warnings: list[Problem] = field(default_factory=list)  # source/review.py: địa danh, 2025 map

    @property
    def ok(self) -> bool:
        return not self.problems and self.error is None


@dataclass
class Report:
    """The results of a batch, in source order."""

    results: list[NoticeResult]

    @property
    def failed(self) -> list[NoticeResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return bool(self.results) and not self.failed
