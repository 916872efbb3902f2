"""`python -m iraq_election_seats check FILE` runs the installed command from a checkout."""

from .command import command

raise SystemExit(command())
