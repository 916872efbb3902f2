"""Running the four layers in order and collecting what each found."""

from dataclasses import dataclass, field

from . import frictionless_layer, pandera_layer, provenance, rules
from .findings import Finding
from .package import DataPackage, PackageRefused, open_package

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
        }


def validate(descriptor: str) -> Result:
    """Run every layer; a layer runs only when the ones before it passed."""
    result = Result(descriptor)
    first, pandera, cross, prov = result.layers
    try:
        package: DataPackage = open_package(descriptor)
    except PackageRefused as refused:
        first.findings, first.ran = refused.findings, True
        return result
    result.version = package.descriptor.get("version")
    frames, typed = {}, {}
    first.findings, first.ran = frictionless_layer.check(package, frames), True
    first.summary = f"{len(package.tables)} tables, {len(package.files)} source files"
    if first.findings:
        return result
    pandera.findings, pandera.ran = pandera_layer.check(package, frames, typed), True
    pandera.summary = f"{sum(len(f) for f in typed.values())} rows in {len(typed)} tables"
    if pandera.findings:
        return result
    cross.findings, result.verdicts, cells = rules.check(package, typed)
    cross.ran = True
    result.values = {status: int(n) for status, n in sorted(cells["status"].value_counts().items())}
    cross.summary = f"{len(rules.RULES)} rules, {len(result.verdicts)} relational claims evaluated"
    prov.findings, counts = provenance.check(package, typed)
    prov.ran = True
    prov.summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    return result
