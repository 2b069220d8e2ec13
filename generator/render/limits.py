"""Limits on what a template may cost: a template comes from many hands and is rendered
unattended in an IT centre, so it gets a bounded time, bounded output and bounded strings,
and a DOCX package is checked before a byte of it is used.

- `LimitedEnvironment`: Jinja's sandbox (no internals, no files; `range` of at most
  100,000 items) that also refuses string or list repetition, powers, `%`-formatting and
  `center`/`indent`/`format`/`replace`/`join` results past `MAX_STRING` characters, any call
  taking or giving such a string, and printing anything but text and numbers (`{{ lipsum }}`
  would print a Python object with its address). Only `range` is left of Jinja's globals.
- `render_bounded`: streams a template's output and stops past `MAX_OUTPUT` characters.
- `time_limit`: stops a render after `TIME_LIMIT_S` seconds, in any thread of any process
  (worker processes included), by raising in the rendering thread itself.
- `check_package`: entry names, part count and total uncompressed size of a DOCX.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import Undefined
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ..errors import TemplateError
from ..files import read_bounded
from ..ooxml.package import package_problem

#: Longest string (characters) one expression may make, and the most a template part may
#: print; a notice's document.xml is ≈ 100,000 characters.
MAX_STRING = 5_000_000
MAX_OUTPUT = 20_000_000
#: The longest a notice's template may take to render (a notice takes a few ms).
TIME_LIMIT_S = 5.0
#: A template's size on disk (its parts are bounded by ooxml/package.py).
MAX_TEMPLATE_BYTES = 25_000_000

_WIDE_FORMAT = re.compile(r"\d{7,}")  # a field width or precision of a million or more


def _too_long(what: str) -> None:
    raise SecurityError(f"{what} would be longer than {MAX_STRING:,} characters")


def _check_format(spec: Any) -> None:
    if isinstance(spec, str) and _WIDE_FORMAT.search(spec):
        raise SecurityError("a format width or precision of a million or more")


def _check_length(length: int, what: str) -> None:
    if length > MAX_STRING:
        _too_long(what)


def _check_str(value: Any, what: str) -> None:
    if isinstance(value, str) and len(value) > MAX_STRING:
        _too_long(what)


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox with limits on what an expression may make (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_printable, **options)
        self.globals = {"range": self.globals["range"]}  # no lipsum, cycler, joiner, dict…
        for name, guard in _FILTER_GUARDS.items():
            self.filters[name] = _guarded(self.filters[name], guard)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*`, `**`, `%` and `+` with their results bounded before they are computed."""
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                if sized and len(seq) * times > MAX_STRING:
                    _too_long("a repetition")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and abs(left).bit_length() * right > 100_000:
                raise SecurityError("a power with more than 100,000 bits")
        elif operator == "%":
            _check_format(left)
        elif operator == "+" and isinstance(left, (str, list)) and isinstance(right, (str, list)):
            _check_length(len(left) + len(right), "a concatenation")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """A call (method, macro) neither taking nor giving strings past `MAX_STRING`, nor
        asked for a width of that many characters (`'x'.ljust(10**9)`)."""
        ranged = __obj is __self.globals.get("range")  # says "Range too big" itself
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not ranged and value > MAX_STRING:
                raise SecurityError(f"a call with {value:,} as an argument")
            _check_str(value, "an argument")
        result = super().call(__context, __obj, *args, **kwargs)
        _check_str(result, "the result of a call")
        return result

    def wrap_str_format(self, value: Any) -> Any:
        """`'{:>9999999}'.format` is refused like `%`-formatting."""
        if getattr(value, "__name__", None) in ("format", "format_map"):
            _check_format(getattr(value, "__self__", None))
        return super().wrap_str_format(value)


def _printable(value: Any) -> Any:
    """What `{{ … }}` may print: text, numbers, booleans, and an undefined name (an error of
    its own); never a Python object's repr."""
    if isinstance(value, (str, int, float, Undefined)) or value is None:
        return value
    raise SecurityError(f"cannot print a {type(value).__name__}: print text or a number")


def _guard_center(value: Any, width: int = 80, *_: Any) -> None:
    if isinstance(width, int) and width > MAX_STRING:
        _too_long("center")


def _guard_indent(value: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    lines = str(value).count("\n") + 1
    if isinstance(width, int) and width * lines > MAX_STRING:
        _too_long("indent")
    if isinstance(width, str) and len(width) * lines > MAX_STRING:
        _too_long("indent")


def _guard_format(value: Any, *_: Any, **__: Any) -> None:
    _check_format(value)


def _guard_replace(_ctx: Any, value: Any, old: Any = "", new: Any = "", *_: Any) -> None:
    text, old, new = str(value), str(old), str(new)
    grows = (text.count(old) if old else len(text) + 1) * max(0, len(new) - len(old))
    if len(text) + grows > MAX_STRING:
        _too_long("replace")


def _guard_join(_ctx: Any, value: Any, d: Any = "", *_: Any, **__: Any) -> None:
    total = 0
    for item in value if isinstance(value, (list, tuple, str)) else ():
        total += len(item) if isinstance(item, str) else 20
        total += len(d) if isinstance(d, str) else 0
        if total > MAX_STRING:
            _too_long("join")


_FILTER_GUARDS = {
    "center": _guard_center,
    "indent": _guard_indent,
    "format": _guard_format,
    "replace": _guard_replace,
    "join": _guard_join,
}


def _guarded(jinja_filter: Any, guard: Any) -> Any:
    @functools.wraps(jinja_filter)  # keeps Jinja's pass_eval_context marks
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        guard(*args, **kwargs)
        return jinja_filter(*args, **kwargs)

    return wrapper


def render_bounded(template: Any, values: dict[str, Any]) -> str:
    """`template.render(values)`, the same text, stopped past `MAX_OUTPUT` characters."""
    chunks, size = [], 0
    for chunk in template.generate(values):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"the template prints more than {MAX_OUTPUT:,} characters")
        chunks.append(chunk)
    return "".join(chunks)


class _Timeout(BaseException):
    """Raised inside the rendering thread when its time is up (a BaseException, so no
    `except Exception` inside Jinja or a filter can swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float, what: str) -> Iterator[None]:
    """Run the block for at most `seconds`; past that raise TemplateError naming `what`.

    A watchdog thread raises `_Timeout` in this thread (CPython's asynchronous exceptions:
    delivered between two bytecodes, so a Python loop of any depth stops), again every
    0.2 s until the block has ended, and withdraws any not yet delivered when it ends."""
    target = threading.get_ident()
    ended = threading.Event()
    lock = threading.Lock()

    def raise_in_target(exc: type[BaseException] | None) -> None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(
            ctypes.c_ulong(target), ctypes.py_object(exc) if exc else None
        )

    def watchdog() -> None:
        if ended.wait(seconds):
            return
        while True:
            with lock:
                if ended.is_set():
                    return
                raise_in_target(_Timeout)
            if ended.wait(0.2):
                return

    thread = threading.Thread(target=watchdog, name="template-time-limit", daemon=True)
    thread.start()
    timed_out = False
    try:
        yield
    except _Timeout:
        timed_out = True
    finally:
        while not ended.is_set():  # one may land here too, before the watchdog is stopped
            try:
                with lock:
                    ended.set()
                    raise_in_target(None)  # withdraw one raised but not yet delivered
            except _Timeout:
                timed_out = True
    if timed_out:
        raise TemplateError(f"{what}: template error: took longer than {seconds:g} s")


def read_template(path: Path) -> bytes:
    """The bytes of a DOCX template: a regular file of at most `MAX_TEMPLATE_BYTES` (no pipe,
    no device), whose package passes `check_package`; TemplateError otherwise."""
    try:
        data = read_bounded(path, MAX_TEMPLATE_BYTES)
    except OSError as exc:
        raise TemplateError(f"{path}: cannot read the template: {exc.strerror}") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_package(archive, str(path))
    except zipfile.BadZipFile as exc:
        raise TemplateError(f"{path}: cannot use this file as a DOCX template: {exc}") from exc
    return data


def check_package(archive: zipfile.ZipFile, what: str) -> None:
    """Refuse a DOCX template whose entries could escape a folder or flood memory
    (`ooxml.package.package_problem`), as a TemplateError naming it."""
    problem = package_problem(archive)
    if problem:
        raise TemplateError(f"{what}: not a usable DOCX template: {problem}")
