"""Each kind of corruption fails validation with one clear finding: layer, file, row, column, rule.

Every case breaks a copy of the shipped package in one place and names the finding it must
produce, so each rule of each layer is shown to fail when it should.
"""

import pytest

from conftest import assert_finding

SEATS = "data/seat_results.csv"
CLAIMS = "data/claims.csv"
ELECTIONS = "data/elections.csv"
SOURCES = "data/sources.csv"
NAMES = "data/bloc_names.csv"
PARTICIPATION = "data/bloc_participation.csv"
BRIEF = "seeds/000_298e8f6d201a8252.txt"


def sadrist_2021(p):
    return p.line(SEATS, election_id="cor-2021", bloc_id="sadrist")


def claim(p, claim_id):
    return p.line(CLAIMS, claim_id=claim_id)


def set_row(file, where: dict, **cells):
    """A corruption: set cells of the one row of `file` that matches `where`; it returns that row's line."""

    def mutate(p):
        line = p.line(file, **where)
        for column, value in cells.items():
            p.set_cell(file, line, column, value)
        return line

    return mutate


def set_seats(column, value, **where):
    return set_row(SEATS, where, **{column: value})


def set_claim(target, **cells):
    return set_row(CLAIMS, {"claim_id": target}, **cells)


def set_participation(column, value, **where):
    return set_row(PARTICIPATION, where, **{column: value})


def replace(file, old, new, row):
    def mutate(p):
        p.replace_bytes(file, old, new)
        return row

    return mutate


def in_row(file, old, new, **where):
    """A corruption of bytes inside the one row of `file` that matches `where` (a table whose cells
    hold no newline); it returns that row's line, wherever the row stands."""

    def mutate(p):
        line = p.line(file, **where)
        path = p.root / file
        lines = path.read_bytes().split(b"\n")
        assert old in lines[line - 1], f"{old!r} not in line {line} of {file}"
        lines[line - 1] = lines[line - 1].replace(old, new, 1)
        path.write_bytes(b"\n".join(lines))
        return line

    return mutate


def duplicate_row(p):
    rows = p.rows(SEATS)
    p.write_rows(SEATS, [*rows, rows[0]])
    return len(rows) + 2


def drop_final_newline(p):
    data = (p.root / SEATS).read_bytes()
    (p.root / SEATS).write_bytes(data[:-1])
    return data.count(b"\n")


def drop_huqooq_link(p):
    links = "data/bloc_reference_links.csv"
    p.write_rows(links, [r for r in p.rows(links) if r["bloc_id"] != "huqooq"])


def drop_row(p):
    rows = p.rows(SEATS)
    p.write_rows(SEATS, [r for r in rows if not (r["election_id"] == "cor-2018" and r["bloc_id"] == "huqooq")])
    return None


def change_seed_and_descriptor(p):
    """The source file changes and the descriptor is updated to match; sources.csv still holds the cited file's hash."""
    import hashlib

    p.replace_bytes(BRIEF, b"drone strike", b"drone attack")
    data = (p.root / BRIEF).read_bytes()

    def update(d):
        resource = next(r for r in d["resources"] if r["path"] == BRIEF)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
        resource["bytes"] = len(data)

    p.edit_descriptor(update)
    return p.line(SOURCES, source_id="brief")


def shift_offsets(p):
    line = claim(p, "rasanah-sadrist-2021-seats")
    row = p.rows(CLAIMS)[line - 2]
    p.set_cell(CLAIMS, line, "start", str(int(row["start"]) + 1))
    p.set_cell(CLAIMS, line, "end", str(int(row["end"]) + 1))
    return line


CASES = {
    # layer 1: descriptor and files; layer 2: the Table Schemas on every row
    "type error": (
        set_seats("seats", "seventy-three", election_id="cor-2021", bloc_id="sadrist"),
        "schema",
        "type",
        SEATS,
        "seats",
    ),
    "value below minimum": (
        set_seats("rank", "0", election_id="cor-2021", bloc_id="sadrist"),
        "schema",
        "minimum",
        SEATS,
        "rank",
    ),
    "unknown status": (
        set_seats("seats_status", "reportd", election_id="cor-2021", bloc_id="sadrist"),
        "schema",
        "enum",
        SEATS,
        "seats_status",
    ),
    "missing required value": (
        set_seats("seats_status", "", election_id="cor-2021", bloc_id="sadrist"),
        "schema",
        "required",
        SEATS,
        "seats_status",
    ),
    "id breaks its pattern": (
        set_claim("rasanah-sadrist-2021-seats", claim_id="Rasanah Sadrist"),
        "schema",
        "pattern",
        CLAIMS,
        "claim_id",
    ),
    "duplicate primary key": (duplicate_row, "schema", "primary-key", SEATS, "election_id, bloc_id"),
    "broken foreign key": (
        set_seats("seats_claim_id", "no-such-claim", election_id="cor-2021", bloc_id="sadrist"),
        "schema",
        "foreign-key",
        SEATS,
        "seats_claim_id",
    ),
    "bad date": (
        lambda p: (p.set_cell(ELECTIONS, 3, "date", "2021-10-32"), 3)[1],
        "schema",
        "type",
        ELECTIONS,
        "date",
    ),
    "changed source file": (
        replace(BRIEF, b"drone strike", b"drone attack", None),
        "format",
        "checksum",
        BRIEF,
        None,
    ),
    "byte-order mark": (
        lambda p: (p.replace_bytes(SEATS, b"election_id", b"\xef\xbb\xbfelection_id"), 1)[1],
        "format",
        "encoding",
        SEATS,
        None,
    ),
    "not UTF-8": (
        in_row(SEATS, b"not_reported", b"not_r\xe9ported", election_id="cor-2018", bloc_id="hikma"),
        "format",
        "encoding",
        SEATS,
        None,
    ),
    "CRLF line ends": (
        lambda p: (p.replace_bytes(SEATS, b"\n", b"\r\n", -1), 1)[1],
        "format",
        "line-ending",
        SEATS,
        None,
    ),
    "blank line": (
        in_row(SEATS, b"cor-2018,fatah", b"\ncor-2018,fatah", election_id="cor-2018", bloc_id="fatah"),
        "format",
        "blank-row",
        SEATS,
        None,
    ),
    "no final newline": (
        drop_final_newline,
        "format",
        "final-newline",
        SEATS,
        None,
    ),
    "space before an integer": (
        set_seats("seats", " 73", election_id="cor-2021", bloc_id="sadrist"),
        "format",
        "whitespace",
        SEATS,
        "seats",
    ),
    # layer 2: the rules within a table
    "quote span reversed": (set_claim("rasanah-sadrist-2021-seats", end="3000"), "schema", "span", CLAIMS, "end"),
    "bloc's Arabic name without its source": (
        set_row("data/blocs.csv", {"bloc_id": "fatah"}, name_source_url=""),
        "schema",
        "name-source",
        "data/blocs.csv",
        "name_source_url",
    ),
    "list's Arabic name without its source": (
        set_row("data/reference_lists.csv", {"list_id": "taqaddum"}, name_source_url=""),
        "schema",
        "name-source",
        "data/reference_lists.csv",
        "name_source_url",
    ),
    "allegation without its author": (
        set_claim("rasanah-hanizadeh-rigged", attributed_to=""),
        "schema",
        "attribution",
        CLAIMS,
        "attributed_to",
    ),
    "claim with two values": (
        set_claim("rasanah-sadrist-2021-seats", value_date="2021-10-10"),
        "schema",
        "claim-value",
        CLAIMS,
        "value",
    ),
    "qualitative claim with a comparison": (
        set_claim("brief-audits-corroborated", comparison="="),
        "schema",
        "comparison",
        CLAIMS,
        "comparison",
    ),
    "half a relation": (
        set_claim("rasanah-fatah-rank-decline", ref_bloc_id=""),
        "schema",
        "relation",
        CLAIMS,
        "ref_election_id",
    ),
    "participation with two bases": (
        set_participation("source_url", "https://example.org/x", bloc_id="fatah", election_id="cor-2021"),
        "schema",
        "basis",
        PARTICIPATION,
        "claim_id",
    ),
    "ran without a list name": (
        set_participation("list_name", "", bloc_id="fatah", election_id="cor-2021"),
        "schema",
        "list-name",
        PARTICIPATION,
        "list_name",
    ),
    "seat claim without a bloc": (
        set_claim("rasanah-sadrist-2021-seats", bloc_id=""),
        "schema",
        "claim-bloc",
        CLAIMS,
        "bloc_id",
    ),
    # layer 3: rules across tables
    "gap with a value": (
        set_seats("seats", "0", election_id="cor-2018", bloc_id="sadrist"),
        "rules",
        "gap-has-no-value",
        SEATS,
        "seats",
    ),
    "gap with no reason": (
        set_seats("seats_note", "", election_id="cor-2018", bloc_id="sadrist"),
        "rules",
        "gap-has-reason",
        SEATS,
        "seats_note",
    ),
    "gap naming a claim": (
        set_seats("rank_claim_id", "rasanah-fatah-2021-rank", election_id="cor-2021", bloc_id="huqooq"),
        "rules",
        "gap-has-no-claim",
        SEATS,
        "rank_claim_id",
    ),
    "value with no claim": (
        set_seats("seats_claim_id", "", election_id="cor-2021", bloc_id="sadrist"),
        "rules",
        "reported-has-claim",
        SEATS,
        "seats_claim_id",
    ),
    "reported with no value": (
        set_seats("seats", "", election_id="cor-2021", bloc_id="sadrist"),
        "rules",
        "reported-has-value",
        SEATS,
        "seats",
    ),
    "value differs from its claim": (
        set_seats("seats", "74", election_id="cor-2021", bloc_id="sadrist"),
        "rules",
        "claim-equals-value",
        SEATS,
        "seats",
    ),
    "value names another claim": (
        set_seats("seats_claim_id", "rasanah-taqaddum-2021-seats", election_id="cor-2021", bloc_id="sadrist"),
        "rules",
        "claim-speaks-of-cell",
        SEATS,
        "seats_claim_id",
    ),
    "claim contradicts a second claim's value": (
        lambda p: set_claim("brief-sadrist-largest-bloc-2021", value="2")(p) and sadrist_2021(p),
        "rules",
        "claim-equals-value",
        SEATS,
        "rank",
    ),
    "a reported value left as a gap": (
        lambda p: (
            [
                p.set_cell(SEATS, sadrist_2021(p), c, v)
                for c, v in (
                    ("seats", ""),
                    ("seats_status", "not_reported"),
                    ("seats_claim_id", ""),
                    ("seats_note", "x"),
                )
            ]
            and sadrist_2021(p)
        ),
        "rules",
        "claim-fills-gap",
        SEATS,
        "seats",
    ),
    "a list that did not run with a gap of the wrong kind": (
        set_seats("seats_status", "not_reported", election_id="cor-2018", bloc_id="taqaddum"),
        "rules",
        "participation",
        SEATS,
        "seats_status",
    ),
    "a list that ran with no applicable seats": (
        lambda p: (
            set_participation("participation", "own_list", bloc_id="nasr", election_id="cor-2021")(p)
            and p.line(SEATS, election_id="cor-2021", bloc_id="nasr")
        ),
        "rules",
        "participation",
        SEATS,
        "seats_status",
    ),
    "coalition member not marked as inside a list": (
        lambda p: (
            set_participation("participation", "own_list", bloc_id="nasr", election_id="cor-2021")(p)
            and p.line("data/bloc_links.csv", bloc_id="nasr", relation="member_of")
        ),
        "rules",
        "participation",
        "data/bloc_links.csv",
        "relation",
    ),
    "a bloc that ran with no reference list": (
        drop_huqooq_link,
        "rules",
        "reference-link",
        "data/bloc_reference_links.csv",
        "bloc_id",
    ),
    "missing election-bloc row": (drop_row, "rules", "complete", SEATS, "bloc_id"),
    "seats above the chamber": (
        set_seats("seats", "330", election_id="cor-2021", bloc_id="sadrist"),
        "rules",
        "seats-within-total",
        SEATS,
        "seats",
    ),
    "place disagrees with seats": (
        lambda p: (
            set_seats("rank", "3", election_id="cor-2021", bloc_id="sadrist")(p)
            and p.line(SEATS, election_id="cor-2021", bloc_id="taqaddum")
        ),
        "rules",
        "rank-agrees-with-seats",
        SEATS,
        "rank",
    ),
    # layer 4: provenance
    "changed quote": (
        set_claim(
            "rasanah-sadrist-2021-seats",
            quote="The cross-sectarian bloc of Muqtada al-Sadr was the largest vote winner, securing 74 seats",
        ),
        "provenance",
        "quote-stands",
        CLAIMS,
        "quote",
    ),
    "shifted offsets": (shift_offsets, "provenance", "quote-stands", CLAIMS, "start"),
    "misplaced spelling": (
        lambda p: (p.set_cell(NAMES, 2, "start", "3210"), 2)[1],
        "provenance",
        "quote-stands",
        NAMES,
        "start",
    ),
    "number not in its quote": (
        set_claim("rasanah-fatah-2021-rank", value="4"),
        "provenance",
        "number-in-quote",
        CLAIMS,
        "value",
    ),
    "factor not in its quote": (
        set_claim("brief-fatah-lost-over-half", ref_factor="0.25"),
        "provenance",
        "number-in-quote",
        CLAIMS,
        "ref_factor",
    ),
    "date not in its quote": (
        lambda p: (
            [p.set_cell(ELECTIONS, 3, "date", "2021-10-11")]
            and set_claim("brief-2021-election-date", value_date="2021-10-11")(p)
        ),
        "provenance",
        "date-in-quote",
        CLAIMS,
        "value_date",
    ),
    "source file no longer the cited one": (
        change_seed_and_descriptor,
        "provenance",
        "source-checksum",
        SOURCES,
        "sha256",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_corruption_is_caught(package, case):
    mutate, layer, rule, file, column = CASES[case]
    row = mutate(package)
    assert_finding(package.validate(), layer=layer, rule=rule, file=file, row=row, column=column)


IN_SEATS = [case for case, (_, _, _, file, _) in CASES.items() if file == SEATS]


@pytest.mark.parametrize("case", IN_SEATS)
def test_corruption_is_caught_on_the_large_table_path(deep_package, case):
    """The same corruption of seat_results.csv, enlarged to 2,000 rows with the shipped ones last so
    that it stands far from the first rows, is caught with the same rule at its own place."""
    mutate, layer, rule, file, column = CASES[case]
    row = mutate(deep_package)
    # a byte-order mark and line ends are the file's own, found at its first line
    assert row in (None, 1) or row > 1900, f"the corruption stands on row {row}, not far down the table"
    assert_finding(deep_package.validate(), layer=layer, rule=rule, file=file, row=row, column=column)
