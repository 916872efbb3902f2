"""A copy of the package whose seat-results table has a chosen number of rows, for benchmarks.

The copy keeps every shipped table and row, and adds synthetic elections and blocs so that
the seat-results grid (every bloc in every election) has `rows` rows. Synthetic rows are gaps
('not_reported' with a note), so every rule still reads every row. Nothing is written inside
the repository: the copy goes to the folder given.
"""

import csv
import io
import math
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCS = 1000


def append_rows(path: Path, rows) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(out.getvalue())


def make_copy(target: Path, rows: int) -> Path:
    """Write the enlarged copy under `target`; return its datapackage.json."""
    for part in ("datapackage.json", "data", "schemas", "seeds"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / part)
    data = target / "data"
    shipped = list(csv.DictReader((data / "seat_results.csv").open(encoding="utf-8")))
    elections = [r["election_id"] for r in csv.DictReader((data / "elections.csv").open(encoding="utf-8"))]
    blocs = [r["bloc_id"] for r in csv.DictReader((data / "blocs.csv").open(encoding="utf-8"))]
    new_blocs = [f"syn-{i:04d}" for i in range(BLOCS - len(blocs))]
    new_elections = [f"cor-s{i:06d}" for i in range(max(0, math.ceil(rows / BLOCS) - len(elections)))]
    gap = "synthetic row for benchmarks"
    append_rows(
        data / "elections.csv",
        [
            [e, f"Synthetic election {e}", "", "not_reported", "", gap, "", "not_reported", "", gap]
            for e in new_elections
        ],
    )
    append_rows(data / "blocs.csv", [[b, f"Synthetic bloc {b}", "", "", "list", gap] for b in new_blocs])
    have = {(r["election_id"], r["bloc_id"]) for r in shipped}
    grid = ((e, b) for e in elections + new_elections for b in blocs + new_blocs if (e, b) not in have)
    append_rows(
        data / "seat_results.csv", ([e, b, "", "not_reported", "", gap, "", "not_reported", "", gap] for e, b in grid)
    )
    return target / "datapackage.json"


if __name__ == "__main__":
    import sys

    print(make_copy(Path(sys.argv[1]), int(float(sys.argv[2]))))
