"""The README's loading recipes run as written, and give what they promise."""

import contextlib
import csv
import io
import os
import re
import subprocess

import pytest

from conftest import ROOT, require_r

RECIPE = re.compile(r"<!-- recipe: (\w+) -->\n```(?:python|r)\n(.*?)```", re.DOTALL)


def recipes() -> dict[str, str]:
    return dict(RECIPE.findall((ROOT / "README.md").read_text(encoding="utf-8")))


def run(name: str) -> dict:
    namespace, old = {}, os.getcwd()
    os.chdir(ROOT)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(recipes()[name], f"README recipe {name}", "exec"), namespace)
    finally:
        os.chdir(old)
    return namespace


def test_every_recipe_is_tested():
    assert set(recipes()) == {"pandas", "frictionless", "duckdb", "r"}


def test_pandas_recipe_keeps_gaps_as_gaps():
    found = run("pandas")
    seats = found["seats"]
    assert str(seats["seats"].dtype) == "Int64"
    assert seats.loc[seats["seats_status"] != "reported", "seats"].isna().all()
    assert (found["reported"]["seats"].notna()).all() and len(found["reported"]) == 4


def test_frictionless_recipe_reads_typed_rows():
    rows = run("frictionless")["rows"]
    sadrist = next(row for row in rows if row["bloc_id"] == "sadrist" and row["election_id"] == "cor-2021")
    assert sadrist["seats"] == 73 and isinstance(sadrist["seats"], int)


@pytest.mark.parametrize("name", ["duckdb"])
def test_sql_recipe_lists_the_differences(name):
    differs = run(name)["differs"]
    rows = csv.DictReader((ROOT / "data" / "reconciliation.csv").open(encoding="utf-8"))
    wanted = sorted(row["reconciliation_id"] for row in rows if row["verdict"] == "differs")
    assert differs and [row[0] for row in differs] == wanted


def test_r_recipe_keeps_gaps_as_gaps():
    require_r()
    # After the recipe, say what it read: reported rows, missing seats, and the type of the seats column.
    check = '\ncat("\\nread:", nrow(reported), sum(is.na(seats$seats)), sum(seats$seats_status != "reported"), class(seats$seats))'
    done = subprocess.run(
        ["Rscript", "-e", recipes()["r"] + check], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "sadrist" in done.stdout and "rasanah-sadrist-2021-seats" in done.stdout
    reported, missing, gaps, kind = done.stdout.rsplit("read:", 1)[1].split()
    assert (reported, kind) == ("4", "numeric") and missing == gaps
