"""`python -m generator` is the `notice` command."""

from .cli import main

main(prog_name="notice")
