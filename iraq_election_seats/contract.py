"""The tables and columns the rules, the derived tables and the provenance checks read.

A copy of the package may drop a table or a column from its descriptor and Table Schemas and still
pass the first two layers; the later layers would then read what is not there. Each is checked
here, before they run, and is a finding about the package ('needs'), so that a KeyError inside a
rule can only be a fault of the validator's own code, never blamed on the data.
"""

NEEDS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id", "title", "publisher", "date", "url", "path", "sha256", "bytes", "note"),
    "elections": (
        "election_id",
        "name",
        "date",
        "date_status",
        "date_claim_id",
        "date_note",
        "total_seats",
        "total_seats_status",
        "total_seats_claim_id",
        "total_seats_note",
    ),
    "blocs": ("bloc_id", "name_en", "name_ar", "name_source_url", "kind", "note"),
    "bloc-names": ("bloc_id", "name", "source_id", "start", "end", "note"),
    "list-names": ("list_id", "name", "url", "quote"),
    "bloc-links": ("bloc_id", "relation", "other_bloc_id", "election_id", "claim_id"),
    "bloc-participation": (
        "bloc_id",
        "election_id",
        "participation",
        "list_name",
        "claim_id",
        "source_url",
        "source_quote",
        "note",
    ),
    "claims": (
        "claim_id",
        "source_id",
        "quote",
        "start",
        "end",
        "election_id",
        "bloc_id",
        "measure",
        "comparison",
        "value",
        "value_date",
        "ref_election_id",
        "ref_bloc_id",
        "ref_factor",
        "stance",
        "attributed_to",
        "reading",
        "note",
    ),
    "claim-readings": (
        "reading_id",
        "claim_id",
        "preferred",
        "election_id",
        "bloc_id",
        "measure",
        "comparison",
        "value",
        "value_date",
        "status",
        "ref_election_id",
        "ref_bloc_id",
        "ref_factor",
        "reading",
        "note",
    ),
    "seat-results": (
        "election_id",
        "bloc_id",
        "seats",
        "seats_status",
        "seats_claim_id",
        "seats_note",
        "rank",
        "rank_status",
        "rank_claim_id",
        "rank_note",
    ),
    "reference-sources": (
        "ref_source_id",
        "publisher",
        "author",
        "title",
        "date",
        "revision",
        "url",
        "copy",
        "supersedes",
        "kind",
        "coverage",
        "note",
    ),
    "result-stages": (
        "stage_id",
        "election_id",
        "stage",
        "date",
        "authoritative",
        "description",
        "ref_source_id",
        "quote",
    ),
    "reference-lists": ("list_id", "name", "name_ar", "name_source_url", "kind", "note"),
    "reference-results": ("stage_id", "list_id", "ref_source_id", "seats", "votes", "share", "basis", "quote", "note"),
    "reference-facts": ("election_id", "measure", "value", "ref_source_id", "quote"),
    "bloc-reference-links": ("bloc_id", "election_id", "list_id", "relation"),
    "reconciliation": (
        "reconciliation_id",
        "subject",
        "kind",
        "claim_id",
        "election_id",
        "bloc_id",
        "measure",
        "reported",
        "stage_id",
        "ref_source_id",
        "reference",
        "verdict",
        "basis",
        "difference",
        "note",
    ),
    "identifiers": ("bloc_id", "list_id", "scheme", "identifier", "source_url", "quote"),
    "verdicts": ("claim_id", "reading_id", "preferred", "verdict", "judged_by", "detail"),
    "claim-verdicts": ("claim_id", "verdict", "readings"),
    "disagreements": ("topic", "claim_a", "reading_a", "says_a", "claim_b", "reading_b", "says_b", "record"),
}


def missing(typed: dict) -> list[tuple[str, str | None]]:
    """(table, column) pairs the later layers read but the typed tables lack; column None for a whole table."""
    gaps = []
    for table, columns in NEEDS.items():
        if table not in typed:
            gaps.append((table, None))
        else:
            gaps += [(table, column) for column in columns if column not in typed[table].columns]
    return gaps
