"""Rules for the CSV files, stricter than CSV readers on purpose: on the bytes, then on each
column's distinct cells.

Readers accept a byte-order mark, CRLF or CR line ends, blank lines and ' 73' as an integer. A
file researchers diff, grep and cite should have one spelling of each value, so these are
refused. The byte rules are scans in C: those as cheap as one search of the bytes run on every
file, before it is parsed (check_layout); the rest (check_text) only where the parsed cells give
cause, or the parse failed. The cell rules run once per distinct value of a column, so a
million rows of repeated ids cost no more than their few distinct values.
"""

from . import limits
from .findings import PER_RULE, Finding
from .glyphs import visible

LAYER = "format"
QUOTE, NEWLINE = ord('"'), ord("\n")
# Bytes decoded at a time to check that a file that is not ASCII is UTF-8: never a copy of the file.
# At least 4, the longest character, so that every window holds one.
UTF8_WINDOW = 1 << 20


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_layout(path: str, data: bytes) -> list[Finding]:
    """The byte rules that cost no more than one search of the bytes: no byte-order mark, UTF-8
    throughout, no carriage return, no blank line, a final newline. A file that passes them
    and parses needs the rest (check_text) only where its cells give cause (tables.needs_text_scan).

    UTF-8 is checked before the parse, as the parser cannot report a row that is not: its handler
    of a row with the wrong number of cells decodes the row first, and prints the failure."""
    found = []
    if data.startswith(b"\xef\xbb\xbf"):
        found.append(
            Finding(LAYER, "encoding", "the file starts with a byte-order mark; save it as UTF-8 without BOM", path, 1)
        )
    found += _not_utf8(path, data)
    carriage = data.find(b"\r")
    if carriage >= 0:
        found.append(
            Finding(
                LAYER, "line-ending", "carriage return found; lines must end with LF only", path, _line(data, carriage)
            )
        )
    # before the parse, which makes each blank line a row of empty cells: ten million of them in
    # 20 MB would cost a GiB (a millisecond a MB to search, where the file has none)
    if data.startswith(b"\n"):
        found.append(_blank(path, 1))
    elif (blank := data.find(b"\n\n")) >= 0:
        found.append(_blank(path, _line(data, blank) + 1))
    if not data:
        found.append(Finding(LAYER, "header", "the file is empty; it needs at least the header", path, 1))
    elif not data.endswith(b"\n"):
        found.append(
            Finding(LAYER, "final-newline", "the last line does not end with a newline", path, _line(data, len(data)))
        )
    return found


def check_text(path: str, data: bytes) -> list[Finding]:
    """The byte rule that counts every byte again: every quote closed."""
    if data.count(b'"') % 2:
        return [Finding(LAYER, "quote", "a quote opened here is never closed", path, unterminated_line(data))]
    return []


def _not_utf8(path: str, data: bytes) -> list[Finding]:
    """A finding at the first byte that is not UTF-8, if any. ASCII is UTF-8 (one scan in C); any
    other file is decoded UTF8_WINDOW bytes at a time, each window ending on a character's first
    byte, so that a large file costs no text the size of itself."""
    if data.isascii():
        return []
    start = 0
    while start < len(data):
        end = min(start + UTF8_WINDOW, len(data))
        for _ in range(3):  # a character has at most three bytes after its first
            if end < len(data) and (data[end] & 0xC0) == 0x80:
                end -= 1
        try:
            data[start:end].decode("utf-8")
        except UnicodeDecodeError as error:
            offset = start + error.start
            message = f"not UTF-8: byte {data[offset]:#04x} cannot be decoded"
            return [Finding(LAYER, "encoding", message, path, _line(data, offset))]
        start = end
    return []


def _blank(path: str, line: int) -> Finding:
    return Finding(LAYER, "blank-row", "blank line; every line must be the header or a data row", path, line)


def record_lines(data: bytes):
    """The line on which each CSV record starts (the header's is 1), found on the raw bytes.

    A newline inside a quoted cell does not end a record, so the records after it start lower
    down than their count says; only files with such cells need this scan.
    """
    import numpy as np

    buf = np.frombuffer(data, dtype=np.uint8)
    newlines = np.flatnonzero(buf == NEWLINE)
    quotes = np.flatnonzero(buf == QUOTE)
    ends = np.flatnonzero(np.searchsorted(quotes, newlines) % 2 == 0)  # indices of unquoted newlines
    return np.concatenate([[1], ends + 2])


def unterminated_line(data: bytes) -> int:
    """The line where a record that never closes its quote starts."""
    return int(record_lines(data)[-1])


def check_cells(values: list[str]) -> list[tuple[str, str, str]]:
    """(rule, offending value, message) for the distinct non-empty cells of one column."""
    problems = []
    for value in values:
        if len(value) > limits.MAX_CELL_CHARS:
            problems.append(
                (
                    "cell-length",
                    value,
                    f"a cell has {len(value):,} characters, more than MAX_CELL_CHARS ({limits.MAX_CELL_CHARS:,})",
                )
            )
        elif value != value.strip():
            problems.append(("whitespace", value, f"the cell {value!r} starts or ends with white space"))
        elif value and not visible(value):
            problems.append(("visible-text", value, f"the cell {value!r} holds no visible character"))
        if len(problems) >= PER_RULE:
            break
    return problems


HASHES = {"md5", "sha1", "sha256", "sha512"}


def check_files(package) -> list[Finding]:
    """Each file that is not a table (the source reports) has the size and hash the descriptor gives."""
    found = []
    for resource in package.files:
        path = resource["path"]
        data, problem = package.file_bytes(path)
        if problem:
            found.append(Finding(LAYER, "file", f"the file {problem}", path))
            continue
        found += check_declared(resource, data)
    return found


def check_declared(resource: dict, data: bytes) -> list[Finding]:
    """The file has the size (`bytes`) and hash (`hash`) its resource declares, if it declares them."""
    import hashlib

    path, found = resource["path"], []
    if "bytes" in resource and resource["bytes"] != len(data):
        found.append(
            Finding(
                LAYER,
                "checksum",
                f"the file has {len(data)} bytes, not the {resource['bytes']} the descriptor gives",
                path,
            )
        )
    if "hash" in resource:
        algorithm, _, digest = str(resource["hash"]).rpartition(":")
        algorithm = algorithm or "md5"
        if algorithm not in HASHES:
            found.append(
                Finding(LAYER, "checksum", f"hash algorithm {algorithm!r} is not one of {sorted(HASHES)}", path)
            )
        elif hashlib.new(algorithm, data).hexdigest() != digest.lower():
            found.append(
                Finding(
                    LAYER,
                    "checksum",
                    f"the file's {algorithm} is not the {resource['hash']!r} the descriptor gives",
                    path,
                )
            )
    return found
