"""The `notice` command: one module per command group, options in, one library call, an exit
code out. The only place that prints or exits; nothing imports it.

May import anything in `generator` except `api` (it calls the stages directly)."""

from .main import main

__all__ = ["main"]
