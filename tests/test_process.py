"""Both ways in, validate.py and the installed command, set the process up before anything heavy
is imported: no cyclic collector, one OpenBLAS thread."""

import subprocess
import sys

from conftest import ROOT

SETUP = "import gc, os, sys; print(gc.isenabled(), os.environ.get('OPENBLAS_NUM_THREADS'))"


def run(code: str) -> subprocess.CompletedProcess:
    env = {"PATH": "", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)


def test_prepare_sets_the_process_up():
    done = run(f"from iraq_election_seats.process import prepare; prepare(); {SETUP}")
    assert done.stdout.split() == ["False", "1"], done.stderr


def entry(call: str) -> list[str]:
    """What happens, in order, when `call` runs with the set-up and the checks replaced by records."""
    done = run(
        "import runpy, iraq_election_seats.process as p, iraq_election_seats.cli as c; "
        "p.prepare = lambda: print('prepare'); c.main = lambda **k: print('main') or 0; " + call
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_validate_py_prepares_before_it_validates():
    assert entry("runpy.run_path('validate.py', run_name='__main__')") == ["prepare", "main"]


def test_the_installed_command_prepares_before_it_validates():
    assert entry("p.command()") == ["prepare", "main"]
