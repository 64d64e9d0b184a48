"""Model: the validated tables in DuckDB, the SQL that shapes them, and the typed, frozen objects the pages and
open data are made from (the site, its indicators, commitments and their progress)."""
