"""Validate the iraq-election-seats data package: `python validate.py [datapackage.json] [--json]`."""

import os
import sys

from validation.cli import main

if __name__ == "__main__":
    status = main()
    # Everything is said and every file is closed; skip the interpreter's tear-down of pandas and
    # Frictionless, a tenth of a second that changes nothing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
