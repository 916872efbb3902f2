"""The set-up of a short-lived validation process, made before pandas or NumPy is imported:
validate.py, the installed command and the benchmark's import floor share it."""

import _signal as signal  # the interpreter's own module, loaded at start: `signal` imports enum, 18 ms of window
import gc
import os
import sys

INTERRUPTED = 130  # the shell's status for a process ended by Ctrl-C


def _interrupted(signum, frame) -> None:
    """Ctrl-C ends the run at once with status 130 and nothing printed: validation writes nothing, so
    nothing is left half done, and no import or parse in flight can turn it into a traceback."""
    os._exit(INTERRUPTED)


def prepare() -> None:
    """Make the process as cheap as validation allows, changing no finding."""
    # first, so that from here on Ctrl-C at any moment ends the run quietly
    signal.signal(signal.SIGINT, _interrupted)
    # A short-lived process that builds many objects and frees them by reference counting:
    # without the cyclic collector the imports alone run about a tenth faster.
    gc.disable()
    # NumPy's OpenBLAS starts a thread per core at import, and they spin: a tenth of a second of
    # CPU on two cores for a validation that does no linear algebra.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def end(status: int):
    """End the process with `status` once the report is said: each stream flushed (a report that
    cannot be flushed stays unsaid), Ctrl-C given back its default action, and the interpreter's
    tear-down of pandas skipped. That tear-down is a tenth of a second that changes nothing, in
    which Ctrl-C would end the process by its signal with the report perhaps still in a buffer."""
    import contextlib  # here, not at the top: nothing may widen the window before prepare()

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os._exit(status)


def _installed(load):
    """Run an installed command's `main`, imported by `load` only once the process is set up, so
    that Ctrl-C during start-up (argparse, json, the command's own modules) ends it quietly too;
    then end the process as validate.py does."""
    prepare()
    end(load()())


def command():
    """The installed `iraq-election-seats-validate path/to/datapackage.json [--json]`. Installed,
    this code sits apart from any data package, so the descriptor is always named."""

    def load():
        from .cli import main

        return lambda: main(prog="iraq-election-seats-validate", default=None)

    return _installed(load)


def tool():
    """The installed `iraq-election-seats` command: `check FILE` and `validate DESCRIPTOR`."""

    def load():
        from .command import main

        return main

    return _installed(load)
