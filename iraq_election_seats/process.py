"""The set-up of a short-lived validation process, made before pandas, NumPy or Pandera is
imported: validate.py, the installed command and the benchmark's import floor share it."""

import gc
import os
import sys


def prepare() -> None:
    """Make the process as cheap as validation allows, changing no finding."""
    # A short-lived process that builds many objects and frees them by reference counting:
    # without the cyclic collector the imports alone run about a tenth faster.
    gc.disable()
    # Pandera imports Hypothesis, when it is installed (the test suite needs it), to offer data
    # synthesis; validation never synthesizes data, and the import costs a tenth of a second.
    sys.modules.setdefault("hypothesis", None)
    # NumPy's OpenBLAS starts a thread per core at import, and they spin: a tenth of a second of
    # CPU on two cores for a validation that does no linear algebra.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
