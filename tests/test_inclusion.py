"""The inclusion rule of the claims table, applied to both reports in full.

The README promises that every statement the reports make about the results is a claim. This
test reads each report, splits it into sentences, selects every sentence that mentions the
election or its results, and fails for any that no claim's span touches and that is not on the
short, reasoned list in tests/data/excluded_sentences.csv. A sentence the rule selects must be
either a claim or excluded with a reason a reader can check.
"""

import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXCLUDED = Path(__file__).resolve().parent / "data" / "excluded_sentences.csv"

# A sentence that contains one of these words mentions the election or its results.
KEYWORDS = re.compile(
    r"\b(?:elections?|electoral|elected|results?|votes?|voters?|voting|seats?|parliament|parliamentary"
    r"|polls?|won|wins?|winners?|lost|loss|losers?|rigged|fraud|fraudulent|recounts?|appeals?|ballots?"
    r"|assembly)\b",
    re.IGNORECASE,
)

# A full stop, question or exclamation mark (with any closing quotes or emphasis) before white space.
TERMINAL = re.compile(r"[.!?]+[\"”’)*\]]*(?=\s)")
# A full stop after one of these (at the end of the line so far) is not a sentence's end: a number
# opening a line ("1.", a heading marker), a single capital ("A." a heading marker, "U.S.", "F." an
# initial) or a short title or month ("Gen.", "Jr.", "Nov.").
ABBREVIATION = re.compile(r"(?:^[ \t]*\d{1,2}|\b[A-Z]|\b(?:Nov|Gen|Jr|Mr|Mrs|Dr|St|No))$")
# A line this long that stops without punctuation is a paragraph the PDF conversion cut at a
# page break; its sentence runs on past the blank lines. A shorter one is a heading.
RUN_ON = 100
LINE_END = re.compile(r"[.!?:\"”’)*\]]$")


def _cuts(text: str) -> list[int]:
    cuts = set()
    for match in TERMINAL.finditer(text):
        line_so_far = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        abbreviated = match.group() == "." and ABBREVIATION.search(line_so_far)
        continues_lower = text[match.end() :].lstrip()[:1].islower()
        if not abbreviated and not continues_lower:
            cuts.add(match.end())
    offset = 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        if stripped and (len(stripped) <= RUN_ON or LINE_END.search(stripped)):
            cuts.add(offset + len(line))
        offset += len(line) + 1
    return sorted(cuts)


def sentences(text: str):
    """Each sentence of `text` as (start, end, sentence), offsets in code points, white space trimmed."""
    start = 0
    for cut in [*_cuts(text), len(text)]:
        chunk = text[start:cut]
        body = chunk.strip()
        if body:
            first = start + len(chunk) - len(chunk.lstrip())
            yield first, first + len(body), body
        start = cut


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _reports() -> dict[str, str]:
    return {
        row["source_id"]: (ROOT / row["path"]).read_text(encoding="utf-8") for row in _read(ROOT / "data/sources.csv")
    }


def uncovered(source_id: str, text: str, claims: list[dict], excluded: list[dict]) -> list[tuple[int, int, str]]:
    """The selected sentences of one report that are neither a claim nor excluded."""
    spans = [(int(c["start"]), int(c["end"])) for c in claims if c["source_id"] == source_id]
    skipped = {(int(e["start"]), int(e["end"])) for e in excluded if e["source_id"] == source_id}
    return [
        (start, end, sentence)
        for start, end, sentence in sentences(text)
        if KEYWORDS.search(sentence)
        and (start, end) not in skipped
        and not any(a < end and start < b for a, b in spans)
    ]


@pytest.mark.parametrize("source_id", sorted(_reports()))
def test_every_sentence_about_the_results_is_a_claim_or_excluded(source_id):
    missing = uncovered(source_id, _reports()[source_id], _read(ROOT / "data/claims.csv"), _read(EXCLUDED))
    assert not missing, "\n".join(f"{source_id} [{a}, {b}): {s!r}" for a, b, s in missing)


def test_each_excluded_sentence_stands_at_its_offsets_with_a_reason():
    reports = _reports()
    excluded = _read(EXCLUDED)
    claims = _read(ROOT / "data/claims.csv")
    assert excluded
    for row in excluded:
        text = reports[row["source_id"]]
        start, end = int(row["start"]), int(row["end"])
        assert not [
            c["claim_id"]
            for c in claims
            if c["source_id"] == row["source_id"] and int(c["start"]) < end and start < int(c["end"])
        ], f"a claim covers it, so it needs no exclusion: {row}"
        assert text[start:end] == row["sentence"], row
        assert (start, end, row["sentence"]) in set(sentences(text)), f"not a whole sentence: {row}"
        assert KEYWORDS.search(row["sentence"]), f"the rule does not select it, so it needs no exclusion: {row}"
        assert row["reason"].strip(), row


def test_a_missing_claim_is_found():
    """Remove the claim behind a selected sentence and the test names that sentence."""
    text = _reports()["rasanah"]
    claims = [c for c in _read(ROOT / "data/claims.csv") if c["claim_id"] != "rasanah-militias-overturn-results"]
    missing = uncovered("rasanah", text, claims, _read(EXCLUDED))
    assert [s for _, _, s in missing] == [
        "They and dozens of their supporters took to the streets on November 5, 2021, to overturn the election results."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a heading stands alone, and its list marker "A." does not end a sentence
        (
            "A. The Loss of Groups in Elections\n\nThe results were bad.",
            ["A. The Loss of Groups in Elections", "The results were bad."],
        ),
        # "U.S." before a lower-case word does not end a sentence; a closing quote stays with its sentence
        (
            "It hit U.S. forces. He said “rigged.” Then left.",
            ["It hit U.S. forces.", "He said “rigged.”", "Then left."],
        ),
        # a long line cut without punctuation runs on across the blank lines of a page break
        (
            "x" * 101 + " results of the\n\nIraqi elections ended.",
            ["x" * 101 + " results of the\n\nIraqi elections ended."],
        ),
    ],
)
def test_sentences_split_as_documented(text, expected):
    found = list(sentences(text))
    assert [s for _, _, s in found] == expected
    assert all(text[a:b] == s for a, b, s in found)
