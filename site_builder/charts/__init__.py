"""Charts: each indicator's chart as a Vega-Lite spec and as SVG/PNG drawn by vl-convert, cached by spec hash.
Takes the model; gives bytes and specs to open data and pages."""
