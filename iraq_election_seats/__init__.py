"""iraq_election_seats: the library behind the iraq-election-seats data package.

The public API is what this module names; the command line, the tools, the site and the benchmark
use nothing else. Names are loaded on first use, so that `import iraq_election_seats` stays cheap
and the process can be set up (threads, signals) before pandas and pyarrow are imported.

    import iraq_election_seats as ies
    result = ies.validate("datapackage.json")   # a Result: .valid, .layers, .findings, .verdicts
"""

__all__ = ["Election", "Finding", "Names", "Record", "Result", "check_text", "read_text", "record_tables", "validate"]

# The text checker is public so that tools (its evaluation) and other readers of quotes use it
# as users do: record_tables + Record read the record once, check_text judges a text against it;
# read_text, Names and Election read a text or a single quote without the record (and without pandas).
_PUBLIC = {
    "Election": ("text_reader", "Election"),
    "Finding": ("findings", "Finding"),
    "Names": ("text_reader", "Names"),
    "Record": ("checker", "Record"),
    "Result": ("run", "Result"),
    "check_text": ("checker", "check_text"),
    "read_text": ("text_reader", "read"),
    "record_tables": ("checker", "record_tables"),
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
