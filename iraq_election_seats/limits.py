"""How much work any input may cost: each bound a named constant, each with a finding of its own.

A pull request from a stranger can hold any bytes. These bounds keep validation within seconds
and a few hundred MiB on hostile input while leaving the real package, and copies of it a
hundred thousand times larger, far inside them.
"""

import time

# A descriptor or Table Schema is a few KiB; a MiB of JSON is no longer a description.
MAX_DESCRIPTOR_BYTES = 1 << 20
# Arrays and objects inside arrays and objects: the descriptor needs five levels, a schema four.
MAX_JSON_DEPTH = 32
# Digits in a number, in JSON and in a cell: an Int64 holds 18 digits safely.
MAX_NUMBER_DIGITS = 18
# A table's file: ten million seat-results rows take about 1 GiB (the benchmark's largest copy,
# 1.02 GiB, validated in about 2.1 GiB), so a table just under this limit is read whole, in memory
# about its own size for sparse rows and about twice it for full ones. No lower limit for a table
# of seat-results shape is set: one that refused a 1.5 GB table would refuse the growth the
# benchmark measures (ten million rows and more) while leaving memory in the gibibytes either way.
MAX_TABLE_BYTES = 2 << 30
# Any other file the package names (the source reports): a report is tens of KiB.
MAX_FILE_BYTES = 16 << 20
# Cells in one record: the widest table has 16 fields.
MAX_ROW_CELLS = 256
# Characters in one cell: the longest quote is a few hundred.
MAX_CELL_CHARS = 1 << 16
# Seconds a whole run may take; checked between tables and layers, and inside each layer's loops.
TIME_BUDGET_SECONDS = 300.0
# Resources in a descriptor: the package has two dozen.
MAX_RESOURCES = 256
# All Table Schema files together: the package's twenty are under 100 KiB; a schema shared by
# thousands of resources was read and parsed thousands of times.
MAX_SCHEMAS_BYTES = 4 << 20
# Elections times blocs, the grid of seat-results rows every bloc must have: the benchmark's
# largest copy has ten million.
MAX_GRID_CELLS = 20_000_000
# Claims and readings, read back from their quotes and paired across reports (the pairs grow with
# the square): the package has about fifty.
MAX_CLAIMS = 5_000
# Characters in one quote, each read for its numbers and number words: the longest is a few hundred.
MAX_QUOTE_CHARS = 4_000
# Findings reported by one layer; the rest are counted. Each rule already stops at PER_RULE.
MAX_FINDINGS = 200


class OutOfTime(Exception):
    """The run's time budget was spent inside a layer."""


class Budget:
    """The whole run's time budget, started when validation starts. The run's budget is also the
    active one, which the loops inside a layer check (tick), so that no one layer runs on past it."""

    active: "Budget | None" = None

    def __init__(self, seconds: float = TIME_BUDGET_SECONDS):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def spent(self) -> bool:
        return time.monotonic() > self.deadline


def tick() -> None:
    """Raise OutOfTime if the active run's budget is spent: called once per rule, table or row of work."""
    if Budget.active is not None and Budget.active.spent():
        raise OutOfTime


# A text given to the checker: the longer seed report is about 30 KiB and a long analysis a few hundred;
# past 1 MiB (about 1.5 s of reading on one core) it is read no further.
MAX_CHECK_BYTES = 1 << 20
# Characters read as one sentence: a sentence longer than this (a table flattened to one line) is
# read in pieces of this length.
MAX_SENTENCE_CHARS = 2000
# Figures and statements in one text: the two reports together hold a few dozen.
MAX_CHECK_FIGURES = 20_000
MAX_CHECK_STATEMENTS = 5_000
