"""Byte-level rules for the CSV files, stricter than Frictionless on purpose, over whole files at once.

Frictionless accepts a byte-order mark, CRLF line ends and ' 73' as an integer. A file
researchers diff, grep and cite should have one spelling of each value, so these are refused.
The rules scan the raw bytes with NumPy and regular expressions, so a table of a million rows
costs a fraction of a second; only the few offending records are parsed one by one.
"""

import csv
import io

from .findings import PER_RULE, Finding

LAYER = "format"
QUOTE, COMMA, NEWLINE, SPACE, TAB = (ord(c) for c in '",\n \t')


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_bytes(path: str, data: bytes) -> list[Finding]:
    """UTF-8 without BOM, LF line ends, no blank lines, a final newline."""
    found = []
    if data.startswith(b"\xef\xbb\xbf"):
        found.append(
            Finding(LAYER, "encoding", "the file starts with a byte-order mark; save it as UTF-8 without BOM", path, 1)
        )
    try:
        if not data.isascii():  # ASCII is UTF-8; only other bytes need decoding to be checked
            data.decode("utf-8")
    except UnicodeDecodeError as error:
        found.append(
            Finding(
                LAYER,
                "encoding",
                f"not UTF-8: byte {data[error.start]:#04x} cannot be decoded",
                path,
                _line(data, error.start),
            )
        )
    if b"\r" in data:
        found.append(
            Finding(
                LAYER,
                "line-ending",
                "carriage return found; lines must end with LF only",
                path,
                _line(data, data.index(b"\r")),
            )
        )
    blank = data.find(b"\n\n")
    if data.startswith(b"\n") or blank >= 0:
        line = 1 if data.startswith(b"\n") else _line(data, blank) + 1
        found.append(Finding(LAYER, "blank-row", "blank line; every line must be the header or a data row", path, line))
    if data and not data.endswith(b"\n"):
        found.append(
            Finding(LAYER, "final-newline", "the last line does not end with a newline", path, _line(data, len(data)))
        )
    return found


class Records:
    """Where each CSV record of a file ends, found on the raw bytes (quoted commas and newlines skipped)."""

    def __init__(self, data: bytes):
        import numpy as np

        self.np, self.data = np, data
        buf = np.frombuffer(data, dtype=np.uint8)
        self.quotes = np.flatnonzero(buf == QUOTE)
        ends = self.unquoted(np.flatnonzero(buf == NEWLINE))
        self.ends = ends if data.endswith(b"\n") else np.append(ends, len(data))
        self.commas = self.unquoted(np.flatnonzero(buf == COMMA))

    def unquoted(self, positions):
        """Positions with an even number of quote characters before them: outside any quoted cell."""
        if not len(self.quotes):
            return positions
        return positions[self.np.searchsorted(self.quotes, positions) % 2 == 0]

    def cells_per_record(self):
        return self.np.diff(self.np.searchsorted(self.commas, self.ends), prepend=0) + 1

    def cells(self, row: int) -> list[str]:
        start = 0 if row == 1 else int(self.ends[row - 2]) + 1
        return next(csv.reader(io.StringIO(self.data[start : int(self.ends[row - 1])].decode("utf-8"))), [])


def check_cells(path: str, data: bytes, names: list[str]) -> list[Finding]:
    """The header names the schema's fields in order; every record has one cell per field."""
    records = Records(data)
    header = records.cells(1)
    if header != names:
        return [Finding(LAYER, "header", f"the header is {header}, but the Table Schema's fields are {names}", path, 1)]
    counts = records.cells_per_record()
    lengths = records.np.diff(records.ends, prepend=-1)
    bad = records.np.flatnonzero((counts != len(names)) & (lengths > 1))  # blank lines are reported as blank rows
    found = []
    for index in bad[:PER_RULE]:
        rule, word = ("extra-cell", "more") if counts[index] > len(names) else ("missing-cell", "fewer")
        found.append(
            Finding(
                LAYER,
                rule,
                f"the row has {counts[index]} cells, {word} than the {len(names)} fields of the header",
                path,
                int(index) + 1,
            )
        )
    if len(bad) > PER_RULE:
        found.append(
            Finding(
                LAYER, "cell-count", f"... and {len(bad) - PER_RULE} more rows have the wrong number of cells", path
            )
        )
    return found + check_whitespace(path, data, records, names)


def check_whitespace(path: str, data: bytes, records: Records, names: list[str]) -> list[Finding]:
    """No cell starts or ends with white space: ' 73' and '73' must not both be 73."""
    np = records.np
    buf = np.frombuffer(data, dtype=np.uint8)
    if not len(buf):
        return []
    space = (buf == SPACE) | (buf == TAB)
    delimiter = (buf == COMMA) | (buf == NEWLINE)
    quote = buf == QUOTE
    # positions of the delimiter before a leading space, or after a trailing one (a quote may stand between)
    edges = [
        np.flatnonzero(delimiter[:-1] & space[1:]),
        np.flatnonzero(space[:-1] & delimiter[1:]) + 1,
        np.flatnonzero(delimiter[:-2] & quote[1:-1] & space[2:]),
        np.flatnonzero(space[:-2] & quote[1:-1] & delimiter[2:]) + 2,
        np.array([0] if space[0] or (len(buf) > 1 and quote[0] and space[1]) else [], dtype=np.int64),
    ]
    hits = records.unquoted(np.concatenate(edges))  # ', ' inside a quoted note is text, not a cell edge
    rows = np.unique(np.searchsorted(records.ends, hits) + 1)
    found = []
    for row in rows[:PER_RULE]:
        spaced = [(name, cell) for name, cell in zip(names, records.cells(int(row))) if cell != cell.strip()]
        for name, cell in spaced[:1]:
            found.append(
                Finding(LAYER, "whitespace", f"the cell {cell!r} starts or ends with white space", path, int(row), name)
            )
    if len(rows) > PER_RULE:
        found.append(
            Finding(
                LAYER,
                "whitespace",
                f"... and {len(rows) - PER_RULE} more rows may have cells with white space at their edges",
                path,
            )
        )
    return found


def check(package) -> list[Finding]:
    """The byte rules for every table."""
    found = []
    for resource in package.tables:
        path, data = resource["path"], package.raw[resource["name"]]
        problems = check_bytes(path, data)
        if not any(p.rule == "encoding" for p in problems):
            problems += check_cells(path, data, [f["name"] for f in package.schemas[resource["name"]]["fields"]])
        found += problems
    return found
