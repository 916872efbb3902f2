"""Validate the iraq-election-seats data package: `python validate.py [datapackage.json] [--json]`."""

if __name__ == "__main__":
    # the process is set up first of all: from here on, Ctrl-C at any moment ends it quietly
    from iraq_election_seats.process import finish, prepare

    prepare()
    import contextlib
    import os
    import sys

    from iraq_election_seats.cli import main

    status = main()
    # Everything is said and every file is closed; skip the interpreter's tear-down of pandas,
    # a tenth of a second that changes nothing. A report that cannot be flushed stays unsaid.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    finish()
    os._exit(status)
