"""Reference data that every layer reads: countries, places and known people.

Extraction finds countries, places and people with it, the RDF layer labels countries with it,
named queries normalise country parameters with it, and the explorer shows its names. It knows
nothing of spaCy or RDF: lookups take and give plain strings and records.

- ``countries``: country names, demonyms and abbreviations to ISO 3166 codes, and back.
- ``places``: venues, countries and cities (GeoNames) by name.
- ``gazetteer``: known people (the hand-made list and the office-holders) by name and surname.

The packaged data sits in ``kb/reference/data/``.
"""
