"""iraq_election_seats: the library behind the iraq-election-seats data package.

The public API is what this module names; the command line, the tools, the site and the benchmark
use nothing else. Names are loaded on first use, so that `import iraq_election_seats` stays cheap
and the process can be set up (threads, signals) before pandas and pyarrow are imported.

    import iraq_election_seats as ies
    result = ies.validate("datapackage.json")   # a Result: .valid, .layers, .findings, .verdicts,
                                                #   .typed (tables by resource name), .derived
    ies.RULES                                   # the rule catalogue: code, layer, reads, protects
    derived = ies.derive("datapackage.json")    # a Derived: the derived tables' rows and texts;
                                                #   raises ies.NotValid (with .findings) if not valid
"""

# The text checker is public so that tools (its evaluation) and other readers of quotes use it
# as users do: record_tables + Record read the record once, check_text judges a text against it;
# read_text, Names and Election read a text or a single quote without the record (and without pandas).
_PUBLIC = {
    "Derived": ("derived", "Derived"),
    "Election": ("text_reader", "Election"),
    "FAILS": ("verdicts", "FAILS"),  # the verdicts of a reading that the record contradicts
    "Finding": ("findings", "Finding"),
    # what each kind of reference source is, in words: the README and the site never call an estimate official
    "KIND_WORDS": ("reconciliation", "KIND_WORDS"),
    "HOLDS": ("verdicts", "HOLDS"),  # the verdicts of a reading that the record bears out
    "NO_BLOC": ("values", "NO_BLOC"),  # the bloc_id of a value cell of the election as a whole
    "Names": ("text_reader", "Names"),
    "NotValid": ("run", "NotValid"),
    "RULES": ("catalogue", "RULES"),
    "Record": ("checker", "Record"),
    "Result": ("run", "Result"),
    "Rule": ("findings", "Rule"),
    "check_text": ("checker", "check_text"),
    "derive": ("run", "derive"),
    "list_rules": ("catalogue", "listing"),  # the catalogue as text, as --list-rules prints it
    "plain": ("display", "plain"),  # a typed cell as a reader writes it, for tools that show values
    "prepare": ("process", "prepare"),  # the process set up as the command's is, for the benchmark
    "print_summary": ("cli", "print_summary"),  # the command's report of a Result, for the release check
    "read_text": ("text_reader", "read"),
    "record_tables": ("checker", "record_tables"),
    "rules_markdown": ("catalogue", "markdown"),  # the catalogue as the README's table
    "show": ("display", "show"),  # how a number is written for a reader (73, not 73.0), everywhere
    "validate": ("run", "validate"),
}
__all__ = sorted(_PUBLIC)


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
