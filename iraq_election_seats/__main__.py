"""`python -m iraq_election_seats check FILE` runs the installed command from a checkout."""

from .process import tool

raise SystemExit(tool())
