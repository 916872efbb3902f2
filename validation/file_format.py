"""Byte-level rules for the CSV files, stricter than Frictionless on purpose.

Frictionless accepts a byte-order mark, CRLF line ends and ' 73' as an integer. A file
researchers diff, grep and cite should have one spelling of each value, so these are refused.
"""

from .findings import Finding, examples

LAYER = "format"


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


def check_whitespace(path: str, frame) -> list[Finding]:
    """No cell starts or ends with white space: ' 73' and '73' must not both be 73."""
    found = []
    for column in frame.columns:
        cells = frame[column].dropna()
        bad = cells[cells.str.strip() != cells]
        if len(bad):
            found.append(
                Finding(
                    LAYER,
                    "whitespace",
                    f"{len(bad)} cell(s) start or end with white space: {examples(bad)}",
                    path,
                    int(bad.index[0]) + 2,
                    column,
                )
            )
    return found
