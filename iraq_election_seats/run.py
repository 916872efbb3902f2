"""Running the four layers in order, in one process, and collecting what each found."""

from dataclasses import dataclass, field

from . import contract, file_format, limits, pins, provenance, rules, schema_layer
from .derived import Derived
from .findings import Finding, per_row
from .limits import TIME_BUDGET_SECONDS, Budget
from .package import DataPackage, PackageRefused, open_package
from .tables import READER_THREADS, lines_of, read_table, threads_start

LAYERS = ["descriptor and files", "table schemas", "rules", "provenance"]


@dataclass
class Layer:
    name: str
    findings: list[Finding] = field(default_factory=list)
    ran: bool = False
    summary: str = ""

    @property
    def status(self) -> str:
        return "not run" if not self.ran else ("failed" if self.findings else "passed")


@dataclass
class Result:
    descriptor: str
    version: str | None = None
    layers: list[Layer] = field(default_factory=lambda: [Layer(name) for name in LAYERS])
    verdicts: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    typed: dict = field(default_factory=dict)  # resource name -> the table as the table-schema layer typed it
    derived: Derived | None = None  # what the rules layer derived from the typed tables, if it ran

    @property
    def valid(self) -> bool:
        return all(layer.ran and not layer.findings for layer in self.layers)

    @property
    def findings(self) -> list[Finding]:
        return [finding for layer in self.layers for finding in layer.findings]

    @property
    def reconciliation(self) -> list[dict]:
        return self.derived.reconciliation if self.derived else []

    def as_dict(self) -> dict:
        return {
            "descriptor": self.descriptor,
            "version": self.version,
            "valid": self.valid,
            "layers": [
                {
                    "name": layer.name,
                    "status": layer.status,
                    "summary": layer.summary,
                    "findings": [f.as_dict() for f in layer.findings],
                }
                for layer in self.layers
            ],
            "values": self.values,
            "relational_claims": [v.as_dict() for v in self.verdicts],
            "reconciliation": self.reconciliation,
        }


class NotValid(Exception):
    """The package does not validate (for a reason other than stale derived tables), so nothing can
    be derived from it; `findings` says why."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("the package is not valid:\n" + "\n".join(str(f) for f in findings[:20]))


STALE = "reconciliation-current"  # the one finding that deriving the tables again answers


def derive(descriptor: str) -> Derived:
    """Validate the package and give what its tables derive; raise NotValid with the findings when
    it does not validate for any reason other than derived tables that are not current."""
    result = validate(str(descriptor))
    blocking = [f for f in result.findings if f.rule != STALE]
    if blocking or result.derived is None:
        raise NotValid(blocking)
    return result.derived


def validate(descriptor: str, budget: Budget | None = None) -> Result:
    """Run every layer; a layer runs only when the ones before it passed.

    Layer 1 opens the package behind its trust boundary (package.py), then reads each table once:
    the byte rules, the parse and the rules on each column's distinct cells. Layers 2 to 4 check
    the tables it read. The time budget is checked between tables and between layers.
    """
    budget = budget or Budget()
    Budget.active = budget
    try:
        return _validate(descriptor, budget)
    finally:
        Budget.active = None


def _validate(descriptor: str, budget: Budget) -> Result:
    result = Result(descriptor)
    first = result.layers[0]
    first.ran = True
    try:
        package: DataPackage = open_package(descriptor)
    except PackageRefused as refused:
        first.findings = capped(refused.findings)
        return result
    result.version = package.descriptor.get("version")
    if not threads_start():
        message = f"the process may not start the {READER_THREADS} threads the CSV reader needs; no table was read"
        first.findings = [Finding("limits", "threads", message)]
        return result
    frames = {}
    for resource in package.tables:
        if over_budget(budget, first):
            return result
        frame, found = read_table(package, resource)
        first.findings += found
        if frame is not None:
            frames[resource["name"]] = frame
    first.findings += file_format.check_files(package)
    first.findings += pins.tables_pinned(package)
    first.summary = f"{len(package.tables)} tables, {len(package.files)} source files"
    if not first.findings:
        run_later_layers(package, frames, result, budget)
    for layer in result.layers:
        layer.findings = capped(layer.findings)
    return result


def capped(found: list[Finding]) -> list[Finding]:
    """At most MAX_FINDINGS findings of one layer, then one that counts the rest: ten thousand small
    findings made a report of a megabyte that no one reads to its end."""
    if len(found) <= limits.MAX_FINDINGS:
        return found
    rest = len(found) - limits.MAX_FINDINGS
    last = found[limits.MAX_FINDINGS - 1]
    message = f"... and {rest:,} more findings of this layer (MAX_FINDINGS, {limits.MAX_FINDINGS}, are shown)"
    return [*found[: limits.MAX_FINDINGS], Finding(last.layer, "findings-count", message)]


def work_bounds(package: DataPackage, typed: dict) -> list[Finding]:
    """The work the rules and provenance would do, within its named limits: the grid of elections
    and blocs, the claims and readings paired across reports, the characters of each quote."""
    paths = {r["name"]: r["path"] for r in package.tables}
    found = []
    elections, blocs = len(typed["elections"]), len(typed["blocs"])
    if elections * blocs > limits.MAX_GRID_CELLS:
        message = f"{elections:,} elections and {blocs:,} blocs make a grid of {elections * blocs:,} seat results, more than MAX_GRID_CELLS ({limits.MAX_GRID_CELLS:,})"
        found.append(Finding("limits", "grid-size", message, paths["seat-results"], None, "bloc_id"))
    claims = len(typed["claims"]) + len(typed["claim-readings"])
    if claims > limits.MAX_CLAIMS:
        message = f"{claims:,} claims and readings, more than MAX_CLAIMS ({limits.MAX_CLAIMS:,}); each is paired with every other"
        found.append(Finding("limits", "claims-count", message, paths["claims"]))
    quotes = typed["claims"]
    long = quotes[quotes["quote"].astype(str).str.len() > limits.MAX_QUOTE_CHARS]
    found += per_row(
        long.assign(line=lines_of(long.index)),
        lambda r: Finding(
            "limits",
            "quote-length",
            f"the quote has {len(str(r.quote)):,} characters, more than MAX_QUOTE_CHARS ({limits.MAX_QUOTE_CHARS:,})",
            paths["claims"],
            int(r.line),
            "quote",
        ),
    )
    return found


def over_budget(budget: Budget, layer: Layer) -> bool:
    if budget.spent():
        layer.findings.append(over_budget_finding(budget))
        layer.ran = True
    return budget.spent()


def over_budget_finding(budget: Budget) -> Finding:
    return Finding(
        "limits",
        "time-budget",
        f"validation stopped after TIME_BUDGET_SECONDS ({TIME_BUDGET_SECONDS:g} s); the run was given {budget.seconds:g} s",
    )


def run_step(layer: Layer, step) -> None:
    """Run one layer's step. The time budget, checked inside the step too, ends it with a finding of
    that layer; any other exception is a fault of the code and propagates as one."""
    try:
        step()
    except limits.OutOfTime:
        layer.findings.append(over_budget_finding(limits.Budget.active))
    layer.ran = True


def needs(layer: Layer, typed: dict) -> bool:
    """A table or column the later layers read but the package lacks is a finding of `layer`, checked
    before they run: a KeyError inside a rule is then a fault of the code, which propagates as one
    (the command line ends it with its own exit status), never a finding about the data.
    True if nothing is lacking."""
    for table, column in contract.missing(typed):
        what = f"table {table!r}" if column is None else f"column {column!r} of table {table!r}"
        message = f"the rules read the {what}, which this package does not have"
        layer.findings.append(Finding(layer.name, "needs", message, resource=table))
    layer.ran = True
    return not layer.findings


def run_later_layers(package: DataPackage, frames: dict, result: Result, budget: Budget) -> None:
    """Layers 2 to 4, in order, each only if the one before it passed."""
    _, schemas, cross, prov = result.layers
    typed = result.typed

    def check_tables():
        schemas.findings = schema_layer.check(package, frames, typed)
        schemas.summary = f"{sum(len(f) for f in typed.values())} rows in {len(typed)} tables"

    def check_rules():
        cross.findings, result.verdicts, result.derived = rules.check(package, typed)
        statuses = result.derived.cells["status"].value_counts()
        result.values = {status: int(n) for status, n in sorted(statuses.items())}
        cross.summary = f"{len(rules.RULES)} rules, {len(result.verdicts)} relational claims evaluated"

    def check_provenance():
        prov.findings, counts = provenance.check(package, typed)
        prov.summary = ", ".join(f"{n} {what}" for what, n in counts.items())

    # the rules and provenance read typed tables, so they wait for the table schemas and for every table and
    # column they read; each runs whatever the other found
    if over_budget(budget, schemas):
        return
    run_step(schemas, check_tables)
    if schemas.findings or not needs(cross, typed):
        return
    cross.findings = work_bounds(package, typed)
    if cross.findings:
        cross.ran = True
        return
    for layer, step in ((cross, check_rules), (prov, check_provenance)):
        if not over_budget(budget, layer):
            run_step(layer, step)
