"""The GitHub workflows: least permissions, current action versions, and the README's example
workflow kept in step with them."""

import re

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# Current majors, on the Node 24 runtime; older majors run on a deprecated runtime.
CURRENT = {"actions/checkout": "v7", "actions/setup-python": "v7"}


def uses(text: str) -> list[tuple[str, str]]:
    return re.findall(r"uses:\s*([\w.-]+/[\w.-]+)@(\S+)", text)


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_reads_only_unless_a_job_must_write(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read"}
    assert "concurrency" in workflow
    writers = {name for name, job in workflow["jobs"].items() if "write" in job.get("permissions", {}).values()}
    # only the release job writes the release, and only the Pages job deploys the site
    allowed = {"release.yml": {"release"}, "site.yml": {"deploy"}}
    assert writers <= allowed.get(path.name, set())


def test_actions_are_current_and_pip_is_cached():
    texts = [p.read_text(encoding="utf-8") for p in WORKFLOWS]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for text in [*texts, readme]:
        for action, version in uses(text):
            assert CURRENT.get(action, version) == version, f"{action}@{version}"
    for text in texts:
        assert text.count("actions/setup-python@") == text.count("cache: pip")


def test_release_runs_on_version_tags_and_checks_its_archive():
    text = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML reads the key 'on' as true
    assert '--tag "$GITHUB_REF_NAME"' in text and "--check" in text and "sha256sum -c" in text
