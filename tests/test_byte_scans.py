"""The byte rules that read every byte run only where the parsed cells give cause; no defect hides.

A blank line, a stray or unclosed quote and a byte that is not UTF-8 are each found at their line
in the last row of a table whose other cells hold no quote, no newline and no row of empty cells,
so the parse alone must notice each of them.
"""

import pytest

from conftest import assert_finding, findings
from iraq_election_seats import file_format

SEATS = "data/seat_results.csv"


def last_line(data: bytes) -> int:
    return data.count(b"\n")


def blank_before_last(data: bytes) -> tuple[bytes, int]:
    head, last = data[:-1].rsplit(b"\n", 1)
    return head + b"\n\n" + last + b"\n", last_line(data)


def blank_at_end(data: bytes) -> tuple[bytes, int]:
    return data + b"\n", last_line(data) + 1


def not_utf8(data: bytes) -> tuple[bytes, int]:
    head, last = data[:-1].rsplit(b"\n", 1)
    return head + b"\n" + last.replace(b"synthetic", b"synth\xe9tic", 1) + b"\n", last_line(data)


def stray_quote(data: bytes) -> tuple[bytes, int]:
    head, last = data[:-1].rsplit(b"\n", 1)
    return head + b"\n" + last.replace(b"syn-", b'syn"', 1) + b"\n", last_line(data)


@pytest.mark.parametrize(
    ("damage", "rule"),
    [(blank_before_last, "blank-row"), (blank_at_end, "blank-row"), (not_utf8, "encoding"), (stray_quote, "quote")],
    ids=["blank line", "blank line at the end", "not UTF-8", "stray quote"],
)
def test_a_defect_in_the_last_row_is_found_at_its_line(large_package, damage, rule):
    path = large_package.root / SEATS
    data, line = damage(path.read_bytes())
    path.write_bytes(data)
    assert_finding(large_package.validate(), layer="format", rule=rule, file=SEATS, row=line)


def test_a_row_of_empty_cells_is_no_blank_line(large_package):
    path = large_package.root / SEATS
    data = path.read_bytes()
    fields = data.split(b"\n", 1)[0].count(b",") + 1
    path.write_bytes(data + b"," * (fields - 1) + b"\n")
    found = findings(large_package.validate())
    assert found and not [f for f in found if f.rule == "blank-row"]
    assert {f.row for f in found if f.file == SEATS} == {last_line(data) + 1}


@pytest.mark.parametrize("window", [4, 5, 6, 7, 1 << 20])
def test_utf8_is_checked_a_window_at_a_time(monkeypatch, window):
    """A character that straddles two windows is no error; a byte that is not UTF-8 is found at its
    line, in whichever window it falls."""
    monkeypatch.setattr(file_format, "UTF8_WINDOW", window)
    text = "list,name\nTaqaddum,\u062a\u0642\u062f\u0645 \U0001f5f3\n".encode()
    assert file_format._not_utf8(SEATS, text) == []
    [finding] = file_format._not_utf8(SEATS, text + b"x\xffy\n")
    assert (finding.rule, finding.row) == ("encoding", 3) and "0xff" in finding.message


def test_a_run_of_continuation_bytes_is_found_and_ends(monkeypatch):
    monkeypatch.setattr(file_format, "UTF8_WINDOW", 4)
    [finding] = file_format._not_utf8(SEATS, b"a\n" + b"\x80" * 50)
    assert finding.row == 2 and "0x80" in finding.message
