"""`python -m deskbreak` runs the same CLI as the `deskbreak` script."""

from deskbreak.cli.entry import main

main()
