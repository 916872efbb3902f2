"""Validate the iraq-election-seats data package: `python validate.py [datapackage.json] [--json]`."""

import contextlib
import os
import sys

if __name__ == "__main__":
    from iraq_election_seats.process import prepare

    prepare()
    try:
        from iraq_election_seats.cli import main

        status = main()
    except KeyboardInterrupt:  # Ctrl-C before the command line took charge
        status = 130
    # Everything is said and every file is closed; skip the interpreter's tear-down of pandas,
    # a tenth of a second that changes nothing. A report that cannot be flushed stays unsaid.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, KeyboardInterrupt):
            stream.flush()
    os._exit(status)
