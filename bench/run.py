"""Benchmark validation: `python bench/run.py [--runs N] [--large-runs N] [--sizes 1e6,1e7]`.

Times whole cold processes, as a user or CI runs them, and reports each figure for the whole
process tree: CPU is user + system time of the process and of every descendant it waited for,
and peak memory the largest resident set among them (Linux's wait4 returns exactly that for a
child). Commands are run in pairs, interleaved and in alternating order, so that a machine
busy with other work slows both sides of a pair alike; ratios are medians of pairwise ratios.

1. `validate.py` beside `frictionless validate datapackage.json` on the shipped package, on all
   cores and pinned to one core (`taskset -c 0`), and beside a process that only imports what
   validate.py imports (the floor of any run of it);
2. `validate.py` alone on synthetic copies whose seat-results table has the given numbers of
   rows (written to a temporary folder and deleted afterwards), pinned to one core.

It ends with the targets, each met or not met. This is a benchmark, not a test: the test suite
never runs it.
"""

import argparse
import os
import shutil
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
# What validate.py imports before it reads a byte, in a process set up as validate.py's is: the
# least any run of validate.py can cost.
IMPORTS_ONLY = [
    sys.executable,
    "-c",
    f"import sys; sys.path.insert(0, {str(ROOT)!r}); import iraq_election_seats as ies; ies.prepare(); "
    "import pandas, pyarrow.csv, re2, jsonschema_rs, text_to_num; ies.validate",
]
ONE_CORE = ["taskset", "-c", "0"]
MIB = 2**20


# Each command runs with its bytecode cached, as after any first run: Frictionless's was compiled
# when pip installed it, and the warm-up round writes this repository's (an environment that
# forbids writing it would otherwise make validate.py compile its own modules on every run).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_once(command: list[str]) -> dict:
    """Wall seconds, CPU seconds and peak MiB of one cold run's whole process tree, and its exit status."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak": usage.ru_maxrss * 1024 / MIB,  # kilobytes on Linux
        "status": os.waitstatus_to_exitcode(status),
    }


def paired(commands: dict[str, list[str]], runs: int) -> dict[str, list[dict]]:
    """`runs` rounds after one warm-up round; each round runs every command, in alternating order."""
    names = list(commands)
    for name in names:
        run_once(commands[name])
    samples = {name: [] for name in names}
    for round_ in range(runs):
        for name in names if round_ % 2 == 0 else reversed(names):
            samples[name].append(run_once(commands[name]))
    return samples


def median(samples: list[dict], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def ratio(ours: list[dict], theirs: list[dict], key: str) -> float:
    return statistics.median(a[key] / b[key] for a, b in zip(ours, theirs, strict=True))


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="paired rounds on the shipped package (default 9)")
    parser.add_argument("--large-runs", type=int, default=3, help="runs on each synthetic copy (default 3)")
    parser.add_argument(
        "--sizes", default="1e6,1e7", help="rows of the synthetic seat-results tables (default 1e6,1e7)"
    )
    parser.add_argument(
        "--validate", default=VALIDATE[1], help="the validate.py to time (default: this one), to compare versions"
    )
    args = parser.parse_args(argv)
    validate = [sys.executable, args.validate]
    pin = ONE_CORE if shutil.which("taskset") else []
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"# validate.py benchmark: {os.cpu_count()} cores ({cores} usable), Python {sys.version.split()[0]}\n")
    if not pin:
        print("taskset is not installed: the 'one core' runs below use every core.\n")

    descriptor = str(ROOT / "datapackage.json")
    shipped = paired(
        {
            "validate.py": [*validate, descriptor],
            "frictionless": [*FRICTIONLESS, descriptor],
            "validate.py, one core": [*pin, *validate, descriptor],
            "frictionless, one core": [*pin, *FRICTIONLESS, descriptor],
            "imports alone, one core": [*pin, *IMPORTS_ONLY],
        },
        args.runs,
    )
    print(f"## Shipped package ({args.runs} paired rounds, medians, whole process tree)\n")
    print("| command | wall s | CPU s | peak MiB | exit |\n|---|---|---|---|---|")
    for name, samples in shipped.items():
        statuses = sorted({s["status"] for s in samples})
        print(
            f"| {name} | {median(samples, 'wall'):.3f} | {median(samples, 'cpu'):.3f} | "
            f"{median(samples, 'peak'):.0f} | {statuses} |"
        )
    cpu_ratio = ratio(shipped["validate.py"], shipped["frictionless"], "cpu")
    wall_ratio = ratio(shipped["validate.py"], shipped["frictionless"], "wall")
    pinned_ratio = ratio(shipped["validate.py, one core"], shipped["frictionless, one core"], "wall")
    floor_ratio = ratio(shipped["imports alone, one core"], shipped["frictionless, one core"], "wall")
    print("\nvalidate.py / frictionless, medians of paired ratios:")
    print(f"CPU {cpu_ratio:.2f}, wall {wall_ratio:.2f}, one-core wall {pinned_ratio:.2f}")
    print(f"validate.py's imports alone / frictionless, one-core wall: {floor_ratio:.2f}\n")

    sizes = [int(float(s)) for s in args.sizes.split(",") if s]
    large = {}
    print(f"## Synthetic copies, one core ({args.large_runs} runs each, medians, whole process tree)\n")
    print("| seat-results rows | CSV MiB | wall s | CPU s | rows/s | peak MiB | exit |\n|---|---|---|---|---|---|---|")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            copy = make_copy(Path(folder), size)
            csv_mib = (Path(folder) / "data/seat_results.csv").stat().st_size / MIB
            samples = paired({"v": [*pin, *validate, str(copy)]}, args.large_runs)["v"]
        large[size] = {key: median(samples, key) for key in ("wall", "cpu", "peak")}
        m = large[size]
        print(
            f"| {size:,} | {csv_mib:.0f} | {m['wall']:.2f} | {m['cpu']:.2f} | {size / m['wall']:,.0f} | "
            f"{m['peak']:.0f} | {sorted({s['status'] for s in samples})} |"
        )

    print("\n## Targets\n")
    print(f"- shipped package, CPU <= 1.0x frictionless: {cpu_ratio:.2f}x, {verdict(cpu_ratio <= 1.0)}")
    print(f"- shipped package, one-core wall <= 1.0x frictionless: {pinned_ratio:.2f}x, {verdict(pinned_ratio <= 1.0)}")
    print(
        f"- shipped package, aim 0.5x: {pinned_ratio:.2f}x, {'reached' if pinned_ratio <= 0.5 else 'not reached'} "
        f"(the imports alone take {floor_ratio:.2f}x)"
    )
    if 10**6 in large:
        m = large[10**6]
        print(f"- 1e6 rows, one-core wall <= 1.5 s: {m['wall']:.2f} s, {verdict(m['wall'] <= 1.5)}")
        print(f"- 1e6 rows, process tree <= 400 MiB: {m['peak']:.0f} MiB, {verdict(m['peak'] <= 400)}")
    if 10**7 in large:
        m = large[10**7]
        print(f"- 1e7 rows, process tree <= 3 GiB: {m['peak']:.0f} MiB, {verdict(m['peak'] <= 3 * 1024)}")
        if 10**6 in large:
            # linear: ten times the rows take at most twelve times as long (start-up counts once)
            growth = m["wall"] / large[10**6]["wall"]
            print(f"- 1e7 rows, linear time (<= 12x the 1e6 wall): {growth:.1f}x, {verdict(growth <= 12)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
