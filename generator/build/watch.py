"""Re-render sources when they, or their templates, change (`notice watch`).

`watch_sources` is a generator of `WatchEvent`s that the CLI prints and tests drive with a
stop event. It watches the folders of the sources and of their templates with `watchfiles`
(folders, not files, so that an editor's save-by-rename is seen), and decides what to
render by content hash, so a change seen twice, or a save that changed nothing, renders
nothing. Every `poll` seconds it also compares the hashes on its own, which catches a change
made while it was rendering, before the watcher started again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..convert.base import Converter
from ..errors import SourceError
from ..files import sha256_bytes
from ..profile.doctypes import template_for
from ..source.loader import iter_source_files
from ..source.notices import load_notice
from . import pipeline
from .results import Report

WATCHED_SUFFIXES = (".yaml", ".yml", ".docx")


class StopEvent(Protocol):
    """Anything with `is_set()`, such as `threading.Event`."""

    def is_set(self) -> bool: ...


@dataclass(frozen=True)
class WatchEvent:
    """One round of rendering: what changed, and the render report of the affected sources.

    `changed` is empty for the first round, which renders every source.
    """

    changed: tuple[Path, ...]
    report: Report


def _digest(path: Path) -> str | None:
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


@dataclass
class _Sources:
    """The sources under a path, their templates, and the content last rendered."""

    path: Path
    template: Path | None
    seen: dict[Path, str | None] = field(default_factory=dict)
    #: source → (its digest when parsed, its template then)
    templates: dict[Path, tuple[str | None, Path | None]] = field(default_factory=dict)

    def sources(self) -> list[Path]:
        return [p for p in iter_source_files([self.path]) if p.is_file()]

    def template_of(self, source: Path, digest: str | None) -> Path | None:
        cached = self.templates.get(source)
        if cached is not None and cached[0] == digest:
            return cached[1]
        try:
            notice = load_notice(source)
            template = template_for(notice, source, self.template).resolve()
        except SourceError:
            template = self.template.resolve() if self.template else None
        self.templates[source] = (digest, template)
        return template

    def folders(self) -> frozenset[Path]:
        """The folders to watch: the sources' one and every template's."""
        base = self.path.resolve()
        folders = {base if base.is_dir() else base.parent}
        folders |= {t.parent for _, t in self.templates.values() if t and t.parent.is_dir()}
        return frozenset(folders)

    def stale(self) -> tuple[list[Path], list[Path]]:
        """(files whose content changed since last time, sources to render again)."""
        now: dict[Path, str | None] = {}
        uses: dict[Path, Path | None] = {}
        for source in self.sources():
            now[source] = _digest(source)
            uses[source] = self.template_of(source, now[source])
            if uses[source] is not None and uses[source] not in now:
                now[uses[source]] = _digest(uses[source])
        changed = [p for p, d in now.items() if self.seen.get(p, "new") != d]
        render = [s for s, t in uses.items() if s in changed or t in changed]
        self.seen = now
        return changed, render


def watch_sources(
    path: Path,
    out_dir: Path,
    formats: Iterable[str] = pipeline.FORMATS,
    *,
    template: Path | None = None,
    converter: Converter | None = None,
    stop: StopEvent | None = None,
    poll: float = 1.0,
) -> Iterator[WatchEvent]:
    """Render the sources under `path` (a file or a folder) to `out_dir`, then again each
    time a source or its template changes, until `stop` is set.

    Ctrl-C raises KeyboardInterrupt out of the generator, after any render in progress has
    cleaned up (its LibreOffice is killed, its temporary files removed).
    """
    import watchfiles

    formats = tuple(formats)
    state = _Sources(Path(path), Path(template) if template else None)

    def round_(first: bool) -> WatchEvent | None:
        changed, render = state.stale()
        if not render:
            return None
        report = pipeline.render(render, out_dir, formats, template=template, converter=converter)
        return WatchEvent(() if first else tuple(changed), report)

    event = round_(first=True)
    if event is not None:
        yield event
    while stop is None or not stop.is_set():
        folders = state.folders()
        for _ in watchfiles.watch(
            *folders,
            watch_filter=lambda _change, name: name.endswith(WATCHED_SUFFIXES),
            stop_event=stop,
            rust_timeout=max(1, int(poll * 1000)),
            yield_on_timeout=True,
            recursive=False,
        ):
            event = round_(first=False)
            if event is not None:
                yield event
            if state.folders() != folders:
                break  # a source now uses a template elsewhere: watch its folder too
        else:
            return
