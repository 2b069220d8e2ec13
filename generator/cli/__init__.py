"""The `notice` command: one module per command group, options in, one library call, an exit
code out. The only place that prints or exits; nothing imports it.

May import anything in `generator` except `api` (it calls the stages directly)."""

from .check import check
from .main import main
from .register import issue, register, tasks
from .serve import serve
from .sign import sign, verify
from .source import new, schema
from .watch import preview, watch

for _command in (check, issue, register, tasks, sign, verify, new, schema, preview, watch, serve):
    main.add_command(_command)

__all__ = ["main"]
