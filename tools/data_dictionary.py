"""Render the data dictionary (docs/data-dictionary.md) from the Table Schemas, so it is written once, in the schemas.

python -m tools.data_dictionary          # rewrite the page
python -m tools.data_dictionary --check  # exit 1 if it is stale
"""

import json
import sys
from pathlib import Path

from tools.readme_sections import refresh

ROOT = Path(__file__).resolve().parent.parent


def constraint_text(field: dict) -> str:
    c = field.get("constraints", {})
    parts = ["required" if c.get("required") else "may be empty"]
    if c.get("unique"):
        parts.append("unique")
    if "enum" in c:
        parts.append("one of " + ", ".join(f"`{v}`" for v in c["enum"]))
    if "pattern" in c:
        parts.append(f"matches `{c['pattern']}`")
    for bound in ("minimum", "maximum"):
        if bound in c:
            parts.append(f"{bound} {c[bound]}")
    return "; ".join(parts)


def render(descriptor_path: Path = ROOT / "datapackage.json") -> str:
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    out = []
    for resource in descriptor["resources"]:
        if resource.get("type") != "table":
            continue
        schema = json.loads((descriptor_path.parent / resource["schema"]).read_text(encoding="utf-8"))
        key = ", ".join(f"`{k}`" for k in schema.get("primaryKey", []))
        out += [
            f"### `{resource['path']}`: {resource['title']}",
            "",
            resource["description"],
            "",
            f"One row per {key}.",
            "",
        ]
        out += ["| Column | Title | Type | Rules | Meaning |", "|---|---|---|---|---|"]
        for field in schema["fields"]:
            meaning = field["description"].replace("|", "\\|")
            out.append(
                f"| `{field['name']}` | {field['title']} | {field['type']} | {constraint_text(field)} | {meaning} |"
            )
        links = [
            f"`{', '.join(fk['fields'])}` → `{fk['reference']['resource']}.{', '.join(fk['reference']['fields'])}`"
            for fk in schema.get("foreignKeys", [])
        ]
        if links:
            out += ["", "References: " + "; ".join(links) + "."]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(refresh("data-dictionary", render(), sys.argv[1:]))
