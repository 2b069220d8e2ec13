"""`python -m generator` is the `notice` command."""

from .cli.main import main

main(prog_name="notice")
