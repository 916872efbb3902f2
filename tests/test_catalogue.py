"""The rule catalogue is the one list of the package's own rules: the README and --list-rules are
generated from it, and every finding of the cross-table rules carries a catalogued code."""

import ast

import iraq_election_seats as ies
from conftest import ROOT
from iraq_election_seats.cli import main
from tools.readme_sections import page, replace_section


def test_the_documentation_lists_the_catalogue():
    text = page("rule-list").read_text(encoding="utf-8")
    assert replace_section(text, "rule-list", ies.rules_markdown()) == text
    assert all(f"| `{rule.code}` | {rule.layer} |" in text for rule in ies.RULES)


def test_list_rules_prints_every_rule_once(capsys):
    assert main(["--list-rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [rule.code for rule in ies.RULES]


def test_the_installed_command_lists_rules_without_a_package(capsys):
    assert main(["--list-rules"], prog="iraq-election-seats-validate", default=None) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(ies.RULES)
    assert main([], prog="iraq-election-seats-validate", default=None) == 2


def test_each_rule_is_declared_once_with_what_it_protects():
    codes = [rule.code for rule in ies.RULES]
    assert len(codes) == len(set(codes))
    assert all(rule.reads and rule.protects.endswith(".") and callable(rule.check) for rule in ies.RULES)


def test_no_cross_table_rule_writes_its_code_in_its_body():
    """A finding of the cross-table rules is made by its catalogue entry (rule.finding), never by a
    Finding with a code written as a string."""
    for module in ("rules.py", "record_rules.py"):
        tree = ast.parse((ROOT / "iraq_election_seats" / module).read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "Finding"]
        assert calls == [], module


def test_what_the_rules_need_is_the_shipped_package():
    """The tables and columns checked before the rules run are those of the shipped package, so
    the shipped package needs nothing and a table or column it adds is listed too."""
    import json

    from iraq_election_seats.contract import NEEDS

    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    shipped = {
        r["name"]: tuple(f["name"] for f in json.loads((ROOT / r["schema"]).read_text(encoding="utf-8"))["fields"])
        for r in descriptor["resources"]
        if r.get("type") == "table"
    }
    assert shipped == NEEDS
