"""The library's entry points: validate and render notices, load one source, find its
template, check a template. Nothing here prints, and nothing inside the package imports this
module: it only names, in one place, what the stages offer to a program that uses `notice`
as a library."""

from __future__ import annotations

from .build.pipeline import FORMATS, render, validate
from .build.results import NoticeResult, Report
from .build.template import TemplateReport, check_template
from .convert.base import Converter
from .profile.doctypes import TEMPLATE_DIRS, default_template, template_for
from .source.models import Notice
from .source.notices import load_notice

__all__ = [
    "FORMATS",
    "TEMPLATE_DIRS",
    "Converter",
    "Notice",
    "NoticeResult",
    "Report",
    "TemplateReport",
    "check_template",
    "default_template",
    "load_notice",
    "render",
    "template_for",
    "validate",
]
