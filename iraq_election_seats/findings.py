"""What a check reports: one problem, located by file, row and column, and named by its rule."""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from .frames import rows_of


@dataclass(frozen=True)
class Finding:
    """One problem. `row` is the line in the file where the record starts (the header is line 1);
    a problem of the descriptor or a Table Schema names its `resource` and `property` instead."""

    layer: str
    rule: str
    message: str
    file: str | None = None
    row: int | None = None
    column: str | None = None
    resource: str | None = None
    property: str | None = None

    def __str__(self) -> str:
        where = self.file or "datapackage.json"
        if self.resource is not None:
            where += f", resource {self.resource!r}"
        if self.property:
            where += f", property {self.property}"
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: [{self.rule}] {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Rule:
    """One rule of the catalogue, declared once: the code its findings carry, its layer, the tables
    it reads, one sentence on what it protects, and the function that checks it."""

    code: str
    layer: str
    reads: tuple[str, ...]
    protects: str
    check: Callable = field(repr=False, compare=False)

    def finding(self, message: str, file: str | None = None, row: int | None = None, column: str | None = None):
        """A finding of this rule, located at a file, row and column."""
        return Finding(self.layer, self.code, message, file, row, column)


def examples(values, limit: int = 3) -> str:
    """A short, readable list of offending values for a message."""
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


PER_RULE = 20


def per_row(bad, make, limit: int = PER_RULE) -> list[Finding]:
    """One finding per offending row of `bad` (a DataFrame), up to `limit`, then one that counts the rest.

    A broken column of a million rows gives a readable report, not a million lines. A rule that
    holds costs nothing here (walking even an empty frame takes each of its columns).
    """
    if bad.empty:
        return []
    found = [make(row) for row in rows_of(bad.head(limit), index=False)]
    if len(bad) > limit:
        last = found[-1]
        found.append(
            Finding(
                last.layer,
                last.rule,
                f"... and {len(bad) - limit} more rows break this rule",
                last.file,
                None,
                last.column,
            )
        )
    return found
