"""iraq_election_seats: the library behind the iraq-election-seats data package.

The public API is what this module names; the command line, the tools, the site and the benchmark
use nothing else. Names are loaded on first use, so that `import iraq_election_seats` stays cheap
and the process can be set up (threads, signals) before pandas and pyarrow are imported.

    import iraq_election_seats as ies
    result = ies.validate("datapackage.json")   # a Result: .valid, .layers, .findings, .verdicts,
                                                #   .typed (tables by resource name), .derived
    derived = ies.derive("datapackage.json")    # a Derived: the derived tables' rows and texts;
                                                #   raises ies.NotValid (with .findings) if not valid
"""

__all__ = [
    "KIND_WORDS",
    "NO_BLOC",
    "Derived",
    "Finding",
    "NotValid",
    "Result",
    "derive",
    "plain",
    "prepare",
    "print_summary",
    "validate",
]

_PUBLIC = {
    "Derived": ("derived", "Derived"),
    "Finding": ("findings", "Finding"),
    # what each kind of reference source is, in words: the README and the site never call an estimate official
    "KIND_WORDS": ("reconciliation", "KIND_WORDS"),
    "NO_BLOC": ("values", "NO_BLOC"),  # the bloc_id of a value cell of the election as a whole
    "NotValid": ("run", "NotValid"),
    "Result": ("run", "Result"),
    "derive": ("run", "derive"),
    "plain": ("values", "plain"),  # a typed cell as a reader writes it, for tools that show values
    "prepare": ("process", "prepare"),  # the process set up as the command's is, for the benchmark
    "print_summary": ("cli", "print_summary"),  # the command's report of a Result, for the release check
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
