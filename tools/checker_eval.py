"""The text checker's precision and recall on texts outside the package.

Three sets: tests/data/checker_eval/ was read while the checker was built (its figures are those the
tests require); tests/data/checker_heldout/ and tests/data/checker_heldout2/ had their expected
findings written before the checker first read them, and say how the checker does on a text it has
not seen (the first of them was read since, to find what the reader missed; the second was not). Each text is a short excerpt of a public news story or analysis, with
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
HELD_OUT = ROOT / "tests" / "data" / "checker_heldout"
HELD_OUT_2 = ROOT / "tests" / "data" / "checker_heldout2"


def key(row: dict) -> tuple:
    value = row["value"]
    return (row["election"], row["list"], row["measure"], value if isinstance(value, str) else float(value))


def evaluate(record=None, folder: Path = EVAL) -> dict:
    """{text name: (found keys, expected keys)} over one evaluation set."""
    record = record or ies.Record(ies.record_tables(str(ROOT / "datapackage.json")))
    results = {}
    for path in sorted(folder.glob("*.txt")):
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
    record = ies.Record(ies.record_tables(str(ROOT / "datapackage.json")))
    for title, folder in (
        ("development set", EVAL),
        ("first held-out set", HELD_OUT),
        ("second held-out set", HELD_OUT_2),
    ):
        results = evaluate(record, folder)
        print(f"== {title} ({folder.relative_to(ROOT).as_posix()})")
        for name, (found, expected) in results.items():
            print(
                f"{name}: {len(found & expected)} right, {len(found - expected)} wrong, {len(expected - found)} missed"
            )
            for item in sorted(found - expected, key=str):
                print(f"   wrong  {item}")
            for item in sorted(expected - found, key=str):
                print(f"   missed {item}")
        precision, recall = scores(results)
        expected = sum(len(e) for _, e in results.values())
        print(f"precision {precision:.3f}, recall {recall:.3f} on {len(results)} texts ({expected} expected findings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
