"""python -m tools.site [--out DIR] [--release-url URL]: build the static site (default: _site/)."""

import argparse
import os
import sys
import time
from pathlib import Path

from tools.site.evidence import ROOT, gather
from tools.site.pages import render_site


def release_address() -> str | None:
    """The repository's releases page, when the build knows the repository (GitHub Actions says);
    otherwise None, and the site says how to download a release instead of guessing an address."""
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    return f"{server}/{repository}/releases" if server and repository else None


def site_address() -> str:
    """Where GitHub Pages publishes the site, when the build knows the repository; otherwise ''
    and the JSON-LD addresses are relative to each page."""
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    owner, _, name = repository.partition("/")
    return f"https://{owner}.github.io/{name}/" if owner and name else ""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.site", description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "_site", help="folder to write (default: _site)")
    parser.add_argument("--descriptor", type=Path, default=ROOT / "datapackage.json", help=argparse.SUPPRESS)
    parser.add_argument("--release-url", default=release_address(), help="the repository's releases page")
    parser.add_argument("--site-url", default=site_address(), help="the address the site is published at")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pages = render_site(gather(args.descriptor.resolve()), args.out, args.release_url, args.site_url)
    size = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"{args.out}: {len(pages)} pages, {size / 1024:.0f} KiB, in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
