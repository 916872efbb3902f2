"""The second round of a hostile pull request: growth with no bound, ends that are not clean,
rules that stopped short of what they claim, places left unnamed and pins a copy could move.
Each class ends in exit 1 with a finding that names its file, row and column (or resource and
property) and its rule, in seconds and within a few hundred MiB."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import ROOT, SANDBOX, assert_finding, findings

SEATS = "data/seat_results.csv"
CLAIMS = "data/claims.csv"
BRIEF = "seeds/000_298e8f6d201a8252.txt"
SECONDS = 10
MEMORY = 300 << 20  # the bound on any hostile input: 300 MiB


def timed(package):
    start = time.perf_counter()
    result = package.validate()
    assert time.perf_counter() - start < SECONDS
    return result


def limited_run(descriptor, address_space: int = 512 << 20, extra: str = ""):
    """validate.py in a process whose address space is capped by setrlimit, as `ulimit -v` caps it."""
    code = textwrap.dedent(
        f"""
        import resource, runpy, sys
        resource.setrlimit(resource.RLIMIT_AS, ({address_space}, {address_space}))
        {extra}
        sys.argv = ["validate.py", {str(descriptor)!r}]
        runpy.run_path({str(ROOT / "validate.py")!r}, run_name="__main__")
        """
    )
    env = {**os.environ, "PYTHONPATH": str(SANDBOX)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)


# --- bounded everywhere ---------------------------------------------------------------------------


def test_the_valid_package_validates_under_a_512_mib_address_space(package):
    """A read sized to its limit asked for 2 GiB before reading a 3 KB table."""
    done = limited_run(package.descriptor)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.rstrip().endswith("VALID") and "Traceback" not in done.stderr


def test_ten_million_blank_lines(package):
    """20 MB of blank lines took 1.4 GB, one skipped row at a time; the parse now stops after the
    rows a report names."""
    with (package.root / SEATS).open("ab") as handle:
        handle.write(b"\n" * 10_000_000)
    start = time.perf_counter()
    done = limited_run(package.descriptor, address_space=MEMORY + (300 << 20))
    assert time.perf_counter() - start < SECONDS
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert f"{SEATS}, row " in done.stdout and "[blank-row]" in done.stdout


# --- clean ends ---------------------------------------------------------------------------------

# Each run says "ready" on stderr once the interpreter has started, then runs validate.py (compiled
# before) or the console script pip writes for the installed command.
READY = "import sys; sys.argv = ['x', sys.argv[1]]; "
VALIDATE_PY = (
    READY + f"code = compile(open({str(ROOT / 'validate.py')!r}).read(), 'validate.py', 'exec'); "
    "print('ready', file=sys.stderr, flush=True); exec(code, {'__name__': '__main__'})"
)
INSTALLED = (
    READY + "print('ready', file=sys.stderr, flush=True); "
    "from iraq_election_seats.process import command; sys.exit(command())"
)


# Moments to interrupt a run at, in seconds after "ready": from start-up to the report. The two ways in
# share everything after their first lines, so they take alternate moments: each one every 0.12 s,
# the two together every 0.06 s, for half the runs.
MOMENTS = [0.01, *(0.06 * n for n in range(1, 12))]


@pytest.mark.parametrize(
    ("code", "moments"),
    [(VALIDATE_PY, MOMENTS[0::2]), (INSTALLED, MOMENTS[1::2])],
    ids=["validate.py", "installed command"],
)
def test_ctrl_c_at_any_moment_prints_no_traceback(package, code, moments):
    """Ctrl-C at any moment from the first line of validate.py (or of the installed command) to the
    report ends the run with status 130 and nothing on stderr. Before that line the interpreter
    itself is starting (a few milliseconds); a signal there is the interpreter's to report."""
    statuses = set()
    for delay in moments:
        process = subprocess.Popen(
            [sys.executable, "-c", code, str(package.descriptor)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": f"{SANDBOX}{os.pathsep}{ROOT}"},
        )
        assert process.stderr.readline() == "ready\n"
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=SECONDS)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (delay, err)
        assert process.returncode in {130, 0}, (delay, process.returncode, err)
        statuses.add(process.returncode)
    assert 130 in statuses


@pytest.mark.parametrize("where", ["here", "deleted"])
@pytest.mark.parametrize("actions", ["true", ""])
def test_json_is_one_document_in_every_environment(package, tmp_path, where, actions):
    """Under GitHub Actions the annotations went to stdout after the JSON; in a deleted working
    folder they could not be placed. The report is one JSON document, and each annotation is said."""
    package.set_cell(SEATS, 2, "seats_status", "guessed")
    cwd = tmp_path / "gone"
    cwd.mkdir()
    if where == "deleted":
        script = f"import os, runpy, sys; os.chdir({str(cwd)!r}); os.rmdir({str(cwd)!r}); "
        script += f"sys.argv = ['validate.py', {str(package.descriptor)!r}, '--json']; "
        script += f"runpy.run_path({str(ROOT / 'validate.py')!r}, run_name='__main__')"
        command = [sys.executable, "-c", script]
    else:
        command = [sys.executable, str(ROOT / "validate.py"), str(package.descriptor), "--json"]
    env = {**os.environ, "PYTHONPATH": f"{SANDBOX}{os.pathsep}{ROOT}", "GITHUB_ACTIONS": actions}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    report = json.loads(done.stdout)
    assert report["valid"] is False
    assert ("::error file=" in done.stderr) == (actions == "true")
    if actions:
        assert "seat_results.csv,line=2,title=" in done.stderr


NO_THREADS = """
#include <errno.h>
#include <pthread.h>
int pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *x) { return EAGAIN; }
"""


def test_a_process_that_may_not_start_threads(package, tmp_path):
    """Under a process limit that forbids new threads, pyarrow's CSV reader aborted the run (exit 134)
    with a C++ message. A root user is not held by RLIMIT_NPROC, so the refusal is made by a
    pthread_create that always fails, preloaded: the run ends in a finding."""
    import shutil

    if shutil.which("cc") is None:
        pytest.skip("no C compiler to build the library that refuses threads")
    (tmp_path / "no_threads.c").write_text(NO_THREADS)
    library = tmp_path / "no_threads.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", library, tmp_path / "no_threads.c"], check=True)
    env = {**os.environ, "LD_PRELOAD": str(library), "PYTHONPATH": f"{SANDBOX}{os.pathsep}{ROOT}"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "validate.py"), str(package.descriptor), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])
    finding = json.loads(done.stdout)["layers"][0]["findings"][0]
    assert finding["rule"] == "threads" and finding["layer"] == "limits"


# --- rules that cover what they claim -------------------------------------------------------------

BLANKS = ["\u3164", "\u2800", "\u115f\u1160", "\uffa0", "\u034f", "\u200b\u200c\u200d", "\u0301\u0301", "\ufe0f"]


@pytest.mark.parametrize("blank", BLANKS, ids=[f"U+{ord(b[0]):04X}" for b in BLANKS])
@pytest.mark.parametrize(
    ("file", "match", "column"),
    [
        (SEATS, {"election_id": "cor-2018", "bloc_id": "sadrist"}, "seats_note"),
        (CLAIMS, {"claim_id": "rasanah-sadrist-2021-seats"}, "attributed_to"),
    ],
    ids=["gap reason", "attribution"],
)
def test_a_cell_of_fillers_and_blanks_is_not_visible_text(package, blank, file, match, column):
    """Hangul fillers, the blank Braille pattern, joiners and lone marks all render as nothing."""
    line = package.line(file, **match)
    package.set_cell(file, line, column, blank)
    assert_finding(timed(package), layer="format", rule="visible-text", file=file, row=line, column=column)


def test_a_place_of_a_list_that_ran_is_never_not_applicable(package):
    """Gap kinds covered seats only: Huqooq ran its own list in 2021, so its place applies."""
    line = package.line(SEATS, election_id="cor-2021", bloc_id="huqooq")
    package.set_cell(SEATS, line, "rank_status", "not_applicable")
    assert_finding(timed(package), layer="rules", rule="participation", file=SEATS, row=line, column="rank_status")


def test_a_status_the_rules_do_not_know_once_the_enum_is_gone(package):
    """The schema's enum was the only thing that knew the four statuses; a copy can remove it."""
    with package.edited_json("schemas/seat_results.schema.json") as schema:
        for spec in schema["fields"]:
            if spec["name"].endswith("_status"):
                spec.get("constraints", {}).pop("enum", None)
    line = package.line(SEATS, election_id="cor-2021", bloc_id="huqooq")
    package.set_cell(SEATS, line, "rank_status", "estimated")
    assert_finding(timed(package), layer="rules", rule="status-known", file=SEATS, row=line, column="rank_status")


def test_a_key_given_twice_in_the_descriptor(package):
    """A reviewer reads the first 'schema'; the parser kept the last."""
    path = package.descriptor
    text = path.read_text(encoding="utf-8")
    first = '"schema": "schemas/claims.schema.json"'
    assert first in text
    path.write_text(text.replace(first, first + ', "schema": "schemas/sources.schema.json"'), encoding="utf-8")
    assert_finding(timed(package), layer="descriptor", rule="duplicate-key", file="datapackage.json")


def test_a_key_given_twice_in_a_schema(package):
    """A second 'enum' that widens the first."""
    path = package.root / "schemas/seat_results.schema.json"
    text = path.read_text(encoding="utf-8")
    at = text.index('"enum"')
    path.write_text(text[:at] + '"enum": ["reported", "guessed"], ' + text[at:], encoding="utf-8")
    found = assert_finding(
        timed(package), layer="descriptor", rule="duplicate-key", file="schemas/seat_results.schema.json"
    )
    assert found.resource == "seat-results" and found.property == "schema"


@pytest.mark.parametrize("other", ["Claims", "clai\u200bms", "claims\u3164", "\uff43laims"])
def test_names_a_reader_cannot_tell_apart(package, other):
    """Two resources named alike but for case or invisible characters: one name to a reader."""

    def rename(descriptor):
        sources = next(r for r in descriptor["resources"] if r["name"] == "sources")
        sources["name"] = other

    package.edit_descriptor(rename)
    found = assert_finding(timed(package), layer="descriptor", rule="name", resource="claims", property="name")
    assert repr(other) in found.message


@pytest.mark.parametrize(
    ("change", "prop", "column"),
    [
        (lambda s: s.update(uniqueKeys=[["claim_id", "quote"]]), "schema.uniqueKeys", None),
        (lambda s: s["fields"][7].update(categories=["seats", "rank"]), "schema.fields.categories", "measure"),
    ],
    ids=["uniqueKeys", "categories"],
)
def test_table_schema_v2_features_are_refused_not_skipped(package, change, prop, column):
    with package.edited_json("schemas/claims.schema.json") as schema:
        change(schema)
    result = timed(package)
    assert_finding(result, layer="schema", rule="schema", resource="claims", property=prop, column=column)


# --- pins a pull request cannot move silently -----------------------------------------------------


def test_a_quote_end_past_the_end_of_its_report(package):
    """A slice clamps: a quote that runs to the report's last character, with its end moved past it,
    still 'matched'."""
    text = (package.root / BRIEF).read_text(encoding="utf-8")
    row = max((r for r in package.rows(CLAIMS) if r["source_id"] == "brief"), key=lambda r: int(r["start"]))
    line = package.line(CLAIMS, claim_id=row["claim_id"])
    package.set_cell(CLAIMS, line, "quote", text[int(row["start"]) :])
    package.set_cell(CLAIMS, line, "end", str(len(text) + 50))
    assert_finding(timed(package), layer="provenance", rule="quote-offsets", file=CLAIMS, row=line, column="end")


def test_a_report_changed_with_its_hash_and_size_in_both_records(package):
    """73 made 74 in the report, and its sha256 and size rewritten in sources.csv and the descriptor:
    the copy agrees with itself, but not with the validator's pins."""
    import hashlib

    rasanah = "seeds/004_c58b7ef47082a695.txt"
    package.replace_bytes(rasanah, b"securing 73 seats", b"securing 74 seats")
    data = (package.root / rasanah).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    line = package.line("data/sources.csv", source_id="rasanah")
    package.set_cell("data/sources.csv", line, "sha256", digest)
    package.set_cell("data/sources.csv", line, "bytes", str(len(data)))

    def rehash(descriptor):
        for item in descriptor["resources"]:
            if item.get("path") == rasanah:
                item.update(hash=f"sha256:{digest}", bytes=len(data))

    package.edit_descriptor(rehash)
    assert_finding(
        timed(package), layer="provenance", rule="report-pinned", file="data/sources.csv", row=line, column="sha256"
    )


def test_a_pinned_report_renamed_with_its_records_is_told(package):
    """A report moved to a new name, its path changed in sources.csv and the descriptor together,
    would be checked only against its own records: the pins say the pinned report is gone."""
    brief = "seeds/000_298e8f6d201a8252.txt"
    moved = "seeds/brief.txt"
    (package.root / brief).rename(package.root / moved)
    line = package.line("data/sources.csv", path=brief)
    package.set_cell("data/sources.csv", line, "path", moved)

    def repath(descriptor):
        for item in descriptor["resources"]:
            if item.get("path") == brief:
                item["path"] = moved

    package.edit_descriptor(repath)
    assert_finding(timed(package), layer="provenance", rule="report-pinned", file="data/sources.csv", column="path")


def test_the_complete_final_count_re_dated_to_the_preliminary_stage(package):
    """The only complete 2021 count, dated to the preliminary results and filed under them, then every
    derived table regenerated: each rule on dates and stages agrees, but the pins do not."""
    sources, results = "data/reference_sources.csv", "data/reference_results.csv"
    line = package.line(sources, ref_source_id="wikipedia-alquds-2021")
    package.set_cell(sources, line, "date", "2021-10-16")
    moved = [
        {**row, "stage_id": "cor-2021-preliminary"} if row["ref_source_id"] == "wikipedia-alquds-2021" else row
        for row in package.rows(results)
    ]
    package.write_rows(results, moved)
    package.regenerate()
    result = timed(package)
    assert_finding(result, layer="rules", rule="record-pinned", file=sources, row=line, column="date")
    first = min(n for n, row in enumerate(moved, 2) if row["ref_source_id"] == "wikipedia-alquds-2021")
    assert_finding(result, layer="rules", rule="record-pinned", file=results, row=first, column="stage_id")


def test_a_stage_re_dated_is_told(package):
    """The 2021 final results moved a week earlier: the sources filed under it would follow."""
    stages = "data/result_stages.csv"
    line = package.line(stages, stage_id="cor-2021-final")
    package.set_cell(stages, line, "date", "2021-11-23")
    assert_finding(timed(package), layer="rules", rule="record-pinned", file=stages, row=line, column="date")


def test_a_table_removed_from_the_descriptor(package):
    """A table the README lists, removed from the descriptor and then corrupted, was never read."""
    package.edit_descriptor(lambda d: d.update(resources=[r for r in d["resources"] if r["name"] != "identifiers"]))
    (package.root / "data/identifiers.csv").write_text("anything,at all\n", encoding="utf-8")
    assert_finding(
        timed(package), layer="descriptor", rule="tables-pinned", file="datapackage.json", resource="identifiers"
    )


def many_resources(count, schema="schemas/claims.schema.json", path="data/claims.csv"):
    def change(descriptor):
        descriptor["resources"] += [
            {"name": f"copy-{n}", "type": "table", "path": path, "schema": schema} for n in range(count)
        ]

    return change


def test_thousands_of_resources(package):
    package.edit_descriptor(many_resources(1_000))
    assert_finding(timed(package), layer="descriptor", rule="resources-count", property="resources")


def test_resources_sharing_one_schema_and_file(package):
    """3,000 resources sharing one 1 MiB schema took 3 GB; sharing is refused, whatever the count."""
    package.edit_descriptor(many_resources(3))
    result = timed(package)
    assert_finding(result, layer="descriptor", rule="shared-file", resource="copy-0", property="path")
    assert_finding(result, layer="descriptor", rule="shared-file", resource="copy-0", property="schema")


def test_table_schemas_past_their_total_limit(package):
    """Each schema file within its own limit, together far past MAX_SCHEMAS_BYTES."""
    with package.edited_json("schemas/claims.schema.json") as schema:
        padding = schema
    for n in range(10):
        padded = dict(padding, description="x" * (900 << 10))
        (package.root / f"schemas/pad-{n}.schema.json").write_text(json.dumps(padded), encoding="utf-8")
        (package.root / f"data/pad-{n}.csv").write_bytes((package.root / CLAIMS).read_bytes())

    def add(descriptor):
        descriptor["resources"] += [
            {"name": f"pad-{n}", "type": "table", "path": f"data/pad-{n}.csv", "schema": f"schemas/pad-{n}.schema.json"}
            for n in range(10)
        ]

    package.edit_descriptor(add)
    found = [f for f in findings(timed(package)) if f.rule == "schema" and "MAX_SCHEMAS_BYTES" in f.message]
    assert len(found) == 1 and found[0].resource.startswith("pad-")


def append_rows(package, file, rows):
    with (package.root / file).open("a", encoding="utf-8") as handle:
        handle.writelines(",".join(row) + "\n" for row in rows)


def test_ten_thousand_elections_and_blocs(package):
    """10,000 all-gap elections and blocs made a grid of 10^8 (2 GB) before any rule ran."""
    gap = ["not_reported", "", "Not given."]
    append_rows(package, "data/elections.csv", [[f"e{n}", "An election", "", *gap, "", *gap] for n in range(5000)])
    append_rows(package, "data/blocs.csv", [[f"b{n}", "A bloc", "", "", "list", ""] for n in range(5000)])
    assert_finding(timed(package), layer="limits", rule="grid-size", file=SEATS, column="bloc_id")


def test_thirty_thousand_claims(package):
    """Paired with every other across reports, 30,000 one-word claims ran past a minute."""
    rows = package.rows(CLAIMS)
    outcome = next(r for r in rows if r["measure"] == "outcome")
    rows += [dict(outcome, claim_id=f"c{n}") for n in range(30_000)]
    package.write_rows(CLAIMS, rows)
    assert_finding(timed(package), layer="limits", rule="claims-count", file=CLAIMS)


def test_a_quote_of_sixty_thousand_characters_of_number_words(package):
    line = package.line(CLAIMS, claim_id="rasanah-sadrist-2021-seats")
    package.set_cell(CLAIMS, line, "quote", ("seventy-three " * 4000).strip())
    assert_finding(timed(package), layer="limits", rule="quote-length", file=CLAIMS, row=line, column="quote")


def test_thousands_of_findings_make_a_short_report(package):
    """Each of 230 resources broken twice: the layer reports MAX_FINDINGS, then one that counts the rest."""
    from iraq_election_seats.limits import MAX_FINDINGS

    def add(descriptor):
        descriptor["resources"] += [
            {"name": f"r{n}", "type": "table", "path": f"data/none-{n}.csv", "encoding": "latin-1", "schema": {}}
            for n in range(230)
        ]

    package.edit_descriptor(add)
    found = timed(package).layers[0].findings
    assert len(found) == MAX_FINDINGS + 1
    assert found[-1].rule == "findings-count" and "more findings" in found[-1].message


# --- every place named ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "layer", "rule"),
    [("seats_status", "guessed", "schema", "enum"), ("seats_note", " Not given.", "format", "whitespace")],
    ids=["a schema's enum", "a cell rule"],
)
def test_a_rule_broken_at_rows_far_apart_names_each(large_package, column, value, layer, rule):
    """Only the first row was named; a contributor fixed it and met the second on the next run. Here
    the two stand some 2,000 lines apart: a shipped row near the top and the last row of the table."""
    first = large_package.line(SEATS, election_id="cor-2018", bloc_id="huqooq")
    last = len(large_package.rows(SEATS)) + 1
    assert last - first > 1900
    large_package.set_cell(SEATS, first, column, value)
    large_package.set_cell(SEATS, last, column, value)
    result = timed(large_package)
    for line in (first, last):
        assert_finding(result, layer=layer, rule=rule, file=SEATS, row=line, column=column)


def test_the_time_budget_is_checked_inside_a_layer(package, monkeypatch):
    """The budget was checked only between layers, so one layer's long work ran on past it: here
    the budget runs out during the first rule, and the rules stop at the next."""
    from iraq_election_seats import rules
    from iraq_election_seats.findings import Rule
    from iraq_election_seats.limits import Budget
    from iraq_election_seats.run import validate

    budget = Budget()
    ran = []

    def spends_the_budget(ctx, rule):
        budget.deadline = 0
        return []

    def never_reached(ctx, rule):
        ran.append("rule")
        return []

    first = Rule("spends-the-budget", rules.LAYER, (), "Spends the run's time.", spends_the_budget)
    second = Rule("never-reached", rules.LAYER, (), "Runs only if the budget is not checked.", never_reached)
    monkeypatch.setattr(rules, "RULES", [first, second, *rules.RULES])
    result = validate(str(package.descriptor), budget)
    assert_finding(result, layer="limits", rule="time-budget")
    assert not ran and [f.rule for f in result.layers[3].findings] == ["time-budget"]
