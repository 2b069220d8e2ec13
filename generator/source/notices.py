"""A source file to a validated `Notice`: the loader and the model in one call."""

from __future__ import annotations

from pathlib import Path

from .loader import load_source
from .models import Notice, parse_notice


def load_notice(path: Path) -> Notice:
    """Load and validate one YAML source; raise SourceError with every problem."""
    return parse_notice(load_source(path))
