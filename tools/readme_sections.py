"""Generated sections of README.md, kept between marker comments so one command can refresh them
and a test can tell when they are stale."""

import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def markers(name: str) -> tuple[str, str]:
    return f"<!-- {name}:start (generated; do not edit by hand) -->", f"<!-- {name}:end -->"


def replace_section(text: str, name: str, body: str) -> str:
    start, end = markers(name)
    head, found, rest = text.partition(start)
    if not found or end not in rest:
        raise SystemExit(f"README.md has no section markers for {name!r}")
    return head + start + "\n" + body.rstrip() + "\n" + end + rest.split(end, 1)[1]


def refresh(name: str, body: str, argv: list[str], readme: Path = README, tool: str | None = None) -> int:
    """Write the section, or with --check only say whether README.md is current (exit 1 if stale)."""
    text = readme.read_text(encoding="utf-8")
    wanted = replace_section(text, name, body)
    if "--check" in argv:
        if wanted != text:
            print(
                f"README.md: the {name!r} section is stale; run: python -m {tool or 'tools.' + name.replace('-', '_')}",
                file=sys.stderr,
            )
            return 1
        return 0
    readme.write_text(wanted, encoding="utf-8")
    return 0
