"""The package as shipped is valid, and validating it changes nothing and fetches nothing."""

import json
import socket
import subprocess
import sys

import pytest

from conftest import ROOT, tree_digest
from iraq_election_seats.run import validate


def test_shipped_package_is_valid(shipped):
    result = shipped
    assert result.valid, "\n".join(str(f) for layer in result.layers for f in layer.findings)
    assert [layer.status for layer in result.layers] == ["passed"] * 4


def test_validation_writes_nothing_and_opens_no_socket(monkeypatch):
    before = tree_digest(ROOT / "data")

    def refuse(*args, **kwargs):
        raise AssertionError("validation tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert validate(str(ROOT / "datapackage.json")).valid
    assert tree_digest(ROOT / "data") == before


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "validate.py"), *args], capture_output=True, text=True, cwd=ROOT)


def run_main(*args) -> int:
    """The command line in this process, for what needs no process of its own."""
    from iraq_election_seats.cli import main

    return main(list(args))


def test_command_line_exit_codes_and_summary(capsys):
    ok = run_cli()
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "4. provenance: passed" in ok.stdout and ok.stdout.rstrip().endswith("VALID")
    assert run_main(str(ROOT / "no/such/datapackage.json")) == 2
    assert "no such file" in capsys.readouterr().err
    assert run_main("--no-such-option") == 2


def test_json_report_is_machine_readable(capsys):
    status = run_main(str(ROOT / "datapackage.json"), "--json")
    report = json.loads(capsys.readouterr().out)
    version = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert status == 0 and report["valid"] is True and report["version"] == version
    assert [layer["status"] for layer in report["layers"]] == ["passed"] * 4
    assert report["values"]["reported"] > 0 and {v["verdict"] for v in report["relational_claims"]} <= {
        "holds",
        "contradicted",
        "undetermined",
    }


def test_invalid_package_exits_1_and_names_the_place(package, capsys):
    package.set_cell(
        "data/seat_results.csv",
        package.line("data/seat_results.csv", election_id="cor-2021", bloc_id="sadrist"),
        "seats",
        "seventy",
    )
    assert run_main(str(package.descriptor)) == 1
    out = capsys.readouterr().out
    assert "data/seat_results.csv, row" in out and "column seats" in out and "INVALID" in out


@pytest.mark.parametrize(
    "name", ["sources", "elections", "blocs", "bloc-names", "bloc-links", "claims", "seat-results"]
)
def test_every_table_has_a_schema_with_titles_and_descriptions(name):
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == name)
    schema = json.loads((ROOT / resource["schema"]).read_text(encoding="utf-8"))
    assert schema["primaryKey"], name
    assert all(field.get("title") and field.get("description") for field in schema["fields"])


def test_github_actions_annotations_mark_the_line(package, capsys, monkeypatch):
    line = package.line("data/seat_results.csv", election_id="cor-2021", bloc_id="sadrist")
    package.set_cell("data/seat_results.csv", line, "seats", "seventy")
    monkeypatch.chdir(package.root)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run_main("datapackage.json") == 1
    assert f"::error file=data/seat_results.csv,line={line},title=type (seats)::" in capsys.readouterr().out
    monkeypatch.setenv("GITHUB_ACTIONS", "")
    assert run_main("datapackage.json") == 1
    assert "::error" not in capsys.readouterr().out


def test_frictionless_validates_the_descriptor_and_tables():
    """The package is described by Frictionless: its own validator accepts it (validate.py never imports it)."""
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"] is True, done.stdout[-2000:]


def test_validation_never_imports_frictionless():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, iraq_election_seats.cli; iraq_election_seats.cli.main([]); print('frictionless' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.stdout.strip().endswith("False"), done.stdout[-500:] + done.stderr[-500:]
