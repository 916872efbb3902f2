"""Validate the iraq-election-seats data package: `python validate.py [datapackage.json] [--json]`."""

import sys

from validation.cli import main

if __name__ == "__main__":
    sys.exit(main())
