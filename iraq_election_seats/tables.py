"""Reading a table as text, exactly as its file stands: each file read once, parsed once.

The file's bytes are read once (within MAX_TABLE_BYTES), checked by the byte rules, and parsed
by pyarrow's CSV reader straight from those bytes into one dictionary-encoded column per field:
each distinct cell is decoded once, and pandas receives categoricals. The frame's index is the
line where each record starts minus two, so `lines_of(index)` names the right line even after
a cell that holds a newline.
"""

import csv
import io
from functools import lru_cache

from . import file_format, limits
from .findings import PER_RULE, Finding
from .package import DataPackage, read_limited

LAYER = file_format.LAYER
BLOCK_BYTES = 16 << 20  # pyarrow's unit of parsing; no record may be longer
HEADER_BYTES = 1 << 16
# pyarrow's CPU pool and its I/O pool, each held to one thread (one_thread_arrow); its CSV reader
# starts them even with use_threads=False
READER_THREADS = 2


def one_thread_arrow(pa) -> None:
    """Hold pyarrow's thread pools to one thread each: the reads are serial anyway, and a pool that
    cannot start a thread ends the process with a C++ exception that no Python code can catch, so
    the fewer it starts, the fewer a thread limit can refuse."""
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)


def threads_start(count: int = READER_THREADS) -> bool:
    """Whether the process may run `count` more threads at once (a process limit such as
    RLIMIT_NPROC may forbid them): asked before pyarrow starts its own, which would abort the run."""
    import threading

    gate, started = threading.Event(), []
    try:
        for _ in range(count):
            thread = threading.Thread(target=gate.wait, daemon=True)
            thread.start()
            started.append(thread)
    except RuntimeError:
        return False
    finally:
        gate.set()
        for thread in started:
            thread.join()
    return True


def lines_of(index):
    """The line numbers in the file of data rows at frame positions `index` (header is line 1)."""
    return index + 2


def line_of(index) -> int:
    """The line number of one data row, as a plain int for reports."""
    return int(lines_of(index))


def header_of(data: bytes) -> list[str]:
    end = data.find(b"\n", 0, HEADER_BYTES)
    line = data[: end if end >= 0 else HEADER_BYTES].decode("utf-8", errors="replace")
    return next(csv.reader(io.StringIO(line)), [])


def _parse(data: bytes, names: list[str], path: str):
    """pyarrow's table of the file, or the findings that say why it cannot be one."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    one_thread_arrow(pa)
    invalid = []

    def handler(row):
        # a file of ten million short or blank lines would call this ten million times and keep
        # each: past the rows a report names, the parse stops
        invalid.append((row.number, row.actual_columns))
        return "skip" if len(invalid) <= PER_RULE else "error"

    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(block_size=BLOCK_BYTES, use_threads=False),
            # a blank line (refused before the parse) is not skipped, so no line is lost from the count
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, ignore_empty_lines=False, invalid_row_handler=handler
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.dictionary(pa.int32(), pa.string()) for n in names},
                check_utf8=False,  # the whole file is UTF-8 (check_layout), so every cell is
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as error:
        if len(invalid) > PER_RULE:
            return None, _invalid_rows(data, invalid, names, path)
        text = str(error)
        if "straddl" in text:
            message = f"a record is longer than {BLOCK_BYTES:,} bytes"
            return None, [Finding(LAYER, "cell-length", message, path)]
        line = file_format.unterminated_line(data)
        return None, [Finding(LAYER, "quote", f"the CSV cannot be read: {text[:200]}", path, line)]
    if not invalid:
        return table, []
    return None, _invalid_rows(data, invalid, names, path)


def _invalid_rows(data: bytes, invalid: list, names: list[str], path: str) -> list[Finding]:
    """A finding for each row with the wrong number of cells, up to PER_RULE, then one that says more
    follow (the parse stops at the first row past PER_RULE)."""
    starts = file_format.record_lines(data)
    found = []
    for number, actual in invalid[:PER_RULE]:
        line = int(starts[number - 1]) if number and number <= len(starts) else None
        if actual > limits.MAX_ROW_CELLS:
            rule, text = "row-width", f"more than MAX_ROW_CELLS ({limits.MAX_ROW_CELLS})"
        else:
            rule = "extra-cell" if actual > len(names) else "missing-cell"
            text = f"{'more' if actual > len(names) else 'fewer'} than the {len(names)} fields of the header"
        found.append(Finding(LAYER, rule, f"the row has {actual} cells, {text}", path, line))
    if len(invalid) > PER_RULE:
        found.append(Finding(LAYER, "cell-count", "... and more rows have the wrong number of cells", path))
    return found


def needs_text_scan(table) -> tuple[bool, bool]:
    """(whether the file's bytes need check_text, whether a cell holds a newline), from the parsed
    table alone, on each column's distinct values.

    A file that parses can still hold an unclosed or stray quote (a cell that takes in a quote or
    the lines after it); it is already known to be UTF-8 throughout, with no blank line
    (check_layout). So a file whose cells hold no quote and no newline is spared a scan of every
    byte; only a cell that holds a newline makes a record's line differ from its position.
    """
    import pyarrow as pa

    distinct = [column.dictionary for batch in table.to_batches() for column in batch.columns]
    if not distinct:
        return False, False
    cells = pa.concat_arrays(distinct)  # every column's distinct cells, searched at once
    multiline = _holds(cells, "\n")
    return multiline or _holds(cells, '"'), multiline


def _holds(values, text: str) -> bool:
    import pyarrow.compute as pc

    return bool(pc.any(pc.match_substring(values, text)).as_py())


def read_table(package: DataPackage, resource: dict):
    """The table as strings (categoricals), the schema's missing values as NA and nothing else,
    or None with the findings of the byte and cell rules.

    pandas would otherwise turn 'NA', 'null' or 'nan' into gaps silently; here only the
    missing values the Table Schema declares are gaps.
    """
    import pandas as pd
    import pyarrow as pa

    name, path = resource["name"], resource["path"]
    schema = package.schemas[name]
    names = [f["name"] for f in schema["fields"]]
    data, problem = read_limited(package.path(resource), limits.MAX_TABLE_BYTES, "MAX_TABLE_BYTES")
    if problem:
        return None, [Finding(LAYER, "file", f"the file {problem}", path)]
    found = file_format.check_declared(resource, data) + file_format.check_layout(path, data)
    if found:
        return None, found
    header = header_of(data)
    if header != names:
        shown = header if len(header) <= len(names) + 3 else [*header[: len(names)], f"... {len(header)} cells"]
        return None, [
            Finding(LAYER, "header", f"the header is {shown}, but the Table Schema's fields are {names}", path, 1)
        ]
    table, found = _parse(data, names, path)
    scan, multiline = (True, False) if table is None else needs_text_scan(table)
    if scan:
        # an unclosed quote explains a failed parse best
        found = file_format.check_text(path, data) or found
    if found:
        return None, found
    starts = file_format.record_lines(data) if multiline else None
    del data
    rows = table.num_rows
    columns, found = _columns(schema, table, path, starts)
    del table
    # pyarrow's allocator keeps what a parse used, for the next one; tables are read one at a
    # time, so it goes back to the system now (a hundred MiB at 1e6 rows)
    pa.default_memory_pool().release_unused()
    if found:
        return None, found
    frame = pd.DataFrame(columns, copy=False)
    # column names as Python strings (pandas makes them pyarrow-backed text, which every lookup of a
    # column by name then converts: about 3% of a validation); set after, not passed in, which would
    # make pandas match the columns to the names one by one
    frame.columns = pd.Index(list(columns), dtype=object)
    if starts is not None:
        frame.index = starts[1 : rows + 1] - 2
    return frame, []


def _columns(schema: dict, table, path: str, starts) -> tuple[dict, list[Finding]]:
    """Each parsed column as a pandas Categorical, by name, and the cell rules' findings on them."""
    columns, found = {}, []
    for spec, chunked in zip(schema["fields"], table.itercolumns(), strict=True):
        missing = set(spec.get("missingValues", schema.get("missingValues", [""])))
        columns[spec["name"]], distinct, codes = categorical(chunked, missing)
        found += cell_findings(path, spec["name"], distinct, codes, starts)
    return columns, found


def categorical(chunked, missing: set):
    """One parsed column as pandas would read it, (Categorical, distinct cells, their codes): the
    categories sorted, a missing value no category, codes as small as the categories allow.

    The categories are built once, from the column's distinct cells; pandas' own conversion of
    pyarrow's dictionaries followed by a change of categories costs three times as much. They are
    Python strings (an object Index), which the distinct cells already are: pandas' pyarrow-backed
    text would convert them back on every comparison and join the rules make. The distinct cells
    and the code of every row are what the cell rules read.
    """
    import numpy as np
    import pandas as pd

    if chunked.num_chunks > 1:
        chunked = chunked.unify_dictionaries()
    chunks = chunked.chunks
    distinct = chunks[0].dictionary.to_pylist() if chunks else []
    codes = np.concatenate([np.zeros(0, np.int32), *(c.indices.to_numpy(zero_copy_only=False) for c in chunks)])
    kept = sorted(v for v in distinct if v not in missing)
    position = {v: i for i, v in enumerate(kept)}
    remap = np.array([position.get(v, -1) for v in distinct], dtype=smallest_code(len(kept)))
    small = len(kept) <= CACHED_CATEGORIES and sum(map(len, kept)) <= CACHED_CHARACTERS
    dtype = _dtype(tuple(kept)) if small else _new_dtype(kept)
    return pd.Categorical.from_codes(remap[codes], dtype=dtype, validate=False), distinct, codes


# A column's dtype, for the few short categories of an id or status column, is kept for the next
# table or run in the process that has the same ones: pandas checks the categories each time it
# builds one (half the cost of turning a column into a categorical). A dtype is immutable, so sharing
# it is safe; a column of many or long distinct texts is not kept, so what stays in memory after a
# run is bounded (at most KEPT_DTYPES dtypes of 64 Ki characters).
CACHED_CATEGORIES = 1_000
CACHED_CHARACTERS = 1 << 16
KEPT_DTYPES = 512


@lru_cache(maxsize=KEPT_DTYPES)
def _dtype(kept: tuple[str, ...]):
    return _new_dtype(kept)


def _new_dtype(kept):
    import pandas as pd

    return pd.CategoricalDtype(pd.Index(kept, dtype=object))


def smallest_code(categories: int):
    """The narrowest integer type that holds every code (and -1 for a missing value), as pandas picks."""
    import numpy as np

    return next(t for t in (np.int8, np.int16, np.int32, np.int64) if categories < np.iinfo(t).max)


def cell_findings(path: str, column: str, distinct: list[str], codes, starts=None) -> list[Finding]:
    """The cell rules on a column's distinct values, each located at every row that holds it, up to
    PER_RULE (`codes` gives each row's position in `distinct`; `starts`, each record's line, where cells
    hold newlines)."""
    import numpy as np

    found = []
    for rule, value, message in file_format.check_cells(distinct):
        rows = np.flatnonzero(codes == distinct.index(value))
        more = f" ({len(rows)} rows)" if len(rows) > 1 else ""
        for row in rows[:PER_RULE]:  # every row that holds it, so that one pass fixes them all
            line = int(starts[row + 1]) if starts is not None else line_of(row)
            found.append(Finding(LAYER, rule, message + more, path, line, column))
        if len(rows) > PER_RULE:
            found.append(Finding(LAYER, rule, f"... and {len(rows) - PER_RULE} more rows hold it", path, None, column))
    return found


def read_frames(package: DataPackage) -> dict:
    """Every table that reads cleanly; one that does not is left out (the format layer says why)."""
    frames = {}
    for resource in package.tables:
        frame, _ = read_table(package, resource)
        if frame is not None:
            frames[resource["name"]] = frame
    return frames
