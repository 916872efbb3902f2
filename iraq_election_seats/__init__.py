"""iraq_election_seats: the library behind the iraq-election-seats data package.

The public API is what this module names; the command line, the tools, the site and the benchmark
use nothing else. Names are loaded on first use, so that `import iraq_election_seats` stays cheap
and the process can be set up (threads, signals) before pandas and pyarrow are imported.

    import iraq_election_seats as ies
    result = ies.validate("datapackage.json")   # a Result: .valid, .layers, .findings, .verdicts
"""

__all__ = ["Finding", "Result", "show", "validate"]

_PUBLIC = {
    "Finding": ("findings", "Finding"),
    "Result": ("run", "Result"),
    # how every number is written for a reader (73, not 73.0 or np.int64(73)): the findings and the
    # website write values one way
    "show": ("findings", "show"),
    "validate": ("run", "validate"),
}


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'iraq_election_seats' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _PUBLIC[name]
    value = getattr(import_module(f".{module}", __name__), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
