"""One row per thing a researcher looks for (bloc, list, claim, report, source of the record),
with every name it goes by and the elections, stages, reports and verdicts it touches.

The index lists them all in its HTML, so nothing is hidden without scripts; the site's script
filters the rows by those facets and by the words typed.
"""

from tools.site.evidence import Evidence

FACETS = ("kind", "election", "stage", "report", "verdict")


def row(kind, key, href, name, name_ar=None, also=(), **facets) -> dict:
    return {
        "kind": kind,
        "id": key,
        "href": href,
        "name": name,
        "name_ar": name_ar,
        "also": sorted({a for a in also if a and a not in (name, name_ar)}),
        **{facet: sorted({v for v in facets.get(facet, ()) if v}) for facet in FACETS if facet != "kind"},
    }


def rows(ev: Evidence) -> list[dict]:
    claims_of = {}
    for claim in ev.claims.values():
        for bloc in (claim["bloc_id"], claim.get("ref_bloc_id")):
            if bloc:
                claims_of.setdefault(bloc, []).append(claim)
    names_of = {}
    for name in ev.tables.get("bloc-names", []):
        names_of.setdefault(name["bloc_id"], []).append(name)
    links = ev.tables.get("bloc-reference-links", [])
    results = ev.tables.get("reference-results", [])
    stages_of_list = {}
    for result in results:
        stages_of_list.setdefault(result["list_id"], set()).add(result["stage_id"])
    stages_of_claim = {}
    for r in ev.reconciliation:
        stages_of_claim.setdefault(r["claim_id"], set()).add(r["stage_id"])
    found = []
    for bloc_id, bloc in ev.blocs.items():
        own = claims_of.get(bloc_id, [])
        lists = {link["list_id"] for link in links if link["bloc_id"] == bloc_id}
        found.append(
            row(
                "bloc",
                bloc_id,
                f"blocs/{bloc_id}.html",
                bloc["name_en"],
                bloc["name_ar"],
                [n["name"] for n in names_of.get(bloc_id, [])],
                election={
                    c["election_id"] for c in ev.cells if c["bloc_id"] == bloc_id and c["status"] != "not_applicable"
                },
                stage=set().union(*(stages_of_list.get(li, set()) for li in lists)),
                report={c["source_id"] for c in own} | {n["source_id"] for n in names_of.get(bloc_id, [])},
                verdict={ev.claim_verdict(c["claim_id"]) for c in own},
            )
        )
    for list_id, listed in ev.index("reference-lists", "list_id").items():
        stages = stages_of_list.get(list_id, set())
        found.append(
            row(
                "list",
                list_id,
                f"lists/{list_id}.html",
                listed["name"],
                listed["name_ar"],
                election={ev.stages[s]["election_id"] for s in stages}
                | {link["election_id"] for link in links if link["list_id"] == list_id},
                stage=stages,
            )
        )
    for claim_id, claim in ev.claims.items():
        found.append(
            row(
                "claim",
                claim_id,
                f"claims/{claim_id}.html",
                claim["reading"],
                also=[claim["quote"], claim_id],
                election={claim["election_id"], claim.get("ref_election_id")},
                stage=stages_of_claim.get(claim_id, set()),
                report={claim["source_id"]},
                verdict={ev.claim_verdict(claim_id)},
            )
        )
    for source_id, source in ev.sources.items():
        found.append(
            row(
                "report",
                source_id,
                f"tables/sources.html#{source_id}",
                source["title"] or f"Untitled report ({source_id})",
                also=[source["publisher"], source_id],
                election={c["election_id"] for c in ev.claims.values() if c["source_id"] == source_id},
                report={source_id},
                verdict={ev.claim_verdict(c) for c, claim in ev.claims.items() if claim["source_id"] == source_id},
            )
        )
    for ref_id, source in ev.reference_sources.items():
        stages = {r["stage_id"] for r in results if r["ref_source_id"] == ref_id} | {
            s["stage_id"] for s in ev.stages.values() if s.get("ref_source_id") == ref_id
        }
        found.append(
            row(
                "source",
                ref_id,
                f"tables/reference-sources.html#{ref_id}",
                f"{source['publisher']}: {source['title']}" if source.get("title") else source["publisher"],
                also=[ref_id, source.get("author"), source.get("url")],
                election={ev.stages[s]["election_id"] for s in stages}
                | {f["election_id"] for f in ev.tables.get("reference-facts", []) if f["ref_source_id"] == ref_id},
                stage=stages,
                verdict={r["verdict"] for r in ev.reconciliation if r["ref_source_id"] == ref_id},
            )
        )
    return found


def options(found: list[dict]) -> dict:
    """The values each facet takes, for the filter controls."""
    return {
        facet: sorted({r[facet] for r in found} if facet == "kind" else {v for r in found for v in r[facet]})
        for facet in FACETS
    }
