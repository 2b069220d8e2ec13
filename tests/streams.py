"""Reading a child process's output with a bound: a hang becomes a failure, not a stuck run."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import IO


def read_lines_until(
    stream: IO[str], done: Callable[[list[str]], bool], timeout: float
) -> list[str]:
    """Lines read from `stream` until `done(lines)` holds; AssertionError after `timeout`
    seconds or at the end of the stream. A generous bound: it only turns a hang into a
    failure and is never what a test measures."""
    lines: list[str] = []
    arrived: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            arrived.put(line)
        arrived.put("")  # end of stream

    threading.Thread(target=pump, daemon=True).start()
    while not done(lines):
        try:
            line = arrived.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no such output within {timeout} s: {lines}") from None
        if not line:
            raise AssertionError(f"the stream ended first: {lines}")
        lines.append(line)
    return lines
