"""Reading a child process's output with a bound: a hang becomes a failure, not a stuck run."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import IO


class LineReader:
    """The lines of `stream`, read by a thread so that every wait can be bounded.

    The bounds are generous: they only turn a hang into a failure and are never what a test
    measures."""

    def __init__(self, stream: IO[str]) -> None:
        self.lines: list[str] = []
        self._arrived: queue.Queue[str] = queue.Queue()
        self._ended = False
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._arrived.put(line)
        self._arrived.put("")  # end of stream

    def _next(self, timeout: float) -> str:
        try:
            line = self._arrived.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no more output within {timeout} s: {self.lines}") from None
        if not line:
            self._ended = True
        else:
            self.lines.append(line)
        return line

    def until(self, done: Callable[[list[str]], bool], timeout: float) -> list[str]:
        """The lines so far, once `done(lines)` holds; AssertionError after `timeout` seconds
        without a line, or at the end of the stream."""
        while not done(self.lines):
            if self._ended or not self._next(timeout):
                raise AssertionError(f"the stream ended first: {self.lines}")
        return self.lines

    def rest(self, timeout: float) -> str:
        """Everything up to the end of the stream, as one text."""
        while not self._ended:
            self._next(timeout)
        return "".join(self.lines)
