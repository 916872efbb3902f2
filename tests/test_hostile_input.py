"""What a hostile pull request can do, class by class: each ends in exit 1 (2 for usage) with a
finding that names the file, row and column, or the resource and property, within seconds, with
no socket, no fork and no file changed."""

import bz2
import gzip
import json
import lzma
import os
import resource
import subprocess
import sys
import time
import zipfile

import pytest

from conftest import ROOT, assert_finding, findings, run_cli, tree_digest

SEATS = "data/seat_results.csv"
CLAIMS = "data/claims.csv"
BRIEF = "seeds/000_298e8f6d201a8252.txt"
SECONDS = 10  # the worst attacks took minutes or never ended; each must now end well within this


def resource_of(descriptor, name):
    return next(r for r in descriptor["resources"] if r.get("name") == name)


def set_property(name, key, value):
    def change(descriptor):
        resource_of(descriptor, name)[key] = value

    return change


def cli(descriptor, capfd) -> tuple[int, str]:
    """The command line run in this process: its exit status, and what it wrote to stderr (at the
    file descriptor, so that an exception Python could only print is seen too). What it wrote to
    stdout is left for capfd.readouterr()."""
    import contextlib

    from iraq_election_seats.cli import main

    start = time.perf_counter()
    status = main([str(descriptor)])
    assert time.perf_counter() - start < SECONDS
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    captured = capfd.readouterr()
    sys.stdout.write(captured.out)
    return status, captured.err


def timed(package):
    start = time.perf_counter()
    result = package.validate()
    assert time.perf_counter() - start < SECONDS
    return result


# --- it opened the network: every property that can name a file or an address -------------------

REMOTE = "https://example.org/x.json"


@pytest.mark.parametrize(
    ("change", "rule", "resource", "prop"),
    [
        (set_property("claims", "dialect", REMOTE), "dialect", "claims", "dialect"),
        (lambda d: d.update(profiles=[REMOTE]), "profile", None, "profiles"),
        (set_property("claims", "profiles", [REMOTE]), "profile", "claims", "profiles"),
        (set_property("report-brief", "schema", REMOTE), "schema", "report-brief", "schema"),
        (set_property("report-brief", "dialect", REMOTE), "dialect", "report-brief", "dialect"),
        (set_property("claims", "profile", REMOTE), "profile", "claims", "profile"),
        (lambda d: d.update({"$schema": REMOTE}), "profile", None, "$schema"),
        (set_property("claims", "$schema", REMOTE), "profile", "claims", "$schema"),
        (set_property("claims", "scheme", "https"), "scheme", "claims", "scheme"),
        (set_property("report-brief", "path", REMOTE), "path", "report-brief", "path"),
        (set_property("claims", "compression", "gz"), "compression", "claims", "compression"),
        (set_property("claims", "encoding", "latin-1"), "encoding", "claims", "encoding"),
        (set_property("claims", "dialect", {"delimiter": ";"}), "dialect", "claims", "dialect.delimiter"),
        (set_property("claims", "path", ["data/claims.csv"]), "path", "claims", "path"),
        (set_property("claims", "data", [["a"]]), "path", "claims", "data"),
    ],
    ids=[
        "table dialect URL",
        "package profiles URL",
        "resource profiles URL",
        "file schema URL",
        "file dialect URL",
        "resource profile URL",
        "package $schema URL",
        "resource $schema URL",
        "remote scheme",
        "file path URL",
        "compression",
        "latin-1 encoding",
        "another dialect",
        "multipart path",
        "inline data",
    ],
)
def test_nothing_a_descriptor_names_is_fetched(package, no_network, change, rule, resource, prop):
    package.edit_descriptor(change)
    assert_finding(timed(package), layer="descriptor", rule=rule, resource=resource, property=prop)


def test_profiles_known_by_name_are_accepted(package, no_network):
    """R's frictionless reader needs 'tabular-data-resource' on each table; it is never fetched."""

    def name_profiles(descriptor):
        descriptor["profile"] = "tabular-data-package"
        for item in descriptor["resources"]:
            if item.get("type") == "table":
                item["profile"] = "tabular-data-resource"

    package.edit_descriptor(name_profiles)
    assert timed(package).valid


def test_a_zip_bomb_is_never_opened(package, tmp_path, no_network, monkeypatch):
    """A small zip that holds 64 MiB of zeros, declared with compression: refused by the descriptor's
    word alone, with no decompressor of Python's started and nothing unpacked."""
    bomb = package.root / "data" / "claims.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("claims.csv", "w") as member:
        for _ in range(64):
            member.write(bytes(1 << 20))
    opened = []
    for module, name in ((zipfile, "ZipFile"), (gzip, "GzipFile"), (bz2, "BZ2File"), (lzma, "LZMAFile")):
        monkeypatch.setattr(module, name, lambda *args, name=name, **kwargs: opened.append(name))
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    package.edit_descriptor(lambda d: resource_of(d, "claims").update(path="data/claims.zip", compression="zip"))
    assert_finding(timed(package), layer="descriptor", rule="compression", resource="claims", property="compression")
    assert not opened and not list(temp.iterdir())


# --- it said VALID for data that breaks the package's own rules ----------------------------------


@pytest.mark.parametrize("spelling", ["+73", "073", "7_3", "\u0667\u0663", "\uff17\uff13", "7.3e1", "73.0", "0x49"])
def test_one_spelling_per_integer(package, spelling):
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.set_cell(SEATS, line, "seats", spelling)
    assert_finding(timed(package), layer="schema", rule="type", file=SEATS, row=line, column="seats")


@pytest.mark.parametrize(("reason", "rule"), [("\u00a0", "whitespace"), ("\u200b", "visible-text")])
def test_a_gap_reason_must_be_visible(package, reason, rule):
    line = package.line(SEATS, election_id="cor-2018", bloc_id="sadrist")
    package.set_cell(SEATS, line, "seats_note", reason)
    assert_finding(timed(package), layer="format", rule=rule, file=SEATS, row=line, column="seats_note")


# --- it hung or ate memory -----------------------------------------------------------------------


def test_twenty_thousand_commas(package):
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.replace_bytes(SEATS, b"rasanah-sadrist-2021-rank,\n", b"rasanah-sadrist-2021-rank," + b"," * 20000 + b"\n")
    assert_finding(timed(package), layer="format", rule="row-width", file=SEATS, row=line)


def test_a_catastrophic_pattern_runs_in_linear_time(package):
    def pattern(descriptor):
        with package.edited_json("schemas/claims.schema.json") as schema:
            schema["fields"][0]["constraints"]["pattern"] = "^([a-z0-9-]+)*!$"

    package.edit_descriptor(pattern)
    assert_finding(timed(package), layer="schema", rule="pattern", file=CLAIMS, row=2, column="claim_id")


def test_a_pattern_re2_cannot_compile(package):
    with package.edited_json("schemas/claims.schema.json") as schema:
        schema["fields"][0]["constraints"]["pattern"] = "(a)\\1"
    assert_finding(
        timed(package),
        layer="descriptor",
        rule="pattern",
        resource="claims",
        property="schema.fields[0].constraints.pattern",
    )


def test_a_sparse_two_gigabyte_seed_is_not_read():
    """Run as a process, to measure its whole memory: refused by its size, in seconds, unread."""
    import tempfile

    from conftest import PackageCopy

    with tempfile.TemporaryDirectory() as folder:
        package = PackageCopy(__import__("pathlib").Path(folder) / "package")
        with (package.root / BRIEF).open("r+b") as handle:
            handle.truncate(2 << 30)
        start = time.perf_counter()
        done = run_cli(package.descriptor, text=True)
        assert time.perf_counter() - start < SECONDS
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{BRIEF}: [file]" in done.stdout and "MAX_FILE_BYTES" in done.stdout
    assert peak_mib < 400


def test_a_sparse_table_larger_than_the_limit_is_not_read(package):
    with (package.root / SEATS).open("r+b") as handle:
        handle.truncate(3 << 30)
    assert_finding(timed(package), layer="format", rule="file", file=SEATS)


def test_an_overlong_cell(package):
    line = package.line(CLAIMS, claim_id="rasanah-sadrist-2021-seats")
    package.set_cell(CLAIMS, line, "note", "x" * 70000)
    assert_finding(timed(package), layer="format", rule="cell-length", file=CLAIMS, row=line, column="note")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ('{"resources": [], "x": ' + "9" * 5000 + "}", "number-length"),
        ('{"resources": [], "x": ' + "[" * 5000 + "]" * 5000 + "}", "json-depth"),
        ('{"resources": [], "x": ' + "[" * 40 + "]" * 40 + "}", "json-depth"),
        ('{"resources": [], "x": "' + "a" * (1 << 20) + '"}', "descriptor-size"),
        ('{"resources": [], "x": NaN}', "json"),
        ("{not json", "json"),
        ('{"resources": []}', "datapackage-profile"),
        ("[]", "resources"),
    ],
    ids=["5,000 digits", "deep nesting", "nesting past the limit", "1 MiB", "NaN", "not JSON", "no resources", "array"],
)
def test_a_descriptor_past_the_limits(package, text, rule):
    package.descriptor.write_text(text, encoding="utf-8")
    assert_finding(timed(package), layer="descriptor", rule=rule)


# --- tracebacks instead of findings --------------------------------------------------------------


def test_cr_only_line_ends(package):
    package.replace_bytes(SEATS, b"\n", b"\r", -1)
    assert_finding(timed(package), layer="format", rule="line-ending", file=SEATS, row=1)


def test_an_unbalanced_quote(package):
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.replace_bytes(SEATS, b"\ncor-2021,sadrist,", b'\n"cor-2021,sadrist,')
    assert_finding(timed(package), layer="format", rule="quote", file=SEATS, row=line)


def test_a_stray_quote_inside_a_cell(package):
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.replace_bytes(SEATS, b"\ncor-2021,sadrist,", b'\ncor-2021,sa"d"rist,')
    assert_finding(timed(package), layer="schema", rule="pattern", file=SEATS, row=line, column="bloc_id")


def test_a_row_of_the_wrong_width_that_is_not_utf8_prints_no_traceback(package, capfd):
    """The parser decodes a row of the wrong width before it can report it; a byte that is not
    UTF-8 there must be found first, not printed by Python as an exception it had to ignore."""
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.replace_bytes(SEATS, b"\ncor-2021,sadrist,", b"\ncor-\xbb2021,extra,sadrist,")
    assert cli(package.descriptor, capfd) == (1, "")
    assert f"{SEATS}, row {line}: [encoding] not UTF-8: byte 0xbb" in capfd.readouterr().out


def test_a_header_only_table(package):
    path = package.root / SEATS
    path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\n")
    assert_finding(timed(package), layer="rules", rule="complete", file=SEATS, column="bloc_id")


@pytest.mark.parametrize(
    ("change", "layer", "rule", "resource", "prop"),
    [
        (lambda d: d["resources"].remove(resource_of(d, "claims")), "descriptor", "foreign-key", "seat-results", None),
        (set_property("claims", "name", "statements"), "descriptor", "foreign-key", "seat-results", None),
        (
            lambda d: [resource_of(d, "claims").pop(k) for k in ("type", "profile")],
            "descriptor",
            "schema",
            "claims",
            "schema",
        ),
        (lambda d: resource_of(d, "claims").pop("name"), "descriptor", "datapackage-profile", "#6", None),
        (set_property("claims", "type", "text"), "descriptor", "datapackage-profile", "claims", "type"),
        (set_property("claims", "path", "data/claims\0.csv"), "descriptor", "path", "claims", "path"),
        (set_property("claims", "path", "data/" + "x" * 5000 + ".csv"), "descriptor", "path", "claims", "path"),
        (set_property("claims", "path", "data"), "descriptor", "path", "claims", "path"),
        (set_property("claims", "schema", "data/claims.csv"), "descriptor", "json", "claims", "schema"),
        (
            set_property("claims", "schema", {"primaryKey": ["claim_id"]}),
            "descriptor",
            "datapackage-profile",
            "claims",
            None,
        ),
    ],
    ids=[
        "missing resource",
        "renamed resource",
        "untyped resource",
        "nameless resource",
        "retyped resource",
        "NUL in a path",
        "overlong path",
        "a folder as a path",
        "schema that is not JSON",
        "schema without fields",
    ],
)
def test_a_broken_descriptor_is_a_finding(package, change, layer, rule, resource, prop):
    package.edit_descriptor(change)
    result = timed(package)
    assert_finding(result, layer=layer, rule=rule, resource=resource, **({"property": prop} if prop else {}))


def test_a_missing_table_the_rules_read_is_named(package):
    """A table no foreign key points to, but the rules read: named, not a traceback (by the pinned
    list of tables, before any rule runs)."""

    def drop(descriptor):
        descriptor["resources"].remove(resource_of(descriptor, "reconciliation"))
        descriptor["resources"].remove(resource_of(descriptor, "seat-results"))

    package.edit_descriptor(drop)
    result = timed(package)
    assert_finding(result, layer="descriptor", rule="tables-pinned", resource="seat-results")


@pytest.mark.parametrize("kind", ["any", "boolean", "geopoint"])
def test_a_field_type_validation_does_not_know(package, kind):
    with package.edited_json("schemas/claims.schema.json") as schema:
        schema["fields"][-1]["type"] = kind
    assert_finding(timed(package), layer="schema", rule="schema", file=CLAIMS, column="note", resource="claims")


def test_a_foreign_key_to_a_missing_resource(package):
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        schema["foreignKeys"][0]["reference"]["resource"] = "no-such-table"
    assert_finding(
        timed(package),
        layer="descriptor",
        rule="foreign-key",
        resource="seat-results",
        property="schema.foreignKeys[0].reference.resource",
    )


def test_a_symlink_loop(package):
    (package.root / "data/loop.csv").symlink_to("loop.csv")
    package.edit_descriptor(set_property("claims", "path", "data/loop.csv"))
    assert_finding(timed(package), layer="descriptor", rule="path", resource="claims", property="path")


def test_a_fifo_is_never_opened(package):
    os.mkfifo(package.root / "data/pipe.csv")
    package.edit_descriptor(set_property("claims", "path", "data/pipe.csv"))
    assert_finding(timed(package), layer="descriptor", rule="path", resource="claims", property="path")


# --- the command line ends quietly, whatever happens to its output ------------------------------


@pytest.fixture
def broken(package):
    """An invalid copy whose report holds Arabic text and a long line."""
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.set_cell(SEATS, line, "seats", "\u0667\u0663")
    return package


def test_output_to_a_closed_pipe(broken):
    done = subprocess.run(
        f"{sys.executable} {ROOT / 'validate.py'} {broken.descriptor} | head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tests/sandbox")},
    )
    assert done.stdout.strip() in {"1"} and done.stderr == ""


def test_output_to_a_full_disk(broken):
    with open("/dev/full", "w") as full:
        done = run_cli(broken.descriptor, stdout=full, stderr=subprocess.PIPE, capture_output=False, text=True)
    assert done.returncode == 1 and done.stderr == ""


def test_output_to_an_ascii_terminal(broken):
    done = run_cli(broken.descriptor, env={"PYTHONIOENCODING": "ascii"}, text=True)
    assert done.returncode == 1 and done.stderr == ""
    assert "\\u0667\\u0663" in done.stdout


# validate.py run as a script, with a SIGINT sent to itself once validation has begun: the signal
# arrives mid-run on any machine, however fast or slow
INTERRUPTED_RUN = """
import os, runpy, signal, sys
import iraq_election_seats.run as run
validate = run.validate
def interrupted(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)
    return validate(*args, **kwargs)
run.validate = interrupted
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def test_ctrl_c_exits_130_quietly():
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_RUN, str(ROOT / "validate.py"), str(ROOT / "datapackage.json")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=SECONDS,
        env={**os.environ, "PYTHONPATH": f"{ROOT / 'tests/sandbox'}{os.pathsep}{ROOT}"},
    )
    assert done.returncode == 130 and done.stdout == "" and done.stderr == ""


def test_validation_never_forks_nor_opens_a_socket():
    """The sandbox ends a process that starts another or opens a socket with status 99; a run
    through every layer finishes."""
    assert run_cli().returncode == 0


@pytest.mark.parametrize(
    ("code", "event"),
    [
        ("import socket; socket.socket()", "socket.__new__"),
        ("import subprocess; subprocess.run(['true'])", "subprocess.Popen"),
        ("import os; os.system('true')", "os.system"),
        ("import os; os.fork()", "os.fork"),
    ],
    ids=["socket", "subprocess", "os.system", "fork"],
)
def test_the_sandbox_catches_a_socket_or_a_new_process(code, event):
    """The guard itself: a process that opens a socket or starts another, by any of Python's ways,
    is caught, so a pass above means something (subprocess and os.system raise no fork event)."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "tests/sandbox")},
    )
    assert done.returncode == 99 and event in done.stderr, done.stderr


def test_the_in_process_guard_catches_a_socket_however_it_is_made(no_network):
    """The audit hook, not only the patched socket.socket: the C-level socket type is refused too."""
    import _socket

    with pytest.raises(ConnectionRefusedError):
        _socket.socket()
    assert "socket.__new__" in no_network
    no_network.clear()


@pytest.mark.parametrize(
    "args",
    [["no/such/datapackage.json"], ["data"], ["--no-such-option"], ["a", "b"]],
    ids=["missing", "a folder", "unknown option", "two paths"],
)
def test_usage_errors_exit_2_and_json_is_one_document(args, capsys, monkeypatch):
    from iraq_election_seats.cli import main

    monkeypatch.chdir(ROOT)
    assert main(args) == 2
    plain = capsys.readouterr()
    assert plain.out == "" and "error:" in plain.err and "Traceback" not in plain.err
    assert main([*args, "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["status"] == 2


def test_a_usage_error_exits_2_from_the_process():
    done = run_cli("no/such/datapackage.json", "--json", text=True)
    assert done.returncode == 2 and json.loads(done.stdout)["status"] == 2 and done.stderr == ""


def test_a_nul_in_the_descriptor_path_is_a_usage_error(capsys):
    from iraq_election_seats.cli import main

    assert main(["data/\0.json", "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["status"] == 2


# --- safe output ---------------------------------------------------------------------------------


def test_a_cell_cannot_forge_a_workflow_command(package, capfd, monkeypatch):
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    forged = "7\n::stop-commands::x\n::error file=README.md::forged \u202e" + "x" * 2000
    package.set_cell(SEATS, line, "seats", forged)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli(package.descriptor, capfd) == (1, "")
    done = capfd.readouterr()
    lines = done.out.splitlines()
    assert all(not text.lstrip().startswith("::") or text.startswith("::error file=") for text in lines)
    assert not any("::stop-commands" in text or "README.md::" in text for text in lines)
    assert "\u202e" not in done.out and max(map(len, lines)) < 1000
    assert f"{SEATS}, row {line}, column seats: [type]" in done.out


# --- exact places --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "layer", "rule"), [("", "schema", "attribution"), (" Hanizadeh", "format", "whitespace")]
)
def test_a_quoted_newline_shifts_no_later_row(package, cell, layer, rule):
    first = package.line(CLAIMS, claim_id="rasanah-sadrist-2021-seats")
    package.set_cell(CLAIMS, first, "note", "one line\nand another\nand a third")
    later = package.line(CLAIMS, claim_id="rasanah-hanizadeh-rigged")
    assert later > first
    package.set_cell(CLAIMS, later, "attributed_to", cell)
    assert_finding(timed(package), layer=layer, rule=rule, file=CLAIMS, row=later + 2, column="attributed_to")


@pytest.mark.parametrize(("prop", "value"), [("format", "xlsx"), ("scheme", "s3"), ("mediatype", "application/zip")])
def test_damage_to_one_resource_is_blamed_on_it_alone(package, prop, value):
    package.edit_descriptor(set_property("blocs", prop, value))
    result = timed(package)
    assert_finding(
        result, layer="descriptor", rule=prop if prop != "mediatype" else "format", resource="blocs", property=prop
    )
    assert {f.resource for f in findings(result)} == {"blocs"}


def test_every_descriptor_finding_names_its_resource_and_property(package):
    package.edit_descriptor(lambda d: resource_of(d, "claims").update(bytes="many"))
    found = findings(timed(package))
    assert found and all(f.resource == "claims" and f.property == "bytes" for f in found)


def test_nothing_is_written(broken, tmp_path):
    """Neither a valid nor an invalid run changes a file of the package or leaves a temporary one."""
    temp = tmp_path / "temp"
    temp.mkdir()
    for descriptor, status in ((ROOT / "datapackage.json", 0), (broken.descriptor, 1)):
        before = tree_digest(descriptor.parent)
        assert run_cli(descriptor, env={"TMPDIR": str(temp)}).returncode == status  # a run to its report
        assert tree_digest(descriptor.parent) == before
    assert not list(temp.iterdir())


def test_the_time_budget_ends_a_run_with_a_finding(package):
    from iraq_election_seats.limits import Budget
    from iraq_election_seats.run import validate

    result = validate(str(package.descriptor), Budget(seconds=0))
    assert_finding(result, layer="limits", rule="time-budget")


def test_an_unreadable_table(package, monkeypatch):
    """Permission denied (root reads everything, so the refusal is simulated where the file is opened)."""
    from pathlib import Path

    opened = Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "claims.csv":
            raise PermissionError(13, "Permission denied")
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    finding = assert_finding(timed(package), layer="format", rule="file", file=CLAIMS)
    assert "Permission denied" in finding.message


def test_a_bound_that_is_not_a_number(package):
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        schema["fields"][2]["constraints"]["minimum"] = "abc"
    assert_finding(
        timed(package),
        layer="descriptor",
        rule="schema",
        resource="seat-results",
        property="schema.fields[2].constraints.minimum",
    )


def test_a_schema_edited_after_a_validation_is_checked_as_edited(shipped, package):
    """Validating many packages in one process keeps nothing of one Table Schema for the next: a
    schema tightened after the shipped one was validated here is checked as it now stands."""
    assert shipped.valid
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        schema["fields"][2]["constraints"]["maximum"] = 1
    broken = {(f.layer, f.rule, f.file, f.column) for f in findings(timed(package))}
    assert ("schema", "maximum", SEATS, "seats") in broken


def test_a_field_without_a_type_is_text(package):
    """The Table Schema's default type is string: a note field that omits it is still checked as text."""
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        assert schema["fields"][5]["name"] == "seats_note"
        schema["fields"][5].pop("type")
    assert timed(package).valid


@pytest.mark.parametrize("fault", [KeyError("seats"), ZeroDivisionError("on purpose")], ids=repr)
def test_a_fault_inside_a_rule_is_an_internal_error_not_a_finding(monkeypatch, capsys, fault):
    """An exception inside a rule, even a KeyError that names a column the package has, is a fault of
    the code: exit status 3 with a request to report it, one JSON document, never VALID, never a
    finding that blames the package."""
    import dataclasses

    from iraq_election_seats import rules
    from iraq_election_seats.cli import INTERNAL_ERROR, main

    def broken(ctx, rule):
        raise fault

    faulty = [*rules.RULES]
    faulty[3] = dataclasses.replace(faulty[3], check=broken)
    monkeypatch.setattr(rules, "RULES", faulty)
    assert main([str(ROOT / "datapackage.json"), "--json"]) == INTERNAL_ERROR == 3
    out, err = capsys.readouterr()
    assert json.loads(out) == {"valid": False, "status": 3, "error": json.loads(out)["error"]}
    assert "internal error: please report it" in err and type(fault).__name__ in err


def test_a_column_the_rules_read_but_the_package_lacks_is_named(package):
    """Dropped from the table and its schema, a column passes the first layers; the rules need it."""
    rows = [{k: v for k, v in row.items() if k != "rank_note"} for row in package.rows(SEATS)]
    package.write_rows(SEATS, rows)
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        schema["fields"] = [f for f in schema["fields"] if f["name"] != "rank_note"]
    result = timed(package)
    assert [(f.rule, f.resource) for f in findings(result)] == [("needs", "seat-results")], findings(result)
    assert "column 'rank_note' of table 'seat-results'" in findings(result)[0].message


@pytest.mark.parametrize("pattern", [None, 0, ["a"], "^("])
def test_a_pattern_that_is_not_a_regular_expression(package, pattern, capfd):
    """On an integer field the profile leaves a pattern unchecked; it is refused, and RE2 prints nothing."""
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        schema["fields"][2].setdefault("constraints", {})["pattern"] = pattern
    assert_finding(
        timed(package),
        layer="descriptor",
        rule="pattern",
        resource="seat-results",
        property="schema.fields[2].constraints.pattern",
    )
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(("prop", "value"), [("bytes", 3), ("hash", "sha256:00"), ("hash", "crc32:00")])
def test_a_table_is_the_size_and_hash_it_declares(package, prop, value):
    package.edit_descriptor(set_property("claims", prop, value))
    assert_finding(timed(package), layer="format", rule="checksum", file=CLAIMS)


def test_a_table_with_its_true_size_and_hash_is_valid(package):
    import hashlib

    data = (package.root / CLAIMS).read_bytes()
    package.edit_descriptor(set_property("claims", "hash", "sha256:" + hashlib.sha256(data).hexdigest()))
    package.edit_descriptor(set_property("claims", "bytes", len(data)))
    assert timed(package).valid


@pytest.mark.parametrize("digits", [19, 5000])
def test_a_number_past_the_digit_limit(package, digits):
    line = package.line(SEATS, election_id="cor-2021", bloc_id="sadrist")
    package.set_cell(SEATS, line, "seats", "7" * digits)
    assert_finding(timed(package), layer="schema", rule="number-length", file=SEATS, row=line, column="seats")
