"""Benchmark validation: `python bench/run.py [--runs N] [--sizes 1e4,1e5,1e6]`.

Times whole cold processes, as a user or CI runs them:
1. `python validate.py` on the shipped package beside `frictionless validate datapackage.json`,
   run in turn, with the median of each and the median of their pairwise ratios;
2. the same on synthetic copies whose seat-results table has the given numbers of rows
   (written to a temporary folder and deleted afterwards), with rows per second and peak memory.

Peak memory is the largest resident set of the measured process itself (validate.py's second
process, which runs the byte rules and Frictionless, is not included). This is a benchmark, not a
test: the test suite never runs it.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import ROOT, make_copy

VALIDATE = [sys.executable, str(ROOT / "validate.py")]
FRICTIONLESS = [sys.executable, "-m", "frictionless", "validate"]


def run_once(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit status of one cold run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    peak = usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 2**10)
    return wall, peak, os.waitstatus_to_exitcode(status)


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, dict]:
    """Run the commands in turn, `runs` times each after one warm-up round; medians of each."""
    for command in commands.values():
        run_once(command)
    samples = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run_once(command))
    return {
        name: {
            "wall": statistics.median(s[0] for s in runs_),
            "peak": statistics.median(s[1] for s in runs_),
            "status": {s[2] for s in runs_},
            "walls": [s[0] for s in runs_],
        }
        for name, runs_ in samples.items()
    }


def paired_ratio(a: dict, b: dict) -> float:
    return statistics.median(x / y for x, y in zip(a["walls"], b["walls"], strict=True))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=7, help="counted runs of each command on the shipped package (default 7)"
    )
    parser.add_argument("--large-runs", type=int, default=3, help="counted runs on each synthetic copy (default 3)")
    parser.add_argument("--sizes", default="1e4,1e5,1e6", help="rows of the synthetic seat-results tables")
    parser.add_argument(
        "--no-frictionless-large",
        action="store_true",
        help="skip Frictionless on the synthetic copies (it takes about 30 s at 1e6 rows)",
    )
    args = parser.parse_args(argv)

    descriptor = str(ROOT / "datapackage.json")
    shipped = measure({"validate.py": [*VALIDATE, descriptor], "frictionless": [*FRICTIONLESS, descriptor]}, args.runs)
    ours, theirs = shipped["validate.py"], shipped["frictionless"]
    print(f"## Shipped package ({args.runs} cold runs each, medians)\n")
    print("| command | wall s | peak MiB | exit |\n|---|---|---|---|")
    for name, m in shipped.items():
        print(f"| {name} | {m['wall']:.3f} | {m['peak']:.0f} | {sorted(m['status'])} |")
    print(f"\nvalidate.py / frictionless, median of paired ratios: {paired_ratio(ours, theirs):.2f}\n")

    print(f"## Synthetic copies ({args.large_runs} cold runs each, medians)\n")
    print(
        "| seat-results rows | validate.py s | rows/s | peak MiB | exit | frictionless s | frictionless exit |\n|---|---|---|---|---|---|---|"
    )
    for size in (int(float(s)) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            copy = str(make_copy(Path(folder), size))
            commands = {"validate.py": [*VALIDATE, copy]}
            if not args.no_frictionless_large:
                commands["frictionless"] = [*FRICTIONLESS, copy]
            m = measure(commands, args.large_runs)
            v = m["validate.py"]
            f = m.get("frictionless", {"wall": float("nan"), "status": {"-"}})
            print(
                f"| {size:,} | {v['wall']:.2f} | {size / v['wall']:,.0f} | {v['peak']:.0f} | {sorted(v['status'])} | {f['wall']:.2f} | {sorted(f['status'])} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
