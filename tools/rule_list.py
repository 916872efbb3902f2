"""Write the documentation's list of the package's own rules from the catalogue (iraq_election_seats.RULES).

python -m tools.rule_list          # rewrite the section
python -m tools.rule_list --check  # exit 1 if it is stale
"""

import sys

import iraq_election_seats as ies
from tools.readme_sections import refresh


def main(argv: list[str]) -> int:
    return refresh("rule-list", ies.rules_markdown(), argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
