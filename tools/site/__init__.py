"""The package's website: every value one click from the sentence it rests on.

    python -m tools.site [--out DIR]   # or: make site

Builds static pages from the package alone (no server, no network, nothing fetched when the pages
are read), after validating the package, so the site shows exactly what validation checked.
"""
