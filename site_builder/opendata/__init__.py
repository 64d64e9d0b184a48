"""Open data: what journalists take away — the package zip, tables, workbook, per-indicator files, JSON API, DCAT
catalogue, feeds, citations and data versions. Takes the model and chart bytes; knows nothing of pages."""
