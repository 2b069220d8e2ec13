"""The `notice` command: one module per command group, options in, one library call, an exit
code out. The only place that prints or exits; nothing imports it.

May import anything in `generator` except `api` (it calls the stages directly)."""

from .check import check
from .esign import draft
from .help import localize
from .imports import import_
from .main import main
from .register import issue, register, tasks
from .serve import serve
from .sign import sign, verify
from .source import new, schema
from .template import template
from .watch import preview, watch

for _command in (
    check, draft, issue, register, tasks, sign, verify, new, schema, preview, watch, template,
    import_, serve,
):  # fmt: skip
    main.add_command(_command)
localize(main)  # --help in the language of --lang (cli/help.py)

__all__ = ["main"]
