"""Running the four layers in order and collecting what each found."""

from dataclasses import dataclass, field

from . import frictionless_layer, pandera_layer, provenance, rules
from .background import Background
from .findings import Finding
from .package import DataPackage, PackageRefused, open_package
from .tables import read_frames

LAYERS = ["frictionless", "pandera", "rules", "provenance"]


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
    reconciliation: list = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return all(layer.ran and not layer.findings for layer in self.layers)

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


def validate(descriptor: str, row_limit: int = frictionless_layer.ROW_LIMIT) -> Result:
    """Run every layer; a layer counts only when the ones before it passed.

    Layer 1 (the byte rules and Frictionless) runs in a second process while this one reads the
    tables and runs the later layers; their findings are kept only if layer 1 passed, so the report
    reads in order and a broken file is never judged by the layers after it.
    """
    result = Result(descriptor)
    first = result.layers[0]
    try:
        package: DataPackage = open_package(descriptor)
    except PackageRefused as refused:
        first.findings, first.ran = refused.findings, True
        return result
    result.version = package.descriptor.get("version")
    _ = package.raw  # read once, before the second process starts, so both share it
    pending = Background(frictionless_layer.layer_one, package, row_limit)
    frames = read_frames(package)
    if len(frames) == len(package.tables):
        run_later_layers(package, frames, result)
    first.findings, first.ran = pending.result(), True
    first.summary = f"{len(package.tables)} tables, {len(package.files)} source files"
    if first.findings:
        for layer in result.layers[1:]:
            layer.findings, layer.ran, layer.summary = [], False, ""
        result.verdicts, result.values, result.reconciliation = [], {}, []
    return result


def run_later_layers(package: DataPackage, frames: dict, result: Result) -> None:
    """Layers 2 to 4, in order, each only if the one before it passed."""
    _, pandera, cross, prov = result.layers
    typed = {}
    pandera.findings, pandera.ran = pandera_layer.check(package, frames, typed), True
    pandera.summary = f"{sum(len(f) for f in typed.values())} rows in {len(typed)} tables"
    if pandera.findings:
        return
    cross.findings, result.verdicts, cells, result.reconciliation = rules.check(package, typed)
    cross.ran = True
    result.values = {status: int(n) for status, n in sorted(cells["status"].value_counts().items())}
    cross.summary = f"{len(rules.RULES)} rules, {len(result.verdicts)} relational claims evaluated"
    prov.findings, counts = provenance.check(package, typed)
    prov.ran = True
    prov.summary = ", ".join(f"{n} {what}" for what, n in counts.items())
