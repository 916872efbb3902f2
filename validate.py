"""Validate the iraq-election-seats data package: `python validate.py [datapackage.json] [--json]`."""

import contextlib
import gc
import os
import sys

if __name__ == "__main__":
    # A short-lived process that builds many objects and frees them by reference counting:
    # without the cyclic collector the imports alone run about a tenth faster.
    gc.disable()
    # Pandera imports Hypothesis, when it is installed (the test suite needs it), to offer data
    # synthesis; validation never synthesizes data, and the import costs a tenth of a second.
    sys.modules.setdefault("hypothesis", None)
    # NumPy's OpenBLAS starts a thread per core at import, and they spin: a tenth of a second of
    # CPU on two cores for a validation that does no linear algebra.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        from validation.cli import main

        status = main()
    except KeyboardInterrupt:  # Ctrl-C before the command line took charge
        status = 130
    # Everything is said and every file is closed; skip the interpreter's tear-down of pandas,
    # a tenth of a second that changes nothing. A report that cannot be flushed stays unsaid.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, KeyboardInterrupt):
            stream.flush()
    os._exit(status)
