"""Generated sections of the documentation, kept between marker comments so one command can refresh
them and a test can tell when they are stale. Each section lives in one page of `docs/`."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The page of the documentation, relative to the package folder, that holds each generated section.
PAGES = {
    "data-dictionary": "docs/data-dictionary.md",
    "rule-list": "docs/validation.md",
    "reconciliation": "docs/record.md",
}


def page(name: str, root: Path = ROOT) -> Path:
    """The page that holds section `name` in the package folder `root`."""
    return root / PAGES[name]


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start (generated; do not edit by hand) -->", f"<!-- {name}:end -->"


def replace_section(text: str, name: str, body: str) -> str:
    start, end = markers(name)
    head, found, rest = text.partition(start)
    if not found or end not in rest:
        raise SystemExit(f"{PAGES.get(name, 'the page')} has no section markers for {name!r}")
    return head + start + "\n" + body.rstrip() + "\n" + end + rest.split(end, 1)[1]


def refresh(name: str, body: str, argv: list[str], target: Path | None = None, tool: str | None = None) -> int:
    """Write the section, or with --check only say whether its page is current (exit 1 if stale)."""
    target = target or page(name)
    text = target.read_text(encoding="utf-8")
    wanted = replace_section(text, name, body)
    if "--check" in argv:
        if wanted != text:
            print(
                f"{target.name}: the {name!r} section is stale; run: python -m {tool or 'tools.' + name.replace('-', '_')}",
                file=sys.stderr,
            )
            return 1
        return 0
    target.write_text(wanted, encoding="utf-8")
    return 0
