"""What search engines and fact-check readers take from the pages: schema.org JSON-LD.

The index describes the package as a `Dataset` (what dataset search indexes), with one download
per table; each judged claim's page carries a `ClaimReview` (what fact-check aggregators read),
whose rating is the claim's verdict over its readings. Everything comes from the package's own
files: the descriptor, CITATION.cff and the tables.
"""

import json

from markupsafe import Markup

from tools.site.evidence import Evidence

# A claim's verdict on a numeric scale from worst to best, as fact-check markup asks for beside the
# words. Verdicts that judge nothing (undetermined, not judged) have no place on it and get no review.
RATING_SCALE = {
    "contradicted_under_every_reading": 1,
    "contradicted_where_judged": 2,
    "depends_on_reading": 3,
    "holds_where_judged": 4,
    "holds_under_every_reading": 5,
}
PLACE = {"@type": "Place", "name": "Iraq"}  # the package's subject: the elections of one country


def script(data: dict) -> Markup:
    """A JSON-LD script element; '</' is escaped so no value can close the element early."""
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return Markup(f'<script type="application/ld+json">\n{text}\n</script>')


def creators(cff: dict) -> list[dict]:
    return [
        {"@type": "Organization", "name": a["name"]}
        if "name" in a
        else {"@type": "Person", "givenName": a.get("given-names", ""), "familyName": a.get("family-names", "")}
        for a in cff["authors"]
    ]


def election_days(ev: Evidence) -> list[str]:
    """The day of each election on which every source of the record agrees (a day the sources
    dispute is left out rather than chosen)."""
    days = {}
    for fact in ev.tables.get("reference-facts", []):
        if fact["measure"] == "election_date":
            days.setdefault(fact["election_id"], set()).add(str(fact["value"]))
    return sorted(next(iter(found)) for found in days.values() if len(found) == 1)


def dataset(ev: Evidence, cff: dict, base: str, archive: dict | None) -> dict:
    """The package as a schema.org Dataset, with a CSV and a JSON download of every table."""
    descriptor = ev.descriptor
    downloads = []
    for resource in ev.resources:
        title = resource.get("title") or resource["name"]
        downloads.append(
            {
                "@type": "DataDownload",
                "name": f"{title} (CSV)",
                "encodingFormat": "text/csv",
                "contentUrl": base + resource["path"],
            }
        )
        downloads.append(
            {
                "@type": "DataDownload",
                "name": f"{title} (JSON)",
                "encodingFormat": "application/json",
                "contentUrl": f"{base}json/{resource['name']}.json",
            }
        )
    if archive:
        downloads.insert(
            0,
            {
                "@type": "DataDownload",
                "name": "The whole package (zip)",
                "encodingFormat": "application/zip",
                "contentUrl": base + archive["path"],
                "sha256": archive["sha256"],
                "contentSize": f"{archive['bytes']} bytes",
            },
        )
    days = election_days(ev)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": descriptor.get("title") or descriptor["name"],
        "alternateName": descriptor["name"],
        "description": descriptor["description"],
        "version": descriptor.get("version"),
        "url": base + "index.html",
        "license": [license["path"] for license in descriptor.get("licenses", []) if license.get("path")],
        "creator": creators(cff),
        "keywords": descriptor.get("keywords", []),
        "isAccessibleForFree": True,
        "datePublished": str(cff.get("date-released", "")) or None,
        "citation": [ref["title"] for ref in cff.get("references", []) if ref.get("title")],
        "spatialCoverage": PLACE,
        "temporalCoverage": f"{days[0]}/{days[-1]}" if len(days) > 1 else (days[0] if days else None),
        "variableMeasured": sorted({cell["measure"] for cell in ev.cells}),
        "distribution": downloads,
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


def claim_review(ev: Evidence, cff: dict, base: str, claim_id: str, summary: str) -> dict | None:
    """A judged claim as a schema.org ClaimReview: the claim as the report makes it, the report it
    appears in, the verdict as the rating (its words, and its place on RATING_SCALE), and the
    sentence naming the readings the verdict rests on. None for a claim nothing judges."""
    overall = ev.claim_verdict(claim_id)
    if overall not in RATING_SCALE:
        return None
    claim = ev.claims[claim_id]
    source = ev.sources[claim["source_id"]]
    report = {
        "@type": "CreativeWork",
        "name": source["title"] or f"untitled report ({source['source_id']})",
        "url": source["url"] or base + source["path"],
        "datePublished": source["date"],
        "author": {"@type": "Organization", "name": source["publisher"]} if source["publisher"] else None,
    }
    report = {k: v for k, v in report.items() if v is not None}
    item = {"@type": "Claim", "appearance": report, "firstAppearance": report, "text": claim["quote"]}
    item |= {k: report[k] for k in ("author", "datePublished") if k in report}
    dataset_author = {"@type": "Organization", "name": creators(cff)[0].get("name"), "url": base + "index.html"}
    words = overall.replace("_", " ")
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base}claims/{claim_id}.html",
        "name": f"Claim {claim_id}: {words}",
        "claimReviewed": claim["reading"],
        "datePublished": str(cff.get("date-released", "")),
        "author": dataset_author,
        "itemReviewed": item,
        "reviewRating": {
            "@type": "Rating",
            "alternateName": words,
            "name": words,
            "ratingValue": RATING_SCALE[overall],
            "bestRating": max(RATING_SCALE.values()),
            "worstRating": min(RATING_SCALE.values()),
            "ratingExplanation": summary,
        },
    }
