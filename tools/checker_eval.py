"""The text checker's precision and recall on texts outside the package.

Each text of tests/data/checker_eval/ is a short excerpt of a public news story or analysis, with
a sidecar (.json) giving its address and the statements a careful reader finds in it: election,
list, measure and value. A statement the checker finds is right when the sidecar has it; every
statement of the sidecar it does not find is missed. `python -m tools.checker_eval` prints both
figures, text by text and overall.
"""

import json
import sys
from pathlib import Path

import iraq_election_seats as ies

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "checker_eval"


def key(row: dict) -> tuple:
    value = row["value"]
    return (row["election"], row["list"], row["measure"], value if isinstance(value, str) else float(value))


def evaluate(record=None) -> dict:
    """{text name: (found keys, expected keys)} over the evaluation set."""
    record = record or ies.Record(ies.record_tables(str(ROOT / "datapackage.json")))
    results = {}
    for path in sorted(EVAL.glob("*.txt")):
        data = path.read_bytes()
        checked = ies.check_text(data.decode("utf-8"), data, record)
        expected = {key(row) for row in json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))["expected"]}
        results[path.stem] = ({key(row) for row in checked.statements}, expected)
    return results


def scores(results: dict) -> tuple[float, float]:
    found = sum(len(f) for f, _ in results.values())
    expected = sum(len(e) for _, e in results.values())
    right = sum(len(f & e) for f, e in results.values())
    return right / found if found else 0.0, right / expected if expected else 0.0


def main() -> int:
    results = evaluate()
    for name, (found, expected) in results.items():
        print(f"{name}: {len(found & expected)} right, {len(found - expected)} wrong, {len(expected - found)} missed")
        for item in sorted(found - expected, key=str):
            print(f"   wrong  {item}")
        for item in sorted(expected - found, key=str):
            print(f"   missed {item}")
    precision, recall = scores(results)
    print(f"precision {precision:.3f}, recall {recall:.3f} on {len(results)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
