"""The catalogue of the package's own rules: each declared once, with its code, layer, the tables it
reads and a sentence on what it protects.

The rules within one table are declared in table_checks (the table-schema layer runs them), the rules
across tables in rules and record_rules; this module gathers them. The README's list of rules and
`validate.py --list-rules` are generated from RULES, so neither can say more or less than the code.
"""

from .findings import Rule
from .rules import RULES as ACROSS_TABLES
from .table_checks import TABLE_RULES


def within_tables() -> list[Rule]:
    """The rules within one table, once each, with every table that runs them."""
    tables, declared = {}, {}
    for table, rules in TABLE_RULES.items():
        for rule in rules:
            declared.setdefault(rule.name, rule)
            tables.setdefault(rule.name, []).append(table)
    return [
        Rule(name, "schema", tuple(tables[name]), rule.message + ".", rule.holds) for name, rule in declared.items()
    ]


RULES: tuple[Rule, ...] = (*within_tables(), *ACROSS_TABLES)


def listing() -> str:
    """The catalogue as lines of text, for --list-rules."""
    return "\n".join(f"{r.code} [{r.layer}; reads {', '.join(r.reads)}]: {r.protects}" for r in RULES)


def markdown() -> str:
    """The catalogue as a Markdown table, for the README."""
    lines = ["| Rule | Layer | Reads | What it protects |", "|---|---|---|---|"]
    lines += [f"| `{r.code}` | {r.layer} | {', '.join(f'`{t}`' for t in r.reads)} | {r.protects} |" for r in RULES]
    return "\n".join(lines)
