"""Build the release archive: the data package with its reports, the README, licence, citation,
changelog and figure, as one zip whose bytes depend only on those files.

    python -m tools.release                       # dist/iraq-election-seats-<version>.zip and .sha256
    python -m tools.release --tag v1.2.0 --check  # also: the tag names this version, the archive's copy is valid

The same files always give the same bytes: entries in sorted order under one folder, each dated
with the version's release day from CHANGELOG.md and given the same permissions, and stored
without compression, so the bytes do not depend on the zlib build of the machine. The .sha256
file is in the format `sha256sum -c` reads.
"""

import argparse
import hashlib
import io
import json
import re
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "iraq-election-seats"
DOCUMENTS = ["README.md", "LICENSE", "CITATION.cff", "CHANGELOG.md"]
# Folders whose files all go into a release: the README's figures and the documentation's pages.
FOLDERS = ["figures", "docs"]


def version_of(root: Path) -> str:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))["version"]


def release_day(root: Path, version: str) -> tuple[int, int, int]:
    """The day CHANGELOG.md gives for this version; a version without an entry is not released."""
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    found = re.search(rf"^## \[{re.escape(version)}\] - (\d{{4}})-(\d{{2}})-(\d{{2}})$", changelog, re.MULTILINE)
    if not found:
        raise SystemExit(f"CHANGELOG.md has no dated entry for version {version}")
    return tuple(int(part) for part in found.groups())


def members(root: Path) -> list[str]:
    """Every file of the release: the descriptor, each file and schema it names, the documents,
    the figures the README shows and the pages of the documentation."""
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    named = {"datapackage.json", *DOCUMENTS}
    for resource in descriptor["resources"]:
        named.add(resource["path"])
        if isinstance(resource.get("schema"), str):
            named.add(resource["schema"])
    named |= {p.relative_to(root).as_posix() for folder in FOLDERS for p in (root / folder).glob("*") if p.is_file()}
    return sorted(named)


def build(out: Path, root: Path = ROOT) -> Path:
    """Write the archive and its .sha256 file into `out`; return the archive's path."""
    version = version_of(root)
    folder = f"{NAME}-{version}"
    date_time = (*release_day(root, version), 0, 0, 0)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{folder}.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_STORED) as zf:
        for member in members(root):
            info = zipfile.ZipInfo(f"{folder}/{member}", date_time=date_time)
            info.create_system = 3  # Unix, so the permissions below are read as such everywhere
            info.external_attr = 0o100644 << 16
            zf.writestr(info, (root / member).read_bytes())
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    (out / f"{archive.name}.sha256").write_text(f"{digest}  {archive.name}\n", encoding="utf-8")
    return archive


def check(archive: Path) -> tuple[bool, str]:
    """Validate the copy of the package inside the archive, as a downloader would get it."""
    import iraq_election_seats as ies

    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(folder)
        descriptor = Path(folder) / archive.name.removesuffix(".zip") / "datapackage.json"
        result = ies.validate(str(descriptor))
        report = io.StringIO()
        ies.print_summary(result, report)
        return result.valid, report.getvalue()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.release", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder to write into (default: dist)")
    parser.add_argument("--tag", help="fail unless this git tag is 'v' and the package's version")
    parser.add_argument("--check", action="store_true", help="validate the package copy inside the archive")
    args = parser.parse_args(argv)
    version = version_of(ROOT)
    if args.tag is not None and args.tag != f"v{version}":
        print(f"tag {args.tag} does not name the package's version {version} (expected v{version})", file=sys.stderr)
        return 1
    archive = build(args.out)
    print((args.out / f"{archive.name}.sha256").read_text(encoding="utf-8"), end="")
    if args.check:
        valid, report = check(archive)
        print(report, end="")
        return 0 if valid else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
