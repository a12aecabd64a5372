"""`python -m pipeline.cli`: the same as the `protokoll` command."""

from pipeline.cli import main

main()
