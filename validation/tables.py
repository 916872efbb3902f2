"""Reading a table as text, exactly as its file stands, once for all layers."""

import io

from .package import DataPackage


def read_text_frame(package: DataPackage, name: str):
    """The table as strings, the schema's missing values as NA and nothing else.

    pandas would otherwise turn 'NA', 'null' or 'nan' into gaps silently; here only the
    missing values the Table Schema declares are gaps.
    """
    import pandas as pd

    schema = package.schemas[name]
    return pd.read_csv(
        io.BytesIO(package.raw[name]),
        dtype="category",  # parsed once per distinct value: a million rows of repeated ids stay cheap
        keep_default_na=False,
        na_values=schema.get("missingValues", [""]),
        encoding="utf-8",
        skip_blank_lines=False,
    )


def lines_of(index):
    """The line numbers in the file of data rows at frame positions `index` (header is line 1)."""
    return index + 2


def line_of(index) -> int:
    """The line number of one data row, as a plain int for reports."""
    return int(lines_of(index))


def read_frames(package: DataPackage) -> dict:
    """Every table that parses as CSV, read as text; one that does not is left out (layer 1 says why)."""
    frames = {}
    for resource in package.tables:
        try:
            frames[resource["name"]] = read_text_frame(package, resource["name"])
        except ValueError:  # pandas' ParserError and UnicodeDecodeError are ValueErrors
            continue
    return frames
